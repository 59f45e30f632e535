package coarsekey

import (
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/provenance"
)

// check reports a sink's key if it is coarse, or minted fresh per attempt.
func (c *checker) check(fn *ssa.Function, s *provenance.Sink) {
	o := s.Origin
	if o.Undecided() {
		return // a parameter: each caller decides, through the helper's fact
	}
	switch {
	case o.Coarse():
		c.coarse(fn, s)
	case len(o.Fresh()) > 0 && !o.Has(model.OperationPart):
		c.fresh(fn, s)
	}
}

// coarse reports a key made only of actors and clock buckets where it is used,
// unless a helper builds it coarse on its own: that helper is reported, once.
func (c *checker) coarse(fn *ssa.Function, s *provenance.Sink) {
	if !s.Reportable(fn) {
		return
	}
	if b := s.CoarseBuilder(); b != nil && (b.Fn != nil || b.Result.Reported) {
		return // reported in the builder
	}
	c.report(s, coarseMessage(label(s), s.Origin, provenance.OperationInScope(fn)))
}

// reportBuilder reports a key-builder helper where it builds the key it returns.
func (c *checker) reportBuilder(fn *ssa.Function, r *provenance.ResultFact) {
	o := &provenance.Origin{Leaves: r.Leaves, Text: r.Text}
	c.reportAt(provenance.ReturnBuiltAt(fn), nil, coarseMessage("idempotency key", o, ""))
}

// fresh reports a key minted fresh per attempt where it must stay the same: in a
// retry loop or a retried func around its use, or in a consumer that has the
// message (or webhook event) whose id it should use. A key minted once per call
// elsewhere is one key per logical operation.
func (c *checker) fresh(fn *ssa.Function, s *provenance.Sink) {
	for _, l := range s.Origin.Fresh() {
		made := l.Made()
		if made == nil {
			continue
		}
		if provenance.PerAttempt(made, s.Site) {
			c.report(s, label(s)+" "+s.Origin.Text+" is minted fresh on every attempt ("+l.Name+
				"): each retry sends a new key, so the repeat is never recognized; mint it once before the retries")
			return
		}
		if provenance.MessageInScope(fn) {
			fix := "derive it from the message or event id"
			if id := provenance.OperationInScope(fn); id != "" {
				fix = "derive it from " + id
			}
			c.report(s, label(s)+" "+s.Origin.Text+" is minted fresh on every delivery ("+l.Name+
				"): a redelivery of the same message gets a new key and is never recognized; "+fix)
			return
		}
		// A dedup marker ("dedup:"+uuid) minted where an event's id is at hand
		// (a handler passed the decoded event) can never match that event's
		// redelivery: the claim always succeeds.
		if id := provenance.OperationInScope(fn); id != "" && s.Kind == provenance.StoreKey && model.MarksDone(s.Origin.Consts()) {
			c.report(s, label(s)+" "+s.Origin.Text+" is minted fresh on every call ("+l.Name+
				"): a redelivery of the same event gets a new key and the claim never matches it; derive it from "+id)
			return
		}
	}
}

func label(s *provenance.Sink) string {
	if s.Kind == provenance.StoreKey {
		return "dedup key"
	}
	return "idempotency key"
}

// coarseMessage says what the key is made of and what that costs.
func coarseMessage(what string, o *provenance.Origin, inScope string) string {
	msg := what + " " + o.Text + " is built only from " + o.Describe() + ": "
	actor := ""
	for _, l := range o.Leaves {
		if l.Part == model.ActorPart {
			actor = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(l.What(), "the "), " id"), " email")
			break
		}
	}
	unit := o.Clock()
	within, turn := window(unit)
	switch {
	case actor != "" && unit > 0:
		msg += "two different operations of one " + actor + " " + within + " collide (false conflicts, dropped work) while a retry " + turn + " is not recognized"
	case actor != "":
		msg += "two different operations of one " + actor + " collide (false conflicts, dropped work)"
	default:
		msg += "every operation " + within + " collides (false conflicts, dropped work) while a retry " + turn + " is not recognized"
	}
	msg += "; derive it from the event or request id"
	if inScope != "" {
		msg += " (" + inScope + " is at hand)"
	}
	return msg
}

// window says a clock bucket in words: within one, and across its boundary.
func window(unit time.Duration) (within, turn string) {
	switch {
	case unit == model.Day:
		return "on one day", "after midnight"
	case unit == time.Hour:
		return "in one hour", "after the hour turns"
	case unit == time.Minute:
		return "in one minute", "after the minute turns"
	case unit >= model.Year:
		return "in one year", "after the year turns"
	case unit >= model.Month:
		return "in one month", "after the month turns"
	case unit >= model.Week:
		return "in one week", "after the week turns"
	}
	return "in one " + unit.String() + " window", "across the window's end"
}
