// Package redigoconsumer processes queued jobs and per-user quotas with redigo
// (github.com/gomodule/redigo): a redis.Pool and Conn.Do with command names.
package redigoconsumer

import (
	"errors"
	"time"

	"github.com/gomodule/redigo/redis"
)

// Job is one delivery from the queue; the queue redelivers on timeout.
type Job struct {
	ID      string
	Payload []byte
}

// ErrQuota means the user has no quota left.
var ErrQuota = errors.New("quota exhausted")

// Consumer runs Handle at most once per job id (that is the intent).
type Consumer struct {
	pool   *redis.Pool
	Handle func(Job) error
}

// NewConsumer dials addr on demand.
func NewConsumer(addr string, handle func(Job) error) *Consumer {
	return &Consumer{
		pool: &redis.Pool{
			MaxIdle:     8,
			IdleTimeout: time.Minute,
			Dial:        func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
		},
		Handle: handle,
	}
}

// Process handles a job unless it is marked done.
// POSITIVE: EXISTS job:<id> gates SET job:<id> (no NX); a redelivery racing the
// first delivery runs Handle twice.
func (c *Consumer) Process(job Job) error {
	conn := c.pool.Get()
	defer conn.Close()

	done, err := redis.Bool(conn.Do("EXISTS", "job:"+job.ID))
	if err != nil {
		return err
	}
	if done {
		return nil
	}
	if err := c.Handle(job); err != nil {
		return err
	}
	_, err = conn.Do("SET", "job:"+job.ID, "done", "EX", 86400) // want checkthenact
	return err
}

// ProcessClaimed is Process's twin.
// NEGATIVE: the gated write is SET ... NX, so exactly one delivery claims the
// job; a nil reply means another consumer has it.
func (c *Consumer) ProcessClaimed(job Job) error {
	conn := c.pool.Get()
	defer conn.Close()

	done, err := redis.Bool(conn.Do("EXISTS", "job:"+job.ID))
	if err != nil {
		return err
	}
	if done {
		return nil
	}
	reply, err := conn.Do("SET", "job:"+job.ID, "processing", "NX", "EX", 86400)
	if err != nil {
		return err
	}
	if reply == nil {
		return nil
	}
	return c.Handle(job)
}

// Consume takes one unit of a user's quota.
// POSITIVE: read-modify-write; GET quota:<user>, check, SET the decremented
// value. Two concurrent calls both spend the last unit.
func (c *Consumer) Consume(user string) error {
	conn := c.pool.Get()
	defer conn.Close()

	n, err := redis.Int(conn.Do("GET", "quota:"+user))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return err
	}
	if n <= 0 {
		return ErrQuota
	}
	_, err = conn.Do("SET", "quota:"+user, n-1) // want checkthenact
	return err
}

// Touch is Consume's twin.
// NEGATIVE: different keys; the check reads quota:<user>, the write goes to
// seen:<user>.
func (c *Consumer) Touch(user string) error {
	conn := c.pool.Get()
	defer conn.Close()

	n, err := redis.Int(conn.Do("GET", "quota:"+user))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return err
	}
	if n <= 0 {
		return ErrQuota
	}
	_, err = conn.Do("SET", "seen:"+user, time.Now().Unix()) // want coarsekey
	return err
}
