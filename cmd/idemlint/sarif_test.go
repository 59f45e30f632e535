package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idemlint/idemlint"
)

// A sync.Map check-then-act (standard library only, so the test needs no download),
// its fixed twin, and a package that does not type-check.
const (
	racy = `package svc

import "sync"

var seen sync.Map

// Handle processes one delivery of an event.
func Handle(id string) {
	if _, ok := seen.Load("evt:" + id); ok {
		return
	}
	charge(id)
	seen.Store("evt:"+id, true)
}

func charge(string) {}
`
	fixed = `package svc

import "sync"

var seen sync.Map

// Handle processes one delivery of an event.
func Handle(id string) {
	if _, loaded := seen.LoadOrStore("evt:"+id, true); loaded {
		return
	}
	charge(id)
}

func charge(string) {}
`
	broken = "package svc\n\nfunc Handle() { undefined() }\n"
)

// module writes a one-package module and returns its directory.
func module(t *testing.T, src string) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/svc\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "svc"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "svc", "svc.go"), []byte(src), 0o644))
	return dir
}

// idemlintSARIF runs `idemlint -sarif ./...` in dir.
func idemlintSARIF(t *testing.T, dir string) (doc map[string]any, code int) {
	out, stderr, code := runIdemlint(t, dir, "-sarif", "./...")
	require.NoError(t, json.Unmarshal([]byte(out), &doc), "stdout: %s\nstderr: %s", out, stderr)
	return doc, code
}

func TestSARIFFindings(t *testing.T) {
	doc, code := idemlintSARIF(t, module(t, racy))
	assert.Equal(t, 3, code, "findings exit with 3, as without -sarif")
	validateSARIF(t, doc)
	run := doc["runs"].([]any)[0].(map[string]any)
	rules := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	require.Len(t, rules, len(idemlint.Analyzers()), "one rule per analyzer")
	for i, a := range idemlint.Analyzers() {
		r := rules[i].(map[string]any)
		assert.Equal(t, a.Name, r["id"])
		assert.Equal(t, a.URL, r["helpUri"])
		assert.Equal(t, strings.SplitN(a.Doc, "\n", 2)[0], r["shortDescription"].(map[string]any)["text"])
		assert.Contains(t, r["help"].(map[string]any)["text"], a.Doc)
	}
	results := run["results"].([]any)
	require.Len(t, results, 1)
	res := results[0].(map[string]any)
	assert.Equal(t, "checkthenact", res["ruleId"])
	loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	assert.Equal(t, map[string]any{"uri": "svc/svc.go", "uriBaseId": "SRCROOT"}, loc["artifactLocation"])
	assert.EqualValues(t, 13, loc["region"].(map[string]any)["startLine"])
	related := res["relatedLocations"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 9, related["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"])
	assert.Equal(t, "checked here", related["message"].(map[string]any)["text"])
}

func TestSARIFClean(t *testing.T) {
	doc, code := idemlintSARIF(t, module(t, fixed))
	assert.Equal(t, 0, code)
	validateSARIF(t, doc)
	assert.Empty(t, doc["runs"].([]any)[0].(map[string]any)["results"])
}

func TestSARIFLoadError(t *testing.T) {
	doc, code := idemlintSARIF(t, module(t, broken))
	assert.Equal(t, 1, code, "a package that does not type-check exits with 1")
	validateSARIF(t, doc)
	inv := doc["runs"].([]any)[0].(map[string]any)["invocations"].([]any)[0].(map[string]any)
	assert.Equal(t, false, inv["executionSuccessful"])
}

