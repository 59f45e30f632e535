package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/platform"
)

type Quote struct {
	RiderID    string    `json:"rider_id"`
	Zone       string    `json:"zone"`
	FareCents  int64     `json:"fare_cents"`
	Multiplier float64   `json:"multiplier"`
	QuotedAt   time.Time `json:"quoted_at"`
}

var baseFare = func(ctx context.Context, zone string, km float64) int64 { return int64(250 + km*120) }

// GetQuote returns a fare quote valid for 2 minutes. A rider who asks twice in
// those 2 minutes gets the same price (that's a product requirement).
func GetQuote(ctx context.Context, riderID, zone string, km float64) (*Quote, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	key := fmt.Sprintf("quote:%s:%s", riderID, zone)
	b, err := platform.RDB.Get(ctx, key).Bytes()
	if err == nil {
		var q Quote
		if err := json.Unmarshal(b, &q); err == nil {
			return &q, nil
		}
	} else if !errors.Is(err, redis.Nil) {
		return nil, err
	}

	m, _ := Multiplier(ctx, zone)
	q := &Quote{RiderID: riderID, Zone: zone, FareCents: int64(float64(baseFare(ctx, zone, km)) * m), Multiplier: m, QuotedAt: time.Now()}
	// analytics wants every quote shown to a rider
	if _, err := platform.DB.ExecContext(ctx, `INSERT INTO quotes_shown (rider_id, zone, fare_cents, multiplier) VALUES ($1, $2, $3, $4)`, riderID, zone, q.FareCents, m); err != nil {
		slog.Warn("quote analytics insert failed", "err", err)
	}
	enc, _ := json.Marshal(q)
	platform.RDB.Set(ctx, fmt.Sprintf("quote:%s:%s", riderID, zone), enc, 2*time.Minute) // BUG: checkthenact
	return q, nil
}

type zoneRates struct {
	Base   int64 `json:"base"`
	PerKm  int64 `json:"per_km"`
	PerMin int64 `json:"per_min"`
}

// Rates is plain cache-aside over the rates table.
func Rates(ctx context.Context, zone string) (*zoneRates, error) {
	key := "rates:" + zone
	var zr zoneRates
	b, err := platform.RDB.Get(ctx, key).Bytes()
	if err == nil && json.Unmarshal(b, &zr) == nil {
		return &zr, nil
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		slog.Warn("rates cache read failed", "zone", zone, "err", err)
	}
	if err := platform.DB.QueryRowContext(ctx, `SELECT base_cents, per_km_cents, per_min_cents FROM zone_rates WHERE zone = $1`, zone).Scan(&zr.Base, &zr.PerKm, &zr.PerMin); err != nil {
		return nil, err
	}
	enc, _ := json.Marshal(zr)
	platform.RDB.Set(ctx, key, enc, 10*time.Minute)
	return &zr, nil
}

// PromoBudget tracks spent promo cents per zone per day.
func SpendPromo(ctx context.Context, zone string, cents int64) (int64, error) {
	key := fmt.Sprintf("promo:spent:%s:%s", zone, time.Now().UTC().Format("20060102"))
	return platform.RDB.IncrBy(ctx, key, cents).Result()
}

// PromoRemaining reads the budget and the spend: two different keys.
func PromoRemaining(ctx context.Context, zone string) int64 {
	day := time.Now().UTC().Format("20060102")
	budget, _ := platform.RDB.Get(ctx, "promo:budget:"+zone).Int64()
	if budget == 0 {
		budget = 100000
		platform.RDB.Set(ctx, "promo:budget_default_used:"+zone, day, 24*time.Hour)
	}
	spent, _ := platform.RDB.Get(ctx, fmt.Sprintf("promo:spent:%s:%s", zone, day)).Int64()
	return budget - spent
}
