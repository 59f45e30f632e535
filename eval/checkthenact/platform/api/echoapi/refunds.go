// Package echoapi is the back-office refunds API (echo).
package echoapi

import (
	"database/sql"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

type RefundsAPI struct {
	db  *sql.DB
	rdb *redis.Client
}

func NewRefundsAPI(db *sql.DB, rdb *redis.Client) *RefundsAPI { return &RefundsAPI{db: db, rdb: rdb} }

func (a *RefundsAPI) Register(e *echo.Echo) {
	g := e.Group("/admin/orders/:order/refunds")
	g.POST("/:refund", a.Issue)
	g.POST("/:refund/v2", a.IssueV2)
	g.POST("/:refund/record", a.Record)
	g.POST("/:refund/record-v2", a.RecordV2)
}

// Issue remembers issued refunds in a per-order hash.
func (a *RefundsAPI) Issue(c echo.Context) error {
	ctx := c.Request().Context()
	orderID := c.Param("order")
	refundID := c.Param("refund")
	cents, _ := strconv.ParseInt(c.QueryParam("cents"), 10, 64)
	hkey := "order:" + orderID + ":refunds"
	issued, err := a.rdb.HExists(ctx, hkey, refundID).Result()
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable)
	}
	if issued {
		return c.NoContent(http.StatusOK)
	}
	if err := effects.ChargeCard(ctx, orderID, -cents); err != nil {
		return echo.NewHTTPError(http.StatusBadGateway)
	}
	a.rdb.HSet(ctx, hkey, refundID, cents) // BUG: checkthenact
	return c.NoContent(http.StatusCreated)
}

// IssueV2 claims the refund id in the hash with HSETNX before paying.
func (a *RefundsAPI) IssueV2(c echo.Context) error {
	ctx := c.Request().Context()
	orderID := c.Param("order")
	refundID := c.Param("refund")
	cents, _ := strconv.ParseInt(c.QueryParam("cents"), 10, 64)
	hkey := "order:" + orderID + ":refunds"
	ok, err := a.rdb.HSetNX(ctx, hkey, refundID, cents).Result()
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable)
	}
	if !ok {
		return c.NoContent(http.StatusOK)
	}
	if err := effects.ChargeCard(ctx, orderID, -cents); err != nil {
		a.rdb.HDel(ctx, hkey, refundID)
		return echo.NewHTTPError(http.StatusBadGateway)
	}
	return c.NoContent(http.StatusCreated)
}

// Record stores the refund row if it is not there yet.
func (a *RefundsAPI) Record(c echo.Context) error {
	ctx := c.Request().Context()
	refundID := c.Param("refund")
	orderID := c.Param("order")
	var exists bool
	if err := a.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM refunds WHERE external_id = $1)`, refundID).Scan(&exists); err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError)
	}
	if exists {
		return c.NoContent(http.StatusOK)
	}
	_, err := a.db.ExecContext(ctx, `INSERT INTO refunds (external_id, order_id, created_at) VALUES ($1, $2, now())`, refundID, orderID) // BUG: checkthenact
	if err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError)
	}
	return c.NoContent(http.StatusCreated)
}

// RecordV2 lets the unique index decide.
func (a *RefundsAPI) RecordV2(c echo.Context) error {
	ctx := c.Request().Context()
	refundID := c.Param("refund")
	orderID := c.Param("order")
	var id int64
	err := a.db.QueryRowContext(ctx,
		`INSERT INTO refunds (external_id, order_id, created_at) VALUES ($1, $2, now())
		 ON CONFLICT (external_id) DO NOTHING RETURNING id`, refundID, orderID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return c.NoContent(http.StatusOK)
	}
	if err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError)
	}
	return c.NoContent(http.StatusCreated)
}
