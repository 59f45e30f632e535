package ctamap

import (
	"fmt"
	"sync"
)

// printOnce dedups a report within one call: the map is a local nothing else
// holds, so only this goroutine touches it, whatever goroutine feeds the channel.
func printOnce(rows <-chan string) {
	var printed sync.Map
	for id := range rows {
		if _, ok := printed.Load(id); ok {
			continue
		}
		fmt.Println(id)
		printed.Store(id, true)
	}
}

// printOnceFed is printOnce that starts its own producer: the producer never sees
// the map.
func printOnceFed(ids []string) {
	rows := make(chan string)
	go func() {
		defer close(rows)
		for _, id := range ids {
			rows <- id
		}
	}()
	var printed sync.Map
	for id := range rows {
		if _, ok := printed.Load(id); ok {
			continue
		}
		fmt.Println(id)
		printed.Store(id, true)
	}
}

// printOnceShared is printOnceFed whose producer also writes the map: two
// goroutines store.
func printOnceShared(ids []string) {
	rows := make(chan string)
	var printed sync.Map
	go func() {
		defer close(rows)
		for _, id := range ids {
			printed.Store("last", id)
			rows <- id
		}
	}()
	for id := range rows {
		if _, ok := printed.Load(id); ok {
			continue
		}
		charge(id)
		printed.Store(id, true) // want `Load then Store of printed\[.*\] is not atomic`
	}
}

// printOnceDropped is printOnceShared whose producer only deletes: a Delete
// cannot make two checks both miss and act, so the loop is the map's one writer.
func printOnceDropped(ids []string) {
	rows := make(chan string)
	var printed sync.Map
	go func() {
		defer close(rows)
		for _, id := range ids {
			printed.Delete(id)
			rows <- id
		}
	}()
	for id := range rows {
		if _, ok := printed.Load(id); ok {
			continue
		}
		charge(id)
		printed.Store(id, true)
	}
}

// track hands a map to someone else.
func track(m *sync.Map) { go m.Range(func(k, v any) bool { return true }) }

// printOncePassed gives the map to a callee: it may share it.
func printOncePassed(ids []string) {
	var printed sync.Map
	track(&printed)
	for _, id := range ids {
		if _, ok := printed.Load(id); ok {
			continue
		}
		charge(id)
		printed.Store(id, true) // want `Load then Store of printed\[.*\] is not atomic`
	}
}
