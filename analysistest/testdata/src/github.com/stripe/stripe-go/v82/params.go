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

func String(v string) *string { return &v }

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
