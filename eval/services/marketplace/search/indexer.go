// Package search keeps the listing search index (MongoDB) in step with the
// catalog. It consumes catalog events from NATS.
package search

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ListingEvent is published by the catalog service.
type ListingEvent struct {
	EventID   string   `json:"event_id"`
	ListingID string   `json:"listing_id"`
	SellerID  string   `json:"seller_id"`
	Title     string   `json:"title"`
	Tags      []string `json:"tags"`
	Price     int64    `json:"price_cents"`
}

type listingDoc struct {
	ID       string   `bson:"_id"`
	SellerID string   `bson:"sellerId"`
	Title    string   `bson:"title"`
	Tags     []string `bson:"tags"`
	Price    int64    `bson:"price"`
}

// Indexer writes listing documents.
type Indexer struct {
	listings *mongo.Collection
	activity *mongo.Collection
	rdb      redis.Cmdable
}

// NewIndexer returns an indexer on db.
func NewIndexer(db *mongo.Database, rdb redis.Cmdable) *Indexer {
	return &Indexer{listings: db.Collection("listings"), activity: db.Collection("seller_activity"), rdb: rdb}
}

// Start subscribes the indexer.
func (ix *Indexer) Start(nc *nats.Conn) error {
	handlers := map[string]nats.MsgHandler{
		"catalog.listing.updated":   ix.onUpdated,
		"catalog.listing.created":   ix.onCreated,
		"catalog.listing.published": ix.onPublished,
	}
	for subject, h := range handlers {
		if _, err := nc.QueueSubscribe(subject, "search-indexer", h); err != nil {
			return err
		}
	}
	if _, err := nc.QueueSubscribe("catalog.listing.viewed", "search-indexer", ix.onViewed); err != nil {
		return err
	}
	_, err := nc.Subscribe("catalog.listing.promoted", ix.onPromoted)
	return err
}

func decode(m *nats.Msg) (ListingEvent, bool) {
	var ev ListingEvent
	if err := json.Unmarshal(m.Data, &ev); err != nil {
		log.Printf("search: bad event on %s: %v", m.Subject, err)
		return ev, false
	}
	return ev, true
}

// onUpdated upserts the document: replaying it writes the same document.
func (ix *Indexer) onUpdated(m *nats.Msg) {
	ev, ok := decode(m)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	update := bson.M{"$set": bson.M{"sellerId": ev.SellerID, "title": ev.Title, "tags": ev.Tags, "price": ev.Price}}
	if _, err := ix.listings.UpdateOne(ctx, bson.M{"_id": ev.ListingID}, update, options.UpdateOne().SetUpsert(true)); err != nil {
		log.Printf("search: upsert %s: %v", ev.ListingID, err)
	}
}

// onCreated inserts the document unless it is already indexed.
func (ix *Indexer) onCreated(m *nats.Msg) {
	ev, ok := decode(m)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var existing listingDoc
	err := ix.listings.FindOne(ctx, bson.M{"_id": ev.ListingID}).Decode(&existing)
	if err == nil {
		return
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		log.Printf("search: lookup %s: %v", ev.ListingID, err)
		return
	}
	doc := listingDoc{ID: ev.ListingID, SellerID: ev.SellerID, Title: ev.Title, Tags: ev.Tags, Price: ev.Price}
	if _, err := ix.listings.InsertOne(ctx, doc); err != nil { // BUG: checkthenact
		log.Printf("search: insert %s: %v", ev.ListingID, err)
	}
}

// onPublished inserts the document and treats a duplicate key as done.
func (ix *Indexer) onPublished(m *nats.Msg) {
	ev, ok := decode(m)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	doc := listingDoc{ID: ev.ListingID, SellerID: ev.SellerID, Title: ev.Title, Tags: ev.Tags, Price: ev.Price}
	_, err := ix.listings.InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return
	}
	if err != nil {
		log.Printf("search: insert %s: %v", ev.ListingID, err)
		return
	}
	ix.rdb.Publish(ctx, "search:listing-published", ev.ListingID)
}

// onViewed appends a view to the seller's activity feed.
func (ix *Indexer) onViewed(m *nats.Msg) {
	ev, ok := decode(m)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := ix.activity.InsertOne(ctx, bson.M{"sellerId": ev.SellerID, "listingId": ev.ListingID, "kind": "view", "at": time.Now()}) // BUG: missingkey
	if err != nil {
		log.Printf("search: activity: %v", err)
	}
}

// onPromoted bumps the listing's boost once per promotion event.
func (ix *Indexer) onPromoted(m *nats.Msg) {
	ev, ok := decode(m)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := ix.rdb.SetArgs(ctx, "search:promoted:evt:"+ev.EventID, 1, redis.SetArgs{Mode: "NX", TTL: 2 * time.Hour}).Err() // BUG: dedupttl
	if errors.Is(err, redis.Nil) {
		return
	}
	if err != nil {
		log.Printf("search: claim %s: %v", ev.EventID, err)
		return
	}
	if _, err := ix.listings.UpdateOne(ctx, bson.M{"_id": ev.ListingID}, bson.M{"$inc": bson.M{"boost": 1}}); err != nil {
		log.Printf("search: boost %s: %v", ev.ListingID, err)
	}
}
