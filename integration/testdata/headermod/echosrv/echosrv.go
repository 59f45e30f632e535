// Package echosrv receives charges and GitHub webhooks with echo.
package echosrv

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/headermod/client"
)

// Charger forwards charges it cannot handle.
var Charger = client.Charge

type Handler struct{ RDB *redis.Client }

// Charge dedups on a header the client never sends.
func (h *Handler) Charge(c echo.Context) error {
	key := c.Request().Header.Get("Idempotency-Token") // want headermismatch
	if h.RDB.Exists(c.Request().Context(), "charge:"+key).Val() > 0 {
		return c.NoContent(http.StatusConflict)
	}
	return c.NoContent(http.StatusOK)
}

// GitHub verifies a GitHub delivery but dedups on a header GitHub never sends.
func (h *Handler) GitHub(c echo.Context) error {
	if c.Request().Header.Get("X-Hub-Signature-256") == "" {
		return c.NoContent(http.StatusUnauthorized)
	}
	id := c.Request().Header.Get("X-Request-Id") // want headermismatch
	if ok, _ := h.RDB.SetNX(c.Request().Context(), "gh:"+id, 1, 72*time.Hour).Result(); !ok {
		return c.NoContent(http.StatusOK)
	}
	return c.NoContent(http.StatusAccepted)
}

// GitHubOK dedups on the delivery id.
func (h *Handler) GitHubOK(c echo.Context) error {
	if c.Request().Header.Get("X-GitHub-Event") == "" {
		return c.NoContent(http.StatusBadRequest)
	}
	id := c.Request().Header.Get("X-GitHub-Delivery")
	h.RDB.SetNX(c.Request().Context(), "gh:"+id, 1, 72*time.Hour)
	c.Response().Header().Set("X-Request-Id", id)
	return c.NoContent(http.StatusAccepted)
}

// Register wires the routes.
func Register(e *echo.Echo, h *Handler) {
	e.POST("/charge", h.Charge)
	e.POST("/github", h.GitHub)
	e.POST("/github-ok", h.GitHubOK)
}
