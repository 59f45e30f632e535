package idempotency

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache is the first version: look up, run, store.
type Cache struct {
	rdb redis.Cmdable
	ttl time.Duration
}

func NewCache(rdb redis.Cmdable, ttl time.Duration) *Cache { return &Cache{rdb: rdb, ttl: ttl} }

func (m *Cache) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" || r.Method == http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		ck := "idem:resp:" + key
		if raw, err := m.rdb.Get(r.Context(), ck).Bytes(); err == nil && replay(w, raw) {
			return
		}
		rec := newRecorder(w)
		next.ServeHTTP(rec, r)
		m.rdb.Set(r.Context(), ck, rec.encode(), m.ttl) // BUG: checkthenact
	})
}

// Locking is the second version: a lock key claimed with SET NX serialises
// requests that share an Idempotency-Key; the response is stored under its own
// key while the lock is held.
type Locking struct {
	rdb redis.Cmdable
	ttl time.Duration
}

func NewLocking(rdb redis.Cmdable, ttl time.Duration) *Locking { return &Locking{rdb: rdb, ttl: ttl} }

func (m *Locking) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		lockKey := "idem:lock:" + key
		got, err := m.rdb.SetNX(ctx, lockKey, "1", time.Minute).Result()
		if err != nil || !got {
			http.Error(w, "a request with this Idempotency-Key is in progress", http.StatusConflict)
			return
		}
		defer m.rdb.Del(context.WithoutCancel(ctx), lockKey)
		ck := "idem:resp:" + key
		if raw, err := m.rdb.Get(ctx, ck).Bytes(); err == nil && replay(w, raw) {
			return
		}
		rec := newRecorder(w)
		next.ServeHTTP(rec, r)
		m.rdb.Set(ctx, ck, rec.encode(), m.ttl) // AMBIG: checkthenact (correct: under a SETNX lock on another key; not a listed lock)
	})
}

// reserve is the Lua form: reserve the key if absent, or return what is there.
var reserve = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], 'processing', 'EX', ARGV[1])
return false
`)

// Scripted reserves the key atomically and overwrites the placeholder with the
// final response.
type Scripted struct {
	rdb redis.Cmdable
	ttl time.Duration
}

func NewScripted(rdb redis.Cmdable, ttl time.Duration) *Scripted {
	return &Scripted{rdb: rdb, ttl: ttl}
}

func (m *Scripted) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		ck := "idem:resp:" + key
		prev, err := reserve.Run(ctx, m.rdb, []string{ck}, 60).Text()
		if err == nil {
			if prev == "processing" || !replay(w, []byte(prev)) {
				http.Error(w, "in progress", http.StatusConflict)
			}
			return
		}
		if err != redis.Nil {
			http.Error(w, "idempotency store unavailable", http.StatusServiceUnavailable)
			return
		}
		rec := newRecorder(w)
		next.ServeHTTP(rec, r)
		m.rdb.Set(ctx, ck, rec.encode(), m.ttl)
	})
}
