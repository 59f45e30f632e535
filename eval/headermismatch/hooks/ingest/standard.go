package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"example.com/hooks/relay/client"
)

func (s *Service) EchoRoutes(e *echo.Echo) {
	e.POST("/svix/:app", s.Svix)
	e.POST("/svix/legacy", s.SvixLegacy)
	e.POST("/hooks/standard/:source", s.StandardWebhook)
	e.POST("/hooks/partner", s.PartnerWebhook)
}

// verifyStandard checks a Standard Webhooks / Svix signature: base64
// HMAC-SHA256 over "id.timestamp.body", any of the space separated v1 entries.
func verifyStandard(secret []byte, id, ts string, body []byte, sigs string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return false
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(id + "." + ts + "."))
	m.Write(body)
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	for _, s := range strings.Fields(sigs) {
		if v, ok := strings.CutPrefix(s, "v1,"); ok && hmac.Equal([]byte(v), []byte(want)) {
			return true
		}
	}
	return false
}

// Svix handles messages from the partner apps that deliver through Svix.
func (s *Service) Svix(c echo.Context) error {
	req := c.Request()
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "read body")
	}
	h := req.Header
	msgID := h.Get("svix-id")
	if !verifyStandard(s.secrets.Svix, msgID, h.Get("svix-timestamp"), body, h.Get("svix-signature")) {
		return echo.NewHTTPError(http.StatusUnauthorized, "bad signature")
	}
	first, err := s.seen.Claim(req.Context(), "svix:"+msgID)
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "dedup")
	}
	if !first {
		return c.NoContent(http.StatusOK)
	}
	env := client.Envelope{ID: msgID, Provider: "svix:" + c.Param("app"), ReceivedAt: time.Now(), Payload: body}
	if err := s.fwd.Forward(req.Context(), s.targets["svix"], env); err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, "forward")
	}
	return c.NoContent(http.StatusNoContent)
}

// SvixLegacy is the endpoint the first partner still calls. It looks at the
// raw header map to refuse messages that carry the id twice.
func (s *Service) SvixLegacy(c echo.Context) error {
	req := c.Request()
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "read body")
	}
	ids := req.Header["svix-id"] // BUG: headermismatch
	if len(ids) != 1 {
		return echo.NewHTTPError(http.StatusBadRequest, "svix-id")
	}
	if !verifyStandard(s.secrets.Svix, ids[0], req.Header.Get("Svix-Timestamp"), body, req.Header.Get("Svix-Signature")) {
		return echo.NewHTTPError(http.StatusUnauthorized, "bad signature")
	}
	if !s.mem.Claim("svix-legacy:" + ids[0]) {
		return c.NoContent(http.StatusOK)
	}
	env := client.Envelope{ID: ids[0], Provider: "svix:legacy", ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(req.Context(), s.targets["svix"], env)
	return c.NoContent(http.StatusNoContent)
}

// StandardWebhook handles senders that implement Standard Webhooks directly.
func (s *Service) StandardWebhook(c echo.Context) error {
	req := c.Request()
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "read body")
	}
	id := req.Header.Get("webhook-id")
	if !verifyStandard(s.secrets.Partner, id, req.Header.Get("webhook-timestamp"), body, req.Header.Get("webhook-signature")) {
		return echo.NewHTTPError(http.StatusUnauthorized, "bad signature")
	}
	first, err := s.seen.Claim(req.Context(), "std:"+c.Param("source")+":"+id)
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "dedup")
	}
	if !first {
		return c.NoContent(http.StatusOK)
	}
	env := client.Envelope{ID: id, Provider: c.Param("source"), ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(req.Context(), s.targets[c.Param("source")], env)
	return c.NoContent(http.StatusNoContent)
}

// PartnerWebhook is the billing partner's feed (Standard Webhooks signing).
func (s *Service) PartnerWebhook(c echo.Context) error {
	req := c.Request()
	sig := req.Header.Get("webhook-signature")
	if sig == "" {
		return echo.NewHTTPError(http.StatusUnauthorized, "unsigned")
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "read body")
	}
	if !verifyStandard(s.secrets.Partner, req.Header.Get("webhook-id"), req.Header.Get("webhook-timestamp"), body, sig) {
		return echo.NewHTTPError(http.StatusUnauthorized, "bad signature")
	}
	key := req.Header.Get("X-Webhook-Id") // BUG: headermismatch
	first, err := s.events.Claim(req.Context(), "partner", key)
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "dedup")
	}
	if !first {
		return c.NoContent(http.StatusOK)
	}
	env := client.Envelope{ID: key, Provider: "partner", ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(req.Context(), s.targets["partner"], env)
	return c.NoContent(http.StatusNoContent)
}
