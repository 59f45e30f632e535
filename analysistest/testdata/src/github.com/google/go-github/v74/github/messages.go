// Package github is a stub of github.com/google/go-github/v74/github v74.0.0.
package github

import (
	"io"
	"net/http"
)

const (
	// EventTypeHeader is the GitHub header key used to pass the event type.
	EventTypeHeader = "X-Github-Event"
	// DeliveryIDHeader is the GitHub header key used to pass the unique ID for the webhook event.
	DeliveryIDHeader = "X-Github-Delivery"
)

func ValidatePayload(r *http.Request, secretToken []byte) (payload []byte, err error) {
	return io.ReadAll(r.Body)
}

func ValidateSignature(signature string, payload, secretToken []byte) error { return nil }

func WebHookType(r *http.Request) string { return r.Header.Get(EventTypeHeader) }

func DeliveryID(r *http.Request) string { return r.Header.Get(DeliveryIDHeader) }

func ParseWebHook(messageType string, payload []byte) (any, error) { return nil, nil }
