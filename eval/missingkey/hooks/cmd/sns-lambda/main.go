// Command sns-lambda receives SES notifications through SNS and re-publishes
// complaints to the trust-and-safety topic.
package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

type sesNotification struct {
	NotificationType string `json:"notificationType"`
	Complaint        struct {
		ComplainedRecipients []struct {
			EmailAddress string `json:"emailAddress"`
		} `json:"complainedRecipients"`
	} `json:"complaint"`
	Mail struct {
		MessageID string `json:"messageId"`
		Source    string `json:"source"`
	} `json:"mail"`
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	client := sns.NewFromConfig(cfg)
	topic := os.Getenv("TRUST_SAFETY_TOPIC_ARN")
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	lambda.Start(func(ctx context.Context, ev events.SNSEvent) error {
		for _, rec := range ev.Records {
			var n sesNotification
			if err := json.Unmarshal([]byte(rec.SNS.Message), &n); err != nil {
				log.Warn("not an SES notification", "id", rec.SNS.MessageID)
				continue
			}
			if n.NotificationType != "Complaint" {
				continue
			}
			for _, r := range n.Complaint.ComplainedRecipients {
				body, _ := json.Marshal(map[string]string{"email": r.EmailAddress, "sender": n.Mail.Source})
				if _, err := client.Publish(ctx, &sns.PublishInput{ // BUG: missingkey
					TopicArn: aws.String(topic),
					Message:  aws.String(string(body)),
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
