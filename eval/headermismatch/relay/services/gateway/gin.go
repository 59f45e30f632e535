// Package gateway is the notification gateway: it accepts notifications from the
// relays of other teams and fans them out.
package gateway

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
)

type Fanout interface {
	Send(c *gin.Context, payload []byte) error
}

type Gateway struct {
	rdb    *redis.Client
	ledger *dedup.Ledger
	out    Fanout
	log    *slog.Logger
}

func New(rdb *redis.Client, l *dedup.Ledger, out Fanout, log *slog.Logger) *Gateway {
	return &Gateway{rdb: rdb, ledger: l, out: out, log: log}
}

func (g *Gateway) Engine() *gin.Engine {
	e := gin.New()
	e.Use(g.accessLog)
	e.POST("/notify", g.notify)
	e.POST("/notify/legacy", g.notifyLegacy)
	e.POST("/notify/raw", g.notifyRaw)
	e.POST("/notify/relay", g.notifyRelay)
	e.POST("/orders/import", g.importOrders)
	return e
}

func (g *Gateway) accessLog(c *gin.Context) {
	start := time.Now()
	rid := c.GetHeader("X-Request-Id")
	if rid == "" {
		rid = time.Now().Format("20060102150405.000000")
	}
	c.Header("X-Request-Id", rid)
	c.Next()
	g.log.Info("access", "path", c.FullPath(), "status", c.Writer.Status(),
		"request_id", rid, "idempotency_key", c.GetHeader("Idempotency-Key"),
		"took", time.Since(start))
}

func (g *Gateway) claim(c *gin.Context, id string) bool {
	ok, err := g.rdb.SetNX(c.Request.Context(), "notify:"+id, "1", dedup.Window).Result()
	return err == nil && ok
}

func (g *Gateway) notify(c *gin.Context) {
	if ct := c.Request.Header["Content-type"]; len(ct) == 0 {
		c.AbortWithStatus(http.StatusUnsupportedMediaType)
		return
	}
	id := c.GetHeader("X-EVENT-ID")
	if id == "" {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	ok, err := g.rdb.SetNX(c.Request.Context(), "notify:"+id, "1", dedup.Window).Result()
	if err != nil || !ok {
		c.Status(http.StatusOK)
		return
	}
	body, _ := c.GetRawData()
	_ = g.out.Send(c, body)
	c.Status(http.StatusAccepted)
}

func (g *Gateway) notifyLegacy(c *gin.Context) {
	id := c.GetHeader("X_Event_Id") // BUG: headermismatch
	if !g.claim(c, id) {
		c.Status(http.StatusOK)
		return
	}
	body, _ := c.GetRawData()
	_ = g.out.Send(c, body)
}

func (g *Gateway) notifyRaw(c *gin.Context) {
	vals := c.Request.Header["x-event-id"] // BUG: headermismatch
	if len(vals) == 0 || !g.claim(c, vals[0]) {
		c.Status(http.StatusOK)
		return
	}
	body, _ := c.GetRawData()
	_ = g.out.Send(c, body)
}

func (g *Gateway) notifyRelay(c *gin.Context) {
	id := c.Request.Header.Get(hdr.MessageID) // BUG: headermismatch
	if !g.claim(c, "relay:"+id) {
		c.Status(http.StatusOK)
		return
	}
	if canon := c.Request.Header["X-Event-Id"]; len(canon) > 0 {
		g.log.Info("relay carries event id", "event_id", canon[0])
	}
	body, _ := c.GetRawData()
	_ = g.out.Send(c, body)
}

func (g *Gateway) importOrders(c *gin.Context) {
	key := c.GetHeader("X-Request-Id") // BUG: headermismatch
	fresh, err := g.ledger.Record(c.Request.Context(), "order-import", key)
	if err != nil || !fresh {
		c.Status(http.StatusOK)
		return
	}
	body, _ := c.GetRawData()
	_ = g.out.Send(c, body)
	c.Status(http.StatusCreated)
}
