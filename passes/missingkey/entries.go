package missingkey

// This file finds the at-least-once entry points of a package: code that a broker
// or a webhook provider runs once per delivery, and so again per redelivery.

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// maxDepth bounds every walk through handlers, middleware and helpers: far enough
// for router -> middleware -> handler -> service, and it ends recursion.
const maxDepth = 4

// entryPoint is code that runs once per delivery.
type entryPoint struct {
	fn *ssa.Function
	// start is the read or receive after which fn handles a message; nil when
	// the whole function is the handler.
	start  ssa.Instruction
	system string    // "kafka consumer", "Stripe webhook handler"
	pos    token.Pos // where the delivery enters, for Related
	// router is the function that registered an HTTP route: middleware it
	// installs runs first; nil for other entry points.
	router *ssa.Function
	// claimed says a middleware claims the delivery before the handler runs.
	claimed bool
}

// webhook reports whether the entry point is an HTTP handler (a retried request)
// rather than a consumer (a redelivered message).
func (ep *entryPoint) webhook() bool { return strings.Contains(ep.system, "webhook") }

func (c *checker) add(ep *entryPoint) {
	if ep.fn == nil || len(ep.fn.Blocks) == 0 || c.inTest(ep.fn) {
		return
	}
	if ep.start == nil {
		if sys := paramSystem(ep.fn); sys != "" {
			ep.system = sys // lambda.Start(handle) with handle(ctx, events.SQSEvent): an SQS handler
		}
		if c.seen[ep.fn] {
			return // registered twice, or found by its route and its signature check
		}
		c.seen[ep.fn] = true
	}
	c.entries = append(c.entries, ep)
}

// paramSystem names a handler by the delivery type it takes, or "".
func paramSystem(fn *ssa.Function) string {
	for _, p := range fn.Params {
		if e := model.EntryType(p.Type()); e != nil && e.Shape == model.HandlerParam {
			return e.System
		}
	}
	return ""
}

// inTest reports a function of a _test.go file: a test feeds one delivery.
func (c *checker) inTest(fn *ssa.Function) bool {
	f := c.pass.Fset.File(fn.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// findEntries scans every function for reads, receives and registrations of
// deliveries, and for handlers known by their signature.
func (c *checker) findEntries() {
	c.collectSubrouters()
	for _, fn := range c.ssa.SrcFuncs {
		c.signatureEntry(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case ssa.CallInstruction:
					c.callEntry(fn, x)
				case *ssa.UnOp:
					if x.Op == token.ARROW {
						c.receiveEntry(fn, x, x.X.Type())
					}
				case *ssa.Select:
					for _, st := range x.States {
						if st.Dir == types.RecvOnly {
							c.receiveEntry(fn, x, st.Chan.Type())
						}
					}
				}
			}
		}
	}
}

// receiveEntry: receiving a delivery from a channel (ranging over amqp091's
// Consume channel, sarama's claim.Messages()) starts a handler.
func (c *checker) receiveEntry(fn *ssa.Function, at ssa.Instruction, chanType types.Type) {
	ch, ok := chanType.Underlying().(*types.Chan)
	if !ok {
		return
	}
	if e := model.EntryType(ch.Elem()); e != nil && e.Shape == model.MessageChan {
		c.add(&entryPoint{fn: fn, start: at, system: e.System, pos: at.Pos()})
	}
}

// callEntry handles a call that reads a delivery, registers a handler or installs
// router middleware.
func (c *checker) callEntry(fn *ssa.Function, call ssa.CallInstruction) {
	common := call.Common()
	callee := model.Callee(common)
	if callee == nil {
		return
	}
	if i, ok := c.cfg.entry[callee.FullName()]; ok {
		c.register(call, &model.Entry{System: "consumer", Handler: i, Pattern: model.No, Shape: model.Callback}, false)
		return
	}
	e := model.EntryCall(callee)
	if e == nil {
		return
	}
	switch e.Shape {
	case model.ReadLoop:
		c.add(&entryPoint{fn: fn, start: call, system: e.System, pos: call.Pos()})
	case model.Callback:
		c.register(call, e, false)
	case model.Route:
		c.routers[fn] = true
		prefix, groupClaims := c.routePrefix(model.Receiver(call.Common()), 0)
		if c.webhookRoute(call, e, prefix) {
			c.register(call, e, groupClaims)
		}
	case model.Middleware:
		if e.Inline {
			return // r.With(mw): only the routes registered on its result, see withClaims
		}
		for _, a := range handlerArgs(call, e) {
			if mw, claimed := c.handlers(a, "", 0, map[ssa.Value]bool{}); claimed || c.anyClaims(mw) {
				c.guarded[fn] = true // r.Use(idempotency): every route of the router claims first
			}
		}
	}
}

