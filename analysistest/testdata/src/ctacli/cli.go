// Package ctacli holds checkthenact cases in command-line actions: an operator runs
// a command once, nothing redelivers it.
package ctacli

import (
	"context"
	"errors"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/urfave/cli/v2"
)

var rdb *redis.Client

var errExists = errors.New("tier exists")

// addTier is `app tier add CODE`: check, then add.
func addTier(c *cli.Context) error {
	ctx := context.Background()
	code := c.String("code")
	if rdb.Exists(ctx, "tier:"+code).Val() > 0 {
		return errExists
	}
	return rdb.Set(ctx, "tier:"+code, 1, 0).Err()
}

// addTierAPI is addTier behind an API: two retried requests both add.
func addTierAPI(ctx context.Context, code string) error {
	if rdb.Exists(ctx, "tier:"+code).Val() > 0 {
		return errExists
	}
	return rdb.Set(ctx, "tier:"+code, 1, 0).Err() // want `EXISTS then SET of "tier:"\+code is not atomic`
}

// worker is `app worker`: the command consumes a queue, whose deliveries repeat.
func worker(c *cli.Context, deliveries <-chan amqp.Delivery) error {
	ctx := context.Background()
	for d := range deliveries {
		if rdb.Exists(ctx, "evt:"+d.MessageId).Val() > 0 {
			continue
		}
		rdb.Set(ctx, "evt:"+d.MessageId, 1, 0) // want `EXISTS then SET of "evt:"\+.*MessageId is not atomic`
	}
	return nil
}
