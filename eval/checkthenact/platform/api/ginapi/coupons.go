package ginapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

type CouponsAPI struct {
	rdb redis.Cmdable
}

func NewCouponsAPI(rdb redis.Cmdable) *CouponsAPI { return &CouponsAPI{rdb: rdb} }

// Redeem lets each user redeem a coupon once.
func (a *CouponsAPI) Redeem(c *gin.Context) {
	ctx := c.Request.Context()
	code := c.Param("code")
	user := c.GetString("userID")
	key := "coupon:" + code + ":redeemed"
	used, err := a.rdb.SIsMember(ctx, key, user).Result()
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	if used {
		c.JSON(http.StatusConflict, gin.H{"error": "already redeemed"})
		return
	}
	if err := effects.ChargeCard(ctx, user, -500); err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	a.rdb.SAdd(ctx, key, user) // BUG: checkthenact
	c.JSON(http.StatusOK, gin.H{"discount_cents": 500})
}

// RedeemV2 uses the SADD reply as the claim.
func (a *CouponsAPI) RedeemV2(c *gin.Context) {
	ctx := c.Request.Context()
	code := c.Param("code")
	user := c.GetString("userID")
	key := "coupon:" + code + ":redeemed"
	added, err := a.rdb.SAdd(ctx, key, user).Result()
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	if added == 0 {
		c.JSON(http.StatusConflict, gin.H{"error": "already redeemed"})
		return
	}
	if err := effects.ChargeCard(ctx, user, -500); err != nil {
		a.rdb.SRem(ctx, key, user)
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.JSON(http.StatusOK, gin.H{"discount_cents": 500})
}

// Preview only reads; it records the preview under another key.
func (a *CouponsAPI) Preview(c *gin.Context) {
	ctx := c.Request.Context()
	code := c.Param("code")
	user := c.GetString("userID")
	used, _ := a.rdb.SIsMember(ctx, "coupon:"+code+":redeemed", user).Result()
	if !used {
		a.rdb.SAdd(ctx, "coupon:"+code+":previewed", user)
	}
	c.JSON(http.StatusOK, gin.H{"redeemable": !used})
}
