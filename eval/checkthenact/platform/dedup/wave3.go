package dedup

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/bsm/redislock"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

// Inbox mixes a helper check with a direct write.
type Inbox struct {
	rdb    *redis.Client
	locker *redislock.Client
	seen   sync.Map
}

func NewInbox(rdb *redis.Client) *Inbox { return &Inbox{rdb: rdb, locker: redislock.New(rdb)} }

func (i *Inbox) delivered(ctx context.Context, id string) bool {
	return i.rdb.Exists(ctx, "inbox:"+id).Val() > 0
}

// Accept checks through a helper and writes directly.
func (i *Inbox) Accept(ctx context.Context, id, to string) error {
	if i.delivered(ctx, id) {
		return nil
	}
	if err := effects.SendEmail(ctx, to, "inbox"); err != nil {
		return err
	}
	return i.rdb.SetEx(ctx, "inbox:"+id, "1", 48*time.Hour).Err() // BUG: checkthenact
}

func (i *Inbox) obtain(ctx context.Context, id string) (*redislock.Lock, error) {
	return i.locker.Obtain(ctx, "lock:inbox:"+id, 30*time.Second, &redislock.Options{
		RetryStrategy: redislock.LimitRetry(redislock.LinearBackoff(100*time.Millisecond), 10),
	})
}

// AcceptLocked obtains the lock through a helper and releases it by defer.
func (i *Inbox) AcceptLocked(ctx context.Context, id, to string) error {
	lock, err := i.obtain(ctx, id)
	if err != nil {
		return err
	}
	defer lock.Release(context.WithoutCancel(ctx))
	if i.delivered(ctx, id) {
		return nil
	}
	if err := effects.SendEmail(ctx, to, "inbox"); err != nil {
		return err
	}
	return i.rdb.SetEx(ctx, "inbox:"+id, "1", 48*time.Hour).Err()
}

// Spend checks the monthly quota and then adds to it.
func (i *Inbox) Spend(ctx context.Context, tenant string, n, limit int64) error {
	key := "inbox:quota:" + tenant
	used, err := i.rdb.Get(ctx, key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if used+n > limit {
		return errors.New("quota exceeded")
	}
	return i.rdb.IncrBy(ctx, key, n).Err() // BUG: checkthenact
}

// SpendAtomic adds first and rolls back when over the limit.
func (i *Inbox) SpendAtomic(ctx context.Context, tenant string, n, limit int64) error {
	key := "inbox:quota:" + tenant
	used, err := i.rdb.IncrBy(ctx, key, n).Result()
	if err != nil {
		return err
	}
	if used > limit {
		i.rdb.DecrBy(ctx, key, n)
		return errors.New("quota exceeded")
	}
	return nil
}

// SpendField is Spend on a hash field.
func (i *Inbox) SpendField(ctx context.Context, tenant string, n, limit int64) error {
	used, _ := i.rdb.HGet(ctx, "inbox:quotas", tenant).Int64()
	if used+n > limit {
		return errors.New("quota exceeded")
	}
	return i.rdb.HIncrBy(ctx, "inbox:quotas", tenant, n).Err() // BUG: checkthenact
}

// Hook is the echo handler for inbound mail events; it dedups in-process and
// records the id when the handler returns.
func (i *Inbox) Hook(c echo.Context) error {
	id := c.Request().Header.Get("X-Message-Id")
	if _, dup := i.seen.Load(id); dup {
		return c.NoContent(http.StatusOK)
	}
	defer i.seen.Store(id, time.Now()) // BUG: checkthenact
	if err := effects.Notify(c.Request().Context(), "mail", id); err != nil {
		return echo.NewHTTPError(http.StatusBadGateway)
	}
	return c.NoContent(http.StatusOK)
}

// HookClaimed claims with LoadOrStore and forgets the id if handling fails.
func (i *Inbox) HookClaimed(c echo.Context) error {
	id := c.Request().Header.Get("X-Message-Id")
	if _, dup := i.seen.LoadOrStore(id, time.Now()); dup {
		return c.NoContent(http.StatusOK)
	}
	if err := effects.Notify(c.Request().Context(), "mail", id); err != nil {
		i.seen.Delete(id)
		return echo.NewHTTPError(http.StatusBadGateway)
	}
	return c.NoContent(http.StatusOK)
}
