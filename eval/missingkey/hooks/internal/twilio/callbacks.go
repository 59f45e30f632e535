// Package twilio handles Twilio SMS and voice callbacks (echo).
package twilio

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/repo"
	"example.com/hooks/internal/sig"
)

type Callbacks struct {
	AuthToken string
	PublicURL string
	Billing   *repo.Billing
	RDB       *redis.Client
	Log       *slog.Logger
}

func (cb *Callbacks) Register(e *echo.Echo) {
	g := e.Group("/twilio")
	g.POST("/sms/status", cb.smsStatus)
	g.POST("/sms/inbound", cb.inboundSMS)
	g.POST("/voice/callback", cb.voiceStatus)
	g.POST("/voice/recording", cb.recordingReady)
}

func (cb *Callbacks) valid(c echo.Context, signature string) bool {
	form, err := c.FormParams()
	if err != nil {
		return false
	}
	return sig.Twilio(cb.AuthToken, signature, cb.PublicURL+c.Request().URL.Path, form)
}

// smsStatus tracks delivery status of outbound SMS.
func (cb *Callbacks) smsStatus(c echo.Context) error {
	if !cb.valid(c, c.Request().Header.Get("X-Twilio-Signature")) {
		return c.NoContent(http.StatusForbidden)
	}
	sid := c.FormValue("MessageSid")
	status := c.FormValue("MessageStatus")
	if _, err := cb.Billing.Pool.Exec(c.Request().Context(),
		`UPDATE sms_messages SET status = $2, updated_at = now() WHERE sid = $1`, sid, status); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// inboundSMS stores replies from customers and counts STOP keywords.
func (cb *Callbacks) inboundSMS(c echo.Context) error {
	if !cb.valid(c, c.Request().Header.Get("X-Twilio-Signature")) {
		return c.NoContent(http.StatusForbidden)
	}
	ctx := c.Request().Context()
	from := c.FormValue("From")
	body := strings.TrimSpace(c.FormValue("Body"))
	if _, err := cb.Billing.Pool.Exec(ctx, `INSERT INTO sms_inbox (sid, sender, body, received_at) VALUES ($1, $2, $3, $4)`, // BUG: missingkey
		c.FormValue("MessageSid"), from, body, time.Now()); err != nil {
		return err
	}
	if strings.EqualFold(body, "STOP") {
		cb.RDB.SAdd(ctx, "sms:optout", from)
	}
	return c.String(http.StatusOK, "<Response/>")
}

// voiceStatus bills completed calls by the minute. Twilio retries the
// callback on timeouts, so the call sid is claimed first.
func (cb *Callbacks) voiceStatus(c echo.Context) error {
	if !cb.valid(c, c.Request().Header.Get("X-Twilio-Signature")) {
		return c.NoContent(http.StatusForbidden)
	}
	if c.FormValue("CallStatus") != "completed" {
		return c.NoContent(http.StatusNoContent)
	}
	ctx := c.Request().Context()
	sid := c.FormValue("CallSid")
	claimed, err := cb.RDB.SetNX(ctx, "twilio:call-billed:"+sid, 1, 7*24*time.Hour).Result()
	if err != nil {
		return err
	}
	if !claimed {
		return c.NoContent(http.StatusNoContent)
	}
	account := c.FormValue("AccountSid")
	cb.RDB.HIncrBy(ctx, "voice:seconds:"+account, time.Now().Format("2006-01"), int64(len(c.FormValue("CallDuration"))))
	return c.NoContent(http.StatusNoContent)
}

// recordingReady enqueues transcription of a finished recording.
func (cb *Callbacks) recordingReady(c echo.Context) error {
	if !cb.valid(c, c.Request().Header.Get("X-Twilio-Signature")) {
		return c.NoContent(http.StatusForbidden)
	}
	ctx := c.Request().Context()
	sid := c.FormValue("RecordingSid")
	queued, err := cb.RDB.Exists(ctx, "transcribe:queued:"+sid).Result()
	if err != nil {
		return err
	}
	if queued > 0 {
		return c.NoContent(http.StatusNoContent)
	}
	if err := cb.RDB.RPush(ctx, "transcribe:jobs", sid).Err(); err != nil {
		return err
	}
	cb.RDB.Set(ctx, "transcribe:queued:"+sid, 1, 24*time.Hour)
	return c.NoContent(http.StatusNoContent)
}
