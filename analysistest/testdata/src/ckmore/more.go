// Package ckmore holds coarsekey cases on names, hashes, struct literals and
// key-builder methods.
package ckmore

import (
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

type API struct{ rdb *redis.Client }

// positive: a route parameter named user_id and the day.
func (a *API) Redeem(c *gin.Context) {
	key := "idem:" + c.Param("user_id") + ":" + time.Now().Format("2006-01-02") // want `built only from the user id and the calendar day`
	a.rdb.SetNX(c.Request.Context(), key, 1, 48*time.Hour)
}

// negative twin: the route parameter names the order.
func (a *API) RedeemOrder(c *gin.Context) {
	key := "idem:" + c.Param("order_id") + ":" + time.Now().Format("2006-01-02")
	a.rdb.SetNX(c.Request.Context(), key, 1, 48*time.Hour)
}

// positive: the JWT subject and the hour.
func (a *API) Transfer(ctx context.Context, claims map[string]any) {
	sub := claims["sub"].(string)
	key := fmt.Sprintf("idem:%s:%s", sub, time.Now().Round(time.Hour).Format(time.RFC3339)) // want `built only from the user id and the hour`
	a.rdb.SetNX(ctx, key, 1, 48*time.Hour)
}

// negative twin: the received Idempotency-Key header.
func (a *API) TransferKeyed(ctx context.Context, r *http.Request) {
	key := fmt.Sprintf("idem:%s", r.Header.Get("Idempotency-Key"))
	a.rdb.SetNX(ctx, key, 1, 48*time.Hour)
}

// positive: a header that names the user, hashed with fnv.
func (a *API) Vote(ctx context.Context, r *http.Request) {
	h := fnv.New64a()
	h.Write([]byte(r.Header.Get("X-User-Id")))
	h.Write([]byte(time.Now().Format("2006-01-02")))
	a.rdb.SetNX(ctx, "dedup:"+strconv.FormatUint(h.Sum64(), 16), 1, 48*time.Hour) // want `built only from the user id and the calendar day`
}

// negative twin: the hash also covers the body.
func (a *API) VoteBody(ctx context.Context, r *http.Request, body []byte) {
	h := fnv.New64a()
	h.Write([]byte(r.Header.Get("X-User-Id")))
	h.Write(body)
	a.rdb.SetNX(ctx, "dedup:"+strconv.FormatUint(h.Sum64(), 16), 1, 48*time.Hour)
}

// positive: md5 then base64 of the member and the week.
func (a *API) Weekly(ctx context.Context, memberID string, now time.Time) {
	year, week := now.ISOWeek()
	sum := md5.Sum([]byte(fmt.Sprintf("%s-%d-%d", memberID, year, week)))
	a.rdb.SetNX(ctx, "idem:"+base64.StdEncoding.EncodeToString(sum[:]), 1, 48*time.Hour) // want `built only from the member id and the week`
}

type keyParts struct {
	User  string
	Day   string
	Event string
}

// positive: a struct literal of the user and the day, formatted whole.
func (a *API) Struct(ctx context.Context, userID string) {
	k := keyParts{User: userID, Day: time.Now().Format("2006-01-02")}
	a.rdb.SetNX(ctx, fmt.Sprintf("idem:%+v", k), 1, 48*time.Hour) // want `built only from the user id and the calendar day`
}

// negative twin: the same struct carries the event id.
func (a *API) StructEvent(ctx context.Context, userID, eventID string) {
	k := keyParts{User: userID, Day: time.Now().Format("2006-01-02"), Event: eventID}
	a.rdb.SetNX(ctx, fmt.Sprintf("idem:%+v", k), 1, 48*time.Hour)
}

type Job struct {
	UserID string
	Day    string
	RunID  string
}

// dedupKey is a key-builder method: reported here, once, not at its two callers.
func (j *Job) dedupKey() string {
	return "job:" + j.UserID + ":" + j.Day // want `idempotency key "job:"\+j.UserID\+":"\+j.Day is built only from the user id and the calendar day`
}

func (a *API) RunJob(ctx context.Context, j *Job) {
	a.rdb.SetNX(ctx, j.dedupKey(), 1, 48*time.Hour)
}

func (a *API) RetryJob(ctx context.Context, j *Job) {
	if a.rdb.Exists(ctx, j.dedupKey()).Val() > 0 {
		return
	}
	a.rdb.SetNX(ctx, j.dedupKey(), 1, 48*time.Hour)
}

// runKey is the negative twin: it carries the run id.
func (j *Job) runKey() string { return "job:" + j.UserID + ":" + j.Day + ":" + j.RunID }

func (a *API) RunJobOnce(ctx context.Context, j *Job) {
	a.rdb.SetNX(ctx, j.runKey(), 1, 48*time.Hour)
}

// negative: the month of a billing run per customer, in a key that says nothing
// about dedup and with no operation at hand: a monthly job, on purpose.
func (a *API) Bill(ctx context.Context, customerID string) {
	a.rdb.SetNX(ctx, "billing:"+customerID+":"+time.Now().Format("2006-01"), 1, 40*24*time.Hour)
}

// positive: the same in a key that says idempotency.
func (a *API) BillIdem(ctx context.Context, customerID string) {
	a.rdb.SetNX(ctx, "idempotency:"+customerID+":"+time.Now().Format("2006-01"), 1, 40*24*time.Hour) // want `built only from the customer id and the month: two different operations of one customer in one month collide`
}

// positive: an outgoing header map index from the tenant and the minute.
func (a *API) Notify(ctx context.Context, tenantID string) {
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://hooks.example.com", nil)
	req.Header["Idempotency-Key"] = []string{tenantID + time.Now().Truncate(time.Minute).Format("15:04")} // want `built only from the tenant id and the minute`
	http.DefaultClient.Do(req)
}

// negative twin: a Weekday as a part of a key with the event id.
func (a *API) NotifyEvent(ctx context.Context, tenantID, eventID string) {
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://hooks.example.com", nil)
	req.Header.Set("Idempotency-Key", tenantID+time.Now().Weekday().String()+eventID)
	http.DefaultClient.Do(req)
}

// positive: a Weekday as the only clock part.
func (a *API) NotifyWeekday(ctx context.Context, tenantID string) {
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://hooks.example.com", nil)
	req.Header.Set("X-Idempotency-Key", tenantID+time.Now().Weekday().String()) // want `built only from the tenant id and the calendar day`
	http.DefaultClient.Do(req)
}

// negative: suppressed.
func (a *API) Suppressed(ctx context.Context, userID string) {
	//idemlint:ignore coarsekey one redemption per user per day is the product rule
	a.rdb.SetNX(ctx, "idem:"+userID+time.Now().Format("2006-01-02"), 1, 48*time.Hour)
}

type userKey struct{}

type requestKey struct{}

// positive: the user from the context, known by the variable it is assigned to.
func (a *API) FromContext(ctx context.Context) {
	uid := ctx.Value(userKey{}).(string)
	a.rdb.SetNX(ctx, "idem:"+uid+":"+time.Now().Format("2006-01-02"), 1, 48*time.Hour) // want `built only from the user id and the calendar day`
}

// negative twin: the request id from the context.
func (a *API) FromContextRequest(ctx context.Context) {
	reqID := ctx.Value(requestKey{}).(string)
	a.rdb.SetNX(ctx, "idem:"+reqID+":"+time.Now().Format("2006-01-02"), 1, 48*time.Hour)
}

// positive: a one-column idempotency table claimed with ON CONFLICT.
func (a *API) Insert(ctx context.Context, db *sql.DB, userID string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO idempotency_keys (key) VALUES ($1) ON CONFLICT DO NOTHING",
		userID+":"+time.Now().Format("2006-01-02")) // want `dedup key userID\+":"\+time.Now\(\).Format\("2006-01-02"\) is built only from the user id and the calendar day`
	return err
}

// negative twin: the event id in the same table.
func (a *API) InsertEvent(ctx context.Context, db *sql.DB, eventID string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO idempotency_keys (key) VALUES ($1) ON CONFLICT DO NOTHING", "evt:"+eventID)
	return err
}

// negative: several columns: which one is unique is not said here.
func (a *API) InsertRow(ctx context.Context, db *sql.DB, userID string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO charges (user_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING",
		userID, time.Now().Format("2006-01-02"))
	return err
}
