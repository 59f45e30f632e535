package model

// Facts about the standard library that the passes and engines need: which calls
// compare errors, read the clock, format a key, and which packages change nothing
// a duplicate delivery could double.

import (
	"go/types"
	"strings"
)

// standardLibrary holds the first path element of standard-library packages.
var standardLibrary = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`archive bufio bytes cmp compress container context crypto database debug
		embed encoding errors expvar flag fmt go hash html image index io iter log maps math mime net os path
		plugin reflect regexp runtime slices sort strconv strings sync syscall testing text time unicode unique
		unsafe weak`) {
		standardLibrary[p] = true
	}
}

// Inert reports a standard-library package whose calls change nothing outside the
// process (fmt, strings, encoding/json, ...): not net/http, whose calls are
// outbound requests.
func Inert(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return standardLibrary[first] && !strings.HasPrefix(path, "net/http")
}

// MatchesError reports errors.Is and errors.As: a branch on one asks which error a
// call returned ("was it there?"), not what it read.
func MatchesError(fn *types.Func) bool {
	return isFunc(fn, "errors", "Is") || isFunc(fn, "errors", "As")
}

// IsContext reports context.Context, which a helper takes first and never writes
// a read's value through.
func IsContext(t types.Type) bool { return isNamedExactly(t, "context", "Context") }

// Clock reports time.Now: a value stamped with it is a marker of when, not data.
func Clock(fn *types.Func) bool { return isFunc(fn, "time", "Now") }

// OnTime reports a method of time.Time with a value receiver (t.Unix(),
// t.Format(...)): its result is still the timestamp.
func OnTime(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && isNamedExactly(sig.Recv().Type(), "time", "Time")
}

// Format is how a standard-library call turns its arguments into key text.
type Format uint8

const (
	NoFormat Format = iota
	// FormatFirst: the text of the first argument (strconv.Itoa(n), strconv.Quote(s)).
	FormatFirst
	// FormatSprint: fmt.Sprint of one operand.
	FormatSprint
	// FormatSprintf: fmt.Sprintf(format, operands...).
	FormatSprintf
)

// Formatting returns how fn builds key text from its arguments.
func Formatting(fn *types.Func) Format {
	switch {
	case isFunc(fn, "strconv", "Itoa"), isFunc(fn, "strconv", "FormatInt"), isFunc(fn, "strconv", "FormatUint"), isFunc(fn, "strconv", "Quote"):
		return FormatFirst
	case isFunc(fn, "fmt", "Sprint"):
		return FormatSprint
	case isFunc(fn, "fmt", "Sprintf"):
		return FormatSprintf
	}
	return NoFormat
}

// isFunc reports whether fn is the package-level function pkg.name.
func isFunc(fn *types.Func, pkg, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || fn.Name() != name {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() == nil
}

// isNamed reports whether t, or what it points to, is the named type pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return isNamedExactly(t, pkg, name)
}

func isNamedExactly(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
