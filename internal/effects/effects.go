// Package effects computes, for every function of a package, the store operations it
// performs (directly, through helper functions and methods, and through closures),
// with each key in canonical form. It is the shared model the passes ask "which
// checks, writes and claims happen here, and on which key?".
//
// Helper summaries travel across packages as facts (*Summary on the helper's
// types.Func), so a Store type in one package and its callers in another are seen
// together under go vet as well as standalone.
package effects

import (
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/guard"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssaonce"
)

// Analyzer computes the effects of every function of a package.
var Analyzer = &analysis.Analyzer{
	Name:       "idemeffects",
	Doc:        "compute the store operations of every function (shared by the idemlint passes)",
	URL:        "https://github.com/idemlint/idemlint#flags",
	Requires:   []*analysis.Analyzer{ssaonce.Analyzer},
	Run:        guard.Prerequisite(run, failed),
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(Summary)},
	Flags:      flags(),
}

// Core is what an operation is, wherever it is seen from: in the function that
// performs it (Effect), in a helper's summary (SumEffect), or inlined at a call of
// the helper or closure.
type Core struct {
	Kind  model.Kind
	Store model.Store
	Verb  string         // how messages name it: "GET", "SET NX", "INSERT"
	Keys  []*keyexpr.Key // the key, or one per SQL key column; none when unknown
	// Statement is the SQL statement's verb, for SQL operations.
	Statement sqlclass.Verb
	// Watch says the operation starts an optimistic transaction on its key
	// (redigo WATCH): a later EXEC fails if another delivery wrote it.
	Watch bool
	// Marker says the written value is a constant (or a timestamp): a dedup
	// marker, never a cached copy of data.
	Marker bool
	// Guarded says the operation runs inside an optimistic transaction (Watch).
	Guarded bool
	// Locking says the read locks what it finds until commit (FOR UPDATE in a
	// transaction).
	Locking bool
	Via     string // the helper it happens in, for messages ("s.markSeen")
	Depth   int    // helper levels between the call seen and the operation
	// Target is what a side effect changes, for messages: the SQL table.
	Target string
	// Keyed says a side effect carries an idempotency key its receiver dedups on.
	Keyed bool
}

// Effect is one store operation as seen from a function: performed at Site, a call
// in this function (the operation itself, or a call of a helper or closure that
// performs it).
type Effect struct {
	Core
	Site ssa.CallInstruction
	// At is where the operation itself is written, when that is inside this
	// function's source (an operation in a closure that runs at Site).
	At token.Pos
	// Result says Site's result carries the read's result (the read itself, or a
	// helper that returns it), so branches on it are checks.
	Result bool
	// Values are what the operation writes, as values of this function.
	Values []ssa.Value
	Op     *model.Op
	// Sent says the operation is a request built in this function and sent by
	// the helper called at Site (c.do(req)): the send is the helper's, the
	// request this function's, so the effect is here and not in the helper.
	Sent bool

	canons []string // memo of CanonKeys
}

// CanonKeys returns the canonical text of each key, computed once: pairing
// compares every check with every act.
func (e *Effect) CanonKeys() []string {
	if e.canons == nil && len(e.Keys) > 0 {
		e.canons = make([]string, len(e.Keys))
		for i, k := range e.Keys {
			e.canons[i] = k.Canon()
		}
	}
	return e.canons
}

