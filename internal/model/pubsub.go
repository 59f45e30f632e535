package model

// cloud.google.com/go/pubsub/v2 v2.9.0 (subscriber.go, publisher.go) and v1
// (subscription.go, topic.go): Receive runs its callback per message; a message
// not acked before its deadline is redelivered.

const (
	pubsubV2 = "cloud.google.com/go/pubsub/v2"
	pubsubV1 = "cloud.google.com/go/pubsub"
)

var pubsubLib = &Library{
	Name: "Pub/Sub", Paths: []string{pubsubV2, pubsubV1},
	Entries: []Entry{
		callback(pubsubV2, "Subscriber", "Receive", 1, "Pub/Sub subscriber"),
		callback(pubsubV1, "Subscription", "Receive", 1, "Pub/Sub subscriber"),
	},
	Rows: []Row{
		sideEffect(pubsubV2, "Publisher", "Publish", Broker, "Publish"),
		sideEffect(pubsubV1, "Topic", "Publish", Broker, "Publish"),
	},
}
