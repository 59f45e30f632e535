package model

// github.com/gofiber/fiber/v2 v2.52 (router.go, app.go): routes take a path and a
// chain of Handler func(*fiber.Ctx) error; Use takes middleware handlers.

const fiberPkg = "github.com/gofiber/fiber/v2"

var fiberLib = func() *Library {
	r := func(name, method string) Entry { return route(fiberPkg, "any", name, 0, 1, true, method) }
	add := route(fiberPkg, "any", "Add", 1, 2, true, "")
	return &Library{
		Name: "fiber v2", Paths: []string{fiberPkg},
		Entries: []Entry{
			r("Post", "POST"), r("Put", "PUT"), r("Patch", "PATCH"), r("All", ""), add,
			use(fiberPkg, "any", "Use", 0), group(fiberPkg, "any", "Group", 0, 1),
			entry(fiberPkg, "Ctx", "", HTTPHandler, "webhook handler"),
		},
	}
}()
