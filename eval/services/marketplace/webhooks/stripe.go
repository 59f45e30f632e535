// Package webhooks receives provider webhooks (Stripe, Shopify, logistics
// partners). Providers retry a delivery until they get a 2xx, for days.
package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"example.com/marketplace/internal/config"
)

// Server holds the webhook receivers.
type Server struct {
	db            *sql.DB
	rdb           redis.Cmdable
	stripeSecret  string
	shopifySecret string
	seen          sync.Map
}

// NewServer wires the receivers.
func NewServer(db *sql.DB, rdb redis.Cmdable, cfg config.Config) *Server {
	return &Server{db: db, rdb: rdb, stripeSecret: cfg.StripeWebhookKey, shopifySecret: cfg.ShopifySecret}
}

// Routes mounts every receiver.
func (s *Server) Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/webhooks", func(r chi.Router) {
		r.Post("/stripe", s.stripeEvents)
		r.Post("/stripe/connect", s.stripeConnect)
		r.Post("/stripe/disputes", s.stripeDisputes)
		r.Post("/stripe/radar", s.stripeRadar)
		r.Post("/shopify/orders", s.shopifyOrders)
		r.Post("/shopify/products", s.shopifyProducts)
		r.With(Idempotency(s.rdb, "Idempotency-Key", config.DedupWindow)).Post("/partners/logistics", s.logisticsStatus)
		r.With(Idempotency(s.rdb, "Idempotency-Key", 2*time.Hour)).Post("/partners/customs", s.customsCleared)          // BUG: dedupttl
		r.With(Idempotency(s.rdb, "Idempotency_Key", config.DedupWindow)).Post("/partners/insurance", s.insuranceClaim) // BUG: headermismatch
	})
	return r
}

func (s *Server) verifyStripe(w http.ResponseWriter, r *http.Request) (stripe.Event, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return stripe.Event{}, false
	}
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), s.stripeSecret)
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return stripe.Event{}, false
	}
	return ev, true
}

// stripeEvents marks orders paid; claimed on the event id.
func (s *Server) stripeEvents(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.verifyStripe(w, r)
	if !ok {
		return
	}
	claimed, err := s.rdb.SetNX(r.Context(), "stripe:evt:"+ev.ID, 1, config.DedupWindow).Result()
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !claimed {
		w.WriteHeader(http.StatusOK)
		return
	}
	if ev.Type == stripe.EventTypePaymentIntentSucceeded {
		var pi stripe.PaymentIntent
		if err := json.Unmarshal(ev.Data.Raw, &pi); err == nil {
			s.db.ExecContext(r.Context(), "INSERT INTO payment_events (event_id, payment_intent, amount_cents) VALUES ($1, $2, $3)", ev.ID, pi.ID, pi.Amount)
		}
	}
	w.WriteHeader(http.StatusOK)
}

// stripeConnect credits a seller's ledger when Stripe moves money to them.
func (s *Server) stripeConnect(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.verifyStripe(w, r)
	if !ok {
		return
	}
	if ev.Type == "transfer.created" {
		var tr stripe.Transfer
		if err := json.Unmarshal(ev.Data.Raw, &tr); err == nil {
			s.db.ExecContext(r.Context(), "INSERT INTO seller_ledger (transfer_id, account, amount_cents) VALUES ($1, $2, $3)", tr.ID, tr.Destination.ID, tr.Amount) // BUG: missingkey
		}
	}
	w.WriteHeader(http.StatusOK)
}

