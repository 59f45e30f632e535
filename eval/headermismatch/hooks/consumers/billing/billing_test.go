package billing

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/hooks/internal/hdr"
	"example.com/hooks/relay/client"
)

func TestReadRejectsBadSignature(t *testing.T) {
	s := &Service{secret: []byte("k"), log: slog.Default()}
	body, _ := json.Marshal(client.Envelope{ID: "evt_1", Provider: "stripe"})
	req := httptest.NewRequest(http.MethodPost, "/charges", bytes.NewReader(body))
	req.Header.Set(hdr.EventID, "evt_1")
	req.Header.Set(hdr.Signature, "00")
	rec := httptest.NewRecorder()
	if _, ok := s.read(rec, req); ok || rec.Code != http.StatusUnauthorized {
		t.Fatalf("got ok=%v code=%d", ok, rec.Code)
	}
}

func TestReadAcceptsSigned(t *testing.T) {
	s := &Service{secret: []byte("k"), log: slog.Default()}
	body, _ := json.Marshal(client.Envelope{ID: "evt_2", Provider: "github"})
	req := httptest.NewRequest(http.MethodPost, "/charges", bytes.NewReader(body))
	req.Header.Set(hdr.EventID, "evt_2")
	req.Header.Set(hdr.Signature, client.Sign([]byte("k"), body))
	if env, ok := s.read(httptest.NewRecorder(), req); !ok || env.ID != "evt_2" {
		t.Fatalf("got %+v ok=%v", env, ok)
	}
}
