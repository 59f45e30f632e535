// Command refund-lambda records refund requests arriving on the refunds-intake
// queue and forwards the high-value ones for approval.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/redis/go-redis/v9"

	orderevents "example.com/orders/internal/events"
)

type handler struct {
	db  *sql.DB
	rdb *redis.Client
	log *slog.Logger
}

func (h *handler) Handle(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, rec := range ev.Records {
		var req orderevents.RefundRequested
		if err := json.Unmarshal([]byte(rec.Body), &req); err != nil {
			h.log.Warn("bad refund request", "message", rec.MessageId, "err", err)
			continue
		}
		_, err := h.db.ExecContext(ctx, `INSERT INTO refund_requests (id, order_id, amount_cents, reason, status) VALUES ($1, $2, $3, $4, 'pending')`, // BUG: missingkey
			req.RefundID, req.OrderID, req.AmountCents, req.Reason)
		if err != nil {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
			continue
		}
		if req.AmountCents >= 1000_00 {
			h.rdb.RPush(ctx, "refunds:approval", req.RefundID)
		}
	}
	return resp, nil
}

func main() {
	db, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	h := &handler{
		db:  db,
		rdb: redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}),
		log: slog.New(slog.NewJSONHandler(os.Stdout, nil)),
	}
	lambda.Start(h.Handle)
}
