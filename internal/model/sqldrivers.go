package model

// SQL drivers and error-code packages that are not modeled as stores but whose
// errors say a unique key was violated (lib/pq, MySQL 1062, pgerrcode).

import "strings"

var sqlDriversLib = &Library{
	Name:          "SQL drivers",
	ErrorPackages: []string{"github.com/jackc/pgerrcode", "github.com/lib/pq", "github.com/go-sql-driver/mysql"},
}

// uniqueViolationCodes are the error codes of a unique violation (PostgreSQL
// SQLSTATE 23505, MySQL error 1062) and uniqueViolationTexts the drivers' messages.
var (
	uniqueViolationCodes = []string{"23505", "1062"}
	uniqueViolationTexts = []string{"duplicate key", "unique constraint"}
)

// UniqueViolation reports a constant that code compares an error with to detect a
// unique violation (pgErr.Code == "23505", strings.Contains(err.Error(), "duplicate key")).
func UniqueViolation(s string) bool {
	s = strings.ToLower(s)
	return contains(uniqueViolationCodes, s) || containsAny(s, uniqueViolationTexts)
}
