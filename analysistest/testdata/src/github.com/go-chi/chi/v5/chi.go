// Package chi is a stub of github.com/go-chi/chi/v5 v5.5.0 for analysistest: the
// declarations idemlint's tests use, with the real signatures.
package chi

import "net/http"

// Router consisting of the core routing methods used by chi's Mux.
type Router interface {
	http.Handler
	Use(middlewares ...func(http.Handler) http.Handler)
	Get(pattern string, h http.HandlerFunc)
	Post(pattern string, h http.HandlerFunc)
	With(middlewares ...func(http.Handler) http.Handler) Router
	Handle(pattern string, h http.Handler)
	HandleFunc(pattern string, h http.HandlerFunc)
	Route(pattern string, fn func(r Router)) Router
}

// Mux is a simple HTTP route multiplexer.
type Mux struct{}

func NewRouter() *Mux { return &Mux{} }
func NewMux() *Mux    { return &Mux{} }

func (mx *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request)           {}
func (mx *Mux) Use(middlewares ...func(http.Handler) http.Handler)         {}
func (mx *Mux) Get(pattern string, handlerFn http.HandlerFunc)             {}
func (mx *Mux) Post(pattern string, handlerFn http.HandlerFunc)            {}
func (mx *Mux) Put(pattern string, handlerFn http.HandlerFunc)             {}
func (mx *Mux) Handle(pattern string, handler http.Handler)                {}
func (mx *Mux) HandleFunc(pattern string, handlerFn http.HandlerFunc)      {}
func (mx *Mux) Route(pattern string, fn func(r Router)) Router             { return mx }
func (mx *Mux) With(middlewares ...func(http.Handler) http.Handler) Router { return mx }

// URLParam returns the url parameter from a http.Request object.
func URLParam(r *http.Request, key string) string { return "" }
