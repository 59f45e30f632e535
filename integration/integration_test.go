// Package integration runs the idemlint command, built from this repository, on a
// small module that imports the real client libraries (go-redis v9 and v8, redigo,
// pgx/v5), standalone and under go vet -vettool, and compares what it reports with
// the `// want <analyzer>...` comments in that module's sources.
//
// The module's sources live in testdata/realmod and are copied into a temporary
// directory next to a generated go.mod; `go mod tidy` there downloads the real
// modules through the environment's GOPROXY into GOMODCACHE, so later runs are
// served from the cache.
package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// realmodGoMod is the temporary module's go.mod; `go mod tidy` completes it.
const realmodGoMod = `module example.com/realmod

go 1.26

require (
	github.com/go-redis/redis/v8 v8.11.5
	github.com/gomodule/redigo v1.9.3
	github.com/jackc/pgx/v5 v5.12.0
	github.com/redis/go-redis/v9 v9.23.0
)
`

// execTimeout bounds every command the test runs.
const execTimeout = 10 * time.Minute

func TestRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the build of idemlint and the download of real modules")
	}
	_, mod, bin, modEnv := realModule(t, "realmod", realmodGoMod, "github.com/redis/go-redis/v9 and friends")

	want := parseWants(t, mod)
	if len(want) == 0 {
		t.Fatal("no // want comments found in testdata/realmod")
	}

	// 3a. Standalone, JSON. multichecker prints one JSON object on stdout and, with
	// -json, always exits 0.
	sa := run(t, mod, modEnv, bin, "-json", "./...")
	if sa.code != 0 {
		t.Errorf("idemlint -json ./...: exit %d, want 0\nstderr:\n%s", sa.code, sa.stderr)
	}
	standalone := parseJSONStream(t, "idemlint -json", sa.stdout, mod)

	// 3b. Standalone, text: exit code 3 means "findings", and the positions must be
	// the same as in JSON mode.
	st := run(t, mod, modEnv, bin, "./...")
	if wantCode := 3; st.code != wantCode {
		t.Errorf("idemlint ./...: exit %d, want %d (findings)\nstderr:\n%s", st.code, wantCode, st.stderr)
	}
	compareSets(t, "idemlint ./... (text) positions vs JSON positions", positions(standalone), parseTextPositions(t, st.stderr, mod))

	// 4a. Under go vet, JSON. go vet relays the vettool's output: with Go 1.26 one
	// JSON object per package with findings, on stdout, exit 0. Older go commands
	// printed to stderr with "# pkg" lines in between, so both streams are read.
	gv := run(t, mod, modEnv, "go", "vet", "-vettool="+bin, "-json", "./...")
	if gv.code != 0 {
		t.Errorf("go vet -vettool -json ./...: exit %d, want 0\nstderr:\n%s", gv.code, gv.stderr)
	}
	vet := parseJSONStream(t, "go vet -json", gv.stdout+"\n"+gv.stderr, mod)

	// 4b. Under go vet, text: findings make go vet exit 1; positions are printed
	// relative to the current directory.
	gt := run(t, mod, modEnv, "go", "vet", "-vettool="+bin, "./...")
	if gt.code == 0 {
		t.Errorf("go vet -vettool ./...: exit 0, want non-zero (findings)\nstderr:\n%s", gt.stderr)
	}
	compareSets(t, "go vet (text) positions vs go vet -json positions", positions(vet), parseTextPositions(t, gt.stderr, mod))

	// 5. Both modes against the // want comments, and against each other (with
	// messages).
	compareSets(t, "idemlint -json ./... vs // want", want, keys(standalone))
	compareSets(t, "go vet -vettool -json ./... vs // want", want, keys(vet))
	compareSets(t, "idemlint -json vs go vet -json (with messages)", withMessages(standalone), withMessages(vet))

	if t.Failed() {
		t.Logf("standalone JSON:\n%s", sa.stdout)
		t.Logf("go vet JSON:\n%s\n%s", gv.stdout, gv.stderr)
	}
}

