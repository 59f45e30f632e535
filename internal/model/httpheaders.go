package model

// HTTP headers: net/http (and httptest), gin, echo, chi, fiber and resty. Which
// calls read a received header or set one to send, by name, and where a header
// value comes from (the request being served, a request being built, a response).
// gRPC metadata is in grpcmetadata.go.

import "go/types"

// The frameworks' import paths are in their own files (nethttp.go, gin.go, echo.go,
// fiber.go, chi.go); these are only header APIs.
const (
	httptest  = "net/http/httptest"
	restyPkg  = "github.com/go-resty/resty/v2"
	headerFld = "Header" // the headers field of http.Request, http.Response, resty.Request
)

// HeaderPackages are the import paths of the header APIs: a package importing
// none of them (nor a wrapper of them) has no header accesses.
var HeaderPackages = []string{netHTTP, ginPkg, echoPkg, fiberPkg, restyPkg, grpcMetadata, chiPkg}

// HeaderSource is whose headers a value holds, or how to find out.
type HeaderSource uint8

const (
	SourceUnknown  HeaderSource = iota
	SourceIncoming              // the request being served
	SourceOutgoing              // a request being built to send
	SourceResponse              // a response's headers
	SourceReceiver              // the same as the call's receiver (h.Clone(), r.WithContext(ctx))
	SourceRequest               // the headers of a request: ask where the request comes from
)

// NameShape is where a header call takes its names.
type NameShape uint8

const (
	NameArg   NameShape = iota // one name at Arg, the value after it
	NameMap                    // a map literal of names to values at Arg
	NamePairs                  // name, value, name, value, ... from Arg on
)

// HeaderCall is a call that reads a received header or sets one to send.
type HeaderCall struct {
	Pkg, Recv, Name string // Recv "" for a package function
	Send            bool   // sets a header to send; false: reads one
	GRPC            bool   // gRPC metadata; false: an HTTP header
	Names           NameShape
	Arg             int
	// From is whose headers: SourceReceiver (classify the receiver, an
	// http.Header or metadata.MD), SourceIncoming or SourceOutgoing.
	From HeaderSource
	API  string // how messages name it: "Header.Get", "metadata.Pairs"
}

var httpHeaderCalls = []HeaderCall{
	{Pkg: netHTTP, Recv: "Header", Name: "Get", From: SourceReceiver, API: "Header.Get"},
	{Pkg: netHTTP, Recv: "Header", Name: "Values", From: SourceReceiver, API: "Header.Values"},
	{Pkg: netHTTP, Recv: "Header", Name: "Set", Send: true, From: SourceReceiver, API: "Header.Set"},
	{Pkg: netHTTP, Recv: "Header", Name: "Add", Send: true, From: SourceReceiver, API: "Header.Add"},
	{Pkg: ginPkg, Recv: "Context", Name: "GetHeader", From: SourceIncoming, API: "gin Context.GetHeader"},
	{Pkg: fiberPkg, Recv: "Ctx", Name: "Get", From: SourceIncoming, API: "fiber Ctx.Get"},
	{Pkg: restyPkg, Recv: "Request", Name: "SetHeader", Send: true, From: SourceOutgoing, API: "resty SetHeader"},
	{Pkg: restyPkg, Recv: "Request", Name: "SetHeaderVerbatim", Send: true, From: SourceOutgoing, API: "resty SetHeaderVerbatim"},
	{Pkg: restyPkg, Recv: "Client", Name: "SetHeader", Send: true, From: SourceOutgoing, API: "resty SetHeader"},
	{Pkg: restyPkg, Recv: "Client", Name: "SetHeaderVerbatim", Send: true, From: SourceOutgoing, API: "resty SetHeaderVerbatim"},
	{Pkg: restyPkg, Recv: "Request", Name: "SetHeaders", Send: true, Names: NameMap, From: SourceOutgoing, API: "resty SetHeaders"},
	{Pkg: restyPkg, Recv: "Request", Name: "SetHeaderMultiValues", Send: true, Names: NameMap, From: SourceOutgoing, API: "resty SetHeaderMultiValues"},
	{Pkg: restyPkg, Recv: "Client", Name: "SetHeaders", Send: true, Names: NameMap, From: SourceOutgoing, API: "resty SetHeaders"},
}

