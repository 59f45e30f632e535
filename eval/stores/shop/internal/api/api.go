// Package api is the shop's public JSON API (gin).
package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"example.com/shop/internal/cart"
	"example.com/shop/internal/giftcards"
	"example.com/shop/internal/loyalty"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/promo"
	"example.com/shop/internal/reviews"
)

// Server holds the application services the API exposes.
type Server struct {
	Carts   *cart.Carts
	Promo   *promo.Store
	Cards   *giftcards.Service
	Loyalty *loyalty.Program
	Reviews *reviews.Requester
	Orders  *orders.Service
}

// Routes mounts the API on r.
func (s *Server) Routes(r *gin.Engine) {
	g := r.Group("/api/v1")
	g.POST("/carts/:id/items", s.addItem)
	g.POST("/coupons/:code/redeem", s.redeemCoupon)
	g.POST("/giftcards/:code/redeem", s.redeemCard)
	g.POST("/loyalty/:customer/redeem", s.redeemPoints)
	g.POST("/reviews", s.submitReview)
	g.POST("/orders/:ref/capture", s.capture)
	g.POST("/orders/:ref/refund", s.refund)
}

type amountBody struct {
	Amount     int64  `json:"amount" binding:"required,gt=0"`
	CustomerID string `json:"customer_id"`
	OrderRef   string `json:"order_ref"`
	SKU        string `json:"sku"`
	Reason     string `json:"reason"`
}

func (s *Server) addItem(c *gin.Context) {
	var b amountBody
	if err := c.ShouldBindJSON(&b); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	if err := s.Carts.AddAtomic(c.Request.Context(), c.Param("id"), b.SKU, b.Amount); err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) redeemCoupon(c *gin.Context) {
	var b amountBody
	_ = c.ShouldBindJSON(&b)
	err := s.Promo.RedeemOnce(c.Request.Context(), c.Param("code"), b.CustomerID, b.OrderRef)
	switch {
	case errors.Is(err, promo.ErrAlreadyRedeemed):
		c.JSON(http.StatusConflict, gin.H{"error": "already redeemed"})
	case err != nil:
		c.Status(http.StatusInternalServerError)
	default:
		c.Status(http.StatusNoContent)
	}
}

func (s *Server) redeemCard(c *gin.Context) {
	var b amountBody
	if err := c.ShouldBindJSON(&b); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	left, err := s.Cards.RedeemAtomic(c.Request.Context(), c.Param("code"), b.Amount)
	if errors.Is(err, giftcards.ErrInsufficientBalance) {
		c.JSON(http.StatusPaymentRequired, gin.H{"error": "insufficient balance"})
		return
	}
	if err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, gin.H{"balance": left})
}

func (s *Server) redeemPoints(c *gin.Context) {
	var b amountBody
	if err := c.ShouldBindJSON(&b); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	if err := s.Loyalty.RedeemTx(c.Request.Context(), c.Param("customer"), b.Amount); err != nil {
		c.JSON(http.StatusConflict, gin.H{"error": err.Error()})
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) submitReview(c *gin.Context) {
	var rv reviews.Review
	if err := c.ShouldBindJSON(&rv); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	if err := s.Reviews.Submit(c.Request.Context(), rv); err != nil {
		c.JSON(http.StatusConflict, gin.H{"error": err.Error()})
		return
	}
	c.Status(http.StatusCreated)
}

// capture charges an order; clients send an Idempotency-Key per checkout.
func (s *Server) capture(c *gin.Context) {
	var b amountBody
	if err := c.ShouldBindJSON(&b); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	key := c.GetHeader("Idempotency-Key")
	if key == "" {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Idempotency-Key required"})
		return
	}
	p, err := s.Orders.Capture(c.Request.Context(), c.Param("ref"), b.Amount, key)
	if err != nil {
		c.Status(http.StatusBadGateway)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) refund(c *gin.Context) {
	var b amountBody
	if err := c.ShouldBindJSON(&b); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	err := s.Orders.RefundLocked(c.Request.Context(), c.Param("ref"), b.Amount, b.Reason)
	if errors.Is(err, orders.ErrAlreadyRefunded) {
		c.JSON(http.StatusConflict, gin.H{"error": "already refunded"})
		return
	}
	if err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusNoContent)
}