// Summary is a helper's effects in terms of its parameters, exported as a fact.
type Summary struct {
	Effects []SumEffect
	// ResultRead is the index of the read whose result the function returns, or -1.
	ResultRead int
	// ResultClaim is the index of the claim whose result the function returns or
	// decides its return by (func (s *Store) Claim(ctx, id) (bool, error)), or -1:
	// a caller that branches on it dedups.
	ResultClaim int
	// ReturnKey is the key text the function returns (func key(id) string).
	ReturnKey *keyexpr.Key
	// HandlesDuplicate says the function recognizes a unique violation (isUV(err)
	// checking pgconn.PgError.Code == "23505"): a caller that uses it claims by INSERT.
	HandlesDuplicate bool
	// Serializable says the function opens a serializable transaction and runs its
	// func arguments in it (WithSerializableTx(ctx, db, func(tx) error {...})).
	Serializable bool
	// LocksAround is the store of a lock the function holds while it runs its func
	// arguments (WithLock(ctx, key, func() error {...})), or 0.
	LocksAround model.Store
	// Repeatable says the function does only work a second run leaves as the first
	// left it, some of it on a shared store: repeatable store operations (SET,
	// SADD, ZADD of deterministic members), computation and logging
	// (repeatableHelper). A check that gates only such a helper deduplicates nothing.
	Repeatable bool
	// MakesClaimer says a func value the function makes claims when it runs: a
	// middleware factory (func Dedup(rdb) gin.HandlerFunc) whose handler claims
	// the delivery before it calls the next one.
	MakesClaimer bool
	// SendsRequests are the parameters holding an outbound request the function
	// sends (func (c *Client) do(req *http.Request) error { return c.HTTP.Do(req) }):
	// its method and headers are known where the caller builds it.
	SendsRequests []int
	// BuildsRequest is the method of a request the function builds and returns
	// with no idempotency key (a client's newRequest): "POST", or "".
	BuildsRequest string
}

// SumEffect is an Effect in a Summary, its keys in terms of the helper's parameters.
type SumEffect struct {
	Core
	ValueParam int // the parameter the written value is made from (v in Set(k, json.Marshal(v))), or -1
	// OutParam is the parameter through which a read's value leaves the helper
	// (json.Unmarshal(raw, v), row.Scan(dest)), or -1.
	OutParam int
}

func (*Summary) AFact() {}

func (s *Summary) String() string { return "effects" }

// Result is the effects of every function of the package.
type Result struct {
	// Table is the run's model: built-in rows, the user's rows and header names.
	Table *Table
	Funcs map[*ssa.Function]*Func
	// Order lists Funcs in source order, for deterministic reports.
	Order []*ssa.Function
	// failed is the recovered panic of this analyzer, if it panicked: the result is
	// then empty, and the passes that require it report the failure.
	failed *guard.Failure
}

// failed is the empty Result of a run that panicked with f.
func failed(f *guard.Failure) any {
	return &Result{Table: NewTable(Config{}), Funcs: map[*ssa.Function]*Func{}, failed: f}
}

// Failed returns the recovered panic of the run that produced r, or nil.
func (r *Result) Failed() *guard.Failure { return r.failed }

// Func is one function's effects.
type Func struct {
	Fn      *ssa.Function
	Effects []*Effect
	// Guarded says the whole function runs inside Watch (a callback or nested in one).
	Guarded bool
	// Serializable says the function opens a serializable SQL transaction.
	Serializable bool
	// HandlesDuplicate says the function inspects a unique-violation error (23505,
	// "duplicate key"): its INSERT is a claim.
	HandlesDuplicate bool
	// HeldLocks are locks the enclosing function takes before it makes this
	// closure: mu.Lock(); defer mu.Unlock(); add := func() { m.Load...; m.Store... }.
	HeldLocks []*Effect
	// Claimers are the calls of this function that make a func value that claims
	// when it runs (a middleware factory's summary says MakesClaimer).
	Claimers []ssa.CallInstruction
	// SendsRequests are the parameters holding a request the function sends
	// (Summary.SendsRequests).
	SendsRequests []int
	taint         map[ssa.Value]*flow.Taint
	// work judges what a call does (repeatable or not) with the collector's
	// summaries, for GatesOnlyRepeatable.
	work *collector
}

// TaintOf returns what the result of e's call reaches.
func (f *Func) TaintOf(e *Effect) *flow.Taint {
	v, ok := e.Site.(ssa.Value)
	if !ok || !e.Result {
		return &flow.Taint{Values: map[ssa.Value]bool{}}
	}
	if t, ok := f.taint[v]; ok {
		return t
	}
	t := flow.ForwardPast(v, builds) // db.Model(&row) between the read and the use keeps row's value
	f.taint[v] = t
	return t
}

