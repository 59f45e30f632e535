// Package echo is a stub of github.com/labstack/echo/v4 v4.16.0 for analysistest:
// the declarations idemlint's tests use, with the real signatures.
package echo

import "net/http"

// Context represents the context of the current HTTP request.
type Context interface {
	Request() *http.Request
	SetRequest(r *http.Request)
	Response() *Response
	RealIP() string
	Param(name string) string
	Get(key string) any
	Set(key string, val any)
	Bind(i any) error
	String(code int, s string) error
	JSON(code int, i any) error
	NoContent(code int) error
}

// HandlerFunc defines a function to serve HTTP requests.
type HandlerFunc func(c Context) error

// MiddlewareFunc defines a function to process middleware.
type MiddlewareFunc func(next HandlerFunc) HandlerFunc

// Map defines a generic map of type `map[string]interface{}`.
type Map map[string]interface{}

// Echo is the top-level framework instance.
type Echo struct{}

// Route contains a handler and information for matching against requests.
type Route struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Name   string `json:"name"`
}

func New() (e *Echo) { return &Echo{} }

func (e *Echo) Use(middleware ...MiddlewareFunc)                            {}
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return &Route{} }
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return &Route{} }
func (e *Echo) ServeHTTP(w http.ResponseWriter, r *http.Request)            {}
func (e *Echo) Start(address string) error                                  { return nil }
func (e *Echo) Group(prefix string, m ...MiddlewareFunc) (g *Group)         { return &Group{} }

// Group is a set of sub-routes for a specified route.
type Group struct{}

func (g *Group) Use(middleware ...MiddlewareFunc)                            {}
func (g *Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return &Route{} }

// Response wraps an http.ResponseWriter.
type Response struct {
	Writer    http.ResponseWriter
	Status    int
	Size      int64
	Committed bool
}

func (r *Response) Header() http.Header               { return r.Writer.Header() }
func (r *Response) WriteHeader(code int)              {}
func (r *Response) Write(b []byte) (n int, err error) { return len(b), nil }
