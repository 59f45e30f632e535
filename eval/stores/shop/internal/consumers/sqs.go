package consumers

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/valkey-io/valkey-go"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"gorm.io/gorm"

	"example.com/shop/internal/giftcards"
	"example.com/shop/internal/models"
	"example.com/shop/internal/notify"
)

// PaymentNotice is what the payment processor drops on the SQS queue.
type PaymentNotice struct {
	Kind       string `json:"kind"`
	PaymentID  string `json:"payment_id"`
	OrderRef   string `json:"order_ref"`
	CustomerID string `json:"customer_id"`
	Email      string `json:"email"`
	Amount     int64  `json:"amount"`
	CardCode   string `json:"card_code"`
}

// PaymentsConsumer drains the payments queue.
type PaymentsConsumer struct {
	SQS         *sqs.Client
	QueueURL    string
	DB          *gorm.DB
	DDB         *dynamodb.Client
	EventsTable string
	Cards       *giftcards.Service
	KV          valkey.Client
	Failures    *mongo.Collection
	Mail        *notify.Mailer
	LedgerURL   string
}

// Run polls the queue until ctx ends.
func (p *PaymentsConsumer) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		out, err := p.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:            aws.String(p.QueueURL),
			MaxNumberOfMessages: 10,
			WaitTimeSeconds:     20,
			VisibilityTimeout:   60,
		})
		if err != nil {
			slog.Error("receive", "err", err)
			time.Sleep(time.Second)
			continue
		}
		for _, m := range out.Messages {
			var n PaymentNotice
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &n); err != nil {
				continue
			}
			if err := p.handle(ctx, aws.ToString(m.MessageId), n); err != nil {
				slog.Error("payment notice", "id", aws.ToString(m.MessageId), "err", err)
				continue // visibility timeout expires, SQS redelivers
			}
			_, _ = p.SQS.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(p.QueueURL), ReceiptHandle: m.ReceiptHandle})
		}
	}
	return ctx.Err()
}

func (p *PaymentsConsumer) handle(ctx context.Context, msgID string, n PaymentNotice) error {
	switch n.Kind {
	case "captured":
		return p.DB.WithContext(ctx).Create(&models.Payment{OrderRef: n.OrderRef, Amount: n.Amount, ProviderRef: n.PaymentID}).Error // BUG: missingkey
	case "giftcard_topup":
		return p.Cards.TopUp(ctx, n.CardCode, n.Amount) // BUG: missingkey
	case "giftcard_topup_v2":
		return p.topUpOnce(ctx, msgID, n)
	case "settled":
		err := p.KV.Do(ctx, p.KV.B().Set().Key("processed:settle:"+n.PaymentID).Value("1").Nx().PxMilliseconds(86400).Build()).Error() // BUG: dedupttl
		if valkey.IsValkeyNil(err) {
			return nil
		}
		if err != nil {
			return err
		}
		return notify.PostLedgerEntry(ctx, p.LedgerURL, map[string]any{"payment": n.PaymentID, "kind": "settlement", "amount": n.Amount})
	case "charge_daily":
		return p.dailyCharge(ctx, n)
	case "failed":
		return p.onFailed(ctx, n)
	}
	return nil
}

// topUpOnce records the message in the events table before topping up.
func (p *PaymentsConsumer) topUpOnce(ctx context.Context, msgID string, n PaymentNotice) error {
	_, err := p.DDB.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(p.EventsTable),
		Item: map[string]ddbtypes.AttributeValue{
			"pk":  &ddbtypes.AttributeValueMemberS{Value: "evt#" + msgID},
			"exp": &ddbtypes.AttributeValueMemberN{Value: "0"},
		},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var ccf *ddbtypes.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	if err != nil {
		return err
	}
	return p.Cards.TopUp(ctx, n.CardCode, n.Amount)
}

// dailyCharge books the daily usage charge of a customer.
func (p *PaymentsConsumer) dailyCharge(ctx context.Context, n PaymentNotice) error {
	pk := "charge#" + n.CustomerID + "#" + time.Now().UTC().Format("2006-01-02") // BUG: coarsekey
	_, err := p.DDB.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String(p.EventsTable),
		Item:                map[string]ddbtypes.AttributeValue{"pk": &ddbtypes.AttributeValueMemberS{Value: pk}},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var ccf *ddbtypes.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	if err != nil {
		return err
	}
	return notify.PostLedgerEntry(ctx, p.LedgerURL, map[string]any{"payment": n.PaymentID, "customer": n.CustomerID, "amount": n.Amount})
}

// onFailed mails the customer once per failed payment.
func (p *PaymentsConsumer) onFailed(ctx context.Context, n PaymentNotice) error {
	_, err := p.Failures.InsertOne(ctx, bson.M{"_id": n.PaymentID, "order": n.OrderRef, "at": time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return p.Mail.Send(n.Email, "Payment failed", "Your payment for order "+n.OrderRef+" failed.")
}
