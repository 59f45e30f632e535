package model

// sqlx (github.com/jmoiron/sqlx): database/sql with scanning helpers, package-level
// forms that take the database first (sqlx.Get(db, &v, q, args...)), named
// parameters bound from a struct's db tags or a map, and Preparex.

const sqlx = "github.com/jmoiron/sqlx"

var sqlxLib = &Library{
	Name: "sqlx", Paths: []string{sqlx}, Rows: sqlxRows(),
	Prepares: []Prepare{{Name: "Preparex", Query: 0}, {Name: "PreparexContext", Query: 1}},
}

// sqlxQueries are the query methods and where their SQL text is.
var sqlxQueries = []struct {
	name string
	cmd  int
}{{"Get", 1}, {"GetContext", 2}, {"Select", 1}, {"SelectContext", 2}, {"QueryRowx", 0}, {"QueryRowxContext", 1},
	{"Queryx", 0}, {"QueryxContext", 1}, {"MustExec", 0}, {"MustExecContext", 1}}

func sqlxRows() []Row {
	var rows []Row
	for _, m := range sqlxQueries {
		rows = append(rows, query(sqlx, "any", m.name, m.cmd))
	}
	rows = append(rows, query(sqlx, "", "Get", 2), query(sqlx, "", "GetContext", 3),
		query(sqlx, "", "Select", 2), query(sqlx, "", "SelectContext", 3),
		query(sqlx, "", "MustExec", 1), query(sqlx, "", "MustExecContext", 2))
	// NamedExec(query, arg): parameters bound by name from a struct's db tags or a map.
	named := func(recv, name string, cmd int) Row {
		r := query(sqlx, recv, name, cmd)
		r.Dispatch = SQLNamed
		return r
	}
	rows = append(rows, named("any", "NamedExec", 0), named("any", "NamedExecContext", 1),
		named("any", "NamedQuery", 0), named("any", "NamedQueryContext", 1),
		named("", "NamedExec", 1), named("", "NamedExecContext", 2),
		named("", "NamedQuery", 1), named("", "NamedQueryContext", 2))
	// *sqlx.Stmt from Preparex: the query is in the Preparex call, so the arguments
	// start where the SQL text would be.
	for _, m := range sqlxQueries {
		rows = append(rows, prepared(sqlx, m.name, m.cmd))
	}
	return rows
}
