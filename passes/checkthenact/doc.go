// Package checkthenact defines an Analyzer that reports a read of a shared-store key
// whose result decides a later write of the same key, in two round trips: two
// deliveries of one event both pass the check and both act.
package checkthenact

// Doc is the analyzer's documentation: its first line is the summary, the rest
// shows the mistake; the README section #checkthenact says the same at more length.
const Doc = `report non-atomic check-then-act on a shared store (Redis, SQL, sync.Map)

A dedup that checks a key and then writes it is not atomic: two deliveries of the
same event both see "not processed" and both act.

	if rdb.Exists(ctx, "evt:"+id).Val() > 0 { return nil } // check
	charge(order)
	rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour)               // act: reported

Claim the key instead: ok, err := rdb.SetNX(ctx, "evt:"+id, 1, 24*time.Hour).Result().
The same holds for SELECT then INSERT (use INSERT ... ON CONFLICT DO NOTHING),
sync.Map Load then Store (use LoadOrStore), and for a read-modify-write
(GET, compute, SET a value derived from the read: use INCRBY or a Lua script).

Not reported: SETNX / SET NX / SetArgs{Mode: "NX"}, Lua scripts, Watch
transactions, INSERT ... ON CONFLICT, unique-violation handling, LoadOrStore,
check and act under a held distributed lock (or a sync.Mutex for sync.Map),
different keys, and plain cache-aside (GET miss, load, SET that value).`
