package checkthenact_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/checkthenact"
)

// benchFuncs is the number of functions in the generated package.
const benchFuncs = 3000

// BenchmarkCheckThenAct runs the analyzer (through analysistest, so loading,
// type checking and SSA are included) on one generated package of benchFuncs
// functions: methods of a Store over the go-redis v9 stubs, their callers, and
// plain code. About one function in twenty is a check-then-act with a `// want`;
// the rest are clean twins, so analysistest also checks there is no extra finding.
//
//	go test ./passes/checkthenact -run '^$' -bench CheckThenAct -benchtime 3x
func BenchmarkCheckThenAct(b *testing.B) {
	stubs := filepath.Join(testtree.Dir(b), "src", "github.com", "redis", "go-redis", "v9")
	if _, err := os.Stat(filepath.Join(stubs, "commands.go")); err != nil {
		b.Skipf("go-redis v9 stubs not found: %v", err)
	}

	dir := b.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "src", "github.com", "redis", "go-redis", "v9"), os.DirFS(stubs)); err != nil {
		b.Fatal(err)
	}
	src := genPackage(benchFuncs)
	if err := os.MkdirAll(filepath.Join(dir, "src", "gen"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "gen", "gen.go"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}

	for b.Loop() {
		analysistest.Run(b, dir, checkthenact.Analyzer, "gen")
	}
	b.ReportMetric(float64(strings.Count(src, "\n")), "lines")
}

// genPackage returns the source of package gen with about n functions.
func genPackage(n int) string {
	var w strings.Builder
	w.WriteString(`// Code generated for BenchmarkCheckThenAct. DO NOT EDIT.

package gen

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct {
	rdb *redis.Client
	ttl time.Duration
}

func (s *Store) seen(ctx context.Context, id string) bool {
	return s.rdb.Exists(ctx, "evt:"+id).Val() > 0
}

func (s *Store) markSeen(ctx context.Context, id string) {
	s.rdb.Set(ctx, "evt:"+id, 1, s.ttl)
}

func (s *Store) claim(ctx context.Context, id string) bool {
	return s.rdb.SetNX(ctx, "evt:"+id, 1, s.ttl).Val()
}

func (s *Store) cached(ctx context.Context, key string) (string, bool) {
	v, err := s.rdb.Get(ctx, key).Result()
	return v, err == nil
}

func load(id string) string { return strings.Repeat(id, 2) }

func work(id string) int { return len(id) }
`)
	// Each case kind is a function (or method) of about 10 lines.
	lastPlain := -1
	for i := 0; i < n; i++ {
		switch i % 20 {
		case 0:
			// POSITIVE: Exists gates Set of the same key, directly.
			fmt.Fprintf(&w, `
func (s *Store) Handle%[1]d(ctx context.Context, id string) {
	if s.rdb.Exists(ctx, "job%[1]d:"+id).Val() > 0 {
		return
	}
	work(id)
	s.rdb.Set(ctx, "job%[1]d:"+id, 1, s.ttl) // want "not atomic"
}
`, i)
		case 1, 6, 11:
			// NEGATIVE: the write is SetNX, atomically claiming the key.
			fmt.Fprintf(&w, `
func (s *Store) Claim%[1]d(ctx context.Context, id string) bool {
	if s.rdb.Exists(ctx, "job%[1]d:"+id).Val() > 0 {
		return false
	}
	return s.rdb.SetNX(ctx, "job%[1]d:"+id, 1, s.ttl).Val()
}
`, i)
		case 2, 7, 12:
			// NEGATIVE: different keys.
			fmt.Fprintf(&w, `
func (s *Store) Copy%[1]d(ctx context.Context, id string) {
	if s.rdb.Exists(ctx, "src%[1]d:"+id).Val() == 0 {
		return
	}
	s.rdb.Set(ctx, "dst%[1]d:"+id, work(id), s.ttl)
}
`, i)
		case 3, 8, 13:
			// NEGATIVE: cache-aside; a miss loads and fills with a TTL.
			fmt.Fprintf(&w, `
func (s *Store) Profile%[1]d(ctx context.Context, id string) (string, error) {
	v, err := s.rdb.Get(ctx, "profile%[1]d:"+id).Result()
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	v = load(id)
	s.rdb.Set(ctx, "profile%[1]d:"+id, v, 10*time.Minute)
	return v, nil
}
`, i)
		case 4, 9, 14:
			// NEGATIVE: helper claim before the work.
			fmt.Fprintf(&w, `
func (s *Store) Once%[1]d(ctx context.Context, id string) int {
	if !s.claim(ctx, id+"-%[1]d") {
		return 0
	}
	return work(id)
}
`, i)
		case 5, 10, 15:
			// NEGATIVE: read only, through a helper.
			fmt.Fprintf(&w, `
func (s *Store) Lookup%[1]d(ctx context.Context, id string) int {
	if v, ok := s.cached(ctx, "k%[1]d:"+id); ok {
		return len(v)
	}
	return -1
}
`, i)
		default:
			// Plain code, calling an earlier plain function.
			prev := "work(a)"
			if lastPlain >= 0 {
				prev = fmt.Sprintf("plain%d(a, b-1)", lastPlain)
			}
			lastPlain = i
			fmt.Fprintf(&w, `
func plain%[1]d(a string, b int) int {
	if b <= 0 {
		return len(a)
	}
	total := 0
	for j := 0; j < b%%7; j++ {
		total += len(strconv.Itoa(j)) + %[2]s
	}
	return total
}
`, i, prev)
		}
	}
	return w.String()
}
