// Package sqlclass classifies SQL query strings cheaply, without a real
// parser: what a statement does, which table it touches and which argument
// carries each equality key, so that SELECT 1 FROM processed_events WHERE
// event_id = $1 and INSERT INTO processed_events (event_id) VALUES ($1) are
// seen to touch the same key. Only the first statement of a string counts.
package sqlclass

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Verb is what a statement does.
type Verb int

// The verbs Classify tells apart.
const (
	Other  Verb = iota // anything unrecognised
	Select             // SELECT
	Insert             // INSERT
	Update             // UPDATE
	Delete             // DELETE
	Upsert             // MERGE or REPLACE INTO
	// Define is CREATE ... IF NOT EXISTS (a table, an index, a schema): a second
	// run finds the object and leaves it as it is. A plain CREATE stays Other.
	Define
)

var verbNames = [...]string{"OTHER", "SELECT", "INSERT", "UPDATE", "DELETE", "UPSERT", "CREATE"}

// String returns the verb's SQL keyword ("SELECT", "INSERT", ...).
func (v Verb) String() string {
	if v >= 0 && int(v) < len(verbNames) {
		return verbNames[v]
	}
	return "Verb(" + strconv.Itoa(int(v)) + ")"
}

// Statement is what Classify learned about one SQL statement.
type Statement struct {
	Verb Verb
	// Table is the target table, lower-cased, schema-qualified as written
	// ("public.events"), quotes and backticks stripped; "" if unknown.
	Table string
	// Keys maps a column to the 0-based argument compared with it, so that a
	// check and a later write can be matched on their key: col = $N, $N = col
	// or col IN ($N) conjuncts of the WHERE of SELECT/UPDATE/DELETE (the ON
	// of MERGE); for INSERT the column list paired with the first VALUES row
	// (or the select list). A named parameter (:id, @id) is mapped to
	// NamedBase + its index in Names; nil if none.
	Keys map[string]int
	// Names are the named parameters in order of first use, so that a key
	// bound by name (sqlx NamedExec with a struct, pgx.NamedArgs) can be found.
	Names []string
	// SetArgs are the arguments an UPDATE assigns directly (SET col = $N):
	// the values a read-modify-write in Go may have computed.
	SetArgs []int
	// SelfRelative: an UPDATE computes a column from its own current value
	// (x = x + $1, x = x - 1, x = x || $1), atomic in the database rather
	// than a lost update. It is set if any assignment is; others may still
	// be direct (see SetArgs).
	SelfRelative bool
	// OnConflict: an atomic claim, so an earlier existence check is not a
	// race: INSERT ... ON CONFLICT / ON DUPLICATE KEY UPDATE, INSERT IGNORE,
	// INSERT OR IGNORE/REPLACE, INSERT ... SELECT ... WHERE NOT EXISTS, and
	// every Upsert.
	OnConflict bool
	// ClaimCols are the columns whose existing value makes an INSERT do
	// nothing: the conflict target of ON CONFLICT (col, ...) DO NOTHING. A
	// set-if-absent claim puts its key there; the other columns are payload.
	ClaimCols []string
	// ForUpdate: a locking read (FOR UPDATE, FOR NO KEY UPDATE, FOR [KEY]
	// SHARE, LOCK IN SHARE MODE) that serialises a check-then-act in a
	// transaction.
	ForUpdate bool
	// AdvisoryLock: pg_[try_]advisory_[xact_]lock[_shared]( or MySQL
	// GET_LOCK(: the code serialises itself on a lock of its choosing.
	AdvisoryLock bool
	// Conditional: an UPDATE or DELETE whose WHERE has more than one
	// top-level conjunct (AND status = 'pending', AND version = $3), a
	// compare-and-set that only one of two racing callers wins.
	Conditional bool
	// Guards counts the top-level WHERE conjuncts of an UPDATE or DELETE that
	// are not a key equality (col = $N, col IN ($N)): status = 'pending',
	// n >= $2, done_at IS NULL. WHERE sku = $1 AND warehouse = $2 has none:
	// a composite key, not a compare-and-set.
	Guards int
	// SetCols are the columns an UPDATE assigns, in order.
	SetCols []string
}

