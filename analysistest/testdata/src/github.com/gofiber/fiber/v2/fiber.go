// Package fiber is a stub of github.com/gofiber/fiber/v2 v2.52.15 for analysistest:
// the declarations idemlint's tests use, with the real signatures.
package fiber

import "context"

// Handler defines a function to serve HTTP requests.
type Handler = func(*Ctx) error

// Map is a shortcut for map[string]interface{}.
type Map map[string]interface{}

// Config is a struct holding the server settings.
type Config struct {
	AppName string `json:"app_name"`
}

// Router defines all router handle interface.
type Router interface {
	Use(args ...interface{}) Router
	Get(path string, handlers ...Handler) Router
	Post(path string, handlers ...Handler) Router
}

// App denotes the Fiber application.
type App struct{}

func New(config ...Config) *App { return &App{} }

func (app *App) Use(args ...interface{}) Router                  { return app }
func (app *App) Get(path string, handlers ...Handler) Router     { return app }
func (app *App) Post(path string, handlers ...Handler) Router    { return app }
func (app *App) Listen(addr string) error                        { return nil }
func (app *App) Group(prefix string, handlers ...Handler) Router { return app }

// Ctx represents the Context which hold the HTTP request and response.
type Ctx struct{}

func (c *Ctx) Body() []byte                                            { return nil }
func (c *Ctx) BodyParser(out interface{}) error                        { return nil }
func (c *Ctx) UserContext() context.Context                            { return context.Background() }
func (c *Ctx) Get(key string, defaultValue ...string) string           { return "" }
func (c *Ctx) GetRespHeader(key string, defaultValue ...string) string { return "" }
func (c *Ctx) GetReqHeaders() map[string][]string                      { return nil }
func (c *Ctx) JSON(data interface{}, ctype ...string) error            { return nil }
func (c *Ctx) Params(key string, defaultValue ...string) string        { return "" }
func (c *Ctx) SendStatus(status int) error                             { return nil }
func (c *Ctx) SendString(body string) error                            { return nil }
func (c *Ctx) Set(key, val string)                                     {}
func (c *Ctx) Status(status int) *Ctx                                  { return c }
