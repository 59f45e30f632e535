package model

// This file puts an operation of a record store that is not written as SQL text (a
// GORM chain, a MongoDB filter and document, a DynamoDB key and item) as the SQL
// statement it amounts to: SELECT * FROM events WHERE event_id = ?, INSERT INTO
// events (event_id) VALUES (?), UPDATE accounts SET balance = balance + ? WHERE id = ?.
// The SQL rules then judge it like a query string: its table and key columns, ON
// CONFLICT, a conditional UPDATE (compare-and-set), x = x + ?, FOR UPDATE.

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// record is one record operation being assembled.
type record struct {
	verb  sqlclass.Verb
	table string
	// where are conjuncts ("event_id = ?") and whereArgs their parameters, in order.
	where     []string
	whereArgs []ssa.Value
	// set are the assignments of an UPDATE ("status = ?", "balance = balance + ?")
	// or the columns of an INSERT ("event_id"), setArgs their values.
	set     []string
	setArgs []ssa.Value
	// setFields names, for an INSERT column whose value is a field of a record
	// received whole (db.Create(p) of a *Payment parameter), that field of its
	// setArgs entry; "" elsewhere.
	setFields []string
	// conflict: the write does nothing (or updates) when the key exists: a claim.
	conflict bool
	// claimCols are the inserted columns whose existing value makes the insert
	// do nothing or fail (ON CONFLICT (event_id) DO NOTHING, attribute_not_exists(pk),
	// a document's _id): where a set-if-absent claim puts its key.
	claimCols []string
	// locking: the read locks what it finds (FOR UPDATE).
	locking bool
	// raw is SQL text given as is (GORM Raw), with rawArgs.
	raw     string
	rawArgs []ssa.Value
	// opaque: a part of the operation cannot be seen (a filter built elsewhere,
	// an Or condition): its keys are unknown.
	opaque bool
	// self is the record value the operation reads into or writes from (&row):
	// a read into row and a save of row touch the same record.
	self ssa.Value
}

// selfColumn is the pseudo key column of the record value itself.
const selfColumn = "*"

func (r *record) addWhere(cond string, args ...ssa.Value) {
	r.where = append(r.where, cond)
	r.whereArgs = append(r.whereArgs, args...)
}

// addEquals adds col = value conditions (a struct or map condition).
func (r *record) addEquals(cols []string, vals []ssa.Value) {
	for i, c := range cols {
		r.addWhere(c+" = ?", vals[i])
	}
}

func (r *record) addSet(col string, v ssa.Value) {
	r.set = append(r.set, col+" = ?")
	r.setArgs = append(r.setArgs, v)
}

// text renders the statement and its arguments in placeholder order.
func (r *record) text() (string, []ssa.Value) {
	if r.raw != "" {
		return r.raw, r.rawArgs
	}
	var b strings.Builder
	var args []ssa.Value
	switch r.verb {
	case sqlclass.Select:
		b.WriteString("SELECT * FROM " + r.table)
	case sqlclass.Insert:
		b.WriteString("INSERT INTO " + r.table + " (" + strings.Join(r.set, ", ") + ") VALUES (")
		for i := range r.set {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("?")
		}
		b.WriteString(")")
		if r.conflict {
			b.WriteString(" ON CONFLICT DO NOTHING")
		}
		return b.String(), r.setArgs
	case sqlclass.Update:
		b.WriteString("UPDATE " + r.table + " SET " + strings.Join(r.set, ", "))
		args = append(args, r.setArgs...)
	case sqlclass.Delete:
		b.WriteString("DELETE FROM " + r.table)
	default:
		return "", nil
	}
	if len(r.where) > 0 {
		b.WriteString(" WHERE " + strings.Join(r.where, " AND "))
		args = append(args, r.whereArgs...)
	}
	if r.locking {
		b.WriteString(" FOR UPDATE")
	}
	return b.String(), args
}

// resolveRecord fills o from the assembled record. A record whose table or key
// cannot be seen keeps its kind but no key, so it pairs with nothing.
func resolveRecord(o *Op, r *record) {
	if r.table == "" || r.opaque && r.self == nil {
		if r.verb == sqlclass.Insert && r.conflict {
			o.Kind = Claim
		}
		return
	}
	if r.opaque {
		r.where, r.whereArgs = nil, nil
	}
	text, args := r.text()
	if text == "" {
		return
	}
	resolveSQLText(o, text, args)
	if r.raw == "" {
		o.Locking = r.locking // the chain's own locking clause; see gorm.go
	}
	if r.verb == sqlclass.Insert && r.raw == "" && len(r.setFields) > 0 {
		o.ArgFields = append([]string(nil), r.setFields...)
	}
	if cols := r.insertedClaimCols(); len(cols) > 0 && o.SQL != nil {
		st := *o.SQL
		st.ClaimCols = cols
		o.SQL = &st
	}
	if r.self != nil && o.SQL != nil {
		keys := map[string]int{}
		for c, i := range o.SQL.Keys {
			keys[c] = i
		}
		keys[selfColumn] = len(o.SQLArgs)
		st := *o.SQL
		st.Keys = keys
		o.SQL, o.SQLArgs = &st, append(append([]ssa.Value(nil), o.SQLArgs...), r.self)
		if o.ArgFields != nil {
			o.ArgFields = append(o.ArgFields, "")
		}
	}
}

