// Package provenance answers "what is this key made of?": given an SSA value (the
// key of a claim, an outgoing Idempotency-Key header, an SDK idempotency field) it
// follows the value backwards through concatenation, fmt.Sprintf, strings.Join and
// Builder, strconv, hashing and encoding, struct literals and fields, locals, phis,
// and the results of helper functions (across packages through facts), and
// classifies every leaf with the one table in internal/model: an actor identity, a
// clock bucket, a per-operation id, a value minted fresh per attempt, a constant,
// or unknown. Unknown leaves are never taken as coarse.
//
// Every walk has a visited set and a depth bound, and helper summaries a busy set:
// recursive helpers and cyclic phis end the walk, they never recurse without end.
package provenance

import (
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// maxDepth bounds one walk backwards from a value: far enough for a key built in a
// few steps through two or three helpers, not so far that a huge function is
// walked whole.
const maxDepth = 32

// maxLeaves bounds an origin, so facts stay small.
const maxLeaves = 16

// Leaf is one part a value is made of.
type Leaf struct {
	Part model.Part
	// Name is how the source names it: "userID", "evt.UserID", "day".
	Name string
	// Unit is the width of a clock bucket, or the resolution of a fresh time.
	Unit time.Duration
	// Param is the index of the parameter of the walked function that the leaf
	// is, when its own name decides nothing (key, id): each caller decides. -1
	// otherwise.
	Param int
	// Noun is the thing an id leaf names itself after when the vocabulary does
	// not know it: alert for alertID, fax for r.PostForm.Get("FaxSid").
	Noun string
	// Loop says a fresh leaf is made in a retry loop or a retried closure that
	// also uses the key (set by the sinks, not by the walk).
	Loop bool

	made ssa.Instruction // where a fresh value is made
}

// Made is the instruction that makes a fresh leaf, or nil.
func (l *Leaf) Made() ssa.Instruction { return l.made }

// What is how a message names the leaf's kind: "the user id", "the calendar day".
func (l *Leaf) What() string {
	switch l.Part {
	case model.ActorPart:
		return model.ActorNoun(l.Name)
	case model.ClockPart:
		return model.ClockWords(l.Unit)
	}
	return l.Name
}

// Origin is what a value is made of.
type Origin struct {
	Leaves []Leaf
	// Text is how a message shows the value: "idem:"+userID+day.
	Text string
	// Builders are the helpers whose results the value is made of.
	Builders []*Builder
}

// Builder is a helper call a value is made of: func dedupKey(userID string) string.
type Builder struct {
	Fn   *ssa.Function // the helper, when it is in the package analyzed
	Name string
	// from and to delimit the leaves of the Origin that the call contributes.
	from, to int
	Result   *ResultFact
}

// Parts returns the set of parts of o's leaves, constants left out.
func (o *Origin) Parts() map[model.Part]bool {
	ps := map[model.Part]bool{}
	for _, l := range o.Leaves {
		if l.Part != model.ConstPart {
			ps[l.Part] = true
		}
	}
	return ps
}

// Coarse reports whether o is made only of actor identities and clock buckets
// (constants aside), and of at least one of them.
func (o *Origin) Coarse() bool {
	ps := o.Parts()
	if len(ps) == 0 {
		return false
	}
	for p := range ps {
		if p != model.ActorPart && p != model.ClockPart {
			return false
		}
	}
	return true
}

// NamesWhatItIdentifies reports a key whose constant text names the thing an id
// in it identifies: "alert:"+alertID is kept once per alert, a marker of that
// alert, while "alert:"+ruleID is kept per rule.
func (o *Origin) NamesWhatItIdentifies() bool {
	consts := o.Consts()
	for _, l := range o.Leaves {
		if l.Part == model.UnknownPart && l.Noun != "" && model.TextNames(consts, l.Noun) {
			return true
		}
	}
	return false
}

// Fresh returns the leaves minted fresh on each call.
func (o *Origin) Fresh() []Leaf {
	var out []Leaf
	for _, l := range o.Leaves {
		if l.Part == model.FreshPart {
			out = append(out, l)
		}
	}
	return out
}

// Consts returns the constant text of o, for words that say what the key is for.
func (o *Origin) Consts() string {
	var b strings.Builder
	for _, l := range o.Leaves {
		if l.Part == model.ConstPart {
			b.WriteString(l.Name + " ")
		}
	}
	return b.String()
}

// onlyFrom reports whether every leaf of o but constants comes from b's call.
func (o *Origin) onlyFrom(b *Builder) bool {
	for i, l := range o.Leaves {
		if (i < b.from || i >= b.to) && l.Part != model.ConstPart {
			return false
		}
	}
	return true
}

// Has reports whether some leaf of o is p.
func (o *Origin) Has(p model.Part) bool { return o.Parts()[p] }

// Undecided reports whether a leaf is a parameter that each caller decides.
func (o *Origin) Undecided() bool {
	for _, l := range o.Leaves {
		if l.Param >= 0 {
			return true
		}
	}
	return false
}

// Describe names o's coarse parts for a message: "the user id and the calendar day".
func (o *Origin) Describe() string {
	var words []string
	seen := map[string]bool{}
	for _, l := range o.Leaves {
		if l.Part != model.ActorPart && l.Part != model.ClockPart {
			continue
		}
		if w := l.What(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Clock returns the finest clock bucket of o, or 0.
func (o *Origin) Clock() time.Duration {
	var unit time.Duration
	for _, l := range o.Leaves {
		if l.Part == model.ClockPart && (unit == 0 || l.Unit < unit) {
			unit = l.Unit
		}
	}
	return unit
}

// add appends leaves, up to maxLeaves.
func (o *Origin) add(ls ...Leaf) {
	for _, l := range ls {
		if len(o.Leaves) >= maxLeaves {
			// Too many parts to say: an unknown leaf keeps the verdict safe.
			o.Leaves[len(o.Leaves)-1] = Leaf{Part: model.UnknownPart, Name: "...", Param: -1}
			return
		}
		o.Leaves = append(o.Leaves, l)
	}
}
