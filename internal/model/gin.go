package model

// github.com/gin-gonic/gin v1.12.0 (routergroup.go, context.go): routes take a
// path and a chain of HandlerFunc(*gin.Context); Use adds middleware to a group.

const ginPkg = "github.com/gin-gonic/gin"

var ginLib = func() *Library {
	r := func(name, method string) Entry { return route(ginPkg, "any", name, 0, 1, true, method) }
	handle := route(ginPkg, "any", "Handle", 1, 2, true, "")
	return &Library{
		Name: "gin", Paths: []string{ginPkg},
		Entries: []Entry{
			r("POST", "POST"), r("PUT", "PUT"), r("PATCH", "PATCH"), r("Any", ""), handle,
			use(ginPkg, "any", "Use", 0), group(ginPkg, "any", "Group", 0, 1),
			entry(ginPkg, "Context", "", HTTPHandler, "webhook handler"),
		},
	}
}()
