// Package keyexpr gives a store key a canonical, serializable form, so that two calls
// are known to touch the same key when they use the same SSA value or the same
// construction ("evt:"+id, fmt.Sprintf("evt:%s", id), s.prefix+id) over the same
// operands. Keys are expressed in terms of the enclosing function's parameters, so a
// helper's key can travel in a fact and be instantiated at each call site.
package keyexpr

import (
	"regexp"
	"strconv"
	"strings"
)

// Op names a node of a key expression.
type Op string

const (
	Lit    Op = "lit"    // a constant: Lit holds its text
	Param  Op = "param"  // the N-th parameter of the function; Lit is its name
	Free   Op = "free"   // the N-th free variable of a closure, by value
	FreeLd Op = "freeld" // the value loaded from the N-th free variable (a captured local)
	Global Op = "global" // a package-level variable; Lit is pkg.name
	Field  Op = "field"  // Args[0].Lit
	Concat Op = "concat" // string concatenation of Args
	Call   Op = "call"   // Lit(Args...): a deterministic call
	Ext    Op = "ext"    // N-th result of Args[0]
	Index  Op = "index"  // Args[0][Args[1]]
	Opaque Op = "opaque" // a value known only by identity: ID; Lit is its name
	Result Op = "result" // the N-th result of the function (a record it read and returns); Lit is its name
	// Namespaces wrap a store key so keys of different stores never compare equal.
	Redis Op = "redis" // Args: key [, field]
	SQL   Op = "sql"   // Lit: table.column, Args: value
	Map   Op = "map"   // Args: map, key
	// Struct is a struct built in place (Payment{OrderID: id}); Args are Field
	// nodes holding each assigned field's value, so p.OrderID resolves to id.
	Struct Op = "struct"
)

// Key is a node of a key expression. It is gob-encoded inside facts.
type Key struct {
	Op   Op
	Lit  string
	N    int
	ID   string
	Args []*Key
}

// Canon is the text two keys share exactly when they are the same key.
func (k *Key) Canon() string {
	var b strings.Builder
	k.write(&b, true)
	return b.String()
}

// String is how messages name the key: "evt:"+id.
func (k *Key) String() string {
	var b strings.Builder
	k.write(&b, false)
	return b.String()
}

// write prints k; one case per Op, so it is long but flat (a printer).
func (k *Key) write(b *strings.Builder, canon bool) {
	if k == nil {
		b.WriteString("?")
		return
	}
	switch k.Op {
	case Lit:
		b.WriteString(strconv.Quote(k.Lit))
	case Param, Free, FreeLd, Result:
		if canon {
			b.WriteString(string(k.Op) + "#" + strconv.Itoa(k.N))
		} else {
			b.WriteString(k.Lit)
		}
	case Global:
		if canon {
			b.WriteString(k.Lit)
		} else {
			b.WriteString(shortName(k.Lit))
		}
	case Opaque:
		if canon {
			b.WriteString("opaque#" + k.ID)
		} else {
			b.WriteString(k.Lit)
		}
	case Field:
		k.arg(0).write(b, canon)
		b.WriteString("." + k.Lit)
	case Concat:
		for i, a := range k.Args {
			if i > 0 {
				b.WriteString("+")
			}
			a.write(b, canon)
		}
	case Call:
		args := k.Args
		if canon {
			b.WriteString(k.Lit + "(")
		} else {
			args = k.writeCallee(b)
		}
		for i, a := range args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b, canon)
		}
		b.WriteString(")")
	case Ext:
		k.arg(0).write(b, canon)
		if canon {
			b.WriteString("#" + strconv.Itoa(k.N))
		}
	case Index:
		k.arg(0).write(b, canon)
		b.WriteString("[")
		k.arg(1).write(b, canon)
		b.WriteString("]")
	case Struct:
		b.WriteString("{")
		for i, a := range k.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(a.Lit + ": ")
			a.arg(0).write(b, canon)
		}
		b.WriteString("}")
	case Map:
		if canon {
			b.WriteString("map:")
		}
		k.arg(0).write(b, canon)
		b.WriteString("[")
		k.arg(1).write(b, canon)
		b.WriteString("]")
	case Redis:
		if canon {
			b.WriteString(string(k.Op) + ":")
		}
		for i, a := range k.Args {
			if i > 0 {
				b.WriteString(" ")
			}
			a.write(b, canon)
		}
	case SQL:
		if canon {
			b.WriteString("sql:" + k.Lit + "=")
		} else if table, ok := strings.CutSuffix(k.Lit, ".*"); ok {
			b.WriteString("the " + table + " record") // the record value itself (an ORM's &row)
			return
		} else {
			b.WriteString(k.Lit + " = ")
		}
		k.arg(0).write(b, canon)
	default:
		b.WriteString("?")
	}
}

func (k *Key) arg(i int) *Key {
	if i < len(k.Args) {
		return k.Args[i]
	}
	return nil
}

// Lits returns the constant text inside k, lower-cased: the words that say what the
// key is for ("idem:", "processed_events").
func (k *Key) Lits() string {
	if k == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*Key)
	walk = func(k *Key) {
		if k == nil {
			return
		}
		if k.Op == Lit || k.Op == SQL {
			b.WriteString(strings.ToLower(k.Lit) + " ")
		}
		for _, a := range k.Args {
			walk(a)
		}
	}
	walk(k)
	return b.String()
}

