// Package store keeps processed events in MongoDB in a package of its own: its
// methods' effects reach callers through facts.
package store

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

type Events struct{ events *mongo.Collection }

// Seen looks the event up by its _id.
func (s *Events) Seen(ctx context.Context, id string) (bool, error) {
	err := s.events.FindOne(ctx, bson.M{"_id": id}).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	return err == nil, err
}

// Mark inserts the event; a duplicate is an error like any other.
func (s *Events) Mark(ctx context.Context, id string) error {
	_, err := s.events.InsertOne(ctx, bson.M{"_id": id})
	return err
}

// Claim inserts the event and treats a duplicate _id as "already processed".
func (s *Events) Claim(ctx context.Context, id string) (bool, error) {
	_, err := s.events.InsertOne(ctx, bson.M{"_id": id})
	if mongo.IsDuplicateKeyError(err) {
		return false, nil
	}
	return err == nil, err
}
