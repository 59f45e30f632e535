// Package mkrecords holds missingkey cases for the record stores: an insert of a
// record repeats on every store the model knows (GORM Create, MongoDB InsertOne
// and InsertMany, DynamoDB PutItem), and its claim form (ON CONFLICT DO NOTHING, a
// duplicate key handled, attribute_not_exists) is a claim.
package mkrecords

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/segmentio/kafka-go"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Payment struct {
	EventID string
	Amount  int64
}

type consumer struct {
	r  *kafka.Reader
	w  *kafka.Writer
	db *gorm.DB
	mc *mongo.Client
	dy *dynamodb.Client
}

func (c *consumer) payments() *mongo.Collection {
	return c.mc.Database("app").Collection("payments")
}

// GORM Create inserts a row per delivery.
func (c *consumer) runGorm(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.db.Create(&Payment{EventID: string(m.Key), Amount: 1}) // want `kafka consumer inserts into payments with no dedup claim`
	}
}

// The twin with ON CONFLICT DO NOTHING whose rows affected decide: a claim.
func (c *consumer) runGormClaim(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if c.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&Payment{EventID: string(m.Key)}).RowsAffected == 0 {
			continue
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key})
	}
}

// MongoDB InsertOne inserts a document per delivery.
func (c *consumer) runMongo(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.payments().InsertOne(ctx, bson.M{"eventId": string(m.Key), "amount": 1}) // want `kafka consumer inserts into payments with no dedup claim`
	}
}

// InsertMany too.
func (c *consumer) runMongoMany(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.payments().InsertMany(ctx, []any{bson.M{"eventId": string(m.Key)}}) // want `kafka consumer inserts into payments with no dedup claim`
	}
}

// The twin keyed on _id whose duplicate key error is handled: the insert is the
// claim, and the publish after it runs once.
func (c *consumer) runMongoClaim(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if _, err := c.payments().InsertOne(ctx, bson.M{"_id": string(m.Key)}); err != nil {
			if mongo.IsDuplicateKeyError(err) {
				continue
			}
			return
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key})
	}
}

// DynamoDB PutItem without a condition writes the item per delivery; a new
// sort key per delivery makes it a new item.
func (c *consumer) runDynamo(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.dy.PutItem(ctx, &dynamodb.PutItemInput{ // want `kafka consumer inserts into payments with no dedup claim`
			TableName: aws.String("payments"),
			Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: string(m.Key)}},
		})
	}
}

// The twin with attribute_not_exists: a claim whose failure decides.
func (c *consumer) runDynamoClaim(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		_, err = c.dy.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:           aws.String("payments"),
			Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: string(m.Key)}},
			ConditionExpression: aws.String("attribute_not_exists(pk)"),
		})
		var ccf *types.ConditionalCheckFailedException
		if errors.As(err, &ccf) {
			continue
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key})
	}
}
