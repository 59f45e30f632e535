// want package:"sends"
// Package hmunderscore holds idempotency header names with an underscore, which
// nginx and other proxies drop by default.
package hmunderscore

import (
	"context"
	"net/http"

	"github.com/go-resty/resty/v2"
	"google.golang.org/grpc/metadata"
)

const keyHeader = "Idempotency_Key"

func use(...any) {}

func readUnderscore(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("Idempotency_Key")) // want `header name "Idempotency_Key" contains an underscore: nginx and other proxies drop such headers by default`
}

func readConst(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get(keyHeader)) // want `header name "Idempotency_Key" contains an underscore`
}

func sendUnderscore(ctx context.Context, url, id string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X_Event_Id", id) // want `header name "X_Event_Id" contains an underscore.*; use "X-Event-Id"`
	_, err = http.DefaultClient.Do(req)
	return err
}

func restyUnderscore(c *resty.Client, key string) {
	c.R().SetHeader("Idempotency_Key", key).Post("/orders") // want `"Idempotency_Key" contains an underscore`
}

func grpcUnderscore(ctx context.Context, key string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "idempotency_key", key) // want `"idempotency_key" contains an underscore.*; use "idempotency-key"`
}

// Not reported: dashes, underscores in headers that are not idempotency headers,
// underscores in values, response headers.

func dashes(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("Idempotency-Key"), r.Header.Get("X_Custom_Flag"))
}

func underscoreValue(c *resty.Client) {
	c.R().SetHeader("Idempotency-Key", "order_42").Post("/orders")
}

func responseHeader(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X_Event_Id", "e1")
}
