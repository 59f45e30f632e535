// Package ttlnoun claims keys that name the thing whose id they carry: "alert:"
// +alertID is kept once per alert, whatever the noun, so its TTL is the window in
// which a redelivered alert is still caught.
package ttlnoun

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

type Fanout struct{ rdb *redis.Client }

func send(string) {}

// positive: the key names the alert its id identifies.
func (f *Fanout) Alert(ctx context.Context, alertID, text string) error {
	ok, err := f.rdb.SetNX(ctx, "alert:"+alertID, 1, 2*time.Hour).Result() // want `dedup marker "alert:"\+alertID expires after 2h0m0s`
	if err != nil || !ok {
		return err
	}
	send(text)
	return nil
}

// positive: an actor beside it does not make it a throttle.
func (f *Fanout) Nudge(ctx context.Context, nudgeID, userID string) error {
	ok, err := f.rdb.SetNX(ctx, "nudge:"+nudgeID+":"+userID, 1, time.Hour).Result() // want `dedup marker "nudge:"\+nudgeID\+":"\+userID expires after 1h0m0s`
	if err != nil || !ok {
		return err
	}
	send(userID)
	return nil
}

// negative twin: the key's text names something else than the id's noun: a
// throttle per alert rule, not a marker of one alert.
func (f *Fanout) AlertRule(ctx context.Context, ruleID, text string) error {
	ok, err := f.rdb.SetNX(ctx, "alert:"+ruleID, 1, 2*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	send(text)
	return nil
}

// negative twin: the key names its id's noun, but the noun is who acts: a
// throttle per customer.
func (f *Fanout) Customer(ctx context.Context, customerID, text string) error {
	ok, err := f.rdb.SetNX(ctx, "customer:"+customerID, 1, 2*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	send(text)
	return nil
}

// negative twin: the id's name has no noun.
func (f *Fanout) Bare(ctx context.Context, id, text string) error {
	ok, err := f.rdb.SetNX(ctx, "alert:"+id, 1, 2*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	send(text)
	return nil
}

// positive: a Twilio callback's fax id (Twilio's ids end in Sid), named by the key.
func (f *Fanout) Fax(w http.ResponseWriter, r *http.Request) {
	sid := r.PostForm.Get("FaxSid")
	err := f.rdb.SetArgs(r.Context(), "wh:fax:"+sid, 1, redis.SetArgs{Mode: "NX", TTL: time.Hour}).Err() // want `dedup marker "wh:fax:"\+sid expires after 1h0m0s`
	if err == redis.Nil {
		return
	}
	send(sid)
}

// negative twin: the account's Sid is who acts, not what happened.
func (f *Fanout) Account(w http.ResponseWriter, r *http.Request) {
	sid := r.PostForm.Get("AccountSid")
	err := f.rdb.SetArgs(r.Context(), "wh:account:"+sid, 1, redis.SetArgs{Mode: "NX", TTL: time.Hour}).Err()
	if err == redis.Nil {
		return
	}
	send(sid)
}
