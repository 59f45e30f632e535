// want package:"sends X-Event-Id"
// Package hmchi is a chi service that forwards events with X-Event-Id.
package hmchi

import (
	"context"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/redis/go-redis/v9"
)

func forward(ctx context.Context, url, eventID string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header = http.Header{"X-Event-Id": {eventID}}
	_, err = http.DefaultClient.Do(req)
	return err
}

func routes(rdb *redis.Client) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Post("/events/{id}", func(w http.ResponseWriter, req *http.Request) {
		rid := req.Header.Get("X-Request-Id") // want `dedup key comes from per-request header "X-Request-Id", which changes on every retry`
		if rdb.Incr(req.Context(), "evt:"+rid).Val() > 1 {
			return
		}
	})
	// Not reported: chi's request id from the context is not a header read here,
	// and the sender's header is the right key.
	r.Post("/ok", func(w http.ResponseWriter, req *http.Request) {
		println(middleware.GetReqID(req.Context()), chi.URLParam(req, "id"))
		if ok, _ := rdb.SetNX(req.Context(), "evt:"+req.Header.Get("X-Event-Id"), 1, time.Hour).Result(); !ok {
			return
		}
	})
	return r
}
