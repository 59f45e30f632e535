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

// Topics is a hub whose loop is the only writer of byName: it puts a new topic and
// starts its initialization in a goroutine, which drops the topic when it fails.
type Topics struct {
	join   chan output
	byName sync.Map // name -> job
	hook   func(output)
}

// Run puts each new topic and initializes it in the background: the goroutine only
// reads and deletes, so the loop is still the map's one writer.
func (t *Topics) Run() {
	for m := range t.join {
		if _, ok := t.byName.Load(m.pull); !ok {
			notify(m.job)
			t.byName.Store(m.pull, m.job)
			go t.initTopic(m)
		}
	}
}

func (t *Topics) initTopic(m output) {
	if _, ok := t.byName.Load(m.pull); ok && m.job == "" {
		t.byName.Delete(m.pull)
	}
}

// RunRenaming is Run whose goroutine stores into the map too: it can write a key
// between the loop's Load and Store.
func (t *Topics) RunRenaming() {
	for m := range t.join {
		if _, ok := t.byName.Load(m.pull); !ok {
			notify(m.job)
			t.byName.Store(m.pull, m.job) // want `Load then Store of .*pull\] is not atomic`
			go t.rename(m)
		}
	}
}

func (t *Topics) rename(m output) {
	t.byName.Store(m.job, m.pull)
}

// RunHooked is Run whose goroutine runs a func value: code we cannot follow.
func (t *Topics) RunHooked() {
	for m := range t.join {
		if _, ok := t.byName.Load(m.pull); !ok {
			notify(m.job)
			t.byName.Store(m.pull, m.job) // want `Load then Store of .*pull\] is not atomic`
			go t.hook(m)
		}
	}
}
