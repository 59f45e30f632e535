package model

// github.com/rabbitmq/amqp091-go v1.17.0 (channel.go, delivery.go): Consume and
// ConsumeWithContext return a <-chan Delivery; a delivery not acked before the
// channel closes is requeued and delivered again with Redelivered set.

const amqp091Pkg = "github.com/rabbitmq/amqp091-go"

var amqp091Lib = func() *Library {
	publish := func(name string) Row {
		return sideEffect(amqp091Pkg, "Channel", name, Broker, name)
	}
	return &Library{
		Name: "amqp091-go", Paths: []string{amqp091Pkg},
		Entries: []Entry{
			entry(amqp091Pkg, "Delivery", "", MessageChan, "RabbitMQ consumer"),
		},
		Rows: []Row{
			publish("Publish"), publish("PublishWithContext"),
			publish("PublishWithDeferredConfirm"), publish("PublishWithDeferredConfirmWithContext"),
		},
	}
}()
