package model

// GORM (gorm.io/gorm): an operation is a method chain on *gorm.DB that a finisher
// runs, db.Model(&T{}).Where("event_id = ?", id).First(&row). The links scope it
// (Model, Table, Where, Clauses, Raw); the finisher's row says the statement. The
// chain becomes the SQL statement GORM sends (record.go):
//
//   - the table is Table("t"), else the type of Model(&T{}) or of the finisher's
//     record, named by its TableName() method or GORM's naming (snake case, plural);
//   - Where("event_id = ?", id), Where(&T{EventID: id}), Where(map[string]any{...})
//     and a finisher's inline conditions (First(&row, "event_id = ?", id),
//     First(&row, id) on the primary key) are the WHERE;
//   - Clauses(clause.OnConflict{...}) makes Create a claim, clause.Locking a locking
//     read; gorm.Expr("balance + ?", n) is computed in the database;
//   - errors.Is(err, gorm.ErrRecordNotFound) and RowsAffected decide like any result.
//
// FirstOrCreate checks and creates inside one call; whether a unique index backs it
// cannot be seen, so it counts as a claim and is never reported on its own. Or/Not
// conditions, Scopes and the generics API (gorm.G[T]) are not followed: their keys
// are unknown, so they pair with nothing.

import (
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

const (
	gormPkg    = "gorm.io/gorm"
	gormClause = "gorm.io/gorm/clause"
)

var gormLib = &Library{Name: "GORM", Paths: []string{gormPkg, gormClause}, Rows: gormRows()}

// gormFinisher says which statement a finisher sends.
type gormFinisher struct {
	name   string
	kind   Kind
	stmt   sqlclass.Verb
	record int // the record argument (dest or value), or No
	column int // Update's column, or No
	value  int // Update's value, or No
	conds  int // inline conditions (variadic), or No
}

var gormFinishers = []gormFinisher{
	{"First", Read, sqlclass.Select, 0, No, No, 1},
	{"Take", Read, sqlclass.Select, 0, No, No, 1},
	{"Last", Read, sqlclass.Select, 0, No, No, 1},
	{"Find", Read, sqlclass.Select, 0, No, No, 1},
	{"FirstOrInit", Read, sqlclass.Select, 0, No, No, 1},
	{"Scan", Read, sqlclass.Select, 0, No, No, No},
	{"Count", Read, sqlclass.Select, No, No, No, No},
	{"Pluck", Read, sqlclass.Select, 1, No, No, No},
	{"Create", Write, sqlclass.Insert, 0, No, No, No},
	{"CreateInBatches", Write, sqlclass.Insert, 0, No, No, No},
	{"Save", Write, sqlclass.Insert, 0, No, No, No},
	{"Update", Write, sqlclass.Update, No, 0, 1, No},
	{"UpdateColumn", Write, sqlclass.Update, No, 0, 1, No},
	{"Updates", Write, sqlclass.Update, 0, No, No, No},
	{"UpdateColumns", Write, sqlclass.Update, 0, No, No, No},
	{"Delete", Delete, sqlclass.Delete, 0, No, No, 1},
	{"FirstOrCreate", Claim, sqlclass.Other, 0, No, No, 1},
}

func gormRows() []Row {
	var rows []Row
	for _, f := range gormFinishers {
		// Messages name the statement GORM sends (SELECT, INSERT), which the SQL
		// rules also read; the resolved op's Verb is the statement's.
		r := op(gormPkg, "DB", f.name, f.kind, SQL, f.stmt.String())
		r.Statement = f.stmt
		r.Dispatch = RecordChain
		if f.stmt == sqlclass.Other {
			r.Dispatch, r.Verb = Fixed, f.name // a claim in one call; its key is not needed
		}
		r.Value, r.Field, r.Args = f.record, f.column, f.conds
		rows = append(rows, r)
	}
	exec := op(gormPkg, "DB", "Exec", Invalid, SQL, "")
	exec.Dispatch, exec.Cmd, exec.Args = SQLQuery, 0, 1
	return append(rows, exec)
}

func gormLinks() []Link {
	link := func(name string, role Role, arg int) Link {
		return Link{Pkg: gormPkg, Recv: "DB", Name: name, Role: role, Arg: arg}
	}
	return []Link{
		link("Model", ModelPart, 0), link("Table", TablePart, 0), link("Where", WherePart, 0),
		link("Clauses", ClausePart, 0), link("Raw", RawPart, 0),
		link("WithContext", Pass, No), link("Session", Pass, No), link("Debug", Pass, No),
		link("Unscoped", Pass, No), link("Select", Pass, No), link("Omit", Pass, No),
		link("Order", Pass, No), link("Limit", Pass, No), link("Offset", Pass, No),
		link("Preload", Pass, No), link("Begin", Pass, No), link("Set", Pass, No),
		{Pkg: gormPkg, Name: "Expr", Role: RawPart, Arg: 0}, // gorm.Expr("balance + ?", n): SQL as a value
	}
}

// resolveGorm assembles the statement of a finisher call from its chain: the
// links before it (table, conditions, clauses), the record it reads into or
// writes, and the columns it assigns.
func resolveGorm(o *Op, row *Row, args []ssa.Value) {
	f := gormFinisherOf(row.Name)
	if f == nil {
		return
	}
	r := &record{verb: f.stmt}
	for _, s := range ChainOf(o.Recv) {
		gormStep(o, r, s)
	}
	rec := argAt(args, f.record)
	if rec != nil {
		rec = ssautil.Unwrap(rec)
	}
	gormRecord(o, r, f, rec)
	if f.conds != No {
		gormInlineConditions(r, args, f.conds)
	}
	switch {
	case f.column != No:
		gormColumnUpdate(r, args, f)
	case r.verb == sqlclass.Update || r.verb == sqlclass.Insert:
		gormRecordColumns(o, r, rec)
	}
	resolveRecord(o, r)
}

// gormRecord takes the table and the record's identity from the record argument.
func gormRecord(o *Op, r *record, f *gormFinisher, rec ssa.Value) {
	if f.name == "Save" && sharedRecord(rec, o.Instr) {
		r.verb = sqlclass.Update // Save of a record read or made elsewhere updates it by its key
	}
	if r.table == "" && rec != nil {
		r.table = gormTable(o, rec.Type())
	}
	if rec != nil && recordType(rec.Type()) != nil && (f.kind == Read || sharedRecord(rec, o.Instr)) {
		r.self = rec // the record read into, or written back after it was read
	}
}

// gormInlineConditions adds a finisher's own conditions (db.First(&row, "id = ?", id)).
func gormInlineConditions(r *record, args []ssa.Value, at int) {
	conds, ok := ssautil.VarArgsAt(args, at)
	if !ok || len(conds) > 0 && !gormCondition(r, conds[0], conds[1:], true) {
		r.opaque = true
	}
}

// gormColumnUpdate assigns the one column of Update/UpdateColumn("balance", v).
func gormColumnUpdate(r *record, args []ssa.Value, f *gormFinisher) {
	col, ok := ssautil.ConstString(argAt(args, f.column))
	if !ok {
		r.opaque = true
		return
	}
	gormAssign(r, col, argAt(args, f.value))
}

// gormRecordColumns assigns the columns of a record written whole (Create,
// Save, Updates(&row)).
func gormRecordColumns(o *Op, r *record, rec ssa.Value) {
	cols, vals, ok := fieldsOf(rec, gormColumn)
	if !ok && r.verb == sqlclass.Insert && rec != nil {
		r.recordFields(rec, gormColumn) // Create(p) of a record received whole
	}
	if !ok && r.verb == sqlclass.Update && r.self != nil {
		cols, vals = assignedFields(rec, gormColumn) // Save(acct) of a record read elsewhere
	} else if !ok && r.verb == sqlclass.Update {
		r.opaque = true
	}
	for i, c := range cols {
		if r.verb == sqlclass.Insert {
			r.set, r.setArgs = append(r.set, c), append(r.setArgs, vals[i])
		} else {
			gormAssign(r, c, vals[i])
		}
	}
	if r.verb == sqlclass.Update && r.table == "" && rec != nil {
		r.table = gormTable(o, rec.Type())
	}
}

// sharedRecord reports whether the record passed at call is also passed to another
// call (db.First(&acct, id) ... db.Save(&acct)): Save then writes a record that
// exists, by its primary key.
func sharedRecord(rec ssa.Value, call ssa.CallInstruction) bool {
	a, ok := ssautil.Unwrap(rec).(*ssa.Alloc)
	if !ok {
		return true // a record from elsewhere (a parameter): not known to be new
	}
	for _, ref := range *a.Referrers() {
		uses := []ssa.Instruction{ref}
		if mi, ok := ref.(*ssa.MakeInterface); ok {
			uses = append(uses, *mi.Referrers()...)
		}
		for _, u := range uses {
			if c, ok := u.(ssa.CallInstruction); ok && c != call {
				return true
			}
		}
	}
	return false
}

func gormFinisherOf(name string) *gormFinisher {
	for i := range gormFinishers {
		if gormFinishers[i].name == name {
			return &gormFinishers[i]
		}
	}
	return nil
}

// gormStep adds one link of the chain to the record.
func gormStep(o *Op, r *record, s Step) {
	switch s.Link.Role {
	case TablePart:
		if name, ok := ssautil.ConstString(s.Arg()); ok {
			r.table = strings.ToLower(name)
		} else {
			r.opaque = true
		}
	case ModelPart:
		if a := s.Arg(); a != nil {
			a = ssautil.Unwrap(a)
			r.table = gormTable(o, a.Type())
			if recordType(a.Type()) != nil && sharedRecord(a, s.Call) {
				r.self = a // Model(&acct).Updates(...) on the record read
			}
		}
	case WherePart:
		rest, ok := s.Rest()
		if !ok || !gormCondition(r, s.Arg(), rest, false) {
			r.opaque = true
		}
	case ClausePart:
		clauses, _ := ssautil.VarArgsAt(s.Args, s.Link.Arg)
		for _, c := range clauses {
			gormClauseOf(r, ssautil.Unwrap(c))
		}
	case RawPart:
		text, ok := ssautil.ConstString(s.Arg())
		rest, seen := s.Rest()
		if !ok || !seen {
			r.opaque = true
			return
		}
		r.raw, r.rawArgs = text, rest
	}
}

// gormCondition adds a Where condition or a finisher's inline conditions: SQL text
// with its parameters, a struct or map of equalities, or (inline only) a primary
// key value. It reports false when the condition cannot be read.
func gormCondition(r *record, cond ssa.Value, params []ssa.Value, inline bool) bool {
	if cond == nil {
		return false
	}
	if text, ok := ssautil.ConstString(cond); ok {
		r.addWhere(text, params...)
		return true
	}
	if cols, vals, ok := fieldsOf(cond, gormColumn); ok {
		r.addEquals(cols, vals)
		return true
	}
	if b, ok := ssautil.Unwrap(cond).Type().Underlying().(*types.Basic); inline && ok && len(params) == 0 &&
		b.Info()&(types.IsInteger|types.IsString) != 0 {
		r.addWhere("id = ?", cond) // First(&row, 10): the primary key
		return true
	}
	return false
}

// gormAssign adds col = value to an UPDATE, or col = <expr> for gorm.Expr.
func gormAssign(r *record, col string, v ssa.Value) {
	if call, ok := ssautil.Unwrap(v).(*ssa.Call); ok {
		if l := LinkOf(&call.Call); l != nil && l.Role == RawPart && l.Pkg == gormPkg {
			expr, known := ssautil.ConstString(argAt(Args(&call.Call), 0))
			params, seen := ssautil.VarArgsAt(Args(&call.Call), 1)
			if known && seen {
				r.set = append(r.set, col+" = "+expr)
				r.setArgs = append(r.setArgs, params...)
				return
			}
		}
	}
	r.addSet(col, v)
}

// gormClauseOf applies a clause by its type: OnConflict (DoNothing, DoUpdates,
// UpdateAll: all atomic) and Locking (SELECT ... FOR UPDATE / FOR SHARE). GORM runs
// a locking read in a transaction (db.Transaction(func(tx *gorm.DB) error {...}));
// outside one the lock ends at once, which the chain cannot tell: a missed finding,
// never a false one.
func gormClauseOf(r *record, c ssa.Value) {
	n, ok := types.Unalias(c.Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != gormClause {
		return
	}
	switch n.Obj().Name() {
	case "OnConflict":
		r.conflict = true
		r.claimCols = gormConflictTarget(c)
	case "Locking":
		r.locking = true
	}
}

// gormConflictTarget is the columns of clause.OnConflict{Columns: []clause.Column{{Name:
// "event_id"}}, DoNothing: true}, written in view; nil for DoUpdates (an upsert
// overwrites: no claim) or a target it cannot read.
func gormConflictTarget(c ssa.Value) []string {
	lit := structLiteral(c)
	if lit == nil || !constTrue(fieldNamed(lit, "DoNothing")) {
		return nil
	}
	var cols []string
	for _, col := range sliceLiteral(fieldNamed(lit, "Columns")) {
		name, ok := ssautil.ConstString(fieldNamed(col, "Name"))
		if !ok {
			return nil
		}
		cols = append(cols, name)
	}
	return cols
}

// gormTable names the table of a record type: its TableName() method's constant, or
// GORM's default naming (snake case, plural).
func gormTable(o *Op, t types.Type) string {
	n := recordType(t)
	if n == nil {
		return ""
	}
	if m, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), true, n.Obj().Pkg(), "TableName"); m != nil {
		if fn, ok := m.(*types.Func); ok && o.Instr != nil && o.Instr.Parent() != nil {
			if name := constReturn(o.Instr.Parent().Prog, fn); name != "" {
				return strings.ToLower(name)
			}
		}
	}
	return plural(gormDBName(n.Obj().Name()))
}

