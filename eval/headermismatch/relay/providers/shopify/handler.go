// Package shopify receives Shopify webhooks (echo).
package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
)

type Sync interface {
	Order(c echo.Context, payload []byte) error
	Uninstall(shop string) error
	Fulfillment(c echo.Context, payload []byte) error
	Refund(c echo.Context, payload []byte) error
}

type Webhooks struct {
	secret []byte
	claims *dedup.Store
	ledger *dedup.Ledger
	sync   Sync
	log    *slog.Logger
}

func New(secret []byte, c *dedup.Store, l *dedup.Ledger, s Sync, log *slog.Logger) *Webhooks {
	return &Webhooks{secret: secret, claims: c, ledger: l, sync: s, log: log}
}

func (s *Webhooks) Register(g *echo.Group) {
	g.POST("/shopify/orders-create", s.ordersCreate)
	g.POST("/shopify/app-uninstalled", s.appUninstalled)
	g.POST("/shopify/fulfillments-create", s.fulfillmentsCreate)
	g.POST("/shopify/refunds-create", s.refundsCreate)
}

func (s *Webhooks) verify(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, s.secret)
	m.Write(body)
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(c.Request().Header.Get(hdr.ShopifyHmac))) {
		return nil, echo.NewHTTPError(http.StatusUnauthorized, "hmac mismatch")
	}
	return body, nil
}

func (s *Webhooks) ordersCreate(c echo.Context) error {
	body, err := s.verify(c)
	if err != nil {
		return err
	}
	id := c.Request().Header.Get("X-Shopify-Event-Id")
	s.log.Info("shopify", "topic", c.Request().Header.Get(hdr.ShopifyTopic),
		"shop", c.Request().Header.Get("X-Shopify-Shop-Domain"),
		"triggered_at", c.Request().Header.Get("X-Shopify-Triggered-At"))
	ok, err := s.claims.Claim(c.Request().Context(), "shopify:"+id)
	if err != nil {
		return err
	}
	if !ok {
		return c.NoContent(http.StatusOK)
	}
	return s.sync.Order(c, body)
}

func (s *Webhooks) appUninstalled(c echo.Context) error {
	if _, err := s.verify(c); err != nil {
		return err
	}
	wid := c.Request().Header.Get(hdr.ShopifyWebhookID)
	fresh, err := s.ledger.Record(c.Request().Context(), "shopify-uninstall", wid)
	if err != nil || !fresh {
		return c.NoContent(http.StatusOK)
	}
	return s.sync.Uninstall(c.Request().Header.Get("X-Shopify-Shop-Domain"))
}

func (s *Webhooks) fulfillmentsCreate(c echo.Context) error {
	body, err := s.verify(c)
	if err != nil {
		return err
	}
	id := c.Request().Header.Get("X-Message-Id") // BUG: headermismatch
	ok, err := s.claims.Claim(c.Request().Context(), "shopify-fulfillment:"+id)
	if err != nil || !ok {
		return c.NoContent(http.StatusOK)
	}
	return s.sync.Fulfillment(c, body)
}

func (s *Webhooks) refundsCreate(c echo.Context) error {
	body, err := s.verify(c)
	if err != nil {
		return err
	}
	ids := c.Request().Header["X-Shopify-Event-Id"]
	if len(ids) == 0 {
		return c.NoContent(http.StatusBadRequest)
	}
	ok, err := s.claims.Claim(c.Request().Context(), "shopify-refund:"+ids[0])
	if err != nil || !ok {
		return c.NoContent(http.StatusOK)
	}
	return s.sync.Refund(c, body)
}
