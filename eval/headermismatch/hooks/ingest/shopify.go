package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/hooks/internal/mw"
	"example.com/hooks/relay/client"
)

func (s *Service) ShopifyRoutes(r chi.Router) {
	r.Route("/shopify", func(r chi.Router) {
		r.Post("/orders", s.ShopifyOrders)
		r.Post("/inventory", s.ShopifyInventory)
		r.Post("/gdpr/{topic}", s.ShopifyGDPR)
		r.With(
			mw.SingleValued("X-Shopify-Event-Id"),
			mw.Dedup(s.seen, "X-Shopify-Event-Id"),
		).Post("/products", s.ShopifyProducts)
	})
}

func (s *Service) shopifyBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 5<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return nil, false
	}
	want, err := base64.StdEncoding.DecodeString(r.Header.Get("X-Shopify-Hmac-Sha256"))
	if err != nil {
		http.Error(w, "bad hmac", http.StatusUnauthorized)
		return nil, false
	}
	m := hmac.New(sha256.New, []byte(s.secrets.Shopify))
	m.Write(body)
	if !hmac.Equal(want, m.Sum(nil)) {
		http.Error(w, "bad hmac", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// ShopifyOrders dedups on X-Shopify-Event-Id, the id Shopify's docs say to
// use: it is the same for every subscription the event fans out to.
func (s *Service) ShopifyOrders(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Shopify-Hmac-Sha256") == "" {
		http.Error(w, "unsigned", http.StatusUnauthorized)
		return
	}
	body, ok := s.shopifyBody(w, r)
	if !ok {
		return
	}
	eventID := r.Header.Get("X-Shopify-Event-Id")
	topic := r.Header.Get("X-Shopify-Topic")
	first, err := s.events.Claim(r.Context(), "shopify", eventID)
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: eventID, Provider: "shopify", Type: topic, ReceivedAt: time.Now(), Payload: body}
	if err := s.fwd.Forward(r.Context(), s.targets["shopify"], env); err != nil {
		http.Error(w, "forward", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// ShopifyInventory is only subscribed once, so the webhook id is enough.
func (s *Service) ShopifyInventory(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Shopify-Hmac-Sha256") == "" {
		http.Error(w, "unsigned", http.StatusUnauthorized)
		return
	}
	body, ok := s.shopifyBody(w, r)
	if !ok {
		return
	}
	webhookID := r.Header.Get("X-Shopify-Webhook-Id")
	s.log.Info("shopify inventory", "shop", r.Header.Get("X-Shopify-Shop-Domain"),
		"api_version", r.Header.Get("X-Shopify-API-Version"), "triggered_at", r.Header.Get("X-Shopify-Triggered-At"))
	if !s.mem.Claim("shopify-inv:" + webhookID) {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: webhookID, Provider: "shopify", Type: "inventory_levels/update", ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(r.Context(), s.targets["shopify"], env)
	w.WriteHeader(http.StatusOK)
}

// ShopifyGDPR records the mandatory privacy webhooks
// (customers/data_request, customers/redact, shop/redact).
func (s *Service) ShopifyGDPR(w http.ResponseWriter, r *http.Request) {
	topic := chi.URLParam(r, "topic")
	if r.Header.Get("X-Shopify-Hmac-Sha256") == "" {
		http.Error(w, "unsigned", http.StatusUnauthorized)
		return
	}
	body, ok := s.shopifyBody(w, r)
	if !ok {
		return
	}
	shop := r.Header.Get("X-Shopify-Shop-Domain")
	reqID := r.Header.Get("X-Request-Id") // BUG: headermismatch
	_, err := s.db.ExecContext(r.Context(),
		`INSERT INTO gdpr_requests (request_id, shop, topic, body, received_at)
		 VALUES ($1, $2, $3, $4, now()) ON CONFLICT (request_id) DO NOTHING`,
		reqID, shop, topic, body)
	if err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// ShopifyProducts is deduped by the route's middleware.
func (s *Service) ShopifyProducts(w http.ResponseWriter, r *http.Request) {
	body, ok := s.shopifyBody(w, r)
	if !ok {
		return
	}
	env := client.Envelope{ID: r.Header.Get("X-Shopify-Event-Id"), Provider: "shopify", Type: r.Header.Get("X-Shopify-Topic"), ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(r.Context(), s.targets["shopify"], env)
	w.WriteHeader(http.StatusOK)
}
