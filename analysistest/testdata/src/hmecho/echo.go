// want package:"sends X-Event-Id"
// Package hmecho is an echo service that forwards events with X-Event-Id and
// receives them back.
package hmecho

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

func forward(ctx context.Context, url, eventID string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header["X-Event-Id"] = []string{eventID}
	_, err = http.DefaultClient.Do(req)
	return err
}

type handler struct{ rdb *redis.Client }

func (h *handler) receive(c echo.Context) error {
	key := c.Request().Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which no sender in this module sets`
	if h.rdb.Exists(c.Request().Context(), "evt:"+key).Val() > 0 {
		return c.NoContent(http.StatusOK)
	}
	return nil
}

func (h *handler) near(c echo.Context) error {
	id := c.Request().Header.Get("X-Events-Id") // want `header "X-Events-Id" is read but this module's senders set "X-Event-Id"`
	h.rdb.SetNX(c.Request().Context(), "evt:"+id, 1, time.Hour)
	return nil
}

// Not reported: the sender's header; a response header is not a send.

func (h *handler) receiveOK(c echo.Context) error {
	id := c.Request().Header.Get("X-Event-ID")
	if ok, _ := h.rdb.SetNX(c.Request().Context(), "evt:"+id, 1, time.Hour).Result(); !ok {
		return c.NoContent(http.StatusOK)
	}
	c.Response().Header().Set("Idempotency-Key", id)
	return nil
}

func register(e *echo.Echo, h *handler) {
	e.POST("/events", h.receive)
	e.POST("/near", h.near)
	e.POST("/ok", h.receiveOK)
}