// webhookRoute reports whether a route registration serves webhook deliveries:
// a state-changing method and a webhook-like constant pattern, after the prefix
// of the groups it is registered in.
func (c *checker) webhookRoute(call ssa.CallInstruction, e *model.Entry, prefix string) bool {
	if !model.RouteMethodChanges(e.Method) {
		return false
	}
	args := model.Args(call.Common())
	if e.Pattern >= len(args) {
		return false
	}
	pattern, ok := ssautil.ConstString(args[e.Pattern])
	if method, path, hasMethod := strings.Cut(pattern, " "); hasMethod && prefix != "" {
		pattern = method + " " + prefix + path
	} else {
		pattern = prefix + pattern
	}
	return ok && model.WebhookRoute(pattern)
}

// register adds the handlers a registration passes. A middleware claims for them
// when it is installed on the router they are registered on (r.With(dedup)),
// passed in the same call (echo's POST(path, h, dedup)), or comes before the last
// handler of a chain (gin's POST(path, claim, handle)).
func (c *checker) register(call ssa.CallInstruction, e *model.Entry, claimed bool) {
	claimed = claimed || c.withClaims(call)
	var fns []*ssa.Function
	for _, a := range handlerArgs(call, e) {
		hs, cl := c.handlers(a, e.Runs, 0, map[ssa.Value]bool{})
		fns = append(fns, hs...)
		claimed = claimed || cl
	}
	for i, h := range fns {
		if i < len(fns)-1 && c.claims(h, 0, map[*ssa.Function]bool{}) {
			claimed = true
		}
	}
	handlers := handlerArgs(call, e)
	for _, a := range expand(model.Args(call.Common())) {
		if containsValue(handlers, a) {
			continue
		}
		if mw, cl := c.handlers(a, e.Runs, 0, map[ssa.Value]bool{}); cl || c.anyClaims(mw) {
			claimed = true
		}
	}
	prov := ""
	if e.Shape == model.Route && len(fns) > 0 {
		prov, _ = c.verifiesWebhook(fns[len(fns)-1], 0, map[*ssa.Function]bool{})
	}
	for _, h := range fns {
		ep := &entryPoint{fn: h, system: prov + e.System, pos: call.Pos(), claimed: claimed}
		if e.Shape == model.Route {
			ep.router = call.Parent()
		}
		c.add(ep)
	}
}

// expand replaces variadic slices built in place by their elements.
func expand(args []ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, a := range args {
		if elems, ok := ssautil.VarArgs(a); ok {
			out = append(out, elems...)
		} else {
			out = append(out, a)
		}
	}
	return out
}

func containsValue(list []ssa.Value, v ssa.Value) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// anyClaims reports whether one of fns claims.
func (c *checker) anyClaims(fns []*ssa.Function) bool {
	for _, fn := range fns {
		if c.claims(fn, 0, map[*ssa.Function]bool{}) {
			return true
		}
	}
	return false
}

// withClaims reports a route registered on r.With(dedup): chi's inline
// middleware.
func (c *checker) withClaims(call ssa.CallInstruction) bool {
	recv, ok := model.Receiver(call.Common()).(*ssa.Call)
	if !ok {
		return false
	}
	e := model.EntryCall(model.Callee(&recv.Call))
	if e == nil || e.Shape != model.Middleware {
		return false
	}
	for _, a := range handlerArgs(recv, e) {
		if mw, claimed := c.handlers(a, "", 0, map[ssa.Value]bool{}); claimed || c.anyClaims(mw) {
			return true
		}
	}
	return false
}

// handlerArgs returns the arguments of call that carry handlers.
func handlerArgs(call ssa.CallInstruction, e *model.Entry) []ssa.Value {
	args := model.Args(call.Common())
	if e.Handler < 0 || e.Handler >= len(args) {
		return nil
	}
	if !e.HandlerVar {
		return args[e.Handler : e.Handler+1]
	}
	return expand(args[e.Handler:])
}

// signatureEntry: a function is a handler by what it takes (Lambda's
// events.SQSEvent, asynq's ProcessTask), by configuration, or, for an HTTP
// handler, by verifying a webhook signature or reading a provider's header.
func (c *checker) signatureEntry(fn *ssa.Function) {
	if obj, ok := fn.Object().(*types.Func); ok && c.cfg.handler[obj.FullName()] {
		c.add(&entryPoint{fn: fn, system: "consumer", pos: fn.Pos()})
		return
	}
	for _, p := range fn.Params {
		e := model.EntryType(p.Type())
		if e == nil {
			continue
		}
		switch e.Shape {
		case model.HandlerParam:
			c.add(&entryPoint{fn: fn, system: e.System, pos: fn.Pos()})
			return
		case model.HandlerMethod:
			if fn.Signature.Recv() != nil && fn.Name() == e.Runs {
				c.add(&entryPoint{fn: fn, system: e.System, pos: fn.Pos()})
				return
			}
		case model.HTTPHandler:
			if prov, ok := c.verifiesWebhook(fn, 0, map[*ssa.Function]bool{}); ok {
				c.add(&entryPoint{fn: fn, system: prov + "webhook handler", pos: fn.Pos()})
				return
			}
		}
	}
}