// stripeDisputes opens a dispute case, deduplicated on a header.
func (s *Server) stripeDisputes(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.verifyStripe(w, r)
	if !ok {
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	claimed, err := s.rdb.SetNX(r.Context(), "stripe:dispute:"+key, 1, config.DedupWindow).Result()
	if err != nil || !claimed {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.db.ExecContext(r.Context(), "INSERT INTO dispute_cases (event_id, payload) VALUES ($1, $2)", ev.ID, string(ev.Data.Raw))
	w.WriteHeader(http.StatusOK)
}

// stripeRadar records fraud warnings; the process remembers what it saw.
func (s *Server) stripeRadar(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.verifyStripe(w, r)
	if !ok {
		return
	}
	if _, dup := s.seen.Load(ev.ID); dup {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.db.ExecContext(r.Context(), "INSERT INTO fraud_warnings (event_id, payload) VALUES ($1, $2)", ev.ID, string(ev.Data.Raw)) // AMBIG: missingkey
	s.seen.Store(ev.ID, time.Now())                                                                                             // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}

func (s *Server) verifyShopify(r *http.Request, body []byte) bool {
	mac := hmac.New(sha256.New, []byte(s.shopifySecret))
	mac.Write(body)
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(r.Header.Get("X-Shopify-Hmac-Sha256")))
}

// shopifyOrders imports orders of sellers who run a Shopify store.
func (s *Server) shopifyOrders(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || !s.verifyShopify(r, body) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	id := r.Header.Get("X-Request-Id") // BUG: headermismatch
	claimed, err := s.rdb.SetNX(r.Context(), "shopify:evt:"+id, 1, config.DedupWindow).Result()
	if err != nil || !claimed {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.db.ExecContext(r.Context(), "INSERT INTO imported_orders (shop, payload) VALUES ($1, $2)", r.Header.Get("X-Shopify-Shop-Domain"), string(body))
	w.WriteHeader(http.StatusOK)
}

// shopifyProducts imports products; keyed on Shopify's event id.
func (s *Server) shopifyProducts(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || !s.verifyShopify(r, body) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	log.Printf("shopify webhook %s topic=%s", r.Header.Get("X-Shopify-Webhook-Id"), r.Header.Get("X-Shopify-Topic"))
	id := r.Header.Get("X-Shopify-Event-Id")
	claimed, err := s.rdb.SetNX(r.Context(), "shopify:evt:"+id, 1, config.DedupWindow).Result()
	if err != nil || !claimed {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.db.ExecContext(r.Context(), "INSERT INTO imported_products (shop, payload) VALUES ($1, $2)", r.Header.Get("X-Shopify-Shop-Domain"), string(body))
	w.WriteHeader(http.StatusOK)
}

type partnerStatus struct {
	ShipmentID string `json:"shipment_id"`
	OrderID    string `json:"order_id"`
	Status     string `json:"status"`
	FeeCents   int64  `json:"fee_cents"`
}

// logisticsStatus is behind the Idempotency middleware.
func (s *Server) logisticsStatus(w http.ResponseWriter, r *http.Request) {
	var st partnerStatus
	if err := json.NewDecoder(r.Body).Decode(&st); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.db.ExecContext(r.Context(), "INSERT INTO shipment_events (shipment_id, status) VALUES ($1, $2)", st.ShipmentID, st.Status)
	w.WriteHeader(http.StatusOK)
}

// customsCleared is behind the Idempotency middleware.
func (s *Server) customsCleared(w http.ResponseWriter, r *http.Request) {
	var st partnerStatus
	if err := json.NewDecoder(r.Body).Decode(&st); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.db.ExecContext(r.Context(), "UPDATE orders SET customs_fee_cents = customs_fee_cents + $1 WHERE id = $2", st.FeeCents, st.OrderID)
	w.WriteHeader(http.StatusOK)
}

// insuranceClaim is behind the Idempotency middleware.
func (s *Server) insuranceClaim(w http.ResponseWriter, r *http.Request) {
	var st partnerStatus
	if err := json.NewDecoder(r.Body).Decode(&st); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.db.ExecContext(r.Context(), "INSERT INTO insurance_claims (shipment_id, order_id) VALUES ($1, $2)", st.ShipmentID, st.OrderID)
	w.WriteHeader(http.StatusOK)
}
