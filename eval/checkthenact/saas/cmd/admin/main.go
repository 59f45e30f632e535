// Command admin is the operator CLI.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"

	"github.com/redis/go-redis/v9"
)

const flagsKey = "flags:global"

type app struct {
	rdb *redis.Client
	db  *sql.DB
}

func main() {
	addr := flag.String("redis", "localhost:6379", "redis address")
	dsn := flag.String("dsn", "", "postgres dsn (pgx stdlib driver)")
	flag.Parse()
	a := &app{rdb: redis.NewClient(&redis.Options{Addr: *addr})}
	if *dsn != "" {
		db, err := sql.Open("pgx", *dsn)
		if err != nil {
			log.Fatal(err)
		}
		a.db = db
	}
	ctx := context.Background()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: admin <command> [args]")
		os.Exit(2)
	}
	var err error
	switch args[0] {
	case "flag-toggle":
		err = a.toggle(ctx, args[1])
	case "flag-set":
		err = a.setFlag(ctx, args[1], args[2])
	case "replay":
		err = a.rdb.Del(ctx, "processed:"+args[1]).Err()
	case "bump-config":
		var v int64
		v, err = a.rdb.Incr(ctx, "config:version").Result()
		fmt.Println("config version", v)
	case "set-price":
		cents, _ := strconv.ParseInt(args[2], 10, 64)
		err = a.setPrice(ctx, args[1], cents)
	case "grant-credit":
		cents, _ := strconv.ParseInt(args[2], 10, 64)
		err = a.grantCredit(ctx, args[1], cents)
	default:
		err = fmt.Errorf("unknown command %q", args[0])
	}
	if err != nil {
		log.Fatal(err)
	}
}

// toggle flips a global feature flag.
func (a *app) toggle(ctx context.Context, name string) error {
	cur, err := a.rdb.HGet(ctx, flagsKey, name).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	on, _ := strconv.ParseBool(cur)
	fmt.Printf("%s: %v -> %v\n", name, on, !on)
	return a.rdb.HSet(ctx, flagsKey, name, strconv.FormatBool(!on)).Err() // BUG: checkthenact
}

// setFlag sets a flag to an explicit value, printing the previous one.
func (a *app) setFlag(ctx context.Context, name, value string) error {
	on, err := strconv.ParseBool(value)
	if err != nil {
		return err
	}
	prev, err := a.rdb.HGet(ctx, flagsKey, name).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	fmt.Printf("%s: %q -> %v\n", name, prev, on)
	return a.rdb.HSet(ctx, flagsKey, name, strconv.FormatBool(on)).Err()
}

// setPrice sets an absolute plan price, printing the old one.
func (a *app) setPrice(ctx context.Context, plan string, cents int64) error {
	var old int64
	if err := a.db.QueryRowContext(ctx, `SELECT price_cents FROM plans WHERE code = $1`, plan).Scan(&old); err != nil {
		return err
	}
	fmt.Printf("%s: %d -> %d\n", plan, old, cents)
	_, err := a.db.ExecContext(ctx, `UPDATE plans SET price_cents = $1 WHERE code = $2`, cents, plan)
	return err
}

// grantCredit adds credit relatively, printing the balance before.
func (a *app) grantCredit(ctx context.Context, account string, cents int64) error {
	var bal int64
	if err := a.db.QueryRowContext(ctx, `SELECT credit_cents FROM accounts WHERE id = $1`, account).Scan(&bal); err != nil {
		return err
	}
	fmt.Printf("balance before: %d\n", bal)
	_, err := a.db.ExecContext(ctx, `UPDATE accounts SET credit_cents = credit_cents + $1 WHERE id = $2`, cents, account)
	return err
}
