// Package coarsekey defines an Analyzer that reports an idempotency or dedup key
// built only from who acts and when (a user id and the calendar day), and a key
// minted fresh on every attempt where it must stay the same across retries.
package coarsekey

// Doc is the analyzer's documentation: its first line is the summary, the rest
// shows the mistake; the README section #coarsekey says the same at more length.
const Doc = `report idempotency keys built only from an actor and a clock bucket, or minted per attempt

A key made of the user id and the calendar day merges two different operations of
that user on that day (false conflicts, dropped work), and still misses a retry
that lands after midnight:

	key := "idem:" + userID + ":" + time.Now().Format("2006-01-02") // reported
	ok, _ := rdb.SetNX(ctx, key, 1, 24*time.Hour).Result()

Derive the key from the event, message or request id ("idem:" + evt.ID). The keys
checked are those of claims, dedup checks and dedup markers in a store, outgoing
Idempotency-Key-like headers, and SDK idempotency fields (stripe-go
Params.IdempotencyKey, SetIdempotencyKey, any IdempotencyKey field). A helper that
builds such a key is reported in the helper, once.

Also reported: a key minted fresh (uuid.New, time.Now().UnixNano(), rand) inside a
retry loop or a retried func around the call that uses it, or where an event,
message or operation id is at hand: every redelivery and every retry looks new.

Not reported: keys with any per-operation part, received keys, body hashes, keys
of unknown provenance, locks (a claim released on the same path), rate limits,
caches, keys minted once per operation and reused across retries.`
