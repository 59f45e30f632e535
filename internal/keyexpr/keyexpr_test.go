package keyexpr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func lit(s string) *Key             { return &Key{Op: Lit, Lit: s} }
func param(n int, name string) *Key { return &Key{Op: Param, N: n, Lit: name} }

func TestMakeConcatFlattensAndMerges(t *testing.T) {
	id := param(1, "id")
	a := MakeConcat(lit("evt"), MakeConcat(lit(":"), id))
	b := MakeConcat(lit("evt:"), id)
	assert.Equal(t, b.Canon(), a.Canon())
	assert.Equal(t, `"evt:"+id`, a.String())
	assert.Equal(t, lit("x").Canon(), MakeConcat(lit(""), lit("x"), lit("")).Canon())
}

func TestCanonIgnoresNamesButNotPositions(t *testing.T) {
	assert.Equal(t, param(1, "id").Canon(), param(1, "eventID").Canon())
	assert.NotEqual(t, param(1, "id").Canon(), param(2, "id").Canon())
	o1 := &Key{Op: Opaque, Lit: "value", ID: "f/t1"}
	o2 := &Key{Op: Opaque, Lit: "value", ID: "f/t2"}
	assert.NotEqual(t, o1.Canon(), o2.Canon())
	assert.Equal(t, o1.String(), o2.String())
}

func TestNamespacesNeverCollide(t *testing.T) {
	k := param(0, "k")
	r := &Key{Op: Redis, Args: []*Key{k}}
	m := &Key{Op: Map, Args: []*Key{lit("m"), k}}
	s := &Key{Op: SQL, Lit: "t.id", Args: []*Key{k}}
	assert.NotEqual(t, r.Canon(), m.Canon())
	assert.NotEqual(t, r.Canon(), s.Canon())
	assert.Equal(t, "t.id = k", s.String())
}

func TestSubstInstantiatesParameters(t *testing.T) {
	helper := MakeConcat(&Key{Op: Field, Lit: "prefix", Args: []*Key{param(0, "s")}}, param(2, "id"))
	site := &Binding{Params: []*Key{param(0, "st"), nil, MakeConcat(lit("order-"), param(1, "n"))}, Site: "caller@1"}
	got := Subst(helper, site)
	assert.Equal(t, `st.prefix+"order-"+n`, got.String())

	// an unknown argument makes the key unknown, never a wildcard
	assert.Nil(t, Subst(param(1, "ctx"), site))

	// opaque values of the helper are distinct per call site
	o := &Key{Op: Opaque, Lit: "uuid", ID: "helper/t0"}
	a := Subst(o, &Binding{Site: "a"})
	b := Subst(o, &Binding{Site: "b"})
	assert.NotEqual(t, a.Canon(), b.Canon())
}

func TestLits(t *testing.T) {
	k := &Key{Op: Redis, Args: []*Key{MakeConcat(lit("Idem:"), param(0, "id"))}}
	assert.Contains(t, k.Lits(), "idem:")
}

func TestStringNamesCallsAsWritten(t *testing.T) {
	r := &Key{Op: Param, Lit: "r"}
	pull := &Key{Op: Param, N: 1, Lit: "pull"}
	method := &Key{Op: Call, Lit: "(*github.com/acme/svc/redis.RedisDB).pullKey", Args: []*Key{r, pull}}
	fn := &Key{Op: Call, Lit: "github.com/acme/work.prefix", Args: []*Key{{Op: Field, Lit: "ns", Args: []*Key{r}}}}
	assert.Equal(t, "r.pullKey(pull)", method.String())
	assert.Equal(t, `prefix(r.ns)+"last"`, MakeConcat(fn, &Key{Op: Lit, Lit: "last"}).String())
	assert.NotEqual(t, method.Canon(), (&Key{Op: Call, Lit: "(*other.DB).pullKey", Args: []*Key{r, pull}}).Canon())
}

// TestStringNamesInstantiations: a generic function's type arguments lose their
// import paths too, and a dot inside them is not taken for the name's.
func TestStringNamesInstantiations(t *testing.T) {
	rdb := &Key{Op: Param, Lit: "rdb"}
	newCache := &Key{Op: Call, Lit: "example.com/svc/store.New[example.com/svc/svc.Order]", Args: []*Key{rdb}}
	assert.Equal(t, "New[Order](rdb)", newCache.String())
	pair := &Key{Op: Call, Lit: "example.com/kv.Get[map[string]*example.com/svc/svc.Order, int]", Args: []*Key{rdb}}
	assert.Equal(t, "Get[map[string]*Order, int](rdb)", pair.String())
	seen := &Key{Op: Call, Lit: "(*example.com/svc/store.Cache[example.com/svc/svc.Order]).key", Args: []*Key{newCache, rdb}}
	assert.Equal(t, "New[Order](rdb).key(rdb)", seen.String())
}

func TestDifferentRows(t *testing.T) {
	col := func(c string, v *Key) *Key { return &Key{Op: SQL, Lit: "redemptions." + c, Args: []*Key{v}} }
	code, customer, other := param(1, "code"), param(2, "customer"), param(3, "other")
	check := []*Key{col("coupon_code", code), col("customer_id", customer)}
	assert.False(t, DifferentRows(check, []*Key{col("coupon_code", code), col("customer_id", customer), col("order_ref", other)}))
	assert.True(t, DifferentRows(check, []*Key{col("coupon_code", code), col("customer_id", other)}), "same coupon, another customer")
	assert.False(t, DifferentRows(check, []*Key{col("coupon_code", code)}), "a column the write does not set says nothing")
	assert.False(t, DifferentRows([]*Key{col("*", code)}, []*Key{col("*", other)}), "two record values may be one row")
}

func TestResultIsBoundAtTheCall(t *testing.T) {
	k := &Key{Op: SQL, Lit: "accounts.*", Args: []*Key{{Op: Result, N: 0, Lit: "acct"}}}
	call := &Key{Op: Ext, N: 0, Args: []*Key{{Op: Call, Lit: "pkg.account", Args: []*Key{param(1, "id")}}}}
	assert.Equal(t, (&Key{Op: SQL, Lit: "accounts.*", Args: []*Key{call}}).Canon(), Subst(k, &Binding{Results: []*Key{call}}).Canon())
	assert.Nil(t, Subst(k, &Binding{}), "a call whose results are not kept binds nothing")
}
