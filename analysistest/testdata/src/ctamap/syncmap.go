// Package ctamap holds checkthenact cases for sync.Map: Load then Store of one key is
// two steps, LoadOrStore is one.
package ctamap

import (
	"sync"
	"time"
)

func handle(string)        {}
func render(string) string { return "" }
func notify(string)        {}

// Consumer dedups deliveries in process.
type Consumer struct {
	seen   sync.Map // event id -> time processed
	failed sync.Map // event id -> last error
	mu     sync.Mutex
}

// loadOrStore claims the id in one step.
func (c *Consumer) loadOrStore(id string) {
	if _, loaded := c.seen.LoadOrStore(id, true); loaded {
		return
	}
	handle(id)
}

// mutexAcrossBoth holds a sync.Mutex across Load and Store: enough for an in-process map.
func (c *Consumer) mutexAcrossBoth(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen.Load(id); ok {
		return
	}
	handle(id)
	c.seen.Store(id, true)
}

// otherMapField checks seen but writes failed.
func (c *Consumer) otherMapField(id string, err error) {
	if _, ok := c.seen.Load(id); ok {
		return
	}
	handle(id)
	c.failed.Store(id, err)
}

// otherKey checks the id but stores a derived key.
func (c *Consumer) otherKey(id string) {
	if _, ok := c.seen.Load(id); ok {
		return
	}
	handle(id)
	c.seen.Store(id+":retry", true)
}

// storeTimestampLoadOrStore is storeTimestamp with LoadOrStore.
func (c *Consumer) storeTimestampLoadOrStore(id string) bool {
	_, loaded := c.seen.LoadOrStore(id, time.Now())
	return !loaded
}

// Cache memoizes renders.
type Cache struct {
	pages sync.Map
	hits  sync.Map
}

// memoize is cache-aside: miss, compute, Store the computed value, nothing in between.
func (c *Cache) memoize(key string) string {
	if v, ok := c.pages.Load(key); ok {
		return v.(string)
	}
	v := render(key)
	c.pages.Store(key, v)
	return v
}

// hitCountCAS retries with CompareAndSwap: atomic.
func (c *Cache) hitCountCAS(key string) {
	for {
		v, ok := c.hits.Load(key)
		if !ok {
			if _, loaded := c.hits.LoadOrStore(key, 1); !loaded {
				return
			}
			continue
		}
		if c.hits.CompareAndSwap(key, v, v.(int)+1) {
			return
		}
	}
}

var countMu sync.Mutex

// hitCountLocked guards Load and Store with one mutex.
func (c *Cache) hitCountLocked(key string) {
	countMu.Lock()
	defer countMu.Unlock()
	n := 0
	if v, ok := c.hits.Load(key); ok {
		n = v.(int)
	}
	c.hits.Store(key, n+1)
}

var processed sync.Map

// packageVar uses a package-level sync.Map.
func packageVar(id string) {
	if _, ok := processed.Load(id); ok {
		return
	}
	handle(id)
	processed.Store(id, struct{}{}) // want `Load then Store of .*\[id\] is not atomic`
}

// packageVarOtherKey checks one key and stores another.
func packageVarOtherKey(id, deliveryID string) {
	if _, ok := processed.Load(id); ok {
		return
	}
	handle(id)
	processed.Store(deliveryID, struct{}{})
}

// Dispatcher hides its sync.Map behind methods of the same type.
type Dispatcher struct {
	delivered sync.Map
	errors    sync.Map
}

func (d *Dispatcher) isDelivered(id string) bool {
	_, ok := d.delivered.Load(id)
	return ok
}

func (d *Dispatcher) markDelivered(id string) {
	d.delivered.Store(id, time.Now())
}

func (d *Dispatcher) markFailed(id string) {
	d.errors.Store(id, time.Now())
}

func (d *Dispatcher) claim(id string) bool {
	_, loaded := d.delivered.LoadOrStore(id, time.Now())
	return !loaded
}

// DeliverClaim uses the LoadOrStore helper.
func (d *Dispatcher) DeliverClaim(id string) {
	if !d.claim(id) {
		return
	}
	notify(id)
}

// DeliverOtherField checks delivered but marks errors.
func (d *Dispatcher) DeliverOtherField(id string) {
	if d.isDelivered(id) {
		return
	}
	notify(id)
	d.markFailed(id)
}
