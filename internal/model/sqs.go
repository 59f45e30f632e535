package model

// github.com/aws/aws-sdk-go-v2/service/sqs v1.53.0 (api_op_ReceiveMessage.go,
// api_op_SendMessage.go): a message not deleted before its visibility timeout
// ends is received again; SendMessage to a FIFO queue with a
// MessageDeduplicationId is dropped as a duplicate within five minutes.
// github.com/aws/aws-sdk-go-v2/service/sns v1.48.0 (api_op_Publish.go).

const (
	sqsPkg = "github.com/aws/aws-sdk-go-v2/service/sqs"
	snsPkg = "github.com/aws/aws-sdk-go-v2/service/sns"
)

var sqsLib = func() *Library {
	keyed := func(pkg, name string) Row {
		r := sideEffect(pkg, "Client", name, Broker, name)
		r.Value, r.KeyField = 1, "MessageDeduplicationId"
		return r
	}
	return &Library{
		Name: "aws-sdk-go-v2 sqs and sns", Paths: []string{sqsPkg, snsPkg},
		Entries: []Entry{
			entry(sqsPkg, "Client", "ReceiveMessage", ReadLoop, "SQS consumer"),
		},
		Rows: []Row{
			keyed(sqsPkg, "SendMessage"), keyed(sqsPkg, "SendMessageBatch"),
			keyed(snsPkg, "Publish"), keyed(snsPkg, "PublishBatch"),
		},
	}
}()
