package dedupttl

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/provenance"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// checkHelperCalls checks the TTLs fn passes to helpers that write markers.
func (c *checker) checkHelperCalls(calls []*provenance.TTLCall) {
	for _, call := range calls {
		c.checkTTL(call.Key+" (in "+call.Via+")", call.TTL, call.Site.Pos())
	}
}

// checkFunc checks the TTL of each dedup marker f writes, given with the write
// or by an EXPIRE of the same key after it.
func (c *checker) checkFunc(f *effects.Func) {
	var markers []*effects.Effect
	for _, e := range f.Effects {
		if e.Op == nil || e.Op.Key == nil || !provenance.DedupMarker(f, e) && !provenance.UnreleasedLease(f, e, c.releases) {
			continue
		}
		markers = append(markers, e)
		if ttl, ok := model.TTLOf(e.Op); ok && !provenance.Rewritten(f, e) {
			c.checkTTL(c.keyText(e), ttl, e.Site.Pos())
		}
	}
	if len(markers) == 0 {
		return
	}
	keys := keyexpr.NewBuilder(f.Fn, nil)
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			exp, ok := model.ExpiryOf(call)
			if !ok {
				continue
			}
			if m := expired(markers, keys, exp.Key); m != nil {
				c.checkTTL(c.keyText(m), exp.TTL, call.Pos())
			}
		}
	}
}

// keyText shows a marker's key as the source writes it: "evt:"+id.
func (c *checker) keyText(e *effects.Effect) string {
	if t := c.keys.Of(e.Op.Key).Text; t != "" {
		return t
	}
	return e.Keys[0].String()
}

// expired returns the marker whose key an EXPIRE of key sets: the same value, or
// the same construction ("evt:"+id written twice).
func expired(markers []*effects.Effect, keys *keyexpr.Builder, key ssa.Value) *effects.Effect {
	canon := (&keyexpr.Key{Op: keyexpr.Redis, Args: []*keyexpr.Key{keys.Of(key)}}).Canon()
	for _, m := range markers {
		if ssautil.Unwrap(m.Op.Key) == ssautil.Unwrap(key) {
			return m
		}
		for _, k := range m.CanonKeys() {
			if k == canon {
				return m
			}
		}
	}
	return nil
}

// checkTTL reports a constant TTL shorter than the minimum.
func (c *checker) checkTTL(key string, ttl model.TTL, pos token.Pos) {
	n, ok := constInt(ttl.Value)
	if !ok || n <= 0 {
		return // configuration, no expiry, or KEEPTTL
	}
	d := time.Duration(n) * ttl.Unit
	if d >= c.min {
		return
	}
	if ttl.Duration {
		if src, bare := c.bareInteger(pos, ttl.Arg); bare {
			c.report(pos, fmt.Sprintf("dedup marker %s expires almost at once: %s as a time.Duration is %v; did you mean %s*time.Second?",
				key, src, d, src))
			return
		}
	}
	c.report(pos, fmt.Sprintf("dedup marker %s expires after %v, before a late redelivery (queues and webhook providers retry for hours to days); keep it at least %s",
		key, d, short(c.min)))
}

// bareInteger returns the source of the TTL argument of the call at pos when it
// is an integer with no time unit in it (86400, a const ttl = 3600).
func (c *checker) bareInteger(pos token.Pos, arg int) (string, bool) {
	if arg < 0 {
		return "", false
	}
	call := c.callAt(pos)
	if call == nil || arg >= len(call.Args) {
		return "", false
	}
	expr := call.Args[arg]
	unitless := true
	ast.Inspect(expr, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			unitless = false // time.Duration(n): converted on purpose
		case *ast.Ident:
			if obj := c.pass.TypesInfo.Uses[x]; obj != nil {
				if _, isConst := obj.(*types.Const); !isConst || model.IsDuration(obj.Type()) {
					unitless = false
				}
			}
		}
		return unitless
	})
	src := types.ExprString(expr)
	switch ast.Unparen(expr).(type) {
	case *ast.BasicLit, *ast.Ident, *ast.SelectorExpr:
	default:
		src = "(" + src + ")"
	}
	return src, unitless
}

// callAt finds the call expression whose '(' is at pos.
func (c *checker) callAt(pos token.Pos) *ast.CallExpr {
	for _, f := range c.pass.Files {
		if pos < f.Pos() || pos > f.End() {
			continue
		}
		var found *ast.CallExpr
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil || n == nil || pos < n.Pos() || pos > n.End() {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && call.Lparen == pos {
				found = call
			}
			return true
		})
		return found
	}
	return nil
}

func constInt(v ssa.Value) (int64, bool) {
	c, ok := ssautil.Unwrap(v).(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// short prints a duration the way people write it: 24h, 90m, 36h.
func short(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}
