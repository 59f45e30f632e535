package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

type pushEvent struct {
	After      string `json:"after"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

type GitHubHandler struct {
	rdb *redis.Client
}

func NewGitHubHandler(rdb *redis.Client) *GitHubHandler { return &GitHubHandler{rdb: rdb} }

// ServeHTTP acknowledges at once and builds in the background.
func (h *GitHubHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	delivery := r.Header.Get("X-GitHub-Delivery")
	key := "gh:delivery:" + delivery
	n, err := h.rdb.Exists(r.Context(), key).Result()
	if err != nil {
		http.Error(w, "redis", http.StatusServiceUnavailable)
		return
	}
	if n > 0 {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	var ev pushEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if err := effects.TriggerBuild(ctx, ev.Repository.FullName, ev.After); err != nil {
			slog.Error("build", "err", err)
			return
		}
		h.rdb.Set(ctx, key, "done", 72*time.Hour) // BUG: checkthenact
	}()
}

// GitHubV2Handler claims the delivery with SET NX EX through SetArgs.
type GitHubV2Handler struct {
	rdb *redis.Client
}

func (h *GitHubV2Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	delivery := r.Header.Get("X-GitHub-Delivery")
	key := "gh:delivery:" + delivery
	n, _ := h.rdb.Exists(r.Context(), key).Result()
	if n > 0 {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	res, err := h.rdb.SetArgs(r.Context(), key, "claimed", redis.SetArgs{Mode: "NX", TTL: 72 * time.Hour}).Result()
	if err == redis.Nil || res != "OK" {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	var ev pushEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		h.rdb.Del(r.Context(), key)
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	go func() {
		ctx := context.WithoutCancel(r.Context())
		if err := effects.TriggerBuild(ctx, ev.Repository.FullName, ev.After); err != nil {
			h.rdb.Del(ctx, key)
			return
		}
		h.rdb.Set(ctx, key, "done", 72*time.Hour)
	}()
}
