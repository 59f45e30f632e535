package integration

// TestMissingKeyModules proves missingkey's model of the real consumer, webhook and
// payment APIs: a small module (testdata/missingmod) built against the real
// kafka-go, sarama, amqp091-go, nats.go, aws-sdk-go-v2 sqs, aws-lambda-go,
// stripe-go v82, chi and gin, with a repository package whose claim and insert
// reach the consumers as facts. Standalone and go vet -vettool must both report
// exactly the `// want missingkey` lines, with the same messages.

import (
	"testing"
	"time"
)

// mkGoMod is the temporary module's go.mod; `go mod tidy` completes it.
const mkGoMod = `module example.com/missingmod

go 1.26

require (
	github.com/IBM/sarama v1.61.1
	github.com/aws/aws-lambda-go v1.55.1
	github.com/aws/aws-sdk-go-v2/service/sqs v1.53.0
	github.com/gin-gonic/gin v1.12.0
	github.com/go-chi/chi/v5 v5.5.0
	github.com/nats-io/nats.go v1.56.0
	github.com/rabbitmq/amqp091-go v1.17.0
	github.com/redis/go-redis/v9 v9.23.0
	github.com/segmentio/kafka-go v0.4.51
	github.com/stripe/stripe-go/v82 v82.5.1
)
`

const mkAnalyzer = "missingkey"

func TestMissingKeyModules(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the build of idemlint and the download of the broker, web and payment modules")
	}
	start := time.Now()
	_, mod, bin, modEnv := realModule(t, "missingmod", mkGoMod, "kafka-go, sarama, amqp091-go, nats.go, sqs, lambda, stripe-go, chi and gin")
	want := wantsOf(parseWants(t, mod), mkAnalyzer)
	if len(want) == 0 {
		t.Fatal("no // want missingkey comments found in testdata/missingmod")
	}
	sa := run(t, mod, modEnv, bin, "-json", "./...")
	if sa.code != 0 {
		t.Errorf("idemlint -json ./...: exit %d, want 0\nstderr:\n%s", sa.code, sa.stderr)
	}
	standalone := findingsOf(parseJSONStream(t, "idemlint -json", sa.stdout, mod), mkAnalyzer)
	gv := run(t, mod, modEnv, "go", "vet", "-vettool="+bin, "-json", "./...")
	if gv.code != 0 {
		t.Errorf("go vet -vettool -json ./...: exit %d, want 0\nstderr:\n%s", gv.code, gv.stderr)
	}
	vet := findingsOf(parseJSONStream(t, "go vet -json", gv.stdout+"\n"+gv.stderr, mod), mkAnalyzer)

	compareSets(t, "idemlint -json ./... vs // want missingkey", want, keys(standalone))
	compareSets(t, "go vet -vettool -json ./... vs // want missingkey", want, keys(vet))
	compareSets(t, "idemlint -json vs go vet -json (missingkey, with messages)", withMessages(standalone), withMessages(vet))
	if t.Failed() {
		t.Logf("standalone JSON:\n%s", sa.stdout)
		t.Logf("go vet JSON:\n%s\n%s", gv.stdout, gv.stderr)
	}
	t.Logf("integration: missingmod took %v", time.Since(start).Round(time.Second))
}
