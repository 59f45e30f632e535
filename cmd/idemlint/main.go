// Command idemlint runs the idemlint analyzers.
//
//	idemlint ./...                               standalone
//	idemlint -json ./... | idemlint -fix ./...   JSON output, apply suggested fixes
//	go vet -vettool=$(command -v idemlint) ./... under go vet (unitchecker protocol)
//
// Exit codes follow multichecker: 0 clean, 3 findings, 1 errors.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/idemlint/idemlint"
)

func main() { multichecker.Main(idemlint.Analyzers()...) }
