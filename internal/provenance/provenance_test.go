package provenance

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/idemlint/idemlint/internal/model"
)

// src has one function per case; each passes its key to use.
const src = `package p

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

func use(key string) {}

type Event struct{ ID, UserID string }

func concat(userID string) { use("idem:" + userID + time.Now().Format("2006-01-02")) }

func sprintf(evt *Event) { use(fmt.Sprintf("%s:%s", evt.UserID, evt.ID)) }

func join(tenantID string) { use(strings.Join([]string{tenantID, time.Now().Format("2006010215")}, ":")) }

func hashed(accountID string, now time.Time) {
	sum := sha256.Sum256([]byte(accountID + now.Format(time.DateOnly)))
	use(hex.EncodeToString(sum[:]))
}

func unixBucket(userID string) { use(fmt.Sprint(userID, time.Now().Unix()/60)) }

func nano(userID string) { use(userID + fmt.Sprint(time.Now().UnixNano())) }

func eventTime(evt *Event, at time.Time) { use(evt.UserID + at.Format(time.RFC3339)) }

func dayKey(userID string) string { return "idem:" + userID + ":" + time.Now().Format("2006-01-02") }

func viaHelper(evt *Event) { use(dayKey(evt.UserID)) }

func param(key string) { use("idem:" + key) }

// recursive builds its key through itself: the walk must end.
func recursive(n int, s string) string {
	if n == 0 {
		return s
	}
	return recursive(n-1, s+"x")
}

func viaRecursive(userID string) { use(recursive(3, userID)) }

func eventField(evt *Event) { use("idem:" + evt.ID) }

func phi(userID, orderID string, flag bool) {
	k := userID
	if flag {
		k = orderID
	}
	use(k + time.Now().Format("2006-01-02"))
}
`

// buildSrc returns the SSA of src and an engine over it.
func buildSrc(t *testing.T) (*ssa.Package, *Engine) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	require.NoError(t, err)
	return pkg, NewEngine(NewNames([]*ast.File{f}), nil)
}

// keyOf returns what the key passed to use in fn is made of.
func keyOf(t *testing.T, pkg *ssa.Package, e *Engine, fn string) *Origin {
	f := pkg.Func(fn)
	require.NotNil(t, f, fn)
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && call.Call.StaticCallee() == pkg.Func("use") {
				return e.Of(call.Call.Args[0])
			}
		}
	}
	t.Fatalf("%s does not call use", fn)
	return nil
}

func TestEngine(t *testing.T) {
	pkg, e := buildSrc(t)
	for _, tc := range []struct {
		fn        string
		coarse    bool
		parts     []model.Part
		describe  string
		undecided bool
	}{
		{fn: "concat", coarse: true, parts: []model.Part{model.ActorPart, model.ClockPart}, describe: "the user id and the calendar day"},
		{fn: "sprintf", parts: []model.Part{model.ActorPart, model.OperationPart}},
		{fn: "join", coarse: true, parts: []model.Part{model.ActorPart, model.ClockPart}, describe: "the tenant id and the hour"},
		{fn: "hashed", coarse: true, parts: []model.Part{model.ActorPart, model.ClockPart}, describe: "the account id and the calendar day"},
		{fn: "unixBucket", coarse: true, parts: []model.Part{model.ActorPart, model.ClockPart}, describe: "the user id and the minute"},
		{fn: "nano", parts: []model.Part{model.ActorPart, model.FreshPart}},
		{fn: "eventTime", parts: []model.Part{model.ActorPart, model.UnknownPart}},
		{fn: "viaHelper", coarse: true, parts: []model.Part{model.ActorPart, model.ClockPart}},
		{fn: "param", parts: []model.Part{model.UnknownPart}, undecided: true},
		{fn: "viaRecursive", parts: []model.Part{model.ActorPart, model.UnknownPart}},
		// orderID is a parameter: its name says what phi expects, its callers what it gets.
		{fn: "phi", parts: []model.Part{model.ActorPart, model.UnknownPart, model.ClockPart}, undecided: true},
		{fn: "eventField", parts: []model.Part{model.OperationPart}},
	} {
		o := keyOf(t, pkg, e, tc.fn)
		assert.Equal(t, tc.coarse, o.Coarse(), tc.fn)
		var parts []model.Part
		for p := range o.Parts() {
			parts = append(parts, p)
		}
		assert.ElementsMatch(t, tc.parts, parts, tc.fn)
		assert.Equal(t, tc.undecided, o.Undecided(), tc.fn)
		if tc.describe != "" {
			assert.Equal(t, tc.describe, o.Describe(), tc.fn)
		}
	}
}

func TestEngineText(t *testing.T) {
	pkg, e := buildSrc(t)
	assert.Equal(t, `"idem:"+userID+time.Now().Format("2006-01-02")`, keyOf(t, pkg, e, "concat").Text)
	assert.Equal(t, `dayKey(evt.UserID)`, keyOf(t, pkg, e, "viaHelper").Text)
}

func TestHelperSummary(t *testing.T) {
	pkg, e := buildSrc(t)
	r := e.Result(pkg.Func("dayKey"))
	require.NotNil(t, r)
	assert.True(t, r.Coarse)
	assert.Equal(t, `"idem:"+userID+":"+time.Now().Format("2006-01-02")`, r.Text)
	var clock time.Duration
	for _, l := range r.Leaves {
		if l.Part == model.ClockPart {
			clock = l.Unit
		}
	}
	assert.Equal(t, model.Day, clock)
	assert.Nil(t, e.Result(pkg.Func("use")), "a func without a result has no summary")
}
