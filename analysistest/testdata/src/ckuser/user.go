// Package ckuser uses the builders of ckkeys and the store of ckstore.
package ckuser

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"ckkeys"
	"ckstore"
)

type Event struct {
	ID     string
	UserID string
}

type Worker struct {
	rdb   *redis.Client
	store *ckstore.Store
}

// negative: the coarse builder is reported in ckkeys, not at each caller.
func (w *Worker) Charge(ctx context.Context, userID string) error {
	_, err := w.rdb.SetNX(ctx, ckkeys.IdempotencyKey(userID), 1, 48*time.Hour).Result()
	return err
}

// negative: a builder named for its operation in camel case is reported in
// ckkeys, not here.
func (w *Worker) TopUp(ctx context.Context, customerID string) error {
	_, err := w.rdb.SetNX(ctx, "idem:"+ckkeys.TopUpKey(customerID), 1, 48*time.Hour).Result()
	return err
}

// negative: the same builder, a second caller.
func (w *Worker) Refund(ctx context.Context, userID string) error {
	_, err := w.store.Claim(ctx, ckkeys.IdempotencyKey(userID))
	return err
}

// positive: DayKey is not reported where declared, so its use is.
func (w *Worker) Handle(ctx context.Context, evt Event) error {
	_, err := w.rdb.SetNX(ctx, "processed:"+ckkeys.DayKey(evt.UserID), 1, 48*time.Hour).Result() // want `dedup key "processed:"\+ckkeys.DayKey\(evt.UserID\) is built only from the user id and the calendar day: .*\(evt.ID is at hand\)`
	return err
}

// negative twin: the event id through another builder.
func (w *Worker) HandleByID(ctx context.Context, evt Event) error {
	_, err := w.rdb.SetNX(ctx, ckkeys.EventKey(evt.ID), 1, 48*time.Hour).Result()
	return err
}

// positive: a part helper and the user id through a store helper in another package.
func (w *Worker) Pay(ctx context.Context, userID string) error {
	_, err := w.store.Claim(ctx, "idem:"+userID+":"+ckkeys.Day()) // want `dedup key "idem:"\+userID\+":"\+ckkeys.Day\(\) is built only from the user id and the calendar day`
	return err
}

// negative twin: the part helper with the event id.
func (w *Worker) PayEvent(ctx context.Context, evt Event) error {
	_, err := w.store.Claim(ctx, "idem:"+evt.ID+":"+ckkeys.Day())
	return err
}

// positive: a generic joiner fed with the account and the day.
func (w *Worker) Joined(ctx context.Context, accountID string) error {
	_, err := w.store.Claim(ctx, "idem:"+ckkeys.Join(accountID, ckkeys.Day())) // want `built only from the account id and the calendar day`
	return err
}

// negative twin: the joiner fed with a request id.
func (w *Worker) JoinedRequest(ctx context.Context, accountID, requestID string) error {
	_, err := w.store.Claim(ctx, "idem:"+ckkeys.Join(accountID, requestID))
	return err
}

// negative: a lock helper in another package, with a coarse key.
func (w *Worker) Locked(ctx context.Context, userID string) error {
	return w.store.Lock(ctx, "idem:"+userID+ckkeys.Day(), func() error { return nil })
}

// negative: a key of the user alone named for a step of the account's life,
// through a helper named for claiming: the welcome bonus is credited once per
// user, by design.
func (w *Worker) Welcome(ctx context.Context, evt Event) error {
	_, err := w.store.Claim(ctx, "welcome:"+evt.UserID)
	return err
}

// positive twin: the key's own text says dedup.
func (w *Worker) WelcomeDedup(ctx context.Context, evt Event) error {
	_, err := w.store.Claim(ctx, "idem:welcome:"+evt.UserID) // want `dedup key "idem:welcome:"\+evt.UserID is built only from the user id`
	return err
}

// positive twin: a final notice is not a step of the account's life: only the
// helper's name says what the key is for, and it says dedup.
func (w *Worker) FinalNotice(ctx context.Context, evt Event) error {
	_, err := w.store.Claim(ctx, "final:"+evt.UserID) // want `dedup key "final:"\+evt.UserID is built only from the user id`
	return err
}

// positive twin: the user alone, with no namespace: only the helper's name says
// what the key is for, and it says dedup.
func (w *Worker) ClaimUser(ctx context.Context, evt Event) error {
	_, err := w.store.Claim(ctx, evt.UserID) // want `dedup key evt.UserID is built only from the user id`
	return err
}
