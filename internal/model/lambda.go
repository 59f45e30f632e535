package model

// github.com/aws/aws-lambda-go v1.55.1 (events/sqs.go, events/sns.go,
// lambda/entry.go): Lambda invokes an SQS or SNS handler at least once; a batch
// whose invocation fails is delivered again whole.

const (
	lambdaPkg       = "github.com/aws/aws-lambda-go/lambda"
	lambdaEventsPkg = "github.com/aws/aws-lambda-go/events"
)

var lambdaLib = &Library{
	Name: "aws-lambda-go", Paths: []string{lambdaPkg, lambdaEventsPkg},
	Entries: []Entry{
		callback(lambdaPkg, "", "Start", 0, "Lambda handler"),
		callback(lambdaPkg, "", "StartWithOptions", 0, "Lambda handler"),
		callback(lambdaPkg, "", "StartWithContext", 1, "Lambda handler"),
		entry(lambdaEventsPkg, "SQSEvent", "", HandlerParam, "Lambda SQS handler"),
		entry(lambdaEventsPkg, "SNSEvent", "", HandlerParam, "Lambda SNS handler"),
	},
}
