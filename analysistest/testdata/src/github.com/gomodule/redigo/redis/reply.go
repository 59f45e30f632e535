package redis

import "errors"

// ErrNil indicates that a reply value is nil.
var ErrNil = errors.New("redigo: nil returned")

func Int(reply interface{}, err error) (int, error)                     { return 0, err }
func Int64(reply interface{}, err error) (int64, error)                 { return 0, err }
func Uint64(reply interface{}, err error) (uint64, error)               { return 0, err }
func Float64(reply interface{}, err error) (float64, error)             { return 0, err }
func String(reply interface{}, err error) (string, error)               { return "", err }
func Bytes(reply interface{}, err error) ([]byte, error)                { return nil, err }
func Bool(reply interface{}, err error) (bool, error)                   { return false, err }
func MultiBulk(reply interface{}, err error) ([]interface{}, error)     { return Values(reply, err) }
func Values(reply interface{}, err error) ([]interface{}, error)        { return nil, err }
func Strings(reply interface{}, err error) ([]string, error)            { return nil, err }
func ByteSlices(reply interface{}, err error) ([][]byte, error)         { return nil, err }
func Int64s(reply interface{}, err error) ([]int64, error)              { return nil, err }
func Ints(reply interface{}, err error) ([]int, error)                  { return nil, err }
func StringMap(reply interface{}, err error) (map[string]string, error) { return nil, err }
func IntMap(result interface{}, err error) (map[string]int, error)      { return nil, err }
func Int64Map(result interface{}, err error) (map[string]int64, error)  { return nil, err }