// HeldLock reports whether l is a lock this function still holds after l's call:
// taken here or by a helper that returns holding it. A lock taken and released
// inside one helper call, or inside a closure, protects nothing after the call.
func (f *Func) HeldLock(l *Effect) bool {
	if l.Kind != model.Lock || l.At.IsValid() {
		return false // At is set for operations inside a closure run at Site
	}
	for _, u := range f.Effects {
		if u.Kind == model.Unlock && u.Site == l.Site && u.Store == l.Store {
			return false
		}
	}
	return true
}

// MakesClaimer reports whether call makes a func value that claims when it runs:
// a middleware of another package (idem.Gin(rdb, "X-Shopify-Webhook-Id")) known
// by its summary.
func (r *Result) MakesClaimer(call ssa.CallInstruction) bool {
	f := r.Funcs[call.Parent()]
	if f == nil {
		return false
	}
	for _, c := range f.Claimers {
		if c == call {
			return true
		}
	}
	return false
}

// Pos is where an effect happens, for reports.
func (e *Effect) Pos() token.Pos {
	if e.At.IsValid() {
		return e.At
	}
	return e.Site.Pos()
}

// Describe is the verb with its helper, "EXISTS (in s.seen)".
func (e *Effect) Describe() string {
	if e.Via == "" {
		return e.Verb
	}
	return e.Verb + " (in " + e.Via + ")"
}

func run(pass *analysis.Pass) (any, error) {
	table, err := tableOf(pass)
	if err != nil {
		return nil, err
	}
	if model.LibraryPackage(pass.Pkg.Path()) || !touchesStores(pass, table.Model) {
		return &Result{Table: table, Funcs: map[*ssa.Function]*Func{}}, nil // the fast path
	}
	c := newCollector(pass, ssaonce.Of(pass).SSA(), table)
	return c.result(), nil
}

// touchesStores reports whether the package can perform or summarize a store
// operation: it imports a modeled API (sync counts only for sync.Map), a database
// error package, or a package with effect summaries.
func touchesStores(pass *analysis.Pass, table *model.Table) bool {
	imports := map[*types.Package]bool{}
	for _, imp := range pass.Pkg.Imports() {
		imports[imp] = true
		path := imp.Path()
		if model.StoreByTypeOnly(path) {
			if usesStoreType(pass) {
				return true
			}
			continue
		}
		if table.KnowsPackage(path) || model.ErrorPackage(path) {
			return true
		}
	}
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*Summary); ok && f.Object.Pkg() != nil && imports[f.Object.Pkg()] {
			return true
		}
	}
	return usesModeledThroughAlias(pass, table, imports)
}

// usesModeledThroughAlias reports a use of a modeled package's object that the
// package does not import itself: a project's wrapper re-exports the client type
// (type Cmdable = redis.Cmdable), and l.client.SetNX(...) is go-redis all the same.
func usesModeledThroughAlias(pass *analysis.Pass, table *model.Table, imports map[*types.Package]bool) bool {
	known := map[*types.Package]bool{}
	for _, obj := range pass.TypesInfo.Uses {
		pkg := obj.Pkg()
		if pkg == nil || pkg == pass.Pkg || imports[pkg] {
			continue
		}
		k, ok := known[pkg]
		if !ok {
			k = table.KnowsPackage(pkg.Path())
			known[pkg] = k
		}
		if k {
			return true
		}
	}
	return false
}

// usesStoreType reports a use of a store type of a package that every package
// imports for other reasons (sync.Map, not sync.Mutex).
func usesStoreType(pass *analysis.Pass) bool {
	for _, obj := range pass.TypesInfo.Uses {
		if model.IsStoreType(obj) {
			return true
		}
	}
	return false
}
