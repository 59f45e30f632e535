// Package ctamongo holds checkthenact cases for the MongoDB Go driver v2: the
// collection is the receiver, the key the filter's fields.
package ctamongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"ctamongo/store"
)

func charge(string) {}

type Processed struct {
	EventID string `bson:"eventId"`
	Handler string `bson:"handler,omitempty"`
}

type Account struct {
	ID      string `bson:"_id"`
	Balance int64  `bson:"balance"`
	Version int64  `bson:"version"`
}

func events(c *mongo.Client) *mongo.Collection { return c.Database("app").Collection("events") }

// findOneThenInsert is the seed shape: FindOne misses, charge, InsertOne.
func findOneThenInsert(ctx context.Context, c *mongo.Client, id string) error {
	coll := c.Database("app").Collection("events")
	var ev bson.M
	err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&ev)
	if err == nil {
		return nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	charge(id)
	_, err = coll.InsertOne(ctx, bson.M{"_id": id, "handler": "billing"}) // want `FindOne then InsertOne of events._id = id is not atomic: two deliveries can both pass the check; insert with a unique _id`
	return err
}

// findOneThenInsertDuplicateHandled treats a duplicate _id as done: not reported.
func findOneThenInsertDuplicateHandled(ctx context.Context, c *mongo.Client, id string) error {
	coll := c.Database("app").Collection("events")
	err := coll.FindOne(ctx, bson.M{"_id": id}).Err()
	if err == nil {
		return nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
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

// bsonDAndStruct filters with bson.D and inserts a struct by its bson tags.
func bsonDAndStruct(ctx context.Context, coll *mongo.Collection, id string) error {
	err := coll.FindOne(ctx, bson.D{{Key: "eventId", Value: id}}).Err()
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	charge(id)
	_, err = coll.InsertOne(ctx, Processed{EventID: id, Handler: "billing"}) // want `FindOne then InsertOne of coll.eventid = id is not atomic`
	return err
}

// bsonDOtherKey inserts another event's document: not reported.
func bsonDOtherKey(ctx context.Context, coll *mongo.Collection, id, parent string) error {
	err := coll.FindOne(ctx, bson.D{{Key: "eventId", Value: id}}).Err()
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	charge(id)
	_, err = coll.InsertOne(ctx, Processed{EventID: parent})
	return err
}

// countThenInsert decides on CountDocuments.
func countThenInsert(ctx context.Context, c *mongo.Client, id string) error {
	coll := events(c)
	n, err := coll.CountDocuments(ctx, bson.M{"eventId": id})
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = coll.InsertOne(ctx, bson.M{"eventId": id}) // want `CountDocuments then InsertOne of events.eventid = id is not atomic`
	return err
}

// findCursorThenInsert decides on the cursor of Find.
func findCursorThenInsert(ctx context.Context, coll *mongo.Collection, id string) error {
	cur, err := coll.Find(ctx, bson.M{"eventId": id})
	if err != nil {
		return err
	}
	if cur.Next(ctx) {
		return nil
	}
	charge(id)
	_, err = coll.InsertOne(ctx, bson.M{"eventId": id}) // want `Find then InsertOne of coll.eventid = id is not atomic`
	return err
}

// filterFromCaller checks with a filter built elsewhere: its key is unknown, not reported.
func filterFromCaller(ctx context.Context, coll *mongo.Collection, filter bson.M, id string) error {
	if err := coll.FindOne(ctx, filter).Err(); !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	charge(id)
	_, err := coll.InsertOne(ctx, bson.M{"eventId": id})
	return err
}

// upsertSetOnInsert claims with an upsert: not reported.
func upsertSetOnInsert(ctx context.Context, coll *mongo.Collection, id string) error {
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

// lostUpdate reads a balance, adds in Go and $sets it: a lost update.
func lostUpdate(ctx context.Context, coll *mongo.Collection, acct string, amount int64) error {
	var a Account
	if err := coll.FindOne(ctx, bson.M{"_id": acct}).Decode(&a); err != nil {
		return err
	}
	_, err := coll.UpdateOne(ctx, bson.M{"_id": acct}, bson.M{"$set": bson.M{"balance": a.Balance + amount}}) // want `read-modify-write of coll._id = acct \(FindOne then UpdateOne\) is not atomic: concurrent deliveries lose updates; update in the database \(\$inc\)`
	return err
}

// incUpdate adds in the database with $inc: not reported.
func incUpdate(ctx context.Context, coll *mongo.Collection, acct string, amount int64) error {
	var a Account
	if err := coll.FindOne(ctx, bson.M{"_id": acct}).Decode(&a); err != nil {
		return err
	}
	_, err := coll.UpdateOne(ctx, bson.M{"_id": acct}, bson.M{"$inc": bson.M{"balance": amount}})
	return err
}

// optimisticUpdate filters on the version read: a compare-and-set, not reported.
func optimisticUpdate(ctx context.Context, coll *mongo.Collection, acct string, amount int64) error {
	var a Account
	if err := coll.FindOne(ctx, bson.M{"_id": acct}).Decode(&a); err != nil {
		return err
	}
	res, err := coll.UpdateOne(ctx, bson.M{"_id": acct, "version": a.Version},
		bson.M{"$set": bson.M{"balance": a.Balance + amount, "version": a.Version + 1}})
	if err == nil && res.MatchedCount == 0 {
		return errors.New("conflict")
	}
	return err
}

// replaceLostUpdate writes back a replacement computed from the read: a lost update.
func replaceLostUpdate(ctx context.Context, coll *mongo.Collection, acct string, amount int64) error {
	var a Account
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: acct}}).Decode(&a); err != nil {
		return err
	}
	_, err := coll.ReplaceOne(ctx, bson.D{{Key: "_id", Value: acct}}, bson.M{"_id": acct, "balance": a.Balance + amount}) // want `read-modify-write of coll._id = acct \(FindOne then ReplaceOne\) is not atomic`
	return err
}

