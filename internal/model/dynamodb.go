package model

// DynamoDB (github.com/aws/aws-sdk-go-v2/service/dynamodb): each Client method takes
// an input struct built in place, &dynamodb.GetItemInput{TableName: aws.String("events"),
// Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}}}.
// The call is put as the SQL it amounts to (record.go):
//
//   - GetItem: SELECT * FROM events WHERE pk = ?; the output's Item (nil or empty)
//     decides;
//   - PutItem: INSERT of the Item's attributes; with any ConditionExpression
//     (attribute_not_exists(pk), a version check) it is a claim;
//   - UpdateItem: UPDATE ... SET of the UpdateExpression's plain assignments; ADD,
//     SET n = n + :d, if_not_exists and list_append compute in the database; a
//     ConditionExpression makes it a compare-and-set;
//   - DeleteItem: DELETE; TransactWriteItems: atomic;
//   - Query: SELECT ... WHERE the equalities of its KeyConditionExpression
//     (shipmentId = :s), bound through ExpressionAttributeValues (and #names);
//     its FilterExpression narrows what it finds and is not a key.
//
// The table is the constant of aws.String("events"), else the field or variable
// holding the name. A key or item is a map literal or attributevalue.MarshalMap of
// a struct literal (its dynamodbav tags name the attributes); one built elsewhere
// (a helper's map) has unknown attributes: the call pairs with nothing.

