// Package sqlclass classifies SQL query strings cheaply and without a real
// parser: which verb a statement has, which table it touches, and which
// argument carries the key of each equality-compared column. That is enough
// for the analyzers to see that
//
//	SELECT 1 FROM processed_events WHERE event_id = $1
//	INSERT INTO processed_events (event_id) VALUES ($1)
//
// touch the same key (table processed_events, column event_id, argument 0).
// Only the first statement of a multi-statement string is classified.
package sqlclass

import (
	"slices"
	"strconv"
	"strings"
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
)

var verbNames = [...]string{"OTHER", "SELECT", "INSERT", "UPDATE", "DELETE", "UPSERT"}

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
	// Table is the main table, lower-cased, schema-qualified as written
	// ("public.events"), with quotes and backticks stripped; "" if unknown.
	Table string
	// Keys maps a column to the 0-based argument index compared with it, so
	// that a check and a later write can be matched on the same key: columns
	// compared with = (or IN with a single placeholder) in a top-level WHERE
	// conjunct for SELECT/UPDATE/DELETE (the ON condition for MERGE); for
	// INSERT the column list paired with the first VALUES tuple (or the
	// select list of INSERT ... SELECT). Named parameters are left out. Nil
	// when there are none.
	Keys map[string]int
	// SetArgs lists the argument indexes assigned directly (col = $N) in an
	// UPDATE's SET clause: the values a read-modify-write may have computed.
	SetArgs []int
	// SelfRelative reports an UPDATE whose SET computes a column from its own
	// current value (x = x + $1, x = x - 1, x = x || $1): the database does
	// the read and write atomically, so it is not a lost update.
	SelfRelative bool
	// OnConflict reports an atomic claim, which makes a preceding existence
	// check redundant rather than racy: INSERT ... ON CONFLICT, ON DUPLICATE
	// KEY UPDATE, INSERT IGNORE, INSERT OR IGNORE/REPLACE, INSERT ... SELECT
	// ... WHERE NOT EXISTS, and every Upsert.
	OnConflict bool
	// ForUpdate reports a locking read (FOR UPDATE, FOR NO KEY UPDATE, FOR
	// SHARE, FOR KEY SHARE, LOCK IN SHARE MODE): a check-then-act built on it
	// inside a transaction is serialised.
	ForUpdate bool
	// AdvisoryLock reports a call of pg_advisory_lock, pg_advisory_xact_lock,
	// their pg_try_ and _shared forms, or MySQL GET_LOCK: the code serialises
	// itself on a lock of its own choosing.
	AdvisoryLock bool
	// Conditional reports an UPDATE or DELETE whose WHERE has more than one
	// top-level conjunct (AND status = 'pending', AND version = $3): a
	// compare-and-set that only one of two racing callers wins.
	Conditional bool
	// Returning reports a RETURNING clause: the caller can tell from the rows
	// returned whether its write took effect.
	Returning bool
}

// Classify classifies the first statement of query. It never panics;
// anything it does not recognise has Verb Other.
func Classify(query string) Statement {
	toks := firstStatement(tokenize(query))
	s := classify(toks)
	s.AdvisoryLock = hasAdvisoryLock(toks)
	if len(s.Keys) == 0 {
		s.Keys = nil
	}
	return s
}

func classify(toks []token) Statement {
	s := Statement{Keys: map[string]int{}}
	if len(toks) == 0 {
		return s
	}
	switch kw(toks[0]) {
	case "with":
		return classifyWith(toks)
	case "select":
		s.Verb, s.ForUpdate = Select, hasLockingClause(toks)
		classifySelect(toks, &s)
	case "insert":
		s.Verb = Insert
		classifyInsert(toks, &s)
	case "replace":
		s.Verb, s.OnConflict = Upsert, true
		classifyInsert(toks, &s)
	case "update":
		s.Verb = Update
		classifyUpdate(toks, &s)
	case "delete":
		s.Verb = Delete
		classifyDelete(toks, &s)
	case "merge":
		s.Verb, s.OnConflict = Upsert, true
		classifyMerge(toks, &s)
	default:
		return s
	}
	s.Returning = findKw(toks, toks[0].depth, "returning") >= 0
	return s
}