// insertedClaimCols are the claim columns the insert sets, all or none: a target
// the statement does not fill names no key of it.
func (r *record) insertedClaimCols() []string {
	if r.verb != sqlclass.Insert || r.raw != "" || len(r.claimCols) == 0 {
		return nil
	}
	for _, c := range r.claimCols {
		if !slices.Contains(r.set, c) {
			return nil
		}
	}
	return r.claimCols
}

// fieldsOf returns the columns and values a struct literal or map literal sets:
// &Event{EventID: id}, Event{...}, bson.M{"_id": id}, map[string]any{"event_id": id}.
// column names a struct field as a column. ok is false when v is neither.
func fieldsOf(v ssa.Value, column func(f *types.Var, tag reflect.StructTag) string) (cols []string, vals []ssa.Value, ok bool) {
	v = ssautil.Unwrap(v)
	if u, isLoad := v.(*ssa.UnOp); isLoad {
		if a, isAlloc := u.X.(*ssa.Alloc); isAlloc {
			v = a
		}
	}
	switch x := v.(type) {
	case *ssa.Alloc:
		return structFields(x, column)
	case *ssa.MakeMap:
		for _, ref := range *x.Referrers() {
			up, isUpdate := ref.(*ssa.MapUpdate)
			if !isUpdate || up.Map != x {
				continue
			}
			k, isConst := ssautil.ConstString(up.Key)
			if !isConst {
				return nil, nil, false
			}
			cols, vals = append(cols, k), append(vals, up.Value)
		}
		return cols, vals, true
	}
	return nil, nil, false
}

// fieldNamed is the value stored into the named field of a struct literal, or nil.
func fieldNamed(a ssa.Value, name string) ssa.Value {
	if a == nil {
		return nil
	}
	ptr, ok := a.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Name() == name {
			if v := fieldStore(a, i); v != nil {
				if c, isConst := v.(*ssa.Const); isConst && c.Value == nil {
					return nil // ConditionExpression: nil
				}
				return v
			}
		}
	}
	return nil
}

// structLiteral is the local a struct literal is built in: clause.OnConflict{...}
// passed by value is a load of it; nil for a struct built elsewhere.
func structLiteral(v ssa.Value) ssa.Value {
	v = ssautil.Unwrap(v)
	if u, isLoad := v.(*ssa.UnOp); isLoad && u.Op == token.MUL {
		v = u.X
	}
	if a, isAlloc := v.(*ssa.Alloc); isAlloc {
		return a
	}
	return nil
}

// sliceLiteral is the addresses of the elements of a slice literal
// ([]clause.Column{{Name: "id"}}), in order; nil for a slice built elsewhere.
func sliceLiteral(v ssa.Value) []ssa.Value {
	s, isSlice := ssautil.Unwrap(v).(*ssa.Slice)
	if !isSlice {
		return nil
	}
	arr, isAlloc := s.X.(*ssa.Alloc)
	if !isAlloc {
		return nil
	}
	var elems []ssa.Value
	for _, ref := range *arr.Referrers() {
		if ia, isIndex := ref.(*ssa.IndexAddr); isIndex && ia.X == arr {
			elems = append(elems, elementLiteral(ia))
		}
	}
	return elems
}

// elementLiteral is where an element of a slice literal is built: in place, or
// in a local stored into it whole (*t6 = *t8).
func elementLiteral(elem *ssa.IndexAddr) ssa.Value {
	for _, ref := range *elem.Referrers() {
		if st, isStore := ref.(*ssa.Store); isStore && st.Addr == elem {
			if lit := structLiteral(st.Val); lit != nil {
				return lit
			}
		}
	}
	return elem
}

// constTrue reports the constant true.
func constTrue(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value)
}

// assignedFields returns the fields this function assigns to a record it holds by
// pointer (acct, err := s.account(ctx, id); acct.Balance += n; db.Save(acct)).
func assignedFields(v ssa.Value, column func(*types.Var, reflect.StructTag) string) (cols []string, vals []ssa.Value) {
	switch x := ssautil.Unwrap(v).(type) {
	case *ssa.Extract, *ssa.Call, *ssa.Parameter:
		cols, vals, _ = structFields(x, column)
	}
	return cols, vals
}

