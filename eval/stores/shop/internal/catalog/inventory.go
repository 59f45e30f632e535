// Package catalog keeps the sellable inventory in MongoDB.
package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ErrConflict is returned when an optimistic update lost the race.
var ErrConflict = errors.New("catalog: concurrent modification")

// ErrUnavailable is returned when not enough units are left.
var ErrUnavailable = errors.New("catalog: not enough stock")

// Item is one inventory document.
type Item struct {
	SKU       string    `bson:"sku"`
	Title     string    `bson:"title"`
	Available int64     `bson:"available"`
	Version   int64     `bson:"version"`
	UpdatedAt time.Time `bson:"updatedAt"`
}

// Inventory is the Mongo-backed inventory.
type Inventory struct {
	items *mongo.Collection
	holds *mongo.Collection
}

// NewInventory binds the inventory collections of db.
func NewInventory(db *mongo.Database) *Inventory {
	return &Inventory{items: db.Collection("inventory"), holds: db.Collection("cart_holds")}
}

// Adjust applies a stock correction from the warehouse feed.
func (inv *Inventory) Adjust(ctx context.Context, sku string, delta int64) error {
	filter := bson.D{{Key: "sku", Value: sku}}
	var it Item
	if err := inv.items.FindOne(ctx, filter).Decode(&it); err != nil {
		return fmt.Errorf("load %s: %w", sku, err)
	}
	it.Available += delta
	it.UpdatedAt = time.Now()
	_, err := inv.items.ReplaceOne(ctx, filter, it) // BUG: checkthenact
	return err
}

// AdjustAtomic lets the server add.
func (inv *Inventory) AdjustAtomic(ctx context.Context, sku string, delta int64) error {
	_, err := inv.items.UpdateOne(ctx, bson.D{{Key: "sku", Value: sku}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "available", Value: delta}}}, {Key: "$set", Value: bson.D{{Key: "updatedAt", Value: time.Now()}}}})
	return err
}

// SetAvailable recomputes the stock with fn and writes it back only if the
// document still has the version that was read.
func (inv *Inventory) SetAvailable(ctx context.Context, sku string, fn func(int64) int64) error {
	var it Item
	if err := inv.items.FindOne(ctx, bson.M{"sku": sku}).Decode(&it); err != nil {
		return err
	}
	res, err := inv.items.UpdateOne(ctx,
		bson.M{"sku": sku, "version": it.Version},
		bson.M{"$set": bson.M{"available": fn(it.Available), "version": it.Version + 1}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return ErrConflict
	}
	return nil
}

// Take removes qty units in one round trip and returns what is left.
func (inv *Inventory) Take(ctx context.Context, sku string, qty int64) (int64, error) {
	var it Item
	err := inv.items.FindOneAndUpdate(ctx,
		bson.M{"sku": sku, "available": bson.M{"$gte": qty}},
		bson.M{"$inc": bson.M{"available": -qty}},
		options.FindOneAndUpdate().SetReturnDocument(options.After),
	).Decode(&it)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, ErrUnavailable
	}
	return it.Available, err
}

// PlaceHold reserves a SKU for a cart while the customer checks out.
func (inv *Inventory) PlaceHold(ctx context.Context, cartID, sku string, qty int64) error {
	holdID := cartID + ":" + sku
	err := inv.holds.FindOne(ctx, bson.M{"_id": holdID}).Err()
	if err == nil {
		return nil // already held
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	if _, err := inv.Take(ctx, sku, qty); err != nil {
		return err
	}
	_, err = inv.holds.InsertOne(ctx, bson.M{"_id": holdID, "cartId": cartID, "sku": sku, "qty": qty, "at": time.Now()}) // BUG: checkthenact
	return err
}

// PlaceHoldOnce inserts the hold first; the unique _id turns the second
// delivery into a duplicate-key error.
func (inv *Inventory) PlaceHoldOnce(ctx context.Context, cartID, sku string, qty int64) error {
	holdID := cartID + ":" + sku
	_, err := inv.holds.InsertOne(ctx, bson.M{"_id": holdID, "cartId": cartID, "sku": sku, "qty": qty, "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = inv.Take(ctx, sku, qty)
	return err
}
