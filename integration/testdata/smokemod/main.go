// Command smokemod uses one symbol of each popular library, so that go vet
// -vettool=idemlint analyzes all of their packages for facts. It is run, never
// executed: the test wants exit 0 and no panic, fatal error or finding.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"github.com/IBM/sarama"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gomodule/redigo/redis"
	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	amqp "github.com/rabbitmq/amqp091-go"
	goredis "github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"github.com/stripe/stripe-go/v82"
	"github.com/vmihailenco/msgpack/v5"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.uber.org/zap"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/structpb"
	"gorm.io/gorm"
)

func main() {
	b, _ := msgpack.Marshal(1)
	rdb := goredis.NewClient(&goredis.Options{Addr: "localhost:6379"})
	_ = rdb.Ping(context.Background())
	var _ redis.Conn
	var _ pgx.Tx
	var _ *sqlx.DB = sqlx.NewDb(&sql.DB{}, "postgres")
	var _ *gorm.DB
	_ = bson.M{"n": 1}
	var _ *sqs.Client
	var _ *dynamodb.Client
	_ = aws.String("x")
	var _ *grpc.Server
	_ = gin.New()
	_ = echo.New()
	r := chi.NewRouter()
	r.Get("/", func(http.ResponseWriter, *http.Request) {})
	_ = kafka.Message{}
	_ = sarama.NewConfig()
	var _ amqp.Delivery
	var _ *nats.Conn
	log := zap.NewNop()
	_ = prometheus.NewCounter(prometheus.CounterOpts{Name: "smoke"})
	_, _ = structpb.NewValue(1)
	_ = stripe.String("x")
	log.Info(fmt.Sprint(len(b)))
}
