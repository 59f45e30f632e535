// Package users is the account API used by the web app (chi).
package users

import (
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/billing"
)

type API struct {
	Pool    *pgxpool.Pool
	RDB     *redis.Client
	Credits *billing.Client
}

func (a *API) Routes(r chi.Router) {
	r.Post("/users", a.signup)
	r.Post("/teams/{teamID}/invites", a.invite)
	r.Post("/users/{userID}/events", a.trackEvent)
	r.Delete("/users/{userID}", a.deleteUser)
}

func (a *API) signup(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
		Name  string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var id string
	if err := a.Pool.QueryRow(r.Context(), `INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id`, in.Email, in.Name).Scan(&id); err != nil {
		http.Error(w, "could not sign up", http.StatusConflict)
		return
	}
	a.RDB.Incr(r.Context(), "stats:signups")
	if err := a.Credits.GrantCredit(r.Context(), billing.Credit{AccountID: id, AmountCents: 500, Reason: "welcome"}); err != nil {
		http.Error(w, "billing", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id})
}

func (a *API) invite(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if _, err := a.Pool.Exec(r.Context(), `INSERT INTO invites (team_id, email) VALUES ($1, $2)`, chi.URLParam(r, "teamID"), in.Email); err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	a.RDB.LPush(r.Context(), "mail:outbox", in.Email)
	w.WriteHeader(http.StatusCreated)
}

// trackEvent records product analytics from the web app.
func (a *API) trackEvent(w http.ResponseWriter, r *http.Request) {
	var ev struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	a.RDB.HIncrBy(r.Context(), "analytics:"+chi.URLParam(r, "userID"), ev.Name, 1) // AMBIG: missingkey
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) deleteUser(w http.ResponseWriter, r *http.Request) {
	if _, err := a.Pool.Exec(r.Context(), `DELETE FROM users WHERE id = $1`, chi.URLParam(r, "userID")); err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
