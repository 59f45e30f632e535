package model

// This file resolves APIs that spread one store operation over several calls:
//
//   - a builder: rueidis builds the command in a chain and sends it with Do,
//     c.Do(ctx, c.B().Set().Key(k).Value(v).Nx().ExSeconds(60).Build());
//   - a method chain: GORM scopes a query on *gorm.DB and runs it with a finisher,
//     db.Model(&T{}).Where("event_id = ?", id).First(&row).
//
// Each intermediate call is a Link, a row in its store's file that says what the
// call adds: the command, the key, the value, the TTL, a mode (NX), a field, the
// table, a condition, a clause. The finisher is a Row whose Dispatch names the shape;
// Resolve walks the chain back from the finisher through SSA (the receiver of each
// call, or the command argument of Do) and hands the steps, root first, to the
// store's resolver. A new ORM or builder is then its links, its finisher rows and,
// when its operations are records, a mapping onto the record statement of record.go.

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/ssautil"
)

// Role is what one call of a chain adds to the operation.
type Role uint8

const (
	// Pass returns the chain unchanged as far as the store is concerned
	// (WithContext, Session, Build, Cache).
	Pass Role = iota
	// Command names the command: the link's Kind and Verb (rueidis Builder.Set).
	Command
	KeyPart   // argument Arg is the key (variadic: its first element)
	FieldPart // argument Arg is a hash field or set member
	ValuePart // argument Arg is the value written
	TTLPart   // argument Arg is the expiration
	// ModePart makes the operation the link's Kind: NX turns a SET into a claim.
	ModePart
	TablePart  // argument Arg is the table or collection name (GORM Table, mongo Collection)
	ModelPart  // argument Arg's type names the table (GORM Model(&T{}))
	WherePart  // argument Arg is a condition, the arguments after it its parameters
	ClausePart // the variadic argument at Arg holds clauses (GORM Clauses(clause.OnConflict{...}))
	RawPart    // argument Arg is SQL text, the arguments after it its parameters (GORM Raw)
)

// Link describes one intermediate call of a chain or builder.
type Link struct {
	Pkg  string // import path that declares the method
	Recv string // receiver type name; "any" for every type of Pkg (builders declare one type per step)
	Name string
	Role Role
	Arg  int  // the argument the role reads, or No
	Var  bool // the argument at Arg is a slice built in place (Exec(ctx, c, []string{k}, args))
	Kind Kind // for Command and ModePart
	Verb string
}

// Step is one call of a chain, with its link.
type Step struct {
	Link *Link
	Call *ssa.Call
	Args []ssa.Value // the call's arguments without the receiver
}

// Arg returns the value the step's link reads, or nil.
func (s Step) Arg() ssa.Value {
	l := s.Link
	if l.Arg == No || l.Arg >= len(s.Args) {
		return nil
	}
	if sig := s.Call.Call.Signature(); l.Var || sig.Variadic() && l.Arg == sig.Params().Len()-1 {
		elems, ok := ssautil.VarArgs(s.Args[l.Arg])
		if !ok || len(elems) == 0 {
			return nil
		}
		return elems[0]
	}
	return s.Args[l.Arg]
}

// Rest returns the arguments after the step's Arg, the variadic one unpacked: a
// condition's parameters. ok is false when they cannot be seen (args...).
func (s Step) Rest() ([]ssa.Value, bool) {
	return ssautil.VarArgsAt(s.Args, s.Link.Arg+1)
}

// linkTable indexes links like rows: exact receiver first, then "any".
type linkTable struct {
	exact   map[string]*Link // pkg \x00 recv \x00 name
	anyRecv map[string]*Link // pkg \x00 name
}

// links are the built-in links; built at init, read only.
var links = newLinkTable(builtinLinks())

func builtinLinks() []Link {
	var all []Link
	all = append(all, rueidisLinks()...)
	all = append(all, gormLinks()...)
	all = append(all, mongoLinks()...)
	return all
}

func newLinkTable(ls []Link) *linkTable {
	t := &linkTable{exact: map[string]*Link{}, anyRecv: map[string]*Link{}}
	for i := range ls {
		l := &ls[i]
		if l.Recv == "any" {
			t.anyRecv[l.Pkg+"\x00"+l.Name] = l
		} else {
			t.exact[l.Pkg+"\x00"+l.Recv+"\x00"+l.Name] = l
		}
	}
	return t
}

func (t *linkTable) lookup(fn *types.Func) *Link {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	pkg, recv := fn.Pkg().Path(), recvTypeName(fn)
	if l := t.exact[pkg+"\x00"+recv+"\x00"+fn.Name()]; l != nil {
		return l
	}
	if recv != "" {
		return t.anyRecv[pkg+"\x00"+fn.Name()]
	}
	return nil
}

// maxChain bounds a chain walk; real chains have a handful of calls.
const maxChain = 32

// ChainOf returns the calls that built v, root first, as long as each is a link: the
// walk goes from a call to its receiver (or, for a package function link, stops).
func ChainOf(v ssa.Value) []Step {
	var steps []Step
	for range maxChain {
		call, ok := ssautil.Unwrap(v).(*ssa.Call)
		if !ok {
			break
		}
		link := links.lookup(Callee(&call.Call))
		if link == nil {
			break
		}
		steps = append(steps, Step{Link: link, Call: call, Args: Args(&call.Call)})
		if v = Receiver(&call.Call); v == nil {
			break
		}
	}
	for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
		steps[i], steps[j] = steps[j], steps[i]
	}
	return steps
}

// LinkOf returns the link of a call, or nil: for passes and engines that must know
// that a call only builds (a value made by a link is not a result to decide on).
func LinkOf(call *ssa.CallCommon) *Link { return links.lookup(Callee(call)) }
