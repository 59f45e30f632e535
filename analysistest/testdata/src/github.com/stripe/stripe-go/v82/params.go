package stripe

import "context"

// Params is the structure that contains the common properties of any *Params
// structure (v82.5.1 params.go).
type Params struct {
	Context        context.Context     `form:"-"`
	Expand         []*string           `form:"expand"`
	Extra          *ExtraValues        `form:"*"`
	Headers        map[string][]string `form:"-"`
	IdempotencyKey *string             `form:"-"`
	Metadata       map[string]string   `form:"metadata"`
	StripeAccount  *string             `form:"-"`
	StripeContext  *string             `form:"-"`
}

type ExtraValues struct{}

func (p *Params) SetIdempotencyKey(val string) { p.IdempotencyKey = &val }

func (p *Params) SetStripeAccount(val string) { p.StripeAccount = &val }

func String[T ~string](v T) *string { s := string(v); return &s }

func Int64(v int64) *int64 { return &v }

type ChargeParams struct {
	Params      `form:"*"`
	Amount      *int64  `form:"amount"`
	Currency    *string `form:"currency"`
	Customer    *string `form:"customer"`
	Description *string `form:"description"`
}

type Charge struct {
	ID     string `json:"id"`
	Amount int64  `json:"amount"`
}

// ChargeCreateParams are the parameters of the client API's V1Charges.Create.
type ChargeCreateParams struct {
	Params   `form:"*"`
	Amount   *int64  `form:"amount"`
	Currency *string `form:"currency"`
}

// PaymentIntentParams are the parameters of paymentintent.New.
type PaymentIntentParams struct {
	Params   `form:"*"`
	Amount   *int64  `form:"amount"`
	Currency *string `form:"currency"`
}

// RefundParams are the parameters of refund.New.
type RefundParams struct {
	Params `form:"*"`
	Charge *string `form:"charge"`
}

type PaymentIntent struct{ ID string }
type Refund struct{ ID string }

type v1ChargeService struct{ B string }

func (c v1ChargeService) Create(ctx context.Context, params *ChargeCreateParams) (*Charge, error) {
	return &Charge{}, nil
}

// Client is the Stripe client of the client API (stripe.NewClient).
type Client struct {
	V1Charges *v1ChargeService
}

func NewClient(key string) *Client { return &Client{V1Charges: &v1ChargeService{}} }

// NewIdempotencyKey generates a new idempotency key that can be used on a request.
func NewIdempotencyKey() string { return "" }
