package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// runSARIF runs this same binary with -json, so that flags, package loading and
// analysis stay exactly multichecker's, and prints its findings as SARIF 2.1.0 on
// standard output. The exit code is multichecker's without -json: 1 when loading
// or an analyzer failed, else 3 when there are findings, else 0.
func runSARIF(analyzers []*analysis.Analyzer, args []string) int {
	for _, a := range args {
		if name := strings.TrimLeft(a, "-"); name == "fix" || name == "diff" || strings.HasPrefix(name, "fix=") {
			fmt.Fprintln(os.Stderr, "idemlint: -sarif cannot be combined with -fix or -diff")
			return 1
		}
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "idemlint:", err)
		return 1
	}
	var stdout bytes.Buffer
	cmd := exec.Command(self, append([]string{"-json"}, args...)...)
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintln(os.Stderr, "idemlint:", err)
			return 1
		}
		code = exit.ExitCode()
	}
	tree, err := parseTree(stdout.Bytes())
	if err != nil {
		fmt.Fprintln(os.Stderr, "idemlint: reading -json output:", err)
		code = 1
	}
	cwd, _ := os.Getwd()
	log, failed, found := toSARIF(tree, analyzers, moduleRoot(cwd), code == 0)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		fmt.Fprintln(os.Stderr, "idemlint:", err)
		return 1
	}
	switch {
	case code != 0 || failed:
		return 1
	case found:
		return 3
	}
	return 0
}

// jsonTree is multichecker's -json output: package ID -> analyzer -> diagnostics or
// {"error": "..."}.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// parseTree reads -json output; empty output (nothing loaded) is an empty tree.
func parseTree(b []byte) (jsonTree, error) {
	tree := jsonTree{}
	if len(bytes.TrimSpace(b)) == 0 {
		return tree, nil
	}
	return tree, json.Unmarshal(b, &tree)
}

// moduleRoot returns the directory of the go.mod above dir, or dir itself.
func moduleRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// The subset of SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) that
// idemlint writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
		Invocations        []sarifInvocation        `json:"invocations"`
		Results            []sarifResult            `json:"results"`
		ColumnKind         string                   `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		FullDescription      sarifMessage `json:"fullDescription"`
		Help                 sarifMessage `json:"help"`
		HelpURI              string       `json:"helpUri,omitempty"`
		DefaultConfiguration struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string       `json:"level"`
		Message sarifMessage `json:"message"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifMessage         `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine,omitempty"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	// sarifBytes is a region by byte offsets, as suggested fixes give them.
	sarifBytes struct {
		ByteOffset int `json:"byteOffset"`
		ByteLength int `json:"byteLength"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifBytes    `json:"deletedRegion"`
		InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
	}
)

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	srcRoot      = "SRCROOT"
)

// sarifWriter turns one -json tree into one SARIF run.
type sarifWriter struct {
	root  string // module root: file URIs are relative to it
	rules map[string]int
	run   sarifRun
}

// toSARIF converts tree. failed says an analyzer reported an error; found says
// there is at least one result.
func toSARIF(tree jsonTree, analyzers []*analysis.Analyzer, root string, loaded bool) (log sarifLog, failed, found bool) {
	w := &sarifWriter{root: root, rules: map[string]int{}}
	w.run.Tool.Driver = sarifDriver{Name: "idemlint", InformationURI: "https://github.com/idemlint/idemlint", Rules: []sarifRule{}}
	for _, a := range analyzers {
		w.rules[a.Name] = len(w.run.Tool.Driver.Rules)
		w.run.Tool.Driver.Rules = append(w.run.Tool.Driver.Rules, rule(a))
	}
	w.run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: dirURI(root)}}
	w.run.ColumnKind = "utf16CodeUnits"
	w.run.Results = []sarifResult{}
	inv := sarifInvocation{ExecutionSuccessful: loaded}
	for _, pkg := range sortedKeys(tree) {
		for _, a := range analyzers {
			raw, ok := tree[pkg][a.Name]
			if !ok {
				continue
			}
			if msg, isErr := analyzerError(raw); isErr {
				inv.Notifications = append(inv.Notifications, sarifNotification{Level: "error",
					Message: sarifMessage{fmt.Sprintf("%s: %s: %s", pkg, a.Name, msg)}})
				failed = true
				continue
			}
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				inv.Notifications = append(inv.Notifications, sarifNotification{Level: "error",
					Message: sarifMessage{fmt.Sprintf("%s: %s: %v", pkg, a.Name, err)}})
				failed = true
				continue
			}
			for _, d := range diags {
				w.run.Results = append(w.run.Results, w.result(a.Name, d))
			}
		}
	}
	inv.ExecutionSuccessful = inv.ExecutionSuccessful && !failed
	w.run.Invocations = []sarifInvocation{inv}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{w.run}}, failed, len(w.run.Results) > 0
}

