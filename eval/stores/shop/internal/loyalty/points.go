// Package loyalty awards and redeems loyalty points (MongoDB).
package loyalty

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrNotEnoughPoints is returned when a redemption exceeds the balance.
var ErrNotEnoughPoints = errors.New("loyalty: not enough points")

// OrderPaid is the event the loyalty program reacts to.
type OrderPaid struct {
	EventID    string `json:"event_id"`
	OrderRef   string `json:"order_ref"`
	CustomerID string `json:"customer_id"`
	Total      int64  `json:"total"`
}

type account struct {
	ID     string `bson:"_id"`
	Points int64  `bson:"points"`
	Tier   string `bson:"tier"`
}

type award struct {
	OrderID    string    `bson:"orderId"`
	CustomerID string    `bson:"customerId"`
	Points     int64     `bson:"points"`
	At         time.Time `bson:"at"`
}

type orderFilter struct {
	OrderID string `bson:"orderId"`
}

// Program is the loyalty program.
type Program struct {
	client   *mongo.Client
	accounts *mongo.Collection
	awards   *mongo.Collection
}

// NewProgram binds the loyalty collections.
func NewProgram(db *mongo.Database) *Program {
	return &Program{
		client:   db.Client(),
		accounts: db.Collection("loyalty_accounts"),
		awards:   db.Collection("loyalty_awards"),
	}
}

func pointsFor(total int64) int64 { return total / 100 }

// Award grants the points of a paid order once.
func (p *Program) Award(ctx context.Context, evt OrderPaid) error {
	n, err := p.awards.CountDocuments(ctx, bson.D{{Key: "orderId", Value: evt.OrderRef}})
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	pts := pointsFor(evt.Total)
	if _, err := p.accounts.UpdateOne(ctx, bson.M{"_id": evt.CustomerID}, bson.M{"$inc": bson.M{"points": pts}}); err != nil {
		return err
	}
	_, err = p.awards.InsertOne(ctx, award{OrderID: evt.OrderRef, CustomerID: evt.CustomerID, Points: pts, At: time.Now()}) // BUG: checkthenact
	return err
}

// AwardOnce records the award first (unique index on orderId) and only then
// adds the points.
func (p *Program) AwardOnce(ctx context.Context, evt OrderPaid) error {
	pts := pointsFor(evt.Total)
	_, err := p.awards.InsertOne(ctx, award{OrderID: evt.OrderRef, CustomerID: evt.CustomerID, Points: pts, At: time.Now()})
	if err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return nil
		}
		return err
	}
	_, err = p.accounts.UpdateOne(ctx, bson.M{"_id": evt.CustomerID}, bson.M{"$inc": bson.M{"points": pts}})
	return err
}

// HasAward reports whether an order earned points (used by support tooling).
func (p *Program) HasAward(ctx context.Context, orderRef string) (bool, error) {
	err := p.awards.FindOne(ctx, orderFilter{OrderID: orderRef}).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	return err == nil, err
}

// Redeem spends pts points of customerID.
func (p *Program) Redeem(ctx context.Context, customerID string, pts int64) error {
	var acct account
	if err := p.accounts.FindOne(ctx, bson.M{"_id": customerID}).Decode(&acct); err != nil {
		return err
	}
	if acct.Points < pts {
		return ErrNotEnoughPoints
	}
	_, err := p.accounts.UpdateOne(ctx, bson.M{"_id": customerID}, bson.M{"$set": bson.M{"points": acct.Points - pts}}) // BUG: checkthenact
	return err
}

// RedeemTx does the same inside a multi-document transaction.
func (p *Program) RedeemTx(ctx context.Context, customerID string, pts int64) error {
	sess, err := p.client.StartSession()
	if err != nil {
		return err
	}
	defer sess.EndSession(ctx)
	_, err = sess.WithTransaction(ctx, func(ctx context.Context) (any, error) {
		var acct account
		if err := p.accounts.FindOne(ctx, bson.M{"_id": customerID}).Decode(&acct); err != nil {
			return nil, err
		}
		if acct.Points < pts {
			return nil, ErrNotEnoughPoints
		}
		return p.accounts.UpdateOne(ctx, bson.M{"_id": customerID}, bson.M{"$set": bson.M{"points": acct.Points - pts}})
	})
	return err
}

func tierFor(points int64) string {
	switch {
	case points >= 10000:
		return "gold"
	case points >= 2000:
		return "silver"
	}
	return "basic"
}

// RefreshTier recomputes the tier from the current points.
func (p *Program) RefreshTier(ctx context.Context, customerID string) error {
	var acct account
	if err := p.accounts.FindOne(ctx, bson.M{"_id": customerID}).Decode(&acct); err != nil {
		return err
	}
	_, err := p.accounts.UpdateOne(ctx, bson.M{"_id": customerID}, bson.M{"$set": bson.M{"tier": tierFor(acct.Points)}}) // AMBIG: checkthenact
	return err
}
