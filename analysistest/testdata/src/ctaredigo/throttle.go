package ctaredigo

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gomodule/redigo/redis"
)

// Schedule computes the next run after t (robfig/cron's Schedule).
type Schedule interface{ Next(time.Time) time.Time }

// Enqueuer schedules periodic jobs from several worker pools (gocraft/work's
// periodic enqueuer): a GET of the last run's timestamp throttles a helper that
// ZADDs jobs with deterministic ids and SETs the timestamp.
type Enqueuer struct {
	pool     *redis.Pool
	schedule Schedule
}

type job struct {
	ID string
	At int64
}

func logError(key string, err error) { fmt.Printf("ERROR: %s - %s\n", key, err.Error()) }

// loop is the throttle: two pools that both find the timestamp old both run
// enqueue, and the second ZADD adds members that are already there
// (gatesRepeatableWork).
func (e *Enqueuer) loop() {
	if e.shouldEnqueue() {
		if err := e.enqueue(); err != nil {
			logError("enqueue", err)
		}
	}
}

func (e *Enqueuer) shouldEnqueue() bool {
	conn := e.pool.Get()
	defer conn.Close()
	last, err := redis.Int64(conn.Do("GET", "periodic:last"))
	if err != nil {
		return true
	}
	return last < time.Now().Unix()-60
}

func (e *Enqueuer) enqueue() error {
	conn := e.pool.Get()
	defer conn.Close()
	now := time.Now()
	jobs, err := e.jobs(now)
	if err != nil {
		return err
	}
	for at, raw := range jobs {
		if _, err := conn.Do("ZADD", "scheduled", at, raw); err != nil {
			return err
		}
	}
	_, err = conn.Do("SET", "periodic:last", now.Unix())
	return err
}

// jobs are the next hour's runs, each with an id made from its time.
func (e *Enqueuer) jobs(now time.Time) (map[int64][]byte, error) {
	out := map[int64][]byte{}
	for t := e.schedule.Next(now); t.Before(now.Add(time.Hour)); t = e.schedule.Next(t) {
		raw, err := json.Marshal(job{ID: fmt.Sprintf("periodic:%d", t.Unix()), At: t.Unix()})
		if err != nil {
			return nil, err
		}
		out[t.Unix()] = raw
	}
	return out, nil
}

// loopPush is loop in front of a helper that RPUSHes the jobs: two pools that
// both pass the throttle push every job twice.
func (e *Enqueuer) loopPush() {
	if e.shouldEnqueue() {
		if err := e.enqueuePush(); err != nil { // want `GET \(in e.shouldEnqueue\) then SET \(in e.enqueuePush\) of "periodic:last" is not atomic`
			logError("enqueue", err)
		}
	}
}

func (e *Enqueuer) enqueuePush() error {
	conn := e.pool.Get()
	defer conn.Close()
	now := time.Now()
	jobs, err := e.jobs(now)
	if err != nil {
		return err
	}
	for _, raw := range jobs {
		if _, err := conn.Do("RPUSH", "queue", raw); err != nil {
			return err
		}
	}
	_, err = conn.Do("SET", "periodic:last", now.Unix())
	return err
}
