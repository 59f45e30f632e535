package integration

import (
	"regexp"
	"strings"
	"testing"
)

// msgpackGoMod is the two-file module of the stack-overflow report.
const msgpackGoMod = `module example.com/msgpackmod

go 1.26

require github.com/vmihailenco/msgpack/v5 v5.4.1
`

// smokeGoMod pins one version of each popular library a Go service imports; the
// module uses one symbol of each, so every one of their packages is analyzed.
const smokeGoMod = `module example.com/smokemod

go 1.26

require (
	github.com/IBM/sarama v1.61.1
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/aws-sdk-go-v2/service/dynamodb v1.74.1
	github.com/aws/aws-sdk-go-v2/service/sqs v1.53.0
	github.com/gin-gonic/gin v1.12.0
	github.com/go-chi/chi/v5 v5.5.0
	github.com/gomodule/redigo v1.9.3
	github.com/jackc/pgx/v5 v5.12.0
	github.com/jmoiron/sqlx v1.4.0
	github.com/labstack/echo/v4 v4.16.5
	github.com/nats-io/nats.go v1.56.0
	github.com/prometheus/client_golang v1.25.0
	github.com/rabbitmq/amqp091-go v1.17.0
	github.com/redis/go-redis/v9 v9.23.0
	github.com/segmentio/kafka-go v0.4.51
	github.com/stripe/stripe-go/v82 v82.5.1
	github.com/vmihailenco/msgpack/v5 v5.4.1
	go.mongodb.org/mongo-driver/v2 v2.10.0
	go.uber.org/zap v1.28.0
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
	gorm.io/gorm v1.31.2
)
`

// crashRE matches what a crashing analyzer prints: a Go runtime dump or a panic
// that the driver relays.
var crashRE = regexp.MustCompile(`(?m)^(panic: |fatal error: |runtime: goroutine stack exceeds)|stack overflow|internal error`)

// TestMsgpackUnderVet is the reproduction of the stack overflow on msgpack's
// recursive encoder: go vet must complete, and agree with the standalone run.
func TestMsgpackUnderVet(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the download of msgpack")
	}
	_, mod, bin, env := realModule(t, "msgpackmod", msgpackGoMod, "github.com/vmihailenco/msgpack/v5")
	expectClean(t, mod, env, bin)
}

// TestSmokePopularModules analyzes, for facts under go vet and standalone, every
// package of twenty-odd popular libraries: no crash, no error, no finding.
func TestSmokePopularModules(t *testing.T) {
	if testing.Short() {
		t.Skip("integration: -short: skipping the download of popular modules")
	}
	_, mod, bin, env := realModule(t, "smokemod", smokeGoMod, "popular Go modules")
	expectClean(t, mod, env, bin)
}

// expectClean runs idemlint on mod under go vet and standalone: both must exit 0
// with no output that looks like a crash.
func expectClean(t *testing.T, mod string, env []string, bin string) {
	t.Helper()
	for _, args := range [][]string{
		{"go", "vet", "-vettool=" + bin, "./..."},
		{bin, "./..."},
	} {
		res := run(t, mod, env, args[0], args[1:]...)
		what := strings.Join(args, " ")
		if res.code != 0 {
			t.Errorf("%s: exit %d, want 0\nstderr:\n%s", what, res.code, head(res.stderr, 4000))
		}
		if crashRE.MatchString(res.stderr + res.stdout) {
			t.Errorf("%s: output looks like a crash:\n%s", what, head(res.stderr+res.stdout, 4000))
		}
	}
}