// Classify classifies the first statement of query. It never panics; what
// it does not recognise has Verb Other.
// NamedBase is where Keys values for named parameters start: Keys[col] -
// NamedBase indexes Names.
const NamedBase = 1 << 20

func Classify(query string) Statement {
	all, names := tokenize(query)
	toks := firstStatement(all)
	s := classify(toks)
	s.Names = names
	s.AdvisoryLock = advisoryRE.MatchString(words(toks))
	if len(s.Keys) == 0 {
		s.Keys = nil
	}
	return s
}

// verbs maps a statement's first word to its verb and classifier.
var verbs = map[string]struct {
	verb Verb
	fn   func([]token, *Statement)
}{
	"select": {Select, classifySelect}, "insert": {Insert, classifyInsert}, "replace": {Upsert, classifyInsert},
	"update": {Update, classifyUpdate}, "delete": {Delete, classifyDelete}, "merge": {Upsert, classifyMerge},
	"create": {Other, classifyCreate},
}

// createModifiers may come between CREATE and the kind of object it makes.
var createModifiers = []string{"unique", "temporary", "temp", "unlogged", "global", "local", "or", "replace"}

// classifyCreate makes CREATE [UNIQUE] TABLE|INDEX|... [CONCURRENTLY] IF NOT EXISTS
// name a Define of that name (for a table, its Table); without IF NOT EXISTS a
// second run fails, and the statement stays Other.
func classifyCreate(toks []token, s *Statement) {
	i := skipKw(toks, 1, createModifiers...)
	object := kw(at(toks, i))
	i = skipKw(toks, i+1, "concurrently")
	if object == "" || kw(at(toks, i)) != "if" || kw(at(toks, i+1)) != "not" || kw(at(toks, i+2)) != "exists" {
		return
	}
	s.Verb = Define
	if object == "table" {
		s.Table = tableAt(toks, i+3)
	}
}

func classify(toks []token) Statement {
	first := kw(at(toks, 0))
	if first == "with" {
		return classifyWith(toks)
	}
	s := Statement{Keys: map[string]int{}}
	if v, ok := verbs[first]; ok {
		s.Verb, s.OnConflict = v.verb, v.verb == Upsert
		s.ForUpdate = v.verb == Select && lockingRE.MatchString(words(toks))
		v.fn(toks, &s)
	}
	return s
}

// classifyWith classifies the statement after the CTEs, unless it only
// reads and a CTE writes: then the first writing CTE is the statement.
func classifyWith(toks []token) Statement {
	i := skipKw(toks, 1, "recursive")
	var ctes [][]token
	for ; i < len(toks); i++ { // at the CTE's name
		if i++; is(at(toks, i), "(") { // column list
			i = closeOf(toks, i) + 1
		}
		if i = skipKw(toks, i, "as", "not", "materialized"); !is(at(toks, i), "(") {
			return Statement{}
		}
		end := closeOf(toks, i)
		ctes = append(ctes, toks[i+1:end])
		if i = end + 1; !is(at(toks, i), ",") {
			break
		}
	}
	s := classify(tail(toks, i))
	for _, c := range ctes {
		if cs := classify(c); s.Verb <= Select && cs.Verb > Select {
			return cs
		}
	}
	return s
}

// classifySelect reads FROM and WHERE; a SELECT without a FROM of its own
// (SELECT EXISTS (SELECT ...)) is classified by its first nested SELECT.
func classifySelect(toks []token, s *Statement) {
	d, from := toks[0].depth, findKw(toks, toks[0].depth, "from")
	if from < 0 {
		if i := slices.IndexFunc(toks, func(t token) bool { return t.depth > d && kw(t) == "select" }); i > 0 {
			classifySelect(clause(toks[i:], toks[i].depth), s)
		}
		return
	}
	s.Table = tableAt(toks, from+1)
	whereKeys(whereClause(tail(toks, from+1), d), d, s.Keys)
}

var insertModifiers = []string{"ignore", "or", "replace", "abort", "fail", "rollback", "into",
	"low_priority", "delayed", "high_priority"}

