// Package hmuuid stands in for a uuid package: NewString returns a fresh id.
package hmuuid

func NewString() string { return "" }
