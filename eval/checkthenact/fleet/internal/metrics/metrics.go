// Package metrics: expvar counters, scraped by the sidecar.
package metrics

import "expvar"

var (
	TripsAccepted    = expvar.NewInt("trips_accepted_total")
	TripsCompleted   = expvar.NewInt("trips_completed_total")
	TripsCancelled   = expvar.NewInt("trips_cancelled_total")
	PayoutsSent      = expvar.NewInt("payouts_sent_total")
	PayoutsFailed    = expvar.NewInt("payouts_failed_total")
	WebhooksReceived = expvar.NewInt("webhooks_received_total")
	WebhooksDup      = expvar.NewInt("webhooks_duplicate_total")
	MessagesHandled  = expvar.NewInt("messages_handled_total")
	MessagesDup      = expvar.NewInt("messages_duplicate_total")
	CacheHits        = expvar.NewInt("cache_hits_total")
	CacheMisses      = expvar.NewInt("cache_misses_total")
)
