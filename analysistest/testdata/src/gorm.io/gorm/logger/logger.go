// Package logger is a stub of gorm.io/gorm/logger v1.31.2: the sentinel GORM
// re-exports as gorm.ErrRecordNotFound.
package logger

import "errors"

var ErrRecordNotFound = errors.New("record not found")
