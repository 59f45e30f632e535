// Package shipping keeps one shipment record per order in DynamoDB and buys
// the shipping label for it.
package shipping

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Store is the shipments table.
type Store struct {
	ddb   *dynamodb.Client
	table string
}

// NewStore returns the store.
func NewStore(ddb *dynamodb.Client) *Store { return &Store{ddb: ddb, table: "shipments"} }

// ErrExists is returned when the order already has a shipment.
var ErrExists = errors.New("shipment exists")

// Open creates the shipment of an order unless one exists.
func (s *Store) Open(ctx context.Context, orderID, carrier string) error {
	out, err := s.ddb.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("shipments"),
		Key:       map[string]types.AttributeValue{"orderId": &types.AttributeValueMemberS{Value: orderID}},
	})
	if err != nil {
		return err
	}
	if out.Item != nil {
		return ErrExists
	}
	_, err = s.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("shipments"), Item: map[string]types.AttributeValue{"orderId": &types.AttributeValueMemberS{Value: orderID}, "carrier": &types.AttributeValueMemberS{Value: carrier}, "openedAt": &types.AttributeValueMemberS{Value: time.Now().Format(time.RFC3339)}}}) // BUG: checkthenact
	return err
}

// OpenOnce creates the shipment with a conditional write.
func (s *Store) OpenOnce(ctx context.Context, orderID, carrier string) error {
	_, err := s.ddb.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("shipments"),
		Item: map[string]types.AttributeValue{
			"orderId": &types.AttributeValueMemberS{Value: orderID},
			"carrier": &types.AttributeValueMemberS{Value: carrier},
		},
		ConditionExpression: aws.String("attribute_not_exists(orderId)"),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrExists
	}
	return err
}

// AddParcel counts one more parcel on the shipment.
func (s *Store) AddParcel(ctx context.Context, orderID string) error {
	_, err := s.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("shipments"),
		Key:                       map[string]types.AttributeValue{"orderId": &types.AttributeValueMemberS{Value: orderID}},
		UpdateExpression:          aws.String("ADD parcels :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	return err
}
