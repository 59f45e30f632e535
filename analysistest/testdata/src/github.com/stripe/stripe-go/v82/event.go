// Package stripe is a stub of github.com/stripe/stripe-go/v82 v82.5.1 for
// analysistest: the declarations idemlint's tests use, with the real signatures.
package stripe

// EventType is the list of allowed values for the event's type.
type EventType string

// EventData holds the event's object.
type EventData struct {
	Object map[string]interface{} `json:"-"`
}

// Event is a Stripe event.
type Event struct {
	Account    string     `json:"account"`
	APIVersion string     `json:"api_version"`
	Created    int64      `json:"created"`
	Data       *EventData `json:"data"`
	ID         string     `json:"id"`
	Type       EventType  `json:"type"`
}