// TestSARIFFixes: a suggested fix becomes a SARIF fix with byte-offset replacements.
func TestSARIFFixes(t *testing.T) {
	tree := jsonTree{"example.com/svc": {"checkthenact": json.RawMessage(`[{
		"posn": "/m/svc/svc.go:13:2", "end": "/m/svc/svc.go:13:30", "message": "m",
		"suggested_fixes": [{"message": "claim with SetNX", "edits": [{"filename": "/m/svc/svc.go", "start": 0, "end": 3, "new": "SetNX"}]}]}]`)}}
	log, failed, found := toSARIF(tree, idemlint.Analyzers(), "/m", true)
	assert.False(t, failed)
	assert.True(t, found)
	var doc map[string]any
	b, err := json.Marshal(log)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	validateSARIF(t, doc)
	fix := doc["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)["fixes"].([]any)[0].(map[string]any)
	change := fix["artifactChanges"].([]any)[0].(map[string]any)
	assert.Equal(t, "svc/svc.go", change["artifactLocation"].(map[string]any)["uri"])
	assert.Equal(t, map[string]any{"deletedRegion": map[string]any{"byteOffset": 0.0, "byteLength": 3.0},
		"insertedContent": map[string]any{"text": "SetNX"}}, change["replacements"].([]any)[0])
}

// TestSARIFAnalyzerError: an analyzer's error is a tool notification and exit 1.
func TestSARIFAnalyzerError(t *testing.T) {
	tree := jsonTree{"p": {"headermismatch": json.RawMessage(`{"error": "boom"}`)}}
	log, failed, found := toSARIF(tree, idemlint.Analyzers(), "/m", true)
	assert.True(t, failed)
	assert.False(t, found)
	assert.False(t, log.Runs[0].Invocations[0].ExecutionSuccessful)
	assert.Equal(t, "p: headermismatch: boom", log.Runs[0].Invocations[0].Notifications[0].Message.Text)
}

func TestCutSARIF(t *testing.T) {
	rest, on := cutSARIF([]string{"-sarif", "-c", "1", "./..."})
	assert.True(t, on)
	assert.Equal(t, []string{"-c", "1", "./..."}, rest)
	_, on = cutSARIF([]string{"--sarif=false", "./..."})
	assert.False(t, on)
	_, on = cutSARIF([]string{"-json", "./..."})
	assert.False(t, on)
}

// validateSARIF checks the properties the SARIF 2.1.0 schema requires of each object
// idemlint writes (sarif-schema-2.1.0.json, "required" of sarifLog, run, tool,
// toolComponent, reportingDescriptor, multiformatMessageString, invocation,
// notification, result, message, location, physicalLocation, artifactLocation,
// region, fix, artifactChange, replacement), plus the references between them.
func validateSARIF(t *testing.T, doc map[string]any) {
	t.Helper()
	assert.Equal(t, "2.1.0", doc["version"])
	runs := requireArray(t, doc, "runs", "sarifLog")
	for _, r := range runs {
		run := r.(map[string]any)
		driver := requireObject(t, requireObject(t, run, "tool", "run"), "driver", "tool")
		requireString(t, driver, "name", "toolComponent")
		rules := map[string]int{}
		for i, x := range requireArray(t, driver, "rules", "toolComponent") {
			rule := x.(map[string]any)
			rules[requireString(t, rule, "id", "reportingDescriptor")] = i
			for _, k := range []string{"shortDescription", "fullDescription", "help"} {
				requireString(t, requireObject(t, rule, k, "reportingDescriptor"), "text", "multiformatMessageString")
			}
		}
		for _, x := range requireArray(t, run, "invocations", "run") {
			inv := x.(map[string]any)
			_, ok := inv["executionSuccessful"].(bool)
			assert.True(t, ok, "invocation.executionSuccessful is required")
			if ns, ok := inv["toolExecutionNotifications"].([]any); ok {
				for _, n := range ns {
					validateMessage(t, n.(map[string]any), "notification")
				}
			}
		}
		for _, x := range requireArray(t, run, "results", "run") {
			res := x.(map[string]any)
			validateMessage(t, res, "result")
			id := requireString(t, res, "ruleId", "result")
			idx, known := rules[id]
			assert.True(t, known, "result.ruleId %q names a rule", id)
			assert.EqualValues(t, idx, res["ruleIndex"], "result.ruleIndex matches ruleId")
			for _, l := range requireArray(t, res, "locations", "result") {
				validateLocation(t, l.(map[string]any))
			}
			if rel, ok := res["relatedLocations"].([]any); ok {
				for _, l := range rel {
					validateLocation(t, l.(map[string]any))
				}
			}
			if fixes, ok := res["fixes"].([]any); ok {
				for _, f := range fixes {
					validateFix(t, f.(map[string]any))
				}
			}
		}
	}
}

func validateMessage(t *testing.T, obj map[string]any, what string) {
	t.Helper()
	requireString(t, requireObject(t, obj, "message", what), "text", "message")
}

func validateLocation(t *testing.T, loc map[string]any) {
	t.Helper()
	phys := requireObject(t, loc, "physicalLocation", "location")
	requireString(t, requireObject(t, phys, "artifactLocation", "physicalLocation"), "uri", "artifactLocation")
	region := requireObject(t, phys, "region", "physicalLocation")
	line, ok := region["startLine"].(float64)
	assert.True(t, ok && line >= 1, "region.startLine >= 1: %v", region)
}

func validateFix(t *testing.T, fix map[string]any) {
	t.Helper()
	for _, c := range requireArray(t, fix, "artifactChanges", "fix") {
		change := c.(map[string]any)
		requireString(t, requireObject(t, change, "artifactLocation", "artifactChange"), "uri", "artifactLocation")
		for _, r := range requireArray(t, change, "replacements", "artifactChange") {
			region := requireObject(t, r.(map[string]any), "deletedRegion", "replacement")
			_, ok := region["byteOffset"].(float64)
			assert.True(t, ok, "deletedRegion.byteOffset: %v", region)
		}
	}
}

func requireObject(t *testing.T, obj map[string]any, key, what string) map[string]any {
	t.Helper()
	v, ok := obj[key].(map[string]any)
	require.True(t, ok, "%s.%s is a required object: %v", what, key, obj)
	return v
}

func requireArray(t *testing.T, obj map[string]any, key, what string) []any {
	t.Helper()
	v, ok := obj[key].([]any)
	require.True(t, ok, "%s.%s is a required array: %v", what, key, obj)
	return v
}

func requireString(t *testing.T, obj map[string]any, key, what string) string {
	t.Helper()
	v, ok := obj[key].(string)
	require.True(t, ok && v != "", "%s.%s is a required string: %v", what, key, obj)
	return v
}