// classifyWith classifies the main statement after the CTEs, unless it only
// reads and a CTE writes: then the first writing CTE is the statement.
func classifyWith(toks []token) Statement {
	main, ctes := splitWith(toks)
	s := classify(main)
	if s.Verb != Select && s.Verb != Other {
		return s
	}
	for _, c := range ctes {
		if cs := classify(c); cs.Verb != Select && cs.Verb != Other {
			return cs
		}
	}
	return s
}

func splitWith(toks []token) (main []token, ctes [][]token) {
	i := skipKw(toks, 1, "recursive")
	for i < len(toks) {
		i++ // the CTE's name
		if is(at(toks, i), "(") {
			i = closeOf(toks, i) + 1
		}
		if kw(at(toks, i)) != "as" {
			return nil, ctes
		}
		i = skipKw(toks, i+1, "not", "materialized")
		if !is(at(toks, i), "(") {
			return nil, ctes
		}
		end := closeOf(toks, i)
		ctes = append(ctes, toks[i+1:end])
		i = end + 1
		if !is(at(toks, i), ",") {
			break
		}
		i++
	}
	return tail(toks, i), ctes
}

// classifySelect reads FROM and WHERE; a SELECT without a FROM of its own
// (SELECT EXISTS (SELECT ...)) is classified by its first nested SELECT.
func classifySelect(toks []token, s *Statement) {
	d := toks[0].depth
	from := findKw(toks, d, "from")
	if from < 0 {
		for i, t := range toks {
			if t.depth > d && kw(t) == "select" {
				classifySelect(toks[i:groupEnd(toks, i)], s)
				return
			}
		}
		return
	}
	rest := toks[from+1:]
	parts, _ := parseName(rest)
	s.Table = strings.Join(parts, ".")
	whereKeys(whereClause(rest, d), d, s.Keys)
}

func classifyInsert(toks []token, s *Statement) {
	d, i := toks[0].depth, 1
modifiers:
	for ; i < len(toks); i++ {
		switch kw(toks[i]) {
		case "ignore":
			s.OnConflict = true
		case "or":
			k := kw(at(toks, i+1))
			s.OnConflict = s.OnConflict || k == "ignore" || k == "replace"
			i++
		case "low_priority", "delayed", "high_priority", "into":
		default:
			break modifiers
		}
	}
	parts, n := parseName(tail(toks, i))
	s.Table = strings.Join(parts, ".")
	i += n
	if kw(at(toks, i)) == "as" {
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
		body := tail(toks, i+1)
		pairKeys(cols, splitTop(clause(body, d, "from", "where", "union", "on"), d, ","), s.Keys)
		s.OnConflict = s.OnConflict || hasSeq(body, -1, "not", "exists")
	case "set": // MySQL INSERT INTO t SET a = ?
		eachAssignment(clause(tail(toks, i+1), d, "on"), d, func(col string, rhs []token) {
			if a, ok := paramOf(rhs); ok {
				s.Keys[col] = a
			}
		})
	}
	s.OnConflict = s.OnConflict || hasSeq(toks, d, "on", "conflict") || hasSeq(toks, d, "on", "duplicate")
}

func classifyUpdate(toks []token, s *Statement) {
	d := toks[0].depth
	i := skipKw(toks, 1, "only", "low_priority", "ignore")
	parts, _ := parseName(tail(toks, i))
	s.Table = strings.Join(parts, ".")
	set := findKw(tail(toks, i), d, "set")
	if set < 0 {
		return
	}
	body := tail(toks, i+set+1)
	setList := clause(body, d, "from", "where", "returning", "order", "limit")
	eachAssignment(setList, d, func(col string, rhs []token) {
		if a, ok := paramOf(rhs); ok {
			s.SetArgs = append(s.SetArgs, a)
		}
		s.SelfRelative = s.SelfRelative || mentions(rhs, col)
	})
	s.Conditional = whereKeys(whereClause(body, d), d, s.Keys) > 1
}

func classifyDelete(toks []token, s *Statement) {
	d := toks[0].depth
	i := skipKw(toks, 1, "low_priority", "quick", "ignore", "from")
	parts, n := parseName(tail(toks, i))
	s.Table = strings.Join(parts, ".")
	s.Conditional = whereKeys(whereClause(tail(toks, i+n), d), d, s.Keys) > 1
}

