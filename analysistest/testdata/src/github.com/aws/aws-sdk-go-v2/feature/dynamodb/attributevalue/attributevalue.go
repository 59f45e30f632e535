// Package attributevalue is a stub of github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue.
package attributevalue

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

type EncoderOptions struct{ TagKey string }

func MarshalMap(in interface{}) (map[string]types.AttributeValue, error) { return nil, nil }

func MarshalMapWithOptions(in interface{}, optFns ...func(*EncoderOptions)) (map[string]types.AttributeValue, error) {
	return nil, nil
}
