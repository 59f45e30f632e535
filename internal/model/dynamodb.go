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
//   - DeleteItem: DELETE; TransactWriteItems: atomic; Query: a read whose key
//     condition is not read (no key).
//
// The table is the constant of aws.String("events"), else the field or variable
// holding the name. A key or item built elsewhere (attributevalue.MarshalMap of a
// struct, a helper's map) has unknown attributes: the call pairs with nothing.

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

const dynamoPkg = "github.com/aws/aws-sdk-go-v2/service/dynamodb"

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
		cols, vals, known := attributes(field("Item"))
		r.opaque = !known
		r.set, r.setArgs = cols, vals
	} else {
		cols, vals, known := attributes(field("Key"))
		r.opaque = !known || row.Name == "Query"
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

// fieldNamed is the value stored into the named field of a struct literal, or nil.
func fieldNamed(a *ssa.Alloc, name string) ssa.Value {
	st, ok := a.Type().(*types.Pointer).Elem().Underlying().(*types.Struct)
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
// inside its &types.AttributeValueMemberS{Value: id} (or N, B, BOOL).
func attributes(m ssa.Value) (cols []string, vals []ssa.Value, ok bool) {
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
