package model

// What a dedup key is made of, by the words that name its parts. A key built only
// from who acts (a user, an account, a tenant) and when (the calendar day) merges
// two different operations of one user on one day, and still misses a retry that
// lands after midnight; a key that carries the event's own id does neither. This
// file is the one table that says which names mean which: the provenance engine
// classifies every leaf of a key with it, the passes never match words themselves.

import (
	"strings"
	"unicode"
)

// Part is what one leaf of a key contributes to telling operations apart.
type Part uint8

const (
	// UnknownPart is a leaf nothing is known about: never taken as coarse.
	UnknownPart Part = iota
	// ConstPart is constant text (a prefix, a separator): it tells nothing apart.
	ConstPart
	// ActorPart is who acts: a user, account, customer, tenant id or an email.
	ActorPart
	// ClockPart is a time rounded to a minute or coarser: a calendar day, an hour.
	ClockPart
	// OperationPart is the identity of one operation: an event, message, request,
	// order or payment id, a received idempotency key, a hash of the whole body.
	OperationPart
	// FreshPart is made anew on every call: a UUID, time.Now to the nanosecond, rand.
	FreshPart
)

var partNames = [...]string{"unknown", "const", "actor", "clock", "operation", "fresh"}

func (p Part) String() string {
	if int(p) < len(partNames) {
		return partNames[p]
	}
	return "part?"
}

// actorWords name who acts. A name made of one of them (and maybe an id word) is
// an actor identity: userID, user_id, claims.Subject, customerEmail, tenant.
var actorWords = map[string]bool{
	"user": true, "usr": true, "account": true, "acct": true, "customer": true, "cust": true,
	"tenant": true, "member": true, "owner": true, "org": true, "organization": true,
	"organisation": true, "session": true, "email": true, "mail": true, "subject": true,
	"uid": true, "username": true, "login": true, "principal": true,
	"merchant": true, "workspace": true, "team": true, "client": true, "buyer": true,
	"seller": true, "shop": true, "profile": true, "player": true, "driver": true,
	"rider": true, "patient": true, "student": true, "employee": true, "phone": true,
}

// operationWords name one operation or its carrier: an id made of one of them is
// different for two different operations and the same for their retries.
var operationWords = map[string]bool{
	"event": true, "evt": true, "message": true, "msg": true, "delivery": true,
	"request": true, "req": true, "idempotency": true, "idem": true, "idempotent": true,
	"order": true, "payment": true, "charge": true, "invoice": true, "transaction": true,
	"txn": true, "reference": true, "ref": true, "transfer": true, "refund": true,
	"payout": true, "webhook": true, "dedup": true, "dedupe": true, "nonce": true,
	"operation": true, "op": true, "checkout": true, "booking": true, "reservation": true,
	"shipment": true, "submission": true, "intent": true, "job": true, "task": true,
	"offset": true, "receipt": true, "trip": true, "ticket": true, "subscription": true,
	"purchase": true, "withdrawal": true, "topup": true, "run": true, "execution": true, "deposit": true, "correlation": true,
}

// idWords say a name holds an identifier rather than an object. Twilio names
// every resource's id with "Sid" (MessageSid, CallSid, FaxSid, AccountSid).
var idWords = map[string]bool{"id": true, "ids": true, "uuid": true, "key": true, "guid": true, "no": true, "num": true, "number": true,
	"sid": true}

// Words splits an identifier or a constant into lower-case words: "userID",
// "user_id", "X-User-Id" and "userid" all give user, id.
func Words(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, splitID(strings.ToLower(string(cur)))...)
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) ||
			i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// splitID splits a lower-case word that glues a noun to "id" ("userid", "eventid").
func splitID(w string) []string {
	for _, suffix := range []string{"id", "ids", "uuid"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && (actorWords[stem] || operationWords[stem]) {
			return []string{stem, suffix}
		}
	}
	return []string{w}
}

// ClassifyName says what a value named name (a variable, a field, a parameter, a
// header or query parameter name) contributes to a key. An operation word wins
// over an actor word: userOrderID names an order.
func ClassifyName(name string) Part {
	words := withCompounds(Words(name))
	if len(words) == 1 && words[0] == "sub" {
		return ActorPart // a JWT's subject claim; in subID the word is a subscription
	}
	actor := false
	for _, w := range words {
		if operationWords[w] {
			return OperationPart
		}
		if actorWords[w] {
			actor = true
		}
	}
	if actor {
		return ActorPart
	}
	return UnknownPart
}

