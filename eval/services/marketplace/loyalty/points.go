// Package loyalty awards points to buyers. It runs on rueidis and consumes
// "order.completed" from Kafka.
package loyalty

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/redis/rueidis"
	"github.com/segmentio/kafka-go"
)

// Completed is the payload of order.completed.
type Completed struct {
	EventID string `json:"event_id"`
	OrderID string `json:"order_id"`
	BuyerID string `json:"buyer_id"`
	Points  int64  `json:"points"`
}

// Ledger keeps point balances.
type Ledger struct {
	c rueidis.Client
}

// NewLedger returns a ledger.
func NewLedger(c rueidis.Client) *Ledger { return &Ledger{c: c} }

func pointsKey(buyerID string) string { return "points:" + buyerID }

// Award adds points with GET and SET.
func (l *Ledger) Award(ctx context.Context, buyerID string, n int64) error {
	cur, err := l.c.Do(ctx, l.c.B().Get().Key(pointsKey(buyerID)).Build()).AsInt64()
	if err != nil && !rueidis.IsRedisNil(err) {
		return err
	}
	return l.c.Do(ctx, l.c.B().Set().Key(pointsKey(buyerID)).Value(strconv.FormatInt(cur+n, 10)).Build()).Error() // BUG: checkthenact
}

// AwardAtomic adds points with INCRBY.
func (l *Ledger) AwardAtomic(ctx context.Context, buyerID string, n int64) error {
	return l.c.Do(ctx, l.c.B().Incrby().Key(pointsKey(buyerID)).Increment(n).Build()).Error()
}

// Run consumes order.completed.
func (l *Ledger) Run(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var ev Completed
		if err := json.Unmarshal(m.Value, &ev); err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		err = l.c.Do(ctx, l.c.B().Set().Key("loyalty:evt:"+ev.EventID).Value("1").Nx().ExSeconds(600).Build()).Error() // BUG: dedupttl
		if rueidis.IsRedisNil(err) {
			r.CommitMessages(ctx, m)
			continue
		}
		if err != nil {
			return err
		}
		if err := l.AwardAtomic(ctx, ev.BuyerID, ev.Points); err != nil {
			return err
		}
		r.CommitMessages(ctx, m)
	}
}

// RunBonus consumes order.bonus with a three-day claim.
func (l *Ledger) RunBonus(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var ev Completed
		if err := json.Unmarshal(m.Value, &ev); err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		err = l.c.Do(ctx, l.c.B().Set().Key("loyalty:bonus:evt:"+ev.EventID).Value("1").Nx().ExSeconds(259200).Build()).Error()
		if rueidis.IsRedisNil(err) {
			r.CommitMessages(ctx, m)
			continue
		}
		if err != nil {
			return err
		}
		if err := l.AwardAtomic(ctx, ev.BuyerID, ev.Points); err != nil {
			return err
		}
		r.CommitMessages(ctx, m)
	}
}
