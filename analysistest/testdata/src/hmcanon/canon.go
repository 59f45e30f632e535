// want package:"sends x-dedup-key"
// Package hmcanon holds exact-match lookups of idempotency headers: an index
// into http.Header must be canonical, one into metadata.MD lower case.
package hmcanon

import (
	"context"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"google.golang.org/grpc/metadata"
)

func use(...any) {}

func lowerIndex(w http.ResponseWriter, r *http.Request) {
	use(r.Header["idempotency-key"]) // want `http.Header index "idempotency-key" never matches: header keys are canonicalized \("Idempotency-Key"\)`
}

func firstValue(w http.ResponseWriter, r *http.Request) {
	use(r.Header["X-Event-ID"][0]) // want `http.Header index "X-Event-ID" never matches: .*; use r.Header.Get\("X-Event-Id"\)`
}

func commaOk(w http.ResponseWriter, r *http.Request) { // want commaOk:"verifies GitHub"
	_, ok := r.Header["X-GitHub-Delivery"] // want `http.Header index "X-GitHub-Delivery" never matches`
	use(ok)
}

func responseIndex(resp *http.Response) {
	use(len(resp.Header["x-request-id"])) // want `http.Header index "x-request-id" never matches`
}

func mdUpper(ctx context.Context) {
	md, _ := metadata.FromIncomingContext(ctx)
	use(md["Idempotency-Key"]) // want `metadata.MD index "Idempotency-Key" never matches: gRPC metadata keys are lower case`
}

func fiberIndex(c *fiber.Ctx) error {
	use(c.GetReqHeaders()["idempotency-key"][0]) // want `fiber Ctx.GetReqHeaders index "idempotency-key" never matches`
	return nil
}

// Not reported: canonical indexes, Get/Values with any casing, lower-case MD keys,
// headers that are not idempotency headers (staticcheck SA1008's business).

func canonicalIndex(w http.ResponseWriter, r *http.Request) {
	use(r.Header["Idempotency-Key"])
}

func getAnyCase(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("idempotency-key"), r.Header.Values("X-EVENT-ID"))
}

func otherHeader(w http.ResponseWriter, r *http.Request) {
	use(r.Header["content-type"])
}

func mdLower(ctx context.Context) {
	md, _ := metadata.FromIncomingContext(ctx)
	use(md["idempotency-key"], md.Get("Idempotency-Key"))
}

func fiberGet(c *fiber.Ctx) error {
	use(c.Get("idempotency-key"), c.GetReqHeaders()["Idempotency-Key"])
	return nil
}

// exactWrite stores the key with this very spelling, so the index matches.
func exactWrite() {
	h := http.Header{}
	h["x-dedup-key"] = []string{"k"}
	use(h["x-dedup-key"])
}
