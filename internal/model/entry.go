package model

// This file is the table of at-least-once entry points: how each library hands a
// delivery to user code. A broker redelivers a message whose handling failed or
// timed out, a webhook provider retries a request that got no 2xx: code reached
// this way runs twice for one event, so its side effects need a dedup claim.

import (
	"go/types"
	"strings"
)

// EntryShape is how a library hands a delivery to user code.
type EntryShape uint8

const (
	// ReadLoop is a call that returns the next delivery (kafka-go ReadMessage, SQS
	// ReceiveMessage): the code after it handles the message.
	ReadLoop EntryShape = iota + 1
	// Callback is a registration whose func argument runs once per delivery (nats
	// Subscribe, Pub/Sub Receive, asynq HandleFunc, lambda.Start).
	Callback
	// Route is an HTTP route registration: its handler is an entry point when the
	// route is webhook-like.
	Route
	// Middleware is Use(mw...) on a router: a claiming middleware protects routes.
	Middleware
	// MessageChan is a delivery type: receiving a value of it from a channel
	// (ranging over amqp091 Consume's channel, sarama claim.Messages()) starts a
	// handler.
	MessageChan
	// HandlerMethod is a method that the library calls per delivery: Name with a
	// parameter of type Pkg.Recv (asynq ProcessTask(ctx, *asynq.Task)).
	HandlerMethod
	// HandlerParam is a delivery type that only the library passes to a handler:
	// a function taking it handles deliveries (Lambda's events.SQSEvent).
	HandlerParam
	// HTTPHandler is a framework's request type: a function taking it is an HTTP
	// handler, an entry point when it verifies a webhook or reads a provider's
	// delivery header.
	HTTPHandler
	// Group is a route group: routes registered on the router it returns get its
	// Pattern as a prefix and its middleware (from Handler on) runs before them
	// (gin's r.Group("/webhooks", claim)).
	Group
	// Subrouter is a route group handed to a func: routes registered on the
	// func's router parameter get the Pattern as a prefix (chi's r.Route("/hooks",
	// func(r chi.Router) {...})).
	Subrouter
)

// Entry is one row of the entry-point table.
type Entry struct {
	// Pkg, Recv, Name name the function or method (Recv "" for a package
	// function, "any" for every type of Pkg); for MessageChan, HandlerParam and
	// HTTPHandler, Recv is the type and Name is "".
	Pkg, Recv, Name string
	Shape           EntryShape
	// System is how messages name the entry point: "kafka consumer".
	System string
	// Handler is the argument carrying the handler func (Callback, Route,
	// Middleware), or No; HandlerVar says every argument from it on is one
	// (gin's POST(path, handlers...)).
	Handler    int
	HandlerVar bool
	// Pattern is the route pattern argument, or No (Route).
	Pattern int
	// Method is the HTTP method a Route's name implies ("POST", "GET"); "" when the
	// pattern says it (net/http "POST /hooks") or any method is served.
	Method string
	// Runs is the method an interface-typed handler value runs (ServeHTTP,
	// ProcessTask), or the handler method's name for HandlerMethod.
	Runs string
	// Inline says a Middleware applies only to routes registered on the router
	// the call returns (chi's r.With(mw).Post(...)), not to the router itself.
	Inline bool
}

// FullName is the entry's function or type, as Go tools print it.
func (e *Entry) FullName() string {
	r := Row{Pkg: e.Pkg, Recv: e.Recv, Name: e.Name}
	if e.Name == "" {
		return e.Pkg + "." + e.Recv
	}
	return r.FullName()
}

// entryTable indexes the entry rows of every library.
type entryTable struct {
	calls map[string]*Entry // pkg \x00 recv \x00 name, recv "any" for every type
	types map[string]*Entry // pkg \x00 type
}

// entries is built at init and read only.
var entries = newEntryTable(builtinLibraries)

func newEntryTable(libs []*Library) *entryTable {
	t := &entryTable{calls: map[string]*Entry{}, types: map[string]*Entry{}}
	for _, l := range libs {
		for i := range l.Entries {
			e := &l.Entries[i]
			switch e.Shape {
			case MessageChan, HandlerParam, HTTPHandler, HandlerMethod:
				t.types[e.Pkg+"\x00"+e.Recv] = e
			default:
				t.calls[e.Pkg+"\x00"+e.Recv+"\x00"+e.Name] = e
			}
		}
	}
	return t
}

