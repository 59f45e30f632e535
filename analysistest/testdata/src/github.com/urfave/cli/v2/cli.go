// Package cli is a stub of github.com/urfave/cli/v2.
package cli

// Context is what an action receives.
type Context struct{}

// String returns a flag's value.
func (cCtx *Context) String(name string) string { return "" }

// ActionFunc is a command's action.
type ActionFunc func(*Context) error
