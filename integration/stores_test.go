package integration

// The four stores of issue 11 against their real modules: rueidis and valkey-go
// builders, GORM on the postgres driver, the MongoDB v2 driver and DynamoDB. No
// database is needed: the analysis never runs the code.

import (
	"strings"
	"testing"
	"time"
)

const storesGoMod = `module example.com/storesmod

go 1.26

require (
	github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue v1.21.23
	github.com/aws/aws-sdk-go-v2/service/dynamodb v1.74.1
	github.com/redis/rueidis v1.0.80
	github.com/valkey-io/valkey-go v1.0.80
	go.mongodb.org/mongo-driver/v2 v2.10.0
	gorm.io/driver/postgres v1.6.3
	gorm.io/gorm v1.31.2
)
`

func TestStoreModules(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the build of idemlint and the download of rueidis, valkey-go, gorm, mongo-driver and dynamodb")
	}
	start := time.Now()
	checkModule(t, "storesmod", storesGoMod, "rueidis, valkey-go, gorm, mongo-driver and dynamodb", "checkthenact", "coarsekey")
	t.Logf("integration: storesmod took %v", time.Since(start).Round(time.Second))
}

// checkModule runs idemlint standalone and under go vet on a testdata module built
// against real modules, and compares analyzer's findings with the module's
// `// want analyzer` comments and with each other.
func checkModule(t *testing.T, name, gomod, what string, analyzers ...string) {
	t.Helper()
	_, mod, bin, modEnv := realModule(t, name, gomod, what)
	wants := parseWants(t, mod)
	for _, a := range analyzers {
		if len(wantsOf(wants, a)) == 0 {
			t.Fatalf("no // want %s comments found in testdata/%s", a, name)
		}
	}
	want := wantsOf(wants, analyzers...)
	analyzer := strings.Join(analyzers, ", ")
	sa := run(t, mod, modEnv, bin, "-json", "./...")
	if sa.code != 0 {
		t.Errorf("idemlint -json ./...: exit %d, want 0\nstderr:\n%s", sa.code, sa.stderr)
	}
	standalone := findingsOf(parseJSONStream(t, "idemlint -json", sa.stdout, mod), analyzers...)
	gv := run(t, mod, modEnv, "go", "vet", "-vettool="+bin, "-json", "./...")
	if gv.code != 0 {
		t.Errorf("go vet -vettool -json ./...: exit %d, want 0\nstderr:\n%s", gv.code, gv.stderr)
	}
	vet := findingsOf(parseJSONStream(t, "go vet -json", gv.stdout+"\n"+gv.stderr, mod), analyzers...)
	compareSets(t, "idemlint -json ./... vs // want "+analyzer, want, keys(standalone))
	compareSets(t, "go vet -vettool -json ./... vs // want "+analyzer, want, keys(vet))
	compareSets(t, "idemlint -json vs go vet -json ("+analyzer+", with messages)", withMessages(standalone), withMessages(vet))
	if t.Failed() {
		t.Logf("standalone JSON:\n%s", sa.stdout)
		t.Logf("go vet JSON:\n%s\n%s", gv.stdout, gv.stderr)
	}
}
