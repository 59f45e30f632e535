package ctamap

import (
	"sync"
	"time"
)

var paramMu sync.Mutex

// paramLoadThenStore is the seed shape on a *sync.Map parameter.
func paramLoadThenStore(seen *sync.Map, id string) {
	if _, ok := seen.Load(id); ok {
		return
	}
	handle(id)
	seen.Store(id, true) // want `Load then Store of .*\[id\] is not atomic`
}

// paramLoadOrStore claims in one step.
func paramLoadOrStore(seen *sync.Map, id string) {
	if _, loaded := seen.LoadOrStore(id, true); loaded {
		return
	}
	handle(id)
}

// paramMutexHeld holds one mutex across Load and Store.
func paramMutexHeld(seen *sync.Map, id string) {
	paramMu.Lock()
	defer paramMu.Unlock()
	if _, ok := seen.Load(id); ok {
		return
	}
	handle(id)
	seen.Store(id, true)
}

// paramMutexReleasedBetween unlocks between Load and Store.
func paramMutexReleasedBetween(seen *sync.Map, id string) {
	paramMu.Lock()
	_, ok := seen.Load(id)
	paramMu.Unlock()
	if ok {
		return
	}
	handle(id)
	paramMu.Lock()
	seen.Store(id, true) // want `Load then Store of .*\[id\] is not atomic`
	paramMu.Unlock()
}

// paramOtherMap checks one map and writes another.
func paramOtherMap(seen, failed *sync.Map, id string) {
	if _, ok := seen.Load(id); ok {
		return
	}
	handle(id)
	failed.Store(id, true)
}

// paramTimestamp stores time.Now() as the marker.
func paramTimestamp(seen *sync.Map, id string) bool {
	if _, ok := seen.Load(id); ok {
		return false
	}
	seen.Store(id, time.Now()) // want `Load then Store of .*\[id\] is not atomic`
	return true
}

// paramMemoize is cache-aside: computed value, nothing in between.
func paramMemoize(pages *sync.Map, key string) string {
	if v, ok := pages.Load(key); ok {
		return v.(string)
	}
	v := render(key)
	pages.Store(key, v)
	return v
}

// paramMemoizeMarker stores a constant marker instead of the computed value.
func paramMemoizeMarker(pages *sync.Map, key string) string {
	if _, ok := pages.Load(key); ok {
		return ""
	}
	v := render(key)
	pages.Store(key, struct{}{}) // want `Load then Store of .*\[key\] is not atomic`
	return v
}

// paramHitCount is a read-modify-write.
func paramHitCount(hits *sync.Map, key string) {
	n := 0
	if v, ok := hits.Load(key); ok {
		n = v.(int)
	}
	hits.Store(key, n+1) // want `read-modify-write of .*\[key\]`
}

// paramHitCountLocked guards the read-modify-write with a mutex.
func paramHitCountLocked(hits *sync.Map, key string) {
	paramMu.Lock()
	defer paramMu.Unlock()
	n := 0
	if v, ok := hits.Load(key); ok {
		n = v.(int)
	}
	hits.Store(key, n+1)
}