func classifyInsert(toks []token, s *Statement) {
	d, i := toks[0].depth, 1
	for ; slices.Contains(insertModifiers, kw(at(toks, i))); i++ {
		s.OnConflict = s.OnConflict || kw(toks[i]) == "ignore" ||
			kw(toks[i]) == "or" && (kw(at(toks, i+1)) == "ignore" || kw(at(toks, i+1)) == "replace")
	}
	s.Table = tableAt(toks, i)
	_, n := parseName(tail(toks, i))
	if i += n; kw(at(toks, i)) == "as" { // INSERT INTO t AS alias
		i += 2
	}
	var cols []string
	if is(at(toks, i), "(") && kw(at(toks, i+1)) != "select" && kw(at(toks, i+1)) != "values" {
		end := closeOf(toks, i)
		for _, c := range splitTop(toks[i+1:end], d+1, ",") {
			name, _ := colOf(c)
			cols = append(cols, name)
		}
		i = end + 1
	}
	switch kw(at(toks, i)) {
	case "values", "value":
		if is(at(toks, i+1), "(") {
			pairKeys(cols, splitTop(toks[i+2:closeOf(toks, i+1)], d+1, ","), s.Keys)
		}
	case "select":
		pairKeys(cols, splitTop(clause(tail(toks, i+1), d, "from", "where", "union", "on"), d, ","), s.Keys)
	}
	s.OnConflict = s.OnConflict || conflictRE.MatchString(words(toks))
	s.ClaimCols = conflictTarget(toks, d)
}

// conflictTarget returns the columns of ON CONFLICT (a, b) DO NOTHING at depth
// d, or nil: DO UPDATE overwrites, and ON CONFLICT ON CONSTRAINT names no column.
func conflictTarget(toks []token, d int) []string {
	for i := range toks {
		if toks[i].depth != d || kw(toks[i]) != "on" || kw(at(toks, i+1)) != "conflict" || !is(at(toks, i+2), "(") {
			continue
		}
		end := closeOf(toks, i+2)
		if kw(at(toks, end+1)) != "do" || kw(at(toks, end+2)) != "nothing" {
			return nil
		}
		var cols []string
		for _, c := range splitTop(toks[i+3:end], d+1, ",") {
			name, ok := colOf(c)
			if !ok {
				return nil // an expression index: (lower(email))
			}
			cols = append(cols, name)
		}
		return cols
	}
	return nil
}

func classifyUpdate(toks []token, s *Statement) {
	d, i := toks[0].depth, skipKw(toks, 1, "only", "low_priority", "ignore")
	s.Table = tableAt(toks, i)
	set := findKw(tail(toks, i), d, "set")
	if set < 0 {
		return
	}
	body := tail(toks, i+set+1)
	for _, a := range splitTop(clause(body, d, "from", "where", "returning", "order", "limit"), d, ",") {
		eq := findPunct(a, d, "=")
		col, ok := colOf(a[:max(eq, 0)])
		if !ok {
			continue
		}
		s.SetCols = append(s.SetCols, col)
		if arg, ok := paramOf(a[eq+1:]); ok {
			s.SetArgs = append(s.SetArgs, arg)
		}
		s.SelfRelative = s.SelfRelative || mentions(a[eq+1:], col)
	}
	conditions(whereClause(body, d), d, s)
}

func classifyDelete(toks []token, s *Statement) {
	d, i := toks[0].depth, skipKw(toks, 1, "low_priority", "quick", "ignore", "from")
	s.Table = tableAt(toks, i)
	conditions(whereClause(tail(toks, i), d), d, s)
}

// conditions records the WHERE of an UPDATE or DELETE: its keys, whether it has
// more than one conjunct, and how many of them are not key equalities.
func conditions(cond []token, d int, s *Statement) {
	n := whereKeys(cond, d, s.Keys)
	s.Conditional = n > 1
	s.Guards = n - keyConjuncts(cond, d) - joinConjuncts(cond, d)
}

// joinConjuncts counts the top-level conjuncts of cond that join two tables
// (inventory.sku = r.sku in UPDATE ... FROM order_lines r): they pair rows, and
// test no state a racing delivery could change first.
func joinConjuncts(cond []token, d int) int {
	if len(cond) == 0 || findKw(cond, d, "or") >= 0 {
		return 0
	}
	n := 0
	for _, p := range conjuncts(cond, d) {
		if joins(p, d) {
			n++
		}
	}
	return n
}

