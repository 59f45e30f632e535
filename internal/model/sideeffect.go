package model

// This file answers what a redelivered message repeats: which operations are side
// effects that run again (an INSERT, an INCR, a publish, a charge, an outbound POST)
// and when such a call carries an idempotency key its receiver dedups on.

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Repeats reports whether an operation of this kind on this store runs again, with
// a visible result, when the same message is handled twice: an insert of a record
// without a claim form (SQL INSERT without ON CONFLICT, GORM Create, MongoDB
// InsertOne/InsertMany, DynamoDB PutItem without a ConditionExpression), a
// relative UPDATE or INCR, a push, a publish, a charge, an email. A SET, HSET,
// DELETE, UPSERT or absolute UPDATE writes the same state twice.
func Repeats(kind Kind, store Store, stmt sqlclass.Verb) bool {
	switch kind {
	case Incr, Publish:
		return true
	case Write:
		return store.Records() && stmt == sqlclass.Insert
	}
	return false
}

// ReportsInValue reports whether a claim tells a duplicate only through its value,
// never through its error: SETNX's bool, the rows an INSERT ... ON CONFLICT DO
// NOTHING affected, LoadOrStore's loaded. Checking only its error ignores the
// claim. SET ... NX through SetArgs or redigo reports a duplicate as redis.Nil /
// ErrNil, an error.
func ReportsInValue(verb string, store Store) bool {
	switch store {
	case SQL, Map:
		return true
	case Redis:
		return verb != "SET NX"
	}
	return false
}

// ReturnsCount reports whether an increment on this store returns the new count
// (Redis INCR, HINCRBY), so that the count can decide like a claim: 1 for the
// first delivery, more for a redelivery. An SQL UPDATE ... SET n = n + 1 returns
// no count.
func ReturnsCount(store Store) bool { return store == Redis }

// carriesKey reports whether a side-effect call passes an idempotency key: the
// row's KeyField set on its argument (directly, through an embedded Params, or by
// the Set<KeyField> method), or one of its KeyOptions among the arguments.
func carriesKey(row *Row, args []ssa.Value) bool {
	if row.KeyField != "" && row.Value != No && row.Value < len(args) {
		if setsField(args[row.Value], row.KeyField, 4) {
			return true
		}
	}
	for _, a := range args {
		elems, ok := ssautil.VarArgs(a)
		if !ok {
			elems = []ssa.Value{a}
		}
		for _, e := range elems {
			if call, ok := ssautil.Unwrap(e).(*ssa.Call); ok {
				if fn := Callee(&call.Call); fn != nil && contains(row.KeyOptions, fn.FullName()) {
					return true
				}
			}
		}
	}
	return false
}

// setsField reports whether field is assigned in the struct v points to, or in a
// struct embedded in it, or through its Set<field> method; depth bounds the walk
// through embedded structs and copied literals.
func setsField(v ssa.Value, field string, depth int) bool {
	if depth == 0 || v == nil {
		return false
	}
	v = ssautil.Unwrap(v)
	if u, ok := v.(*ssa.UnOp); ok { // a struct passed by value: its literal
		v = u.X
	}
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch r := ref.(type) {
		case *ssa.FieldAddr:
			if fieldName(r) == field && stored(r) {
				return true
			}
			if setsField(r, field, depth-1) {
				return true
			}
		case *ssa.Store:
			if r.Addr == v && setsField(r.Val, field, depth-1) {
				return true // params.Params = stripe.Params{IdempotencyKey: ...}
			}
		case *ssa.Call:
			if fn := Callee(&r.Call); fn != nil && fn.Name() == "Set"+field {
				return true
			}
		}
	}
	return false
}

func fieldName(fa *ssa.FieldAddr) string {
	t := fa.X.Type().Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if st, ok := t.(*types.Struct); ok {
		return st.Field(fa.Field).Name()
	}
	return ""
}

func stored(addr ssa.Value) bool {
	for _, ref := range *addr.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == addr {
			return true
		}
	}
	return false
}

