// Package dedup holds the message-dedup helpers used by the queue workers.
// They grew over time, one style per team member.
package dedup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
	"example.com/platform/internal/retry"
)

const ttl = 7 * 24 * time.Hour

var ErrDuplicate = errors.New("duplicate message")

// ProcessOnce runs fn unless the message was processed before.
func ProcessOnce(ctx context.Context, rdb redis.Cmdable, msgID string, fn func(context.Context) error) error {
	key := "dedup:msg:" + msgID
	n, err := rdb.Exists(ctx, key).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return ErrDuplicate
	}
	if err := fn(ctx); err != nil {
		return err
	}
	return rdb.Set(ctx, key, 1, ttl).Err() // BUG: checkthenact
}

// ClaimOnce is the fixed version: SET NX first, delete on failure.
func ClaimOnce(ctx context.Context, rdb redis.Cmdable, msgID string, fn func(context.Context) error) error {
	key := "dedup:msg:" + msgID
	ok, err := rdb.SetNX(ctx, key, 1, ttl).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	if err := fn(ctx); err != nil {
		rdb.Del(context.WithoutCancel(ctx), key)
		return err
	}
	return nil
}

// FastPathClaim avoids a write for the common duplicate with a cheap EXISTS,
// and still claims with SETNX.
func FastPathClaim(ctx context.Context, rdb redis.Cmdable, msgID string) (bool, error) {
	key := fmt.Sprintf("dedup:msg:%s", msgID)
	if n, err := rdb.Exists(ctx, key).Result(); err == nil && n > 0 {
		return false, nil
	}
	return rdb.SetNX(ctx, key, 1, ttl).Result()
}

// BatchSeen checks a batch of ids in one pipeline and marks the new ones.
func BatchSeen(ctx context.Context, rdb *redis.Client, ids []string) ([]string, error) {
	pipe := rdb.Pipeline()
	cmds := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.Get(ctx, "dedup:batch:"+id)
	}
	_, _ = pipe.Exec(ctx)
	var fresh []string
	for i, c := range cmds {
		if errors.Is(c.Err(), redis.Nil) {
			fresh = append(fresh, ids[i])
			rdb.Set(ctx, "dedup:batch:"+ids[i], "1", ttl) // AMBIG: checkthenact (real bug; key re-derived from ids[i] in a second loop)
		}
	}
	return fresh, nil
}

// SeenViaPipeline reads the marker and its TTL in one round trip, then marks.
func SeenViaPipeline(ctx context.Context, rdb *redis.Client, msgID string, fn func() error) error {
	key := "dedup:pipe:" + msgID
	pipe := rdb.Pipeline()
	get := pipe.Get(ctx, key)
	left := pipe.TTL(ctx, key)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if get.Err() == nil {
		slog.DebugContext(ctx, "duplicate", "ttl", left.Val())
		return ErrDuplicate
	}
	if err := fn(); err != nil {
		return err
	}
	return rdb.Set(ctx, key, "1", ttl).Err() // BUG: checkthenact
}

// BatchClaim claims a batch with SETNX in one pipeline.
func BatchClaim(ctx context.Context, rdb *redis.Client, ids []string) ([]string, error) {
	cmds, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, id := range ids {
			pipe.SetNX(ctx, "dedup:batch:"+id, "1", ttl)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var fresh []string
	for i, c := range cmds {
		if c.(*redis.BoolCmd).Val() {
			fresh = append(fresh, ids[i])
		}
	}
	return fresh, nil
}

// MarkInTx reads the marker and then writes marker and audit entry in one
// MULTI/EXEC. The MULTI makes the two writes atomic with each other, not with
// the GET before it.
func MarkInTx(ctx context.Context, rdb *redis.Client, msgID string) error {
	key := "dedup:tx:" + msgID
	if err := rdb.Get(ctx, key).Err(); err == nil {
		return ErrDuplicate
	} else if !errors.Is(err, redis.Nil) {
		return err
	}
	if err := effects.Notify(ctx, "orders", msgID); err != nil {
		return err
	}
	_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Set(ctx, key, "1", ttl) // BUG: checkthenact
		pipe.LPush(ctx, "audit:dedup", msgID)
		return nil
	})
	return err
}

