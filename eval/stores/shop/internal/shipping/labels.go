// Package shipping buys carrier labels and tracks shipments (DynamoDB).
package shipping

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// CarrierClient buys labels from the parcel carrier.
type CarrierClient struct {
	URL  string
	HTTP *http.Client
}

// BuyLabel purchases a label; every call costs money.
func (c *CarrierClient) BuyLabel(ctx context.Context, shipmentID, address string) (string, error) {
	body, _ := json.Marshal(map[string]string{"reference": shipmentID, "address": address})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL+"/labels", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.URL, nil
}

// Labels stores one label per shipment.
type Labels struct {
	ddb     *dynamodb.Client
	table   string
	carrier *CarrierClient
}

// NewLabels returns a Labels over table.
func NewLabels(ddb *dynamodb.Client, table string, carrier *CarrierClient) *Labels {
	return &Labels{ddb: ddb, table: table, carrier: carrier}
}

// Ensure returns the label of shipmentID, buying one if there is none.
func (l *Labels) Ensure(ctx context.Context, shipmentID, address string) (string, error) {
	out, err := l.ddb.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String(l.table),
		Key:            map[string]types.AttributeValue{"shipmentId": &types.AttributeValueMemberS{Value: shipmentID}},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return "", err
	}
	if out.Item != nil {
		if u, ok := out.Item["labelUrl"].(*types.AttributeValueMemberS); ok {
			return u.Value, nil
		}
	}
	url, err := l.carrier.BuyLabel(ctx, shipmentID, address)
	if err != nil {
		return "", err
	}
	_, err = l.ddb.PutItem(ctx, &dynamodb.PutItemInput{ // BUG: checkthenact
		TableName: aws.String(l.table),
		Item: map[string]types.AttributeValue{
			"shipmentId": &types.AttributeValueMemberS{Value: shipmentID},
			"labelUrl":   &types.AttributeValueMemberS{Value: url},
			"createdAt":  &types.AttributeValueMemberS{Value: time.Now().UTC().Format(time.RFC3339)},
		},
	})
	return url, err
}

// EnsureClaimed claims the shipment with a conditional put before buying, so
// a second delivery of the same request does not buy a second label.
func (l *Labels) EnsureClaimed(ctx context.Context, shipmentID, address string) (string, error) {
	_, err := l.ddb.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(l.table),
		Item: map[string]types.AttributeValue{
			"shipmentId": &types.AttributeValueMemberS{Value: shipmentID},
			"state":      &types.AttributeValueMemberS{Value: "buying"},
		},
		ConditionExpression: aws.String("attribute_not_exists(shipmentId)"),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return "", fmt.Errorf("label for %s already requested", shipmentID)
	}
	if err != nil {
		return "", err
	}
	url, err := l.carrier.BuyLabel(ctx, shipmentID, address)
	if err != nil {
		return "", err
	}
	_, err = l.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       map[string]types.AttributeValue{"shipmentId": &types.AttributeValueMemberS{Value: shipmentID}},
		UpdateExpression:          aws.String("SET labelUrl = :u, #s = :done"),
		ExpressionAttributeNames:  map[string]string{"#s": "state"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":u": &types.AttributeValueMemberS{Value: url}, ":done": &types.AttributeValueMemberS{Value: "ready"}},
	})
	return url, err
}

// MarkDelivered flags a shipment delivered; the status written is a constant.
func (l *Labels) MarkDelivered(ctx context.Context, shipmentID string) error {
	key := map[string]types.AttributeValue{"shipmentId": &types.AttributeValueMemberS{Value: shipmentID}}
	out, err := l.ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(l.table), Key: key})
	if err != nil {
		return err
	}
	if s, ok := out.Item["status"].(*types.AttributeValueMemberS); ok && s.Value == "delivered" {
		return nil
	}
	_, err = l.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key,
		UpdateExpression:          aws.String("SET #st = :d"),
		ExpressionAttributeNames:  map[string]string{"#st": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":d": &types.AttributeValueMemberS{Value: "delivered"}},
	})
	return err
}
