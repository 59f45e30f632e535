package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"example.com/hooks/relay/client"
)

func (s *Service) GinRoutes(g *gin.Engine) {
	g.POST("/gitlab", s.GitLab)
	g.POST("/gitlab/system", s.GitLabSystem)
	g.POST("/slack/events", s.SlackEvents)
	g.POST("/slack/ops-events", s.SlackOpsEvents)
}

// GitLab handles project and group hooks. GitLab sends Idempotency-Key,
// unchanged across its retries of one event.
func (s *Service) GitLab(c *gin.Context) {
	if subtle.ConstantTimeCompare([]byte(c.GetHeader("X-Gitlab-Token")), s.secrets.GitLab) != 1 {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	event := c.GetHeader("X-Gitlab-Event")
	key := c.GetHeader("Idempotency-Key")
	s.log.Info("gitlab webhook", "event", event, "key", key,
		"webhook_uuid", c.GetHeader("X-Gitlab-Webhook-UUID"), "instance", c.GetHeader("X-Gitlab-Instance"))
	ctx := c.Request.Context()
	first, err := s.seen.Claim(ctx, "gitlab:"+key)
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	if !first {
		c.Status(http.StatusOK)
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	env := client.Envelope{ID: key, Provider: "gitlab", Type: event, ReceivedAt: time.Now(), Payload: body}
	if err := s.forward(ctx, "gitlab:"+key, env); err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.Status(http.StatusOK)
}

// GitLabSystem handles instance-wide system hooks.
func (s *Service) GitLabSystem(c *gin.Context) {
	if subtle.ConstantTimeCompare([]byte(c.GetHeader("X-Gitlab-Token")), s.secrets.GitLab) != 1 {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	eventUUID := c.GetHeader("X-Gitlab-Event-UUID")
	first, err := s.events.Claim(c.Request.Context(), "gitlab-system", eventUUID)
	if err != nil || !first {
		c.Status(http.StatusOK)
		return
	}
	body, _ := io.ReadAll(c.Request.Body)
	env := client.Envelope{ID: eventUUID, Provider: "gitlab", Type: c.GetHeader("X-Gitlab-Event"), ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(c.Request.Context(), s.targets["gitlab"], env)
	c.Status(http.StatusOK)
}

func verifySlack(secret, ts, sig string, body []byte) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("v0:" + ts + ":"))
	m.Write(body)
	return hmac.Equal([]byte(sig), []byte("v0="+hex.EncodeToString(m.Sum(nil))))
}

type slackCallback struct {
	Type      string          `json:"type"`
	Challenge string          `json:"challenge"`
	EventID   string          `json:"event_id"`
	TeamID    string          `json:"team_id"`
	Event     json.RawMessage `json:"event"`
}

// SlackEvents handles the Events API. Slack retries up to three times and
// marks them with X-Slack-Retry-Num; the event id is in the body.
func (s *Service) SlackEvents(c *gin.Context) {
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, 1<<20))
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if !verifySlack(s.secrets.Slack, c.GetHeader("X-Slack-Request-Timestamp"), c.GetHeader("X-Slack-Signature"), body) {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	var cb slackCallback
	if err := json.Unmarshal(body, &cb); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if cb.Type == "url_verification" {
		c.String(http.StatusOK, cb.Challenge)
		return
	}
	if n := c.GetHeader("X-Slack-Retry-Num"); n != "" {
		s.log.Info("slack retry", "num", n, "reason", c.GetHeader("X-Slack-Retry-Reason"), "event_id", cb.EventID)
	}
	if !s.mem.Claim("slack:" + cb.EventID) {
		c.Status(http.StatusOK)
		return
	}
	env := client.Envelope{ID: cb.EventID, Provider: "slack", Type: cb.Type, ReceivedAt: time.Now(), Payload: body}
	go func() { _ = s.fwd.Forward(c.Copy().Request.Context(), s.targets["slack"], env) }()
	c.Status(http.StatusOK)
}

// SlackOpsEvents is the on-call bot's Events API endpoint (second app).
func (s *Service) SlackOpsEvents(c *gin.Context) {
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, 1<<20))
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if !verifySlack(s.secrets.SlackOps, c.GetHeader("X-Slack-Request-Timestamp"), c.GetHeader("X-Slack-Signature"), body) {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	var cb slackCallback
	if err := json.Unmarshal(body, &cb); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if cb.Type == "url_verification" {
		c.String(http.StatusOK, cb.Challenge)
		return
	}
	msgID := c.GetHeader("X-Message-Id") // BUG: headermismatch
	first, err := s.rdb.SetNX(c.Request.Context(), "slack-ops:"+msgID, 1, 72*time.Hour).Result()
	if err != nil || !first {
		c.Status(http.StatusOK)
		return
	}
	env := client.Envelope{ID: cb.EventID, Provider: "slack-ops", Type: cb.Type, ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(c.Request.Context(), s.targets["slack"], env)
	c.Status(http.StatusOK)
}
