// Package memo has in-process caches and counters on sync.Map.
package memo

import (
	"sync"
	"sync/atomic"
	"text/template"
)

// Templates caches parsed templates; parsing is pure, so a duplicate parse is harmless.
type Templates struct {
	m     sync.Map // name -> *template.Template
	parse func(name string) (*template.Template, error)
}

// NewTemplates returns a Templates cache.
func NewTemplates(parse func(string) (*template.Template, error)) *Templates {
	return &Templates{parse: parse}
}

// Get returns the parsed template, parsing it on first use (cache-aside).
func (t *Templates) Get(name string) (*template.Template, error) {
	if v, ok := t.m.Load(name); ok {
		return v.(*template.Template), nil
	}
	tpl, err := t.parse(name)
	if err != nil {
		return nil, err
	}
	t.m.Store(name, tpl)
	return tpl, nil
}

// HitCounter counts hits per route for the debug page.
type HitCounter struct {
	m sync.Map // route -> int
}

// Hit counts one request; called from every HTTP handler goroutine.
func (h *HitCounter) Hit(route string) {
	n := 0
	if v, ok := h.m.Load(route); ok {
		n = v.(int)
	}
	h.m.Store(route, n+1) // BUG: checkthenact
}

// AtomicCounter counts with a *atomic.Int64 per key.
type AtomicCounter struct {
	m sync.Map // key -> *atomic.Int64
}

// Add adds delta to key.
func (a *AtomicCounter) Add(key string, delta int64) int64 {
	v, ok := a.m.Load(key)
	if !ok {
		v, _ = a.m.LoadOrStore(key, new(atomic.Int64))
	}
	return v.(*atomic.Int64).Add(delta)
}

// CASCounter counts with CompareAndSwap on immutable ints.
type CASCounter struct {
	m sync.Map
}

// Inc increments key.
func (c *CASCounter) Inc(key string) int {
	for {
		v, loaded := c.m.LoadOrStore(key, 1)
		if !loaded {
			return 1
		}
		n := v.(int)
		if c.m.CompareAndSwap(key, n, n+1) {
			return n + 1
		}
	}
}

// Seen is an in-process dedup of message ids for the websocket fan-out.
type Seen struct {
	m sync.Map
}

// FirstTime reports whether id was not seen before, atomically.
func (s *Seen) FirstTime(id string) bool {
	_, loaded := s.m.LoadOrStore(id, struct{}{})
	return !loaded
}

// SeenLegacy is the older version used by the SSE endpoint.
type SeenLegacy struct {
	m sync.Map
}

// Deliver sends each id once to the subscribers (called from one goroutine per upstream shard).
func (s *SeenLegacy) Deliver(id string, send func()) {
	if _, ok := s.m.Load(id); ok {
		return
	}
	send()
	s.m.Store(id, struct{}{}) // BUG: checkthenact
}

// Guarded keeps per-tenant settings with a mutex around read-modify-write.
type Guarded struct {
	mu sync.Mutex
	m  sync.Map // tenant -> map[string]string (copy-on-write)
}

// SetOption changes one option of a tenant.
func (g *Guarded) SetOption(tenant, k, v string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	old := map[string]string{}
	if cur, ok := g.m.Load(tenant); ok {
		old = cur.(map[string]string)
	}
	next := make(map[string]string, len(old)+1)
	for kk, vv := range old {
		next[kk] = vv
	}
	next[k] = v
	g.m.Store(tenant, next)
}

// Options returns a tenant's options (read-only copy-on-write snapshot).
func (g *Guarded) Options(tenant string) map[string]string {
	if cur, ok := g.m.Load(tenant); ok {
		return cur.(map[string]string)
	}
	return nil
}

// Aliases maps an old route to a new one; renames write the alias under the new name.
type Aliases struct {
	m sync.Map
}

// Rename records that from is now to, pointing the new name at the old target.
func (a *Aliases) Rename(from, to string) {
	if target, ok := a.m.Load(from); ok {
		a.m.Store(to, target)
	}
}
