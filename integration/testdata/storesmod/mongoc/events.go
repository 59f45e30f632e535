// Package mongoc dedups with the MongoDB Go driver v2.
package mongoc

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

func charge(string) {}

// Handle checks with FindOne and inserts without handling a duplicate.
func Handle(ctx context.Context, c *mongo.Client, id string) error {
	coll := c.Database("app").Collection("events")
	err := coll.FindOne(ctx, bson.M{"_id": id}).Err()
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	charge(id)
	_, err = coll.InsertOne(ctx, bson.M{"_id": id}) // want checkthenact
	return err
}

// HandleDuplicate treats a duplicate _id as done.
func HandleDuplicate(ctx context.Context, coll *mongo.Collection, id string) error {
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Err(); !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	if _, err := coll.InsertOne(ctx, bson.M{"_id": id}); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return nil
		}
		return err
	}
	charge(id)
	return nil
}

// HandleUpsert claims with an upsert.
func HandleUpsert(ctx context.Context, coll *mongo.Collection, id string) error {
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Err(); !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	res, err := coll.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$setOnInsert": bson.M{"state": "new"}}, options.UpdateOne().SetUpsert(true))
	if err != nil || res.UpsertedCount == 0 {
		return err
	}
	charge(id)
	return nil
}
