package model

import (
	"go/constant"
	"go/types"
	"strings"
)

// Library is one library's adapter: what the model knows about it, declared in
// the library's own file (goredis.go, redigo.go, databasesql.go, pgx.go, sqlx.go,
// syncmap.go, locks.go). Adding a library is one file that declares a Library and
// an entry in builtinLibraries; the shared resolver (resolve.go) and the passes
// change only when the library's API has a shape no Dispatch describes yet.
type Library struct {
	// Name is how documentation names the library ("go-redis v9").
	Name string
	// Paths are the import paths of its packages.
	Paths []string
	// Rows are its operations; see Row. A row's Dispatch is the API's shape: one
	// method per command (Fixed), the command or SQL text as an argument, or a
	// statement prepared earlier.
	Rows []Row
	// Prepares are the functions that prepare a statement (db.Prepare(q)): later
	// calls on the statement run the query given there.
	Prepares []Prepare
	// ReadBack are methods of the library's command types that return the value
	// the command read, unchanged (go-redis cmd.Val(), cmd.Result()).
	ReadBack []string
	// Plumbing are methods and functions of the library that send no command of
	// their own: a connection taken from a pool or closed, a pipeline made or sent
	// (the commands queued in it are rows), a reply converted. Code that calls only
	// these besides its operations does no work a duplicate delivery repeats.
	Plumbing []string
	// Serializable recognizes the library's serializable isolation level.
	Serializable *Level
	// ErrorPackages are packages of the library whose errors say a unique key
	// was violated (pgconn.PgError Code 23505): code importing one may handle it.
	ErrorPackages []string
	// Entries are how the library hands an at-least-once delivery to user code
	// (entry.go): read loops, callbacks, routes, delivery types.
	Entries []Entry // Advice is what to write instead, for findings on Store (the first library
	// of a store that has advice speaks for it).
	Store  Store
	Advice *Advice
}

// Advice is the fix a finding suggests, in the library's own terms.
type Advice struct {
	Claim  string // instead of a check then a write: an atomic claim
	Incr   string // instead of a check then an increment
	Update string // instead of a read-modify-write
}

// wrapperAdvice is for a user's own wrappers (Store Other): their claim is theirs.
var wrapperAdvice = Advice{
	Claim:  "claim the key with one atomic set-if-absent call",
	Incr:   "claim the key with one atomic set-if-absent call",
	Update: "use INCRBY/HINCRBY, a Lua script or WATCH/MULTI",
}

// AdviceFor returns the advice for findings on store s. A store no library
// advises on gets go-redis's, the advice of the check-then-act rule's own example.
func AdviceFor(s Store) Advice {
	if s == Other {
		return wrapperAdvice
	}
	for _, l := range builtinLibraries {
		if l.Advice != nil && l.Store == s {
			return *l.Advice
		}
	}
	return *goRedisAdvice
}

// Prepare is a function that prepares a statement, in one of the library's
// Paths; Query is the argument (without the receiver) holding the SQL text.
type Prepare struct {
	Name  string
	Query int
}

// Level is an isolation level type ("database/sql.IsolationLevel") and whether a
// constant of it is serializable.
type Level struct {
	Type         string
	Serializable func(constant.Value) bool
}

// builtinLibraries are the adapters of the built-in model; their rows are added
// in this order (a later row for the same function wins).
var builtinLibraries = []*Library{
	goRedisV9Lib, goRedisV8Lib, redigoLib, databaseSQLLib, pgxLib, sqlxLib, syncLib, locksLib, sqlDriversLib, rueidisLib,
	gormLib, mongoLib, dynamoLib,
	kafkaGoLib, saramaLib, amqp091Lib, natsLib, sqsLib, lambdaLib, pubsubLib, asynqLib,
	netHTTPLib, ginLib, echoLib, chiLib, fiberLib, stripeLib, mailLib,
}

// libraryByPath is each built-in import path's library; built at init, read only.
var libraryByPath = func() map[string]*Library {
	m := map[string]*Library{}
	for _, l := range builtinLibraries {
		for _, p := range l.Paths {
			m[p] = l
		}
	}
	return m
}()

// LibraryPackage reports a package of a built-in library (go-redis, jetstream,
// gorm, net/http, ...): what its API does is what its adapter says, so its own
// bodies are not summarized for callers (jetstream's Msg.Ack publishes an ack
// reply inside the library; to the consumer that calls it, it is an ack).
//
// Its internal packages count too (go-redis/v9/internal/pool): what they do is
// the library's, reached through the API the adapter describes.
func LibraryPackage(path string) bool {
	if libraryByPath[path] != nil {
		return true
	}
	if first, _, _ := strings.Cut(path, "/"); standardLibrary[first] {
		return false // net/http/httptest is not net/http
	}
	for p := path; ; {
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		if p = p[:i]; libraryByPath[p] != nil {
			return true
		}
	}
}

// libraryOf returns the library that declares fn, or nil.
func libraryOf(fn *types.Func) *Library {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	return libraryByPath[fn.Pkg().Path()]
}

// builtinRows lists the known operations of every library.
func builtinRows() []Row {
	var rows []Row
	for _, l := range builtinLibraries {
		rows = append(rows, l.Rows...)
	}
	return rows
}

// op builds a row with every optional argument absent.
func op(pkg, recv, name string, kind Kind, store Store, verb string) Row {
	return Row{Pkg: pkg, Recv: recv, Name: name, Kind: kind, Store: store, Verb: verb,
		Key: No, Field: No, Value: No, TTL: No, Cmd: No, Args: No, Callback: No}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
