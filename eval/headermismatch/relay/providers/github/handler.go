// Package github receives GitHub App webhooks.
package github

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
)

type Handler struct {
	secret []byte
	ledger *dedup.Ledger
	claims *dedup.Store
	log    *slog.Logger
	jobs   chan<- Job
}

type Job struct {
	Event    string
	Delivery string
	Payload  json.RawMessage
}

func NewHandler(secret []byte, l *dedup.Ledger, c *dedup.Store, log *slog.Logger, jobs chan<- Job) *Handler {
	return &Handler{secret: secret, ledger: l, claims: c, log: log, jobs: jobs}
}

func validSignature(secret, body []byte, header string) bool {
	sig, ok := strings.CutPrefix(header, "sha256=")
	if !ok {
		return false
	}
	want, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hmac.Equal(m.Sum(nil), want)
}

func (h *Handler) read(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 25<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return nil, false
	}
	if !validSignature(h.secret, body, r.Header.Get(hdr.GitHubSignature)) {
		http.Error(w, "signature mismatch", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// ServeHTTP is the App's main webhook: push, pull_request, check_suite.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, ok := h.read(w, r)
	if !ok {
		return
	}
	event := r.Header.Get("X-GitHub-Event")
	delivery := r.Header.Get("X-GitHub-Delivery")
	h.log.Info("github webhook", "event", event, "delivery", delivery,
		"hook_id", r.Header.Get("X-GitHub-Hook-ID"),
		"installation", r.Header.Get("X-GitHub-Hook-Installation-Target-ID"))
	fresh, err := h.ledger.Record(r.Context(), "github", delivery)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.jobs <- Job{Event: event, Delivery: delivery, Payload: body}
	w.WriteHeader(http.StatusAccepted)
}

// IssuesBot is the second App (triage bot) that shares this process.
func (h *Handler) IssuesBot(w http.ResponseWriter, r *http.Request) {
	body, ok := h.read(w, r)
	if !ok {
		return
	}
	if r.Header.Get(hdr.GitHubEvent) != "issues" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	fresh, err := h.claims.Claim(r.Context(), "gh-issues:"+key)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.jobs <- Job{Event: "issues", Payload: body}
}
