// Package ssaskip imports none of the modeled APIs and calls no summarized helper:
// no idemlint analyzer has anything to find here, so none builds its SSA form.
package ssaskip // want "no SSA"

import (
	"errors"
	"strings"
)

var errEmpty = errors.New("empty")

// Words splits s, as plain code does everywhere.
func Words(s string) ([]string, error) {
	if s == "" {
		return nil, errEmpty
	}
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, strings.ToLower(w))
	}
	return out, nil
}