// classifyMerge takes its keys from the ON condition of MERGE INTO t USING.
func classifyMerge(toks []token, s *Statement) {
	d := toks[0].depth
	rest := tail(toks, skipKw(toks, 1, "into"))
	parts, _ := parseName(rest)
	s.Table = strings.Join(parts, ".")
	if u := findKw(rest, d, "using"); u >= 0 {
		if on := findKw(rest[u:], d, "on"); on >= 0 {
			whereKeys(clause(rest[u+on+1:], d, "when"), d, s.Keys)
		}
	}
}

var whereStops = []string{"group", "order", "limit", "offset", "for", "union", "intersect",
	"except", "having", "window", "returning", "fetch", "lock"}

// whereClause returns the condition of the first WHERE at depth d in toks.
func whereClause(toks []token, d int) []token {
	w := findKw(toks, d, "where")
	if w < 0 {
		return nil
	}
	return clause(toks[w+1:], d, whereStops...)
}

// whereKeys records the col = $N conjuncts of cond (at depth d) in keys and
// returns how many top-level conjuncts cond has; a top-level OR makes the
// whole condition one conjunct with no keys.
func whereKeys(cond []token, d int, keys map[string]int) int {
	if len(cond) == 0 {
		return 0
	}
	if findKw(cond, d, "or") >= 0 {
		return 1
	}
	parts := splitConjuncts(cond, d)
	for _, p := range parts {
		addEquality(p, d, keys)
	}
	return len(parts)
}

func splitConjuncts(toks []token, d int) [][]token {
	var parts [][]token
	start, between := 0, false
	for i, t := range toks {
		if t.depth != d {
			continue
		}
		switch kw(t) {
		case "between":
			between = true
		case "and":
			if between { // BETWEEN x AND y
				between = false
				continue
			}
			parts = append(parts, toks[start:i])
			start = i + 1
		}
	}
	return append(parts, toks[start:])
}

// addEquality records p in keys if it is col = $N, $N = col or col IN ($N).
func addEquality(p []token, d int, keys map[string]int) {
	if len(p) >= 2 && is(p[0], "(") && closeOf(p, 0) == len(p)-1 {
		whereKeys(p[1:len(p)-1], d+1, keys)
		return
	}
	if i := indexPunct(p, d, "="); i > 0 {
		lhs, rhs := p[:i], p[i+1:]
		if _, ok := colOf(lhs); !ok {
			lhs, rhs = rhs, lhs
		}
		c, okc := colOf(lhs)
		a, oka := paramOf(rhs)
		if okc && oka {
			keys[c] = a
		}
		return
	}
	if i := findKw(p, d, "in"); i > 0 && is(at(p, i+1), "(") && closeOf(p, i+1) == len(p)-1 {
		c, okc := colOf(p[:i])
		a, oka := paramOf(p[i+2 : len(p)-1])
		if okc && oka {
			keys[c] = a
		}
	}
}

// pairKeys maps each named column to the placeholder at its position.
func pairKeys(cols []string, exprs [][]token, keys map[string]int) {
	for j := 0; j < len(cols) && j < len(exprs); j++ {
		e := exprs[j]
		if len(e) >= 2 && kw(e[len(e)-2]) == "as" { // SELECT $1 AS id
			e = e[:len(e)-2]
		}
		if a, ok := paramOf(e); ok && cols[j] != "" {
			keys[cols[j]] = a
		}
	}
}