// joins reports a conjunct a.x = b.y of columns of two different tables.
func joins(p []token, d int) bool {
	i := findPunct(p, d, "=")
	if i <= 0 {
		return false
	}
	lt, lok := qualifier(p[:i])
	rt, rok := qualifier(p[i+1:])
	return lok && rok && lt != rt
}

// qualifier returns t of a qualified column t.col (or schema.t.col: its table).
func qualifier(toks []token) (string, bool) {
	parts, n := parseName(toks)
	if n == 0 || n != len(toks) || len(parts) < 2 {
		return "", false
	}
	return parts[len(parts)-2], true
}

// keyConjuncts counts the top-level conjuncts of cond that are a key equality;
// with a top-level OR, none is.
func keyConjuncts(cond []token, d int) int {
	if len(cond) == 0 || findKw(cond, d, "or") >= 0 {
		return 0
	}
	n := 0
	for _, p := range conjuncts(cond, d) {
		if _, _, ok := keyOf(p, d); ok {
			n++
		}
	}
	return n
}

// classifyMerge takes the keys from the ON condition of MERGE INTO t USING.
func classifyMerge(toks []token, s *Statement) {
	d, i := toks[0].depth, skipKw(toks, 1, "into")
	s.Table = tableAt(toks, i)
	if u := findKw(toks, d, "using"); u >= 0 {
		if on := findKw(toks[u:], d, "on"); on >= 0 {
			whereKeys(clause(toks[u+on+1:], d, "when"), d, s.Keys)
		}
	}
}

// whereClause returns the condition of the first WHERE at depth d in toks.
func whereClause(toks []token, d int) []token {
	w := findKw(toks, d, "where")
	if w < 0 {
		return nil
	}
	return clause(toks[w+1:], d, "group", "order", "limit", "offset", "for", "union",
		"intersect", "except", "having", "window", "returning", "fetch", "lock")
}

// whereKeys records the key conjuncts of cond (at depth d) in keys and
// returns the number of top-level conjuncts; a top-level OR makes cond one
// conjunct without keys.
func whereKeys(cond []token, d int, keys map[string]int) int {
	if len(cond) == 0 {
		return 0
	} else if findKw(cond, d, "or") >= 0 {
		return 1
	}
	parts := conjuncts(cond, d)
	for _, p := range parts {
		addKey(p, d, keys)
	}
	return len(parts)
}

// conjuncts splits cond at its top-level ANDs (not the AND of BETWEEN x AND y).
func conjuncts(cond []token, d int) [][]token {
	var parts [][]token
	start, between := 0, false
	for i, t := range cond {
		if k := kw(t); t.depth == d && k == "between" {
			between = true
		} else if t.depth == d && k == "and" && !between {
			parts, start = append(parts, cond[start:i]), i+1
		} else if t.depth == d && k == "and" {
			between = false // BETWEEN x AND y
		}
	}
	return append(parts, cond[start:])
}

// addKey records p in keys if it is col = $N, $N = col or col IN ($N).
func addKey(p []token, d int, keys map[string]int) {
	if is(at(p, 0), "(") && closeOf(p, 0) == len(p)-1 {
		whereKeys(p[1:len(p)-1], d+1, keys)
		return
	}
	if col, arg, ok := keyOf(p, d); ok {
		keys[col] = arg
	}
}

// keyOf returns the column and argument of a conjunct col = $N, $N = col or
// col IN ($N).
func keyOf(p []token, d int) (string, int, bool) {
	lhs, rhs := p, []token(nil)
	if i := findPunct(p, d, "="); i > 0 {
		lhs, rhs = p[:i], p[i+1:]
	} else if i := findKw(p, d, "in"); i > 0 && is(at(p, i+1), "(") && closeOf(p, i+1) == len(p)-1 {
		lhs, rhs = p[:i], p[i+2:len(p)-1]
	}
	if _, ok := colOf(lhs); !ok {
		lhs, rhs = rhs, lhs
	}
	col, okc := colOf(lhs)
	arg, ok := paramOf(rhs)
	return col, arg, ok && okc
}