// namespaceWords name the fixed text a store wrapper puts before every key it is
// given (d.prefix + key, s.keyPrefix, c.namespace): set once when the wrapper is
// built, the same for every operation, so it tells no two operations apart.
var namespaceWords = map[string]bool{"prefix": true, "namespace": true, "ns": true, "keyspace": true}

// NamespaceName reports whether a struct field's name says it holds a key
// namespace: its last word is prefix, namespace, ns or keyspace (prefix,
// keyPrefix, redisNamespace, cachePrefix).
func NamespaceName(name string) bool {
	words := Words(name)
	return len(words) > 0 && namespaceWords[words[len(words)-1]]
}

// withCompounds adds to words each pair of neighbours written as one word:
// camel case splits one noun in two (TopUp, PayOut, CheckOut, WebHook, InFlight),
// and the tables list the noun (topup, payout, checkout, webhook, inflight).
func withCompounds(words []string) []string {
	out := append([]string(nil), words...)
	for i := 0; i+1 < len(words); i++ {
		out = append(out, words[i]+words[i+1])
	}
	return out
}

// IsIDName reports whether a field or variable name is a bare identifier (ID, Id,
// UUID, Key): what it identifies is named by the type or value that holds it.
func IsIDName(name string) bool {
	words := Words(name)
	return len(words) == 1 && idWords[words[0]]
}

// IdentifiedNoun returns the thing an id's name says it identifies, when the
// vocabulary does not know the noun: "alertID" and "FaxSid" give alert and fax;
// a bare id, a name without an id word, or an actor's or an operation's id
// (classified by ClassifyName) give "".
func IdentifiedNoun(name string) string {
	ws := Words(name)
	if len(ws) < 2 || !idWords[ws[len(ws)-1]] || ClassifyName(name) != UnknownPart {
		return ""
	}
	return ws[len(ws)-2]
}

// TextNames reports whether constant key text has noun among its words:
// "alert:" names alert, "wh:twilio:fax:" names fax.
func TextNames(text, noun string) bool {
	for _, w := range Words(text) {
		if w == noun {
			return true
		}
	}
	return false
}

// ActorNoun returns how a message names an actor leaf: "the user id", "the
// customer email".
func ActorNoun(name string) string {
	noun, what := "", "id"
	for _, w := range Words(name) {
		if actorWords[w] && noun == "" {
			noun = w
		}
		switch w {
		case "email", "mail":
			what = "email"
		case "name", "username", "login":
			what = "name"
		case "phone":
			what = "phone number"
		}
	}
	switch noun {
	case "", "uid", "sub", "subject", "principal", "username", "login":
		noun = "user"
	case "email", "mail":
		return "the email"
	case "phone":
		return "the phone number"
	case "usr":
		noun = "user"
	case "acct":
		noun = "account"
	case "cust":
		noun = "customer"
	case "org", "organisation":
		noun = "organization"
	}
	return "the " + noun + " " + what
}

// Purpose is what a key's own text says it is for.
type Purpose uint8

const (
	// Unsaid: the key's text says nothing.
	Unsaid Purpose = iota
	// ForDedup: "idem:", "dedup:", "processed:", "evt:", "webhook:": a marker that an
	// operation happened.
	ForDedup
	// ForLease: a lock, a lease, a leader election: held for a while, then released
	// or left to expire on purpose.
	ForLease
	// ForLimit: a rate limit, quota or cooldown window: short on purpose.
	ForLimit
	// ForCache: a cached copy of data.
	ForCache
)

