package model

// MongoDB (go.mongodb.org/mongo-driver/v2): a Collection method takes a filter and a
// document or update; the collection is the receiver, client.Database("app").
// Collection("events") or a field or variable holding one. Each call is put as the
// SQL it amounts to (record.go):
//
//   - FindOne, Find, CountDocuments: SELECT * FROM events WHERE <filter fields>;
//     errors.Is(err, mongo.ErrNoDocuments) and the decoded document decide;
//   - InsertOne: INSERT of the document's fields (bson.M, bson.D, or a struct by its
//     bson tags); mongo.IsDuplicateKeyError(err) handled makes it a claim;
//   - UpdateOne, ReplaceOne: UPDATE ... SET of $set fields (or the replacement);
//     $inc and the other operators compute in the database; a filter on more than
//     the key (a version, a status) is a compare-and-set; an upsert option is a claim;
//   - FindOneAndUpdate, FindOneAndReplace, FindOneAndDelete: atomic in one call;
//   - Session.WithTransaction runs its callback in a transaction.
//
// A filter or document built elsewhere (a parameter, a helper's result) has unknown
// keys: the call pairs with nothing.

import (
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

const (
	mongoPkg     = "go.mongodb.org/mongo-driver/v2/mongo"
	mongoOptions = "go.mongodb.org/mongo-driver/v2/mongo/options"
	mongoBSON    = "go.mongodb.org/mongo-driver/v2/bson"
)

var mongoLib = &Library{Name: "MongoDB Go driver v2", Paths: []string{mongoPkg, mongoOptions, mongoBSON}, Rows: mongoRows(),
	Store: Mongo, Advice: &Advice{
		Claim:  "insert with a unique _id and treat mongo.IsDuplicateKeyError as already done, or UpdateOne with $setOnInsert and upsert",
		Incr:   "insert with a unique _id and treat mongo.IsDuplicateKeyError as already done, or UpdateOne with $setOnInsert and upsert",
		Update: "update in the database ($inc), or filter on the version read (optimistic locking)",
	}}

// mongoMethod says which statement a Collection method amounts to.
type mongoMethod struct {
	name   string
	kind   Kind
	stmt   sqlclass.Verb
	filter int // the filter argument, or No
	doc    int // the document, update or replacement, or No
	opts   int // the options (variadic)
}

var mongoMethods = []mongoMethod{
	{"FindOne", Read, sqlclass.Select, 1, No, 2},
	{"Find", Read, sqlclass.Select, 1, No, 2},
	{"CountDocuments", Read, sqlclass.Select, 1, No, 2},
	{"InsertOne", Write, sqlclass.Insert, No, 1, 2},
	{"InsertMany", Write, sqlclass.Insert, No, No, 2},
	{"UpdateOne", Write, sqlclass.Update, 1, 2, 3},
	{"UpdateMany", Write, sqlclass.Update, 1, 2, 3},
	{"ReplaceOne", Write, sqlclass.Update, 1, 2, 3},
	{"DeleteOne", Delete, sqlclass.Delete, 1, No, 2},
	{"DeleteMany", Delete, sqlclass.Delete, 1, No, 2},
	{"FindOneAndUpdate", Atomic, sqlclass.Other, No, No, No},
	{"FindOneAndReplace", Atomic, sqlclass.Other, No, No, No},
	{"FindOneAndDelete", Atomic, sqlclass.Other, No, No, No},
}

func mongoRows() []Row {
	var rows []Row
	for _, m := range mongoMethods {
		r := op(mongoPkg, "Collection", m.name, m.kind, Mongo, m.name)
		r.Statement = m.stmt
		if m.stmt != sqlclass.Other {
			r.Dispatch = MongoCall
		}
		r.Args = m.opts // the filter and document are read by resolveMongo, never as a plain key
		rows = append(rows, r)
	}
	return rows
}

func mongoLinks() []Link {
	return []Link{
		{Pkg: mongoPkg, Recv: "Client", Name: "Database", Role: Pass, Arg: No},
		{Pkg: mongoPkg, Recv: "Database", Name: "Collection", Role: TablePart, Arg: 0},
		// options.UpdateOne().SetUpsert(true), options.Replace().SetUpsert(true)
		{Pkg: mongoOptions, Recv: "any", Name: "SetUpsert", Role: ModePart, Arg: 0, Kind: Claim, Verb: "upsert"},
	}
}

// mongoID is the field every document is unique by: an InsertOne of an _id that
// is there fails with a duplicate key error.
const mongoID = "_id"

// resolveMongo puts a Collection call as its statement.
func resolveMongo(o *Op, row *Row, args []ssa.Value) {
	m := mongoMethodOf(row.Name)
	if m == nil {
		return
	}
	r := &record{verb: m.stmt, table: mongoCollection(o.Recv)}
	if m.filter != No && !mongoFilter(r, argAt(args, m.filter)) {
		r.opaque = true
	}
	if m.doc != No {
		mongoDocument(r, argAt(args, m.doc), row.Name == "ReplaceOne")
	}
	if r.verb == sqlclass.Insert {
		r.claimCols = []string{mongoID} // every collection has a unique index on _id
	}
	resolveRecord(o, r)
	o.Verb = row.Name
	if o.Kind == Write && mongoUpsert(args, m.opts) {
		o.Kind = Claim // the upsert inserts only when the filter matches nothing
	}
}

func mongoMethodOf(name string) *mongoMethod {
	for i := range mongoMethods {
		if mongoMethods[i].name == name {
			return &mongoMethods[i]
		}
	}
	return nil
}

// mongoCollection names the collection of a receiver: the constant given to
// Database.Collection, else the field, variable or parameter holding it (the same
// holder is the same collection).
func mongoCollection(recv ssa.Value) string {
	for _, s := range ChainOf(recv) {
		if s.Link.Role == TablePart {
			if name, ok := ssautil.ConstString(s.Arg()); ok {
				return name
			}
			return ""
		}
	}
	return holderName(recv)
}

// holderName names where a client value is kept: "events" for s.events, "coll" for
// a parameter or package variable coll; "" otherwise.
func holderName(v ssa.Value) string {
	v = ssautil.Unwrap(v)
	if u, ok := v.(*ssa.UnOp); ok {
		switch a := u.X.(type) {
		case *ssa.FieldAddr:
			return fieldName(a)
		case *ssa.Global:
			return a.Name()
		}
	}
	if p, ok := v.(*ssa.Parameter); ok {
		return p.Name()
	}
	if g, ok := v.(*ssa.Global); ok {
		return g.Name() // &eventsTable
	}
	if c, ok := v.(*ssa.Call); ok && c.Call.StaticCallee() != nil {
		return c.Call.StaticCallee().Name() // coll := events(client): the same helper, the same collection
	}
	return ""
}

// mongoFilter adds a filter's fields as conditions: equality on a plain value, a
// non-key condition on an operator document ({"$gt": 5}). A top-level operator
// ($or, $and) or a filter out of view makes it unreadable.
func mongoFilter(r *record, filter ssa.Value) bool {
	cols, vals, ok := bsonFields(filter)
	if !ok {
		return false
	}
	for i, c := range cols {
		if strings.HasPrefix(c, "$") {
			return false
		}
		if _, _, isDoc := bsonFields(vals[i]); isDoc {
			r.addWhere(c+" <> ?", vals[i]) // an operator: a condition, not a key
			continue
		}
		r.addWhere(c+" = ?", vals[i])
	}
	return true
}

// mongoDocument adds an insert's fields, or an update's assignments: $set fields
// are written as given, other operators ($inc, $push, ...) compute in the database.
func mongoDocument(r *record, doc ssa.Value, replace bool) {
	cols, vals, ok := bsonFields(doc)
	if !ok {
		r.opaque = true
		return
	}
	for i, c := range cols {
		switch {
		case r.verb == sqlclass.Insert:
			r.set, r.setArgs = append(r.set, c), append(r.setArgs, vals[i])
		case replace:
			r.addSet(c, vals[i])
		case c == "$set" || c == "$setOnInsert":
			fields, values, known := bsonFields(vals[i])
			if !known {
				r.opaque = true
				continue
			}
			for j, f := range fields {
				r.addSet(f, values[j])
			}
		case strings.HasPrefix(c, "$"):
			fields, values, _ := bsonFields(vals[i])
			for j, f := range fields {
				r.set = append(r.set, f+" = "+f+" + ?") // computed from the stored value, atomically
				r.setArgs = append(r.setArgs, values[j])
			}
		}
	}
}

// mongoUpsert reports an options argument whose builder chain sets upsert.
func mongoUpsert(args []ssa.Value, opts int) bool {
	elems, _ := ssautil.VarArgsAt(args, opts)
	for _, e := range elems {
		for _, s := range ChainOf(e) {
			if s.Link.Role == ModePart && s.Link.Kind == Claim {
				if on, ok := s.Arg().(*ssa.Const); !ok || on.Value == nil || on.Value.ExactString() != "false" {
					return true
				}
			}
		}
	}
	return false
}

// bsonFields reads a document literal: bson.M (a map), bson.D (a slice of key,
// value pairs) or a struct by its bson tags.
func bsonFields(v ssa.Value) (cols []string, vals []ssa.Value, ok bool) {
	if v == nil {
		return nil, nil, false
	}
	if cols, vals, ok := fieldsOf(v, bsonColumn); ok {
		return cols, vals, true
	}
	return pairsOf(ssautil.Unwrap(v))
}

// bsonColumn names a struct field as the bson codec does: the tag's name, else the
// field name in lower case.
func bsonColumn(f *types.Var, tag reflect.StructTag) string {
	name := strings.Split(tag.Get("bson"), ",")[0]
	if name == "" {
		return strings.ToLower(f.Name())
	}
	return name
}

// pairsOf reads a slice literal of {Key, Value} structs (bson.D{{"eventId", id}}).
func pairsOf(v ssa.Value) (cols []string, vals []ssa.Value, ok bool) {
	sl, isSlice := v.(*ssa.Slice)
	if !isSlice {
		return nil, nil, false
	}
	arr, isAlloc := sl.X.(*ssa.Alloc)
	if !isAlloc {
		return nil, nil, false
	}
	for _, ref := range *arr.Referrers() {
		elem, isIndex := ref.(*ssa.IndexAddr)
		if !isIndex {
			continue
		}
		key, val := pairAt(elem)
		if key == "" || val == nil {
			return nil, nil, false
		}
		cols, vals = append(cols, key), append(vals, val)
	}
	return cols, vals, true
}

// pairAt reads the {Key, Value} struct at one element of a slice literal: stored
// field by field, or built in a local and copied in (*elem = *local).
func pairAt(elem *ssa.IndexAddr) (string, ssa.Value) {
	var key string
	var val ssa.Value
	for _, r := range *elem.Referrers() {
		switch u := r.(type) {
		case *ssa.Store:
			if ld, ok := u.Val.(*ssa.UnOp); ok && u.Addr == elem {
				if local, ok := ld.X.(*ssa.Alloc); ok {
					key, _ = ssautil.ConstString(fieldStore(local, 0))
					val = fieldStore(local, 1)
				}
			}
		case *ssa.FieldAddr:
			for _, w := range *u.Referrers() {
				if st, ok := w.(*ssa.Store); ok && st.Addr == u && u.Field == 0 {
					key, _ = ssautil.ConstString(st.Val)
				} else if ok && st.Addr == u && u.Field == 1 {
					val = st.Val
				}
			}
		}
	}
	return key, val
}

// mongoTransaction reports Session.WithTransaction: it runs its callback in a
// transaction, retried whole on a write conflict.
func mongoTransaction(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == mongoPkg && recvTypeName(fn) == "Session" &&
		fn.Name() == "WithTransaction"
}