// realModule copies testdata/<name> into a temporary module with gomod, completes
// its go.sum from the module proxy, proves it builds against the real modules, and
// builds idemlint from this repository. It skips when the proxy is off or out of
// reach. It returns the repository root, the module, the binary and the environment
// for commands in the module (never a go.work from outside, -mod=mod added to the
// user's GOFLAGS; GOPROXY and GOMODCACHE are inherited, so downloads are cached).
func realModule(t *testing.T, name, gomod, what string) (root, mod, bin string, modEnv []string) {
	t.Helper()
	tmp := t.TempDir()
	mod = filepath.Join(tmp, name)
	bin = filepath.Join(tmp, "bin", "idemlint")
	if proxy := strings.TrimSpace(goOutput(t, "", nil, "env", "GOPROXY")); proxy == "off" {
		t.Skipf("integration: GOPROXY=off; cannot download %s", what)
	}
	root = repoRoot(t)
	goflags := strings.TrimSpace(goOutput(t, "", nil, "env", "GOFLAGS") + " -mod=mod")
	modEnv = append(os.Environ(), "GOWORK=off", "GOFLAGS="+goflags)

	if err := os.CopyFS(mod, os.DirFS(filepath.Join(root, "integration", "testdata", name))); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "go.mod"), gomod)
	if res := run(t, mod, modEnv, "go", "mod", "tidy"); res.code != 0 {
		if isNetworkError(res.stderr) {
			t.Skipf("integration: go mod tidy could not download modules (network):\n%s", res.stderr)
		}
		t.Fatalf("go mod tidy in %s: exit %d\n%s", mod, res.code, res.stderr)
	}
	// The sources must compile against the real modules, or the test says nothing.
	if res := run(t, mod, modEnv, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("testdata/%s does not build against the real modules: exit %d\n%s", name, res.code, res.stderr)
	}
	if res := run(t, root, nil, "go", "build", "-o", bin, "github.com/idemlint/idemlint/cmd/idemlint"); res.code != 0 {
		t.Fatalf("go build cmd/idemlint: exit %d\n%s", res.code, res.stderr)
	}
	return root, mod, bin, modEnv
}

// finding is one diagnostic: "dir/file.go:LINE analyzer" plus its message.
type finding struct {
	key     string // "rediscache/store.go:42 checkthenact"
	message string
}

func keys(fs []finding) map[string]bool {
	m := make(map[string]bool)
	for _, f := range fs {
		m[f.key] = true
	}
	return m
}

func positions(fs []finding) map[string]bool {
	m := make(map[string]bool)
	for _, f := range fs {
		pos, _, _ := strings.Cut(f.key, " ")
		m[pos] = true
	}
	return m
}

func withMessages(fs []finding) map[string]bool {
	m := make(map[string]bool)
	for _, f := range fs {
		m[f.key+": "+f.message] = true
	}
	return m
}

// compareSets fails with a readable diff unless got equals want.
func compareSets(t *testing.T, what string, want, got map[string]bool) {
	t.Helper()
	var missing, extra []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return
	}
	sort.Strings(missing)
	sort.Strings(extra)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d expected, %d got\n", what, len(want), len(got))
	for _, k := range missing {
		fmt.Fprintf(&b, "  - missing: %s\n", k)
	}
	for _, k := range extra {
		fmt.Fprintf(&b, "  + extra:   %s\n", k)
	}
	t.Error(b.String())
}

var analyzerName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// parseWants reads the `// want a b c` comments of every .go file under dir and
// returns the set of "rel/file.go:LINE analyzer" they expect. Only comments that
// start with "want " count, so prose comments can mention the word.
func parseWants(t *testing.T, dir string) map[string]bool {
	t.Helper()
	want := make(map[string]bool)
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel := relSlash(t, dir, path)
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				text, ok := strings.CutPrefix(c.Text, "//")
				if !ok {
					continue
				}
				rest, ok := strings.CutPrefix(strings.TrimSpace(text), "want ")
				if !ok {
					continue
				}
				line := fset.Position(c.Slash).Line
				n := 0
				for _, name := range strings.Fields(rest) {
					if !analyzerName.MatchString(name) {
						break
					}
					want[fmt.Sprintf("%s:%d %s", rel, line, name)] = true
					n++
				}
				if n == 0 {
					t.Errorf("%s:%d: // want comment names no analyzer: %q", rel, line, c.Text)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("parsing // want comments: %v", err)
	}
	return want
}

// jsonDiag is the part of the multichecker/unitchecker JSON diagnostic we use:
// {"posn": "file:line:col", "end": ..., "message": ..., "category": ...}.
type jsonDiag struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

var posnRE = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

