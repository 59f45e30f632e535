package main

// Robustness: code that analyzers meet in the wild and rarely in their testdata
// (generics, cgo, packages that do not type-check, huge generated files) runs to
// the end with the right exit code and no crash, standalone and under go vet. The
// test binary is the command (TestMain), so no build is needed; the go-redis
// stubs of analysistest/testdata stand in for the real module through a replace.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/testtree"
)

// crash matches what a crashing run prints: a Go runtime dump, a panic relayed by
// the driver, or a panic the guard turned into a finding.
var crash = regexp.MustCompile(`(?m)^(panic: |fatal error: )|goroutine \d+ \[|internal error`)

// files maps a module's relative paths to their contents.
type files map[string]string

// goredisStub is the module of the go-redis v9 stubs, under their real import path.
const goredisStub = "github.com/redis/go-redis/v9"

// writeModule writes a module example.com/svc with fs; when it imports go-redis,
// the stubs are copied next to it and required through a replace.
func writeModule(t *testing.T, fs files) string {
	t.Helper()
	dir := t.TempDir()
	gomod := "module example.com/svc\n\ngo 1.26\n"
	for _, src := range fs {
		if strings.Contains(src, `"`+goredisStub+`"`) {
			stub := filepath.Join(dir, "_stubs", "goredis")
			require.NoError(t, os.CopyFS(stub, os.DirFS(filepath.Join(testtree.Dir(t), "src", goredisStub))))
			writeFile(t, filepath.Join(stub, "go.mod"), "module "+goredisStub+"\n\ngo 1.26\n")
			gomod += "\nrequire " + goredisStub + " v9.0.0\n\nreplace " + goredisStub + " => ./_stubs/goredis\n"
			break
		}
	}
	writeFile(t, filepath.Join(dir, "go.mod"), gomod)
	for name, src := range fs {
		writeFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

// result is one run of the command.
type result struct {
	stdout, stderr string
	code           int
}

// vet runs `go vet -vettool=<this test binary> args...` in dir, with env added to
// the environment (IDEMLINT_TEST_MAIN=panic: the panicking command).
func vet(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + self}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "IDEMLINT_TEST_MAIN="+asCommand, "GOFLAGS=-mod=mod", "GOWORK=off"), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	code := 0
	if err := cmd.Run(); err != nil {
		exit, ok := err.(*exec.ExitError)
		require.True(t, ok, "%v", err)
		code = exit.ExitCode()
	}
	return result{out.String(), errOut.String(), code}
}

// standalone runs the command in dir.
func standalone(t *testing.T, dir string, args ...string) result {
	t.Helper()
	stdout, stderr, code := runIdemlint(t, dir, args...)
	return result{stdout, stderr, code}
}

// noCrash fails when r's output looks like a crash.
func noCrash(t *testing.T, what string, r result) {
	t.Helper()
	assert.NotRegexp(t, crash, r.stdout+r.stderr, "%s: output looks like a crash", what)
}

// textFinding matches a finding in text output (not its related positions, which
// are indented): file.go:line:col: message.
var textFinding = regexp.MustCompile(`(?m)^(?:\./)?(\S+\.go):(\d+):\d+: [^\t]`)

// findingsAt returns the "file:line" of each text finding in output, relative to dir.
func findingsAt(dir, output string) []string {
	var at []string
	for _, m := range textFinding.FindAllStringSubmatch(output, -1) {
		file := strings.TrimPrefix(m[1], dir+string(filepath.Separator))
		at = append(at, filepath.ToSlash(file)+":"+m[2])
	}
	return at
}

