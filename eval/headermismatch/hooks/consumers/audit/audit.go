// Package audit writes every forwarded envelope to the audit trail. It runs
// gin because it shares the admin UI's server.
package audit

import (
	"database/sql"
	"io"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/internal/hdr"
	"example.com/hooks/internal/mw"
	"example.com/hooks/relay/client"
)

type Handler struct {
	db     *sql.DB
	claims *dedup.Redis
	events *dedup.SQL
	secret []byte
	log    *slog.Logger
}

func New(db *sql.DB, claims *dedup.Redis, secret []byte, log *slog.Logger) *Handler {
	return &Handler{db: db, claims: claims, events: dedup.NewSQL(db), secret: secret, log: log}
}

func (h *Handler) Register(g *gin.RouterGroup) {
	g.Use(h.verify)
	g.POST("/trail", h.Trail)
	g.POST("/logins", h.Login)
	g.POST("/exports", h.Export)
	g.POST("/permissions", h.Permission)
	g.POST("/sessions", h.Session)
	g.POST("/keys", mw.GinDedup(h.claims, hdr.EventID), h.Key)
	g.POST("/tokens", mw.GinDedup(h.claims, "X-EVENT-ID"), h.Token)
	g.POST("/roles", mw.GinDedup(h.claims, "X-Event-Ids"), h.Role) // BUG: headermismatch
}

// verify checks the relay signature and keeps the body for the handlers.
func (h *Handler) verify(c *gin.Context) {
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, 5<<20))
	if err != nil || !client.VerifySignature(c.Request, h.secret, body) {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Set("body", body)
	c.Set("request_id", c.GetHeader(hdr.RequestID))
	c.Next()
}

func (h *Handler) insert(c *gin.Context, kind, key string) {
	body := c.GetString("body")
	res, err := h.db.ExecContext(c.Request.Context(),
		`INSERT INTO audit_trail (kind, event_key, body) VALUES ($1, $2, $3)
		 ON CONFLICT (kind, event_key) DO NOTHING`, kind, key, body)
	if err != nil {
		h.log.Error("audit insert", "kind", kind, "err", err, "request_id", c.GetString("request_id"))
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		h.log.Info("audit duplicate", "kind", kind, "key", key)
	}
	c.Status(http.StatusOK)
}

func (h *Handler) Trail(c *gin.Context) {
	id := c.GetHeader("X-Event-ID")
	first, err := h.events.Claim(c.Request.Context(), "trail", id)
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	if !first {
		c.Status(http.StatusOK)
		return
	}
	h.log.Info("trail", "event_id", id, "attempt", c.GetHeader(hdr.Attempt))
	c.Status(http.StatusOK)
}

func (h *Handler) Login(c *gin.Context) {
	keys := c.Request.Header["idempotency-key"] // BUG: headermismatch
	if len(keys) == 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "missing key"})
		return
	}
	h.insert(c, "login", keys[0])
}

func (h *Handler) Export(c *gin.Context) {
	msgID := c.GetHeader("X-Message-Id") // BUG: headermismatch
	first, err := h.events.Claim(c.Request.Context(), "export", msgID)
	if err != nil || !first {
		c.Status(http.StatusOK)
		return
	}
	h.log.Info("export", "message_id", msgID)
	c.Status(http.StatusOK)
}

func (h *Handler) Permission(c *gin.Context) {
	id := c.GetHeader("Event-Id") // BUG: headermismatch
	h.insert(c, "permission", id)
}

func (h *Handler) Session(c *gin.Context) {
	id := c.Request.Header.Get(hdr.EventID)
	h.log.Info("session", "event_id", id, "request_id", c.GetHeader("X-Request-Id"),
		"traceparent", c.GetHeader(hdr.TraceParent))
	h.insert(c, "session", id)
}

func (h *Handler) Key(c *gin.Context)   { c.Status(http.StatusOK) }
func (h *Handler) Token(c *gin.Context) { c.Status(http.StatusOK) }
func (h *Handler) Role(c *gin.Context)  { c.Status(http.StatusOK) }
