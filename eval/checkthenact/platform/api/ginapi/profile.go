package ginapi

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/rediskeys"
)

type Profile struct {
	UserID      string `json:"user_id"`
	DisplayName string `json:"display_name"`
	AvatarURL   string `json:"avatar_url"`
}

type ProfileAPI struct {
	db  *sql.DB
	rdb redis.UniversalClient
}

func NewProfileAPI(db *sql.DB, rdb redis.UniversalClient) *ProfileAPI {
	return &ProfileAPI{db: db, rdb: rdb}
}

// Show is cache-aside: GET, on a miss load from Postgres and SET with a TTL.
func (a *ProfileAPI) Show(c *gin.Context) {
	ctx := c.Request.Context()
	uid := c.Param("uid")
	raw, err := a.rdb.Get(ctx, rediskeys.Profile(uid)).Bytes()
	if err == nil {
		c.Data(http.StatusOK, "application/json", raw)
		return
	}
	if !errors.Is(err, redis.Nil) {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	var p Profile
	err = a.db.QueryRowContext(ctx, `SELECT user_id, display_name, avatar_url FROM profiles WHERE user_id = $1`, uid).
		Scan(&p.UserID, &p.DisplayName, &p.AvatarURL)
	if errors.Is(err, sql.ErrNoRows) {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	raw, _ = json.Marshal(p)
	a.rdb.Set(ctx, rediskeys.Profile(uid), raw, 10*time.Minute)
	c.Data(http.StatusOK, "application/json", raw)
}

// Update writes through: UPDATE the row, then drop the cache entry.
func (a *ProfileAPI) Update(c *gin.Context) {
	ctx := c.Request.Context()
	uid := c.Param("uid")
	var p Profile
	if err := c.ShouldBindJSON(&p); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if _, err := a.db.ExecContext(ctx, `UPDATE profiles SET display_name = $1, avatar_url = $2 WHERE user_id = $3`,
		p.DisplayName, p.AvatarURL, uid); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	a.rdb.Del(ctx, rediskeys.Profile(uid))
	c.Status(http.StatusNoContent)
}

// AddRecentlyViewed keeps the last ten products a user looked at, as a JSON
// array under one key.
func (a *ProfileAPI) AddRecentlyViewed(c *gin.Context) {
	ctx := c.Request.Context()
	key := "recent:" + c.Param("uid")
	var ids []string
	if raw, err := a.rdb.Get(ctx, key).Bytes(); err == nil {
		_ = json.Unmarshal(raw, &ids)
	}
	ids = append([]string{c.Param("product")}, ids...)
	if len(ids) > 10 {
		ids = ids[:10]
	}
	raw, _ := json.Marshal(ids)
	a.rdb.Set(ctx, key, raw, 30*24*time.Hour) // BUG: checkthenact
	c.Status(http.StatusNoContent)
}

// AddRecentlyViewedList uses a Redis list: LPUSH + LTRIM in one MULTI.
func (a *ProfileAPI) AddRecentlyViewedList(c *gin.Context) {
	ctx := c.Request.Context()
	key := "recent:list:" + c.Param("uid")
	_, _ = a.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.LPush(ctx, key, c.Param("product"))
		pipe.LTrim(ctx, key, 0, 9)
		pipe.Expire(ctx, key, 30*24*time.Hour)
		return nil
	})
	c.Status(http.StatusNoContent)
}
