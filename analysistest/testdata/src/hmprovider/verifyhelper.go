package hmprovider

import (
	"io"
	"net/http"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"
)

// verify reads the signature, verifies the body with it and returns the event:
// what it returns is the verified event, not the signature header.
func (b *billing) verify(w http.ResponseWriter, r *http.Request) (stripe.Event, bool) { // want verify:"verifies Stripe"
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return stripe.Event{}, false
	}
	return ev, true
}

// webhookHelper dedups on the verified event's id.
func (b *billing) webhookHelper(w http.ResponseWriter, r *http.Request) {
	ev, ok := b.verify(w, r)
	if !ok {
		return
	}
	claim(r.Context(), ev.ID)
}

// signature returns the signature header itself.
func signature(r *http.Request) string { return r.Header.Get("Stripe-Signature") } // want signature:"wrapper verifies Stripe" `dedup key comes from header "Stripe-Signature", but Stripe puts the event id in the body`

// webhookSignatureKey verifies the body, then dedups on the signature a retry
// signs anew.
func (b *billing) webhookSignatureKey(w http.ResponseWriter, r *http.Request) { // want webhookSignatureKey:"verifies Stripe"
	if _, ok := b.verify(w, r); !ok {
		return
	}
	claim(r.Context(), signature(r))
}
