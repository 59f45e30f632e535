// Package ledger is the ledger API (HTTP, called by relay/ledgerclient) and
// its projection service (gRPC, fed by relay/grpcfwd).
package ledger

import (
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/relay/ledgerclient"
)

type API struct {
	db     *sql.DB
	events *dedup.SQL
	log    *slog.Logger
}

func NewAPI(db *sql.DB, log *slog.Logger) *API {
	return &API{db: db, events: dedup.NewSQL(db), log: log}
}

func (a *API) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/entries", a.PostEntry)
	mux.HandleFunc("POST /v1/reversals", a.PostReversal)
	mux.HandleFunc("POST /v1/adjustments", a.PostAdjustment)
	mux.HandleFunc("POST /v1/transfers", a.PostTransfer)
	return mux
}

// PostEntry writes one entry per idempotency key.
func (a *API) PostEntry(w http.ResponseWriter, r *http.Request) {
	var e ledgerclient.Entry
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
		http.Error(w, "decode", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("X-Idempotency-Key")
	if key == "" {
		http.Error(w, "X-Idempotency-Key required", http.StatusBadRequest)
		return
	}
	_, err := a.db.ExecContext(r.Context(),
		`INSERT INTO entries (idempotency_key, account, amount_minor, currency, memo)
		 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING`,
		key, r.Header.Get("X-Ledger-Account"), e.AmountMinor, e.Currency, e.Memo)
	if err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func (a *API) PostReversal(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Original string `json:"original"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "decode", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	first, err := a.events.Claim(r.Context(), "reversal", key)
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := a.db.ExecContext(r.Context(), `UPDATE entries SET reversed = true WHERE memo = $1`, body.Original); err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// PostAdjustment is called by the finance tool, which uses the same client.
func (a *API) PostAdjustment(w http.ResponseWriter, r *http.Request) {
	keys := r.Header["X-Idempotency-Key"]
	if len(keys) == 0 {
		http.Error(w, "X-Idempotency-Key required", http.StatusBadRequest)
		return
	}
	var e ledgerclient.Entry
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
		http.Error(w, "decode", http.StatusBadRequest)
		return
	}
	first, err := a.events.Claim(r.Context(), "adjustment", keys[0])
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	a.log.Info("adjustment", "account", e.Account, "amount", e.AmountMinor)
	w.WriteHeader(http.StatusCreated)
}

func (a *API) PostTransfer(w http.ResponseWriter, r *http.Request) {
	var e ledgerclient.Entry
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
		http.Error(w, "decode", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("X-Idempotent-Key") // BUG: headermismatch
	first, err := a.events.Claim(r.Context(), "transfer", key)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	a.log.Info("transfer", "account", e.Account, "amount", e.AmountMinor)
	w.WriteHeader(http.StatusCreated)
}
