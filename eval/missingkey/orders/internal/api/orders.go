// Package api is the public HTTP API of the order service.
package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/segmentio/kafka-go"

	"example.com/orders/internal/events"
	"example.com/orders/internal/store"
)

type Server struct {
	Orders *store.OrderRepo
	Pool   *pgxpool.Pool
	Events *kafka.Writer
	Log    *slog.Logger
}

func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/orders", s.createOrder)
	mux.HandleFunc("POST /v1/orders/{id}/notes", s.addNote)
	mux.HandleFunc("GET /v1/orders/{id}", s.getOrder)
	mux.HandleFunc("POST /v1/payments/callback", s.paymentCallback)
	return logging(s.Log, mux)
}

func logging(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Info("request", "method", r.Method, "path", r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	var o events.OrderPlaced
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := s.Orders.Create(r.Context(), o); err != nil {
		http.Error(w, "could not create order", http.StatusInternalServerError)
		return
	}
	payload, _ := json.Marshal(o)
	if err := s.Events.WriteMessages(r.Context(), kafka.Message{Key: []byte(o.OrderID), Value: payload}); err != nil {
		s.Log.Error("publish order.placed", "err", err)
	}
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) addNote(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 4096))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := s.Orders.AppendHistory(r.Context(), r.PathValue("id"), string(body)); err != nil {
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	o, err := s.Orders.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	_ = json.NewEncoder(w).Encode(o)
}

// paymentCallback is called by the PSP when a capture settles.
func (s *Server) paymentCallback(w http.ResponseWriter, r *http.Request) {
	var p events.PaymentCaptured
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if _, err := s.Pool.Exec(r.Context(), `INSERT INTO payments (id, order_id, amount_cents, provider) VALUES ($1, $2, $3, $4)`, p.PaymentID, p.OrderID, p.AmountCents, p.Provider); err != nil { // BUG: missingkey
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	if err := s.Orders.MarkPaid(r.Context(), p.OrderID, p.PaymentID); err != nil {
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}
