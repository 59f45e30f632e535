package headers

import "github.com/idemlint/idemlint/internal/model"

// The webhook providers' facts (headers sent, dedup header, verification
// functions) live in internal/model (webhooks.go); the header engine's callers
// reach them under these names.

// Provider is a webhook sender whose headers are documented.
type Provider = model.Provider

// Providers is the table of known webhook providers.
var Providers = model.Providers

// ProviderSending returns the first provider that sends name, or nil.
func ProviderSending(name string) *Provider { return model.ProviderSending(name) }

// VerifiedBy returns the provider whose verification function fullName is, or nil.
func VerifiedBy(fullName string) *Provider { return model.VerifiedBy(fullName) }

// Standard is the IETF's idempotency header, Idempotency-Key.
const Standard = model.StandardIdempotencyHeader

// WellKnown reports whether name is a header that senders outside the module set
// on their own: the IETF's Idempotency-Key, or a known provider's header.
func WellKnown(name string) bool { return model.WellKnown(name) }
