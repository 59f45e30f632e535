// Package gitlab receives GitLab project and group webhooks (chi).
package gitlab

import (
	"crypto/subtle"
	"io"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
)

type CI interface {
	Push(project string, payload []byte) error
	Pipeline(project string, payload []byte) error
	MergeRequest(project string, payload []byte) error
}

type Hooks struct {
	token  string
	claims *dedup.Store
	ledger *dedup.Ledger
	ci     CI
	log    *slog.Logger
}

func New(token string, c *dedup.Store, l *dedup.Ledger, ci CI, log *slog.Logger) *Hooks {
	return &Hooks{token: token, claims: c, ledger: l, ci: ci, log: log}
}

func (h *Hooks) Mount(r chi.Router) {
	r.Route("/gitlab/{project}", func(r chi.Router) {
		r.Use(h.authenticate)
		r.Post("/push", h.push)
		r.Post("/pipeline", h.pipeline)
		r.Post("/merge-request", h.mergeRequest)
	})
}

func (h *Hooks) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get(hdr.GitLabToken)
		if subtle.ConstantTimeCompare([]byte(got), []byte(h.token)) != 1 {
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		h.log.Info("gitlab hook", "event", r.Header.Get(hdr.GitLabEvent),
			"event_uuid", r.Header.Get("X-Gitlab-Event-UUID"),
			"webhook_uuid", r.Header.Get("X-Gitlab-Webhook-UUID"),
			"instance", r.Header.Get("X-Gitlab-Instance"))
		next.ServeHTTP(w, r)
	})
}

func (h *Hooks) push(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Gitlab-Event") != "Push Hook" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	fresh, err := h.claims.Claim(r.Context(), "gitlab-push:"+key)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	body, _ := io.ReadAll(r.Body)
	_ = h.ci.Push(chi.URLParam(r, "project"), body)
}

func (h *Hooks) pipeline(w http.ResponseWriter, r *http.Request) {
	keys := r.Header["Idempotency-Key"]
	if len(keys) == 0 {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	fresh, err := h.ledger.Record(r.Context(), "gitlab-pipeline", keys[0])
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	body, _ := io.ReadAll(r.Body)
	_ = h.ci.Pipeline(chi.URLParam(r, "project"), body)
}

func (h *Hooks) mergeRequest(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(hdr.GitLabEvent) != "Merge Request Hook" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	id := r.Header.Get("X-Delivery-Id") // BUG: headermismatch
	fresh, err := h.claims.Claim(r.Context(), "gitlab-mr:"+id)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	body, _ := io.ReadAll(r.Body)
	_ = h.ci.MergeRequest(chi.URLParam(r, "project"), body)
}