// pairKeys maps each named column to the placeholder at its position.
func pairKeys(cols []string, exprs [][]token, keys map[string]int) {
	for j := 0; j < len(cols) && j < len(exprs); j++ {
		e := exprs[j]
		if len(e) >= 2 && kw(e[len(e)-2]) == "as" { // SELECT $1 AS id
			e = e[:len(e)-2]
		}
		if arg, ok := paramOf(e); ok && cols[j] != "" {
			keys[cols[j]] = arg
		}
	}
}

// mentions reports whether expr refers to column col (not a call of col()).
func mentions(expr []token, col string) bool {
	for i, t := range expr {
		if isName(t) && t.text == col && !is(at(expr, i+1), "(") {
			return true
		}
	}
	return false
}

var (
	lockingRE  = regexp.MustCompile(` (for (no key )?update|for (key )?share|lock in share mode) `)
	advisoryRE = regexp.MustCompile(` (pg_(try_)?advisory_(xact_)?lock(_shared)?|get_lock) \( `)
	conflictRE = regexp.MustCompile(` (on conflict|on duplicate key|not exists) `)
)

// words spells toks as " w1 w2 ... " for the regexps above: words and
// punctuation as their text, anything else as "" (breaking a phrase).
func words(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tWord || t.kind == tPunct {
			b.WriteString(" " + t.text)
		} else {
			b.WriteString(" ")
		}
	}
	return b.String() + " "
}

// A token is a word, quoted identifier, literal, placeholder or punctuation.
// depth counts open parentheses; a "(" and its ")" have the outer depth.
type token struct {
	kind  tokKind
	text  string // lower-cased for words and identifiers; empty for literals
	arg   int    // a placeholder's argument index, -1 for named ones
	depth int
}

type tokKind uint8

const (
	tWord  tokKind = iota + 1 // the zero kind is at()'s "no token"
	tIdent                    // quoted identifier
	tLit                      // string or number
	tParam
	tPunct
)

// tokenRE matches one token at the start of the rest of a query; its last
// alternative matches any character, so tokenize always makes progress.
var tokenRE = regexp.MustCompile(`^(?s:\s+|--[^\n]*|/\*.*?(?:\*/|$)|'(?:[^'\\]|\\.|'')*'?|"[^"]*"?|` +
	"`[^`]*`?" + `|\$\d+|\$\w*\$|[:@]@?[\pL_][\pL\pN_$]*|[\pL_][\pL\pN_$]*|\d[\w.]*|::|\|\||[<>!=:]=|<>|.)`)

// tokenize splits q into tokens, dropping comments and literals' contents.
// ? placeholders are numbered left to right, unless q also uses $N ones:
// then ? is an operator (jsonb). A lexer: one flat case per token kind.
func tokenize(q string) (toks []token, names []string) {
	depth, nextQ, dollar := 0, 0, false
	for i := 0; i < len(q); {
		m := tokenRE.FindString(q[i:])
		if m == "" {
			m = q[i : i+1]
		}
		i += len(m)
		c, t := m[0], token{arg: -1, depth: depth}
		r, _ := utf8.DecodeRuneInString(m)
		switch {
		case c <= ' ' || strings.HasPrefix(m, "--") || strings.HasPrefix(m, "/*"):
			continue
		case c == '\'' || '0' <= c && c <= '9':
			t.kind = tLit
		case c == '"' || c == '`':
			t.kind, t.text = tIdent, strings.ToLower(strings.Trim(m, "\"`"))
		case c == '$' && len(m) > 1 && m[len(m)-1] == '$': // $tag$ ... $tag$
			t.kind = tLit
			i += strings.Index(q[i:]+m, m) + len(m) // past the closing tag, or the end
		case c == '$' && len(m) > 1:
			t.kind, t.text, dollar = tParam, m, true
			if n, err := strconv.Atoi(m[1:]); err == nil && n > 0 {
				t.arg = n - 1
			}
		case c == '?':
			t.kind, t.text, t.arg = tParam, m, nextQ
			nextQ++
		case (c == ':' || c == '@') && len(m) > 1 && m[1] != ':' && m[1] != '=':
			t.kind, t.text = tParam, m
			if m[1] != '@' { // @@session variables are not parameters
				name := strings.ToLower(m[1:])
				if j := slices.Index(names, name); j >= 0 {
					t.arg = NamedBase + j
				} else {
					t.arg, names = NamedBase+len(names), append(names, name)
				}
			}
		case unicode.IsLetter(r) || c == '_':
			t.kind, t.text = tWord, strings.ToLower(m)
		default:
			t.kind, t.text = tPunct, m
			if m == ")" {
				depth--
				t.depth = depth
			} else if m == "(" {
				depth++
			}
		}
		toks = append(toks, t)
	}
	for i := range toks {
		if dollar && toks[i].text == "?" {
			toks[i].kind = tPunct
		}
	}
	return toks, names
}

