package ctadynamo

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type scanKey struct {
	ShipmentID string `dynamodbav:"shipmentId"`
	Seq        int    `dynamodbav:"seq"`
}

type scanItem struct {
	ShipmentID string `dynamodbav:"shipmentId"`
	Seq        int    `dynamodbav:"seq"`
	Status     string `dynamodbav:"status"`
}

// marshalledKey builds the key and the item with attributevalue.MarshalMap.
func marshalledKey(ctx context.Context, db *dynamodb.Client, table, shipment string, seq int, status string) error {
	key, err := attributevalue.MarshalMap(scanKey{ShipmentID: shipment, Seq: seq})
	if err != nil {
		return err
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key})
	if err != nil || len(out.Item) > 0 {
		return err
	}
	charge(shipment)
	item, err := attributevalue.MarshalMap(scanItem{ShipmentID: shipment, Seq: seq, Status: status})
	if err != nil {
		return err
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}) // want `GetItem then PutItem of table.shipmentid = shipment is not atomic`
	return err
}

// marshalledOtherSeq puts the next scan of the shipment: another item, not reported.
func marshalledOtherSeq(ctx context.Context, db *dynamodb.Client, table, shipment string, seq int, status string) error {
	key, err := attributevalue.MarshalMap(scanKey{ShipmentID: shipment, Seq: seq})
	if err != nil {
		return err
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key})
	if err != nil || len(out.Item) > 0 {
		return err
	}
	charge(shipment)
	item, err := attributevalue.MarshalMap(scanItem{ShipmentID: shipment, Seq: seq + 1, Status: status})
	if err != nil {
		return err
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item})
	return err
}

// queryThenPut checks the partition with a Query, then puts an item into it.
func queryThenPut(ctx context.Context, db *dynamodb.Client, shipment string, seq int) error {
	out, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:                aws.String("scans"),
		KeyConditionExpression:   aws.String("#sid = :s"),
		FilterExpression:         aws.String("status = :x"),
		ExpressionAttributeNames: map[string]string{"#sid": "shipmentId"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":s": &types.AttributeValueMemberS{Value: shipment},
			":x": &types.AttributeValueMemberS{Value: "exception"},
		},
	})
	if err != nil || out.Count > 0 {
		return err
	}
	charge(shipment)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `Query then PutItem of scans.shipmentid = shipment is not atomic`
		TableName: aws.String("scans"),
		Item: map[string]types.AttributeValue{
			"shipmentId": &types.AttributeValueMemberS{Value: shipment},
			"seq":        &types.AttributeValueMemberN{Value: strconv.Itoa(seq)},
			"status":     &types.AttributeValueMemberS{Value: "exception"},
		},
	})
	return err
}

// queryThenPutConditional is its twin with attribute_not_exists: not reported.
func queryThenPutConditional(ctx context.Context, db *dynamodb.Client, shipment string, seq int) error {
	out, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String("scans"),
		KeyConditionExpression: aws.String("shipmentId = :s AND begins_with(seq, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":s": &types.AttributeValueMemberS{Value: shipment},
			":p": &types.AttributeValueMemberS{Value: "1"},
		},
	})
	if err != nil || out.Count > 0 {
		return err
	}
	charge(shipment)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("scans"),
		Item: map[string]types.AttributeValue{
			"shipmentId": &types.AttributeValueMemberS{Value: shipment},
			"seq":        &types.AttributeValueMemberN{Value: strconv.Itoa(seq)},
		},
		ConditionExpression: aws.String("attribute_not_exists(shipmentId) AND attribute_not_exists(seq)"),
	})
	return err
}
