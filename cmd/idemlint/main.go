// Command idemlint runs the idemlint analyzers.
//
//	idemlint ./...                               standalone
//	idemlint -json ./... | idemlint -fix ./...   JSON output, apply suggested fixes
//	idemlint -sarif ./... > idemlint.sarif       SARIF 2.1.0 for code scanning
//	go vet -vettool=$(command -v idemlint) ./... under go vet (unitchecker protocol)
//
// Exit codes follow multichecker: 0 clean, 3 findings, 1 errors.
package main

import (
	"flag"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/idemlint/idemlint"
)

func main() {
	analyzers := idemlint.Analyzers()
	if rest, ok := cutSARIF(os.Args[1:]); ok {
		os.Exit(runSARIF(analyzers, rest))
	}
	if !vetProtocol(os.Args[1:]) {
		// Only for -help: the -sarif run never reaches multichecker, and go vet
		// must not learn a flag its protocol cannot honour.
		flag.Bool("sarif", false, "print findings as SARIF 2.1.0 on standard output (standalone only; exit codes unchanged)")
	}
	if factsOnlyRun(os.Args) {
		analyzers = factsOnly(analyzers)
	}
	multichecker.Main(analyzers...)
}

// cutSARIF removes the -sarif flag from args and reports whether it was set.
func cutSARIF(args []string) (rest []string, on bool) {
	for _, a := range args {
		switch strings.TrimPrefix(a, "-") {
		case "-sarif", "sarif", "-sarif=true", "sarif=true":
			on = true
		case "-sarif=false", "sarif=false":
		default:
			rest = append(rest, a)
		}
	}
	return rest, on
}

// vetProtocol reports whether go vet is talking to the tool: it asks for the flags
// (-flags) and the version (-V=full), then runs it on one .cfg file per package.
func vetProtocol(args []string) bool {
	for _, a := range args {
		if a == "-flags" || strings.HasPrefix(a, "-V") || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}
