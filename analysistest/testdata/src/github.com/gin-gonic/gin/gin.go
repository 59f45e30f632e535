// Package gin is a stub of github.com/gin-gonic/gin v1.12.0 for analysistest:
// the declarations idemlint's tests use, with the real signatures.
package gin

import (
	"io"
	"net/http"
)

// HandlerFunc defines the handler used by gin middleware as return value.
type HandlerFunc func(*Context)

// HandlersChain defines a HandlerFunc slice.
type HandlersChain []HandlerFunc

// H is a shortcut for map[string]any.
type H map[string]any

// OptionFunc defines the function to change the default configuration.
type OptionFunc func(*Engine)

// IRoutes defines all router handle interface.
type IRoutes interface {
	Use(...HandlerFunc) IRoutes
	Handle(string, string, ...HandlerFunc) IRoutes
	POST(string, ...HandlerFunc) IRoutes
	GET(string, ...HandlerFunc) IRoutes
}

// RouterGroup is used internally to configure router.
type RouterGroup struct {
	Handlers HandlersChain
	basePath string
	engine   *Engine
}

func (group *RouterGroup) Use(middleware ...HandlerFunc) IRoutes { return group }
func (group *RouterGroup) Group(relativePath string, handlers ...HandlerFunc) *RouterGroup {
	return group
}
func (group *RouterGroup) Handle(httpMethod, relativePath string, handlers ...HandlerFunc) IRoutes {
	return group
}
func (group *RouterGroup) POST(relativePath string, handlers ...HandlerFunc) IRoutes { return group }
func (group *RouterGroup) GET(relativePath string, handlers ...HandlerFunc) IRoutes  { return group }

// Engine is the framework's instance.
type Engine struct {
	RouterGroup
}

func New(opts ...OptionFunc) *Engine     { return &Engine{} }
func Default(opts ...OptionFunc) *Engine { return &Engine{} }

func (engine *Engine) Use(middleware ...HandlerFunc) IRoutes              { return engine }
func (engine *Engine) Run(addr ...string) (err error)                     { return nil }
func (engine *Engine) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

// ResponseWriter is gin's response writer.
type ResponseWriter interface {
	http.ResponseWriter
	http.Hijacker
	http.Flusher
	http.CloseNotifier
	Status() int
	Size() int
	WriteString(string) (int, error)
	Written() bool
	WriteHeaderNow()
	Pusher() http.Pusher
}

// Context is the most important part of gin.
type Context struct {
	Request *http.Request
	Writer  ResponseWriter
	Keys    map[any]any
}

func (c *Context) AbortWithStatus(code int)                      {}
func (c *Context) Next()                                         {}
func (c *Context) Param(key string) string                       { return "" }
func (c *Context) Query(key string) (value string)               { return "" }
func (c *Context) BindJSON(obj any) error                        { return nil }
func (c *Context) ShouldBindJSON(obj any) error                  { return nil }
func (c *Context) Status(code int)                               {}
func (c *Context) Header(key, value string)                      {}
func (c *Context) GetHeader(key string) string                   { return c.Request.Header.Get(key) }
func (c *Context) GetRawData() ([]byte, error)                   { return io.ReadAll(c.Request.Body) }
func (c *Context) JSON(code int, obj any)                        {}
func (c *Context) String(code int, format string, values ...any) {}