// findOneAndUpdate changes the balance in one call: not reported.
func findOneAndUpdate(ctx context.Context, coll *mongo.Collection, acct string, amount int64) error {
	var a Account
	if err := coll.FindOne(ctx, bson.M{"_id": acct}).Decode(&a); err != nil {
		return err
	}
	return coll.FindOneAndUpdate(ctx, bson.M{"_id": acct}, bson.M{"$inc": bson.M{"balance": amount}}).Err()
}

// deleteAfterFind deletes: idempotent, not reported.
func deleteAfterFind(ctx context.Context, coll *mongo.Collection, id string) error {
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Err(); err != nil {
		return err
	}
	_, err := coll.DeleteOne(ctx, bson.M{"_id": id})
	return err
}

// inTransaction checks and inserts inside WithTransaction: not reported.
func inTransaction(ctx context.Context, c *mongo.Client, coll *mongo.Collection, id string) error {
	sess, err := c.StartSession()
	if err != nil {
		return err
	}
	defer sess.EndSession(ctx)
	_, err = sess.WithTransaction(ctx, func(ctx context.Context) (any, error) {
		if err := coll.FindOne(ctx, bson.M{"_id": id}).Err(); !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, err
		}
		charge(id)
		return coll.InsertOne(ctx, bson.M{"_id": id})
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
	return s.Mark(ctx, id) // want `FindOne \(in s.Seen\) then InsertOne \(in s.Mark\) of events._id = id is not atomic`
}

// viaStoreClaim claims through the store: not reported.
func viaStoreClaim(ctx context.Context, s *store.Events, id string) error {
	seen, err := s.Seen(ctx, id)
	if err != nil || seen {
		return err
	}
	won, err := s.Claim(ctx, id)
	if err != nil || !won {
		return err
	}
	charge(id)
	return nil
}

var processed *mongo.Collection

// globalCollection keeps the collection in a package variable and compares the
// sentinel with ==.
func globalCollection(ctx context.Context, id string) error {
	err := processed.FindOne(ctx, bson.M{"eventId": id}).Err()
	if err != mongo.ErrNoDocuments {
		return err
	}
	charge(id)
	_, err = processed.InsertOne(ctx, Processed{EventID: id}) // want `FindOne then InsertOne of processed.eventid = id is not atomic`
	return err
}

// findAllThenInsert decodes every match and decides on how many there were.
func findAllThenInsert(ctx context.Context, coll *mongo.Collection, id string) error {
	cur, err := coll.Find(ctx, bson.M{"eventId": id})
	if err != nil {
		return err
	}
	var found []Processed
	if err := cur.All(ctx, &found); err != nil || len(found) > 0 {
		return err
	}
	charge(id)
	_, err = coll.InsertOne(ctx, bson.M{"eventId": id}) // want `Find then InsertOne of coll.eventid = id is not atomic`
	return err
}

// statusRepo is a repository type of this package holding its collection.
type statusRepo struct{ payments *mongo.Collection }

func (r *statusRepo) exists(ctx context.Context, orderID string) (bool, error) {
	n, err := r.payments.CountDocuments(ctx, bson.M{"orderId": orderID})
	return n > 0, err
}

func (r *statusRepo) record(ctx context.Context, orderID string, amount int64) error {
	_, err := r.payments.InsertOne(ctx, bson.M{"orderId": orderID, "amount": amount})
	return err
}

// viaRepoMethods checks and records through the repository's methods.
func viaRepoMethods(ctx context.Context, r *statusRepo, orderID string, amount int64) error {
	ok, err := r.exists(ctx, orderID)
	if err != nil || ok {
		return err
	}
	charge(orderID)
	return r.record(ctx, orderID, amount) // want `CountDocuments \(in r.exists\) then InsertOne \(in r.record\) of payments.orderid = orderID is not atomic`
}
