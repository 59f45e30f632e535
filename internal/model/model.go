// Package model is idemlint's knowledge of third-party APIs, one file per library
// (goredis.go, redigo.go, databasesql.go, pgx.go, sqlx.go, syncmap.go, locks.go,
// ...): for each known operation, identified by its types.Func, what it does to a
// shared store (check, write, atomic claim, script, lock, ...) and which argument is
// the key, the value and the TTL, plus the library's other facts (prepared
// statements, isolation levels, read-back accessors). Each file declares one Library
// (library.go); resolution against SSA is shared (resolve.go, sql.go).
//
// Passes never match API names themselves: they call Table.Resolve on a call site
// and get an Op back. Users add rows for their own wrappers through the run's
// configuration (the func flag of the effects analyzer, -checkthenact.func), which
// NewTable puts in a table of that run only.
package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/internal/sqlclass"
)

// Kind is what an operation does to the store, seen from a redelivered event.
type Kind uint8

const (
	Invalid Kind = iota
	// Read is a check: GET, EXISTS, SELECT ... WHERE key, sync.Map.Load.
	Read
	// Write stores a value without looking at what is there: SET, HSET, SADD,
	// INSERT without ON CONFLICT, sync.Map.Store. After a Read it is not atomic.
	Write
	// Incr changes a value atomically in the store (INCR, HINCRBY): never a lost
	// update, but still a non-atomic act when a separate read gates it.
	Incr
	// Claim is an atomic check-and-set: SETNX, SET NX, INSERT ... ON CONFLICT,
	// LoadOrStore. It is what a dedup should use.
	Claim
	// Atomic is a script or optimistic transaction that reads and writes in one
	// step: EVAL, Script.Run, WATCH/MULTI.
	Atomic
	// Delete removes a key (DEL, DELETE): idempotent.
	Delete
	// Lock acquires a lock (redsync, redislock, pg_advisory_lock, sync.Mutex):
	// a check and act both under it are serialized.
	Lock
	// Unlock releases a lock.
	Unlock
	// Publish is an outgoing side effect that a duplicate delivery repeats:
	// a broker publish, an outbound POST, LPUSH/XADD.
	Publish
)

var kindNames = [...]string{"invalid", "read", "write", "incr", "claim", "atomic", "delete", "lock", "unlock", "publish"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind is the inverse of Kind.String, for user configuration.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if i > 0 && n == strings.ToLower(s) {
			return Kind(i), nil
		}
	}
	return Invalid, fmt.Errorf("unknown kind %q (want one of %s)", s, strings.Join(kindNames[1:], ", "))
}

// Store is the kind of shared state an operation touches. A process-local mutex
// protects a Map but never a Redis or SQL key shared by replicas.
type Store uint8

const (
	Redis Store = iota + 1
	SQL
	Map
	Local // a process-local lock (sync.Mutex)
	Other // a user's wrapper or an outbound call
	// Broker is a message broker a publish goes to (Kafka, RabbitMQ, NATS, SQS, SNS,
	// Pub/Sub, a task queue): a redelivered message publishes again.
	Broker
	// HTTP is an outbound HTTP request that changes something (POST, PUT, PATCH).
	HTTP
	// Payment is a payment provider's API that moves money (a Stripe charge).
	Payment
	// Mail is an email or SMS sent through a known SDK.
	Mail
	Mongo  // MongoDB documents: a collection + filter fields
	Dynamo // DynamoDB items: a table + key attributes
)

// Records reports a store of records keyed by table and column (SQL, and the
// document and item stores put as SQL in record.go): a check there is a SELECT, an
// act an INSERT, and a unique key or a transaction can make them safe.
func (s Store) Records() bool { return s == SQL || s == Mongo || s == Dynamo }

// Dispatch says how the real operation is chosen at run time, for APIs that take the
// command as an argument.
type Dispatch uint8

const (
	Fixed        Dispatch = iota // the row's Kind
	RedisCommand                 // redigo Do("SET", key, ...): command name string at Cmd
	SQLQuery                     // Exec/Query(query, args...): SQL text at Cmd
	SQLStmt                      // (*sql.Stmt).Exec(args...): SQL text from the Prepare call
	SetArgsMode                  // go-redis SetArgs: a claim unless SetArgs.Mode is "" or "XX"
	SQLNamed                     // sqlx NamedExec(query, arg): one struct or map bound by name
	// RedisBuilder: the Redis command sent is built by the chain at argument Cmd
	// (rueidis c.Do(ctx, c.B().Set().Key(k).Value(v).Nx().Build()); chain.go).
	RedisBuilder
	// RecordChain: the operation is the receiver chain of a finisher (GORM); Value
	// is the record argument, Field an Update's column, Args the inline conditions.
	RecordChain
	// HTTPRequest: (*http.Client).Do(req) changes state when the request, built in
	// view by http.NewRequest(WithContext), has a POST, PUT or PATCH method.
	HTTPRequest
	// MongoCall: a MongoDB Collection method whose filter, document and options make
	// the statement (mongo.go).
	MongoCall
	// DynamoInput: a DynamoDB Client method whose input struct (argument Args)
	// makes the statement (dynamodb.go).
	DynamoInput
)

