// Package giftcards issues and redeems gift cards stored in DynamoDB.
package giftcards

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ErrInsufficientBalance is returned when a card cannot cover an amount.
var ErrInsufficientBalance = errors.New("giftcards: insufficient balance")

// ErrAlreadyIssued is returned when an order already has its card.
var ErrAlreadyIssued = errors.New("giftcards: already issued")

// DynamoAPI is the part of the DynamoDB client the service uses.
type DynamoAPI interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Service is the gift card service.
type Service struct {
	ddb       *dynamodb.Client
	cards     string
	issuances string
}

// NewService returns the gift card service.
func NewService(ddb *dynamodb.Client, cardsTable, issuancesTable string) *Service {
	return &Service{ddb: ddb, cards: cardsTable, issuances: issuancesTable}
}

func codeKey(code string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"code": &types.AttributeValueMemberS{Value: code}}
}

// Redeem takes amount cents from the card.
func (s *Service) Redeem(ctx context.Context, code string, amount int64) (int64, error) {
	out, err := s.ddb.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.cards),
		Key:       map[string]types.AttributeValue{"code": &types.AttributeValueMemberS{Value: code}},
	})
	if err != nil {
		return 0, err
	}
	n, ok := out.Item["balance"].(*types.AttributeValueMemberN)
	if !ok {
		return 0, fmt.Errorf("card %s not found", code)
	}
	bal, err := strconv.ParseInt(n.Value, 10, 64)
	if err != nil {
		return 0, err
	}
	if bal < amount {
		return bal, ErrInsufficientBalance
	}
	left := bal - amount
	_, err = s.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // BUG: checkthenact
		TableName:                 aws.String(s.cards),
		Key:                       map[string]types.AttributeValue{"code": &types.AttributeValueMemberS{Value: code}},
		UpdateExpression:          aws.String("SET balance = :b"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":b": &types.AttributeValueMemberN{Value: strconv.FormatInt(left, 10)}},
	})
	return left, err
}

// RedeemAtomic subtracts and checks the balance in one conditional update.
func (s *Service) RedeemAtomic(ctx context.Context, code string, amount int64) (int64, error) {
	amt := &types.AttributeValueMemberN{Value: strconv.FormatInt(amount, 10)}
	out, err := s.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(s.cards),
		Key:                       codeKey(code),
		UpdateExpression:          aws.String("SET balance = balance - :a"),
		ConditionExpression:       aws.String("balance >= :a"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":a": amt},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return 0, ErrInsufficientBalance
	}
	if err != nil {
		return 0, err
	}
	left, _ := strconv.ParseInt(out.Attributes["balance"].(*types.AttributeValueMemberN).Value, 10, 64)
	return left, nil
}

// TopUp adds amount cents to the card.
func (s *Service) TopUp(ctx context.Context, code string, amount int64) error {
	_, err := s.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(s.cards),
		Key:                       codeKey(code),
		UpdateExpression:          aws.String("ADD balance :a"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":a": &types.AttributeValueMemberN{Value: strconv.FormatInt(amount, 10)}},
	})
	return err
}

// Adjust applies fn to the balance with an optimistic version check.
func (s *Service) Adjust(ctx context.Context, code string, fn func(int64) int64) error {
	out, err := s.ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.cards), Key: codeKey(code), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return err
	}
	bal, _ := strconv.ParseInt(out.Item["balance"].(*types.AttributeValueMemberN).Value, 10, 64)
	ver := out.Item["version"].(*types.AttributeValueMemberN).Value
	next, _ := strconv.ParseInt(ver, 10, 64)
	_, err = s.ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(s.cards),
		Key:                 codeKey(code),
		UpdateExpression:    aws.String("SET balance = :b, version = :nv"),
		ConditionExpression: aws.String("version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":b":  &types.AttributeValueMemberN{Value: strconv.FormatInt(fn(bal), 10)},
			":v":  &types.AttributeValueMemberN{Value: ver},
			":nv": &types.AttributeValueMemberN{Value: strconv.FormatInt(next+1, 10)},
		},
	})
	return err
}

func newCode() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// IssueForOrder issues the gift card bought with orderRef.
func (s *Service) IssueForOrder(ctx context.Context, orderRef string, amount int64) (string, error) {
	out, err := s.ddb.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.issuances),
		Key:       map[string]types.AttributeValue{"orderRef": &types.AttributeValueMemberS{Value: orderRef}},
	})
	if err != nil {
		return "", err
	}
	if len(out.Item) != 0 {
		return "", ErrAlreadyIssued
	}
	code := newCode()
	if err := s.TopUp(ctx, code, amount); err != nil {
		return "", err
	}
	_, err = s.ddb.PutItem(ctx, &dynamodb.PutItemInput{ // BUG: checkthenact
		TableName: aws.String(s.issuances),
		Item: map[string]types.AttributeValue{
			"orderRef": &types.AttributeValueMemberS{Value: orderRef},
			"code":     &types.AttributeValueMemberS{Value: code},
		},
	})
	return code, err
}

// IssueForOrderTx writes the issuance and the card in one transaction, both
// conditional on not existing yet.
func (s *Service) IssueForOrderTx(ctx context.Context, orderRef string, amount int64) (string, error) {
	code := newCode()
	_, err := s.ddb.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
		TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{
				TableName: aws.String(s.issuances),
				Item: map[string]types.AttributeValue{
					"orderRef": &types.AttributeValueMemberS{Value: orderRef},
					"code":     &types.AttributeValueMemberS{Value: code},
				},
				ConditionExpression: aws.String("attribute_not_exists(orderRef)"),
			}},
			{Put: &types.Put{
				TableName: aws.String(s.cards),
				Item: map[string]types.AttributeValue{
					"code":    &types.AttributeValueMemberS{Value: code},
					"balance": &types.AttributeValueMemberN{Value: strconv.FormatInt(amount, 10)},
					"version": &types.AttributeValueMemberN{Value: "1"},
				},
				ConditionExpression: aws.String("attribute_not_exists(code)"),
			}},
		},
	})
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		return "", ErrAlreadyIssued
	}
	return code, err
}