// generic wraps a store client in type parameters: a generic cache of any value
// type, a generic repository over it, their instantiated methods called from
// another package, method values, generic aliases, iterators and recursive types.
var generic = files{
	"store/store.go": `package store

import (
	"context"
	"iter"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache is a store client for values of one type.
type Cache[V any] struct {
	rdb    *redis.Client
	prefix string
}

func New[V any](rdb *redis.Client, prefix string) *Cache[V] { return &Cache[V]{rdb: rdb, prefix: prefix} }

func (c *Cache[V]) key(id string) string { return c.prefix + id }

func (c *Cache[V]) Seen(ctx context.Context, id string) bool {
	return c.rdb.Exists(ctx, c.key(id)).Val() > 0
}

func (c *Cache[V]) Mark(ctx context.Context, id string, v V) {
	c.rdb.Set(ctx, c.key(id), v, 24*time.Hour)
}

func (c *Cache[V]) Claim(ctx context.Context, id string, v V) bool {
	return c.rdb.SetNX(ctx, c.key(id), v, 24*time.Hour).Val()
}

// All iterates over the given ids that were seen.
func (c *Cache[V]) All(ctx context.Context, ids ...string) iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		for _, id := range ids {
			if !yield(id, c.Seen(ctx, id)) {
				return
			}
		}
	}
}

// Alias is a generic alias of Cache.
type Alias[V any] = Cache[V]

// Entity is what a repository stores.
type Entity interface {
	comparable
	Key() string
}

// Repo is a generic repository over a cache.
type Repo[T Entity] struct{ cache *Cache[T] }

func NewRepo[T Entity](c *Alias[T]) *Repo[T] { return &Repo[T]{cache: c} }

// SaveOnce checks and then writes: not atomic.
func (r *Repo[T]) SaveOnce(ctx context.Context, t T) {
	if r.cache.Seen(ctx, t.Key()) {
		return
	}
	r.cache.Mark(ctx, t.Key(), t)
}

// ClaimOnce claims atomically.
func (r *Repo[T]) ClaimOnce(ctx context.Context, t T) bool { return r.cache.Claim(ctx, t.Key(), t) }

// Node is a recursive generic type.
type Node[T any] struct {
	Next *Node[T]
	Val  T
}

// Number is a union constraint.
type Number interface{ ~int | ~int64 | ~float64 }

func Sum[N Number](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
`,
	"svc/svc.go": `package svc

import (
	"context"
	"time"

	"example.com/svc/store"
	"github.com/redis/go-redis/v9"
)

type Order struct{ ID string }

func (o Order) Key() string { return "order:" + o.ID }

func charge(Order) {}

// Handle checks with one instantiated method and writes with another.
func Handle(ctx context.Context, rdb *redis.Client, o Order) {
	c := store.New[Order](rdb, "evt:")
	if c.Seen(ctx, o.ID) {
		return
	}
	charge(o)
	c.Mark(ctx, o.ID, o) // a check-then-act through the generic wrapper
}

// HandleClaimed is Handle's twin with an atomic claim.
func HandleClaimed(ctx context.Context, rdb *redis.Client, o Order) {
	c := store.New[Order](rdb, "evt:")
	if !c.Claim(ctx, o.ID, o) {
		return
	}
	charge(o)
}

// Direct is Handle on the client itself, inside a generic function.
func Direct[T interface{ Key() string }](ctx context.Context, rdb *redis.Client, t T) {
	if rdb.Exists(ctx, t.Key()).Val() > 0 {
		return
	}
	rdb.Set(ctx, t.Key(), 1, time.Hour)
}

// Uses instantiates the rest: repositories, method values, iterators, recursion.
func Uses(ctx context.Context, rdb *redis.Client) int {
	repo := store.NewRepo[Order](store.New[Order](rdb, "o:"))
	save := repo.SaveOnce
	save(ctx, Order{ID: "1"})
	_ = repo.ClaimOnce(ctx, Order{ID: "2"})
	n := 0
	for _, seen := range store.New[int](rdb, "n:").All(ctx, "a", "b") {
		if seen {
			n++
		}
	}
	list := &store.Node[Order]{Val: Order{ID: "3"}, Next: &store.Node[Order]{}}
	keys := store.Map([]Order{list.Val}, Order.Key)
	return n + store.Sum(len(keys), 1) + int(store.Sum[float64](1.5))
}
`,
}

// TestGenerics: generic wrappers of a store client and generic repositories are
// analyzed through their instantiations, standalone and under go vet, with the
// same findings; the atomic twin is not reported.
func TestGenerics(t *testing.T) {
	dir := writeModule(t, generic)
	sa := standalone(t, dir, "./...")
	noCrash(t, "standalone", sa)
	assert.Equal(t, 3, sa.code, sa.stderr)
	got := findingsAt(dir, sa.stderr)
	assert.Contains(t, got, "svc/svc.go:24", "the check-then-act through Cache[Order]:\n%s", sa.stderr)
	assert.Contains(t, got, "svc/svc.go:41", "the check-then-act in a generic function:\n%s", sa.stderr)
	assert.Contains(t, got, "store/store.go:63", "the check-then-act in Repo[T].SaveOnce:\n%s", sa.stderr)
	assert.Len(t, got, 4, "HandleClaimed and ClaimOnce claim atomically:\n%s", sa.stderr)
	assert.Contains(t, sa.stderr, "EXISTS (in New[Order](rdb, \"evt:\").Seen) then SET", "instantiations are named as written")

	v := vet(t, dir, nil, "./...")
	noCrash(t, "go vet", v)
	assert.NotEqual(t, 0, v.code, "go vet exits non-zero on findings")
	assert.ElementsMatch(t, got, findingsAt(dir, v.stderr), "go vet:\n%s", v.stderr)
}

