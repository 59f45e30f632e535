package model

import "go/types"

// Command-line frameworks: a function that takes one of these is a command's
// action, run once by an operator (ntfy tier add, atlantis migrate), not a
// delivery that a broker or a webhook provider repeats.
var cliTypes = map[string]bool{
	"github.com/urfave/cli.Context":      true,
	"github.com/urfave/cli/v2.Context":   true,
	"github.com/urfave/cli/v3.Command":   true,
	"github.com/spf13/cobra.Command":     true,
	"github.com/alecthomas/kong.Context": true,
}

// CLIContext reports whether t (or what it points to) is the context a command-line
// framework passes to a command's action.
func CLIContext(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && cliTypes[n.Obj().Pkg().Path()+"."+n.Obj().Name()]
}
