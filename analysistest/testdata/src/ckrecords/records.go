// Package ckrecords claims coarse keys in the record stores: GORM OnConflict
// DoNothing, a DynamoDB put conditional on attribute_not_exists, a MongoDB insert
// of an _id whose duplicate key error is handled.
package ckrecords

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"ckrecinbox"
)

func refund(string) {}

type Event struct{ ID, CustomerID, Email string }

type ProcessedEvent struct {
	ID       uint
	EventID  string `gorm:"uniqueIndex"`
	Consumer string
}

func today() string { return time.Now().UTC().Format("2006-01-02") }

// positive: the customer and the day claimed through a GORM inbox of another
// package, whose parameter is named as an event id.
func RefundRequested(ctx context.Context, in *ckrecinbox.Inbox, evt Event) error {
	key := "refund:" + evt.CustomerID + ":" + today() // want `dedup key .* is built only from the customer id and the calendar day`
	if err := in.Claim(ctx, "refunds", key); err != nil {
		if errors.Is(err, ckrecinbox.ErrDuplicate) {
			return nil
		}
		return err
	}
	refund(evt.ID)
	return nil
}

// negative twin: the event's id through the same inbox.
func RefundRequestedEvent(ctx context.Context, in *ckrecinbox.Inbox, evt Event) error {
	if err := in.Claim(ctx, "refunds", "refund:"+evt.ID); err != nil {
		return err
	}
	refund(evt.ID)
	return nil
}

// negative twin: an upsert of the same key is no claim.
func RefundTouched(ctx context.Context, in *ckrecinbox.Inbox, evt Event) error {
	key := "refund:" + evt.CustomerID + ":" + today()
	return in.Touch(ctx, "refunds", key)
}

// positive: OnConflict DoNothing on event_id of a record of several columns.
func Bonus(ctx context.Context, db *gorm.DB, evt Event) error {
	key := "idem:bonus:" + evt.CustomerID + ":" + today() // want `dedup key .* is built only from the customer id and the calendar day`
	res := db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}}, DoNothing: true}).
		Create(&ProcessedEvent{EventID: key, Consumer: "bonus"})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	refund(evt.ID)
	return nil
}

// negative twin: the coarse value is in a column the conflict target is not.
func BonusConsumer(ctx context.Context, db *gorm.DB, evt Event) error {
	res := db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}}, DoNothing: true}).
		Create(&ProcessedEvent{EventID: "idem:bonus:" + evt.ID, Consumer: "idem:bonus:" + evt.CustomerID + ":" + today()})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	refund(evt.ID)
	return nil
}

// negative twin: no conflict target on a record of several columns says nothing
// of which column the unique index covers.
func BonusNoTarget(ctx context.Context, db *gorm.DB, evt Event) error {
	key := "idem:bonus:" + evt.CustomerID + ":" + today()
	res := db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&ProcessedEvent{EventID: key, Consumer: "bonus"})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	refund(evt.ID)
	return nil
}

// positive: a DynamoDB put conditional on attribute_not_exists(pk).
func DailyCharge(ctx context.Context, db *dynamodb.Client, evt Event) error {
	pk := "charge#" + evt.CustomerID + "#" + today() // want `dedup key .* is built only from the customer id and the calendar day`
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String("events"),
		Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	refund(evt.ID)
	return err
}

// positive: the same through an attribute name placeholder.
func DailyChargeAliased(ctx context.Context, db *dynamodb.Client, evt Event) error {
	pk := "charge#" + evt.CustomerID + "#" + today() // want `dedup key .* is built only from the customer id and the calendar day`
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                aws.String("events"),
		Item:                     map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
		ConditionExpression:      aws.String("attribute_not_exists(#k)"),
		ExpressionAttributeNames: map[string]string{"#k": "pk"},
	})
	if err != nil {
		return err
	}
	refund(evt.ID)
	return nil
}

// negative twin: an unconditional put is no claim.
func DailyChargeUnconditional(ctx context.Context, db *dynamodb.Client, evt Event) error {
	pk := "charge#" + evt.CustomerID + "#" + today()
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("events"),
		Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
	})
	refund(evt.ID)
	return err
}

// negative twin: the condition compares a version, it claims no key.
func DailyChargeVersioned(ctx context.Context, db *dynamodb.Client, evt Event) error {
	pk := "charge#" + evt.CustomerID + "#" + today()
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                 aws.String("events"),
		Item:                      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
		ConditionExpression:       aws.String("version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: "1"}},
	})
	refund(evt.ID)
	return err
}

// positive: a MongoDB insert of the key as _id, its duplicate key error handled.
func Delayed(ctx context.Context, coll *mongo.Collection, evt Event) error {
	id := "dedup:delay:" + evt.Email + ":" + today() // want `dedup key .* is built only from the email and the calendar day`
	_, err := coll.InsertOne(ctx, bson.M{"_id": id, "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	refund(evt.ID)
	return err
}

// negative twin: without the duplicate key error handled, the insert is a write.
func DelayedUnchecked(ctx context.Context, coll *mongo.Collection, evt Event) error {
	id := "dedup:delay:" + evt.Email + ":" + today()
	_, err := coll.InsertOne(ctx, bson.M{"_id": id, "at": time.Now()})
	refund(evt.ID)
	return err
}

// negative twin: the coarse value in a field that is not _id.
func DelayedField(ctx context.Context, coll *mongo.Collection, evt Event) error {
	_, err := coll.InsertOne(ctx, bson.M{"_id": "dedup:delay:" + evt.ID, "day": "dedup:delay:" + evt.Email + ":" + today()})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	refund(evt.ID)
	return err
}
