package notifier

import (
	"context"
	"fmt"
	"sync"

	"github.com/gomodule/redigo/redis"

	"example.com/platform/internal/effects"
)

// Preferences keeps per-user channel preferences in a hash.
func (n *Notifier) EnableChannel(ctx context.Context, userID, channel, email string) error {
	conn, err := n.pool.GetContext(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	key := "prefs:" + userID
	on, err := redis.Bool(conn.Do("HEXISTS", key, channel))
	if err != nil {
		return err
	}
	if on {
		return nil
	}
	if err := effects.SendEmail(ctx, email, "channel-enabled-"+channel); err != nil {
		return err
	}
	_, err = conn.Do("HSET", key, channel, 1) // BUG: checkthenact
	return err
}

// EnableChannelNX uses HSETNX.
func (n *Notifier) EnableChannelNX(ctx context.Context, userID, channel, email string) error {
	conn, err := n.pool.GetContext(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	added, err := redis.Int(conn.Do("HSETNX", "prefs:"+userID, channel, 1))
	if err != nil || added == 0 {
		return err
	}
	return effects.SendEmail(ctx, email, "channel-enabled-"+channel)
}

// Digest claims with SETNX, then sets the TTL.
func (n *Notifier) Digest(ctx context.Context, userID, day, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	key := fmt.Sprintf("digest:sent:%s:%s", userID, day)
	ok, err := redis.Bool(conn.Do("SETNX", key, 1))
	if err != nil || !ok {
		return err
	}
	_, _ = conn.Do("EXPIRE", key, 2*86400)
	return effects.SendEmail(ctx, email, "digest")
}

// Dispatcher dedups in-process as well.
type Dispatcher struct {
	inflight sync.Map
	done     sync.Map
}

// Dispatch skips a (user, template) pair already in flight.
func (d *Dispatcher) Dispatch(ctx context.Context, userID, tmpl string) {
	if _, busy := d.inflight.Load(fmt.Sprintf("%s/%s", userID, tmpl)); busy {
		return
	}
	_ = effects.SendEmail(ctx, userID, tmpl)
	d.inflight.Store(fmt.Sprintf("%s/%s", userID, tmpl), true) // BUG: checkthenact
}

// Complete moves the pair from one map to another: the check is on inflight,
// the store on done.
func (d *Dispatcher) Complete(userID, tmpl string) {
	k := userID + "/" + tmpl
	if _, ok := d.inflight.Load(k); !ok {
		return
	}
	d.done.Store(k, true)
	d.inflight.Delete(k)
}
