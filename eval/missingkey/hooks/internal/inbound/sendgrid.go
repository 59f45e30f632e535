package inbound

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type sendgridEvent struct {
	Email     string `json:"email"`
	Event     string `json:"event"`
	Category  string `json:"category"`
	MessageID string `json:"sg_message_id"`
	EventID   string `json:"sg_event_id"`
}

// SendgridEvents handles the Event Webhook batch (POST /hooks/sendgrid/events).
func (m *Mail) SendgridEvents(c echo.Context) error {
	var batch []sendgridEvent
	if err := c.Bind(&batch); err != nil {
		return c.NoContent(http.StatusBadRequest)
	}
	ctx := c.Request().Context()
	for _, ev := range batch {
		if ev.Category == "" {
			ev.Category = "uncategorized"
		}
		if err := m.RDB.HIncrBy(ctx, "email:stats:"+ev.Category, ev.Event, 1).Err(); err != nil { // BUG: missingkey
			return err
		}
		if ev.Event == "bounce" || ev.Event == "dropped" {
			if _, err := m.Pool.Exec(ctx, `UPDATE contacts SET email_status = 'bounced' WHERE email = $1`, ev.Email); err != nil {
				return err
			}
		}
	}
	return c.NoContent(http.StatusOK)
}

// SendgridOpens records opens; each event id is claimed before it is counted.
func (m *Mail) SendgridOpens(c echo.Context) error {
	var batch []sendgridEvent
	if err := c.Bind(&batch); err != nil {
		return c.NoContent(http.StatusBadRequest)
	}
	ctx := c.Request().Context()
	for _, ev := range batch {
		tag, err := m.Pool.Exec(ctx, `INSERT INTO email_opens (event_id, message_id, email) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`, ev.EventID, ev.MessageID, ev.Email)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			continue
		}
		m.RDB.HIncrBy(ctx, "email:opens", ev.MessageID, 1)
	}
	return c.NoContent(http.StatusOK)
}
