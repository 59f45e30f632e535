package notify

import (
	"context"

	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
)

// Throttle limits how often the same mail goes to one address.
type Throttle struct {
	rdb rueidis.Client
	kv  valkey.Client
}

// NewThrottle returns a Throttle.
func NewThrottle(rdb rueidis.Client, kv valkey.Client) *Throttle { return &Throttle{rdb: rdb, kv: kv} }

// AllowResend lets a customer ask for a receipt again once a minute.
func (t *Throttle) AllowResend(ctx context.Context, email string) (bool, error) {
	err := t.rdb.Do(ctx, t.rdb.B().Set().Key("cooldown:receipt:"+email).Value("1").Nx().ExSeconds(60).Build()).Error()
	if rueidis.IsRedisNil(err) {
		return false, nil
	}
	return err == nil, err
}

// ClaimReceipt claims the receipt mail of a payment for three days.
func (t *Throttle) ClaimReceipt(ctx context.Context, paymentID string) (bool, error) {
	err := t.kv.Do(ctx, t.kv.B().Set().Key("processed:receipt:"+paymentID).Value("1").Nx().PxMilliseconds(3*24*3600*1000).Build()).Error()
	if valkey.IsValkeyNil(err) {
		return false, nil
	}
	return err == nil, err
}
