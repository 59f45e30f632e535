// Package jobs holds the scheduled jobs of the shop.
package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/rueidis"

	"example.com/shop/internal/notify"
)

// Digest mails each subscribed customer a daily digest.
type Digest struct {
	RDB  rueidis.Client
	Mail *notify.Mailer
}

// SendDaily sends today's digest to customerID at email, once per day even if
// the cron fires twice.
func (d *Digest) SendDaily(ctx context.Context, customerID, email string) error {
	key := "digest:" + customerID + ":" + time.Now().UTC().Format("2006-01-02")
	err := d.RDB.Do(ctx, d.RDB.B().Set().Key(key).Value("1").Nx().ExSeconds(36*3600).Build()).Error()
	if rueidis.IsRedisNil(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return d.Mail.Send(email, "Your daily picks", fmt.Sprintf("Hello %s, here is what is new today.", customerID))
}
