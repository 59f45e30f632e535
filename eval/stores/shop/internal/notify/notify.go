// Package notify talks to the outside world: mail relay, payment gateway and
// the finance ledger.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/smtp"
	"time"
)

// Gateway is the HTTP client of the payment provider.
type Gateway struct {
	BaseURL string
	HTTP    *http.Client
}

// NewGateway returns a Gateway with sane timeouts.
func NewGateway(base string) *Gateway {
	return &Gateway{BaseURL: base, HTTP: &http.Client{Timeout: 10 * time.Second}}
}

// ChargeRequest is the body of POST /charges.
type ChargeRequest struct {
	OrderRef string `json:"order_ref"`
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Charge captures money. idemKey may be empty, in which case the provider
// treats every call as new.
func (g *Gateway) Charge(ctx context.Context, req ChargeRequest, idemKey string) (string, error) {
	body, _ := json.Marshal(req)
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, g.BaseURL+"/charges", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	hreq.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		hreq.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := g.HTTP.Do(hreq)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return "", fmt.Errorf("charge %s: status %d", req.OrderRef, resp.StatusCode)
	}
	var out struct {
		ID string `json:"id"`
	}
	return out.ID, json.NewDecoder(resp.Body).Decode(&out)
}

// Mailer sends transactional mail through the relay.
type Mailer struct {
	Addr string
	From string
	Auth smtp.Auth
}

// Send delivers one message.
func (m *Mailer) Send(to, subject, body string) error {
	msg := []byte("To: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + body)
	return smtp.SendMail(m.Addr, m.Auth, m.From, []string{to}, msg)
}

// PostLedgerEntry books an entry in the finance ledger (not idempotent).
func PostLedgerEntry(ctx context.Context, baseURL string, entry any) error {
	body, _ := json.Marshal(entry)
	resp, err := http.Post(baseURL+"/entries", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("ledger: status %d", resp.StatusCode)
	}
	return nil
}
