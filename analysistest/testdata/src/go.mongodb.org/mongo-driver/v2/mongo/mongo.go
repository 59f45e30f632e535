// Package mongo is a stub of go.mongodb.org/mongo-driver/v2/mongo v2.10.0 with the
// real signatures of the collection methods, results, sessions and error helpers.
package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

var ErrNoDocuments = errors.New("mongo: no documents in result")

func IsDuplicateKeyError(err error) bool { return false }

type Client struct{}

func Connect(opts ...*options.ClientOptions) (*Client, error) { return &Client{}, nil }

func (c *Client) Database(name string, opts ...options.Lister[options.DatabaseOptions]) *Database {
	return &Database{}
}

func (c *Client) StartSession(opts ...options.Lister[options.SessionOptions]) (*Session, error) {
	return &Session{}, nil
}

type Database struct{}

func (db *Database) Collection(name string, opts ...options.Lister[options.CollectionOptions]) *Collection {
	return &Collection{}
}

type Session struct{}

func (s *Session) WithTransaction(
	ctx context.Context,
	fn func(ctx context.Context) (any, error),
	opts ...options.Lister[options.TransactionOptions],
) (any, error) {
	return fn(ctx)
}

func (s *Session) EndSession(ctx context.Context) {}

type SingleResult struct{ err error }

func (sr *SingleResult) Decode(v any) error { return sr.err }
func (sr *SingleResult) Err() error         { return sr.err }

type Cursor struct{}

func (c *Cursor) Next(ctx context.Context) bool              { return false }
func (c *Cursor) All(ctx context.Context, results any) error { return nil }
func (c *Cursor) Decode(val any) error                       { return nil }

type InsertOneResult struct {
	InsertedID   any
	Acknowledged bool
}

type InsertManyResult struct {
	InsertedIDs  []any
	Acknowledged bool
}

type UpdateResult struct {
	MatchedCount  int64
	ModifiedCount int64
	UpsertedCount int64
	UpsertedID    any
	Acknowledged  bool
}

type DeleteResult struct {
	DeletedCount int64
	Acknowledged bool
}

type Collection struct{}

func (coll *Collection) InsertOne(ctx context.Context, document any,
	opts ...options.Lister[options.InsertOneOptions],
) (*InsertOneResult, error) {
	return &InsertOneResult{}, nil
}

func (coll *Collection) InsertMany(
	ctx context.Context,
	documents any,
	opts ...options.Lister[options.InsertManyOptions],
) (*InsertManyResult, error) {
	return &InsertManyResult{}, nil
}

func (coll *Collection) DeleteOne(
	ctx context.Context,
	filter any,
	opts ...options.Lister[options.DeleteOneOptions],
) (*DeleteResult, error) {
	return &DeleteResult{}, nil
}

func (coll *Collection) UpdateOne(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.UpdateOneOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

func (coll *Collection) UpdateMany(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.UpdateManyOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

func (coll *Collection) ReplaceOne(
	ctx context.Context,
	filter any,
	replacement any,
	opts ...options.Lister[options.ReplaceOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

func (coll *Collection) CountDocuments(ctx context.Context, filter any,
	opts ...options.Lister[options.CountOptions],
) (int64, error) {
	return 0, nil
}

func (coll *Collection) Find(ctx context.Context, filter any,
	opts ...options.Lister[options.FindOptions],
) (*Cursor, error) {
	return &Cursor{}, nil
}

func (coll *Collection) FindOne(ctx context.Context, filter any,
	opts ...options.Lister[options.FindOneOptions],
) *SingleResult {
	return &SingleResult{}
}

func (coll *Collection) FindOneAndUpdate(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.FindOneAndUpdateOptions],
) *SingleResult {
	return &SingleResult{}
}

func (coll *Collection) FindOneAndReplace(
	ctx context.Context,
	filter any,
	replacement any,
	opts ...options.Lister[options.FindOneAndReplaceOptions],
) *SingleResult {
	return &SingleResult{}
}

func (coll *Collection) FindOneAndDelete(
	ctx context.Context,
	filter any,
	opts ...options.Lister[options.FindOneAndDeleteOptions],
) *SingleResult {
	return &SingleResult{}
}
