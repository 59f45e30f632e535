package dynamoc

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

// Record gets a key marshalled from a struct and puts the item without a condition.
func Record(ctx context.Context, db *dynamodb.Client, shipment string, seq int) error {
	key, err := attributevalue.MarshalMap(scanKey{ShipmentID: shipment, Seq: seq})
	if err != nil {
		return err
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("scans"), Key: key})
	if err != nil || len(out.Item) > 0 {
		return err
	}
	charge(shipment)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("scans"), Item: key}) // want checkthenact
	return err
}

// RecordFirst checks the partition with a Query and puts an item into it.
func RecordFirst(ctx context.Context, db *dynamodb.Client, shipment string, seq int) error {
	out, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String("scans"),
		KeyConditionExpression: aws.String("shipmentId = :s"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":s": &types.AttributeValueMemberS{Value: shipment},
		},
	})
	if err != nil || out.Count > 0 {
		return err
	}
	charge(shipment)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want checkthenact
		TableName: aws.String("scans"),
		Item: map[string]types.AttributeValue{
			"shipmentId": &types.AttributeValueMemberS{Value: shipment},
			"seq":        &types.AttributeValueMemberN{Value: strconv.Itoa(seq)},
		},
	})
	return err
}
