package redis

// Scan copies from src to the values pointed at by dest.
func Scan(src []interface{}, dest ...interface{}) ([]interface{}, error) { return nil, nil }

// ScanStruct scans alternating names and values from src to a struct.
func ScanStruct(src []interface{}, dest interface{}) error { return nil }

// Args is a helper for constructing command arguments from structured values.
type Args []interface{}

// Add returns the result of appending value to args.
func (args Args) Add(value ...interface{}) Args { return append(args, value...) }

// AddFlat returns the result of appending the flattened value of v to args.
func (args Args) AddFlat(v interface{}) Args { return append(args, v) }
