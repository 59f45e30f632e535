package model

// github.com/go-chi/chi/v5 v5.5.0 (mux.go, chi.go): routes take a pattern and an
// http.HandlerFunc or http.Handler; Use and With add func(http.Handler)
// http.Handler middleware. Handlers take net/http's *Request.

const chiPkg = "github.com/go-chi/chi/v5"

var chiLib = func() *Library {
	r := func(name, method string, h int) Entry {
		e := route(chiPkg, "any", name, h-1, h, false, method)
		e.Runs = "ServeHTTP"
		return e
	}
	sub := entry(chiPkg, "any", "Route", Subrouter, "")
	sub.Pattern, sub.Handler = 0, 1
	with := use(chiPkg, "any", "With", 0)
	with.Inline = true
	return &Library{
		Name: "chi v5", Paths: []string{chiPkg},
		Entries: []Entry{
			r("Post", "POST", 1), r("Put", "PUT", 1), r("Patch", "PATCH", 1),
			r("HandleFunc", "", 1), r("Handle", "", 1), r("Method", "", 2), r("MethodFunc", "", 2),
			use(chiPkg, "any", "Use", 0), with, sub,
		},
	}
}()
