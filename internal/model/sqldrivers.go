package model

// SQL drivers and error-code packages that are not modeled as stores but whose
// errors say a unique key was violated (lib/pq, MySQL 1062, pgerrcode).

var sqlDriversLib = &Library{
	Name:          "SQL drivers",
	ErrorPackages: []string{"github.com/jackc/pgerrcode", "github.com/lib/pq", "github.com/go-sql-driver/mysql"},
}
