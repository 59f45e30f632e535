// Package ghhooks receives GitHub App webhooks.
package ghhooks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/hooks/internal/sig"
)

type Handler struct {
	Secret    string
	Pool      *pgxpool.Pool
	CI        string // base URL of the build service
	SlackHook string
	HTTP      *http.Client
	Log       *slog.Logger
}

type pushEvent struct {
	After      string `json:"after"`
	Ref        string `json:"ref"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

type issuesEvent struct {
	Action string `json:"action"`
	Issue  struct {
		Number int    `json:"number"`
		Title  string `json:"title"`
	} `json:"issue"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

type installationEvent struct {
	Action       string `json:"action"`
	Installation struct {
		ID      int64 `json:"id"`
		Account struct {
			Login string `json:"login"`
		} `json:"account"`
	} `json:"installation"`
}

func (h *Handler) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return nil, false
	}
	if !sig.GitHub(h.Secret, r.Header.Get("X-Hub-Signature-256"), body) {
		w.WriteHeader(http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// ServeHTTP handles POST /hooks/github.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verified(w, r)
	if !ok {
		return
	}
	delivery := r.Header.Get("X-GitHub-Delivery")
	ctx := r.Context()
	switch r.Header.Get("X-GitHub-Event") {
	case "ping":
		h.Log.Info("github ping", "delivery", delivery)
	case "push":
		var ev pushEvent
		if err := json.Unmarshal(body, &ev); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if err := h.triggerBuild(ctx, delivery, ev); err != nil {
			http.Error(w, "build service unavailable", http.StatusBadGateway)
			return
		}
	case "installation":
		var ev installationEvent
		if err := json.Unmarshal(body, &ev); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var err error
		if ev.Action == "deleted" {
			_, err = h.Pool.Exec(ctx, `DELETE FROM installations WHERE id = $1`, ev.Installation.ID)
		} else {
			_, err = h.Pool.Exec(ctx, `INSERT INTO installations (id, account) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET account = EXCLUDED.account`, ev.Installation.ID, ev.Installation.Account.Login)
		}
		if err != nil {
			http.Error(w, "db", http.StatusInternalServerError)
			return
		}
	case "issues":
		var ev issuesEvent
		if err := json.Unmarshal(body, &ev); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if _, err := h.Pool.Exec(ctx, `INSERT INTO issue_activity (repo, number, action, title) VALUES ($1, $2, $3, $4)`, // BUG: missingkey
			ev.Repository.FullName, ev.Issue.Number, ev.Action, ev.Issue.Title); err != nil {
			http.Error(w, "db", http.StatusInternalServerError)
			return
		}
	case "release":
		var ev struct {
			Action  string `json:"action"`
			Release struct {
				TagName string `json:"tag_name"`
				HTMLURL string `json:"html_url"`
			} `json:"release"`
		}
		if err := json.Unmarshal(body, &ev); err != nil || ev.Action != "published" {
			break
		}
		go h.announce(context.WithoutCancel(ctx), ev.Release.TagName, ev.Release.HTMLURL) // AMBIG: missingkey
	}
	w.WriteHeader(http.StatusAccepted)
}

// triggerBuild asks the build service to build the pushed commit; the build
// service drops repeated Idempotency-Keys.
func (h *Handler) triggerBuild(ctx context.Context, delivery string, ev pushEvent) error {
	payload, _ := json.Marshal(map[string]string{"repo": ev.Repository.FullName, "sha": ev.After, "ref": ev.Ref})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.CI+"/v1/builds", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "gh-"+delivery)
	resp, err := h.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("build service: %s", resp.Status)
	}
	return nil
}

// announce posts a release note to the team's Slack channel.
func (h *Handler) announce(ctx context.Context, tag, url string) {
	payload, _ := json.Marshal(map[string]string{"text": "Released " + tag + ": " + url})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.SlackHook, bytes.NewReader(payload))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.HTTP.Do(req)
	if err != nil {
		h.Log.Warn("slack", "err", err)
		return
	}
	resp.Body.Close()
}

// ServeSponsors handles the sponsorship events of the GitHub Sponsors listing.
func (h *Handler) ServeSponsors(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verified(w, r)
	if !ok {
		return
	}
	var ev struct {
		Action      string `json:"action"`
		Sponsorship struct {
			Sponsor struct {
				Login string `json:"login"`
			} `json:"sponsor"`
			Tier struct {
				MonthlyPriceInCents int64 `json:"monthly_price_in_cents"`
			} `json:"tier"`
		} `json:"sponsorship"`
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.Log.Info("sponsorship", "delivery", r.Header.Get("X-GitHub-Delivery"), "action", ev.Action)
	if ev.Action != "created" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if _, err := h.Pool.Exec(r.Context(), `UPDATE sponsor_totals SET monthly_cents = monthly_cents + $1, sponsors = sponsors + 1 WHERE id = 1`, ev.Sponsorship.Tier.MonthlyPriceInCents); err != nil { // BUG: missingkey
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Stats reports delivery counts for the admin dashboard. Registered on
// GET /hooks/github/stats.
func (h *Handler) Stats(w http.ResponseWriter, r *http.Request) {
	var n int64
	if err := h.Pool.QueryRow(r.Context(), `SELECT count(*) FROM issue_activity`).Scan(&n); err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]int64{"issue_activity": n})
}
