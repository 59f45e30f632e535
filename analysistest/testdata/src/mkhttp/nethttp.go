package mkhttp

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
	"github.com/stripe/stripe-go/v82/refund"
	"github.com/stripe/stripe-go/v82/webhook"
)

type server struct {
	db  *sql.DB
	rdb *redis.Client
	sc  *stripe.Client
}

func (s *server) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /webhooks/stripe", s.stripeWebhook)
	mux.HandleFunc("POST /webhooks/stripe-claimed", s.stripeClaimed)
	mux.HandleFunc("/hooks/shipping", s.shipping)
	mux.HandleFunc("/hooks/shipping-keyed", s.shippingKeyed)
	mux.HandleFunc("/hooks/form", s.formHook)
	mux.HandleFunc("/hooks/form-unique", s.formHookUnique)
	mux.HandleFunc("POST /sms/inbound", s.smsInbound) // no webhook word: the signature says Twilio
	mux.HandleFunc("POST /sms/send", s.smsSend)
	mux.HandleFunc("POST /users", s.createUser)                // a plain API handler
	mux.HandleFunc("GET /webhooks/status", s.webhookStatusGET) // a GET is no delivery
	mux.Handle("/payments/callback", &callbackHandler{db: s.db})
	http.HandleFunc("/paypal/ipn", func(w http.ResponseWriter, r *http.Request) {
		s.db.Exec("INSERT INTO ipn_log (body) VALUES ($1)", r.FormValue("txn_id")) // want `webhook handler inserts into ipn_log with no dedup claim: a retried delivery inserts again; claim the event id first`
	})
	mux.HandleFunc("/oauth/callback", s.oauthCallback) // a browser redirect, not a delivery
}

// Verified by stripe-go, charges without an idempotency key.
func (s *server) stripeWebhook(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	charge.New(&stripe.ChargeParams{Amount: stripe.Int64(100), Customer: stripe.String(ev.Account)}) // want `Stripe webhook handler calls charge.New without an idempotency key with no dedup claim: a retried delivery moves money again`
}

// Claims the event id first.
func (s *server) stripeClaimed(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		return
	}
	if !s.rdb.SetNX(r.Context(), "stripe:"+ev.ID, 1, 72*time.Hour).Val() {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.db.Exec("INSERT INTO payments (event_id) VALUES ($1)", ev.ID)
}

// The refund carries the event id as its idempotency key.
func (s *server) refundKeyed(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev, _ := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	params := &stripe.RefundParams{Charge: stripe.String("ch_1")}
	params.SetIdempotencyKey("refund:" + ev.ID)
	refund.New(params)
}

// The client API with the key in a literal.
func (s *server) clientKeyed(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev, _ := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	s.sc.V1Charges.Create(r.Context(), &stripe.ChargeCreateParams{Params: stripe.Params{IdempotencyKey: stripe.String(ev.ID)}, Amount: stripe.Int64(5)})
}

// The client API without a key.
func (s *server) clientUnkeyed(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	_, _ = webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	s.sc.V1Charges.Create(r.Context(), &stripe.ChargeCreateParams{Amount: stripe.Int64(5)}) // want `Stripe webhook handler calls Create without an idempotency key with no dedup claim`
}

// A webhook route that forwards with an outbound POST.
func (s *server) shipping(w http.ResponseWriter, r *http.Request) {
	var ev struct{ ID string }
	json.NewDecoder(r.Body).Decode(&ev)
	http.Post("https://carrier.example/labels", "application/json", bytes.NewReader(nil)) // want `webhook handler sends an outbound POST without an idempotency key with no dedup claim`
}

// The same forward with an Idempotency-Key header made from the event id.
func (s *server) shippingKeyed(w http.ResponseWriter, r *http.Request) {
	var ev struct{ ID string }
	json.NewDecoder(r.Body).Decode(&ev)
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, "https://carrier.example/labels", nil)
	req.Header.Set("Idempotency-Key", ev.ID)
	http.DefaultClient.Do(req)
}

// A plain API handler is not an entry point.
func (s *server) createUser(w http.ResponseWriter, r *http.Request) {
	s.db.Exec("INSERT INTO users (email) VALUES ($1)", r.FormValue("email"))
}

func (s *server) webhookStatusGET(w http.ResponseWriter, r *http.Request) {
	s.db.Exec("INSERT INTO status_checks (at) VALUES (now())")
}

func (s *server) oauthCallback(w http.ResponseWriter, r *http.Request) {
	s.db.Exec("INSERT INTO sessions (code) VALUES ($1)", r.FormValue("code"))
}

type callbackHandler struct{ db *sql.DB }

// An http.Handler registered on a callback route.
func (h *callbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.db.Exec("UPDATE merchants SET paid_total = paid_total + $1 WHERE id = $2", r.FormValue("amount"), r.FormValue("merchant")) // want `webhook handler updates merchants relative to its current value with no dedup claim`
}

// A handler registered elsewhere that reads a provider's delivery header.
func (s *server) github(w http.ResponseWriter, r *http.Request) {
	delivery := r.Header.Get("X-GitHub-Delivery")
	s.db.Exec("INSERT INTO builds (delivery) VALUES ($1)", delivery) // want `GitHub webhook handler inserts into builds with no dedup claim`
}

// The same handler claiming the delivery id.
func (s *server) githubClaimed(w http.ResponseWriter, r *http.Request) {
	delivery := r.Header.Get("X-GitHub-Delivery")
	res, err := s.db.Exec("INSERT INTO deliveries (id) VALUES ($1) ON CONFLICT DO NOTHING", delivery)
	if err != nil {
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return
	}
	s.db.Exec("INSERT INTO builds (delivery) VALUES ($1)", delivery)
}

// A form field read with r.FormValue (whose multipart parsing returns a
// "duplicate parameter" error) handles no unique violation: checking the
// INSERT's error claims nothing.
func (s *server) formHook(w http.ResponseWriter, r *http.Request) {
	if _, err := s.db.Exec("INSERT INTO form_events (id) VALUES ($1)", r.FormValue("id")); err != nil { // want `webhook handler inserts into form_events with no dedup claim`
		w.WriteHeader(http.StatusInternalServerError)
	}
}

// The twin that recognizes the unique violation: the INSERT is the claim.
func (s *server) formHookUnique(w http.ResponseWriter, r *http.Request) {
	if _, err := s.db.Exec("INSERT INTO form_events (id) VALUES ($1)", r.FormValue("id")); err != nil {
		if isUniqueViolation(err) {
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
	}
}

func isUniqueViolation(err error) bool {
	var pgErr interface{ SQLState() string }
	return errors.As(err, &pgErr) && pgErr.SQLState() == "23505"
}

// Twilio signs every webhook with X-Twilio-Signature: reading it makes the handler
// Twilio's webhook, whatever its route.
func (s *server) smsInbound(w http.ResponseWriter, r *http.Request) {
	if !validTwilio(r.Header.Get("X-Twilio-Signature"), r) {
		return
	}
	s.db.Exec("INSERT INTO sms_inbox (sid) VALUES ($1)", r.FormValue("MessageSid")) // want `Twilio webhook handler inserts into sms_inbox with no dedup claim`
}

// The twin that reads no provider header is a plain API handler.
func (s *server) smsSend(w http.ResponseWriter, r *http.Request) {
	s.db.Exec("INSERT INTO sms_outbox (body) VALUES ($1)", r.FormValue("body"))
}

func validTwilio(sig string, r *http.Request) bool { return sig != "" }
