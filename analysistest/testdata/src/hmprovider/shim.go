package hmprovider

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"
)

// stripeAPI is a seam for tests in front of the Stripe SDK.
type stripeAPI interface {
	ConstructWebhookEvent(payload []byte, header, secret string) (stripe.Event, error)
}

type realStripe struct{}

func (realStripe) ConstructWebhookEvent(payload []byte, header, secret string) (stripe.Event, error) { // want ConstructWebhookEvent:"verifies Stripe"
	return webhook.ConstructEvent(payload, header, secret)
}

type billing struct{ stripe stripeAPI }

// webhookShim verifies the signature through the seam: the header is checked, not
// kept, and the dedup is on the verified event.
func (b *billing) webhookShim(w http.ResponseWriter, r *http.Request) { // want webhookShim:"verifies Stripe"
	sig := r.Header.Get("Stripe-Signature")
	body, _ := io.ReadAll(r.Body)
	ev, err := b.stripe.ConstructWebhookEvent(body, sig, "whsec")
	if err != nil {
		return
	}
	claim(r.Context(), ev.ID)
}

// decoder is a seam that only decodes: nothing verifies the signature.
type decoder interface {
	Decode(payload []byte, header string) (stripe.Event, error)
}

type jsonDecoder struct{}

func (jsonDecoder) Decode(payload []byte, header string) (stripe.Event, error) {
	var ev stripe.Event
	err := json.Unmarshal(payload, &ev)
	ev.ID = header
	return ev, err
}

type billingUnverified struct{ dec decoder }

// webhookDecoded keys its dedup on what the decoder made of the header.
func (b *billingUnverified) webhookDecoded(w http.ResponseWriter, r *http.Request) { // want webhookDecoded:"verifies Stripe"
	sig := r.Header.Get("Stripe-Signature") // want `dedup key comes from header "Stripe-Signature", but Stripe puts the event id in the body`
	body, _ := io.ReadAll(r.Body)
	ev, err := b.dec.Decode(body, sig)
	if err != nil {
		return
	}
	claim(r.Context(), ev.ID)
}
