package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"time"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/relay/client"
)

func verifyGitHub(secret string, body []byte, sigHeader string) bool {
	got, ok := strings.CutPrefix(sigHeader, "sha256=")
	if !ok {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hmac.Equal([]byte(got), []byte(hex.EncodeToString(m.Sum(nil))))
}

// GitHub handles the org-level repository webhooks.
func (s *Service) GitHub(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 25<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	if !verifyGitHub(s.secrets.GitHub, body, r.Header.Get("X-Hub-Signature-256")) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	event := r.Header.Get("X-GitHub-Event")
	delivery := r.Header.Get("X-GitHub-Delivery")
	s.log.Info("github webhook", "event", event, "delivery", delivery,
		"hook_id", r.Header.Get("X-GitHub-Hook-ID"))
	if event == "ping" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	ctx := r.Context()
	first, err := s.seen.Claim(ctx, "github:"+delivery)
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: delivery, Provider: "github", Type: event, ReceivedAt: time.Now(), Payload: body}
	if err := s.forward(ctx, "github:"+delivery, env); err != nil {
		http.Error(w, "forward", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// GitHubApp handles installation and installation_repositories events of
// our GitHub App; it has its own secret.
func (s *Service) GitHubApp(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 25<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	if !verifyGitHub(s.secrets.GitHubApp, body, r.Header.Get("X-Hub-Signature-256")) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	ids := r.Header["X-GitHub-Delivery"] // BUG: headermismatch
	if len(ids) == 0 {
		http.Error(w, "missing delivery", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	first, err := s.rdb.SetNX(ctx, "ghapp:"+ids[0], 1, dedup.Window).Result()
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: ids[0], Provider: "github-app", Type: r.Header.Get("X-GitHub-Event"), ReceivedAt: time.Now(), Payload: body}
	if err := s.fwd.Forward(ctx, s.targets["github-app"], env); err != nil {
		s.rdb.Del(ctx, "ghapp:"+ids[0])
		http.Error(w, "forward", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// GitHubMarketplace handles marketplace_purchase events.
func (s *Service) GitHubMarketplace(w http.ResponseWriter, r *http.Request) {
	sig := r.Header.Get("X-Hub-Signature-256")
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || !verifyGitHub(s.secrets.GitHubMarketplace, body, sig) {
		http.Error(w, "bad request", http.StatusUnauthorized)
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	if !s.mem.Claim("marketplace:" + key) {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: key, Provider: "github-marketplace", Type: "marketplace_purchase", ReceivedAt: time.Now(), Payload: body}
	if err := s.fwd.Forward(r.Context(), s.targets["github-marketplace"], env); err != nil {
		http.Error(w, "forward", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// GitHubSponsors handles sponsorship events. A delivery must carry exactly
// one delivery id; the map index is deliberate (Get would hide duplicates).
func (s *Service) GitHubSponsors(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || !verifyGitHub(s.secrets.GitHub, body, r.Header.Get("X-Hub-Signature-256")) {
		http.Error(w, "bad request", http.StatusUnauthorized)
		return
	}
	d := r.Header["X-Github-Delivery"]
	if len(d) != 1 {
		http.Error(w, "expected one X-GitHub-Delivery", http.StatusBadRequest)
		return
	}
	first, err := s.seen.Claim(r.Context(), "sponsors:"+d[0])
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: d[0], Provider: "github-sponsors", Type: "sponsorship", ReceivedAt: time.Now(), Payload: body}
	_ = s.forward(r.Context(), "sponsors:"+d[0], env)
	w.WriteHeader(http.StatusAccepted)
}
