// Package store is this module's own process-local dedup map.
package store

import "sync"

// Seen remembers processed ids.
type Seen struct{ m sync.Map }

// Has reports whether id was processed.
func (s *Seen) Has(id string) bool {
	_, ok := s.m.Load(id)
	return ok
}

// Put marks id processed.
func (s *Seen) Put(id string) { s.m.Store(id, true) }