// resolveRequest classifies (*http.Client).Do(req) by the method of the request
// built in view (http.NewRequest(WithContext)): POST, PUT and PATCH change state
// on the other side; an Idempotency-Key header set on the request makes the
// receiver dedup them.
func resolveRequest(o *Op, req ssa.Value) {
	call, ok := ssautil.Unwrap(extractTuple(req)).(*ssa.Call)
	if !ok {
		return
	}
	fn := Callee(&call.Call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != netHTTP {
		return
	}
	args := Args(&call.Call)
	var method ssa.Value
	switch fn.Name() {
	case "NewRequest":
		method = args[0]
	case "NewRequestWithContext":
		method = args[1]
	default:
		return
	}
	m, ok := ssautil.ConstString(method)
	if !ok || !changesState(m) {
		return
	}
	o.Kind, o.Verb = Publish, strings.ToUpper(m)
	o.Keyed = setsIdempotencyHeader(req)
}

func extractTuple(v ssa.Value) ssa.Value {
	if ext, ok := v.(*ssa.Extract); ok && ext.Index == 0 {
		return ext.Tuple
	}
	return v
}

// changesState reports an HTTP method that a receiver does not treat as safe.
func changesState(method string) bool {
	switch strings.ToUpper(method) {
	case "POST", "PUT", "PATCH":
		return true
	}
	return false
}

// setsIdempotencyHeader reports whether a header whose name says idempotency is
// set on req (req.Header.Set("Idempotency-Key", id), req.Header["Idempotency-Key"]).
func setsIdempotencyHeader(req ssa.Value) bool {
	for _, ref := range *req.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fieldName(fa) != "Header" {
			continue
		}
		for _, load := range *fa.Referrers() {
			lv, ok := load.(*ssa.UnOp)
			if !ok {
				continue
			}
			for _, use := range *lv.Referrers() {
				var name ssa.Value
				switch u := use.(type) {
				case *ssa.Call:
					if a := Args(&u.Call); len(a) > 0 {
						name = a[0]
					}
				case *ssa.MapUpdate:
					name = u.Key
				}
				if s, ok := ssautil.ConstString(name); ok && IdempotencyHeader(s) {
					return true
				}
			}
		}
	}
	return false
}

// IdempotencyHeader reports a header name that carries an idempotency key
// (Idempotency-Key, X-Idempotency-Key, Stripe's Idempotency-Key).
func IdempotencyHeader(name string) bool {
	return strings.Contains(strings.ToLower(name), "idempotency")
}

// SentRequest returns the request a send carries when it was not built in view
// (client.Do(req) of a request given to the function), or nil: the caller that
// built it knows its method.
func (t *Table) SentRequest(instr ssa.CallInstruction) ssa.Value {
	call := instr.Common()
	row := t.Lookup(Callee(call))
	if row == nil || row.Dispatch != HTTPRequest {
		return nil
	}
	req := rowArg(Args(call), 0, false)
	if req == nil || RequestOp(req) != nil {
		return nil
	}
	return req
}

// RequestOp resolves a request built in view as the send of it would: an
// outbound POST, PUT or PATCH (keyed when it sets an idempotency header), or nil.
func RequestOp(req ssa.Value) *Op {
	o := &Op{}
	resolveRequest(o, req)
	if o.Kind == Invalid {
		return nil
	}
	return o
}

// RequestOpVia is RequestOp that also knows requests a helper builds and returns
// (req, err := c.newRequest(ctx, m)): built returns the method of the request a
// call returns, or "".
func RequestOpVia(req ssa.Value, built func(*ssa.Call) string) *Op {
	if o := RequestOp(req); o != nil {
		return o
	}
	call, ok := ssautil.Unwrap(extractTuple(req)).(*ssa.Call)
	if !ok {
		return nil
	}
	m := built(call)
	if !changesState(m) {
		return nil
	}
	return &Op{Kind: Publish, Verb: strings.ToUpper(m), Keyed: setsIdempotencyHeader(req)}
}
