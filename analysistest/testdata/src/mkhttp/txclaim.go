package mkhttp

import (
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ledger credits sellers on a carrier's callback.
type ledger struct{ pool *pgxpool.Pool }

func (l *ledger) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /hooks/carrier/delivered", l.delivered)
	mux.HandleFunc("POST /hooks/carrier/delivered-unchecked", l.deliveredUnchecked)
}

// delivered inserts the callback id in the credit's transaction: the unique
// violation comes back through pgx.BeginFunc, and the handler recognizes it there.
func (l *ledger) delivered(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Callback-Id")
	err := pgx.BeginFunc(r.Context(), l.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(r.Context(), "INSERT INTO carrier_callbacks (id) VALUES ($1)", id); err != nil {
			return err
		}
		_, err := tx.Exec(r.Context(), "UPDATE balances SET cents = cents + 100 WHERE seller = $1", r.FormValue("seller"))
		return err
	})
	if isUniqueViolation(err) {
		return
	}
}

// deliveredUnchecked is delivered that never asks whether the insert was a
// duplicate: a retried callback's transaction fails, and nothing says it was a
// repeat, but with no unique key the insert claims nothing.
func (l *ledger) deliveredUnchecked(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Callback-Id")
	pgx.BeginFunc(r.Context(), l.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(r.Context(), "INSERT INTO carrier_log (id) VALUES ($1)", id); err != nil { // want `webhook handler inserts into carrier_log with no dedup claim`
			return err
		}
		_, err := tx.Exec(r.Context(), "UPDATE balances SET cents = cents + 100 WHERE seller = $1", r.FormValue("seller"))
		return err
	})
}
