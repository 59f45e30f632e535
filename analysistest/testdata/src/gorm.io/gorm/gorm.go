// Package gorm is a stub of gorm.io/gorm v1.31.2 with the real signatures of the
// chain methods, finishers, transactions and sentinels idemlint models.
package gorm

import (
	"context"
	"database/sql"

	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"
)

var ErrRecordNotFound = logger.ErrRecordNotFound

type Config struct{ SkipDefaultTransaction bool }

type Option interface{}

type Dialector interface {
	Name() string
}

type Statement struct{ Table string }

type Session struct {
	DryRun      bool
	NewDB       bool
	Context     context.Context
	SkipHooks   bool
	PrepareStmt bool
}

type DB struct {
	*Config
	Error        error
	RowsAffected int64
	Statement    *Statement
	clone        int
}

func Open(dialector Dialector, opts ...Option) (db *DB, err error) { return &DB{}, nil }

func Expr(expr string, args ...interface{}) clause.Expr { return clause.Expr{SQL: expr, Vars: args} }

func (db *DB) Model(value interface{}) (tx *DB)                              { return db }
func (db *DB) Clauses(conds ...clause.Expression) (tx *DB)                   { return db }
func (db *DB) Table(name string, args ...interface{}) (tx *DB)               { return db }
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB)        { return db }
func (db *DB) Omit(columns ...string) (tx *DB)                               { return db }
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB)         { return db }
func (db *DB) Not(query interface{}, args ...interface{}) (tx *DB)           { return db }
func (db *DB) Or(query interface{}, args ...interface{}) (tx *DB)            { return db }
func (db *DB) Order(value interface{}) (tx *DB)                              { return db }
func (db *DB) Limit(limit int) (tx *DB)                                      { return db }
func (db *DB) Unscoped() (tx *DB)                                            { return db }
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB)                { return db }
func (db *DB) Create(value interface{}) (tx *DB)                             { return db }
func (db *DB) CreateInBatches(value interface{}, batchSize int) (tx *DB)     { return db }
func (db *DB) Save(value interface{}) (tx *DB)                               { return db }
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB)         { return db }
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB)          { return db }
func (db *DB) Last(dest interface{}, conds ...interface{}) (tx *DB)          { return db }
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB)          { return db }
func (db *DB) FirstOrInit(dest interface{}, conds ...interface{}) (tx *DB)   { return db }
func (db *DB) FirstOrCreate(dest interface{}, conds ...interface{}) (tx *DB) { return db }
func (db *DB) Update(column string, value interface{}) (tx *DB)              { return db }
func (db *DB) Updates(values interface{}) (tx *DB)                           { return db }
func (db *DB) UpdateColumn(column string, value interface{}) (tx *DB)        { return db }
func (db *DB) UpdateColumns(values interface{}) (tx *DB)                     { return db }
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB)       { return db }
func (db *DB) Count(count *int64) (tx *DB)                                   { return db }
func (db *DB) Row() *sql.Row                                                 { return nil }
func (db *DB) Scan(dest interface{}) (tx *DB)                                { return db }
func (db *DB) Pluck(column string, dest interface{}) (tx *DB)                { return db }
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) {
	return fc(db)
}
func (db *DB) Begin(opts ...*sql.TxOptions) *DB                { return db }
func (db *DB) Commit() *DB                                     { return db }
func (db *DB) Rollback() *DB                                   { return db }
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB) { return db }
func (db *DB) Session(config *Session) *DB                     { return db }
func (db *DB) WithContext(ctx context.Context) *DB             { return db }
func (db *DB) Debug() (tx *DB)                                 { return db }
