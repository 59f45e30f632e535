// Package leaderboard keeps game scores in a Redis Cluster.
package leaderboard

import (
	"context"
	"errors"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// Board is a set of per-game leaderboards plus player wallets.
type Board struct {
	rdb *redis.ClusterClient
}

// New returns a Board.
func New(rdb *redis.ClusterClient) *Board { return &Board{rdb: rdb} }

func boardKey(game string) string    { return "{lb:" + game + "}:scores" }
func walletKey(player string) string { return "wallet:{" + player + "}" }

// AddPoints adds pts to a player's total (ZINCRBY is atomic).
func (b *Board) AddPoints(ctx context.Context, game, player string, pts float64) (float64, error) {
	return b.rdb.ZIncrBy(ctx, boardKey(game), pts, player).Result()
}

// SubmitBest keeps a player's best single-run score (ZADD GT).
func (b *Board) SubmitBest(ctx context.Context, game, player string, score float64) error {
	return b.rdb.ZAddArgs(ctx, boardKey(game)+":best", redis.ZAddArgs{GT: true, Members: []redis.Z{{Score: score, Member: player}}}).Err()
}

// Top returns the first n players.
func (b *Board) Top(ctx context.Context, game string, n int64) ([]redis.Z, error) {
	return b.rdb.ZRevRangeWithScores(ctx, boardKey(game), 0, n-1).Result()
}

// Award pays coins for a finished match.
func (b *Board) Award(ctx context.Context, player string, coins int64) error {
	cur, err := b.rdb.HGet(ctx, walletKey(player), "coins").Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return b.rdb.HSet(ctx, walletKey(player), "coins", cur+coins).Err() // BUG: checkthenact
}

// Spend takes coins if the player has enough, under WATCH.
func (b *Board) Spend(ctx context.Context, player string, coins int64) error {
	k := walletKey(player)
	return b.rdb.Watch(ctx, func(tx *redis.Tx) error {
		s, err := tx.HGet(ctx, k, "coins").Result()
		if errors.Is(err, redis.Nil) {
			s = "0"
		} else if err != nil {
			return err
		}
		have, _ := strconv.ParseInt(s, 10, 64)
		if have < coins {
			return errors.New("leaderboard: insufficient coins")
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, k, "coins", have-coins)
			return nil
		})
		return err
	}, k)
}

// Gift moves coins with HINCRBY (atomic per field), never below zero via a script.
var giftScript = redis.NewScript(`
local have = tonumber(redis.call("HGET", KEYS[1], "coins") or "0")
if have < tonumber(ARGV[1]) then return -1 end
redis.call("HINCRBY", KEYS[1], "coins", -tonumber(ARGV[1]))
return redis.call("HINCRBY", KEYS[1], "gifted", tonumber(ARGV[1]))`)

// Gift records coins given away by a player.
func (b *Board) Gift(ctx context.Context, player string, coins int64) error {
	if cur, _ := b.rdb.HGet(ctx, walletKey(player), "coins").Int64(); cur < coins {
		return errors.New("leaderboard: insufficient coins")
	}
	n, err := giftScript.Run(ctx, b.rdb, []string{walletKey(player)}, coins).Int64()
	if err == nil && n < 0 {
		return errors.New("leaderboard: insufficient coins")
	}
	return err
}

// Bonus credits a daily login bonus; HINCRBY, no read.
func (b *Board) Bonus(ctx context.Context, player string) error {
	return b.rdb.HIncrBy(ctx, walletKey(player), "coins", 50).Err()
}
