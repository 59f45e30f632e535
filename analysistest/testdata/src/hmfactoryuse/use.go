// want package:"sends"
// Package hmfactoryuse calls hmfactory's middleware factories; hmconsts declares
// X-Idempotency-Key and X-Event-Id. The rules for a header read apply to the name
// passed to the factory.
package hmfactoryuse

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"

	"hmconsts"
	"hmfactory"
)

func routes(rdb *redis.Client, mux *http.ServeMux, h http.Handler, hf http.HandlerFunc, e *gin.Engine) {
	// Underscores: reported.
	mux.Handle("/legacy/", hmfactory.Dedup(rdb, "Idempotency_Key")(h)) // want `header name "Idempotency_Key" contains an underscore`
	e.Use(hmfactory.GinDedup(rdb, "X_Event_Id"))                       // want `header name "X_Event_Id" contains an underscore`
	// A non-canonical name for a factory that indexes: reported.
	mux.Handle("/idx/", hmfactory.DedupIndex(rdb, "x-event-id")(h)) // want `DedupIndex \(an http.Header index\) "x-event-id" never matches`
	// A near miss of a declared name, and the factory dedups on it: reported.
	mux.HandleFunc("/near/", hmfactory.DedupFunc(rdb, "Event-Id", hf)) // want `header "Event-Id" is read but this module declares "X-Event-Id"`

	// Not reported: the same factories with good names.
	mux.Handle("/v1/", hmfactory.Dedup(rdb, hmconsts.IdempotencyKeyHeader)(h))
	mux.Handle("/v2/", hmfactory.Dedup(rdb, "Idempotency-Key")(h))
	e.Use(hmfactory.GinDedup(rdb, "x-event-id")) // GetHeader folds case
	mux.Handle("/idx2/", hmfactory.DedupIndex(rdb, "X-Event-Id")(h))
	mux.HandleFunc("/ok/", hmfactory.DedupFunc(rdb, hmconsts.EventIDHeader, hf))
	// Not reported: the near miss only reaches a log line.
	mux.Handle("/log/", hmfactory.LogHeader("Event-Id")(h))
}
