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
	checkModule(t, "missingmod", mkGoMod, "kafka-go, sarama, amqp091-go, nats.go, sqs, lambda, stripe-go, chi and gin", mkAnalyzer)
	t.Logf("integration: missingmod took %v", time.Since(start).Round(time.Second))
}
