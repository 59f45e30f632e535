// want package:"sends Idempotency_Key"
// Package hmwrapuse uses hmwrap's helpers from another package: their summaries
// arrive as facts.
package hmwrapuse

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmwrap"
)

var rdb *redis.Client

func shopifyHook(w http.ResponseWriter, r *http.Request) { // want shopifyHook:"verifies Shopify"
	if hmwrap.Header(r, "X-Shopify-Hmac-Sha256") == "" {
		return
	}
	key := hmwrap.IdempotencyKey(r) // want `dedup key comes from header "Idempotency-Key", which Shopify never sends`
	rdb.SetNX(r.Context(), "shop:"+key, 1, time.Hour)
}

func send(req *http.Request) {
	hmwrap.SetHeader(req, "Idempotency_Key", "k") // want `"Idempotency_Key" contains an underscore`
}

// Not reported: the provider's header through the other package's helper.
func shopifyOK(w http.ResponseWriter, r *http.Request) { // want shopifyOK:"verifies Shopify"
	rdb.SetNX(r.Context(), "shop:"+hmwrap.Header(r, "X-Shopify-Event-Id"), 1, time.Hour)
}
