// Package ctastoreuser uses ctastore's helpers across a package boundary:
// their effects reach here only through facts.
package ctastoreuser

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"ctastore"
)

func work(string) {}

// seenThenMarkSeen: check and act through another package's helper methods.
func seenThenMarkSeen(ctx context.Context, st *ctastore.Store, id string) {
	if st.Seen(ctx, id) {
		return
	}
	work(id)
	st.MarkSeen(ctx, id) // want `EXISTS \(in \w+\.Seen\) then SET \(in \w+\.MarkSeen\) of "seen:"\+id is not atomic`
}

// claimHelper: the Claim helper is an atomic SetNX.
func claimHelper(ctx context.Context, st *ctastore.Store, id string) {
	if !st.Claim(ctx, id) {
		return
	}
	work(id)
}

// seenThenClaim: a fast-path Seen, then the atomic Claim.
func seenThenClaim(ctx context.Context, st *ctastore.Store, id string) {
	if st.Seen(ctx, id) {
		return
	}
	if !st.Claim(ctx, id) {
		return
	}
	work(id)
}

// seenThenMarkOther: the marked id is not the checked one.
func seenThenMarkOther(ctx context.Context, st *ctastore.Store, id, orderID string) {
	if st.Seen(ctx, id) {
		return
	}
	work(id)
	st.MarkSeen(ctx, orderID)
}

// seenOnlyLogged: the Seen result decides nothing.
func seenOnlyLogged(ctx context.Context, st *ctastore.Store, id string) {
	fmt.Println("duplicate:", st.Seen(ctx, id))
	work(id)
	st.MarkSeen(ctx, id)
}

// onceRacyCallback: the race lives inside ctastore.OnceRacy, reported there.
func onceRacyCallback(ctx context.Context, st *ctastore.Store, id string) {
	st.OnceRacy(ctx, id, func() { work(id) })
}

// keyFuncDirect: ctastore.Key(id) used directly on both sides.
func keyFuncDirect(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, ctastore.Key(id)).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, ctastore.Key(id), 1, 24*time.Hour) // want `EXISTS then SET of .* is not atomic`
}

// keyFuncDirectSetNX: the same key, claimed with SetNX.
func keyFuncDirectSetNX(ctx context.Context, rdb *redis.Client, id string) {
	if !rdb.SetNX(ctx, ctastore.Key(id), 1, 24*time.Hour).Val() {
		return
	}
	work(id)
}

// seenThenDirectSet: the helper's check, then a direct SET of ctastore.Key(id).
func seenThenDirectSet(ctx context.Context, st *ctastore.Store, rdb *redis.Client, id string) {
	if st.Seen(ctx, id) {
		return
	}
	work(id)
	rdb.Set(ctx, ctastore.Key(id), 1, 24*time.Hour) // want `EXISTS \(in \w+\.Seen\) then SET of "seen:"\+id is not atomic`
}

// seenThenDirectSetOtherKey: a direct SET of another key.
func seenThenDirectSetOtherKey(ctx context.Context, st *ctastore.Store, rdb *redis.Client, id string) {
	if st.Seen(ctx, id) {
		return
	}
	work(id)
	rdb.Set(ctx, "audit:"+id, 1, 24*time.Hour)
}
