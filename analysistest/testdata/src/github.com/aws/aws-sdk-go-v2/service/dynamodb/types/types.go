// Package types is a stub of github.com/aws/aws-sdk-go-v2/service/dynamodb/types
// v1.74.1: attribute values and the conditional-check error.
package types

type AttributeValue interface {
	isAttributeValue()
}

type AttributeValueMemberS struct {
	Value string

	noSmithyDocumentSerde
}

func (*AttributeValueMemberS) isAttributeValue() {}

type AttributeValueMemberN struct {
	Value string

	noSmithyDocumentSerde
}

func (*AttributeValueMemberN) isAttributeValue() {}

type AttributeValueMemberBOOL struct {
	Value bool

	noSmithyDocumentSerde
}

func (*AttributeValueMemberBOOL) isAttributeValue() {}

type noSmithyDocumentSerde struct{}

type ConditionalCheckFailedException struct {
	Message *string

	ErrorCodeOverride *string

	Item map[string]AttributeValue

	noSmithyDocumentSerde
}

func (e *ConditionalCheckFailedException) Error() string { return "ConditionalCheckFailedException" }

type TransactWriteItem struct {
	Put *Put
}

type Put struct {
	Item                map[string]AttributeValue
	TableName           *string
	ConditionExpression *string
}
