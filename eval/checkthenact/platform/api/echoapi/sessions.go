package echoapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

type SessionAPI struct {
	rdb redis.Cmdable
}

func NewSessionAPI(rdb redis.Cmdable) *SessionAPI { return &SessionAPI{rdb: rdb} }

// ConsumeMagicLink spends a one-time login token with GETDEL.
func (a *SessionAPI) ConsumeMagicLink(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	uid, err := a.rdb.GetDel(ctx, "magic:"+token).Result()
	if err == redis.Nil {
		return echo.NewHTTPError(http.StatusGone)
	}
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable)
	}
	sid := token[:8] + uid
	a.rdb.Set(ctx, "session:"+sid, uid, 12*time.Hour)
	return c.JSON(http.StatusOK, map[string]string{"session": sid})
}

// Touch extends a session that exists; the key is checked and then its TTL
// is refreshed, which is not a write of a value.
func (a *SessionAPI) Touch(c echo.Context) error {
	ctx := c.Request().Context()
	key := "session:" + c.Param("sid")
	n, err := a.rdb.Exists(ctx, key).Result()
	if err != nil || n == 0 {
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	a.rdb.Expire(ctx, key, 12*time.Hour)
	return c.NoContent(http.StatusNoContent)
}

// Login checks the user's lockout flag and then opens a session under a
// different key.
func (a *SessionAPI) Login(c echo.Context) error {
	ctx := c.Request().Context()
	uid := c.FormValue("user")
	if locked, _ := a.rdb.Exists(ctx, "lockout:"+uid).Result(); locked > 0 {
		return echo.NewHTTPError(http.StatusLocked)
	}
	sid := uid + "-" + time.Now().Format("150405.000")
	a.rdb.Set(ctx, "session:"+sid, uid, 12*time.Hour)
	return c.JSON(http.StatusOK, map[string]string{"session": sid})
}