import (
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

const (
	dynamoPkg = "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	// dynamoAttributeValue marshals Go structs into attribute maps (MarshalMap).
	dynamoAttributeValue = "github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
)

var dynamoLib = &Library{Name: "AWS SDK v2 DynamoDB", Paths: []string{dynamoPkg, dynamoPkg + "/types"}, Rows: dynamoRows(),
	Store: Dynamo, Advice: &Advice{
		Claim:  `PutItem with ConditionExpression "attribute_not_exists(pk)" and treat ConditionalCheckFailedException as already done`,
		Incr:   `PutItem with ConditionExpression "attribute_not_exists(pk)" and treat ConditionalCheckFailedException as already done`,
		Update: "UpdateItem with ADD or SET n = n + :d, or a ConditionExpression on the version read",
	}}

// dynamoStatements are the Client methods put as statements; the input is argument 1.
var dynamoStatements = map[string]sqlclass.Verb{
	"GetItem": sqlclass.Select, "Query": sqlclass.Select, "PutItem": sqlclass.Insert,
	"UpdateItem": sqlclass.Update, "DeleteItem": sqlclass.Delete,
}

func dynamoRows() []Row {
	kinds := map[string]Kind{"GetItem": Read, "Query": Read, "PutItem": Write, "UpdateItem": Write, "DeleteItem": Delete}
	var rows []Row
	for name, kind := range kinds {
		r := op(dynamoPkg, "Client", name, kind, Dynamo, name)
		r.Dispatch, r.Args, r.Statement = DynamoInput, 1, dynamoStatements[name]
		rows = append(rows, r)
	}
	return append(rows, op(dynamoPkg, "Client", "TransactWriteItems", Atomic, Dynamo, "TransactWriteItems"))
}

// resolveDynamo puts a Client call as its statement, from its input struct.
func resolveDynamo(o *Op, row *Row, args []ssa.Value) {
	in, ok := ssautil.Unwrap(argAt(args, row.Args)).(*ssa.Alloc)
	if !ok {
		return // an input built elsewhere: the kind stands, the key is unknown
	}
	field := func(name string) ssa.Value { return fieldNamed(in, name) }
	r := &record{verb: dynamoStatements[row.Name], table: dynamoTable(field("TableName"))}
	if r.verb == sqlclass.Insert {
		r.conflict = field("ConditionExpression") != nil
		r.claimCols = absentAttributes(field("ConditionExpression"), field("ExpressionAttributeNames"))
		cols, vals, known := attributes(field("Item"))
		r.opaque = !known
		r.set, r.setArgs = cols, vals
	} else if row.Name == "Query" {
		cols, vals, known := keyCondition(field("KeyConditionExpression"), field("ExpressionAttributeNames"), field("ExpressionAttributeValues"))
		r.opaque = !known
		r.addEquals(cols, vals)
	} else {
		cols, vals, known := attributes(field("Key"))
		r.opaque = !known
		r.addEquals(cols, vals)
	}
	if r.verb == sqlclass.Update {
		dynamoUpdate(r, field("UpdateExpression"), field("ExpressionAttributeValues"))
		if field("ConditionExpression") != nil {
			r.where = append(r.where, "condition(?)") // a compare-and-set: one more conjunct, a test of the item's state
			r.whereArgs = append(r.whereArgs, field("ConditionExpression"))
		}
	}
	resolveRecord(o, r)
	o.Verb = row.Name
}

// dynamoTable names the table: the constant behind aws.String("events"), else the
// field or variable holding the name.
func dynamoTable(v ssa.Value) string {
	if v == nil {
		return ""
	}
	if call, ok := ssautil.Unwrap(v).(*ssa.Call); ok && len(call.Call.Args) == 1 {
		if name, ok := ssautil.ConstString(call.Call.Args[0]); ok {
			return name // aws.String("events")
		}
		return holderName(call.Call.Args[0])
	}
	return holderName(v)
}

// attributes reads a map literal of attribute values: each key with the value
// inside its &types.AttributeValueMemberS{Value: id} (or N, B, BOOL); or the
// struct literal attributevalue.MarshalMap marshals.
func attributes(m ssa.Value) (cols []string, vals []ssa.Value, ok bool) {
	if v := marshalled(m); v != nil {
		return fieldsOf(v, dynamoAttributeName)
	}
	if _, isMap := ssautil.Unwrap(m).(*ssa.MakeMap); !isMap {
		return nil, nil, false
	}
	cols, raw, ok := fieldsOf(m, nil)
	if !ok {
		return nil, nil, false
	}
	for _, v := range raw {
		if a, isAlloc := ssautil.Unwrap(v).(*ssa.Alloc); isAlloc {
			if inner := fieldNamed(a, "Value"); inner != nil {
				v = inner
			}
		}
		vals = append(vals, v)
	}
	return cols, vals, true
}

// dynamoUpdate adds an UpdateExpression's assignments: SET a = :v is written as
// given; ADD, SET a = a + :v, if_not_exists and list_append compute in the database.
func dynamoUpdate(r *record, expr, values ssa.Value) {
	text, ok := ssautil.ConstString(expr)
	if call, isCall := ssautil.Unwrap(expr).(*ssa.Call); isCall && len(call.Call.Args) == 1 {
		text, ok = ssautil.ConstString(call.Call.Args[0]) // aws.String("SET balance = :b")
	}
	if !ok {
		r.opaque = true
		return
	}
	placeholders, vals, _ := attributes(values)
	value := func(ph string) ssa.Value {
		for i, p := range placeholders {
			if p == ph {
				return vals[i]
			}
		}
		return nil
	}
	upper := strings.ToUpper(text)
	if strings.Contains(upper, "ADD ") || strings.Contains(upper, "IF_NOT_EXISTS") || strings.Contains(upper, "LIST_APPEND") {
		r.set = append(r.set, "n = n + 1") // computed in the database
		return
	}
	body, found := strings.CutPrefix(strings.TrimSpace(text), "SET ")
	if !found {
		body, found = strings.CutPrefix(strings.TrimSpace(text), "set ")
	}
	if !found {
		r.set = append(r.set, "n = n + 1") // REMOVE, DELETE: not a value from the read
		return
	}
	defer func() {
		if len(r.set) == 0 {
			r.opaque = true // nothing readable assigned
		}
	}()
	for _, part := range strings.Split(body, ",") {
		name, rhs, ok := strings.Cut(part, "=")
		name, rhs = strings.TrimSpace(name), strings.TrimSpace(rhs)
		if !ok || strings.ContainsAny(rhs, "+-(") {
			r.set = append(r.set, "n = n + 1") // SET n = n + :d
			continue
		}
		if v := value(rhs); v != nil {
			r.addSet(strings.TrimLeft(name, "#"), v)
		}
	}
}

// marshalled is the Go value of key, err := attributevalue.MarshalMap(v) when m is
// its map, or nil.
func marshalled(m ssa.Value) ssa.Value {
	ext, ok := ssautil.Unwrap(m).(*ssa.Extract)
	if !ok || ext.Index != 0 {
		return nil
	}
	call, ok := ext.Tuple.(*ssa.Call)
	if !ok || len(call.Call.Args) == 0 {
		return nil
	}
	fn := Callee(&call.Call)
	if !isFunc(fn, dynamoAttributeValue, "MarshalMap") && !isFunc(fn, dynamoAttributeValue, "MarshalMapWithOptions") {
		return nil
	}
	return call.Call.Args[0]
}

// dynamoAttributeName names a struct field's attribute as attributevalue does: its
// dynamodbav tag, else the field name; "-" for a field it skips.
func dynamoAttributeName(f *types.Var, tag reflect.StructTag) string {
	if name, _, _ := strings.Cut(tag.Get("dynamodbav"), ","); name != "" {
		return name
	}
	return f.Name()
}

// keyCondition reads the equalities of a Query's KeyConditionExpression
// ("shipmentId = :s AND seq = :n"): each attribute (through #names) with the
// value of its placeholder. A range condition (begins_with, BETWEEN, <) adds no
// key; ok is false when the expression or a value cannot be read.
func keyCondition(expr, names, values ssa.Value) (cols []string, vals []ssa.Value, ok bool) {
	text, known := dynamoText(expr)
	if !known {
		return nil, nil, false
	}
	placeholders, pvals, _ := attributes(values)
	aliases, avals, _ := fieldsOf(names, nil)
	for _, part := range splitAnd(text) {
		name, rhs, isEq := strings.Cut(part, "=")
		name, rhs = strings.TrimSpace(name), strings.TrimSpace(rhs)
		if !isEq || strings.ContainsAny(name, "<>!( ") || !strings.HasPrefix(rhs, ":") {
			continue // a range condition on the sort key
		}
		if strings.HasPrefix(name, "#") {
			if name, known = constAt(aliases, avals, name); !known {
				return nil, nil, false
			}
		}
		v := valueAt(placeholders, pvals, rhs)
		if v == nil {
			return nil, nil, false
		}
		cols, vals = append(cols, name), append(vals, v)
	}
	return cols, vals, len(cols) > 0
}

// absentAttributes are the attributes a put's condition requires absent,
// attribute_not_exists(pk) AND attribute_not_exists(#sk): the item's key a
// conditional put claims. A disjunction, or any other conjunct, claims no key.
func absentAttributes(cond, names ssa.Value) []string {
	text, known := dynamoText(cond)
	if !known {
		return nil
	}
	aliases, avals, _ := fieldsOf(names, nil)
	var attrs []string
	for _, part := range splitAnd(text) {
		inner, ok := strings.CutPrefix(strings.TrimSpace(part), "attribute_not_exists(")
		name, closed := strings.CutSuffix(strings.TrimSpace(inner), ")")
		name = strings.TrimSpace(name)
		if !ok || !closed || name == "" || strings.ContainsAny(name, "() ") {
			return nil
		}
		if strings.HasPrefix(name, "#") {
			if name, known = constAt(aliases, avals, name); !known {
				return nil
			}
		}
		attrs = append(attrs, name)
	}
	return attrs
}

// dynamoText is the text of an expression field: aws.String("...") or a constant.
func dynamoText(v ssa.Value) (string, bool) {
	if call, isCall := ssautil.Unwrap(v).(*ssa.Call); isCall && len(call.Call.Args) == 1 {
		return ssautil.ConstString(call.Call.Args[0])
	}
	return ssautil.ConstString(v)
}

// splitAnd splits a condition on its AND conjunctions, in any case.
func splitAnd(text string) []string {
	var parts []string
	for _, p := range strings.Split(text, " AND ") {
		parts = append(parts, strings.Split(p, " and ")...)
	}
	return parts
}

func valueAt(keys []string, vals []ssa.Value, key string) ssa.Value {
	for i, k := range keys {
		if k == key {
			return vals[i]
		}
	}
	return nil
}

func constAt(keys []string, vals []ssa.Value, key string) (string, bool) {
	if v := valueAt(keys, vals, key); v != nil {
		return ssautil.ConstString(v)
	}
	return "", false
}
