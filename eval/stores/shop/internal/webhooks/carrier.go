package webhooks

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"example.com/shop/internal/notify"
	"example.com/shop/internal/shipping"
)

// CarrierEvent is the carrier's webhook payload.
type CarrierEvent struct {
	EventID    string    `json:"event_id"`
	ShipmentID string    `json:"shipment_id"`
	Seq        int       `json:"seq"`
	Status     string    `json:"status"`
	Email      string    `json:"email"`
	At         time.Time `json:"at"`
}

// Carrier handles the parcel carrier's webhooks.
type Carrier struct {
	tracker  *shipping.Tracker
	labels   *shipping.Labels
	mail     *notify.Mailer
	received *mongo.Collection
}

// NewCarrier wires the carrier webhooks.
func NewCarrier(t *shipping.Tracker, l *shipping.Labels, m *notify.Mailer, db *mongo.Database) *Carrier {
	return &Carrier{tracker: t, labels: l, mail: m, received: db.Collection("carrier_webhooks")}
}

// Mount registers the routes on r.
func (c *Carrier) Mount(r *gin.Engine) {
	hooks := r.Group("/hooks/carrier")
	hooks.POST("/scan", c.scan)
	hooks.POST("/delivered", c.delivered)
	hooks.POST("/returned", c.returned)
	hooks.POST("/delayed", c.delayed)
}

func (c *Carrier) scan(ctx *gin.Context) {
	var ev CarrierEvent
	if err := ctx.ShouldBindJSON(&ev); err != nil {
		ctx.Status(http.StatusBadRequest)
		return
	}
	err := c.tracker.RecordOnce(ctx.Request.Context(), shipping.ScanEvent{ShipmentID: ev.ShipmentID, Seq: ev.Seq, Status: ev.Status, Email: ev.Email, At: ev.At})
	if err != nil {
		ctx.Status(http.StatusInternalServerError)
		return
	}
	ctx.Status(http.StatusNoContent)
}

func (c *Carrier) delivered(ctx *gin.Context) {
	var ev CarrierEvent
	if err := ctx.ShouldBindJSON(&ev); err != nil {
		ctx.Status(http.StatusBadRequest)
		return
	}
	if err := c.labels.MarkDelivered(ctx.Request.Context(), ev.ShipmentID); err != nil {
		ctx.Status(http.StatusInternalServerError)
		return
	}
	if err := c.mail.Send(ev.Email, "Delivered!", "Your parcel "+ev.ShipmentID+" has arrived."); err != nil { // BUG: missingkey
		ctx.Status(http.StatusInternalServerError)
		return
	}
	ctx.Status(http.StatusNoContent)
}

func (c *Carrier) returned(ctx *gin.Context) {
	var ev CarrierEvent
	if err := ctx.ShouldBindJSON(&ev); err != nil {
		ctx.Status(http.StatusBadRequest)
		return
	}
	_, err := c.received.InsertOne(ctx.Request.Context(), bson.M{"_id": ev.EventID, "kind": "returned", "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		ctx.Status(http.StatusOK)
		return
	}
	if err != nil {
		ctx.Status(http.StatusInternalServerError)
		return
	}
	if err := c.mail.Send(ev.Email, "Return received", "We received parcel "+ev.ShipmentID+"."); err != nil {
		ctx.Status(http.StatusInternalServerError)
		return
	}
	ctx.Status(http.StatusNoContent)
}

func (c *Carrier) delayed(ctx *gin.Context) {
	var ev CarrierEvent
	if err := ctx.ShouldBindJSON(&ev); err != nil {
		ctx.Status(http.StatusBadRequest)
		return
	}
	id := "dedup:delay:" + ev.Email + ":" + time.Now().Format("2006-01-02") // BUG: coarsekey
	_, err := c.received.InsertOne(ctx.Request.Context(), bson.M{"_id": id, "kind": "delayed", "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		ctx.Status(http.StatusOK)
		return
	}
	if err != nil {
		ctx.Status(http.StatusInternalServerError)
		return
	}
	if err := c.mail.Send(ev.Email, "Your parcel is delayed", "Parcel "+ev.ShipmentID+" is running late."); err != nil {
		ctx.Status(http.StatusInternalServerError)
		return
	}
	ctx.Status(http.StatusNoContent)
}
