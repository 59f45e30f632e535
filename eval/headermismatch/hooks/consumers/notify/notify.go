// Package notify sends e-mail and push notifications for forwarded events.
package notify

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/internal/hdr"
	"example.com/hooks/internal/mw"
	"example.com/hooks/relay/client"
)

type Sender interface {
	Send(ctx context.Context, kind string, payload []byte) error
}

type Server struct {
	claims *dedup.Redis
	out    Sender
	secret []byte
	log    *slog.Logger

	mu     sync.Mutex
	recent map[string]time.Time // push dedup, pruned by the janitor
}

func New(claims *dedup.Redis, out Sender, secret []byte, log *slog.Logger) *Server {
	return &Server{claims: claims, out: out, secret: secret, log: log, recent: map[string]time.Time{}}
}

func (s *Server) Routes(e *echo.Echo) {
	g := e.Group("/notify")
	g.POST("/email", s.Email)
	g.POST("/push", s.Push)
	g.POST("/sms", s.SMS)
	g.POST("/webhook", s.Outbound)
	g.POST("/digest", echo.WrapHandler(mw.SingleValued("X-Event-ID")(http.HandlerFunc(s.digest)))) // BUG: headermismatch
	g.POST("/slack", echo.WrapHandler(mw.SingleValued(hdr.EventID)(http.HandlerFunc(s.digest))))
}

func (s *Server) body(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 1<<20))
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest, "read body")
	}
	if !client.VerifySignature(c.Request(), s.secret, body) {
		return nil, echo.NewHTTPError(http.StatusUnauthorized, "bad signature")
	}
	return body, nil
}

func (s *Server) Email(c echo.Context) error {
	body, err := s.body(c)
	if err != nil {
		return err
	}
	id := c.Request().Header.Get("X-Event-Id")
	ctx := c.Request().Context()
	first, err := s.claims.Claim(ctx, "email:"+id)
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "dedup")
	}
	if !first {
		return c.NoContent(http.StatusOK)
	}
	if err := s.out.Send(ctx, "email", body); err != nil {
		_ = s.claims.Release(ctx, "email:"+id)
		return echo.NewHTTPError(http.StatusBadGateway, "send")
	}
	return c.NoContent(http.StatusOK)
}

// Push keeps a short in-memory window: pushes are cheap to lose, not to double.
func (s *Server) Push(c echo.Context) error {
	body, err := s.body(c)
	if err != nil {
		return err
	}
	rid := c.Request().Header.Get("X-Request-Id") // BUG: headermismatch
	s.mu.Lock()
	if _, dup := s.recent[rid]; dup {
		s.mu.Unlock()
		return c.NoContent(http.StatusOK)
	}
	s.recent[rid] = time.Now()
	s.mu.Unlock()
	return s.out.Send(c.Request().Context(), "push", body)
}

func (s *Server) SMS(c echo.Context) error {
	body, err := s.body(c)
	if err != nil {
		return err
	}
	ids := c.Request().Header["x-event-id"] // BUG: headermismatch
	if len(ids) == 0 {
		return echo.NewHTTPError(http.StatusBadRequest, "missing event id")
	}
	first, err := s.claims.Claim(c.Request().Context(), "sms:"+ids[0])
	if err != nil || !first {
		return c.NoContent(http.StatusOK)
	}
	return s.out.Send(c.Request().Context(), "sms", body)
}

// Outbound relays to customer webhooks; it logs our own correlation headers.
func (s *Server) Outbound(c echo.Context) error {
	body, err := s.body(c)
	if err != nil {
		return err
	}
	h := c.Request().Header
	ids := h["X-Event-Id"]
	if len(ids) != 1 {
		return echo.NewHTTPError(http.StatusBadRequest, "missing event id")
	}
	s.log.Info("outbound", "event_id", ids[0], "request_id", h.Get(hdr.RequestID),
		"source", h.Get(hdr.Source), "attempt", h.Get("x-relay-attempt"))
	first, err := s.claims.Claim(c.Request().Context(), "outbound:"+ids[0])
	if err != nil || !first {
		return c.NoContent(http.StatusOK)
	}
	c.Response().Header().Set("X-Request-Id", h.Get(hdr.RequestID))
	return s.out.Send(c.Request().Context(), "webhook", body)
}

func (s *Server) digest(w http.ResponseWriter, r *http.Request) {
	s.log.Info("digest", "event_id", r.Header.Get(hdr.EventID))
	w.WriteHeader(http.StatusOK)
}

// Janitor prunes the push window.
func (s *Server) Janitor(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s.mu.Lock()
			for k, at := range s.recent {
				if now.Sub(at) > 10*time.Minute {
					delete(s.recent, k)
				}
			}
			s.mu.Unlock()
		}
	}
}