// MakeConcat joins parts, flattening nested concatenations and merging adjacent
// constants, so "a"+("b"+x) and "ab"+x are the same key.
func MakeConcat(parts ...*Key) *Key {
	var out []*Key
	for _, p := range parts {
		var items []*Key
		if p != nil && p.Op == Concat {
			items = p.Args
		} else {
			items = []*Key{p}
		}
		for _, it := range items {
			if it != nil && it.Op == Lit && len(out) > 0 && out[len(out)-1] != nil && out[len(out)-1].Op == Lit {
				out[len(out)-1] = &Key{Op: Lit, Lit: out[len(out)-1].Lit + it.Lit}
				continue
			}
			if it != nil && it.Op == Lit && it.Lit == "" {
				continue
			}
			out = append(out, it)
		}
	}
	switch len(out) {
	case 0:
		return &Key{Op: Lit}
	case 1:
		return out[0]
	}
	return &Key{Op: Concat, Args: out}
}

// Binding says what a callee's parameters and free variables are at one call site.
type Binding struct {
	Params []*Key // nil entries are unknown
	Free   []*Key // free variables by value
	FreeLd []*Key // values loaded from captured locals
	// Results are the call's results (acct in acct, err := s.account(ctx, id)).
	Results []*Key
	// Site makes a callee's opaque values distinct per call site.
	Site string
}

// Subst instantiates a callee's key at a call site. It returns nil when the key
// depends on a parameter whose argument is unknown.
func Subst(k *Key, bind *Binding) *Key {
	if k == nil {
		return nil
	}
	pick := func(list []*Key) *Key {
		if k.N < len(list) {
			return list[k.N]
		}
		return nil
	}
	switch k.Op {
	case Param:
		return pick(bind.Params)
	case Free:
		return pick(bind.Free)
	case FreeLd:
		return pick(bind.FreeLd)
	case Result:
		return pick(bind.Results)
	case Opaque:
		return &Key{Op: Opaque, Lit: k.Lit, ID: k.ID + "@" + bind.Site}
	}
	if len(k.Args) == 0 {
		return k
	}
	args := make([]*Key, len(k.Args))
	for i, a := range k.Args {
		if a == nil {
			return nil
		}
		if args[i] = Subst(a, bind); args[i] == nil {
			return nil
		}
	}
	if k.Op == Concat {
		return MakeConcat(args...)
	}
	if k.Op == Field {
		return MakeField(args[0], k.Lit)
	}
	return &Key{Op: k.Op, Lit: k.Lit, N: k.N, ID: k.ID, Args: args}
}

// writeCallee writes how the source names a call's function, without import
// paths: "r.pullKey(" for the method (*pkg/path.T).pullKey on receiver r,
// "prefix(" for pkg/path.prefix, and returns the arguments left to write.
func (k *Key) writeCallee(b *strings.Builder) []*Key {
	name := k.Lit
	if strings.HasPrefix(name, "(") && len(k.Args) > 0 {
		if i := strings.LastIndex(name, ")."); i > 0 {
			k.Args[0].write(b, false)
			b.WriteString("." + name[i+2:] + "(")
			return k.Args[1:]
		}
	}
	b.WriteString(shortName(name) + "(")
	return k.Args
}

// shortName drops the import paths of a package-level name: "pkg/path.name" ->
// "name", and of an instantiation's type arguments: "pkg/path.New[pkg/svc.Order]"
// -> "New[Order]" (a dot inside the brackets must not be taken for the name's).
func shortName(s string) string {
	s = strings.TrimPrefix(s, "&")
	name, typeArgs, generic := strings.Cut(s, "[")
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	if !generic {
		return name
	}
	return name + "[" + qualifier.ReplaceAllString(typeArgs, "")
}

// qualifier matches the package qualifier of a type name as types.TypeString
// writes it: "example.com/svc/store." in "*example.com/svc/store.Order".
var qualifier = regexp.MustCompile(`(?:[^\[\]*,() ]*/)?[^\[\]*,() ./]+\.`)

// MakeField is base.name, resolved when base is a struct built in place.
func MakeField(base *Key, name string) *Key {
	if base != nil && base.Op == Struct {
		for _, f := range base.Args {
			if f.Lit == name && len(f.Args) == 1 {
				return f.Args[0]
			}
		}
	}
	return &Key{Op: Field, Lit: name, Args: []*Key{base}}
}

// DifferentRows reports whether two sets of SQL keys name different rows: a key
// column both have (the same table.column) is bound to different values. A check
// of (coupon_code, customer_id) and an insert of the same coupon for another
// customer share coupon_code and still touch two rows.
func DifferentRows(a, b []*Key) bool {
	for _, x := range a {
		if x.Op != SQL || x.Lit == "" || strings.HasSuffix(x.Lit, ".*") {
			continue // two record values (a row read, a row built) may still be one row
		}
		for _, y := range b {
			if y.Op == SQL && y.Lit == x.Lit && x.arg(0).Canon() != y.arg(0).Canon() {
				return true
			}
		}
	}
	return false
}
