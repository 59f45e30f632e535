// Package ctashapes holds shapes found in realistic service code: values read back
// through out-parameters, helpers that wrap JSON, unique-violation helpers, hash
// fields, ordering gates and minted values. Each positive has a negative twin.
package ctashapes

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"
)

type Config struct{ rdb redis.UniversalClient }

// cacheReusedVar is cache-aside whose miss path scans into the variable that held
// the GET result: the SET stores the loaded value, not the read one.
func cacheReusedVar(ctx context.Context, rdb redis.UniversalClient, db *sql.DB, k string) (string, error) {
	v, err := rdb.Get(ctx, "cfg:"+k).Result()
	if err == redis.Nil {
		if err := db.QueryRowContext(ctx, `SELECT v FROM config WHERE k = $1`, k).Scan(&v); err != nil {
			return "", err
		}
		rdb.Set(ctx, "cfg:"+k, v, 5*time.Minute)
	}
	return v, err
}

// counterReusedVar reads n, adds to it and writes it back: a lost update.
func counterReusedVar(ctx context.Context, rdb redis.UniversalClient, k string, d int) error {
	v, _ := rdb.Get(ctx, "cnt:"+k).Result()
	n, _ := strconv.Atoi(v)
	return rdb.Set(ctx, "cnt:"+k, n+d, 0).Err() // want `read-modify-write of "cnt:"\+k \(GET then SET\)`
}

func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

func isUV(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// insertUniqueHelper handles the unique violation through a helper: the INSERT is
// the claim.
func insertUniqueHelper(ctx context.Context, db *sql.DB, fp string) error {
	var id int64
	if err := db.QueryRowContext(ctx, `SELECT id FROM payments WHERE fp = $1`, fp).Scan(&id); err == nil {
		return nil
	}
	_, err := db.ExecContext(ctx, `INSERT INTO payments (fp) VALUES ($1)`, fp)
	if isUV(err) {
		return nil
	}
	return err
}

// insertNoUniqueHandling is the same without the helper: two inserts race.
func insertNoUniqueHandling(ctx context.Context, db *sql.DB, fp string) error {
	var id int64
	if err := db.QueryRowContext(ctx, `SELECT id FROM payments WHERE fp = $1`, fp).Scan(&id); err == nil {
		return nil
	}
	_, err := db.ExecContext(ctx, `INSERT INTO payments (fp) VALUES ($1)`, fp) // want `SELECT then INSERT of payments.fp = fp is not atomic`
	return err
}

// hashFieldRMW adds to a hash field by reading and writing it back.
func hashFieldRMW(ctx context.Context, rdb redis.UniversalClient, tenant string, n int64) error {
	cur, err := rdb.HGet(ctx, "usage", tenant).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return rdb.HSet(ctx, "usage", tenant, cur+n).Err() // want `read-modify-write of "usage" tenant \(HGET then HSET\)`
}

// hashFieldIncr is the atomic twin.
func hashFieldIncr(ctx context.Context, rdb redis.UniversalClient, tenant string, n int64) error {
	return rdb.HIncrBy(ctx, "usage", tenant, n).Err()
}

// peakGate keeps a maximum: the comparison with what was read gates the write.
func peakGate(ctx context.Context, rdb redis.UniversalClient, observed int64) {
	peak, _ := rdb.Get(ctx, "peak").Int64()
	if observed > peak {
		rdb.Set(ctx, "peak", observed, 0) // want `GET then SET of "peak" is not atomic`
	}
}

// peakScript is the Lua twin.
func peakScript(ctx context.Context, rdb redis.UniversalClient, observed int64) {
	rdb.Eval(ctx, `if tonumber(redis.call('GET', KEYS[1]) or 0) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end`, []string{"peak"}, observed)
}

// sqlxCountThenInsert gates an INSERT on a count scanned into a local.
func sqlxCountThenInsert(ctx context.Context, db *sqlx.DB, orderID string) error {
	var count int
	if err := db.GetContext(ctx, &count, `SELECT count(*) FROM shipments WHERE order_id = $1`, orderID); err != nil {
		return err
	}
	if count > 0 {
		return nil
	}
	_, err := db.ExecContext(ctx, `INSERT INTO shipments (order_id) VALUES ($1)`, orderID) // want `SELECT then INSERT of shipments.order_id = orderID is not atomic`
	return err
}

// sqlxCountThenInsertOther counts one order and inserts another.
func sqlxCountThenInsertOther(ctx context.Context, db *sqlx.DB, orderID, next string) error {
	var count int
	if err := db.GetContext(ctx, &count, `SELECT count(*) FROM shipments WHERE order_id = $1`, orderID); err != nil {
		return err
	}
	if count > 0 {
		return nil
	}
	_, err := db.ExecContext(ctx, `INSERT INTO shipments (order_id) VALUES ($1)`, next)
	return err
}

type Profile struct {
	Name string
	At   time.Time
}

// touchJSON reads cached JSON, changes a field and writes it back.
func touchJSON(ctx context.Context, rdb redis.UniversalClient, k string, at time.Time) error {
	raw, err := rdb.Get(ctx, "profile:"+k).Bytes()
	if err != nil {
		return err
	}
	var p Profile
	if err := json.Unmarshal(raw, &p); err != nil {
		return err
	}
	p.At = at
	buf, _ := json.Marshal(&p)
	return rdb.Set(ctx, "profile:"+k, buf, time.Hour).Err() // want `read-modify-write of "profile:"\+k \(GET then SET\)`
}

// replaceJSON writes a fresh profile without reading the old one.
func replaceJSON(ctx context.Context, rdb redis.UniversalClient, k string, p Profile) error {
	buf, _ := json.Marshal(&p)
	return rdb.Set(ctx, "profile:"+k, buf, time.Hour).Err()
}

// ensurePlan returns when a plan is set; the two conditions merge before the HSET.
func ensurePlan(ctx context.Context, rdb redis.Cmdable, tenant string) error {
	plan, err := rdb.HGet(ctx, "tenant:"+tenant, "plan").Result()
	if err == nil && plan != "" {
		return nil
	}
	return rdb.HSet(ctx, "tenant:"+tenant, "plan", "free").Err() // want `HGET then HSET of "tenant:"\+tenant "plan" is not atomic`
}

// setPlanAfterErrorCheck only returns on real errors: the HSET runs whether or not
// the field was there, so the read decides nothing.
func setPlanAfterErrorCheck(ctx context.Context, rdb redis.Cmdable, tenant string) error {
	_, err := rdb.HGet(ctx, "tenant:"+tenant, "plan").Result()
	if err != nil && err != redis.Nil {
		return err
	}
	return rdb.HSet(ctx, "tenant:"+tenant, "plan", "free").Err()
}

// refreshSession writes back exactly what it read, with a new TTL: nothing is lost.
func refreshSession(ctx context.Context, rdb redis.UniversalClient, sid string) error {
	v, err := rdb.Get(ctx, "sess:"+sid).Result()
	if err != nil {
		return err
	}
	return rdb.Set(ctx, "sess:"+sid, v, 30*time.Minute).Err()
}

// extendSession writes back a changed session: a concurrent change is lost.
func extendSession(ctx context.Context, rdb redis.UniversalClient, sid string) error {
	v, err := rdb.Get(ctx, "sess:"+sid).Result()
	if err != nil {
		return err
	}
	return rdb.Set(ctx, "sess:"+sid, v+";seen", 30*time.Minute).Err() // want `read-modify-write of "sess:"\+sid`
}