// TestCgo: a package that imports "C" is analyzed (its Go code, at positions of
// its own file), standalone and under go vet.
func TestCgo(t *testing.T) {
	requireCgo(t)
	dir := writeModule(t, files{"svc/svc.go": strings.Replace(racy, `import "sync"`,
		"// #include <stdlib.h>\n// static int twice(int x) { return 2 * x; }\nimport \"C\"\n\nimport \"sync\"", 1) +
		"\nfunc Twice(x int) int { return int(C.twice(C.int(x))) }\n"})
	want := []string{"svc/svc.go:" + fmt.Sprint(lineOf(t, dir, "svc/svc.go", "seen.Store"))}

	sa := standalone(t, dir, "./...")
	noCrash(t, "standalone", sa)
	assert.Equal(t, 3, sa.code, sa.stderr)
	assert.Equal(t, want, findingsAt(dir, sa.stderr))

	v := vet(t, dir, nil, "./...")
	noCrash(t, "go vet", v)
	assert.Equal(t, want, findingsAt(dir, v.stderr))
}

// requireCgo skips when cgo is off or no C compiler is installed.
func requireCgo(t *testing.T) {
	t.Helper()
	out, err := exec.Command("go", "env", "CGO_ENABLED", "CC").Output()
	require.NoError(t, err)
	env := strings.Fields(string(out))
	if len(env) < 2 || env[0] != "1" {
		t.Skip("cgo is disabled")
	}
	if _, err := exec.LookPath(env[1]); err != nil {
		t.Skipf("no C compiler (%s)", env[1])
	}
}

// lineOf returns the line of file in dir that contains text.
func lineOf(t *testing.T, dir, file, text string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, file))
	require.NoError(t, err)
	for i, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no %q", file, text)
	return 0
}

// generated returns a generated Go file of about lines lines, in the shapes code
// generators write: message types with getters and store methods (SQL, sync.Map),
// a registry table, one huge function (a switch over every message, the shape
// that makes a graph algorithm's cost show) and a webhook handler calling it.
func generated(lines int) string {
	var b strings.Builder
	b.WriteString(`// Code generated by robust_test.go. DO NOT EDIT.

package svc

import (
	"database/sql"
	"net/http"
	"strconv"
	"sync"
)

var (
	registry sync.Map
	db       *sql.DB
)

`)
	types := lines / 50
	for i := range types {
		fmt.Fprintf(&b, "type Msg%d struct {\n\tID    string\n\tKey   string\n\tCount int64\n}\n\n", i)
		for _, f := range []string{"ID", "Key"} {
			fmt.Fprintf(&b, "func (m *Msg%d) Get%s() string {\n\tif m == nil {\n\t\treturn \"\"\n\t}\n\treturn m.%s\n}\n\n", i, f, f)
		}
		fmt.Fprintf(&b, "func (m *Msg%d) Register() {\n\tif _, ok := registry.Load(m.GetKey()); ok {\n\t\treturn\n\t}\n\tregistry.Store(m.GetKey(), m)\n}\n\n", i)
		fmt.Fprintf(&b, "func (m *Msg%d) Save() error {\n\t_, err := db.Exec(`INSERT INTO msg%d (id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING`, m.ID, m.Key)\n\treturn err\n}\n\n", i, i)
	}
	b.WriteString("var names = []string{\n")
	for i := range types * 5 {
		fmt.Fprintf(&b, "\t\"msg.%d\",\n", i)
	}
	b.WriteString("}\n\n// Dispatch is one function with a case per message.\nfunc Dispatch(kind int, id string) error {\n\tswitch kind {\n")
	for i := range types {
		fmt.Fprintf(&b, "\tcase %d:\n\t\tm := &Msg%d{ID: id, Key: names[%d]}\n\t\tm.Register()\n\t\treturn m.Save()\n", i, i, i)
	}
	b.WriteString(`	}
	return nil
}

// Webhook receives one delivery.
func Webhook(w http.ResponseWriter, r *http.Request) {
	kind, _ := strconv.Atoi(r.URL.Query().Get("kind"))
	if err := Dispatch(kind, r.Header.Get("X-Event-Id")); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
}
`)
	return b.String()
}

