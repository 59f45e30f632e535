//go:build idemlint_testpanic

package guard

import "os"

// TestPanicEnv names an environment variable read only by binaries built with
// -tags idemlint_testpanic: the analyzer whose name it holds panics on every
// package, so that a test of a driver that cannot link a test analyzer of its own
// (scripts/golangci-test.sh builds golangci-lint with the plugin) proves that the
// others' findings still come out. Release builds have no such hook.
const TestPanicEnv = "IDEMLINT_TEST_PANIC"

func injectedPanic(analyzer string) bool { return os.Getenv(TestPanicEnv) == analyzer }
