package effects

// This file turns a resolved operation into its keys, including SQL key columns
// bound by position, by name, or through a statement prepared elsewhere.

import (
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// opKeys is the canonical key (or SQL key columns) of an operation.
func opKeys(b *keyexpr.Builder, op *model.Op) []*keyexpr.Key {
	switch {
	case op.SQL != nil:
		var keys []*keyexpr.Key
		for _, col := range columnsInOrder(op.SQL.Keys) {
			i := op.SQL.Keys[col]
			var k *keyexpr.Key
			if i < len(op.ArgFields) && op.ArgFields[i] != "" {
				k = keyexpr.MakeField(b.Of(op.SQLArgs[i]), op.ArgFields[i]) // p.IdempotencyKey of Create(p)
			} else if i < len(op.SQLArgs) {
				k = b.Of(op.SQLArgs[i])
			} else if i >= sqlclass.NamedBase && i-sqlclass.NamedBase < len(op.SQL.Names) {
				k = namedArg(b, op.SQLArgs, op.SQL.Names[i-sqlclass.NamedBase])
			}
			if k != nil {
				keys = append(keys, &keyexpr.Key{Op: keyexpr.SQL, Lit: op.SQL.Table + "." + col, Args: []*keyexpr.Key{k}})
			}
		}
		return keys
	case op.Key == nil:
		return nil
	case op.Row.Store == model.Map:
		return []*keyexpr.Key{{Op: keyexpr.Map, Args: []*keyexpr.Key{b.Of(op.Recv), b.Of(op.Key)}}}
	case op.Field != nil:
		return []*keyexpr.Key{{Op: keyexpr.Redis, Args: []*keyexpr.Key{b.Of(op.Key), b.Of(op.Field)}}}
	}
	return []*keyexpr.Key{{Op: keyexpr.Redis, Args: []*keyexpr.Key{b.Of(op.Key)}}}
}

// columnsInOrder are a statement's key columns in the order of their arguments,
// so messages name the first key column the statement binds.
func columnsInOrder(keys map[string]int) []string {
	cols := make([]string, 0, len(keys))
	for c := range keys {
		cols = append(cols, c)
	}
	sort.Slice(cols, func(a, b int) bool {
		if keys[cols[a]] != keys[cols[b]] {
			return keys[cols[a]] < keys[cols[b]]
		}
		return cols[a] < cols[b]
	})
	return cols
}

// namedArg is the key of the value bound to a named SQL parameter: the field of a
// struct whose db tag (or, as sqlx maps it, lower-cased name) is name, or the entry
// of a map literal (pgx.NamedArgs{"id": id}, map[string]any{...}).
func namedArg(b *keyexpr.Builder, args []ssa.Value, name string) *keyexpr.Key {
	for _, a := range args {
		v := ssautil.Unwrap(a)
		if k := mapLiteralEntry(b, v, name); k != nil {
			return k
		}
		t := v.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			tag := strings.Split(reflect.StructTag(st.Tag(i)).Get("db"), ",")[0]
			if tag == name || tag == "" && strings.ToLower(f.Name()) == name {
				return keyexpr.MakeField(b.Of(v), f.Name())
			}
		}
	}
	return nil
}

// mapLiteralEntry is the key of m[name] for a map built in place with constant keys.
func mapLiteralEntry(b *keyexpr.Builder, m ssa.Value, name string) *keyexpr.Key {
	mk, ok := m.(*ssa.MakeMap)
	if !ok {
		return nil
	}
	for _, ref := range *mk.Referrers() {
		up, ok := ref.(*ssa.MapUpdate)
		if !ok || up.Map != mk {
			continue
		}
		if k, ok := ssautil.ConstString(up.Key); ok && strings.TrimLeft(strings.ToLower(k), ":@") == name {
			return b.Of(up.Value)
		}
	}
	return nil
}

// preparedStored returns the SQL text of a statement loaded from a struct field or
// package variable that some function of this package assigns from Prepare
// (s.insertStmt, _ = db.Prepare("INSERT ...") in a constructor or init).
func (c *collector) preparedStored(stmt ssa.Value) ssa.Value {
	if c.prepared == nil {
		c.prepared = map[any]ssa.Value{}
		for _, fn := range c.ssa.SrcFuncs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if st, ok := instr.(*ssa.Store); ok {
						if q := model.PreparedQuery(st.Val); q != nil {
							if slot := stmtSlot(st.Addr); slot != nil {
								c.prepared[slot] = q
							}
						}
					}
				}
			}
		}
	}
	if u, ok := ssautil.Unwrap(stmt).(*ssa.UnOp); ok {
		if slot := stmtSlot(u.X); slot != nil {
			return c.prepared[slot]
		}
	}
	return nil
}

// stmtSlot identifies where a statement is kept: the struct field (the same for
// every value of the type) or the package variable.
func stmtSlot(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		t := a.X.Type().Underlying()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem().Underlying()
		}
		if st, ok := t.(*types.Struct); ok {
			return st.Field(a.Field)
		}
	case *ssa.Global:
		return a
	}
	return nil
}
