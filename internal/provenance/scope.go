package provenance

import (
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// OperationInScope returns how the source names a per-operation id that fn (or
// a function it is nested in) receives: "evt.ID", "msg.MessageId", "orderID";
// "" when there is none. A key built without it, or minted fresh instead, throws
// the operation's identity away.
func OperationInScope(fn *ssa.Function) string { return operationIn(fn, true) }

// OperationParam is OperationInScope for ids that parameters are or hold only.
// dedupttl asks only this: in a delivery loop of its own, a claim of
// "sms:"+customer.ID is a per-customer throttle whatever message is at hand.
func OperationParam(fn *ssa.Function) string { return operationIn(fn, false) }

func operationIn(fn *ssa.Function, received bool) string {
	for ; fn != nil; fn = fn.Parent() {
		for _, p := range fn.Params {
			if id := paramOperation(p); id != "" {
				return id
			}
		}
		if !received {
			continue
		}
		if id := receivedOperation(fn); id != "" {
			return id
		}
	}
	return ""
}

// receivedOperation names the identity of a broker message or webhook event
// that fn receives itself, from a channel or a call (for d := range deliveries,
// m, err := r.FetchMessage(ctx), evt, err := webhook.ConstructEvent(...)):
// "Delivery.MessageId". A message fn builds to publish is no operation at hand.
func receivedOperation(fn *ssa.Function) string {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			v, ok := instr.(ssa.Value)
			if !ok || !received(v) {
				continue
			}
			if f := messageIdentity(v.Type()); f != "" {
				return typeNameOf(v.Type()) + "." + f
			}
		}
	}
	return ""
}

// received reports a value that arrives from a channel or as a call's result.
func received(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Extract:
		return received(x.Tuple)
	case *ssa.UnOp:
		return x.Op == token.ARROW
	case *ssa.Call:
		return true
	}
	return false
}

// messageIdentity is the field that identifies a message of type t, or "".
func messageIdentity(t types.Type) string {
	st := structOf(t)
	if st == nil {
		return ""
	}
	for i := 0; i < st.NumFields(); i++ {
		if part, ok := model.MessageField(t, st.Field(i).Name()); ok && part == model.OperationPart {
			return st.Field(i).Name()
		}
	}
	return ""
}

// paramOperation names the per-operation id a parameter is or holds.
func paramOperation(p *ssa.Parameter) string {
	st := structOf(p.Type())
	if st == nil {
		// an id itself: a string or a number (taskData []*Task is no id)
		if b, ok := p.Type().Underlying().(*types.Basic); ok && b.Info()&(types.IsString|types.IsInteger) != 0 &&
			model.ClassifyName(p.Name()) == model.OperationPart {
			return p.Name()
		}
		return ""
	}
	if standardType(p.Parent(), p.Type()) {
		return "" // r.TransferEncoding is not a transfer
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if part, ok := model.MessageField(p.Type(), f.Name()); ok {
			if part == model.OperationPart {
				return p.Name() + "." + f.Name()
			}
			continue
		}
		part := model.ClassifyName(f.Name())
		if part == model.UnknownPart && model.IsIDName(f.Name()) {
			part = model.ClassifyName(typeNameOf(p.Type()))
		}
		if part == model.OperationPart && f.Exported() {
			return p.Name() + "." + f.Name()
		}
	}
	return ""
}

// MessageInScope reports whether fn (or a function it is nested in) receives a
// broker message or webhook event, as a parameter or from a channel or reader
// loop: it is a consumer.
func MessageInScope(fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		for _, p := range fn.Params {
			if model.MessageType(p.Type()) {
				return true
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if v, ok := instr.(ssa.Value); ok && model.MessageType(v.Type()) {
					return true
				}
			}
		}
	}
	return false
}

// standardType reports a (pointer to a) named type declared in GOROOT.
func standardType(fn *ssa.Function, t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || fn.Prog == nil || !n.Obj().Pos().IsValid() {
		return false
	}
	f := fn.Prog.Fset.File(n.Obj().Pos())
	return f != nil && build.Default.GOROOT != "" && strings.HasPrefix(f.Name(), filepath.Join(build.Default.GOROOT, "src")+string(filepath.Separator))
}
