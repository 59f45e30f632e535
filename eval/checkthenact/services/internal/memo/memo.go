// Package memo holds in-process memoisation and dedup helpers.
package memo

import (
	"context"
	"sync"
	"time"
)

// Consumer registers one background consumer per topic.
type Consumer struct {
	started sync.Map // topic -> time.Time
	mu      sync.Mutex
	seen    sync.Map // message id -> struct{}
	spawn   func(ctx context.Context, topic string)
}

func NewConsumer(spawn func(ctx context.Context, topic string)) *Consumer {
	return &Consumer{spawn: spawn}
}

// Ensure starts the consumer for a topic if none runs; Load then Store races and
// can start two goroutines for one topic.
func (c *Consumer) Ensure(ctx context.Context, topic string) {
	if _, ok := c.started.Load(topic); ok {
		return
	}
	go c.spawn(ctx, topic)
	c.started.Store(topic, time.Now()) // BUG: checkthenact
}

// EnsureOnce uses LoadOrStore as the claim.
func (c *Consumer) EnsureOnce(ctx context.Context, topic string) {
	if _, loaded := c.started.LoadOrStore(topic, time.Now()); loaded {
		return
	}
	go c.spawn(ctx, topic)
}

// EnsureLocked does Load/Store under a mutex.
func (c *Consumer) EnsureLocked(ctx context.Context, topic string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.started.Load(topic); ok {
		return
	}
	go c.spawn(ctx, topic)
	c.started.Store(topic, time.Now())
}

// Handle processes an in-memory message once per id (dedup for a local fan-out).
func (c *Consumer) Handle(id string, process func() error) error {
	if _, dup := c.seen.Load(id); dup {
		return nil
	}
	if err := process(); err != nil {
		return err
	}
	c.seen.Store(id, struct{}{}) // BUG: checkthenact
	return nil
}

// Resolver memoises DNS-like lookups that are pure and cheap to repeat.
type Resolver struct {
	cache  sync.Map // host -> []string
	lookup func(string) []string
}

func NewResolver(lookup func(string) []string) *Resolver { return &Resolver{lookup: lookup} }

// Resolve is plain memoisation: a duplicate computation is harmless.
func (r *Resolver) Resolve(host string) []string {
	if v, ok := r.cache.Load(host); ok {
		return v.([]string)
	}
	addrs := r.lookup(host)
	r.cache.Store(host, addrs)
	return addrs
}

// Templates compiles templates once per name (LoadOrStore after compute).
type Templates struct {
	m       sync.Map
	compile func(string) (any, error)
}

func (t *Templates) Get(name string) (any, error) {
	if v, ok := t.m.Load(name); ok {
		return v, nil
	}
	v, err := t.compile(name)
	if err != nil {
		return nil, err
	}
	actual, _ := t.m.LoadOrStore(name, v)
	return actual, nil
}

// Stats keeps a per-key hit counter: Load, add, Store loses increments.
type Stats struct {
	hits sync.Map // key -> int
}

func (s *Stats) Hit(key string) {
	n := 0
	if v, ok := s.hits.Load(key); ok {
		n = v.(int)
	}
	s.hits.Store(key, n+1) // BUG: checkthenact
}

// Rename moves a value from an old key to a new key (different keys).
func (s *Stats) Rename(oldKey, newKey string) {
	if v, ok := s.hits.Load(oldKey); ok {
		s.hits.Store(newKey, v)
		s.hits.Delete(oldKey)
	}
}
