// Package events is a stub of github.com/aws/aws-lambda-go/events v1.55.1.
package events

// SQSEvent is the event a Lambda receives from SQS.
type SQSEvent struct {
	Records []SQSMessage `json:"Records"`
}

// SQSMessage is one message of an SQSEvent.
type SQSMessage struct {
	MessageId     string `json:"messageId"`
	ReceiptHandle string `json:"receiptHandle"`
	Body          string `json:"body"`
}

// SNSEvent is the event a Lambda receives from SNS.
type SNSEvent struct {
	Records []SNSEventRecord `json:"Records"`
}

// SNSEventRecord is one record of an SNSEvent.
type SNSEventRecord struct {
	EventSource string    `json:"EventSource"`
	SNS         SNSEntity `json:"Sns"`
}

// SNSEntity is the SNS message.
type SNSEntity struct {
	MessageID string `json:"MessageId"`
	Message   string `json:"Message"`
	TopicArn  string `json:"TopicArn"`
}

// SQSEventResponse reports partial batch failures.
type SQSEventResponse struct {
	BatchItemFailures []SQSBatchItemFailure `json:"batchItemFailures"`
}

// SQSBatchItemFailure is one failed message.
type SQSBatchItemFailure struct {
	ItemIdentifier string `json:"itemIdentifier"`
}