// EntryCall returns the entry row of a called function (a read loop, a callback
// or route registration, a middleware Use), or nil.
func EntryCall(fn *types.Func) *Entry {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	pkg, recv := fn.Pkg().Path(), recvTypeName(fn)
	if e := entries.calls[pkg+"\x00"+recv+"\x00"+fn.Name()]; e != nil {
		return e
	}
	if recv != "" {
		return entries.calls[pkg+"\x00any\x00"+fn.Name()]
	}
	return nil
}

// EntryType returns the entry row of a type (a delivery received from a channel, a
// handler's parameter, a framework's request), pointers stripped, or nil.
func EntryType(t types.Type) *Entry {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil
	}
	return entries.types[n.Obj().Pkg().Path()+"\x00"+n.Obj().Name()]
}

// KnowsEntryPackage reports whether a package delivers messages or serves HTTP:
// the fast path of the passes that look for entry points.
func KnowsEntryPackage(path string) bool {
	for k := range entries.calls {
		if strings.HasPrefix(k, path+"\x00") {
			return true
		}
	}
	for k := range entries.types {
		if strings.HasPrefix(k, path+"\x00") {
			return true
		}
	}
	return false
}

// entry builds an entry row with no handler or pattern argument.
func entry(pkg, recv, name string, shape EntryShape, system string) Entry {
	return Entry{Pkg: pkg, Recv: recv, Name: name, Shape: shape, System: system, Handler: No, Pattern: No}
}

// callback is a registration whose argument h is the per-delivery handler.
func callback(pkg, recv, name string, h int, system string) Entry {
	e := entry(pkg, recv, name, Callback, system)
	e.Handler = h
	return e
}

// route is an HTTP route registration: pattern at p, handlers from h on.
func route(pkg, recv, name string, p, h int, variadic bool, method string) Entry {
	e := entry(pkg, recv, name, Route, "webhook handler")
	e.Pattern, e.Handler, e.HandlerVar, e.Method = p, h, variadic, method
	return e
}

// use is a router's middleware registration, middleware from argument h on.
func use(pkg, recv, name string, h int) Entry {
	e := entry(pkg, recv, name, Middleware, "")
	e.Handler, e.HandlerVar = h, true
	return e
}

// group is a route group: prefix at p, middleware from h on.
func group(pkg, recv, name string, p, h int) Entry {
	e := entry(pkg, recv, name, Group, "")
	e.Pattern, e.Handler, e.HandlerVar = p, h, true
	return e
}

// sideEffect builds a row for a call that a redelivery repeats.
func sideEffect(pkg, recv, name string, store Store, verb string) Row {
	return op(pkg, recv, name, Publish, store, verb)
}

// webhookWords are route words of webhook receivers: a provider retries a delivery
// that got no 2xx. PayPal calls its webhook an IPN.
var webhookWords = []string{"webhook", "webhooks", "hook", "hooks", "callback", "callbacks", "events",
	"notify", "notification", "notifications", "ipn"}

// notWebhookWords are route words of interactive flows that use the same words
// (an OAuth callback is a browser redirect, not a retried delivery).
var notWebhookWords = []string{"oauth", "oauth2", "auth", "login", "sso", "signin", "logout", "sse", "stream", "ws"}

// WebhookRoute reports whether an HTTP route pattern names a webhook receiver:
// "/webhooks/stripe", "POST /hooks/github", "/payments/callback", "/paypal/ipn".
// A GET route (by its Go 1.22 method prefix) is not one.
func WebhookRoute(pattern string) bool {
	method, path, ok := strings.Cut(strings.TrimSpace(pattern), " ")
	if !ok {
		method, path = "", method
	}
	if method != "" && !changesState(method) {
		return false
	}
	found := false
	for _, w := range routeWords(path) {
		if contains(notWebhookWords, w) {
			return false
		}
		if contains(webhookWords, w) || strings.HasSuffix(w, "webhook") || strings.HasSuffix(w, "webhooks") {
			found = true
		}
	}
	return found
}

// routeWords splits a path into lower-case words: "/stripe-webhook/{id}" ->
// stripe, webhook, id.
func routeWords(path string) []string {
	return strings.FieldsFunc(strings.ToLower(path), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// RouteMethodChanges reports whether a route registered with this HTTP method
// (gin's POST, "" for any) can receive a webhook delivery.
func RouteMethodChanges(method string) bool { return method == "" || changesState(method) }