// recordFields puts an INSERT of a record received whole (db.Create(p), p a
// *Payment parameter or a helper's result) as its columns, each bound to the
// record's field: a caller that passes &Payment{IdempotencyKey: k} inserts k.
// Fields this function assigns bind their value; fields that are not plain values
// (associations, embedded structs) are not columns here.
func (r *record) recordFields(rec ssa.Value, column func(*types.Var, reflect.StructTag) string) {
	switch rec.(type) {
	case *ssa.Parameter, *ssa.Extract, *ssa.Call:
	default:
		return
	}
	n := recordType(rec.Type())
	if n == nil {
		return
	}
	st := n.Underlying().(*types.Struct)
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		col := column(f, reflect.StructTag(st.Tag(i)))
		if f.Embedded() || col == "" || col == "-" || !plainValue(f.Type()) {
			continue
		}
		if v := fieldStoreOnce(rec, i); v != nil {
			r.set, r.setArgs, r.setFields = append(r.set, col), append(r.setArgs, v), append(r.setFields, "")
			continue
		}
		r.set, r.setArgs, r.setFields = append(r.set, col), append(r.setArgs, rec), append(r.setFields, f.Name())
	}
}

// plainValue reports a type whose values are one column: a string, number or bool.
func plainValue(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsString|types.IsNumeric|types.IsBoolean) != 0
}

// structFields returns the fields stored into a local struct, in field order.
func structFields(a ssa.Value, column func(*types.Var, reflect.StructTag) string) (cols []string, vals []ssa.Value, ok bool) {
	ptr, isPtr := a.Type().(*types.Pointer)
	if !isPtr {
		return nil, nil, false
	}
	st, isStruct := ptr.Elem().Underlying().(*types.Struct)
	if !isStruct {
		return nil, nil, false
	}
	for i := 0; i < st.NumFields(); i++ {
		v := fieldStore(a, i)
		if v == nil {
			continue
		}
		if col := column(st.Field(i), reflect.StructTag(st.Tag(i))); col != "" && col != "-" {
			cols, vals = append(cols, col), append(vals, v)
		}
	}
	return cols, vals, true
}

// fieldStore returns the value stored into field i of a local struct, or nil. With
// several stores the last one in the block order stands (acct.Balance += n). A
// variable initialized from a literal (r := Redemption{...}; db.Create(&r)) has the
// literal's fields, unless one is assigned after.
func fieldStore(a ssa.Value, i int) ssa.Value {
	v := fieldStoreOnce(a, i)
	if local, isAlloc := a.(*ssa.Alloc); isAlloc && v == nil {
		if lit := copiedFrom(local); lit != nil {
			return fieldStoreOnce(lit, i)
		}
	}
	return v
}

// copiedFrom is the local a struct variable is initialized from as a whole
// (*a = *lit, the composite literal SSA builds first), or nil.
func copiedFrom(a *ssa.Alloc) *ssa.Alloc {
	var lit *ssa.Alloc
	for _, ref := range *a.Referrers() {
		st, isStore := ref.(*ssa.Store)
		if !isStore || st.Addr != a {
			continue
		}
		load, isLoad := st.Val.(*ssa.UnOp)
		src, isAlloc := ssa.Value(nil), false
		if isLoad {
			src = load.X
			_, isAlloc = src.(*ssa.Alloc)
		}
		if !isAlloc || lit != nil {
			return nil // assigned from elsewhere, or more than once
		}
		lit = src.(*ssa.Alloc)
	}
	return lit
}

func fieldStoreOnce(a ssa.Value, i int) ssa.Value {
	var v ssa.Value
	for _, ref := range *a.Referrers() {
		fa, isField := ref.(*ssa.FieldAddr)
		if !isField || fa.Field != i {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, isStore := r.(*ssa.Store); isStore && st.Addr == fa {
				if c, isConst := st.Val.(*ssa.Const); isConst && c.Value == nil && v != nil {
					continue // the zeroing of a literal
				}
				v = st.Val
			}
		}
	}
	return v
}

// recordType is the named type of a record value: *T, []T, *[]T, T.
func recordType(t types.Type) *types.Named {
	for range 4 {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Named:
			if _, isStruct := u.Underlying().(*types.Struct); isStruct {
				return u
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// constReturn is the constant string a method of the program returns, as a
// TableName() method does, or "".
func constReturn(prog *ssa.Program, fn *types.Func) string {
	f := prog.FuncValue(fn)
	if f == nil {
		return ""
	}
	name := ""
	for _, b := range f.Blocks {
		if ret, isRet := b.Instrs[len(b.Instrs)-1].(*ssa.Return); isRet && len(ret.Results) == 1 {
			s, isConst := ssautil.ConstString(ret.Results[0])
			if !isConst || name != "" && s != name {
				return ""
			}
			name = s
		}
	}
	return name
}
