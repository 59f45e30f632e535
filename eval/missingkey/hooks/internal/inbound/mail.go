// Package inbound turns inbound email (Postmark, Mailgun) into support tickets.
package inbound

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

type Mail struct {
	Pool          *pgxpool.Pool
	RDB           *redis.Client
	MailgunKey    string
	PostmarkToken string
	Log           *slog.Logger
}

type postmarkInbound struct {
	MessageID string `json:"MessageID"`
	From      string `json:"From"`
	Subject   string `json:"Subject"`
	TextBody  string `json:"TextBody"`
}

// Postmark handles POST /hooks/postmark/inbound.
func (m *Mail) Postmark(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Postmark-Token") != m.PostmarkToken {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var in postmarkInbound
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	var ticket int64
	err := m.Pool.QueryRow(ctx, `INSERT INTO tickets (requester, subject, body, source) VALUES ($1, $2, $3, 'email') RETURNING id`, in.From, in.Subject, in.TextBody).Scan(&ticket) // BUG: missingkey
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	m.RDB.Publish(ctx, "tickets.new", ticket)
	w.WriteHeader(http.StatusOK)
}

func (m *Mail) mailgunValid(timestamp, token, signature string) bool {
	mac := hmac.New(sha256.New, []byte(m.MailgunKey))
	mac.Write([]byte(timestamp + token))
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(signature))
}

// Mailgun handles POST /hooks/mailgun/inbound. The message id and the
// ticket commit together.
func (m *Mail) Mailgun(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(10 << 20); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if !m.mailgunValid(r.FormValue("timestamp"), r.FormValue("token"), r.FormValue("signature")) {
		w.WriteHeader(http.StatusNotAcceptable)
		return
	}
	ctx := r.Context()
	tx, err := m.Pool.Begin(ctx)
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `INSERT INTO inbound_messages (message_id) VALUES ($1) ON CONFLICT (message_id) DO NOTHING`, r.FormValue("Message-Id"))
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if tag.RowsAffected() == 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := tx.Exec(ctx, `INSERT INTO tickets (requester, subject, body, source) VALUES ($1, $2, $3, 'email')`,
		r.FormValue("sender"), r.FormValue("subject"), r.FormValue("body-plain")); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	if err := tx.Commit(ctx); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Bounce handles POST /hooks/postmark/bounce: the address stops receiving mail.
func (m *Mail) Bounce(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Email string `json:"Email"`
		Type  string `json:"Type"`
	}
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	if _, err := m.Pool.Exec(ctx, `UPDATE contacts SET email_status = 'bounced' WHERE email = $1`, b.Email); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	m.RDB.Set(ctx, "bounced:"+b.Email, "1", 0)
	w.WriteHeader(http.StatusOK)
}
