// Package idempotency replays the stored response of a request that carries an
// Idempotency-Key the server has already answered.
package idempotency

import (
	"bytes"
	"encoding/json"
	"net/http"
)

type stored struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func newRecorder(w http.ResponseWriter) *recorder {
	return &recorder{ResponseWriter: w, status: http.StatusOK}
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.buf.Write(p)
	return r.ResponseWriter.Write(p)
}

func (r *recorder) encode() []byte {
	b, _ := json.Marshal(stored{Status: r.status, Header: r.Header().Clone(), Body: r.buf.Bytes()})
	return b
}

func replay(w http.ResponseWriter, raw []byte) bool {
	var s stored
	if err := json.Unmarshal(raw, &s); err != nil {
		return false
	}
	for k, v := range s.Header {
		w.Header()[k] = v
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(s.Status)
	_, _ = w.Write(s.Body)
	return true
}
