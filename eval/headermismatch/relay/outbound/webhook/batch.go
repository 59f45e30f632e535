package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-resty/resty/v2"

	"example.com/hmcorpus/hdr"
)

// BatchSender pushes batches of events to partners that prefer one call per batch.
type BatchSender struct {
	rc *resty.Client
}

func NewBatchSender(baseURL, token string) *BatchSender {
	rc := resty.New().
		SetBaseURL(baseURL).
		SetTimeout(10*time.Second).
		SetRetryCount(3).
		SetHeader("Authorization", "Bearer "+token)
	return &BatchSender{rc: rc}
}

func (b *BatchSender) Push(ctx context.Context, batchID string, evs []Event) error {
	body, err := json.Marshal(evs)
	if err != nil {
		return err
	}
	ts := fmt.Sprint(time.Now().Unix())
	resp, err := b.rc.R().
		SetContext(ctx).
		SetHeaders(map[string]string{
			"Content-Type":     "application/json",
			hdr.WebhookID:      batchID,
			hdr.EventTimestamp: ts,
		}).
		SetBody(body).
		Post("/v1/events/batch")
	if err != nil {
		return err
	}
	if resp.IsError() {
		return fmt.Errorf("batch %s: %s", batchID, resp.Status())
	}
	return nil
}
