// Package reviews asks customers for product reviews after delivery.
package reviews

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/shop/internal/notify"
)

// Requester sends review requests.
type Requester struct {
	requests *mongo.Collection
	reviews  *mongo.Collection
	mail     *notify.Mailer
}

// NewRequester returns a Requester over db.
func NewRequester(db *mongo.Database, mail *notify.Mailer) *Requester {
	return &Requester{requests: db.Collection("review_requests"), reviews: db.Collection("reviews"), mail: mail}
}

// RequestReview mails the review link for orderRef once.
func (r *Requester) RequestReview(ctx context.Context, orderRef, email string) error {
	var prev bson.M
	err := r.requests.FindOne(ctx, bson.M{"_id": orderRef}).Decode(&prev)
	if err == nil {
		return nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	if err := r.mail.Send(email, "How was your order?", "https://shop.example/review/"+orderRef); err != nil {
		return err
	}
	_, err = r.requests.InsertOne(ctx, bson.M{"_id": orderRef, "email": email, "sentAt": time.Now()}) // BUG: checkthenact
	return err
}

// RequestReviewUpsert claims the request with an upsert and mails only when
// this call inserted it.
func (r *Requester) RequestReviewUpsert(ctx context.Context, orderRef, email string) error {
	res, err := r.requests.UpdateOne(ctx,
		bson.M{"_id": orderRef},
		bson.M{"$setOnInsert": bson.M{"email": email, "sentAt": time.Now()}},
		options.UpdateOne().SetUpsert(true))
	if err != nil {
		return err
	}
	if res.UpsertedCount == 0 {
		return nil
	}
	return r.mail.Send(email, "How was your order?", "https://shop.example/review/"+orderRef)
}

// Review is a submitted review.
type Review struct {
	OrderRef string `bson:"orderRef"`
	SKU      string `bson:"sku"`
	Stars    int    `bson:"stars"`
	Text     string `bson:"text"`
}

// Submit stores the review of an order line unless one exists.
func (r *Requester) Submit(ctx context.Context, rv Review) error {
	cur, err := r.reviews.Find(ctx, bson.D{{Key: "orderRef", Value: rv.OrderRef}, {Key: "sku", Value: rv.SKU}})
	if err != nil {
		return err
	}
	var existing []Review
	if err := cur.All(ctx, &existing); err != nil {
		return err
	}
	if len(existing) > 0 {
		return fmt.Errorf("review for %s/%s exists", rv.OrderRef, rv.SKU)
	}
	_, err = r.reviews.InsertOne(ctx, bson.D{{Key: "orderRef", Value: rv.OrderRef}, {Key: "sku", Value: rv.SKU}, {Key: "stars", Value: rv.Stars}, {Key: "text", Value: rv.Text}}) // BUG: checkthenact
	return err
}

// Edit replaces the text of an existing review; the value written comes from
// the caller, not from the read.
func (r *Requester) Edit(ctx context.Context, rv Review) error {
	var cur Review
	if err := r.reviews.FindOne(ctx, bson.M{"orderRef": rv.OrderRef, "sku": rv.SKU}).Decode(&cur); err != nil {
		return err
	}
	if cur.Text == rv.Text {
		return nil
	}
	_, err := r.reviews.UpdateOne(ctx, bson.M{"orderRef": rv.OrderRef, "sku": rv.SKU}, bson.M{"$set": bson.M{"text": rv.Text, "stars": rv.Stars}})
	return err
}
