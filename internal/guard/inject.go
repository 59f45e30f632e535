//go:build !idemlint_testpanic

package guard

// injectedPanic is false: only a test build (-tags idemlint_testpanic, see
// inject_testpanic.go) can make an analyzer panic on purpose.
func injectedPanic(string) bool { return false }
