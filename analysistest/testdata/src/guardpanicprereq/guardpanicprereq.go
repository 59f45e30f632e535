package guardpanicprereq // want `^internal error: prereq panicked \(boom\) at guard/guard_test.go:\d+; the package was only partly analyzed`

func Process(id string) string { return id }
