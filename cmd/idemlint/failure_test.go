package main

// What the user sees when something goes wrong: an analyzer that panics (the
// others' findings still come out), a bad flag or a bad configuration (one clear
// line and a non-zero exit), standalone and under go vet.

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unreasoned is a package whose only finding is ignorereason's: an ignore
// directive that gives no reason.
const unreasoned = `package ign

import "sync"

var m sync.Map

func F(id string) {
	//idemlint:ignore checkthenact
	m.Store(id, 1)
}
`

const (
	panicFinding  = "internal error: checkthenact panicked (injected by the test)"
	reasonFinding = "ign/ign.go:8:2: //idemlint:ignore checkthenact gives no reason"
)

// TestPanicKeepsOthersFindings: checkthenact panics on every package; each package
// gets an internal-error finding and ignorereason's finding still comes out, in
// text and JSON, standalone and under go vet.
func TestPanicKeepsOthersFindings(t *testing.T) {
	dir := writeModule(t, files{"svc/svc.go": racy, "ign/ign.go": unreasoned})

	_, stderr, code := runAs(t, asPanicking, dir, "./...")
	assert.Equal(t, 3, code, "findings, not a crash:\n%s", stderr)
	assert.Equal(t, 2, strings.Count(stderr, panicFinding), "one internal error per package:\n%s", stderr)
	assert.Contains(t, stderr, dir+string(filepath.Separator)+reasonFinding)
	assert.NotContains(t, stderr, "goroutine ")

	stdout, stderr, code := runAs(t, asPanicking, dir, "-json", "./...")
	assert.Equal(t, 0, code, stderr)
	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(stdout), &tree), stdout)
	assert.Contains(t, string(tree["example.com/svc/svc"]["checkthenact"]), panicFinding)
	assert.Contains(t, string(tree["example.com/svc/ign"]["ignorereason"]), "gives no reason")

	v := vet(t, dir, []string{"IDEMLINT_TEST_MAIN=" + asPanicking}, "./...")
	assert.NotEqual(t, 0, v.code)
	assert.Equal(t, 2, strings.Count(v.stderr, panicFinding), "one internal error per package:\n%s", v.stderr)
	assert.Contains(t, v.stderr, reasonFinding)
	assert.NotContains(t, v.stderr, "goroutine ")
}

// TestBadFlagIsOneLine: an unknown flag or a bad flag value is one line and exit 2,
// without the page of usage the flag package prints after it; -help still prints
// that page. Under go vet, go vet rejects an unknown flag itself, and a bad value
// is the same one line for each package go vet runs the tool on.
func TestBadFlagIsOneLine(t *testing.T) {
	dir := module(t, racy)
	for _, tc := range []struct{ flag, want string }{
		{"-nosuch", `flag provided but not defined: -nosuch`},
		{"-dedupttl.min=abc", `invalid value "abc" for flag -dedupttl.min: parse error`},
		{"-checkthenact.func=Claim", `invalid value "Claim" for flag -checkthenact.func: "Claim": want FULLNAME=KIND[:key=N][:value=N][:ttl=N]`},
		{"-missingkey.entry=x.F=one", `invalid value "x.F=one" for flag -missingkey.entry: "x.F=one": want FULLNAME or FULLNAME=N`},
		{"-missingkey.dedup=Claim", `invalid value "Claim" for flag -missingkey.dedup: "Claim": want pkg/path.Func`},
		{"-headermismatch.sent=X Event", `invalid value "X Event" for flag -headermismatch.sent: header name "X Event" has ' '`},
		{"-checkthenact=maybe", `invalid boolean value "maybe" for -checkthenact`},
	} {
		_, stderr, code := runIdemlint(t, dir, tc.flag, "./...")
		assert.Equal(t, 2, code, tc.flag)
		assert.Equal(t, 1, strings.Count(stderr, "\n"), "%s: one line:\n%s", tc.flag, stderr)
		assert.True(t, strings.HasPrefix(stderr, "idemlint: "+tc.want), "%s:\n%s", tc.flag, stderr)
		assert.True(t, strings.HasSuffix(stderr, "(idemlint -help lists the flags)\n"), "%s:\n%s", tc.flag, stderr)
	}
	_, stderr, code := runIdemlint(t, dir, "-help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "-dedupttl.min duration", "-help prints every flag")

	v := vet(t, dir, nil, "-nosuch", "./...")
	assert.Equal(t, 2, v.code)
	assert.True(t, strings.HasPrefix(v.stderr, "flag provided but not defined: -nosuch\n"), v.stderr)

	v = vet(t, dir, nil, "-dedupttl.min=abc", "./...")
	assert.NotEqual(t, 0, v.code)
	assert.Equal(t, []string{`idemlint: invalid value "abc" for flag -dedupttl.min: parse error (idemlint -help lists the flags)`},
		distinctLines(v.stderr), "the same line for each package:\n%s", v.stderr)
}

// distinctLines returns output's lines, without go vet's "# package" headers,
// each once.
func distinctLines(output string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(output), "\n") {
		if !strings.HasPrefix(line, "# ") && !contains(out, line) {
			out = append(out, line)
		}
	}
	return out
}

func contains(lines []string, line string) bool {
	for _, l := range lines {
		if l == line {
			return true
		}
	}
	return false
}

