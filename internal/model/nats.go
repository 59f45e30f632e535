package model

// github.com/nats-io/nats.go v1.56.0 (nats.go, jetstream/consumer.go,
// jetstream/pull.go, jetstream/jetstream.go): core NATS is at-most-once, but a
// queue-group or JetStream subscriber sees redeliveries (AckWait expired, Nak);
// handlers run as Subscribe/QueueSubscribe callbacks, JetStream Consume
// callbacks, or over Fetch batches' Messages() channel and Next().

const (
	natsPkg      = "github.com/nats-io/nats.go"
	jetstreamPkg = "github.com/nats-io/nats.go/jetstream"
)

var natsLib = func() *Library {
	msgID := []string{jetstreamPkg + ".WithMsgID", natsPkg + ".MsgId"}
	js := func(recv, name string) Row {
		r := sideEffect(jetstreamPkg, recv, name, Broker, name)
		r.KeyOptions = msgID // Nats-Msg-Id: the stream drops a duplicate within its window
		return r
	}
	jsLegacy := func(name string) Row {
		r := sideEffect(natsPkg, "JetStreamContext", name, Broker, name)
		r.KeyOptions = msgID
		return r
	}
	return &Library{
		Name: "nats.go", Paths: []string{natsPkg, jetstreamPkg},
		Entries: []Entry{
			callback(natsPkg, "Conn", "Subscribe", 1, "NATS subscriber"),
			callback(natsPkg, "Conn", "QueueSubscribe", 2, "NATS subscriber"),
			callback(natsPkg, "EncodedConn", "Subscribe", 1, "NATS subscriber"),
			callback(natsPkg, "EncodedConn", "QueueSubscribe", 2, "NATS subscriber"),
			callback(natsPkg, "JetStreamContext", "Subscribe", 1, "JetStream consumer"),
			callback(natsPkg, "JetStreamContext", "QueueSubscribe", 2, "JetStream consumer"),
			entry(natsPkg, "Subscription", "NextMsg", ReadLoop, "NATS subscriber"),
			callback(jetstreamPkg, "Consumer", "Consume", 0, "JetStream consumer"),
			callback(jetstreamPkg, "PushConsumer", "Consume", 0, "JetStream consumer"),
			entry(jetstreamPkg, "Consumer", "Next", ReadLoop, "JetStream consumer"),
			entry(jetstreamPkg, "MessagesContext", "Next", ReadLoop, "JetStream consumer"),
			entry(jetstreamPkg, "Msg", "", MessageChan, "JetStream consumer"),
		},
		Rows: []Row{
			sideEffect(natsPkg, "Conn", "Publish", Broker, "Publish"),
			sideEffect(natsPkg, "Conn", "PublishMsg", Broker, "PublishMsg"),
			js("JetStream", "Publish"), js("JetStream", "PublishMsg"),
			js("Publisher", "Publish"), js("Publisher", "PublishMsg"),
			jsLegacy("Publish"), jsLegacy("PublishMsg"),
		},
	}
}()
