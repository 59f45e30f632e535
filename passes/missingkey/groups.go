package missingkey

// This file follows route groups: a route registered in a group gets the group's
// prefix ("/webhooks" + "/stripe") and runs after the group's middleware.

import (
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// collectSubrouters notes the funcs that chi's r.Route(pattern, fn) hands a
// sub-router to, before routes registered on that router are looked at.
func (c *checker) collectSubrouters() {
	for _, fn := range c.ssa.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				e := model.EntryCall(model.Callee(call.Common()))
				if e == nil || e.Shape != model.Subrouter {
					continue
				}
				for _, a := range handlerArgs(call, e) {
					fns, _ := c.handlers(a, "", 0, map[ssa.Value]bool{})
					for _, sub := range fns {
						c.subrouters[sub] = call
					}
				}
			}
		}
	}
}

// routePrefix returns the prefix the groups around router put before a route, and
// whether a group's middleware claims first. A group kept in a struct field or
// made in another function is not followed.
func (c *checker) routePrefix(router ssa.Value, depth int) (string, bool) {
	if router == nil || depth > maxDepth {
		return "", false
	}
	var site ssa.CallInstruction
	switch x := ssautil.Unwrap(router).(type) {
	case *ssa.Call:
		site = x // g := r.Group("/webhooks", mw)
	case *ssa.Parameter:
		site = c.subrouters[x.Parent()] // r.Route("/hooks", func(r chi.Router) {...})
	}
	if site == nil {
		return "", false
	}
	e := model.EntryCall(model.Callee(site.Common()))
	if e == nil || e.Shape != model.Group && e.Shape != model.Subrouter {
		return "", false
	}
	args := model.Args(site.Common())
	prefix, ok := "", e.Pattern < len(args)
	if ok {
		prefix, ok = ssautil.ConstString(args[e.Pattern])
	}
	if !ok {
		return "", false
	}
	outer, claimed := c.routePrefix(model.Receiver(site.Common()), depth+1)
	if e.Shape == model.Group {
		for _, a := range handlerArgs(site, e) {
			if mw, cl := c.handlers(a, "", 0, map[ssa.Value]bool{}); cl || c.anyClaims(mw) {
				claimed = true // r.Group("/webhooks", dedup)
			}
		}
	}
	return outer + prefix, claimed
}
