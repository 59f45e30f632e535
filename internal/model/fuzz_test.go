package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzRedisCommand: any command name and SET options classify without a panic;
// the result does not depend on the command's case or the spaces around it, nor on
// the order of SET's options; a known command's kind is a real kind, and NX (or an
// option known only at run time) among SET's options always makes it a claim.
func FuzzRedisCommand(f *testing.F) {
	for _, seed := range [][2]string{
		{"GET", ""}, {"set", "NX EX"}, {" Set ", "EX PX"}, {"SET", "xx"}, {"SET", "IFEQ"}, {"SET", "?"},
		{"hset", ""}, {"SETEX", ""}, {"EVALSHA", ""}, {"MULTI", ""}, {"sEtNx", ""}, {"GETDEL", ""},
		{"", ""}, {"\t\n", "nx"}, {"SET\x00", "NX"}, {"ß", ""}, {"İNCR", ""}, {"\xff", "\xff"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, name, options string) {
		opts := strings.Fields(options)
		c, ok := parseRedisCommand(name, opts)
		if !ok {
			if c != (redisCmd{}) {
				t.Fatalf("parseRedisCommand(%q) failed with a result: %+v", name, c)
			}
		} else if c.Kind <= Invalid || c.Name != strings.ToUpper(c.Name) || !strings.HasPrefix(c.Verb, c.Name) {
			t.Fatalf("parseRedisCommand(%q, %q) = %+v", name, opts, c)
		}
		for _, variant := range []string{strings.ToLower(name), strings.ToUpper(name), " \t" + name + "\n"} {
			if !isASCII(name) {
				break // Unicode case mapping can turn "ſet" into "SET": not the same text
			}
			if again, ok2 := parseRedisCommand(variant, opts); again != c || ok2 != ok {
				t.Fatalf("parseRedisCommand(%q) = %+v, but %q gives %+v", name, c, variant, again)
			}
		}
		reversed := slices.Clone(opts)
		slices.Reverse(reversed)
		if again, _ := parseRedisCommand(name, reversed); again != c {
			t.Fatalf("SET options in another order: %+v, then %+v", c, again)
		}
		if ok && c.Name == "SET" {
			for _, claim := range []string{"nx", unknownOption} {
				if again, _ := parseRedisCommand(name, append(slices.Clone(opts), claim)); again.Kind != Claim {
					t.Fatalf("SET %q with %s is %+v, want a claim", opts, claim, again)
				}
			}
		}
	})
}

// isASCII reports whether s is ASCII, whose case mapping keeps every letter.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzLayoutFinest: any layout classifies without a panic to one of the units it
// tries; literal text around it changes nothing, and two layouts printed side by
// side are as fine as the finer of the two (what coarsekey relies on when a key
// joins a date and an hour).
func FuzzLayoutFinest(f *testing.F) {
	for _, seed := range []string{
		time.RFC3339, time.RFC3339Nano, time.DateOnly, time.DateTime, time.Kitchen, time.Stamp, time.ANSIC,
		"2006-01-02T15", "20060102", "2006", "Jan", "January 2006", "Monday", "002", "__2", "_2", "15:04:05.000",
		"05,999", ".000", "PM", "pm", "MST", "Z07:00", "-0700", "no time here", "", "%Y-%m-%d", "\xff01",
	} {
		f.Add(seed)
	}
	units := []time.Duration{time.Nanosecond, time.Microsecond, time.Millisecond, time.Second, time.Minute,
		time.Hour, Day, Week, Month, Year}
	f.Fuzz(func(t *testing.T, layout string) {
		unit, ok := LayoutFinest(layout)
		if ok != slices.Contains(units, unit) || !ok && unit != 0 {
			t.Fatalf("LayoutFinest(%q) = %v, %v", layout, unit, ok)
		}
		// "|" is no part of any layout token, so it cannot join two into a third.
		if u, k := LayoutFinest("|" + layout + "|"); u != unit || k != ok {
			t.Fatalf("LayoutFinest(%q) = %v, %v; with literal text around it %v, %v", layout, unit, ok, u, k)
		}
		other := time.DateOnly
		if len(layout) > 1 {
			other = layout[len(layout)/2:]
		}
		ou, ook := LayoutFinest(other)
		want, wantOK := finer(unit, ok, ou, ook)
		if u, k := LayoutFinest(layout + "|" + other); u != want || k != wantOK {
			t.Fatalf("LayoutFinest(%q|%q) = %v, %v; want the finer of %v and %v", layout, other, u, k, unit, ou)
		}
	})
}

// finer returns the finer of two LayoutFinest results; a layout that prints no
// time is coarser than any.
func finer(a time.Duration, aok bool, b time.Duration, bok bool) (time.Duration, bool) {
	switch {
	case !aok:
		return b, bok
	case !bok:
		return a, aok
	}
	return min(a, b), true
}
