package sqlclass

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type keys = map[string]int

var classifyCases = []struct {
	name  string
	query string
	want  Statement
}{
	// SELECT
	{"select key", `SELECT 1 FROM processed_events WHERE event_id=$1`,
		Statement{Verb: Select, Table: "processed_events", Keys: keys{"event_id": 0}}},
	{"select without where has no keys", `SELECT id, payload FROM events`,
		Statement{Verb: Select, Table: "events"}},
	{"select exists", `SELECT EXISTS(SELECT 1 FROM t WHERE id = $1)`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}}},
	{"select count two keys", `SELECT count(*) FROM t WHERE a = $1 AND b = $2`,
		Statement{Verb: Select, Table: "t", Keys: keys{"a": 0, "b": 1}}},
	{"qualified column and alias", `select 1 from processed_events e where e.event_id = $1`,
		Statement{Verb: Select, Table: "processed_events", Keys: keys{"event_id": 0}}},
	{"reversed comparison", `SELECT 1 FROM t WHERE $1 = id`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}}},
	{"greater-than is not a key", `SELECT * FROM t WHERE id > $1`,
		Statement{Verb: Select, Table: "t"}},
	{"literal comparison is not a key", `SELECT * FROM jobs WHERE status = 'pending' AND id = $1`,
		Statement{Verb: Select, Table: "jobs", Keys: keys{"id": 0}}},
	{"IN single placeholder", `SELECT 1 FROM t WHERE id IN ($1)`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}}},
	{"IN list is not a key", `SELECT 1 FROM t WHERE id IN ($1, $2)`,
		Statement{Verb: Select, Table: "t"}},
	{"top-level OR has no keys", `SELECT 1 FROM t WHERE a = $1 OR b = $2`,
		Statement{Verb: Select, Table: "t"}},
	{"parenthesised conjuncts", `SELECT 1 FROM t WHERE (a = $1 AND b = $2) AND c > 3`,
		Statement{Verb: Select, Table: "t", Keys: keys{"a": 0, "b": 1}}},
	{"between does not split", `SELECT 1 FROM t WHERE ts BETWEEN $1 AND $2 AND id = $3`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 2}}},
	{"question marks numbered", "SELECT 1 FROM `orders` WHERE tenant = ? AND order_id = ?",
		Statement{Verb: Select, Table: "orders", Keys: keys{"tenant": 0, "order_id": 1}}},
	{"named params mapped by name", `SELECT 1 FROM t WHERE id = :id AND k = @k`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": NamedBase, "k": NamedBase + 1}, Names: []string{"id", "k"}}},
	{"session variable is not a parameter", `SELECT 1 FROM t WHERE id = @@identity`,
		Statement{Verb: Select, Table: "t"}},
	{"cast placeholder", `SELECT 1 FROM t WHERE id = $1::uuid`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}}},
	{"schema and quotes", `SELECT 1 FROM "Public"."Events" WHERE "EventID" = $1`,
		Statement{Verb: Select, Table: "public.events", Keys: keys{"eventid": 0}}},
	{"for update", "select balance\nfrom accounts\nwhere id = $1\nfor update",
		Statement{Verb: Select, Table: "accounts", Keys: keys{"id": 0}, ForUpdate: true}},
	{"for no key update skip locked", `SELECT id FROM jobs WHERE id = $1 FOR NO KEY UPDATE SKIP LOCKED`,
		Statement{Verb: Select, Table: "jobs", Keys: keys{"id": 0}, ForUpdate: true}},
	{"for share", `SELECT 1 FROM t WHERE id = $1 FOR SHARE`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}, ForUpdate: true}},
	{"lock in share mode", `SELECT 1 FROM t WHERE id = ? LOCK IN SHARE MODE`,
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}, ForUpdate: true}},
	{"comments ignored", "SELECT 1 -- FOR UPDATE\nFROM t /* WHERE x = $9 FOR UPDATE */ WHERE id = $1",
		Statement{Verb: Select, Table: "t", Keys: keys{"id": 0}}},
	{"advisory xact lock", `SELECT pg_advisory_xact_lock($1)`,
		Statement{Verb: Select, AdvisoryLock: true}},
	{"try advisory lock", `SELECT pg_try_advisory_lock(hashtext($1))`,
		Statement{Verb: Select, AdvisoryLock: true}},
	{"advisory unlock is not a lock", `SELECT pg_advisory_unlock($1)`,
		Statement{Verb: Select}},
	{"mysql get_lock", `SELECT GET_LOCK(?, 10)`,
		Statement{Verb: Select, AdvisoryLock: true}},
	{"lock name in literal", `SELECT 'pg_advisory_lock(1)' FROM t`,
		Statement{Verb: Select, Table: "t"}},

	// INSERT
	{"insert key", `INSERT INTO processed_events(event_id) VALUES($1)`,
		Statement{Verb: Insert, Table: "processed_events", Keys: keys{"event_id": 0}}},
	{"insert multi-row", `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"a": 0, "b": 1}}},
	{"insert without column list", `INSERT INTO t VALUES ($1,$2)`,
		Statement{Verb: Insert, Table: "t"}},
	{"insert with function value", `INSERT INTO t (a, created_at) VALUES ($1, now())`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"a": 0}}},
	{"insert on conflict do nothing", `INSERT INTO public.events (id, body) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
		Statement{Verb: Insert, Table: "public.events", Keys: keys{"id": 0, "body": 1}, OnConflict: true, ClaimCols: []string{"id"}}},
	{"on conflict of two columns", `INSERT INTO claims (user_id, day, n) VALUES ($1, $2, $3) ON CONFLICT (user_id, day) DO NOTHING`,
		Statement{Verb: Insert, Table: "claims", Keys: keys{"user_id": 0, "day": 1, "n": 2}, OnConflict: true, ClaimCols: []string{"user_id", "day"}}},
	{"on conflict do update claims nothing", `INSERT INTO t (id, n) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET n = excluded.n`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0, "n": 1}, OnConflict: true}},
	{"on conflict on constraint", `INSERT INTO t (id) VALUES ($1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}, OnConflict: true}},
	{"on conflict of an expression", `INSERT INTO t (email) VALUES ($1) ON CONFLICT (lower(email)) DO NOTHING`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"email": 0}, OnConflict: true}},
	{"on conflict in literal ignored", `INSERT INTO notes (id, body) VALUES ($1, 'x ON CONFLICT DO NOTHING')`,
		Statement{Verb: Insert, Table: "notes", Keys: keys{"id": 0}}},
	{"on conflict in comment ignored", "INSERT INTO t (id) VALUES ($1) -- ON CONFLICT DO NOTHING",
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}}},
	{"on duplicate key update", "INSERT INTO `t` (`id`, n) VALUES (?, ?) ON DUPLICATE KEY UPDATE n = n + 1",
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0, "n": 1}, OnConflict: true}},
	{"insert ignore", `INSERT IGNORE INTO t (id) VALUES (?)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}, OnConflict: true}},
	{"insert or ignore", `insert or ignore into t (id) values (?)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}, OnConflict: true}},
	{"insert or replace", `INSERT OR REPLACE INTO t (id) VALUES (?)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}, OnConflict: true}},
	{"insert select where not exists", `INSERT INTO t (id, v) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = $1)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0, "v": 1}, OnConflict: true}},
	{"insert select from table", `INSERT INTO archive (id) SELECT id FROM events WHERE id = $1`,
		Statement{Verb: Insert, Table: "archive"}},
	{"insert returning", `INSERT INTO t (id) VALUES ($1) RETURNING id`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}}},
	{"insert named values", `INSERT INTO t (id, v) VALUES (:id, :v)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": NamedBase, "v": NamedBase + 1}, Names: []string{"id", "v"}}},
	{"named reuse", `INSERT INTO t (id, v) VALUES (:ID, :id)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": NamedBase, "v": NamedBase}, Names: []string{"id"}}},
	{"cte insert on conflict", `WITH ins AS (INSERT INTO claims (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key) SELECT count(*) FROM ins`,
		Statement{Verb: Insert, Table: "claims", Keys: keys{"key": 0}, OnConflict: true}},

	// UPDATE
	{"update set and key", `UPDATE t SET status = $1 WHERE id = $2`,
		Statement{Verb: Update, Table: "t", Keys: keys{"id": 1}, SetArgs: []int{0}, SetCols: []string{"status"}}},
	{"update self relative", `UPDATE accounts SET balance = balance + $1 WHERE id = $2`,
		Statement{Verb: Update, Table: "accounts", Keys: keys{"id": 1}, SelfRelative: true, SetCols: []string{"balance"}}},
	{"update self relative minus", `UPDATE stock SET qty = qty - 1, updated_at = now() WHERE sku = ?`,
		Statement{Verb: Update, Table: "stock", Keys: keys{"sku": 0}, SelfRelative: true, SetCols: []string{"qty", "updated_at"}}},
	{"update concat", `UPDATE t SET tags = tags || $1 WHERE id = $2`,
		Statement{Verb: Update, Table: "t", Keys: keys{"id": 1}, SelfRelative: true, SetCols: []string{"tags"}}},
	{"update computed from other column", `UPDATE t SET a = b + 1 WHERE id = $1`,
		Statement{Verb: Update, Table: "t", Keys: keys{"id": 0}, SetCols: []string{"a"}}},
	{"update conditional status", `UPDATE jobs SET status = 'done' WHERE id = $1 AND status = 'pending'`,
		Statement{Verb: Update, Table: "jobs", Keys: keys{"id": 0}, Conditional: true, SetCols: []string{"status"}, Guards: 1}},
	{"update optimistic version", `UPDATE docs SET body = $1, version = version + 1 WHERE id = $2 AND version = $3 RETURNING version`,
		Statement{Verb: Update, Table: "docs", Keys: keys{"id": 1, "version": 2}, SetArgs: []int{0},
			SelfRelative: true, Conditional: true, SetCols: []string{"body", "version"}}},
	{"update composite key", `UPDATE stock SET on_hand = on_hand + $1 WHERE sku = $2 AND warehouse = $3`,
		Statement{Verb: Update, Table: "stock", Keys: keys{"sku": 1, "warehouse": 2}, SelfRelative: true, Conditional: true,
			SetCols: []string{"on_hand"}}},
	{"update from with a join", `UPDATE inventory SET available = available + r.quantity FROM order_lines r WHERE r.order_id = $1 AND inventory.sku = r.sku`,
		Statement{Verb: Update, Table: "inventory", Keys: keys{"order_id": 0}, SelfRelative: true, Conditional: true,
			SetCols: []string{"available"}}},
	{"update from with a join and a state guard", `UPDATE inventory i SET available = available - r.quantity FROM order_lines r WHERE r.order_id = $1 AND i.sku = r.sku AND i.available >= r.quantity`,
		Statement{Verb: Update, Table: "inventory", Keys: keys{"order_id": 0}, SelfRelative: true, Conditional: true,
			SetCols: []string{"available"}, Guards: 1}},
	{"update comparing two columns of one table", `UPDATE t SET a = $1 WHERE t.id = $2 AND t.a = t.b`,
		Statement{Verb: Update, Table: "t", Keys: keys{"id": 1}, SetArgs: []int{0}, Conditional: true,
			SetCols: []string{"a"}, Guards: 1}},
	{"update without where", `UPDATE t SET a = ?, b = ?`,
		Statement{Verb: Update, Table: "t", SetArgs: []int{0, 1}, SetCols: []string{"a", "b"}}},
	{"update with alias and from", `UPDATE orders o SET paid = $1 FROM payments p WHERE o.id = $2`,
		Statement{Verb: Update, Table: "orders", Keys: keys{"id": 1}, SetArgs: []int{0}, SetCols: []string{"paid"}}},
	{"cte locking update", `WITH next AS (SELECT id FROM jobs WHERE state = 'new' LIMIT 1 FOR UPDATE SKIP LOCKED)
		UPDATE jobs SET state = $1 WHERE id = $2 RETURNING id`,
		Statement{Verb: Update, Table: "jobs", Keys: keys{"id": 1}, SetArgs: []int{0}, SetCols: []string{"state"}}},

	// DELETE
	{"delete by key", `DELETE FROM t WHERE id = ?`,
		Statement{Verb: Delete, Table: "t", Keys: keys{"id": 0}}},
	{"delete conditional returning", `delete from leases where key = $1 and owner = $2 returning key`,
		Statement{Verb: Delete, Table: "leases", Keys: keys{"key": 0, "owner": 1}, Conditional: true}},
	{"delete range is not a key", `DELETE FROM t WHERE created_at < $1`,
		Statement{Verb: Delete, Table: "t", Guards: 1}},

	// Upsert
	{"replace into", `REPLACE INTO t (id, v) VALUES (?, ?)`,
		Statement{Verb: Upsert, Table: "t", Keys: keys{"id": 0, "v": 1}, OnConflict: true}},
	{"merge into", `MERGE INTO accounts a USING (SELECT 1) s ON a.id = $1 WHEN MATCHED THEN UPDATE SET n = 1 WHEN NOT MATCHED THEN INSERT (id) VALUES ($1)`,
		Statement{Verb: Upsert, Table: "accounts", Keys: keys{"id": 0}, OnConflict: true}},

	// more edge cases
	{"cte then insert", `WITH x AS (SELECT $1 AS id) INSERT INTO t (id) SELECT id FROM x ON CONFLICT DO NOTHING`,
		Statement{Verb: Insert, Table: "t", OnConflict: true}},
	{"insert alias", `INSERT INTO t AS e (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET n = e.n + 1 RETURNING (xmax = 0)`,
		Statement{Verb: Insert, Table: "t", Keys: keys{"id": 0}, OnConflict: true}},
	{"any is not a key", `SELECT 1 FROM t WHERE id = ANY($1)`,
		Statement{Verb: Select, Table: "t"}},
	{"not in is not a key", `SELECT 1 FROM t WHERE id NOT IN ($1)`,
		Statement{Verb: Select, Table: "t"}},
	{"quoted keyword column", `SELECT 1 FROM t WHERE "order" = $1`,
		Statement{Verb: Select, Table: "t", Keys: keys{"order": 0}}},
	{"update is null conjunct", `UPDATE t SET a = $1::jsonb WHERE id = $2 AND deleted_at IS NULL`,
		Statement{Verb: Update, Table: "t", Keys: keys{"id": 1}, SetArgs: []int{0}, Conditional: true, SetCols: []string{"a"}, Guards: 1}},
	{"update coalesce self", `UPDATE t SET n = coalesce(n, 0) + 1 WHERE id = ?`,
		Statement{Verb: Update, Table: "t", Keys: keys{"id": 0}, SelfRelative: true, SetCols: []string{"n"}}},
	{"delete or is one conjunct", `DELETE FROM t WHERE id = $1 OR id = $2`,
		Statement{Verb: Delete, Table: "t", Guards: 1}},
	{"multi-line mysql", "UPDATE\n\t`db`.`jobs`\nSET state = ?\nWHERE id = ?\n  AND state = ?",
		Statement{Verb: Update, Table: "db.jobs", Keys: keys{"id": 1, "state": 2}, SetArgs: []int{0}, Conditional: true, SetCols: []string{"state"}}},

	// CREATE ... IF NOT EXISTS: repeatable definitions
	{"create table if not exists", `CREATE TABLE IF NOT EXISTS "watermill_orders" (offset SERIAL PRIMARY KEY, uuid VARCHAR(36) NOT NULL)`,
		Statement{Verb: Define, Table: "watermill_orders"}},
	{"create unique index if not exists", `create unique index if not exists events_id on events (id)`,
		Statement{Verb: Define}},
	{"create index concurrently if not exists", `CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)`,
		Statement{Verb: Define}},
	{"create table without if not exists", `CREATE TABLE orders (id BIGINT PRIMARY KEY)`, Statement{}},
	{"create index without if not exists", `CREATE INDEX i ON t (a)`, Statement{}},

	// Other
	{"empty", ``, Statement{}},
	{"only comment", `-- nothing here`, Statement{}},
	{"begin", `BEGIN`, Statement{}},
	{"set", `SET lock_timeout = '1s'`, Statement{}},
	{"first statement only", `; DELETE FROM t WHERE id = $1; INSERT INTO u (id) VALUES ($1)`,
		Statement{Verb: Delete, Table: "t", Keys: keys{"id": 0}}},
}

func TestClassify(t *testing.T) {
	require.GreaterOrEqual(t, len(classifyCases), 35)
	for _, tc := range classifyCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Classify(tc.query), "query: %s", tc.query)
		})
	}
}

func TestVerbString(t *testing.T) {
	want := map[Verb]string{Other: "OTHER", Select: "SELECT", Insert: "INSERT",
		Update: "UPDATE", Delete: "DELETE", Upsert: "UPSERT", Define: "CREATE", Verb(42): "Verb(42)"}
	for v, s := range want {
		assert.Equal(t, s, v.String())
	}
}

func TestTokenizeLiterals(t *testing.T) {
	for _, q := range []string{
		`INSERT INTO t (id) VALUES ($1) ON CONFLICT DO NOTHING`,
		`INSERT INTO t (id, s) VALUES ($1, 'it''s ok') ON CONFLICT DO NOTHING`,
		`INSERT INTO t (id, s) VALUES (?, 'it\'s ok') ON CONFLICT DO NOTHING`,
		`INSERT INTO t (id, s) VALUES ($1, $$ ) ; $$) ON CONFLICT DO NOTHING`,
		`INSERT INTO t (id, s) VALUES ($1, $q$ '" $q$) ON CONFLICT DO NOTHING`,
	} {
		s := Classify(q)
		assert.True(t, s.OnConflict, q)
		assert.Equal(t, keys{"id": 0}, s.Keys, q)
	}
}

func TestQuestionMarkIsOperatorWithDollarPlaceholders(t *testing.T) {
	s := Classify(`SELECT 1 FROM t WHERE data ? 'k' AND id = $1`)
	assert.Equal(t, keys{"id": 0}, s.Keys)
}

func FuzzClassify(f *testing.F) {
	for _, tc := range classifyCases {
		f.Add(tc.query)
	}
	for _, q := range []string{"(((", ")))", "WITH", "WITH x AS (", "INSERT INTO", "INSERT OR",
		"UPDATE t SET", "SELECT EXISTS(", "'unterminated", `"x`, "/* open", "$", "$a", "$$", "$9999999999999999999999",
		"MERGE INTO t USING", "DELETE", "insert into t (a) values (", "SELECT (SELECT (SELECT", "\xff\xfe"} {
		f.Add(q)
	}
	// Any text a program passes as a query classifies without a panic, to the same
	// result twice, with argument indexes that name an argument.
	f.Fuzz(func(t *testing.T, q string) {
		s := Classify(q)
		if again := Classify(q); again.Verb != s.Verb || again.Table != s.Table || len(again.Keys) != len(s.Keys) {
			t.Fatalf("Classify(%q) is not deterministic: %+v then %+v", q, s, again)
		}
		if s.Verb < 0 || int(s.Verb) >= len(verbNames) {
			t.Fatalf("Classify(%q): verb %d out of range", q, s.Verb)
		}
		for col, i := range s.Keys {
			if i < 0 || i >= NamedBase && i-NamedBase >= len(s.Names) {
				t.Fatalf("Classify(%q): key %q names argument %d (%d named)", q, col, i, len(s.Names))
			}
		}
		// SQL does not care how a query is laid out: more space between tokens
		// changes nothing (a newline would end a -- comment; inside quotes, in a
		// string or a quoted name, a space is text).
		if spaced := Classify(strings.ReplaceAll(q, " ", " \t ")); !strings.ContainsAny(q, "'\"`$") && !reflect.DeepEqual(spaced, s) {
			t.Fatalf("Classify(%q) = %+v, but with its spaces widened %+v", q, s, spaced)
		}
		// Keywords are case-insensitive: the verb of an ASCII query does not depend on case.
		if isASCII(q) {
			if upper := Classify(strings.ToUpper(q)); upper.Verb != s.Verb {
				t.Fatalf("Classify(%q) is a %v, upper-cased a %v", q, s.Verb, upper.Verb)
			}
		}
	})
}

// isASCII reports whether s is ASCII, whose case mapping keeps every letter (Unicode's
// can turn "ſelect" into "SELECT").
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
