package guardpanic // want `internal error: crasher panicked \(boom\) at guard/guard_test.go:\d+`

func Process(id string) string { return id }