// MarkWatched reads under WATCH and queues the write in the transaction; the
// EXEC fails if another client touched the key.
func MarkWatched(ctx context.Context, rdb *redis.Client, msgID string) error {
	key := "dedup:tx:" + msgID
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		if err := tx.Get(ctx, key).Err(); err == nil {
			return ErrDuplicate
		} else if !errors.Is(err, redis.Nil) {
			return err
		}
		_, err := tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, "1", ttl)
			return nil
		})
		return err
	}, key)
}

// MarkWatchedLeaky watches the key but writes through the client, outside the
// transaction: WATCH protects nothing here.
func MarkWatchedLeaky(ctx context.Context, rdb *redis.Client, msgID string) error {
	key := "dedup:watch:" + msgID
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Exists(ctx, key).Result()
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrDuplicate
		}
		return rdb.Set(ctx, key, "1", ttl).Err() // BUG: checkthenact
	}, key)
}

// checkAndMark is the Lua form of ProcessOnce's check.
var checkAndMark = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`)

func ScriptClaim(ctx context.Context, rdb redis.Scripter, msgID string) (bool, error) {
	n, err := checkAndMark.Run(ctx, rdb, []string{"dedup:lua:" + msgID}, 1, int(ttl.Seconds())).Int()
	return n == 1, err
}

// DeliverWithRetry checks the sent marker once and retries the send; the
// marker is written by the retried closure after a successful send.
func DeliverWithRetry(ctx context.Context, rdb *redis.Client, notificationID, to string) error {
	key := "dedup:notify:" + notificationID
	if n, _ := rdb.Exists(ctx, key).Result(); n > 0 {
		return nil
	}
	return retry.Do(ctx, 5, func() error {
		if err := effects.SendEmail(ctx, to, "notification"); err != nil {
			return err
		}
		return rdb.Set(ctx, key, "sent", ttl).Err() // BUG: checkthenact
	})
}

// LocalGuard serialises the check and the write with a mutex. That works for
// one process only; the key lives in Redis, shared by every replica.
type LocalGuard struct {
	mu  sync.Mutex
	rdb *redis.Client
}

func NewLocalGuard(rdb *redis.Client) *LocalGuard { return &LocalGuard{rdb: rdb} }

func (g *LocalGuard) Handle(ctx context.Context, msgID string, fn func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	key := "dedup:guard:" + msgID
	if g.rdb.Exists(ctx, key).Val() == 1 {
		return ErrDuplicate
	}
	if err := fn(); err != nil {
		return err
	}
	g.rdb.Set(ctx, key, "1", ttl) // BUG: checkthenact
	return nil
}

// Forward reads one key and writes another: the incoming id is checked in the
// inbox, the forwarded copy is recorded in the outbox.
func Forward(ctx context.Context, rdb *redis.Client, msgID string) error {
	if err := rdb.Get(ctx, "inbox:"+msgID).Err(); errors.Is(err, redis.Nil) {
		return nil
	}
	if err := effects.Notify(ctx, "forward", msgID); err != nil {
		return err
	}
	return rdb.Set(ctx, "outbox:"+msgID, "1", ttl).Err()
}

// Heartbeat always writes; the read only decides whether to log.
func Heartbeat(ctx context.Context, rdb *redis.Client, worker string) {
	key := "worker:hb:" + worker
	if err := rdb.Get(ctx, key).Err(); errors.Is(err, redis.Nil) {
		slog.InfoContext(ctx, "worker came up", "worker", worker)
	}
	rdb.Set(ctx, key, time.Now().Unix(), time.Minute)
}
