// Package ctadynamo holds checkthenact cases for DynamoDB (aws-sdk-go-v2): the table
// and key come from the input struct.
package ctadynamo

import (
	"context"
	"errors"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"ctadynamo/store"
)

func charge(string) {}

func key(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}}
}

// getThenPut is the seed shape: GetItem finds no item, charge, PutItem.
func getThenPut(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil {
		return err
	}
	if out.Item != nil {
		return nil
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of events.pk = id is not atomic: two deliveries can both pass the check; PutItem with ConditionExpression`
		TableName: aws.String("events"),
		Item: map[string]types.AttributeValue{
			"pk":      &types.AttributeValueMemberS{Value: id},
			"handler": &types.AttributeValueMemberS{Value: "billing"},
		},
	})
	return err
}

// getThenPutConditional claims with attribute_not_exists: not reported.
func getThenPutConditional(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String("events"),
		Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	charge(id)
	return err
}

// lenItem decides on len(out.Item).
func lenItem(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || len(out.Item) > 0 {
		return err
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of events.pk = id is not atomic`
		TableName: aws.String("events"),
		Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// otherTable puts into another table: not reported.
func otherTable(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("audit"),
		Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// keyFromHelper builds the key in a helper: its attributes are unknown, not reported.
func keyFromHelper(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("events"), Key: key(id)})
	if err != nil || out.Item != nil {
		return err
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("events"), Item: key(id)})
	return err
}

type ledger struct {
	db    *dynamodb.Client
	table string
}

// tableInField names the table through a struct field.
func (l *ledger) tableInField(ctx context.Context, orderID string) error {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(l.table),
		Key:       map[string]types.AttributeValue{"order_id": &types.AttributeValueMemberS{Value: orderID}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	charge(orderID)
	_, err = l.db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of table.order_id = orderID is not atomic`
		TableName: aws.String(l.table),
		Item:      map[string]types.AttributeValue{"order_id": &types.AttributeValueMemberS{Value: orderID}},
	})
	return err
}

// lostUpdate reads a balance, adds in Go and SETs it: a lost update.
func lostUpdate(ctx context.Context, db *dynamodb.Client, acct string, amount int64) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("accounts"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
	})
	if err != nil {
		return err
	}
	bal, _ := strconv.ParseInt(out.Item["balance"].(*types.AttributeValueMemberN).Value, 10, 64)
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `read-modify-write of accounts.pk = acct \(GetItem then UpdateItem\) is not atomic: concurrent deliveries lose updates; UpdateItem with ADD`
		TableName:                 aws.String("accounts"),
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
		UpdateExpression:          aws.String("SET balance = :b"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":b": &types.AttributeValueMemberN{Value: strconv.FormatInt(bal+amount, 10)}},
	})
	return err
}

// addUpdate adds in the database: not reported.
func addUpdate(ctx context.Context, db *dynamodb.Client, acct string, amount int64) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("accounts"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
	})
	if err != nil || out.Item == nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("accounts"),
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
		UpdateExpression:          aws.String("ADD balance :d"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":d": &types.AttributeValueMemberN{Value: strconv.FormatInt(amount, 10)}},
	})
	return err
}

// selfRelativeSet adds with SET n = n + :d: not reported.
func selfRelativeSet(ctx context.Context, db *dynamodb.Client, acct string, amount int64) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("accounts"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
	})
	if err != nil || out.Item == nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("accounts"),
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
		UpdateExpression:          aws.String("SET balance = balance + :d"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":d": &types.AttributeValueMemberN{Value: strconv.FormatInt(amount, 10)}},
	})
	return err
}

// versionedUpdate conditions on the version read: a compare-and-set, not reported.
func versionedUpdate(ctx context.Context, db *dynamodb.Client, acct string, amount int64) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("accounts"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
	})
	if err != nil {
		return err
	}
	bal, _ := strconv.ParseInt(out.Item["balance"].(*types.AttributeValueMemberN).Value, 10, 64)
	ver := out.Item["version"].(*types.AttributeValueMemberN).Value
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("accounts"),
		Key:                 map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: acct}},
		UpdateExpression:    aws.String("SET balance = :b"),
		ConditionExpression: aws.String("version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":b": &types.AttributeValueMemberN{Value: strconv.FormatInt(bal+amount, 10)},
			":v": &types.AttributeValueMemberN{Value: ver},
		},
	})
	return err
}

// deleteAfterGet deletes: idempotent, not reported.
func deleteAfterGet(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item == nil {
		return err
	}
	_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// transactWrite puts with a condition in a transaction: not reported.
func transactWrite(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	_, err = db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{{Put: &types.Put{
		TableName:           aws.String("events"),
		Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	}}}})
	return err
}

// numericKey uses a number attribute for the key.
func numericKey(ctx context.Context, db *dynamodb.Client, seq int64) error {
	k := strconv.FormatInt(seq, 10)
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("deliveries"),
		Key:       map[string]types.AttributeValue{"seq": &types.AttributeValueMemberN{Value: k}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	charge(k)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of deliveries.seq = seq is not atomic`
		TableName: aws.String("deliveries"),
		Item:      map[string]types.AttributeValue{"seq": &types.AttributeValueMemberN{Value: k}},
	})
	return err
}

