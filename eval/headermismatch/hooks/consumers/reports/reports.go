// Package reports builds the daily webhook reports. It receives the relay's
// envelopes (signature checked by the ingress proxy) and export requests
// from the BI tool; it only shares the header names with the relay.
package reports

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"

	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/internal/hdr"
)

type Service struct {
	rdb    *redis.Client
	db     *sql.DB
	claims *dedup.Redis
	log    *slog.Logger
}

func New(rdb *redis.Client, db *sql.DB, log *slog.Logger) *Service {
	return &Service{rdb: rdb, db: db, claims: dedup.NewRedis(rdb, "reports:"), log: log}
}

func (s *Service) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /events", s.Event)
	mux.HandleFunc("POST /events/late", s.LateEvent)
	mux.HandleFunc("POST /exports", s.Export)
	mux.HandleFunc("POST /snapshots", s.Snapshot)
	return mux
}

// Event counts one forwarded envelope.
func (s *Service) Event(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get(hdr.EventID)
	first, err := s.claims.Claim(r.Context(), "event:"+id)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.count(r.Context(), r.Header.Get(hdr.Source))
	w.WriteHeader(http.StatusOK)
}

// LateEvent counts envelopes replayed by the admin tool.
func (s *Service) LateEvent(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-EventId") // BUG: headermismatch
	first, err := s.rdb.SetNX(r.Context(), "late:"+id, 1, dedup.Window).Result()
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.count(r.Context(), "replay")
	w.WriteHeader(http.StatusOK)
}

// Export is called by the BI tool, which sends an Idempotency-Key per export.
func (s *Service) Export(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	first, err := s.claims.Claim(r.Context(), "export:"+key)
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusConflict)
		return
	}
	body, _ := io.ReadAll(r.Body)
	if _, err := s.db.ExecContext(r.Context(), `INSERT INTO exports (spec) VALUES ($1)`, body); err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// Snapshot is triggered by the nightly cron job; its scheduler sends one
// X-Request-Id per job run and reuses it when it retries the run.
func (s *Service) Snapshot(w http.ResponseWriter, r *http.Request) {
	run := r.Header.Get("X-Request-Id")
	first, err := s.claims.Claim(r.Context(), "snapshot:"+run)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.log.Info("snapshot", "run", run, "traceparent", r.Header.Get(hdr.TraceParent))
	w.WriteHeader(http.StatusAccepted)
}

func (s *Service) count(ctx context.Context, source string) {
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO daily_counts (day, source, n) VALUES (current_date, $1, 1)
		 ON CONFLICT (day, source) DO UPDATE SET n = daily_counts.n + 1`, source); err != nil {
		s.log.Error("count", "err", err)
	}
}
