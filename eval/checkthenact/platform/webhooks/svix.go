package webhooks

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

// StandardWebhooks receives Standard-Webhooks-signed deliveries from several
// internal producers and dedups them in three different ways, one per route.
type StandardWebhooks struct {
	rdb redis.UniversalClient
}

func NewStandardWebhooks(rdb redis.UniversalClient) *StandardWebhooks {
	return &StandardWebhooks{rdb: rdb}
}

// Billing claims the id in one hash with HSETNX.
func (s *StandardWebhooks) Billing(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.Header.Get("webhook-id")
	if ok, _ := s.rdb.HExists(ctx, "webhooks:billing", id).Result(); ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	claimed, err := s.rdb.HSetNX(ctx, "webhooks:billing", id, time.Now().Unix()).Result()
	if err != nil || !claimed {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = effects.Notify(ctx, "billing", id)
	w.WriteHeader(http.StatusOK)
}

// Accounts claims with SADD and checks how many members were added.
func (s *StandardWebhooks) Accounts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.Header.Get("webhook-id")
	added, err := s.rdb.SAdd(ctx, "webhooks:accounts:seen", id).Result()
	if err != nil {
		http.Error(w, "redis", http.StatusServiceUnavailable)
		return
	}
	if added == 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = effects.SendEmail(ctx, "accounts@example.com", "account-changed")
	w.WriteHeader(http.StatusOK)
}

// Usage claims with INCR: the first delivery sees 1.
func (s *StandardWebhooks) Usage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := "webhooks:usage:" + r.Header.Get("webhook-id")
	n, err := s.rdb.Incr(ctx, key).Result()
	if err != nil {
		http.Error(w, "redis", http.StatusServiceUnavailable)
		return
	}
	if n == 1 {
		s.rdb.Expire(ctx, key, 24*time.Hour)
	}
	if n > 1 {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = effects.Notify(ctx, "usage", key)
	w.WriteHeader(http.StatusOK)
}
