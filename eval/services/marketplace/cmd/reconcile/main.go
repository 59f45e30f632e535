// Command reconcile compares yesterday's payments with the provider's
// settlement report and prints every mismatch once. It is run by hand by
// finance, one process, one goroutine reading the rows.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"sync"
)

type row struct {
	PaymentID   string
	AmountCents int64
}

func produce(ctx context.Context, db *sql.DB, out chan<- row) {
	defer close(out)
	rows, err := db.QueryContext(ctx, "SELECT payment_id, amount_cents FROM settlement_mismatches")
	if err != nil {
		log.Print(err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.PaymentID, &r.AmountCents); err != nil {
			log.Print(err)
			return
		}
		out <- r
	}
}

func main() {
	db, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	rows := make(chan row)
	go produce(ctx, db, rows)
	var printed sync.Map
	for r := range rows {
		if _, ok := printed.Load(r.PaymentID); ok {
			continue
		}
		fmt.Printf("%s\t%d\n", r.PaymentID, r.AmountCents)
		printed.Store(r.PaymentID, true)
	}
}