// verifiesWebhook reports whether fn, or a helper of this package it calls,
// verifies a provider's webhook signature or reads a header only a webhook
// provider sends; it returns the provider's name followed by a space.
func (c *checker) verifiesWebhook(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) (string, bool) {
	if depth > maxDepth || seen[fn] {
		return "", false
	}
	seen[fn] = true
	for _, a := range headers.Scan(fn, noWrappers) {
		if a.Dir != headers.Read || a.Name == "" || !a.Origin.Receives() {
			continue
		}
		if p := model.WebhookMarkedBy(a.Name); p != nil {
			return p.Name + " ", true
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if callee := model.Callee(call.Common()); callee != nil {
				if p := headers.VerifiedBy(callee.FullName()); p != nil {
					return p.Name + " ", true
				}
			}
			if callee := call.Common().StaticCallee(); callee != nil && callee.Pkg == fn.Pkg {
				if prov, ok := c.verifiesWebhook(callee, depth+1, seen); ok {
					return prov, true
				}
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if prov, ok := c.verifiesWebhook(anon, depth+1, seen); ok {
			return prov, true
		}
	}
	return "", false
}

func noWrappers(*types.Func) *headers.Wrapper { return nil }

// handlers resolves a handler value to the functions it runs: a function, a
// closure, a method value, a conversion (http.HandlerFunc(f)), a value whose
// type has the method runs (ServeHTTP), or a middleware call wrapping one. The
// second result says a middleware on the way claims the delivery first.
func (c *checker) handlers(v ssa.Value, runs string, depth int, seen map[ssa.Value]bool) ([]*ssa.Function, bool) {
	if v == nil || depth > maxDepth || seen[v] {
		return nil, false
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.Function:
		if target := boundTarget(x); target != nil {
			return []*ssa.Function{target}, false
		}
		return []*ssa.Function{x}, false
	case *ssa.MakeClosure:
		return c.handlers(x.Fn, runs, depth+1, seen)
	case *ssa.ChangeType:
		return c.handlers(x.X, runs, depth+1, seen)
	case *ssa.Convert:
		return c.handlers(x.X, runs, depth+1, seen)
	case *ssa.MakeInterface:
		if _, isFunc := x.X.Type().Underlying().(*types.Signature); isFunc || runs == "" {
			return c.handlers(x.X, runs, depth+1, seen)
		}
		if m := c.method(x.X.Type(), runs); m != nil {
			return []*ssa.Function{m}, c.claims(m, 0, map[*ssa.Function]bool{})
		}
	case *ssa.Phi:
		var out []*ssa.Function
		claimed := true
		for _, e := range x.Edges {
			fns, cl := c.handlers(e, runs, depth+1, seen)
			out, claimed = append(out, fns...), claimed && cl
		}
		return out, claimed && len(x.Edges) > 0
	case *ssa.Call:
		return c.middleware(x, runs, depth, seen)
	}
	return nil, false
}

// middleware resolves a handler made by a call: dedup(next), mw.Wrap(h). A
// middleware that claims runs its claim before the handler it wraps; one that
// does not is looked through to the handler.
func (c *checker) middleware(call *ssa.Call, runs string, depth int, seen map[ssa.Value]bool) ([]*ssa.Function, bool) {
	if callee := call.Call.StaticCallee(); callee != nil && c.claims(callee, 0, map[*ssa.Function]bool{}) {
		return nil, true
	}
	if c.res.MakesClaimer(call) {
		return nil, true // a middleware factory of another package whose handler claims
	}
	var out []*ssa.Function
	for _, a := range call.Call.Args {
		switch a.Type().Underlying().(type) {
		case *types.Signature, *types.Interface:
			fns, claimed := c.handlers(a, runs, depth+1, seen)
			if claimed {
				return nil, true
			}
			out = append(out, fns...)
		}
	}
	return out, false
}

// boundTarget returns the method a method value (s.onMsg) or method expression
// wrapper calls.
func boundTarget(fn *ssa.Function) *ssa.Function {
	if fn.Synthetic == "" || len(fn.Blocks) == 0 {
		return nil
	}
	for _, instr := range fn.Blocks[0].Instrs {
		if call, ok := instr.(ssa.CallInstruction); ok {
			if callee := call.Common().StaticCallee(); callee != nil {
				return callee
			}
		}
	}
	return nil
}

// method returns the method name of type t (or *t), e.g. ServeHTTP.
func (c *checker) method(t types.Type, name string) *ssa.Function {
	if types.IsInterface(t) {
		return nil // an interface has no body to look at
	}
	prog := c.ssa.Pkg.Prog
	for _, typ := range []types.Type{t, types.NewPointer(t)} {
		sel := prog.MethodSets.MethodSet(typ)
		for i := 0; i < sel.Len(); i++ {
			if sel.At(i).Obj().Name() == name {
				return prog.MethodValue(sel.At(i))
			}
		}
	}
	return nil
}

// claims reports whether fn (a middleware, or the closure it returns) performs a
// dedup claim: an atomic claim in the model or one of the team's dedup functions.
func (c *checker) claims(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if fn == nil || depth > maxDepth || seen[fn] {
		return false
	}
	seen[fn] = true
	for _, e := range c.effectsOf(fn) {
		if isClaim(e) {
			return true
		}
	}
	for _, anon := range fn.AnonFuncs {
		if c.claims(anon, depth+1, seen) {
			return true
		}
	}
	return false
}
