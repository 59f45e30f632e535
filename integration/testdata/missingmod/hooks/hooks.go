// Package hooks receives webhooks with chi and gin and charges with stripe-go.
package hooks

import (
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
	"github.com/stripe/stripe-go/v82/refund"
	"github.com/stripe/stripe-go/v82/webhook"

	"example.com/missingmod/store"
)

// Hooks holds the handlers' dependencies.
type Hooks struct {
	St  *store.Store
	RDB *redis.Client
	SC  *stripe.Client
}

// Chi registers the chi routes.
func (h *Hooks) Chi(r chi.Router) {
	r.Post("/webhooks/stripe", h.stripeEvent)
	r.Post("/webhooks/refund", h.refundEvent)
	r.Post("/orders", h.createOrder)
}

func (h *Hooks) stripeEvent(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	charge.New(&stripe.ChargeParams{Amount: stripe.Int64(100), Customer: stripe.String(ev.Account)}) // want missingkey
}

func (h *Hooks) refundEvent(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		return
	}
	params := &stripe.RefundParams{Charge: stripe.String("ch_1")}
	params.SetIdempotencyKey("refund:" + ev.ID)
	refund.New(params)
	h.SC.V1Charges.Create(r.Context(), &stripe.ChargeCreateParams{Params: stripe.Params{IdempotencyKey: stripe.String(ev.ID)}})
}

func (h *Hooks) createOrder(w http.ResponseWriter, r *http.Request) {
	h.St.SavePayment(r.Context(), r.FormValue("id"))
}

// Gin registers the gin routes.
func (h *Hooks) Gin(e *gin.Engine) {
	e.POST("/hooks/shopify", func(c *gin.Context) {
		h.St.SavePayment(c.Request.Context(), c.GetHeader("X-Shopify-Event-Id")) // want missingkey
	})
	e.POST("/hooks/github", func(c *gin.Context) {
		id := c.GetHeader("X-GitHub-Delivery")
		if !h.RDB.SetNX(c.Request.Context(), "gh:"+id, 1, 72*time.Hour).Val() {
			c.Status(http.StatusOK)
			return
		}
		h.St.SavePayment(c.Request.Context(), id)
	})
}