// eachAssignment calls fn for each col = expr of a SET list at depth d.
func eachAssignment(list []token, d int, fn func(col string, rhs []token)) {
	for _, a := range splitTop(list, d, ",") {
		if eq := indexPunct(a, d, "="); eq > 0 {
			if col, ok := colOf(a[:eq]); ok {
				fn(col, a[eq+1:])
			}
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

func hasLockingClause(toks []token) bool {
	return hasSeq(toks, -1, "for", "update") || hasSeq(toks, -1, "for", "share") ||
		hasSeq(toks, -1, "for", "no", "key", "update") || hasSeq(toks, -1, "for", "key", "share") ||
		hasSeq(toks, -1, "lock", "in", "share", "mode")
}

func hasAdvisoryLock(toks []token) bool {
	for i, t := range toks {
		name := kw(t)
		if rest, ok := strings.CutPrefix(name, "pg_try_"); ok {
			name = "pg_" + rest
		}
		name = strings.TrimSuffix(name, "_shared")
		if (name == "pg_advisory_lock" || name == "pg_advisory_xact_lock" || name == "get_lock") &&
			is(at(toks, i+1), "(") {
			return true
		}
	}
	return false
}

// A token is a word, quoted identifier, string literal, number, placeholder
// or punctuation; depth is the parenthesis depth, the same for a "(" and its
// ")" as for the tokens around them.
type token struct {
	kind  tokKind
	text  string // lower-cased for words and identifiers
	arg   int    // placeholder's argument index, -1 for named ones
	depth int
}

type tokKind uint8

const (
	tNone tokKind = iota
	tWord
	tIdent // quoted identifier
	tString
	tNumber
	tParam
	tPunct
)

var operators = []string{"::", "||", "<=", ">=", "<>", "!=", "==", ":="}

// tokenize splits q into tokens, dropping comments and the contents of
// string literals. ? placeholders are numbered left to right, unless the
// query uses $N ones, when ? is an operator (jsonb ?).
func tokenize(q string) []token {
	var toks []token
	depth, nextQ, dollar := 0, 0, false
	emit := func(k tokKind, text string, arg int) {
		if k == tPunct && text == ")" {
			depth--
		}
		toks = append(toks, token{kind: k, text: text, arg: arg, depth: depth})
		if k == tPunct && text == "(" {
			depth++
		}
	}
	for i := 0; i < len(q); {
		c, j := q[i], i+1
		switch {
		case c <= ' ':
		case strings.HasPrefix(q[i:], "--"):
			j = skipPast(q, i, "\n")
		case strings.HasPrefix(q[i:], "/*"):
			j = skipPast(q, i+2, "*/")
		case c == '\'':
			j = skipQuoted(q, i)
			emit(tString, "", -1)
		case c == '"' || c == '`':
			j = skipPast(q, i+1, string(c))
			emit(tIdent, strings.ToLower(strings.TrimSuffix(q[i+1:j], string(c))), -1)
		case c == '$' && j < len(q) && isDigit(q[j]):
			j = scan(q, j, isDigit)
			n, err := strconv.Atoi(q[i+1 : j])
			if err != nil || n < 1 {
				n = 0
			}
			emit(tParam, q[i:j], n-1)
			dollar = true
		case c == '$' && dollarTag(q[i:]) != "":
			tag := dollarTag(q[i:])
			j = skipPast(q, i+len(tag), tag)
			emit(tString, "", -1)
		case c == '?':
			emit(tParam, "?", nextQ)
			nextQ++
		case isIdentStart(c):
			j = scan(q, i, isIdentChar)
			emit(tWord, strings.ToLower(q[i:j]), -1)
		case isDigit(c):
			j = scan(q, i, func(b byte) bool { return isIdentChar(b) || b == '.' })
			emit(tNumber, q[i:j], -1)
		case anyPrefix(q[i:], operators) != "":
			op := anyPrefix(q[i:], operators)
			j = i + len(op)
			emit(tPunct, op, -1)
		case (c == ':' || c == '@') && j < len(q) && (isIdentStart(q[j]) || q[j] == '@'):
			j = scan(q, j, func(b byte) bool { return isIdentChar(b) || b == '@' })
			emit(tParam, q[i:j], -1)
		default:
			emit(tPunct, q[i:j], -1)
		}
		i = j
	}
	if dollar {
		for i := range toks {
			if toks[i].text == "?" {
				toks[i].kind = tPunct
			}
		}
	}
	return toks
}

func isDigit(b byte) bool      { return '0' <= b && b <= '9' }
func isIdentStart(b byte) bool { return b == '_' || b >= 0x80 || 'a' <= b|0x20 && b|0x20 <= 'z' }
func isIdentChar(b byte) bool  { return isIdentStart(b) || isDigit(b) || b == '$' }

func scan(q string, i int, ok func(byte) bool) int {
	for i < len(q) && ok(q[i]) {
		i++
	}
	return i
}

// skipPast returns the index just past the first end at or after i, or len(q).
func skipPast(q string, i int, end string) int {
	if k := strings.Index(q[i:], end); k >= 0 {
		return i + k + len(end)
	}
	return len(q)
}

// skipQuoted skips the '...' literal at i, with ” and backslash escapes.
func skipQuoted(q string, i int) int {
	for j := i + 1; j < len(q); j++ {
		switch {
		case q[j] == '\\':
			j++
		case q[j] == '\'' && j+1 < len(q) && q[j+1] == '\'':
			j++
		case q[j] == '\'':
			return j + 1
		}
	}
	return len(q)
}

// dollarTag returns the $tag$ opening a dollar-quoted string at s, or "".
func dollarTag(s string) string {
	j := scan(s, 1, func(b byte) bool { return b != '$' && isIdentChar(b) })
	if j < len(s) && s[j] == '$' {
		return s[:j+1]
	}
	return ""
}

func anyPrefix(s string, list []string) string {
	for _, p := range list {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

// firstStatement returns the tokens of the first non-empty statement.
func firstStatement(toks []token) []token {
	for len(toks) > 0 {
		end := len(toks)
		for i, t := range toks {
			if is(t, ";") {
				end = i
				break
			}
		}
		if end > 0 {
			return toks[:end]
		}
		toks = toks[1:]
	}
	return nil
}

func at(toks []token, i int) token {
	if i < 0 || i >= len(toks) {
		return token{}
	}
	return toks[i]
}

func tail(toks []token, i int) []token {
	if i >= len(toks) {
		return nil
	}
	return toks[i:]
}

func kw(t token) string {
	if t.kind == tWord {
		return t.text
	}
	return ""
}

func is(t token, punct string) bool { return t.kind == tPunct && t.text == punct }
func isName(t token) bool           { return t.kind == tWord || t.kind == tIdent }

func skipKw(toks []token, i int, words ...string) int {
	for i < len(toks) && slices.Contains(words, kw(toks[i])) {
		i++
	}
	return i
}

func findKw(toks []token, d int, word string) int {
	for i, t := range toks {
		if t.depth == d && kw(t) == word {
			return i
		}
	}
	return -1
}

func indexPunct(toks []token, d int, punct string) int {
	for i, t := range toks {
		if t.depth == d && is(t, punct) {
			return i
		}
	}
	return -1
}

// hasSeq reports whether words occur in a row in toks, starting at depth d
// (any depth if d < 0).
func hasSeq(toks []token, d int, words ...string) bool {
	for i := range toks {
		if d >= 0 && toks[i].depth != d {
			continue
		}
		k := 0
		for k < len(words) && kw(at(toks, i+k)) == words[k] {
			k++
		}
		if k == len(words) {
			return true
		}
	}
	return false
}

// closeOf returns the index of the ")" matching the "(" at i, or len(toks).
func closeOf(toks []token, i int) int {
	for j := i + 1; j < len(toks); j++ {
		if is(toks[j], ")") && toks[j].depth == toks[i].depth {
			return j
		}
	}
	return len(toks)
}

// groupEnd returns the index of the first token after i shallower than it.
func groupEnd(toks []token, i int) int {
	for j := i; j < len(toks); j++ {
		if toks[j].depth < toks[i].depth {
			return j
		}
	}
	return len(toks)
}

// clause returns toks up to a stop word at depth d or the end of depth d.
func clause(toks []token, d int, stops ...string) []token {
	for i, t := range toks {
		if t.depth < d || t.depth == d && slices.Contains(stops, kw(t)) {
			return toks[:i]
		}
	}
	return toks
}

func splitTop(toks []token, d int, punct string) [][]token {
	var parts [][]token
	start := 0
	for i, t := range toks {
		if t.depth == d && is(t, punct) {
			parts = append(parts, toks[start:i])
			start = i + 1
		}
	}
	return append(parts, toks[start:])
}

// parseName reads a possibly qualified name (a.b.c) and returns its
// lower-cased parts and the number of tokens it took.
func parseName(toks []token) (parts []string, n int) {
	for n < len(toks) && isName(toks[n]) {
		parts = append(parts, toks[n].text)
		if !is(at(toks, n+1), ".") || !isName(at(toks, n+2)) {
			return parts, n + 1
		}
		n += 2
	}
	return parts, n
}

// colOf returns the column named by toks if they are exactly a column name.
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
	if len(toks) == 0 || toks[0].kind != tParam || toks[0].arg < 0 {
		return -1, false
	}
	if len(toks) > 1 && !is(toks[1], "::") {
		return -1, false
	}
	for _, t := range tail(toks, 2) {
		if t.kind == tParam || t.kind == tPunct && !slices.Contains([]string{"(", ")", "[", "]", ",", "."}, t.text) {
			return -1, false
		}
	}
	return toks[0].arg, true
}
