package model

// pgx v5 (github.com/jackc/pgx/v5 and its pgxpool): conn.Exec(ctx, q, args...), with
// transactions as an interface (pgx.Tx) and isolation levels as strings.

import (
	"go/constant"
	"strings"
)

const (
	pgx     = "github.com/jackc/pgx/v5"
	pgxpool = "github.com/jackc/pgx/v5/pgxpool"
	pgconn  = "github.com/jackc/pgx/v5/pgconn"
)

var pgxLib = &Library{
	Name: "pgx v5", Paths: []string{pgx, pgxpool, pgconn}, Rows: pgxRows(),
	Serializable: &Level{Type: pgx + ".TxIsoLevel", Serializable: func(v constant.Value) bool {
		return v.Kind() == constant.String && strings.EqualFold(constant.StringVal(v), "serializable")
	}},
	ErrorPackages: []string{pgconn}, // pgconn.PgError{Code: "23505"}
}

func pgxRows() []Row {
	var rows []Row
	for _, pkg := range []string{pgx, pgxpool} {
		rows = append(rows, query(pkg, "any", "Exec", 1), query(pkg, "any", "Query", 1), query(pkg, "any", "QueryRow", 1))
	}
	return rows
}
