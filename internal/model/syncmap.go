package model

// sync: sync.Map is an in-process store (Load then Store races like GET then SET),
// and sync.Mutex a process-local lock: it serializes a check and act on a map of
// this process, never on a store that other replicas share.

import "go/types"

var syncLib = &Library{Name: "sync", Paths: []string{"sync"}, Rows: syncRows(), Store: Map, Advice: &Advice{
	Claim:  "claim the key with LoadOrStore",
	Incr:   "claim the key with LoadOrStore",
	Update: "use CompareAndSwap or guard both with a mutex",
}}

func syncRows() []Row {
	m := func(name string, kind Kind, verb string, value int) Row {
		r := op("sync", "Map", name, kind, Map, verb)
		r.Key, r.Value = 0, value
		return r
	}
	return []Row{
		m("Load", Read, "Load", No),
		m("Store", Write, "Store", 1),
		m("LoadOrStore", Claim, "LoadOrStore", 1),
		m("LoadAndDelete", Claim, "LoadAndDelete", No),
		m("Swap", Claim, "Swap", 1),
		m("CompareAndSwap", Claim, "CompareAndSwap", 2),
		m("CompareAndDelete", Claim, "CompareAndDelete", No),
		m("Delete", Delete, "Delete", No),

		lock("sync", "Mutex", "Lock", Lock, Local),
		lock("sync", "Mutex", "TryLock", Lock, Local),
		lock("sync", "RWMutex", "Lock", Lock, Local),
		lock("sync", "Mutex", "Unlock", Unlock, Local),
		lock("sync", "RWMutex", "Unlock", Unlock, Local),
	}
}

// lock is a row that takes or releases a lock, named in messages by its method.
func lock(pkg, recv, name string, kind Kind, store Store) Row {
	return op(pkg, recv, name, kind, store, name)
}

// StoreByTypeOnly reports a package that every program imports for other reasons
// (sync, for its mutexes): importing it says nothing, using its store type does.
func StoreByTypeOnly(path string) bool { return path == "sync" }

// IsStoreType reports the store type of such a package: sync.Map.
func IsStoreType(obj types.Object) bool {
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "sync" && obj.Name() == "Map"
}
