// Package coarsec claims coarse dedup keys in the record stores and with the
// Redis builders, each next to a twin keyed by the event.
package coarsec

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

func credit(string) {}

type Event struct{ ID, CustomerID, Email string }

type ProcessedEvent struct {
	ID       uint
	EventID  string `gorm:"uniqueIndex"`
	Consumer string
}

func today() string { return time.Now().UTC().Format("2006-01-02") }

// ClaimGorm inserts the marker of key unless its event_id is there.
func ClaimGorm(ctx context.Context, db *gorm.DB, consumer, eventID string) (bool, error) {
	res := db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}}, DoNothing: true}).
		Create(&ProcessedEvent{EventID: eventID, Consumer: consumer})
	return res.RowsAffected == 1, res.Error
}

func RefundGorm(ctx context.Context, db *gorm.DB, evt Event) error {
	ok, err := ClaimGorm(ctx, db, "refunds", "refund:"+evt.CustomerID+":"+today()) // want coarsekey
	if err != nil || !ok {
		return err
	}
	credit(evt.ID)
	return nil
}

func RefundGormEvent(ctx context.Context, db *gorm.DB, evt Event) error {
	ok, err := ClaimGorm(ctx, db, "refunds", "refund:"+evt.ID)
	if err != nil || !ok {
		return err
	}
	credit(evt.ID)
	return nil
}

func ChargeDynamo(ctx context.Context, db *dynamodb.Client, evt Event) error {
	pk := "charge#" + evt.CustomerID + "#" + today() // want coarsekey
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                aws.String("events"),
		Item:                     map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
		ConditionExpression:      aws.String("attribute_not_exists(#k)"),
		ExpressionAttributeNames: map[string]string{"#k": "pk"},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	credit(evt.ID)
	return err
}

func ChargeDynamoEvent(ctx context.Context, db *dynamodb.Client, evt Event) error {
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String("events"),
		Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "charge#" + evt.ID}},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	credit(evt.ID)
	return err
}

func DelayMongo(ctx context.Context, coll *mongo.Collection, evt Event) error {
	id := "dedup:delay:" + evt.Email + ":" + today() // want coarsekey
	_, err := coll.InsertOne(ctx, bson.M{"_id": id, "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	credit(evt.ID)
	return err
}

func DelayMongoEvent(ctx context.Context, coll *mongo.Collection, evt Event) error {
	_, err := coll.InsertOne(ctx, bson.M{"_id": "dedup:delay:" + evt.ID, "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	credit(evt.ID)
	return err
}

func BonusRueidis(ctx context.Context, c rueidis.Client, evt Event) error {
	err := c.Do(ctx, c.B().Set().Key("idem:bonus:"+evt.CustomerID+":"+today()).Value("1").Nx().ExSeconds(172800).Build()).Error() // want coarsekey
	if rueidis.IsRedisNil(err) {
		return nil
	}
	credit(evt.ID)
	return err
}

func CancelValkey(ctx context.Context, c valkey.Client, evt Event) error {
	dk := "dedup:cancel:" + strconv.FormatInt(time.Now().UnixNano(), 10) // want coarsekey
	err := c.Do(ctx, c.B().Set().Key(dk).Value("1").Nx().ExSeconds(172800).Build()).Error()
	if valkey.IsValkeyNil(err) {
		return nil
	}
	credit(evt.ID)
	return err
}

func BonusValkey(ctx context.Context, c valkey.Client, evt Event) error {
	err := c.Do(ctx, c.B().Set().Key("idem:bonus:"+evt.CustomerID+":"+today()).Value("1").Nx().ExSeconds(172800).Build()).Error() // want coarsekey
	if valkey.IsValkeyNil(err) {
		return nil
	}
	credit(evt.ID)
	return err
}

func BonusValkeyEvent(ctx context.Context, c valkey.Client, evt Event) error {
	err := c.Do(ctx, c.B().Set().Key("idem:bonus:"+evt.ID).Value("1").Nx().ExSeconds(172800).Build()).Error()
	if valkey.IsValkeyNil(err) {
		return nil
	}
	credit(evt.ID)
	return err
}
