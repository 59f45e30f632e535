// Generated files get no findings; hand-written code that checks and acts
// through generated functions still does.
package ctagenerated

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// markOnce is the generated MarkOnce written by hand: reported.
func markOnce(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Get(ctx, "done:"+id).Err() != redis.Nil {
		return nil
	}
	return rdb.Set(ctx, "done:"+id, 1, time.Hour).Err() // want `GET then SET of "done:"\+id is not atomic`
}

func charge(string) {}

// handle checks and marks through the generated queries: the finding is here.
func handle(ctx context.Context, q *Queries, id string) error {
	if q.Seen(ctx, id) {
		return nil
	}
	charge(id)
	return q.Mark(ctx, id) // want `EXISTS \(in q.Seen\) then SET \(in q.Mark\) of "seen:"\+id is not atomic`
}
