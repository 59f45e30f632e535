// Struct-field sync.Map cases (c.seen.Load / c.seen.Store, also behind helper
// methods of the same type) and side effects between a miss and a memoizing Store.
package ctamap

import (
	"sync"
	"time"
)

// mutexReleasedBetween locks the Load and the Store separately: both goroutines pass
// the Load before either Stores.
func (c *Consumer) mutexReleasedBetween(id string) {
	c.mu.Lock()
	_, ok := c.seen.Load(id)
	c.mu.Unlock()
	if ok {
		return
	}
	handle(id)
	c.mu.Lock()
	c.seen.Store(id, true) // want `Load then Store of .*\[id\] is not atomic`
	c.mu.Unlock()
}

// memoizeWithSideEffect is memoize with a side effect between miss and Store:
// no longer plain cache-aside.
func (c *Cache) memoizeWithSideEffect(key string) string {
	if v, ok := c.pages.Load(key); ok {
		return v.(string)
	}
	v := render(key)
	notify(key)
	c.pages.Store(key, v) // want `Load then Store of .*\[key\] is not atomic`
	return v
}

// paramMemoizeWithSideEffect notifies between the miss and the Store.
func paramMemoizeWithSideEffect(m *sync.Map, key string) string {
	if v, ok := m.Load(key); ok {
		return v.(string)
	}
	v := render(key)
	notify(key)
	m.Store(key, v) // want `Load then Store of .*\[key\] is not atomic`
	return v
}

// loadThenStore is the seed shape: Load, handle, Store a marker.
func (c *Consumer) loadThenStore(id string) {
	if _, ok := c.seen.Load(id); ok {
		return
	}
	handle(id)
	c.seen.Store(id, true) // want `Load then Store of .*\[id\] is not atomic`
}

// storeTimestamp stores time.Now() as the marker: still a dedup marker, not a cached value.
func (c *Consumer) storeTimestamp(id string) bool {
	if _, ok := c.seen.Load(id); ok {
		return false
	}
	c.seen.Store(id, time.Now()) // want `Load then Store of .*\[id\] is not atomic`
	return true
}

// memoizeMarker stores a constant instead of the computed value: a marker, not a cache.
func (c *Cache) memoizeMarker(key string) string {
	if _, ok := c.pages.Load(key); ok {
		return ""
	}
	v := render(key)
	c.pages.Store(key, struct{}{}) // want `Load then Store of .*\[key\] is not atomic`
	return v
}

// hitCount is a read-modify-write: two goroutines load 3 and both store 4.
func (c *Cache) hitCount(key string) {
	n := 0
	if v, ok := c.hits.Load(key); ok {
		n = v.(int)
	}
	c.hits.Store(key, n+1) // want `read-modify-write of .*\[key\]`
}

// Deliver checks and marks through the helper methods.
func (d *Dispatcher) Deliver(id string) {
	if d.isDelivered(id) {
		return
	}
	notify(id)
	d.markDelivered(id) // want `Load \(in d\.isDelivered\) then Store \(in d\.markDelivered\) of .*\[id\] is not atomic`
}

type lockedCache struct {
	sync.Mutex
	m sync.Map
}

var typeCache lockedCache

// closureUnderParentLock is reflect's shape: the parent locks, then a closure does
// Load and Store; the mutex is held while the closure runs.
func closureUnderParentLock(key string, v string) string {
	typeCache.Lock()
	defer typeCache.Unlock()
	add := func() string {
		var all string
		if cur, ok := typeCache.m.Load(key); ok {
			all = cur.(string)
		}
		typeCache.m.Store(key, all+v)
		return all
	}
	return add()
}

// closureWithoutLock is the same closure with no lock: a lost update.
func closureWithoutLock(key string, v string) string {
	add := func() string {
		var all string
		if cur, ok := typeCache.m.Load(key); ok {
			all = cur.(string)
		}
		typeCache.m.Store(key, all+v) // want `read-modify-write of typeCache.m\[key\] \(Load then Store\)`
		return all
	}
	return add()
}

type subscriber struct {
	mu   sync.Mutex
	seen sync.Map
	sent sync.Map
}

func (s *subscriber) on(topic string, fn func(id string)) {}

func (s *subscriber) bump() {
	s.mu.Lock()
	defer s.mu.Unlock()
}

// start registers two handlers; the first locks inside itself, which protects
// nothing in the second.
func (s *subscriber) start() {
	s.on("a", func(id string) {
		s.mu.Lock()
		if _, dup := s.seen.Load(id); !dup {
			s.seen.Store(id, true)
		}
		s.mu.Unlock()
	})
	s.on("b", func(id string) {
		if _, ok := s.sent.Load(id); ok {
			return
		}
		s.sent.Store(id, true) // want `Load then Store of s.sent\[id\] is not atomic`
	})
}

// lockedByHelper calls a helper that locks and unlocks before the check: the
// mutex is not held across Load and Store.
func (s *subscriber) lockedByHelper(id string) {
	s.bump()
	if _, ok := s.sent.Load(id); ok {
		return
	}
	s.sent.Store(id, true) // want `Load then Store of s.sent\[id\] is not atomic`
}
