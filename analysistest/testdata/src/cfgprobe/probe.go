// Package cfgprobe is an empty package: config_test.go runs a probe on it that
// reports the run's configuration as the effects analyzer's Result carries it.
package cfgprobe

func F() {}