// rule describes an analyzer: the first line of its Doc is the short description.
func rule(a *analysis.Analyzer) sarifRule {
	short, body, _ := strings.Cut(a.Doc, "\n")
	r := sarifRule{ID: a.Name, Name: a.Name, ShortDescription: sarifMessage{short},
		FullDescription: sarifMessage{cmp.Or(strings.TrimSpace(body), short)}, Help: sarifMessage{a.Doc + helpSuffix(a)}, HelpURI: a.URL}
	r.DefaultConfiguration.Level = "warning"
	return r
}

// helpSuffix points from the help text to the documentation and the suppression.
func helpSuffix(a *analysis.Analyzer) string {
	s := "\n\nSuppress one finding with //idemlint:ignore " + a.Name + " <reason>."
	if a.URL != "" {
		s = "\n\nDocumentation: " + a.URL + s
	}
	return s
}

// analyzerError returns the message of an {"error": ...} entry.
func analyzerError(raw json.RawMessage) (string, bool) {
	var e struct {
		Err *string `json:"error"`
	}
	if json.Unmarshal(raw, &e) != nil || e.Err == nil {
		return "", false
	}
	return *e.Err, true
}

// result converts one diagnostic of analyzer.
func (w *sarifWriter) result(analyzer string, d jsonDiagnostic) sarifResult {
	r := sarifResult{RuleID: analyzer, RuleIndex: w.rules[analyzer], Level: "warning",
		Message: sarifMessage{d.Message}, Locations: []sarifLocation{w.location(d.Posn, d.End)}}
	if d.Category == "internal" {
		r.Level = "error"
	}
	for i, rel := range d.Related {
		loc := w.location(rel.Posn, rel.End)
		id := i + 1
		loc.ID, loc.Message = &id, &sarifMessage{rel.Message}
		r.RelatedLocations = append(r.RelatedLocations, loc)
	}
	for _, f := range d.SuggestedFixes {
		fix := sarifFix{Description: sarifMessage{f.Message}}
		byFile := map[string]int{}
		for _, e := range f.Edits {
			i, ok := byFile[e.Filename]
			if !ok {
				i = len(fix.ArtifactChanges)
				byFile[e.Filename] = i
				fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: w.artifact(e.Filename)})
			}
			fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, sarifReplacement{
				DeletedRegion:   sarifBytes{ByteOffset: e.Start, ByteLength: e.End - e.Start},
				InsertedContent: &sarifMessage{e.New},
			})
		}
		if len(fix.ArtifactChanges) > 0 {
			r.Fixes = append(r.Fixes, fix)
		}
	}
	return r
}

// location converts "file:line:col" positions; a missing end is the start.
func (w *sarifWriter) location(posn, end string) sarifLocation {
	file, line, col := splitPosn(posn)
	_, endLine, endCol := splitPosn(end)
	region := sarifRegion{StartLine: max(line, 1), StartColumn: col}
	if endLine > line || endLine == line && endCol > col {
		region.EndLine, region.EndColumn = endLine, endCol
	}
	return sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: w.artifact(file), Region: region}}
}

// artifact names file relative to the module root, or by an absolute file URI when
// it lies outside (the standard library).
func (w *sarifWriter) artifact(file string) sarifArtifact {
	if rel, err := filepath.Rel(w.root, file); err == nil && filepath.IsAbs(file) && !strings.HasPrefix(rel, "..") {
		return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifact{URI: fileURI(file)}
}

// splitPosn splits "file:line:col" (file may itself contain colons).
func splitPosn(posn string) (file string, line, col int) {
	rest, c, ok := cutLastNumber(posn)
	if !ok {
		return posn, 0, 0
	}
	file, l, ok := cutLastNumber(rest)
	if !ok {
		return rest, c, 0 // file:line
	}
	return file, l, c
}

// cutLastNumber splits "s:N" into s and N.
func cutLastNumber(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0, false
	}
	return s[:i], n, true
}

// fileURI is the file:// URI of an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// dirURI is the file:// URI of a directory, with the trailing slash SARIF requires
// of a base URI.
func dirURI(dir string) string {
	return strings.TrimSuffix(fileURI(dir), "/") + "/"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
