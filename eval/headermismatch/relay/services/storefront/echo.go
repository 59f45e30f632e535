// Package storefront is the public order API (echo). External clients send
// Idempotency-Key on POSTs, as in our public API docs.
package storefront

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"example.com/hmcorpus/internal/dedup"
)

type Orders interface {
	Create(c echo.Context) (string, error)
	Cancel(c echo.Context, id string) error
}

type API struct {
	claims *dedup.Store
	orders Orders
	log    *slog.Logger
}

func New(claims *dedup.Store, orders Orders, log *slog.Logger) *API {
	return &API{claims: claims, orders: orders, log: log}
}

func (a *API) Register(e *echo.Echo) {
	e.Use(middleware.RequestID())
	e.POST("/v2/orders", a.createOrder)
	e.POST("/v2/orders/:id/cancel", a.cancelOrder)
	e.POST("/v1/orders", a.createOrderV1)
	e.GET("/v2/orders/:id", a.getOrder)
}

func (a *API) createOrder(c echo.Context) error {
	key := c.Request().Header.Get("idempotency-key")
	if key == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "Idempotency-Key is required")
	}
	ok, err := a.claims.Claim(c.Request().Context(), "order:"+key)
	if err != nil {
		return err
	}
	if !ok {
		c.Response().Header().Set("Idempotent-Replayed", "true")
		return c.NoContent(http.StatusConflict)
	}
	id, err := a.orders.Create(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderXRequestID, c.Response().Header().Get(echo.HeaderXRequestID))
	return c.JSON(http.StatusCreated, map[string]string{"id": id})
}

func (a *API) cancelOrder(c echo.Context) error {
	keys := c.Request().Header["Idempotency-Key"]
	if len(keys) == 0 {
		return echo.NewHTTPError(http.StatusBadRequest, "Idempotency-Key is required")
	}
	ok, err := a.claims.Claim(c.Request().Context(), "cancel:"+keys[0])
	if err != nil || !ok {
		return c.NoContent(http.StatusOK)
	}
	return a.orders.Cancel(c, c.Param("id"))
}

// createOrderV1 is the deprecated path; some SDKs still call it.
func (a *API) createOrderV1(c echo.Context) error {
	keys := c.Request().Header["idempotency-key"] // BUG: headermismatch
	if len(keys) > 0 {
		ok, err := a.claims.Claim(c.Request().Context(), "order:"+keys[0])
		if err != nil || !ok {
			return c.NoContent(http.StatusConflict)
		}
	}
	id, err := a.orders.Create(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"id": id})
}

func (a *API) getOrder(c echo.Context) error {
	a.log.Info("get order", "id", c.Param("id"),
		"request_id", c.Request().Header.Get(echo.HeaderXRequestID),
		"auth_scheme", c.Request().Header["authorization"])
	return c.NoContent(http.StatusNotImplemented)
}
