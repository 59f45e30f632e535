// Package catalog serves product data and inventory reservations.
package catalog

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"example.com/evalcorpus/internal/store"
)

// Product is a catalog entry.
type Product struct {
	SKU        string `db:"sku" json:"sku"`
	Name       string `db:"name" json:"name"`
	PriceCents int64  `db:"price_cents" json:"price_cents"`
}

// Cart is a shopper's cart kept in Redis.
type Cart struct {
	Items map[string]int `json:"items"`
}

// Service reads products through a JSON cache.
type Service struct {
	st *store.Store
	db *sqlx.DB
}

func New(st *store.Store, db *sqlx.DB) *Service { return &Service{st: st, db: db} }

// Product is cache-aside through the generic Store helpers.
func (s *Service) Product(ctx context.Context, sku string) (*Product, error) {
	key := "catalog:product:" + sku
	var p Product
	found, err := s.st.GetJSON(ctx, key, &p)
	if err != nil {
		return nil, err
	}
	if found {
		return &p, nil
	}
	if err := s.db.GetContext(ctx, &p, `SELECT sku, name, price_cents FROM products WHERE sku = $1`, sku); err != nil {
		return nil, err
	}
	if err := s.st.SetJSON(ctx, key, &p, 15*time.Minute); err != nil {
		return nil, err
	}
	return &p, nil
}

// AddToCart reads the cart JSON, adds an item and writes it back.
func (s *Service) AddToCart(ctx context.Context, cartID, sku string, qty int) error {
	key := "cart:" + cartID
	var c Cart
	if _, err := s.st.GetJSON(ctx, key, &c); err != nil {
		return err
	}
	if c.Items == nil {
		c.Items = map[string]int{}
	}
	c.Items[sku] += qty
	return s.st.SetJSON(ctx, key, &c, 7*24*time.Hour) // BUG: checkthenact
}

// ErrSoldOut is returned when there is no stock left.
var ErrSoldOut = errors.New("sold out")

type reservation struct {
	key   string
	sku   string
	order string
}

// Reserve marks a reservation once per (order, sku); the key lives in a struct field.
func (s *Service) Reserve(ctx context.Context, orderID, sku string) error {
	r := reservation{key: "resv:" + orderID + ":" + sku, sku: sku, order: orderID}
	var existing map[string]string
	found, err := s.st.GetJSON(ctx, r.key, &existing)
	if err != nil {
		return err
	}
	if found {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE inventory SET reserved = reserved + 1 WHERE sku = $1`, r.sku); err != nil {
		return err
	}
	return s.st.SetJSON(ctx, r.key, map[string]string{"order": r.order}, 24*time.Hour) // BUG: checkthenact
}

// FeatureFlag reads a flag, and on a miss stores the default computed locally
// (cache-aside of a constant default, key rebuilt by the same concatenation).
func (s *Service) FeatureFlag(ctx context.Context, tenant, flag string) (bool, error) {
	var on bool
	found, err := s.st.GetJSON(ctx, "feature:"+tenant+":"+flag, &on)
	if err != nil || found {
		return on, err
	}
	err = s.db.GetContext(ctx, &on, `SELECT enabled FROM feature_flags WHERE tenant_id = $1 AND flag = $2`, tenant, flag)
	if err != nil {
		return false, err
	}
	return on, s.st.SetJSON(ctx, "feature:"+tenant+":"+flag, on, 5*time.Minute)
}

// GrantTrial grants a trial once per tenant; key rebuilt by concatenation.
func (s *Service) GrantTrial(ctx context.Context, tenant string) error {
	var granted bool
	found, err := s.st.GetJSON(ctx, "trial:"+tenant+":granted", &granted)
	if err != nil || found {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO trial_credits (tenant_id, cents) VALUES ($1, 5000)`, tenant); err != nil {
		return err
	}
	return s.st.SetJSON(ctx, "trial:"+tenant+":granted", true, 0) // BUG: checkthenact
}
