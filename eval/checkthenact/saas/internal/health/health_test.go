package health

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func testClient(t *testing.T) *redis.Client {
	t.Helper()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		t.Skip("REDIS_ADDR not set")
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func TestRedisProbe(t *testing.T) {
	rdb := testClient(t)
	c := New(rdb, nil)
	if err := c.Redis(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestOverwrite(t *testing.T) {
	rdb := testClient(t)
	ctx := context.Background()
	k := "test:overwrite:" + t.Name()
	rdb.Set(ctx, k, "v1", time.Minute)
	got, err := rdb.Get(ctx, k).Result()
	if err != nil || got != "v1" {
		t.Fatalf("got %q, %v", got, err)
	}
	rdb.Set(ctx, k, "v2", time.Minute)
	if got := rdb.Get(ctx, k).Val(); got != "v2" {
		t.Fatalf("after overwrite got %q", got)
	}
}

func TestHeartbeatKeepsFirstSeen(t *testing.T) {
	rdb := testClient(t)
	ctx := context.Background()
	c := New(rdb, nil)
	if err := c.Heartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	first := rdb.HGet(ctx, "instances:"+host, "first_seen").Val()
	time.Sleep(1100 * time.Millisecond)
	if err := c.Heartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	if again := rdb.HGet(ctx, "instances:"+host, "first_seen").Val(); again != first {
		t.Fatalf("first_seen moved: %s -> %s", first, again)
	}
}

// fakeClock is a tiny in-memory stand-in used by the limiter tests.
type fakeStore struct{ m map[string]string }

func (f *fakeStore) get(k string) (string, bool) { v, ok := f.m[k]; return v, ok }
func (f *fakeStore) set(k, v string)             { f.m[k] = v }

func TestFakeStore(t *testing.T) {
	f := &fakeStore{m: map[string]string{}}
	if _, ok := f.get("a"); !ok {
		f.set("a", "1")
	}
	if v, _ := f.get("a"); v != "1" {
		t.Fatal(v)
	}
}
