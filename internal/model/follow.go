package model

// The standard-library calls a key is built through. A key is often assembled in
// several steps (Sprintf, a strings.Builder, a sha256 of the parts, hex of the
// digest) and the engine follows each step back to the parts; a hash of coarse
// parts is as coarse as the parts. Anything not listed is a leaf of unknown
// provenance, never taken as coarse.

import "go/types"

// Flow says how a call's result is made from its operands.
type Flow uint8

const (
	NoFlow Flow = iota
	// FromArgs: the result is made of all arguments (fmt.Sprintf, strings.Join,
	// strconv.Itoa, hex.EncodeToString, sha256.Sum256, a conversion helper).
	FromArgs
	// FromRecv: the result is made of the receiver's content (strings.Builder.String,
	// hash.Hash.Sum, bytes.Buffer.Bytes); also of the arguments (Sum(b) appends).
	FromRecv
	// IntoRecv: the call writes its arguments into its receiver (Builder.WriteString,
	// hash.Hash.Write).
	IntoRecv
	// IntoFirst: the call writes its other arguments into its first (fmt.Fprintf,
	// io.WriteString).
	IntoFirst
	// Encodes: the result is its argument, serialized (json.Marshal): a struct
	// built in place is its fields, anything received is the whole payload.
	Encodes
	// ReadsBody: the result is a whole request or message body (io.ReadAll).
	ReadsBody
	// DecodesInto: the call decodes its first argument into what its second
	// points to (json.Unmarshal(d.Body, &m)): m's fields are the payload's.
	DecodesInto
	// FromSelf: the result is the receiver as text (any String() string method,
	// the fmt.Stringer convention: uuid.New().String(), now.Weekday().String()).
	FromSelf
)

// follow lists the followed functions by funcName.
var follow = map[string]Flow{
	"fmt.Sprintf": FromArgs, "fmt.Sprint": FromArgs, "fmt.Sprintln": FromArgs, "fmt.Appendf": FromArgs,
	"fmt.Fprintf": IntoFirst, "fmt.Fprint": IntoFirst, "fmt.Fprintln": IntoFirst, "io.WriteString": IntoFirst,

	"strings.Join": FromArgs, "strings.ToLower": FromArgs, "strings.ToUpper": FromArgs,
	"strings.TrimSpace": FromArgs, "strings.Trim": FromArgs, "strings.TrimPrefix": FromArgs,
	"strings.TrimSuffix": FromArgs, "strings.Replace": FromArgs, "strings.ReplaceAll": FromArgs,
	"strings.Repeat": FromArgs, "strings.Title": FromArgs, "strings.ToTitle": FromArgs,
	"strings.Concat": FromArgs, "bytes.Join": FromArgs, "bytes.ToLower": FromArgs,
	"strings.Builder.WriteString": IntoRecv, "strings.Builder.Write": IntoRecv,
	"strings.Builder.WriteByte": IntoRecv, "strings.Builder.WriteRune": IntoRecv, "strings.Builder.String": FromRecv,
	"bytes.Buffer.WriteString": IntoRecv, "bytes.Buffer.Write": IntoRecv, "bytes.Buffer.WriteByte": IntoRecv,
	"bytes.Buffer.WriteRune": IntoRecv, "bytes.Buffer.String": FromRecv, "bytes.Buffer.Bytes": FromRecv,
	"strings.Replacer.Replace": FromArgs,

	"strconv.Itoa": FromArgs, "strconv.FormatInt": FromArgs, "strconv.FormatUint": FromArgs,
	"strconv.Quote": FromArgs, "strconv.AppendInt": FromArgs, "strconv.FormatFloat": FromArgs,
	"strconv.FormatBool": FromArgs,
	"path.Join":          FromArgs, "path/filepath.Join": FromArgs, "net/url.PathEscape": FromArgs,
	"net/url.QueryEscape": FromArgs,

	"crypto/sha256.Sum256": FromArgs, "crypto/sha256.Sum224": FromArgs, "crypto/sha1.Sum": FromArgs,
	"crypto/md5.Sum": FromArgs, "crypto/sha512.Sum512": FromArgs, "hash/crc32.ChecksumIEEE": FromArgs,
	"hash/crc32.Checksum": FromArgs,
	"io.Writer.Write":     IntoRecv, "hash.Hash.Write": IntoRecv, "hash.Hash32.Write": IntoRecv,
	"hash.Hash64.Write": IntoRecv, "io.StringWriter.WriteString": IntoRecv,
	"hash.Hash.Sum": FromRecv, "hash.Hash32.Sum32": FromRecv, "hash.Hash64.Sum64": FromRecv,
	"hash.Hash32.Sum": FromRecv, "hash.Hash64.Sum": FromRecv,
	"encoding/hex.EncodeToString": FromArgs, "encoding/base64.Encoding.EncodeToString": FromArgs,
	"encoding/base32.Encoding.EncodeToString": FromArgs,

	"encoding/json.Marshal": Encodes, "encoding/xml.Marshal": Encodes,
	"encoding/json.Unmarshal": DecodesInto, "encoding/xml.Unmarshal": DecodesInto,
	"io.ReadAll": ReadsBody, "io/ioutil.ReadAll": ReadsBody,
}

// Follow says how fn's result is made from its operands; NoFlow for a call the
// engine does not look through.
func Follow(fn *types.Func) Flow {
	if fn == nil || fn.Pkg() == nil {
		return NoFlow
	}
	if f, ok := follow[funcName(fn)]; ok {
		return f
	}
	if sig := fn.Type().(*types.Signature); fn.Name() == "String" && sig.Recv() != nil && sig.Params().Len() == 0 {
		return FromSelf
	}
	if f := xxhashFollow(fn); f != NoFlow {
		return f
	}
	return stripeFollow(fn)
}

// funcName is "pkg/path.Name" or "pkg/path.Recv.Name" (no '*').
func funcName(fn *types.Func) string {
	fn = fn.Origin()
	if recv := recvTypeName(fn); recv != "" {
		return fn.Pkg().Path() + "." + recv + "." + fn.Name()
	}
	return fn.Pkg().Path() + "." + fn.Name()
}
