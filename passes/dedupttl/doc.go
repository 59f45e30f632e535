// Package dedupttl defines an Analyzer that reports a dedup marker or claim whose
// TTL is a constant shorter than the redelivery window: the marker is gone when
// the late retry arrives, and the retry is processed again.
package dedupttl

// Doc is the analyzer's documentation: its first line is the summary, the rest
// shows the mistake; the README section #dedupttl says the same at more length.
const Doc = `report dedup markers that expire before a late redelivery

Queues and webhook providers retry for hours to days (SQS up to the retention
period, Stripe for three days). A marker that expires sooner lets the late retry
through as if it were new:

	ok, _ := rdb.SetNX(ctx, "evt:"+id, 1, 10*time.Minute).Result() // reported

Keep dedup markers at least as long as the longest redelivery window
(-dedupttl.min, 24h by default). A bare integer where go-redis takes a
time.Duration is nanoseconds: SetNX(ctx, k, 1, 86400) expires after 86.4µs.

Checked: claims (SetNX, SET NX EX n, SetArgs{Mode: "NX", TTL: d}), markers written
after a check of the same key or under a key that says dedup, an EXPIRE right
after a marker, redigo "EX" n / "PX" n / SETEX, with a constant TTL; also a
constant TTL passed to a helper (in any package) that writes the marker with it,
or to a factory whose returned handler claims with it.

Not reported: TTLs that are not constants (configuration), TTLs of at least the
minimum, no expiry (0), cache-aside writes, locks (released on the same path, or
named lock/lease/leader and released in the package or naming no operation),
rate-limit and cooldown windows. A job lock that nothing releases
("job:lock:"+j.ID) is the job's dedup claim, and is checked.`
