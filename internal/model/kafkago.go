package model

// github.com/segmentio/kafka-go v0.4.51 (reader.go, writer.go): a consumer reads
// with (*Reader).ReadMessage, which commits as it reads in a group, or
// FetchMessage + CommitMessages; a message whose commit is lost after a crash or
// a rebalance is read again.

const kafkaGoPkg = "github.com/segmentio/kafka-go"

var kafkaGoLib = &Library{
	Name: "kafka-go", Paths: []string{kafkaGoPkg},
	Entries: []Entry{
		entry(kafkaGoPkg, "Reader", "ReadMessage", ReadLoop, "kafka consumer"),
		entry(kafkaGoPkg, "Reader", "FetchMessage", ReadLoop, "kafka consumer"),
	},
	Rows: []Row{
		sideEffect(kafkaGoPkg, "Writer", "WriteMessages", Broker, "WriteMessages"),
	},
}
