// Package postgres is a stub of gorm.io/driver/postgres v1.6.3.
package postgres

import "gorm.io/gorm"

type Config struct {
	DSN string
}

type Dialector struct{ *Config }

func (d Dialector) Name() string { return "postgres" }

func Open(dsn string) gorm.Dialector { return &Dialector{&Config{DSN: dsn}} }

func New(config Config) gorm.Dialector { return &Dialector{&config} }
