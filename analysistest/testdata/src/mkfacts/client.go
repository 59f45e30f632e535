package mkfacts

import (
	"context"
	"net/http"

	"github.com/segmentio/kafka-go"

	"mkclient"
)

type crediter struct {
	r      *kafka.Reader
	client *mkclient.Client
}

// The client builds a POST and sends it in its do helper: reported at the call.
func (c *crediter) runGrant(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.client.GrantCredit(ctx, string(m.Key)) // want `kafka consumer sends an outbound POST without an idempotency key \(in c.client.GrantCredit\) with no dedup claim`
	}
}

// Twin: the same send with an Idempotency-Key.
func (c *crediter) runGrantOnce(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.client.GrantCreditOnce(ctx, "credit:"+string(m.Key), string(m.Key))
	}
}

// Twin: a GET through the same helper.
func (c *crediter) runBalance(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.client.Balance(ctx, string(m.Key))
	}
}

// A PUT handed through two helpers.
func (c *crediter) runRefund(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.client.Refund(ctx, string(m.Key)) // want `kafka consumer sends an outbound PUT without an idempotency key \(in c.client.Refund\) with no dedup claim`
	}
}

// A client of this package: the request is built in grant and sent by do.
type localClient struct{ http *http.Client }

func (c *localClient) grant(ctx context.Context, account string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://billing/v1/credits", nil)
	if err != nil {
		return err
	}
	return c.do(req) // want `kafka consumer sends an outbound POST without an idempotency key \(in c.do\) with no dedup claim`
}

func (c *localClient) balance(ctx context.Context, account string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://billing/v1/balances", nil)
	if err != nil {
		return err
	}
	return c.do(req)
}

func (c *localClient) do(req *http.Request) error {
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Reported in the helper of this package that builds the request.
func (c *crediter) runLocal(ctx context.Context, lc *localClient) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		lc.grant(ctx, string(m.Key))
	}
}

// Twin: the helper builds a GET.
func (c *crediter) runLocalBalance(ctx context.Context, lc *localClient) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		lc.balance(ctx, string(m.Key))
	}
}

// The request comes from the client's newRequest and goes out through do.
func (c *crediter) runNotify(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.client.Notify(ctx, string(m.Value)) // want `kafka consumer sends an outbound POST without an idempotency key \(in c.client.Notify\) with no dedup claim`
	}
}

// Twin: the caller of newRequest sets the Idempotency-Key.
func (c *crediter) runNotifyKeyed(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.client.NotifyKeyed(ctx, string(m.Key), string(m.Value))
	}
}
