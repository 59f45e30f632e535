package model

// Distributed locks on Redis: go-redsync (Mutex.Lock/Unlock) and bsm/redislock
// (Obtain/Release). A check and act both under one are serialized across replicas.

const (
	redsync   = "github.com/go-redsync/redsync/v4"
	redislock = "github.com/bsm/redislock"
)

var locksLib = &Library{Name: "redsync, redislock", Paths: []string{redsync, redislock}, Rows: []Row{
	lock(redsync, "Mutex", "Lock", Lock, Redis),
	lock(redsync, "Mutex", "LockContext", Lock, Redis),
	lock(redsync, "Mutex", "TryLock", Lock, Redis),
	lock(redsync, "Mutex", "TryLockContext", Lock, Redis),
	lock(redsync, "Mutex", "Unlock", Unlock, Redis),
	lock(redsync, "Mutex", "UnlockContext", Unlock, Redis),
	lock(redislock, "Client", "Obtain", Lock, Redis),
	lock(redislock, "", "Obtain", Lock, Redis),
	lock(redislock, "Lock", "Release", Unlock, Redis),
}}
