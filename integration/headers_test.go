package integration

// TestHeaderModules proves headermismatch's model of the real header APIs: a small
// module (testdata/headermod) built against the real gin, echo, gRPC metadata and
// go-redis modules, with a client package whose sent headers reach the server
// packages as facts. Standalone and go vet -vettool must both report exactly the
// `// want headermismatch` lines, with the same messages.
//
// It reuses the helpers of integration_test.go (run, parseWants, parseJSONStream,
// compareSets, ...).

import (
	"testing"
	"time"
)

// hdrGoMod is the temporary module's go.mod; `go mod tidy` completes it. gRPC is
// included: only its metadata package (and what that imports) is compiled.
const hdrGoMod = `module example.com/headermod

go 1.26

require (
	github.com/gin-gonic/gin v1.12.0
	github.com/labstack/echo/v4 v4.16.0
	github.com/redis/go-redis/v9 v9.23.0
	google.golang.org/grpc v1.85.0
)
`

// hdrAnalyzer is the analyzer this test checks; other analyzers' findings on the
// module are another test's business.
const hdrAnalyzer = "headermismatch"

func TestHeaderModules(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the build of idemlint and the download of gin, echo and grpc")
	}
	start := time.Now()
	checkModule(t, "headermod", hdrGoMod, "gin, echo and grpc", hdrAnalyzer)
	t.Logf("integration: headermod (gin, echo, grpc) took %v", time.Since(start).Round(time.Second))
}
