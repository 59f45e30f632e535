// Package counters keeps shop counters and balances in Redis (rueidis).
package counters

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/rueidis"

	"example.com/shop/internal/keys"
)

// Counters is the Redis-backed counter store.
type Counters struct {
	rdb rueidis.Client
}

// New returns Counters over rdb.
func New(rdb rueidis.Client) *Counters { return &Counters{rdb: rdb} }

// AddCredit adds cents to the cached store-credit balance.
func (c *Counters) AddCredit(ctx context.Context, customerID string, cents int64) (int64, error) {
	k := keys.Balance(customerID)
	cur, err := c.rdb.Do(ctx, c.rdb.B().Get().Key(k).Build()).AsInt64()
	if err != nil && !rueidis.IsRedisNil(err) {
		return 0, err
	}
	next := cur + cents
	if err := c.rdb.Do(ctx, c.rdb.B().Set().Key(k).Value(strconv.FormatInt(next, 10)).Build()).Error(); err != nil { // BUG: checkthenact
		return 0, err
	}
	return next, nil
}

// AddCreditAtomic is INCRBY.
func (c *Counters) AddCreditAtomic(ctx context.Context, customerID string, cents int64) (int64, error) {
	return c.rdb.Do(ctx, c.rdb.B().Incrby().Key(keys.Balance(customerID)).Increment(cents).Build()).AsInt64()
}

var spendScript = rueidis.NewLuaScript(`
local cur = tonumber(redis.call("GET", KEYS[1]) or "0")
local amt = tonumber(ARGV[1])
if cur < amt then return -1 end
return redis.call("DECRBY", KEYS[1], amt)
`)

// SpendCredit subtracts cents if the balance covers them, in one script.
func (c *Counters) SpendCredit(ctx context.Context, customerID string, cents int64) (int64, error) {
	return spendScript.Exec(ctx, c.rdb, []string{keys.Balance(customerID)}, []string{strconv.FormatInt(cents, 10)}).AsInt64()
}

// SpendCreditNaive checks and subtracts in two round trips.
func (c *Counters) SpendCreditNaive(ctx context.Context, customerID string, cents int64) (int64, error) {
	k := keys.Balance(customerID)
	get := c.rdb.B().Get().Key(k).Build()
	cur, err := c.rdb.Do(ctx, get).AsInt64()
	if err != nil {
		return 0, err
	}
	if cur < cents {
		return cur, fmt.Errorf("balance %d below %d", cur, cents)
	}
	err = c.rdb.Do(ctx, c.rdb.B().Set().Key(k).Value(strconv.FormatInt(cur-cents, 10)).Build()).Error() // BUG: checkthenact
	return cur - cents, err
}

// GrantFirstPurchaseBonus gives new customers a one-time bonus.
func (c *Counters) GrantFirstPurchaseBonus(ctx context.Context, customerID string, bonus int64) error {
	member, err := c.rdb.DoCache(ctx, c.rdb.B().Sismember().Key("bonus:first-purchase").Member(customerID).Cache(), time.Minute).AsBool()
	if err != nil {
		return err
	}
	if member {
		return nil
	}
	if _, err := c.AddCreditAtomic(ctx, customerID, bonus); err != nil {
		return err
	}
	return c.rdb.Do(ctx, c.rdb.B().Sadd().Key("bonus:first-purchase").Member(customerID).Build()).Error() // BUG: checkthenact
}

// GrantFirstPurchaseBonusOnce lets SADD's reply decide.
func (c *Counters) GrantFirstPurchaseBonusOnce(ctx context.Context, customerID string, bonus int64) error {
	added, err := c.rdb.Do(ctx, c.rdb.B().Sadd().Key("bonus:first-purchase").Member(customerID).Build()).AsInt64()
	if err != nil || added == 0 {
		return err
	}
	_, err = c.AddCreditAtomic(ctx, customerID, bonus)
	return err
}

// Product is the cached product document.
type Product struct {
	SKU   string `json:"sku"`
	Title string `json:"title"`
	Price int64  `json:"price"`
}

// ProductLoader loads a product from the catalog.
type ProductLoader func(ctx context.Context, sku string) (Product, error)

// CachedProduct is read-through caching of the catalog.
func (c *Counters) CachedProduct(ctx context.Context, sku string, load ProductLoader) (Product, error) {
	var p Product
	raw, err := c.rdb.Do(ctx, c.rdb.B().Get().Key(keys.Product(sku)).Build()).ToString()
	if err == nil {
		return p, json.Unmarshal([]byte(raw), &p)
	}
	if !rueidis.IsRedisNil(err) {
		return p, err
	}
	p, err = load(ctx, sku)
	if err != nil {
		return p, err
	}
	b, _ := json.Marshal(p)
	c.rdb.Do(ctx, c.rdb.B().Set().Key(keys.Product(sku)).Value(string(b)).ExSeconds(300).Build())
	return p, nil
}

// RecordView bumps the view counter of a product page.
func (c *Counters) RecordView(ctx context.Context, sku string) error {
	k := "views:" + sku
	n, err := c.rdb.Do(ctx, c.rdb.B().Get().Key(k).Build()).AsInt64()
	if err != nil && !rueidis.IsRedisNil(err) {
		return err
	}
	return c.rdb.Do(ctx, c.rdb.B().Set().Key(k).Value(strconv.FormatInt(n+1, 10)).Build()).Error() // BUG: checkthenact
}

// TouchSession refreshes the TTL of a session by writing back what was read.
func (c *Counters) TouchSession(ctx context.Context, sid string) error {
	k := "session:" + sid
	v, err := c.rdb.Do(ctx, c.rdb.B().Get().Key(k).Build()).ToString()
	if err != nil {
		return err
	}
	return c.rdb.Do(ctx, c.rdb.B().Set().Key(k).Value(v).ExSeconds(1800).Build()).Error()
}
