package ctashapes

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"
)

type Store struct{ rdb redis.UniversalClient }

// GetJSON reports whether key was found and decodes it into v.
func (s *Store) GetJSON(ctx context.Context, key string, v any) (bool, error) {
	raw, err := s.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(raw, v)
}

// SetJSON encodes v under key.
func (s *Store) SetJSON(ctx context.Context, key string, v any, ttl time.Duration) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, key, raw, ttl).Err()
}

func (s *Store) Balance(ctx context.Context, acct string) (int64, error) {
	v, err := s.rdb.Get(ctx, "bal:"+acct).Result()
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

func (s *Store) SetBalance(ctx context.Context, acct string, n int64) error {
	return s.rdb.Set(ctx, "bal:"+acct, n, 0).Err()
}

type Product struct{ SKU string }

// product is cache-aside through JSON helpers: miss, load from SQL, store.
func product(ctx context.Context, st *Store, db *sqlx.DB, sku string) (*Product, error) {
	key := "catalog:product:" + sku
	var p Product
	found, err := st.GetJSON(ctx, key, &p)
	if err != nil || found {
		return &p, err
	}
	if err := db.GetContext(ctx, &p, `SELECT sku FROM products WHERE sku = $1`, sku); err != nil {
		return nil, err
	}
	return &p, st.SetJSON(ctx, key, &p, 15*time.Minute)
}

// reserve is the same shape with a side effect between: an inventory UPDATE.
func reserve(ctx context.Context, st *Store, db *sqlx.DB, order, sku string) error {
	key := "resv:" + order + ":" + sku
	var existing map[string]string
	found, err := st.GetJSON(ctx, key, &existing)
	if err != nil || found {
		return err
	}
	if _, err := db.ExecContext(ctx, `UPDATE inventory SET reserved = reserved + 1 WHERE sku = $1`, sku); err != nil {
		return err
	}
	return st.SetJSON(ctx, key, map[string]string{"order": order}, 24*time.Hour) // want `GET \(in st.GetJSON\) then SET \(in st.SetJSON\) of "resv:"\+order\+":"\+sku is not atomic`
}

// deposit reads a balance through one helper and writes it through another.
func deposit(ctx context.Context, st *Store, acct string, cents int64) error {
	bal, err := st.Balance(ctx, acct)
	if err != nil {
		return err
	}
	return st.SetBalance(ctx, acct, bal+cents) // want `read-modify-write of "bal:"\+acct \(GET \(in st.Balance\) then SET \(in st.SetBalance\)\)`
}

// resetBalance writes through the helper without reading first.
func resetBalance(ctx context.Context, st *Store, acct string) error {
	return st.SetBalance(ctx, acct, 0)
}

// labelURL mints a label on a miss and stores it: the mint is the act.
func labelURL(ctx context.Context, rdb redis.UniversalClient, order string) string {
	has, _ := rdb.HExists(ctx, "labels", order).Result()
	if has {
		return rdb.HGet(ctx, "labels", order).Val()
	}
	url := "https://labels.example/" + order + "/" + time.Now().Format("150405")
	rdb.HSet(ctx, "labels", order, url) // want `HEXISTS then HSET of "labels" order is not atomic`
	return url
}

// labelCached caches a label loaded from the carrier's source of truth.
func labelCached(ctx context.Context, rdb redis.UniversalClient, order string, load func(string) string) string {
	has, _ := rdb.HExists(ctx, "labels", order).Result()
	if has {
		return rdb.HGet(ctx, "labels", order).Val()
	}
	url := load(order)
	rdb.HSet(ctx, "labels", order, url)
	return url
}

type Cart struct{ Items map[string]int }

// addToCart reads the cart through GetJSON, changes it and writes it back.
func addToCart(ctx context.Context, st *Store, cart, sku string) error {
	var c Cart
	if _, err := st.GetJSON(ctx, "cart:"+cart, &c); err != nil {
		return err
	}
	c.Items[sku]++
	return st.SetJSON(ctx, "cart:"+cart, &c, time.Hour) // want `read-modify-write of "cart:"\+cart \(GET \(in st.GetJSON\) then SET \(in st.SetJSON\)\)`
}

// newCart writes a fresh cart without reading.
func newCart(ctx context.Context, st *Store, cart string) error {
	c := Cart{Items: map[string]int{}}
	return st.SetJSON(ctx, "cart:"+cart, &c, time.Hour)
}
