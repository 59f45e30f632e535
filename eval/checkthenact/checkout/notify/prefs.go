package notify

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Prefs holds notification preferences; the mutex is process-local.
type Prefs struct {
	mu  sync.Mutex
	rdb redis.UniversalClient
}

// IncQuota: a process-local mutex does not protect a Redis key across replicas.
func (p *Prefs) IncQuota(ctx context.Context, user string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := "quota:" + user
	s, err := p.rdb.Get(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	n, _ := strconv.Atoi(s)
	return p.rdb.Set(ctx, key, n+1, 24*time.Hour).Err() // BUG: checkthenact
}

// IncQuotaLocked takes an inline SET NX lock around the read-modify-write.
func (p *Prefs) IncQuotaLocked(ctx context.Context, user, token string) error {
	key := "quota:" + user
	ok, err := p.rdb.SetNX(ctx, "lock:"+key, token, 5*time.Second).Result()
	if err != nil || !ok {
		return err
	}
	defer p.rdb.Del(ctx, "lock:"+key)
	s, err := p.rdb.Get(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	n, _ := strconv.Atoi(s)
	return p.rdb.Set(ctx, key, n+1, 24*time.Hour).Err() // correct: under SET NX lock
}

// Optin sets a flag unconditionally after a read used only for metrics.
func (p *Prefs) Optin(ctx context.Context, user string) error {
	key := "optin:" + user
	was, _ := p.rdb.Exists(ctx, key).Result()
	optinGauge.Add(1 - was)
	return p.rdb.Set(ctx, key, 1, 0).Err() // correct: not gated by the read
}

type gauge struct{ v int64 }

func (g *gauge) Add(n int64) { g.v += n }

var optinGauge = &gauge{}

// QuotaPipeline reads in a pipeline then increments with INCRBY.
func (p *Prefs) QuotaPipeline(ctx context.Context, users []string) error {
	cmds := make([]*redis.StringCmd, len(users))
	_, err := p.rdb.Pipelined(ctx, func(pl redis.Pipeliner) error {
		for i, u := range users {
			cmds[i] = pl.Get(ctx, "quota:"+u)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	for i, c := range cmds {
		if c.Err() == nil {
			continue
		}
		p.rdb.IncrBy(ctx, "quota:"+users[i], 0) // correct: INCRBY
	}
	return nil
}

// WelcomeOnce: HExists on the user hash then HSetNX of the same field.
func (p *Prefs) WelcomeOnce(ctx context.Context, user string) (bool, error) {
	key := "user:" + user
	has, err := p.rdb.HExists(ctx, key, "welcomed").Result()
	if err != nil || has {
		return false, err
	}
	return p.rdb.HSetNX(ctx, key, "welcomed", time.Now().Unix()).Result() // correct: HSETNX is the claim
}