// TestBadConfigOneLine: broken YAML, an unknown key, a value of the wrong type (in
// the working directory's file or one nearer to a package), a -config file that
// does not exist, and a relative -config under go vet are each
// one line naming the file (and line and key), exit 1; standalone and under go vet.
func TestBadConfigOneLine(t *testing.T) {
	for _, tc := range []struct{ name, yml, want string }{
		{"broken YAML", "checkthenact:\n\tenabled: false\n", `.idemlint.yml:2: found character that cannot start any token`},
		{"unknown key", "dedupttl:\n  minimum: 1h\n", `.idemlint.yml:2: dedupttl.minimum: unknown key "minimum" (want one of enabled, min)`},
		{"wrong type", "checkthenact:\n  enabled: sometimes\n", `.idemlint.yml:2: checkthenact.enabled: cannot unmarshal !!str ` + "`sometimes`" + ` into bool`},
		{"bad duration", "dedupttl:\n  min: 3 days\n", `.idemlint.yml:2: dedupttl.min: `},
	} {
		dir := module(t, racy)
		writeFile(t, filepath.Join(dir, ".idemlint.yml"), tc.yml)
		want := "idemlint: " + filepath.Join(dir, tc.want)
		_, stderr, code := runIdemlint(t, dir, "./...")
		assert.Equal(t, 1, code, tc.name)
		assert.Equal(t, 1, strings.Count(stderr, "\n"), "%s: one line:\n%s", tc.name, stderr)
		assert.True(t, strings.HasPrefix(stderr, want), "%s: want %s\n got %s", tc.name, want, stderr)

		// go vet asks the tool for its version in the working directory before it
		// analyzes anything: the mistake is the first line, and nothing runs.
		v := vet(t, dir, nil, "./...")
		assert.NotEqual(t, 0, v.code, tc.name)
		assert.True(t, strings.HasPrefix(v.stderr, want), "%s under go vet: want %s\n got %s", tc.name, want, v.stderr)
		assert.NotContains(t, v.stderr, "not atomic", tc.name)
	}

	// A file nearer to a package than the working directory: the same one line.
	dir := module(t, racy)
	writeFile(t, filepath.Join(dir, "svc", ".idemlint.yml"), "checkthenact:\n  enabld: false\n")
	want := "idemlint: " + filepath.Join(dir, "svc", ".idemlint.yml") + `:2: checkthenact.enabld: unknown key "enabld" (want one of enabled)` + "\n"
	_, stderr, code := runIdemlint(t, dir, "./...")
	assert.Equal(t, 1, code)
	assert.Equal(t, want, stderr)
	v := vet(t, dir, nil, "./...")
	assert.NotEqual(t, 0, v.code)
	assert.True(t, strings.HasPrefix(v.stderr, want), v.stderr)

	dir = module(t, racy)
	missing := filepath.Join(dir, "missing.yml")
	_, stderr, code = runIdemlint(t, dir, "-config", missing, "./...")
	assert.Equal(t, 1, code)
	assert.Equal(t, "idemlint: open "+missing+": no such file or directory\n", stderr)
	v = vet(t, dir, nil, "-config="+missing, "./...")
	assert.NotEqual(t, 0, v.code)
	// go vet writes paths under the working directory relative to it, on the
	// packages of the module only.
	assert.Equal(t, []string{"idemlint: open ./missing.yml: no such file or directory"},
		distinctLines(strings.ReplaceAll(v.stderr, dir+string(filepath.Separator), "./")))

	v = vet(t, dir, nil, "-config=ci.yml", "./...")
	assert.NotEqual(t, 0, v.code)
	assert.Equal(t, []string{"idemlint: -config ci.yml: under go vet the path must be absolute (-config=$PWD/ci.yml)"}, distinctLines(v.stderr))
}

// TestDependencyConfigIgnored: a .idemlint.yml inside a dependency module (here a
// broken one) is not the user's configuration: it neither fails nor changes the
// run, standalone or under go vet.
func TestDependencyConfigIgnored(t *testing.T) {
	dir := module(t, racy)
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/svc\n\ngo 1.26\n\n"+
		"require example.com/dep v0.1.0\n\nreplace example.com/dep => ./_dep\n")
	writeFile(t, filepath.Join(dir, "_dep", "go.mod"), "module example.com/dep\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "_dep", ".idemlint.yml"), "checkthenact:\n  enabld: false\n")
	writeFile(t, filepath.Join(dir, "_dep", "dep.go"), "package dep\n\nfunc Charge(id string) {}\n")
	writeFile(t, filepath.Join(dir, "use", "use.go"), "package use\n\nimport \"example.com/dep\"\n\nfunc Run() { dep.Charge(\"1\") }\n")

	_, stderr, code := runIdemlint(t, dir, "./...")
	assert.Equal(t, 3, code, stderr)
	assert.NotContains(t, stderr, "enabld")
	assert.Equal(t, []string{"svc/svc.go:13"}, findingsAt(dir, stderr))

	v := vet(t, dir, nil, "./...")
	assert.NotContains(t, v.stderr, "enabld")
	assert.Equal(t, []string{"svc/svc.go:13"}, findingsAt(dir, v.stderr))
}