// parseJSONStream decodes every top-level JSON object in out (lines that are not
// part of one, such as go vet's "# pkg" headers, are skipped). Each object maps
// package ID -> analyzer name -> either a list of diagnostics or {"error": msg}.
func parseJSONStream(t *testing.T, what, out, mod string) []finding {
	t.Helper()
	var findings []finding
	rest := out
	objects := 0
	for {
		i := strings.Index(rest, "{")
		if i < 0 {
			break
		}
		// Only an object that begins a line starts a JSON tree.
		if i > 0 && rest[i-1] != '\n' {
			rest = rest[i+1:]
			continue
		}
		dec := json.NewDecoder(strings.NewReader(rest[i:]))
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("%s: cannot decode JSON at %q: %v\nfull output:\n%s", what, head(rest[i:], 200), err, out)
		}
		objects++
		rest = rest[i+int(dec.InputOffset()):]

		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []jsonDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct {
						Error string `json:"error"`
					}
					if json.Unmarshal(raw, &e) == nil && e.Error != "" {
						t.Errorf("%s: analyzer %s failed on %s: %s", what, analyzer, pkg, e.Error)
						continue
					}
					t.Errorf("%s: unexpected JSON for %s/%s: %s", what, pkg, analyzer, raw)
					continue
				}
				for _, d := range diags {
					m := posnRE.FindStringSubmatch(d.Posn)
					if m == nil {
						t.Errorf("%s: bad posn %q", what, d.Posn)
						continue
					}
					findings = append(findings, finding{
						key:     fmt.Sprintf("%s:%s %s", relSlash(t, mod, m[1]), m[2], analyzer),
						message: d.Message,
					})
				}
			}
		}
	}
	if objects == 0 && strings.TrimSpace(out) != "" {
		t.Logf("%s: no JSON object in output:\n%s", what, out)
	}
	return findings
}

var textDiagRE = regexp.MustCompile(`^(\S.*\.go):(\d+):(\d+): (.*)$`)

// parseTextPositions returns "rel/file.go:LINE" for each plain-text diagnostic.
// Related information is printed as "posn: \tmessage" lines; those are skipped.
func parseTextPositions(t *testing.T, out, mod string) map[string]bool {
	t.Helper()
	m := make(map[string]bool)
	for line := range strings.SplitSeq(out, "\n") {
		sub := textDiagRE.FindStringSubmatch(line)
		if sub == nil || strings.HasPrefix(sub[4], "\t") {
			continue
		}
		m[relSlash(t, mod, sub[1])+":"+sub[2]] = true
	}
	return m
}

// relSlash returns file relative to dir, with forward slashes. Relative inputs
// (go vet may print ./pkg/file.go) are taken as relative to dir already.
func relSlash(t *testing.T, dir, file string) string {
	t.Helper()
	if !filepath.IsAbs(file) {
		return filepath.ToSlash(filepath.Clean(file))
	}
	for _, d := range []string{dir, evalSymlinks(dir)} {
		for _, f := range []string{file, evalSymlinks(file)} {
			if r, err := filepath.Rel(d, f); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r)
			}
		}
	}
	return filepath.ToSlash(file)
}

func evalSymlinks(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func head(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs name args in dir with env (nil: inherit) and a timeout; a command
// that cannot start or times out fails the test.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), execTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s (in %s): %v", name, strings.Join(args, " "), dir, time.Since(start).Round(time.Millisecond))
	if ctx.Err() != nil {
		t.Fatalf("%s %s: timed out after %v\nstderr:\n%s", name, strings.Join(args, " "), execTimeout, stderr.String())
	}
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		code = ee.ExitCode()
	}
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func goOutput(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	res := run(t, dir, env, "go", args...)
	if res.code != 0 {
		t.Fatalf("go %s: exit %d\n%s", strings.Join(args, " "), res.code, res.stderr)
	}
	return res.stdout
}

// repoRoot is the directory of this repository's go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	gomod := strings.TrimSpace(goOutput(t, "", nil, "env", "GOMOD"))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("go env GOMOD: not inside the idemlint module")
	}
	return filepath.Dir(gomod)
}

// isNetworkError reports whether go's stderr looks like a failed download rather
// than a real error in the module.
func isNetworkError(stderr string) bool {
	for _, s := range []string{
		"dial tcp", "no such host", "connection refused", "connection reset",
		"i/o timeout", "TLS handshake timeout", "network is unreachable",
		"proxyconnect", "Temporary failure in name resolution", "server misbehaving",
		"unexpected EOF", "502 Bad Gateway", "503 Service Unavailable", "504 Gateway Timeout",
	} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
