package events

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/outbound/webhook"
)

func signedRequest(t *testing.T, path, id string) *http.Request {
	t.Helper()
	body := `{"id":"` + id + `","type":"order.paid"}`
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set(hdr.EventID, id)
	req.Header.Set(hdr.EventTimestamp, "1700000000")
	req.Header.Set(hdr.Signature, webhook.Sign([]byte("s3cret"), []byte(body), "1700000000"))
	return req
}

func TestVerifiedRejectsBadSignature(t *testing.T) {
	rc := &Receiver{secret: []byte("other")}
	w := httptest.NewRecorder()
	if _, ok := rc.verified(w, signedRequest(t, "/internal/events", "evt_1")); ok {
		t.Fatal("verified a request signed with another secret")
	}
	if w.Code != http.StatusUnauthorized {
		t.Fatalf("code = %d", w.Code)
	}
}

func TestEventIDHelper(t *testing.T) {
	req := signedRequest(t, "/internal/events", "evt_2")
	if got := eventID(req); got != "evt_2" {
		t.Fatalf("eventID = %q", got)
	}
	if got := req.Header["X-Event-Id"]; len(got) != 1 {
		t.Fatalf("header = %v", got)
	}
}
