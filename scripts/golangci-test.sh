#!/usr/bin/env bash
# golangci-test.sh: build golangci-lint with the idemlint module plugin and check it
# on golangci/testdata/mod, the way a user does with `golangci-lint custom`.
#
# `golangci-lint custom` clones golangci-lint with git; this builds the same binary
# from the Go module proxy only: a throwaway main module whose main.go is
# golangci-lint's own (commands.Execute) plus a blank import of the plugin package,
# with a replace of github.com/idemlint/idemlint to this checkout. Nothing fetched is
# written into the repository.
#
# Checks: the findings come out (with the analyzer's name), //nolint:idemlint
# suppresses one, a setting (a funcs row declaring a team's wrapper) turns a missed
# check-then-act into a finding, and an analyzer that panics (the test hook of a
# -tags idemlint_testpanic build) does not hide the others' findings.
#
# The first run compiles golangci-lint (minutes on 2 cores); later runs reuse the
# Go build cache ($(go env GOCACHE)) and module cache, and relink in seconds. Set
# GOLANGCI_BIN to keep the built binary at that path.
set -euo pipefail

version=v2.15.0
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${GOLANGCI_BIN:-$work/golangci-lint}
testmod=$repo/golangci/testdata/mod
gover=$(sed -n 's/^go //p' "$repo/go.mod")

step() { printf '\n--- %s\n' "$*"; }
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

step "build golangci-lint $version with the idemlint plugin (module proxy only)"
start=$SECONDS
mkdir -p "$work/build"
cat >"$work/build/go.mod" <<MOD
module idemlint.test/golangci-lint

go $gover

require (
	github.com/golangci/golangci-lint/v2 $version
	github.com/idemlint/idemlint v0.0.0
)

replace github.com/idemlint/idemlint => $repo
MOD
cat >"$work/build/main.go" <<'GO'
// The main of golangci-lint's cmd/golangci-lint, with the idemlint plugin linked in.
package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/idemlint/idemlint/golangci"
)

func main() {
	info := commands.BuildInfo{GoVersion: runtime.Version(), Version: "v2.15.0-custom-idemlint", Commit: "?", Date: "?"}
	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "failed executing command with error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
GO
# -tags idemlint_testpanic links the test hook that makes one analyzer panic on
# purpose (internal/guard/inject_testpanic.go); release builds have no such hook.
(cd "$work/build" && go build -mod=mod -trimpath -tags idemlint_testpanic -o "$bin" .)
echo "built in $((SECONDS - start))s: $("$bin" version 2>&1 | head -1)"

# lint CONFIG [ENV...]: run the custom binary on the test module, print its issues.
lint() {
	local cfg=$1
	shift
	# A fresh cache each time: golangci-lint's cache key knows neither the
	# environment (IDEMLINT_TEST_PANIC) nor the plugin's settings.
	local cache
	cache=$(mktemp -d -p "$work")
	(cd "$testmod" && env GOLANGCI_LINT_CACHE="$cache" "$@" "$bin" run --config "$cfg" \
		--output.text.path stdout --show-stats=false ./... 2>&1) || true
}

# expect OUTPUT PATTERN WHAT: OUTPUT must match PATTERN.
expect() { grep -Eq -- "$2" <<<"$1" || fail "$3; output:"$'\n'"$1"; }
# refuse OUTPUT PATTERN WHAT: OUTPUT must not match PATTERN.
refuse() { ! grep -Eq -- "$2" <<<"$1" || fail "$3; output:"$'\n'"$1"; }

step "findings, //nolint:idemlint"
out=$(lint .golangci.yml)
echo "$out"
expect "$out" 'dedup\.go:21:[0-9]+: checkthenact: Load then Store of seen\["evt:"\+id\] is not atomic.*\(checked here: line 17\) \(idemlint\)' \
	"the sync.Map check-then-act is reported, named by its analyzer, with the check's line"
expect "$out" 'dedup\.go:49:[0-9]+: ignorereason: //idemlint:ignore checkthenact gives no reason' "ignorereason runs too"
refuse "$out" 'dedup\.go:(30|26):' "//nolint:idemlint suppresses the finding on its line"
refuse "$out" 'related information' "related positions are part of the finding, not issues of their own"
refuse "$out" 'dedup\.go:40:' "without settings, the team's wrapper is unknown"

step "a setting: funcs rows declare the team's wrapper"
out=$(lint golangci-settings.yml)
echo "$out"
expect "$out" 'dedup\.go:40:[0-9]+: checkthenact: Mark then|dedup\.go:40:[0-9]+: checkthenact: .*not atomic' \
	"with the settings, the check-then-act through the wrapper is reported"
expect "$out" 'dedup\.go:21:' "the other findings stay"

step "a panicking analyzer does not hide the others"
out=$(lint .golangci.yml IDEMLINT_TEST_PANIC=checkthenact)
echo "$out"
expect "$out" 'checkthenact: internal error: checkthenact panicked' "the panic is reported as an internal error"
expect "$out" 'dedup\.go:49:[0-9]+: ignorereason: ' "the other analyzers' findings still come out"

step "bad settings: one clear error"
sed 's/kind: read/kind: peek/' "$testmod/golangci-settings.yml" >"$work/bad.yml"
out=$(lint "$work/bad.yml")
echo "$out"
expect "$out" 'funcs\[0\]\.kind: unknown kind "peek"' "a bad setting names its key"

echo
echo "ok: golangci-lint $version with the idemlint plugin ($((SECONDS - start))s in all)"
