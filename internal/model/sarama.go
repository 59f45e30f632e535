package model

// github.com/IBM/sarama v1.61.1 (consumer_group_session.go, consumer.go,
// sync_producer.go): a ConsumerGroupHandler's ConsumeClaim ranges over
// claim.Messages(); offsets marked but not yet committed when the session ends
// are delivered again to the next member.

const saramaPkg = "github.com/IBM/sarama"

var saramaLib = &Library{
	Name: "sarama", Paths: []string{saramaPkg},
	Entries: []Entry{
		entry(saramaPkg, "ConsumerMessage", "", MessageChan, "kafka consumer"),
	},
	Rows: []Row{
		sideEffect(saramaPkg, "SyncProducer", "SendMessage", Broker, "SendMessage"),
		sideEffect(saramaPkg, "SyncProducer", "SendMessages", Broker, "SendMessages"),
	},
}