// firstStatement returns the tokens of the first non-empty statement.
func firstStatement(toks []token) []token {
	for _, s := range splitTop(toks, 0, ";") {
		if len(s) > 0 {
			return s
		}
	}
	return nil
}

func at(toks []token, i int) token {
	if i < 0 || i >= len(toks) {
		return token{}
	}
	return toks[i]
}

func tail(toks []token, i int) []token { return toks[min(i, len(toks)):] }
func is(t token, punct string) bool    { return t.kind == tPunct && t.text == punct }
func isName(t token) bool              { return t.kind == tWord || t.kind == tIdent }

func kw(t token) string {
	if t.kind != tWord {
		return ""
	}
	return t.text
}

func skipKw(toks []token, i int, words ...string) int {
	for i < len(toks) && slices.Contains(words, kw(toks[i])) {
		i++
	}
	return i
}

func findKw(toks []token, d int, word string) int {
	return slices.IndexFunc(toks, func(t token) bool { return t.depth == d && kw(t) == word })
}

func findPunct(toks []token, d int, punct string) int {
	return slices.IndexFunc(toks, func(t token) bool { return t.depth == d && is(t, punct) })
}

// closeOf returns the index of the ")" matching the "(" at i, or len(toks).
func closeOf(toks []token, i int) int {
	j := findPunct(tail(toks, i+1), toks[i].depth, ")")
	if j < 0 {
		return len(toks)
	}
	return i + 1 + j
}

// clause returns toks up to a stop word at depth d or the end of depth d.
func clause(toks []token, d int, stops ...string) []token {
	end := slices.IndexFunc(toks, func(t token) bool {
		return t.depth < d || t.depth == d && slices.Contains(stops, kw(t))
	})
	if end < 0 {
		return toks
	}
	return toks[:end]
}

func splitTop(toks []token, d int, punct string) (parts [][]token) {
	start := 0
	for i, t := range toks {
		if t.depth == d && is(t, punct) {
			parts, start = append(parts, toks[start:i]), i+1
		}
	}
	return append(parts, toks[start:])
}

// parseName reads a possibly qualified name (a.b.c): its parts and length.
func parseName(toks []token) (parts []string, n int) {
	for ; n < len(toks) && isName(toks[n]); n += 2 {
		parts = append(parts, toks[n].text)
		if !is(at(toks, n+1), ".") || !isName(at(toks, n+2)) {
			return parts, n + 1
		}
	}
	return parts, n
}

func tableAt(toks []token, i int) string {
	parts, _ := parseName(tail(toks, i))
	return strings.Join(parts, ".")
}

// colOf returns the column toks name if they are exactly a (qualified) name.
func colOf(toks []token) (string, bool) {
	parts, n := parseName(toks)
	if n == 0 || n != len(toks) {
		return "", false
	}
	return parts[len(parts)-1], true
}

// paramOf returns the argument index if toks are one positional
// placeholder, optionally cast ($1::uuid).
func paramOf(toks []token) (int, bool) {
	if at(toks, 0).kind != tParam || toks[0].arg < 0 || len(toks) > 1 && !is(toks[1], "::") {
		return -1, false
	}
	for _, t := range tail(toks, 2) {
		if t.kind == tParam || t.kind == tPunct && !strings.Contains("()[],.", t.text) {
			return -1, false
		}
	}
	return toks[0].arg, true
}