var purposeWords = map[string]Purpose{
	"idem": ForDedup, "idempotency": ForDedup, "idempotent": ForDedup, "dedup": ForDedup, "dedupe": ForDedup,
	"processed": ForDedup, "seen": ForDedup, "handled": ForDedup, "done": ForDedup, "consumed": ForDedup,
	"evt": ForDedup, "event": ForDedup, "events": ForDedup, "msg": ForDedup, "message": ForDedup, "webhook": ForDedup,
	"delivery": ForDedup, "once": ForDedup, "charge": ForDedup, "payment": ForDedup, "order": ForDedup,
	"refund": ForDedup, "payout": ForDedup, "transfer": ForDedup, "invoice": ForDedup, "txn": ForDedup,
	"checkout": ForDedup, "topup": ForDedup, "deposit": ForDedup, "withdrawal": ForDedup, "req": ForDedup, "request": ForDedup, "inbox": ForDedup, "applied": ForDedup,
	"claim": ForDedup, "claimed": ForDedup, "mark": ForDedup, "markprocessed": ForDedup,
	"lock": ForLease, "locks": ForLease, "mutex": ForLease, "lease": ForLease, "leader": ForLease, "election": ForLease,
	"semaphore": ForLease, "sem": ForLease, "inflight": ForLease, "running": ForLease, "busy": ForLease,
	"rate": ForLimit, "ratelimit": ForLimit, "rl": ForLimit, "limit": ForLimit, "limiter": ForLimit, "throttle": ForLimit,
	"cooldown": ForLimit, "quota": ForLimit, "attempts": ForLimit, "otp": ForLimit, "resend": ForLimit,
	"cache": ForCache, "cached": ForCache, "session": ForCache, "token": ForCache, "profile": ForCache,
	// State kept per key is data too, not a marker that an operation happened.
	"status": ForCache, "state": ForCache, "last": ForCache, "current": ForCache, "hb": ForCache,
	"heartbeat": ForCache, "presence": ForCache, "online": ForCache, "counter": ForCache, "count": ForCache,
	"stats": ForCache, "metrics": ForCache, "progress": ForCache, "leaderboard": ForCache,
}

// KeyPurpose reads a key's constant text (or a helper's name). Lease, Limit and
// Cache words win over Dedup words: "lock:order:" is a lock on an order.
func KeyPurpose(text string) Purpose {
	best := Unsaid
	for _, w := range withCompounds(Words(text)) {
		p := purposeWords[w]
		if p > best {
			best = p
		}
	}
	return best
}

// doneWords say a key marks an operation as done, and name no thing: "idem:",
// "dedup:", "processed:". A key that says so can only ever match a repeat; one
// that names a thing ("order:"+uuid) may reserve a new order's id.
var doneWords = map[string]bool{
	"idem": true, "idempotency": true, "idempotent": true, "dedup": true, "dedupe": true,
	"processed": true, "seen": true, "handled": true, "done": true, "consumed": true,
	"once": true, "applied": true,
}

// MarksDone reports a key's constant text that says it marks an operation as done.
func MarksDone(text string) bool {
	if KeyPurpose(text) != ForDedup {
		return false // "lock:dedup:": a lock
	}
	for _, w := range Words(text) {
		if doneWords[w] {
			return true
		}
	}
	return false
}

// lifecycleWords name a step of an account's life that happens once per account
// by definition: a welcome bonus, a sign-up credit, an onboarding mail, a trial.
var lifecycleWords = map[string]bool{
	"welcome": true, "signup": true, "onboarding": true, "onboard": true, "trial": true,
	"activation": true, "activate": true, "registration": true, "referral": true,
}

// LifecycleStep reports a key's constant text that names such a step
// ("welcome:", "signup_bonus:"): keyed by the account alone, it is done once per
// account on purpose.
func LifecycleStep(text string) bool {
	for _, w := range withCompounds(Words(text)) {
		if lifecycleWords[w] {
			return true
		}
	}
	return false
}

// KeyNamePurpose reads what a helper's name says its key is for, from the head of
// the name: the word (or camel-case compound) right before a final "Key", as in
// IdempotencyKey, ChargeKey, TopUpKey. Words before the head only qualify it:
// GetUserGlobalRecvMsgOptKey returns the key of a user's receive-message option
// (cached data), not of a message, so "msg" makes it no dedup key builder.
// A name that does not end in "Key" says nothing.
func KeyNamePurpose(name string) Purpose {
	words := Words(name)
	n := len(words)
	if n < 2 || words[n-1] != "key" {
		return Unsaid
	}
	head := []string{words[n-2]}
	if n >= 3 {
		head = append(head, words[n-3]+words[n-2])
	}
	best := Unsaid
	for _, w := range head {
		if p := purposeWords[w]; p > best {
			best = p
		}
	}
	return best
}

// SetsIfAbsent reports whether a claim writes its key only when it is absent
// (SETNX, SET NX, HSETNX, MSETNX, LoadOrStore, INSERT ... ON CONFLICT DO NOTHING):
// what a dedup claims with. GETSET, GETDEL, Swap and compare-and-swap are atomic
// too, but they replace or take a value that is there: state, not a marker.
func SetsIfAbsent(verb string, store Store) bool {
	switch store {
	case Redis:
		switch verb {
		case "SETNX", "SET NX", "HSETNX", "MSETNX":
			return true
		}
	case Map:
		return verb == "LoadOrStore"
	case SQL:
		return verb == "INSERT"
	case Other:
		return true // a row declared claim (-checkthenact.func, a config file): the team's own set-if-absent
	}
	return false
}
