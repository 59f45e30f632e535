// Package presence tracks which users are online so pushes can be skipped for them.
package presence

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Tracker records presence heartbeats.
type Tracker struct {
	RDB redis.Cmdable
}

// Seen marks the user online for the next 90 seconds.
func (t *Tracker) Seen(ctx context.Context, userID, device string) error {
	return t.RDB.Set(ctx, "presence:"+userID, device, 90*time.Second).Err()
}

// Online reports whether the user sent a heartbeat recently.
func (t *Tracker) Online(ctx context.Context, userID string) (bool, error) {
	n, err := t.RDB.Exists(ctx, "presence:"+userID).Result()
	return n > 0, err
}

// Typing shows the typing indicator in a conversation.
func (t *Tracker) Typing(ctx context.Context, convID, userID string) error {
	return t.RDB.SetEx(ctx, "typing:"+convID+":"+userID, 1, 5*time.Second).Err()
}

// Session registers a websocket session id; a second connection for the same id is refused.
func (t *Tracker) Session(ctx context.Context, sessionID, node string) (bool, error) {
	return t.RDB.SetNX(ctx, "ws:session:"+sessionID, node, 0).Result()
}

// EndSession drops the session when the websocket closes.
func (t *Tracker) EndSession(ctx context.Context, sessionID string) error {
	return t.RDB.Del(ctx, "ws:session:"+sessionID).Err()
}
