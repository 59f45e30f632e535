// want package:"sends X-Event-Id"
// Package hmfiber is a fiber service whose client sends X-Event-Id with resty.
package hmfiber

import (
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"
)

func forward(c *resty.Client, eventID string) error {
	_, err := c.R().SetHeader("X-Event-Id", eventID).Post("/events")
	return err
}

func routes(app *fiber.App, rdb *redis.Client) {
	app.Post("/events", func(c *fiber.Ctx) error {
		key := c.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which no sender in this module sets`
		if ok, _ := rdb.SetNX(c.UserContext(), "evt:"+key, 1, time.Hour).Result(); !ok {
			return c.SendStatus(200)
		}
		return nil
	})
	app.Post("/raw", func(c *fiber.Ctx) error {
		id := c.GetReqHeaders()["x-event-id"] // want `fiber Ctx.GetReqHeaders index "x-event-id" never matches`
		return c.JSON(id)
	})
	// Not reported: fiber's Get folds case.
	app.Post("/ok", func(c *fiber.Ctx) error {
		id := c.Get("x-event-id")
		if ok, _ := rdb.SetNX(c.UserContext(), "evt:"+id, 1, time.Hour).Result(); !ok {
			return c.SendStatus(200)
		}
		return nil
	})
}
