// Package consumer handles events pushed by the internal event bus over HTTP
// (echo), and events from an in-process channel.
package consumer

import (
	"context"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
	"example.com/platform/internal/markers"
)

type Event struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	UserID string `json:"user_id"`
	Email  string `json:"email"`
}

type BusHandler struct {
	rdb redis.UniversalClient
}

func NewBusHandler(rdb redis.UniversalClient) *BusHandler { return &BusHandler{rdb: rdb} }

func (h *BusHandler) Register(e *echo.Echo) {
	e.POST("/bus/events", h.Receive)
	e.POST("/bus/events/v2", h.ReceiveV2)
}

func (h *BusHandler) Receive(c echo.Context) error {
	ctx := c.Request().Context()
	var ev Event
	if err := c.Bind(&ev); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if markers.IsProcessed(ctx, h.rdb, ev.Kind, ev.ID) {
		return c.NoContent(http.StatusOK)
	}
	if err := effects.SendEmail(ctx, ev.Email, ev.Kind); err != nil {
		return echo.NewHTTPError(http.StatusBadGateway)
	}
	markers.MarkProcessed(ctx, h.rdb, ev.Kind, ev.ID) // BUG: checkthenact
	return c.NoContent(http.StatusOK)
}

func (h *BusHandler) ReceiveV2(c echo.Context) error {
	ctx := c.Request().Context()
	var ev Event
	if err := c.Bind(&ev); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if markers.IsProcessed(ctx, h.rdb, ev.Kind, ev.ID) {
		return c.NoContent(http.StatusOK)
	}
	if !markers.TryClaim(ctx, h.rdb, ev.Kind, ev.ID) {
		return c.NoContent(http.StatusOK)
	}
	if err := effects.SendEmail(ctx, ev.Email, ev.Kind); err != nil {
		return echo.NewHTTPError(http.StatusBadGateway)
	}
	return c.NoContent(http.StatusOK)
}

// Forwarded checks one kind and marks another.
func (h *BusHandler) Forwarded(ctx context.Context, ev Event) {
	if markers.IsProcessed(ctx, h.rdb, "inbound", ev.ID) {
		return
	}
	_ = effects.Notify(ctx, "forward", ev.ID)
	markers.MarkProcessed(ctx, h.rdb, "forwarded", ev.ID)
}

// Local consumes the in-process channel with a worker per event.
type Local struct {
	seen sync.Map
	wg   sync.WaitGroup
}

func (l *Local) Run(ctx context.Context, ch <-chan Event) {
	for ev := range ch {
		l.wg.Add(1)
		go func(ev Event) {
			defer l.wg.Done()
			if _, ok := l.seen.Load(ev.ID); ok {
				return
			}
			_ = effects.SendEmail(ctx, ev.Email, ev.Kind)
			l.seen.Store(ev.ID, struct{}{}) // BUG: checkthenact
		}(ev)
	}
	l.wg.Wait()
}

// RunClaimed does the same with LoadOrStore and forgets the id on failure.
func (l *Local) RunClaimed(ctx context.Context, ch <-chan Event) {
	for ev := range ch {
		l.wg.Add(1)
		go func(ev Event) {
			defer l.wg.Done()
			if _, loaded := l.seen.LoadOrStore(ev.ID, struct{}{}); loaded {
				return
			}
			if err := effects.SendEmail(ctx, ev.Email, ev.Kind); err != nil {
				l.seen.Delete(ev.ID)
			}
		}(ev)
	}
	l.wg.Wait()
}

// Users keeps a per-process map of user -> last event, guarded by a mutex.
type Users struct {
	mu   sync.Mutex
	last map[string]string
}

func (u *Users) Observe(ev Event) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.last == nil {
		u.last = map[string]string{}
	}
	if u.last[ev.UserID] == ev.ID {
		return false
	}
	u.last[ev.UserID] = ev.ID
	return true
}