// updateAfterMiss creates with UpdateItem after the miss: an UPDATE, not reported
// (an UpdateItem upserts, but a plain SET of a constant loses nothing).
func updateAfterMiss(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("events"),
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
		UpdateExpression:          aws.String("SET handled = :t"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":t": &types.AttributeValueMemberBOOL{Value: true}},
	})
	return err
}

// viaStore checks and marks through a store in another package.
func viaStore(ctx context.Context, s *store.Events, id string) error {
	seen, err := s.Seen(ctx, id)
	if err != nil || seen {
		return err
	}
	charge(id)
	return s.Mark(ctx, id) // want `GetItem \(in s.Seen\) then PutItem \(in s.Mark\) of events.pk = id is not atomic`
}

// viaStoreClaim claims through the store: not reported.
func viaStoreClaim(ctx context.Context, s *store.Events, id string) error {
	seen, err := s.Seen(ctx, id)
	if err != nil || seen {
		return err
	}
	if err := s.Claim(ctx, id); err != nil {
		return err
	}
	charge(id)
	return nil
}

var eventsTable = "processed"

// tableInVariable names the table through a package variable.
func tableInVariable(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &eventsTable,
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of eventstable.pk = id is not atomic`
		TableName: &eventsTable,
		Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// nilCondition spells out a nil ConditionExpression: unconditional, reported.
func nilCondition(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of events.pk = id is not atomic`
		TableName:           aws.String("events"),
		Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
		ConditionExpression: nil,
	})
	return err
}

// statusAttribute decides on one attribute of the item (comma-ok lookup).
func statusAttribute(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil {
		return err
	}
	if _, done := out.Item["done_at"]; done {
		return nil
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `GetItem then PutItem of events.pk = id is not atomic`
		TableName: aws.String("events"),
		Item: map[string]types.AttributeValue{
			"pk":      &types.AttributeValueMemberS{Value: id},
			"done_at": &types.AttributeValueMemberN{Value: "1"},
		},
	})
	return err
}

// processed reports through a method of this package whether the event's item exists.
func (l *ledger) processed(ctx context.Context, id string) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(l.table),
		Key:       map[string]types.AttributeValue{"order_id": &types.AttributeValueMemberS{Value: id}},
	})
	return err == nil && out.Item != nil, err
}

func (l *ledger) record(ctx context.Context, id string) error {
	_, err := l.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(l.table),
		Item:      map[string]types.AttributeValue{"order_id": &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// viaMethods checks and records through the ledger's methods.
func (l *ledger) viaMethods(ctx context.Context, id string) error {
	done, err := l.processed(ctx, id)
	if err != nil || done {
		return err
	}
	charge(id)
	return l.record(ctx, id) // want `GetItem \(in l.processed\) then PutItem \(in l.record\) of table.order_id = id is not atomic`
}