// illTyped is a module where one package does not type-check, one imports it, and
// one stands apart with a finding.
var illTyped = files{
	"svc/svc.go":       racy,
	"broken/broken.go": "package broken\n\nfunc Handle() { undefined() }\n",
	"user/user.go":     "package user\n\nimport \"example.com/svc/broken\"\n\nfunc Run() { broken.Handle() }\n",
}

// TestTypeErrors: a package that does not type-check is an error naming the file
// and line, in text and JSON (exit 1), never a crash; the packages that do not
// depend on it are still analyzed (go/analysis skips the ones that import it).
func TestTypeErrors(t *testing.T) {
	dir := writeModule(t, illTyped)
	typeError := filepath.Join(dir, "broken", "broken.go") + ":3:17: undefined: undefined"
	finding := filepath.Join(dir, "svc", "svc.go") + ":13:12: Load then Store"

	sa := standalone(t, dir, "./...")
	noCrash(t, "standalone", sa)
	assert.Equal(t, 1, sa.code)
	assert.Contains(t, sa.stderr, typeError)
	assert.Contains(t, sa.stderr, finding, "the package apart is analyzed")

	js := standalone(t, dir, "-json", "./...")
	noCrash(t, "standalone -json", js)
	assert.Equal(t, 1, js.code)
	assert.Contains(t, js.stderr, typeError)
	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &tree), "stdout is one JSON document:\n%s", js.stdout)
	assert.Contains(t, string(tree["example.com/svc/svc"]["checkthenact"]), "Load then Store")
	assert.Contains(t, string(tree["example.com/svc/broken"]["checkthenact"]), `"error"`, "the broken package is not analyzed, and says so")

	v := vet(t, dir, nil, "./...")
	noCrash(t, "go vet", v)
	assert.NotEqual(t, 0, v.code)
	assert.Contains(t, v.stderr, "broken/broken.go:3:17: undefined: undefined")
}

// TestHugeGeneratedFile: a 50,000-line generated file (message types, store calls,
// one function with a case per message) is analyzed to the end without a crash,
// and the package's own code is still checked.
func TestHugeGeneratedFile(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 50,000-line package")
	}
	dir := writeModule(t, files{"svc/svc.go": racy, "svc/messages.pb.go": generated(50000)})
	sa := standalone(t, dir, "./...")
	noCrash(t, "standalone", sa)
	assert.Equal(t, 3, sa.code, sa.stderr)
	assert.Equal(t, []string{"svc/svc.go:13"}, findingsAt(dir, sa.stderr), "the generated code is clean: ON CONFLICT, Load then Store of a registry")
}

// TestAllTestdataInOneRun runs every analyzer over the whole shared testdata tree
// (every case package and stub, GOPATH layout) in one run, as a user's module
// with all of those shapes would be: no crash, every analyzer reports, and no
// finding lands in a stub of a third-party package.
func TestAllTestdataInOneRun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the run over all testdata")
	}
	src := filepath.Join(testtree.Dir(t), "src")
	self, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(self, "-json", "./...")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "IDEMLINT_TEST_MAIN="+asCommand, "GO111MODULE=off", "GOPATH="+filepath.Dir(src), "GOFLAGS=")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	noCrash(t, "all testdata", result{stdout.String(), stderr.String(), 0})

	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(stdout.String()), &tree))
	reported := map[string]bool{}
	for pkg, byAnalyzer := range tree {
		for analyzer, diags := range byAnalyzer {
			assert.NotContains(t, string(diags), `"error"`, "%s: %s failed", pkg, analyzer)
			reported[analyzer] = true
			path, _, _ := strings.Cut(pkg, " ") // "p [p.test]": the test variant
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
				t.Errorf("%s: %s reports in a stub of a third-party package: %s", pkg, analyzer, diags)
			}
		}
	}
	for _, a := range idemlint.Analyzers() {
		assert.True(t, reported[a.Name], "%s reports nothing over all testdata", a.Name)
	}
}