// No marks an argument a row does not have.
const No = -1

// Row describes one API operation. Argument indexes count the call's arguments
// without the receiver.
type Row struct {
	Pkg  string // import path of the package that declares the function or method
	Recv string // receiver type name without '*'; "" for package functions; "any" for every type in Pkg
	Name string // function or method name

	Kind     Kind
	Store    Store
	Verb     string // how messages name it: "GET", "SET", "INSERT", "Load"
	Dispatch Dispatch
	// Statement is the SQL statement a record store's call amounts to (GORM
	// Create, MongoDB InsertOne, DynamoDB PutItem are an INSERT), also when its
	// table or key cannot be seen and no statement text is assembled.
	Statement sqlclass.Verb

	Key      int  // argument carrying the key
	KeyVar   bool // the key is the first element of the variadic slice at Key
	Field    int  // hash field or set member, or No
	FieldVar bool // the field is the first element of the variadic slice at Field
	// PairValue says the variadic at Field holds field, value pairs (HSet): with
	// exactly one pair, its value is the value written.
	PairValue bool
	Value     int // value written, or No
	TTL       int // expiration, or No
	Cmd       int // command or SQL text, for dispatched rows
	Args      int // first argument of the command (variadic), for dispatched rows
	Callback  int // a func argument run by the call (Watch, TxPipelined), or No
	// Guarded says that ops inside Callback run in MULTI/EXEC when the receiver is
	// a go-redis *Tx, i.e. inside Watch: queued writes there are conditional on the
	// watched keys not having changed.
	Guarded bool
	// KeyField is the field of the argument at Value that carries an idempotency
	// key the receiver dedups on (stripe Params.IdempotencyKey, SQS FIFO
	// MessageDeduplicationId): a side effect that sets it is not repeated.
	KeyField string
	// KeyOptions are option functions (full names) that give the call such a key
	// (jetstream.WithMsgID, asynq.TaskID).
	KeyOptions []string
}

// FullName is the row's types.Func full name, as Go tools print it.
func (r *Row) FullName() string {
	switch r.Recv {
	case "":
		return r.Pkg + "." + r.Name
	case "any":
		return "(" + r.Pkg + ".*)." + r.Name
	}
	return "(" + r.Pkg + "." + r.Recv + ")." + r.Name
}

// ParseFuncRow parses a user's wrapper declaration, the form the func flag (and a
// config file's rows) take: FULLNAME=KIND[:key=N][:value=N][:ttl=N], e.g.
// "(*mycorp/cache.Store).Claim=claim:key=1" or "mycorp/dedup.Seen=read:key=1".
func ParseFuncRow(s string) (Row, error) {
	name, spec, ok := strings.Cut(s, "=")
	if !ok {
		return Row{}, fmt.Errorf("%q: want FULLNAME=KIND[:key=N][:value=N][:ttl=N]", s)
	}
	r := Row{Store: Other, Key: No, Field: No, Value: No, TTL: No, Cmd: No, Args: No, Callback: No}
	if err := parseFullName(strings.TrimSpace(name), &r); err != nil {
		return Row{}, err
	}
	parts := strings.Split(spec, ":")
	k, err := ParseKind(parts[0])
	if err != nil {
		return Row{}, fmt.Errorf("%q: %v", s, err)
	}
	r.Kind, r.Verb = k, r.Name
	for _, p := range parts[1:] {
		field, val, _ := strings.Cut(p, "=")
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return Row{}, fmt.Errorf("%q: bad argument index in %q", s, p)
		}
		switch field {
		case "key":
			r.Key = n
		case "value":
			r.Value = n
		case "ttl":
			r.TTL = n
		default:
			return Row{}, fmt.Errorf("%q: unknown option %q (want key, value or ttl)", s, field)
		}
	}
	return r, nil
}

// CheckFullName reports whether name is a function's full name as a user writes it
// in a flag or the configuration: pkg/path.Func, (*pkg/path.Type).Method or
// (pkg/path.Type).Method.
func CheckFullName(name string) error { return parseFullName(strings.TrimSpace(name), new(Row)) }

// parseFullName splits "(*pkg/path.T).M", "(pkg/path.T).M" or "pkg/path.F".
func parseFullName(s string, r *Row) error {
	if strings.HasPrefix(s, "(") {
		recv, name, ok := strings.Cut(s[1:], ").")
		if !ok || name == "" {
			return fmt.Errorf("%q: want (*pkg/path.Type).Method", s)
		}
		recv = strings.TrimPrefix(recv, "*")
		dot := strings.LastIndex(recv, ".")
		if dot <= 0 || dot == len(recv)-1 {
			return fmt.Errorf("%q: want (*pkg/path.Type).Method", s)
		}
		r.Pkg, r.Recv, r.Name = recv[:dot], recv[dot+1:], name
		return nil
	}
	dot := strings.LastIndex(s, ".")
	slash := strings.LastIndex(s, "/")
	if dot <= 0 || dot < slash || dot == len(s)-1 {
		return fmt.Errorf("%q: want pkg/path.Func or (*pkg/path.Type).Method", s)
	}
	r.Pkg, r.Name = s[:dot], s[dot+1:]
	return nil
}