// headerCalls are the header calls of every library, by package, receiver and name.
var headerCalls = func() map[string]*HeaderCall {
	m := map[string]*HeaderCall{}
	for _, list := range [][]HeaderCall{httpHeaderCalls, grpcHeaderCalls} {
		for i := range list {
			c := &list[i]
			m[c.Pkg+"\x00"+c.Recv+"\x00"+c.Name] = c
		}
	}
	return m
}()

// HeaderCallOf returns what a call of fn does to headers, or nil.
func HeaderCallOf(fn *types.Func) *HeaderCall {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	return headerCalls[fn.Pkg().Path()+"\x00"+recvTypeName(fn)+"\x00"+fn.Name()]
}

// IsHTTPHeader reports http.Header (or a pointer to one): indexing it matches only
// the canonical form of a name.
func IsHTTPHeader(t types.Type) bool { return isNamed(t, netHTTP, "Header") }

// HeaderMapCall reports a call returning the request's headers as a plain map
// indexed by canonical name (fiber Ctx.GetReqHeaders).
func HeaderMapCall(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == fiberPkg && recvTypeName(fn) == "Ctx" && fn.Name() == "GetReqHeaders"
}

// HeaderMethodSource says whose headers a method returning an http.Header gives:
// every framework's Header() method (w.Header(), c.Response().Header(),
// c.Writer.Header()) gives a response's; http.Header.Clone gives its receiver's.
func HeaderMethodSource(fn *types.Func) HeaderSource {
	switch {
	case fn.Name() == headerFld:
		return SourceResponse
	case fn.Name() == "Clone" && recvTypeName(fn) == "Header" && fn.Pkg() != nil && fn.Pkg().Path() == netHTTP:
		return SourceReceiver
	}
	return SourceUnknown
}

// HeaderFieldSource says whose headers the Header field of a struct of type t holds.
func HeaderFieldSource(t types.Type, field string) HeaderSource {
	if field != headerFld {
		return SourceUnknown
	}
	switch {
	case isNamed(t, netHTTP, "Request"):
		return SourceRequest
	case isNamed(t, netHTTP, "Response"):
		return SourceResponse
	case isNamed(t, restyPkg, "Request"):
		return SourceOutgoing
	}
	return SourceUnknown
}

// RequestCallSource says where an *http.Request a call returns comes from:
// http.NewRequest and httptest.NewRequest build one to send; Clone and
// WithContext keep their receiver's; every framework's Request() method (echo
// c.Request()) returns the one being served.
func RequestCallSource(fn *types.Func) HeaderSource {
	sig, _ := fn.Type().(*types.Signature)
	switch {
	case sig == nil:
	case sig.Recv() == nil && (isFunc(fn, netHTTP, "NewRequest") || isFunc(fn, netHTTP, "NewRequestWithContext") ||
		isFunc(fn, httptest, "NewRequest") || isFunc(fn, httptest, "NewRequestWithContext")):
		return SourceOutgoing
	case sig.Recv() != nil && (fn.Name() == "Clone" || fn.Name() == "WithContext") && isNamed(sig.Recv().Type(), netHTTP, "Request"):
		return SourceReceiver
	case sig.Recv() != nil && fn.Name() == "Request":
		return SourceIncoming
	}
	return SourceUnknown
}

// BuildsRequest reports http.NewRequest(WithContext), whose result is a request to send.
func BuildsRequest(fn *types.Func) bool {
	return isFunc(fn, netHTTP, "NewRequest") || isFunc(fn, netHTTP, "NewRequestWithContext")
}

// ServingContext reports a framework context whose request field is the request
// being served (gin.Context: c.Request).
func ServingContext(t types.Type) bool { return isNamed(t, ginPkg, "Context") }

// IsResponseWriter reports http.ResponseWriter: a function that takes one serves
// the *http.Request it is given.
func IsResponseWriter(t types.Type) bool { return isNamed(t, netHTTP, "ResponseWriter") }
