// Package cart keeps shopping carts in Valkey.
package cart

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/valkey-io/valkey-go"
)

// ErrCartLocked is returned when checkout is already running for a cart.
var ErrCartLocked = errors.New("cart: checkout in progress")

// Carts is the Valkey-backed cart store.
type Carts struct {
	kv valkey.Client
}

// New returns Carts over kv.
func New(kv valkey.Client) *Carts { return &Carts{kv: kv} }

func cartKey(id string) string { return "cart:" + id }

// Add puts qty units of sku into the cart.
func (c *Carts) Add(ctx context.Context, cartID, sku string, qty int64) error {
	cur, err := c.kv.Do(ctx, c.kv.B().Hget().Key(cartKey(cartID)).Field(sku).Build()).AsInt64()
	if err != nil && !valkey.IsValkeyNil(err) {
		return err
	}
	return c.kv.Do(ctx, c.kv.B().Hset().Key(cartKey(cartID)).FieldValue().FieldValue(sku, strconv.FormatInt(cur+qty, 10)).Build()).Error() // BUG: checkthenact
}

// AddAtomic is HINCRBY.
func (c *Carts) AddAtomic(ctx context.Context, cartID, sku string, qty int64) error {
	return c.kv.Do(ctx, c.kv.B().Hincrby().Key(cartKey(cartID)).Field(sku).Increment(qty).Build()).Error()
}

// SetQty overwrites the quantity the customer typed in; the read only
// decides whether the line exists.
func (c *Carts) SetQty(ctx context.Context, cartID, sku string, qty int64) error {
	err := c.kv.Do(ctx, c.kv.B().Hget().Key(cartKey(cartID)).Field(sku).Build()).Error()
	if valkey.IsValkeyNil(err) {
		return errors.New("cart: no such line")
	}
	if err != nil {
		return err
	}
	return c.kv.Do(ctx, c.kv.B().Hset().Key(cartKey(cartID)).FieldValue().FieldValue(sku, strconv.FormatInt(qty, 10)).Build()).Error() // AMBIG: checkthenact
}

// ApplyVoucher attaches a single-use voucher to a cart; the voucher's usage
// marker is checked and set on a dedicated connection.
func (c *Carts) ApplyVoucher(ctx context.Context, cartID, voucher string) error {
	return c.kv.Dedicated(func(d valkey.DedicatedClient) error {
		used, err := d.Do(ctx, d.B().Exists().Key("voucher:used:"+voucher).Build()).AsInt64()
		if err != nil {
			return err
		}
		if used == 1 {
			return errors.New("cart: voucher already used")
		}
		if err := d.Do(ctx, d.B().Hset().Key(cartKey(cartID)).FieldValue().FieldValue("voucher", voucher).Build()).Error(); err != nil {
			return err
		}
		return d.Do(ctx, d.B().Set().Key("voucher:used:"+voucher).Value(cartID).Build()).Error() // BUG: checkthenact
	})
}

// ApplyVoucherOnce claims the voucher with SET NX GET semantics.
func (c *Carts) ApplyVoucherOnce(ctx context.Context, cartID, voucher string) error {
	err := c.kv.Do(ctx, c.kv.B().Set().Key("voucher:used:"+voucher).Value(cartID).Nx().Build()).Error()
	if valkey.IsValkeyNil(err) {
		return errors.New("cart: voucher already used")
	}
	if err != nil {
		return err
	}
	return c.kv.Do(ctx, c.kv.B().Hset().Key(cartKey(cartID)).FieldValue().FieldValue("voucher", voucher).Build()).Error()
}

// BeginCheckout takes the checkout lock of a cart. The lock is deleted by
// EndCheckout; the TTL only covers a crashed pod.
func (c *Carts) BeginCheckout(ctx context.Context, cartID string) error {
	err := c.kv.Do(ctx, c.kv.B().Set().Key("lock:checkout:"+cartID).Value("1").Nx().Px(45*time.Second).Build()).Error()
	if valkey.IsValkeyNil(err) {
		return ErrCartLocked
	}
	return err
}

// EndCheckout releases the checkout lock.
func (c *Carts) EndCheckout(ctx context.Context, cartID string) error {
	return c.kv.Do(ctx, c.kv.B().Del().Key("lock:checkout:"+cartID).Build()).Error()
}

// Items lists the cart lines (two reads pipelined; nothing is written).
func (c *Carts) Items(ctx context.Context, cartID string) (map[string]string, string, error) {
	res := c.kv.DoMulti(ctx,
		c.kv.B().Hgetall().Key(cartKey(cartID)).Build(),
		c.kv.B().Get().Key("cart:owner:"+cartID).Build(),
	)
	items, err := res[0].AsStrMap()
	if err != nil {
		return nil, "", err
	}
	owner, err := res[1].ToString()
	if err != nil && !valkey.IsValkeyNil(err) {
		return nil, "", err
	}
	return items, owner, nil
}
