// Package pgconn is a minimal analysistest stub of
// github.com/jackc/pgx/v5/pgconn (v5.12.0).
package pgconn

import "time"

// Config is the settings used to establish a connection to a PostgreSQL server.
type Config struct {
	Host           string // host (e.g. localhost) or absolute path to unix domain socket directory (e.g. /private/tmp)
	Port           uint16
	Database       string
	User           string
	Password       string
	ConnectTimeout time.Duration
	RuntimeParams  map[string]string // Run-time parameters to set on connection as session default values (e.g. search_path or application_name)
}

// PgConn is a low-level PostgreSQL connection handle.
type PgConn struct {
	pid uint32
}

func (pgConn *PgConn) PID() uint32 { return pgConn.pid }

// Notification is a message received from the PostgreSQL LISTEN/NOTIFY system
type Notification struct {
	PID     uint32 // backend pid that sent the notification
	Channel string // channel from which notification was received
	Payload string
}

// CommandTag is the status text returned by PostgreSQL for a query.
type CommandTag struct {
	s string
}

// NewCommandTag makes a CommandTag from s.
func NewCommandTag(s string) CommandTag { return CommandTag{s: s} }

// RowsAffected returns the number of rows affected. If the CommandTag was not
// for a row affecting command (e.g. "CREATE TABLE") then it returns 0.
func (ct CommandTag) RowsAffected() int64 { return 0 }

func (ct CommandTag) String() string { return ct.s }

// Insert is true if the command tag starts with "INSERT".
func (ct CommandTag) Insert() bool { return false }

// Update is true if the command tag starts with "UPDATE".
func (ct CommandTag) Update() bool { return false }

// Delete is true if the command tag starts with "DELETE".
func (ct CommandTag) Delete() bool { return false }

// Select is true if the command tag starts with "SELECT".
func (ct CommandTag) Select() bool { return false }

type FieldDescription struct {
	Name                 string
	TableOID             uint32
	TableAttributeNumber uint16
	DataTypeOID          uint32
	DataTypeSize         int16
	TypeModifier         int32
	Format               int16
}

type StatementDescription struct {
	Name      string
	SQL       string
	ParamOIDs []uint32
	Fields    []FieldDescription
}
