package redis

import (
	"context"
	"time"
)

type Cmder interface {
	Name() string
	FullName() string
	Args() []interface{}
	String() string
	stringArg(int) string
	firstKeyPos() int8
	SetFirstKeyPos(int8)

	SetErr(error)
	Err() error
}

type baseCmd struct {
	ctx    context.Context
	args   []interface{}
	err    error
	keyPos int8
}

func (cmd *baseCmd) Name() string               { return "" }
func (cmd *baseCmd) FullName() string           { return "" }
func (cmd *baseCmd) Args() []interface{}        { return cmd.args }
func (cmd *baseCmd) stringArg(pos int) string   { return "" }
func (cmd *baseCmd) firstKeyPos() int8          { return cmd.keyPos }
func (cmd *baseCmd) SetFirstKeyPos(keyPos int8) { cmd.keyPos = keyPos }
func (cmd *baseCmd) SetErr(e error)             { cmd.err = e }
func (cmd *baseCmd) Err() error                 { return cmd.err }

//------------------------------------------------------------------------------

type Cmd struct {
	baseCmd

	val interface{}
}

func NewCmd(ctx context.Context, args ...interface{}) *Cmd {
	return &Cmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *Cmd) String() string                 { return "" }
func (cmd *Cmd) SetVal(val interface{})         { cmd.val = val }
func (cmd *Cmd) Val() interface{}               { return cmd.val }
func (cmd *Cmd) Result() (interface{}, error)   { return cmd.val, cmd.err }
func (cmd *Cmd) Text() (string, error)          { return "", cmd.err }
func (cmd *Cmd) Int() (int, error)              { return 0, cmd.err }
func (cmd *Cmd) Int64() (int64, error)          { return 0, cmd.err }
func (cmd *Cmd) Uint64() (uint64, error)        { return 0, cmd.err }
func (cmd *Cmd) Float64() (float64, error)      { return 0, cmd.err }
func (cmd *Cmd) Bool() (bool, error)            { return false, cmd.err }
func (cmd *Cmd) Slice() ([]interface{}, error)  { return nil, cmd.err }
func (cmd *Cmd) StringSlice() ([]string, error) { return nil, cmd.err }
func (cmd *Cmd) Int64Slice() ([]int64, error)   { return nil, cmd.err }

//------------------------------------------------------------------------------

type SliceCmd struct {
	baseCmd

	val []interface{}
}

func NewSliceCmd(ctx context.Context, args ...interface{}) *SliceCmd {
	return &SliceCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *SliceCmd) SetVal(val []interface{})       { cmd.val = val }
func (cmd *SliceCmd) Val() []interface{}             { return cmd.val }
func (cmd *SliceCmd) Result() ([]interface{}, error) { return cmd.val, cmd.err }
func (cmd *SliceCmd) String() string                 { return "" }
func (cmd *SliceCmd) Scan(dst interface{}) error     { return nil }

//------------------------------------------------------------------------------

type StatusCmd struct {
	baseCmd

	val string
}

func NewStatusCmd(ctx context.Context, args ...interface{}) *StatusCmd {
	return &StatusCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *StatusCmd) SetVal(val string)       { cmd.val = val }
func (cmd *StatusCmd) Val() string             { return cmd.val }
func (cmd *StatusCmd) Result() (string, error) { return cmd.val, cmd.err }
func (cmd *StatusCmd) String() string          { return "" }

//------------------------------------------------------------------------------

type IntCmd struct {
	baseCmd

	val int64
}

func NewIntCmd(ctx context.Context, args ...interface{}) *IntCmd {
	return &IntCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *IntCmd) SetVal(val int64)        { cmd.val = val }
func (cmd *IntCmd) Val() int64              { return cmd.val }
func (cmd *IntCmd) Result() (int64, error)  { return cmd.val, cmd.err }
func (cmd *IntCmd) Uint64() (uint64, error) { return uint64(cmd.val), cmd.err }
func (cmd *IntCmd) String() string          { return "" }

//------------------------------------------------------------------------------

type BoolCmd struct {
	baseCmd

	val bool
}

func NewBoolCmd(ctx context.Context, args ...interface{}) *BoolCmd {
	return &BoolCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *BoolCmd) SetVal(val bool)       { cmd.val = val }
func (cmd *BoolCmd) Val() bool             { return cmd.val }
func (cmd *BoolCmd) Result() (bool, error) { return cmd.val, cmd.err }
func (cmd *BoolCmd) String() string        { return "" }

//------------------------------------------------------------------------------

type StringCmd struct {
	baseCmd

	val string
}

func NewStringCmd(ctx context.Context, args ...interface{}) *StringCmd {
	return &StringCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *StringCmd) SetVal(val string)          { cmd.val = val }
func (cmd *StringCmd) Val() string                { return cmd.val }
func (cmd *StringCmd) Result() (string, error)    { return cmd.val, cmd.err }
func (cmd *StringCmd) Bytes() ([]byte, error)     { return []byte(cmd.val), cmd.err }
func (cmd *StringCmd) Bool() (bool, error)        { return false, cmd.err }
func (cmd *StringCmd) Int() (int, error)          { return 0, cmd.err }
func (cmd *StringCmd) Int64() (int64, error)      { return 0, cmd.err }
func (cmd *StringCmd) Uint64() (uint64, error)    { return 0, cmd.err }
func (cmd *StringCmd) Float64() (float64, error)  { return 0, cmd.err }
func (cmd *StringCmd) Time() (time.Time, error)   { return time.Time{}, cmd.err }
func (cmd *StringCmd) Scan(val interface{}) error { return cmd.err }
func (cmd *StringCmd) String() string             { return "" }

//------------------------------------------------------------------------------

type BoolSliceCmd struct {
	baseCmd

	val []bool
}

func NewBoolSliceCmd(ctx context.Context, args ...interface{}) *BoolSliceCmd {
	return &BoolSliceCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *BoolSliceCmd) SetVal(val []bool)       { cmd.val = val }
func (cmd *BoolSliceCmd) Val() []bool             { return cmd.val }
func (cmd *BoolSliceCmd) Result() ([]bool, error) { return cmd.val, cmd.err }
func (cmd *BoolSliceCmd) String() string          { return "" }
