// Package ctarueidis holds checkthenact cases for rueidis and valkey-go: commands
// are builder chains sent with Do.
package ctarueidis

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/go-redsync/redsync/v4"
	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"

	"ctarueidis/store"
)

func charge(string)             {}
func loadProfile(string) string { return "" }

// getThenSet is the seed shape: GET misses, charge, SET without NX.
func getThenSet(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").ExSeconds(86400).Build()).Error() // want `GET then SET of "idem:"\+id is not atomic`
}

// getThenSetNx is the twin that claims with NX: not reported.
func getThenSetNx(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	if err := c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").Nx().ExSeconds(86400).Build()).Error(); err != nil {
		return err
	}
	charge(id)
	return nil
}

// existsThenSet decides on EXISTS.
func existsThenSet(ctx context.Context, c rueidis.Client, id string) error {
	n, err := c.Do(ctx, c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("evt:"+id).Value("1").Build()).Error() // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// existsThenSetOtherKey writes another key: not reported.
func existsThenSetOtherKey(ctx context.Context, c rueidis.Client, id string) error {
	n, err := c.Do(ctx, c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("done:"+id).Value("1").Build()).Error()
}

// existsThenSetnx claims with the SETNX command: not reported.
func existsThenSetnx(ctx context.Context, c rueidis.Client, id string) error {
	n, err := c.Do(ctx, c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	if err != nil || n > 0 {
		return err
	}
	won, err := c.Do(ctx, c.B().Setnx().Key("evt:"+id).Value("1").Build()).AsBool()
	if err != nil || !won {
		return err
	}
	charge(id)
	return nil
}

// builtApart builds the commands into variables first: same race.
func builtApart(ctx context.Context, c rueidis.Client, id string) error {
	key := "evt:" + id
	get := c.B().Get().Key(key).Build()
	set := c.B().Set().Key(key).Value("1").Ex(0).Build()
	if _, err := c.Do(ctx, get).ToString(); !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, set).Error() // want `GET then SET of "evt:"\+id is not atomic`
}

// getWithGetOption sets with SET ... GET, which returns the old value: a claim.
func getWithGetOption(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	old, err := c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").Get().Build()).ToString()
	if err == nil && old != "" {
		return nil
	}
	charge(id)
	return nil
}

var claimScript = rueidis.NewLuaScript(`if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("SET", KEYS[1], 1, "EX", ARGV[1]) return 1`)

// scriptClaim claims in Lua after the fast-path EXISTS: not reported.
func scriptClaim(ctx context.Context, c rueidis.Client, id string) error {
	n, err := c.Do(ctx, c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	if err != nil || n > 0 {
		return err
	}
	won, err := claimScript.Exec(ctx, c, []string{"evt:" + id}, []string{"86400"}).AsInt64()
	if err != nil || won == 0 {
		return err
	}
	charge(id)
	return nil
}

// readModifyWrite reads a balance, adds and writes it back: a lost update.
func readModifyWrite(ctx context.Context, c rueidis.Client, acct string, amount int64) error {
	n, err := c.Do(ctx, c.B().Get().Key("balance:"+acct).Build()).AsInt64()
	if err != nil && !rueidis.IsRedisNil(err) {
		return err
	}
	return c.Do(ctx, c.B().Set().Key("balance:"+acct).Value(strconv.FormatInt(n+amount, 10)).Build()).Error() // want `read-modify-write of "balance:"\+acct \(GET then SET\) is not atomic`
}

// incrby is the atomic twin of readModifyWrite: not reported.
func incrby(ctx context.Context, c rueidis.Client, acct string, amount int64) error {
	_, err := c.Do(ctx, c.B().Incrby().Key("balance:"+acct).Increment(amount).Build()).AsInt64()
	return err
}

// cacheAside fills a profile cache from the source of truth: not reported.
func cacheAside(ctx context.Context, c rueidis.Client, id string) (string, error) {
	v, err := c.Do(ctx, c.B().Get().Key("user:"+id).Build()).ToString()
	if rueidis.IsRedisNil(err) {
		v = loadProfile(id)
		err = c.Do(ctx, c.B().Set().Key("user:"+id).Value(v).ExSeconds(300).Build()).Error()
	}
	return v, err
}

// cachedRead reads through DoCache (client-side caching): still a check.
func cachedRead(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.DoCache(ctx, c.B().Get().Key("idem:"+id).Cache(), time.Minute).ToString()
	if rueidis.IsRedisNil(err) {
		charge(id)
		return c.Do(ctx, c.B().Set().Key("idem:"+id).Value("1").Build()).Error() // want `GET then SET of "idem:"\+id is not atomic`
	}
	return err
}

// hsetAfterHget checks a hash field and sets it.
func hsetAfterHget(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Hget().Key("processed").Field(id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Hset().Key("processed").FieldValue().FieldValue(id, "1").Build()).Error() // want `HGET then HSET of "processed" id is not atomic`
}

// hsetOtherField checks one field and sets another: not reported.
func hsetOtherField(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Hget().Key("processed").Field(id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Hset().Key("processed").FieldValue().FieldValue("last", id).Build()).Error()
}

// valkeyGetThenSet is the seed shape on valkey-go.
func valkeyGetThenSet(ctx context.Context, c valkey.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !valkey.IsValkeyNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").ExSeconds(86400).Build()).Error() // want `GET then SET of "idem:"\+id is not atomic`
}

// valkeySetNx is its twin with NX: not reported.
func valkeySetNx(ctx context.Context, c valkey.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !valkey.IsValkeyNil(err) {
		return err
	}
	if err := c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").Nx().ExSeconds(86400).Build()).Error(); err != nil {
		return err
	}
	charge(id)
	return nil
}

// valkeyCacheAside is a plain cache fill on valkey-go: not reported.
func valkeyCacheAside(ctx context.Context, c valkey.Client, id string) (string, error) {
	v, err := c.Do(ctx, c.B().Get().Key("user:"+id).Build()).ToString()
	if valkey.IsValkeyNil(err) {
		v = loadProfile(id)
		err = c.Do(ctx, c.B().Set().Key("user:"+id).Value(v).ExSeconds(300).Build()).Error()
	}
	return v, err
}

// viaHelpers checks and marks through a store in another package.
func viaHelpers(ctx context.Context, d *store.Dedup, id string) error {
	seen, err := d.Seen(ctx, id)
	if err != nil || seen {
		return err
	}
	charge(id)
	return d.Mark(ctx, id) // want `EXISTS \(in d.Seen\) then SET \(in d.Mark\) of "evt:"\+id is not atomic`
}

// viaHelpersClaim claims through the store: not reported.
func viaHelpersClaim(ctx context.Context, d *store.Dedup, id string) error {
	seen, err := d.Seen(ctx, id)
	if err != nil || seen {
		return err
	}
	won, err := d.Claim(ctx, id)
	if err != nil || !won {
		return err
	}
	charge(id)
	return nil
}

// Repo hides the client behind an interface; its implementation is below.
type Repo interface {
	Processed(ctx context.Context, id string) (bool, error)
	MarkProcessed(ctx context.Context, id string) error
}

type redisRepo struct{ c rueidis.Client }

func (r *redisRepo) Processed(ctx context.Context, id string) (bool, error) {
	n, err := r.c.Do(ctx, r.c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	return n > 0, err
}

func (r *redisRepo) MarkProcessed(ctx context.Context, id string) error {
	return r.c.Do(ctx, r.c.B().Set().Key("evt:"+id).Value("1").Build()).Error()
}

// concreteRepo calls the implementation directly: reported.
func concreteRepo(ctx context.Context, r *redisRepo, id string) error {
	ok, err := r.Processed(ctx, id)
	if err != nil || ok {
		return err
	}
	charge(id)
	return r.MarkProcessed(ctx, id) // want `EXISTS \(in r.Processed\) then SET \(in r.MarkProcessed\) of "evt:"\+id is not atomic`
}

// underLock runs check and act under a redsync mutex: not reported.
func underLock(ctx context.Context, c rueidis.Client, rs *redsync.Redsync, id string) error {
	m := rs.NewMutex("lock:" + id)
	if err := m.Lock(); err != nil {
		return err
	}
	defer m.Unlock()
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("idem:"+id).Value("1").Build()).Error()
}

// processLocalMutex holds only a sync.Mutex: replicas still race, reported.
func processLocalMutex(ctx context.Context, mu *sync.Mutex, c rueidis.Client, id string) error {
	mu.Lock()
	defer mu.Unlock()
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("idem:"+id).Value("1").Build()).Error() // want `GET then SET of "idem:"\+id is not atomic`
}

// delAfterGet deletes: idempotent, not reported.
func delAfterGet(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if rueidis.IsRedisNil(err) {
		return nil
	}
	return c.Do(ctx, c.B().Del().Key("idem:"+id).Build()).Error()
}

// dedicated runs on a dedicated connection: the same two round trips, reported.
func dedicated(ctx context.Context, c rueidis.Client, id string) error {
	return c.Dedicated(func(d rueidis.DedicatedClient) error {
		_, err := d.Do(ctx, d.B().Get().Key("idem:"+id).Build()).ToString()
		if !rueidis.IsRedisNil(err) {
			return err
		}
		charge(id)
		return d.Do(ctx, d.B().Set().Key("idem:"+id).Value("1").Build()).Error() // want `GET then SET of "idem:"\+id is not atomic`
	})
}
