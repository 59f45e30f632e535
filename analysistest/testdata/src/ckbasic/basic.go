// Package ckbasic holds coarsekey cases on go-redis claims and outgoing headers.
package ckbasic

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

type Event struct {
	ID       string
	UserID   string
	Amount   int64
	Created  time.Time
	TenantID string
}

type Handler struct{ rdb *redis.Client }

// positive: concatenation of the user id and the calendar day.
func (h *Handler) Charge(ctx context.Context, userID string) error {
	day := time.Now().Format("2006-01-02")
	key := "idem:" + userID + ":" + day // want `dedup key "idem:"\+userID\+":"\+day is built only from the user id and the calendar day: two different operations of one user on one day collide`
	ok, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return nil
}

// negative twin: the event id is part of the key.
func (h *Handler) ChargeEvent(ctx context.Context, evt *Event) error {
	day := time.Now().Format("2006-01-02")
	key := "idem:" + evt.UserID + ":" + day + ":" + evt.ID
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// positive: Sprintf of the event's user and day while the event id is at hand.
func (h *Handler) Consume(ctx context.Context, evt *Event) error {
	key := fmt.Sprintf("processed:%s:%s", evt.UserID, time.Now().Format(time.DateOnly)) // want `dedup key fmt.Sprintf\("processed:%s:%s", evt.UserID, time.Now\(\).Format\(time.DateOnly\)\) is built only from the user id and the calendar day: .*\(evt.ID is at hand\)`
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative twin: Sprintf of the event id.
func (h *Handler) ConsumeByID(ctx context.Context, evt *Event) error {
	key := fmt.Sprintf("processed:%s", evt.ID)
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// positive: strings.Join of the tenant and the hour.
func (h *Handler) Join(ctx context.Context, tenantID string) error {
	key := strings.Join([]string{"dedup", tenantID, time.Now().Format("2006010215")}, ":") // want `built only from the tenant id and the hour: two different operations of one tenant in one hour collide`
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative twin: the layout prints nanoseconds: not a bucket (and not minted in a
// consumer or a loop).
func (h *Handler) JoinNano(ctx context.Context, tenantID string) error {
	key := strings.Join([]string{"dedup", tenantID, time.Now().Format(time.RFC3339Nano)}, ":")
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// positive: a hash of coarse parts is as coarse as the parts.
func (h *Handler) Hashed(ctx context.Context, customerID string) error {
	sum := sha256.Sum256([]byte(customerID + time.Now().UTC().Format("2006-01-02")))
	key := "idem:" + hex.EncodeToString(sum[:]) // want `built only from the customer id and the calendar day`
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative twin: a hash of the whole body.
func (h *Handler) HashedBody(ctx context.Context, body []byte) error {
	sum := sha256.Sum256(body)
	key := "idem:" + hex.EncodeToString(sum[:])
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// positive: a strings.Builder and a hash.Hash fed with coarse parts.
func (h *Handler) Builder(ctx context.Context, accountID string, now time.Time) error {
	var b strings.Builder
	b.WriteString("idem:")
	b.WriteString(accountID)
	fmt.Fprintf(&b, ":%d", now.YearDay())
	_, err := h.rdb.SetNX(ctx, b.String(), 1, 48*time.Hour).Result() // want `built only from the account id and the calendar day`
	return err
}

// negative twin: the builder also gets the request id.
func (h *Handler) BuilderWithRequest(ctx context.Context, accountID, requestID string, now time.Time) error {
	var b strings.Builder
	b.WriteString(accountID)
	b.WriteString(requestID)
	fmt.Fprintf(&b, ":%d", now.YearDay())
	_, err := h.rdb.SetNX(ctx, b.String(), 1, 48*time.Hour).Result()
	return err
}

// positive: Unix()/3600 is the hour.
func (h *Handler) UnixBucket(ctx context.Context, userID string) error {
	key := fmt.Sprintf("idem:%s:%d", userID, time.Now().Unix()/3600) // want `built only from the user id and the hour`
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative twin: Unix() alone is per second, not a bucket, and not coarse.
func (h *Handler) UnixSecond(ctx context.Context, userID string) error {
	key := fmt.Sprintf("idem:%s:%d", userID, time.Now().Unix())
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// positive: Truncate to a day through an injected clock.
type Service struct {
	rdb *redis.Client
	now func() time.Time
}

func (s *Service) Pay(ctx context.Context, userID string) error {
	t := s.now().Truncate(24 * time.Hour)
	key := fmt.Sprintf("idem:%s:%d", userID, t.Unix()) // want `built only from the user id and the calendar day`
	_, err := s.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative twin: Truncate to a second is not a bucket.
func (s *Service) PaySecond(ctx context.Context, userID string) error {
	t := s.now().Truncate(time.Second)
	key := fmt.Sprintf("idem:%s:%d", userID, t.Unix())
	_, err := s.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative: a lock released on the same path.
func (h *Handler) Locked(ctx context.Context, userID string) error {
	key := "idem:" + userID + time.Now().Format("2006-01-02")
	if ok, _ := h.rdb.SetNX(ctx, key, 1, time.Minute).Result(); !ok {
		return nil
	}
	defer h.rdb.Del(ctx, key)
	return nil
}

// negative: a key that says lock.
func (h *Handler) LockKey(ctx context.Context, userID string) error {
	_, err := h.rdb.SetNX(ctx, "lock:"+userID, 1, time.Minute).Result()
	return err
}

// negative: a rate-limit counter.
func (h *Handler) RateLimit(ctx context.Context, userID string) error {
	key := "rl:" + userID + ":" + time.Now().Format("200601021504")
	h.rdb.Incr(ctx, key)
	h.rdb.Expire(ctx, key, time.Minute)
	return nil
}

// negative: cache-aside on the user id.
func (h *Handler) Profile(ctx context.Context, userID string) (string, error) {
	v, err := h.rdb.Get(ctx, "user:"+userID).Result()
	if err == redis.Nil {
		v = load(userID)
		h.rdb.Set(ctx, "user:"+userID, v, time.Hour)
	}
	return v, err
}

func load(string) string { return "" }

// negative: a once-per-user-per-day job whose key says nothing about dedup and
// with no operation at hand.
func (h *Handler) Digest(ctx context.Context, userID string) error {
	key := "digest:" + userID + ":" + time.Now().Format("2006-01-02")
	_, err := h.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative: unknown provenance is never coarse.
func (h *Handler) Unknown(ctx context.Context, k string, day string) error {
	_, err := h.rdb.SetNX(ctx, "idem:"+lookup(k)+day, 1, 48*time.Hour).Result()
	return err
}

func lookup(string) string { return "" }

// positive: an outgoing Idempotency-Key header from the user and the day.
func Send(ctx context.Context, userID string, body string) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://api.example.com/charges", strings.NewReader(body))
	req.Header.Set("Idempotency-Key", userID+"-"+time.Now().Format("20060102")) // want `idempotency key userID\+"-"\+time.Now\(\).Format\("20060102"\) is built only from the user id and the calendar day`
	_, err := http.DefaultClient.Do(req)
	return err
}

// negative twin: the order id.
func SendOrder(ctx context.Context, userID, orderID string, body string) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://api.example.com/charges", strings.NewReader(body))
	req.Header.Set("Idempotency-Key", userID+"-"+orderID)
	_, err := http.DefaultClient.Do(req)
	return err
}

// negative: a request id header is not an idempotency key.
func SendTrace(ctx context.Context, userID string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com/", nil)
	req.Header.Set("X-Request-Id", userID+time.Now().Format("20060102"))
}

// negative: once per user on purpose (a welcome email), even with the event at hand.
func (h *Handler) Welcome(ctx context.Context, evt *Event) error {
	_, err := h.rdb.SetNX(ctx, "welcome:"+evt.UserID, 1, 0).Result()
	return err
}

// positive twin: the same claim with a clock bucket and the event at hand.
func (h *Handler) WelcomeDaily(ctx context.Context, evt *Event) error {
	_, err := h.rdb.SetNX(ctx, "welcome:"+evt.UserID+time.Now().Format("2006-01-02"), 1, 0).Result() // want `built only from the user id and the calendar day: .*\(evt.ID is at hand\)`
	return err
}

// negative: the day's set holds the event ids; the member is the key's identity.
func (h *Handler) DaySet(ctx context.Context, evt *Event) error {
	set := "processed:" + time.Now().Format("2006-01-02")
	if h.rdb.SIsMember(ctx, set, evt.ID).Val() {
		return nil
	}
	return h.rdb.SAdd(ctx, set, evt.ID).Err()
}

// negative: GETSET keeps the last value per user: state, not a dedup claim.
func (h *Handler) LastCharge(ctx context.Context, userID, chargeID string) string {
	return h.rdb.GetSet(ctx, "charge:"+userID, chargeID).Val()
}

// negative: a monthly job's done marker, with no event at hand.
func (h *Handler) MonthlyInvoices(ctx context.Context) {
	month := time.Now().Format("2006-01")
	h.rdb.SetNX(ctx, "cron:invoices:done:"+month, 1, 40*24*time.Hour)
}

// positive twin: the same marker keyed by the customer too.
func (h *Handler) MonthlyInvoice(ctx context.Context, customerID string) {
	month := time.Now().Format("2006-01")
	h.rdb.SetNX(ctx, "invoice:done:"+customerID+":"+month, 1, 40*24*time.Hour) // want `built only from the customer id and the month`
}
