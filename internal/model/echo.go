package model

// github.com/labstack/echo/v4 v4.16.5 (echo.go, group.go): routes take a path, a
// HandlerFunc(echo.Context) error and route middleware; Use adds middleware.

const echoPkg = "github.com/labstack/echo/v4"

var echoLib = func() *Library {
	r := func(name, method string) Entry { return route(echoPkg, "any", name, 0, 1, false, method) }
	add := route(echoPkg, "any", "Add", 1, 2, false, "")
	return &Library{
		Name: "echo v4", Paths: []string{echoPkg},
		Entries: []Entry{
			r("POST", "POST"), r("PUT", "PUT"), r("PATCH", "PATCH"), r("Any", ""), add,
			use(echoPkg, "any", "Use", 0), group(echoPkg, "any", "Group", 0, 1),
			entry(echoPkg, "Context", "", HTTPHandler, "webhook handler"),
		},
	}
}()
