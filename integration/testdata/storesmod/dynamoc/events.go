// Package dynamoc dedups with DynamoDB (aws-sdk-go-v2).
package dynamoc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func charge(string) {}

// Handle gets the item and puts it without a condition.
func Handle(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	charge(id)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want checkthenact
		TableName: aws.String("events"),
		Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// HandleConditional puts only if absent.
func HandleConditional(ctx context.Context, db *dynamodb.Client, id string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("events"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
	})
	if err != nil || out.Item != nil {
		return err
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String("events"),
		Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: id}},
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	if err != nil {
		return err
	}
	charge(id)
	return nil
}
