package integration

// TestKeyModules proves coarsekey's and dedupttl's model of the real APIs: a small
// module (testdata/keysmod) built against the real stripe-go v82, amqp091-go,
// go-redis, redigo, uuid and retry-go, with a key builder in one package used by
// another through facts. Standalone and go vet -vettool must both report exactly
// the `// want coarsekey` and `// want dedupttl` lines, with the same messages.

import (
	"strings"
	"testing"
	"time"
)

// keysGoMod is the temporary module's go.mod; `go mod tidy` completes it.
const keysGoMod = `module example.com/keysmod

go 1.26

require (
	github.com/avast/retry-go/v4 v4.7.0
	github.com/gomodule/redigo v1.9.3
	github.com/google/uuid v1.6.0
	github.com/rabbitmq/amqp091-go v1.10.0
	github.com/redis/go-redis/v9 v9.23.0
	github.com/stripe/stripe-go/v82 v82.5.1
)
`

// keyAnalyzers are the analyzers this test checks.
var keyAnalyzers = []string{"coarsekey", "dedupttl"}

func TestKeyModules(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the build of idemlint and the download of stripe-go and friends")
	}
	start := time.Now()
	_, mod, bin, modEnv := realModule(t, "keysmod", keysGoMod, "stripe-go, amqp091-go, go-redis, redigo")
	want := wantsOf(parseWants(t, mod), keyAnalyzers...)
	if len(want) == 0 {
		t.Fatal("no // want coarsekey or dedupttl comments found in testdata/keysmod")
	}
	sa := run(t, mod, modEnv, bin, "-json", "./...")
	if sa.code != 0 {
		t.Errorf("idemlint -json ./...: exit %d, want 0\nstderr:\n%s", sa.code, sa.stderr)
	}
	standalone := findingsOf(parseJSONStream(t, "idemlint -json", sa.stdout, mod), keyAnalyzers...)
	gv := run(t, mod, modEnv, "go", "vet", "-vettool="+bin, "-json", "./...")
	if gv.code != 0 {
		t.Errorf("go vet -vettool -json ./...: exit %d, want 0\nstderr:\n%s", gv.code, gv.stderr)
	}
	vet := findingsOf(parseJSONStream(t, "go vet -json", gv.stdout+"\n"+gv.stderr, mod), keyAnalyzers...)

	compareSets(t, "idemlint -json ./... vs // want coarsekey, dedupttl", want, keys(standalone))
	compareSets(t, "go vet -vettool -json ./... vs // want coarsekey, dedupttl", want, keys(vet))
	compareSets(t, "idemlint -json vs go vet -json (coarsekey, dedupttl, with messages)", withMessages(standalone), withMessages(vet))
	if t.Failed() {
		t.Logf("standalone JSON:\n%s", sa.stdout)
		t.Logf("go vet JSON:\n%s\n%s", gv.stdout, gv.stderr)
	}
	t.Logf("integration: keysmod (stripe-go, amqp091-go, go-redis, redigo) took %v", time.Since(start).Round(time.Second))
}

// wantsOf keeps the expectations of the analyzers named.
func wantsOf(want map[string]bool, analyzers ...string) map[string]bool {
	out := make(map[string]bool)
	for k := range want {
		if byAnalyzer(k, analyzers) {
			out[k] = true
		}
	}
	return out
}

// findingsOf keeps the findings of the analyzers named.
func findingsOf(fs []finding, analyzers ...string) []finding {
	var out []finding
	for _, f := range fs {
		if byAnalyzer(f.key, analyzers) {
			out = append(out, f)
		}
	}
	return out
}

// byAnalyzer reports whether a "file:line analyzer" key is one of analyzers'.
func byAnalyzer(key string, analyzers []string) bool {
	for _, a := range analyzers {
		if strings.HasSuffix(key, " "+a) {
			return true
		}
	}
	return false
}
