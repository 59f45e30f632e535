// A loop that takes the program's own messages from a channel one at a time is
// not a delivery: nothing interleaves its Load and its Store. A broker's deliveries,
// a goroutine per message, or a pool of such loops is.
package ctamap

import (
	"sync"

	amqp "github.com/rabbitmq/amqp091-go"
)

type output struct {
	pull, job string
}

// Outputs indexes job output lines by pull request.
type Outputs struct {
	lines  chan output
	byPull sync.Map // pull -> first job
}

// Handle is the only reader of lines: one message after the other.
func (o *Outputs) Handle() {
	for m := range o.lines {
		if _, ok := o.byPull.Load(m.pull); !ok {
			notify(m.job)
			o.byPull.Store(m.pull, true)
		}
	}
}

// HandleEach starts a goroutine per message: two of them interleave.
func (o *Outputs) HandleEach() {
	for m := range o.lines {
		go func(m output) {
			if _, ok := o.byPull.Load(m.pull); !ok {
				notify(m.job)
				o.byPull.Store(m.pull, true) // want `Load then Store of .*pull\] is not atomic`
			}
		}(m)
	}
}

// HandlePooled is Handle run by several goroutines over one channel.
func (o *Outputs) HandlePooled() {
	for m := range o.lines {
		if _, ok := o.byPull.Load(m.pull); !ok {
			notify(m.job)
			o.byPull.Store(m.pull, true) // want `Load then Store of .*pull\] is not atomic`
		}
	}
}

// StartPool starts four HandlePooled loops.
func (o *Outputs) StartPool() {
	for i := 0; i < 4; i++ {
		go o.HandlePooled()
	}
}

// Consume is Handle over a broker's deliveries: a redelivery is a second message.
func (o *Outputs) Consume(deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		if _, ok := o.byPull.Load(d.MessageId); !ok {
			notify(d.MessageId)
			o.byPull.Store(d.MessageId, true) // want `Load then Store of .*MessageId\] is not atomic`
		}
	}
}
