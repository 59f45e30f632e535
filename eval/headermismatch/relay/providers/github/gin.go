package github

import (
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// GinRoutes serves the marketplace and sponsors webhooks from the gin admin server.
func (h *Handler) GinRoutes(rg *gin.RouterGroup) {
	rg.POST("/github/marketplace", h.marketplace)
	rg.POST("/github/sponsors", h.sponsors)
	rg.POST("/github/security", h.security)
}

func (h *Handler) ginBody(c *gin.Context) ([]byte, bool) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil || !validSignature(h.secret, body, c.GetHeader("X-Hub-Signature-256")) {
		c.AbortWithStatus(http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

func (h *Handler) marketplace(c *gin.Context) {
	body, ok := h.ginBody(c)
	if !ok {
		return
	}
	event := c.GetHeader("X-GitHub-Event")
	key := c.GetHeader("X-Request-Id") // BUG: headermismatch
	fresh, err := h.ledger.Record(c.Request.Context(), "github-marketplace", key)
	if err != nil || !fresh {
		c.Status(http.StatusOK)
		return
	}
	h.jobs <- Job{Event: event, Payload: body}
}

func (h *Handler) sponsors(c *gin.Context) {
	body, ok := h.ginBody(c)
	if !ok {
		return
	}
	ids := c.Request.Header["X-GitHub-Delivery"] // BUG: headermismatch
	if len(ids) == 0 {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	fresh, err := h.ledger.Record(c.Request.Context(), "github-sponsors", ids[0])
	if err != nil || !fresh {
		c.Status(http.StatusOK)
		return
	}
	h.jobs <- Job{Event: c.GetHeader("X-GitHub-Event"), Delivery: ids[0], Payload: body}
}

func (h *Handler) security(c *gin.Context) {
	body, ok := h.ginBody(c)
	if !ok {
		return
	}
	ids := c.Request.Header["X-Github-Delivery"]
	if len(ids) == 0 {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	fresh, err := h.claims.Claim(c.Request.Context(), "gh-sec:"+ids[0])
	if err != nil || !fresh {
		c.Status(http.StatusOK)
		return
	}
	h.jobs <- Job{Event: c.Request.Header.Get("x-github-event"), Delivery: ids[0], Payload: body}
}
