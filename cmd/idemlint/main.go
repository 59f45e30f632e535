// Command idemlint runs the idemlint analyzers.
//
//	idemlint ./...                               standalone
//	idemlint -json ./... | idemlint -fix ./...   JSON output, apply suggested fixes
//	idemlint -sarif ./... > idemlint.sarif       SARIF 2.1.0 for code scanning
//	idemlint -config ci/idemlint.yml ./...        a configuration file other than .idemlint.yml
//	go vet -vettool=$(command -v idemlint) ./... under go vet (unitchecker protocol)
//
// Exit codes follow multichecker: 0 clean, 3 findings, 1 errors.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/config"
	"github.com/idemlint/idemlint/internal/effects"
)

func main() { command(idemlint.Analyzers()) }

// command runs analyzers as the idemlint command: standalone, -sarif, or under go
// vet. Tests run it with an analyzer that panics, to prove the others survive.
func command(analyzers []*analysis.Analyzer) {
	if err := checkConfig(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "idemlint:", err)
		os.Exit(1)
	}
	if vetVersionQuery(os.Args[1:]) {
		if err := printVetVersion(); err != nil {
			fmt.Fprintln(os.Stderr, "idemlint:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	flag.Var(effects.ConfigSource(), "config", config.Usage)
	oneLineFlagErrors()
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

// oneLineFlagErrors makes a bad flag or flag value one line on standard error and
// exit 2; the flag package would follow the line with every flag's usage, a page
// in which the error scrolls away. -help still prints the usage.
func oneLineFlagErrors() {
	var failure strings.Builder
	usage := flag.Usage
	flag.CommandLine.SetOutput(&failure)
	flag.Usage = func() {
		flag.CommandLine.SetOutput(os.Stderr)
		if failure.Len() == 0 { // -help, which the flag package reports with no error before it
			usage()
			return
		}
		fmt.Fprintf(os.Stderr, "idemlint: %s (idemlint -help lists the flags)\n", strings.TrimSpace(failure.String()))
	}
}

// checkConfig loads the configuration a run starts from, the -config file or the
// .idemlint.yml nearest to the working directory and every one below it (but in
// go vet's run on one package), so that a mistake in any is one line and exit 1
// before a package is loaded, not an analyzer error on each package it configures.
func checkConfig(args []string) error {
	if slices.Contains(args, "-flags") {
		// go vet asks for the flags first and drops what the tool prints then;
		// the -V=full question that follows, asked in the same directory, reports it.
		return nil
	}
	if path, ok := configFlag(args); ok {
		if vetProtocol(args) && !filepath.IsAbs(path) {
			// go vet runs the tool in each package's directory.
			return fmt.Errorf("-config %s: under go vet the path must be absolute (-config=$PWD/%s)", path, path)
		}
		_, err := config.Load(path)
		return err
	}
	if unit, ok := vetUnit(args); ok && unit.ModuleVersion != "" {
		return nil // a dependency's own .idemlint.yml is not the user's (config.Source.ForDependency)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	var paths []string
	if path, ok := config.Find(cwd); ok {
		paths = append(paths, path)
	}
	if _, unit := vetUnit(args); !unit { // one package's run under go vet: its own file only
		paths = append(paths, configFiles(cwd)...)
	}
	for _, path := range paths {
		if _, err := config.Load(path); err != nil {
			return err
		}
	}
	return nil
}

// configFlag returns the value of -config in args (-config=PATH or -config PATH).
func configFlag(args []string) (string, bool) {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "config" {
			continue
		}
		if hasValue {
			return value, true
		}
		if i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
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
