package effects

import (
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// An API client often builds its request in one method and sends it in another
// (GrantCredit builds a POST, c.do(req) runs c.HTTP.Do(req) and checks the
// status): where the request is sent its method is out of view, and where it is
// built nothing is sent. The sender's summary says which parameter it sends, and
// each call of it is judged by the request the caller passes.

// sendsParam notes that f sends a request it was given as a parameter.
func (c *collector) sendsParam(f *Func, req ssa.Value) {
	p, ok := ssautil.Unwrap(req).(*ssa.Parameter)
	if !ok || p.Parent() != f.Fn {
		return
	}
	i := ssautil.ParamIndex(f.Fn, p)
	for _, j := range f.SendsRequests {
		if j == i {
			return
		}
	}
	f.SendsRequests = append(f.SendsRequests, i)
}

// sendRequest adds, at call, the effect of sending req through a helper: an
// outbound POST/PUT/PATCH built here, or, when req is f's own parameter, f sends
// it in turn.
func (c *collector) sendRequest(f *Func, call ssa.CallInstruction, req ssa.Value, via string) {
	op := model.RequestOpVia(req, c.builtRequest)
	if op == nil {
		c.sendsParam(f, req)
		return
	}
	depth := 0
	if via != "" {
		depth = 1
	}
	f.Effects = append(f.Effects, &Effect{Core: Core{Kind: op.Kind, Store: model.HTTP, Verb: op.Verb, Keyed: op.Keyed,
		Guarded: f.Guarded, Via: via, Depth: depth}, Site: call, Sent: true})
}

// builtRequest returns the method of the request a helper call returns, by the
// helper's summary (Summary.BuildsRequest), or "".
func (c *collector) builtRequest(call *ssa.Call) string {
	callee := call.Call.StaticCallee()
	if callee == nil {
		return ""
	}
	if s := c.summaryOf(callee); s != nil {
		return s.BuildsRequest
	}
	return ""
}

// buildsRequest returns the method of a state-changing request fn builds and
// returns without an idempotency key (a client's newRequest), or "".
func buildsRequest(fn *ssa.Function) string {
	if fn.Signature.Results().Len() == 0 {
		return ""
	}
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 {
			if op := model.RequestOp(ret.Results[0]); op != nil && !op.Keyed {
				return op.Verb
			}
		}
	}
	return ""
}
