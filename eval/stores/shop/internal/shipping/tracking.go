package shipping

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"example.com/shop/internal/notify"
)

// ScanEvent is a carrier scan of a parcel.
type ScanEvent struct {
	ShipmentID string    `json:"shipment_id"`
	Seq        int       `json:"seq"`
	Status     string    `json:"status"`
	Email      string    `json:"email"`
	At         time.Time `json:"at"`
}

type scanKey struct {
	ShipmentID string `dynamodbav:"shipmentId"`
	Seq        int    `dynamodbav:"seq"`
}

type scanRecord struct {
	ShipmentID string    `dynamodbav:"shipmentId"`
	Seq        int       `dynamodbav:"seq"`
	Status     string    `dynamodbav:"status"`
	At         time.Time `dynamodbav:"at"`
}

// Tracker records carrier scans and notifies the customer.
type Tracker struct {
	DDB    *dynamodb.Client
	Table  string
	Mailer *notify.Mailer
}

// Record stores a scan and mails the customer, once per scan.
func (t *Tracker) Record(ctx context.Context, ev ScanEvent) error {
	key, err := attributevalue.MarshalMap(scanKey{ShipmentID: ev.ShipmentID, Seq: ev.Seq})
	if err != nil {
		return err
	}
	out, err := t.DDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(t.Table), Key: key})
	if err != nil {
		return err
	}
	if len(out.Item) > 0 {
		return nil
	}
	if err := t.Mailer.Send(ev.Email, "Your parcel: "+ev.Status, "Shipment "+ev.ShipmentID+" is "+ev.Status); err != nil {
		return err
	}
	item, err := attributevalue.MarshalMap(scanRecord{ShipmentID: ev.ShipmentID, Seq: ev.Seq, Status: ev.Status, At: ev.At})
	if err != nil {
		return err
	}
	_, err = t.DDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(t.Table), Item: item}) // BUG: checkthenact
	return err
}

// RecordOnce writes the scan conditionally first and mails only if the put
// succeeded.
func (t *Tracker) RecordOnce(ctx context.Context, ev ScanEvent) error {
	item, err := attributevalue.MarshalMap(scanRecord{ShipmentID: ev.ShipmentID, Seq: ev.Seq, Status: ev.Status, At: ev.At})
	if err != nil {
		return err
	}
	_, err = t.DDB.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String(t.Table),
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(shipmentId) AND attribute_not_exists(seq)"),
	})
	if err != nil {
		if _, ok := err.(*types.ConditionalCheckFailedException); ok {
			return nil
		}
		return err
	}
	return t.Mailer.Send(ev.Email, "Your parcel: "+ev.Status, "Shipment "+ev.ShipmentID+" is "+ev.Status)
}

// RecordException stores the first exception scan of a shipment; earlier
// exceptions are looked up with a Query on the partition.
func (t *Tracker) RecordException(ctx context.Context, ev ScanEvent) error {
	out, err := t.DDB.Query(ctx, &dynamodb.QueryInput{
		TableName:                aws.String(t.Table),
		KeyConditionExpression:   aws.String("shipmentId = :s"),
		FilterExpression:         aws.String("#st = :x"),
		ExpressionAttributeNames: map[string]string{"#st": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":s": &types.AttributeValueMemberS{Value: ev.ShipmentID},
			":x": &types.AttributeValueMemberS{Value: "exception"},
		},
	})
	if err != nil {
		return err
	}
	if out.Count > 0 {
		return nil
	}
	if err := t.Mailer.Send("support@shop.example", "Shipment exception", ev.ShipmentID); err != nil {
		return err
	}
	_, err = t.DDB.PutItem(ctx, &dynamodb.PutItemInput{ // BUG: checkthenact
		TableName: aws.String(t.Table),
		Item: map[string]types.AttributeValue{
			"shipmentId": &types.AttributeValueMemberS{Value: ev.ShipmentID},
			"seq":        &types.AttributeValueMemberN{Value: strconv.Itoa(ev.Seq)},
			"status":     &types.AttributeValueMemberS{Value: "exception"},
		},
	})
	return err
}
