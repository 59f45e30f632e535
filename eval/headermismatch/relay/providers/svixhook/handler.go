// Package svixhook receives webhooks from providers that deliver through Svix and
// from partners that follow the Standard Webhooks spec.
package svixhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"strings"

	svix "github.com/svix/svix-webhooks/go"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
)

type Sink interface {
	Put(r *http.Request, source string, payload []byte) error
}

type Receiver struct {
	wh     *svix.Webhook
	stdKey []byte
	claims *dedup.Store
	ledger *dedup.Ledger
	sink   Sink
	log    *slog.Logger
}

func New(svixSecret string, stdKey []byte, c *dedup.Store, l *dedup.Ledger, s Sink, log *slog.Logger) (*Receiver, error) {
	wh, err := svix.NewWebhook(svixSecret)
	if err != nil {
		return nil, err
	}
	return &Receiver{wh: wh, stdKey: stdKey, claims: c, ledger: l, sink: s, log: log}, nil
}

func (rc *Receiver) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /hooks/svix/billing", rc.svixBilling)
	mux.HandleFunc("POST /hooks/svix/usage", rc.svixUsage)
	mux.HandleFunc("POST /hooks/std/partner", rc.stdPartner)
	mux.HandleFunc("POST /hooks/std/partner-v0", rc.stdPartnerV0)
}

func (rc *Receiver) svixBilling(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := rc.wh.Verify(payload, r.Header); err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	msgID := r.Header.Get("svix-id")
	rc.log.Info("svix", "id", msgID, "ts", r.Header.Get("svix-timestamp"))
	fresh, err := rc.claims.Claim(r.Context(), "svix:"+msgID)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = rc.sink.Put(r, "svix-billing", payload)
}

func (rc *Receiver) svixUsage(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := rc.wh.Verify(payload, r.Header); err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	fresh, err := rc.ledger.Record(r.Context(), "svix-usage", key)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = rc.sink.Put(r, "svix-usage", payload)
}

// stdSigned verifies a Standard Webhooks signature: v1,<base64 hmac of id.ts.body>.
func (rc *Receiver) stdSigned(r *http.Request, id string, payload []byte) bool {
	ts := r.Header.Get(hdr.StdWebhookTimestamp)
	m := hmac.New(sha256.New, rc.stdKey)
	m.Write([]byte(id + "." + ts + "."))
	m.Write(payload)
	want := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
	for _, sig := range strings.Fields(r.Header.Get("webhook-signature")) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return true
		}
	}
	return false
}

func (rc *Receiver) stdPartner(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id := r.Header.Get(hdr.StdWebhookID)
	if !rc.stdSigned(r, id, payload) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	fresh, err := rc.claims.Claim(r.Context(), "std:"+id)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = rc.sink.Put(r, "std-partner", payload)
}

// stdPartnerV0 is the first integration with the partner, kept for old endpoints.
func (rc *Receiver) stdPartnerV0(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ids := r.Header["webhook-id"] // BUG: headermismatch
	if len(ids) == 0 || !rc.stdSigned(r, ids[0], payload) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	fresh, err := rc.claims.Claim(r.Context(), "std:"+ids[0])
	if err != nil || !fresh {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = rc.sink.Put(r, "std-partner", payload)
}
