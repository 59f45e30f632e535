// Package missingkey defines an Analyzer that reports an at-least-once entry point
// (a message consumer, a webhook handler) whose side effect runs with no dedup
// claim before it: the broker redelivers, the provider retries, and the effect
// happens twice.
package missingkey

// Doc is the analyzer's documentation: its first line is the summary, the rest
// shows the mistake; the README section #missingkey says the same at more length.
const Doc = `report at-least-once entry points whose side effects have no dedup claim

Every broker redelivers and every webhook provider retries. A consumer that
inserts, publishes or charges on each delivery does it again on the redelivery:

	for {
		m, _ := r.ReadMessage(ctx)
		db.ExecContext(ctx, "INSERT INTO payments ...", m.Key) // reported
	}

Claim the message id first, and let the claim's result decide:

	res, _ := db.ExecContext(ctx, "INSERT INTO processed (id) VALUES ($1) ON CONFLICT DO NOTHING", id)
	if n, _ := res.RowsAffected(); n == 0 { continue }

Entry points: kafka-go ReadMessage/FetchMessage loops, sarama ConsumeClaim
(claim.Messages()), amqp091 delivery channels, nats Subscribe/QueueSubscribe and
JetStream callbacks and Fetch/Next loops, SQS ReceiveMessage loops, Lambda
SQS/SNS handlers, Pub/Sub Receive callbacks, asynq task handlers, and HTTP
handlers (net/http, gin, echo, chi, fiber) on a webhook route or that verify a
provider's signature or read its delivery header. Handlers passed by name, as
method values, closures or through middleware are followed, and so are
per-message helpers.

Side effects: INSERT without ON CONFLICT, UPDATE ... SET x = x + ..., Redis
INCR/LPUSH/XADD/PUBLISH, broker publishes, outbound POST/PUT/PATCH, Stripe
creates, mail, and helpers summarized as doing these.

Not reported: effects after a claim whose result decides them (SET NX, INSERT
... ON CONFLICT with rows affected checked, a helper that returns a claim's
result, a middleware that claims, a -missingkey.dedup function); idempotent
effects (UPSERT, DELETE, SET, HSET, absolute UPDATE); effects carrying an
idempotency key (Stripe IdempotencyKey, Idempotency-Key header, JetStream
WithMsgID, asynq TaskID, SQS MessageDeduplicationId); effects after a separate
check of the store (checkthenact reports those); plain API handlers. A claim
whose result is ignored is reported at the effect.

Flags: -missingkey.dedup, -missingkey.entry and -missingkey.effect name a
team's own dedup functions, entry points and side effects.`
