// Package rkeys builds Redis keys so nobody typos them (in theory).
package rkeys

import "fmt"

func TripStatus(tripID string) string    { return "trip:status:" + tripID }
func TripLive(tripID string) string      { return "trip:live:" + tripID }
func TripSummary(tripID string) string   { return "trip:summary:" + tripID }
func Processed(msgID string) string      { return fmt.Sprintf("processed:msg:%s", msgID) }
func DriverStats(driverID string) string { return "driver:stats:" + driverID }
func DriverRating(driverID string) string {
	return "driver:rating:" + driverID
}
func DriverProfile(driverID string) string { return "driver:profile:" + driverID }
func WebhookSeen(evtID string) string      { return "webhook:seen:" + evtID }
