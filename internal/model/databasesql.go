package model

// database/sql: the SQL text is an argument (db.ExecContext(ctx, q, args...)) or was
// given to Prepare; sqlclass classifies it (sql.go).

import "go/constant"

var databaseSQLLib = &Library{
	Name: "database/sql", Paths: []string{"database/sql"}, Rows: databaseSQLRows(),
	Prepares: []Prepare{{Name: "Prepare", Query: 0}, {Name: "PrepareContext", Query: 1}},
	Store:    SQL, Advice: &Advice{ // for every SQL library: the statements are the same
		Claim:  "claim the row with INSERT ... ON CONFLICT DO NOTHING and check the rows affected",
		Incr:   "claim the row with INSERT ... ON CONFLICT DO NOTHING and check the rows affected",
		Update: "update in one statement (SET x = x + $1) or lock the row with SELECT ... FOR UPDATE",
	},
	Serializable: &Level{Type: "database/sql.IsolationLevel", Serializable: func(v constant.Value) bool {
		level, _ := constant.Int64Val(v)
		return level == 6 // sql.LevelSerializable
	}},
}

func databaseSQLRows() []Row {
	var rows []Row
	for _, recv := range []string{"DB", "Tx", "Conn"} {
		rows = append(rows,
			query("database/sql", recv, "Exec", 0), query("database/sql", recv, "ExecContext", 1),
			query("database/sql", recv, "Query", 0), query("database/sql", recv, "QueryContext", 1),
			query("database/sql", recv, "QueryRow", 0), query("database/sql", recv, "QueryRowContext", 1))
	}
	for _, m := range []struct {
		name string
		args int
	}{{"Exec", 0}, {"ExecContext", 1}, {"Query", 0}, {"QueryContext", 1}, {"QueryRow", 0}, {"QueryRowContext", 1}} {
		rows = append(rows, prepared("database/sql", m.name, m.args))
	}
	return rows
}