// gormColumn names a struct field's column: the gorm:"column:x" tag, or GORM's
// naming of the field name; "-" for a field GORM ignores.
func gormColumn(f *types.Var, tag reflect.StructTag) string {
	for _, part := range strings.Split(tag.Get("gorm"), ";") {
		if k, v, ok := strings.Cut(part, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "column") {
			return strings.TrimSpace(v)
		}
		if strings.TrimSpace(part) == "-" {
			return "-"
		}
	}
	return gormDBName(f.Name())
}

// gormInitialisms are the words GORM keeps together when it names a column
// (schema.commonInitialisms): EventID is event_id, not event_i_d.
var gormInitialisms = strings.NewReplacer(func() []string {
	var pairs []string
	for _, w := range []string{"API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
		"JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SSH", "TLS", "TTL", "UID", "UI", "UUID", "URI",
		"URL", "UTF8", "VM", "XML", "XSRF", "XSS"} {
		pairs = append(pairs, w, w[:1]+strings.ToLower(w[1:]))
	}
	return pairs
}()...)

// gormDBName is GORM's NamingStrategy.toDBName: snake case after initialisms.
func gormDBName(name string) string {
	if name == "" {
		return ""
	}
	value := gormInitialisms.Replace(name)
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	var b strings.Builder
	lastCase, curCase := false, upper(value[0])
	for i := 0; i < len(value)-1; i++ {
		nextCase := upper(value[i+1])
		nextNumber := value[i+1] >= '0' && value[i+1] <= '9'
		c := value[i]
		if curCase {
			if !(lastCase && (nextCase || nextNumber)) && i > 0 && value[i-1] != '_' && value[i+1] != '_' {
				b.WriteByte('_')
			}
			b.WriteByte(c + 32)
		} else {
			b.WriteByte(c)
		}
		lastCase, curCase = curCase, nextCase
	}
	last := value[len(value)-1]
	if curCase {
		if !lastCase && len(value) > 1 {
			b.WriteByte('_')
		}
		last += 32
	}
	b.WriteByte(last)
	return b.String()
}

// plural is the English plural GORM's inflection gives the common table names
// (events, categories, statuses, boxes); irregular words keep the regular form.
func plural(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"),
		strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

// argAt is args[i], or nil.
func argAt(args []ssa.Value, i int) ssa.Value {
	if i < 0 || i >= len(args) {
		return nil
	}
	return args[i]
}
