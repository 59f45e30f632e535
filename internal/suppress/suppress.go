// Package suppress implements //idemlint:ignore comments: a finding is dropped when
// the comment names its analyzer (or "all") on the finding's line, the line above it,
// or in the doc comment of the enclosing function. A directive must give a reason;
// Checker reports one that does not, or that names an unknown analyzer.
//
// A file marked generated (`// Code generated ... DO NOT EDIT.`, ast.IsGenerated)
// gets no findings: nobody edits it, the fix belongs in its generator or in the
// code that calls it, where a finding through its functions is still reported.
// What counts is the file a finding points to after //line directives: cgo's
// output is generated but points back at the package's own .go file, which is
// where its findings belong.
//
//	//idemlint:ignore checkthenact the key is also claimed by the caller
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const prefix = "//idemlint:ignore"

// Ignorer answers whether a position is suppressed for one analyzer.
type Ignorer struct {
	fset      *token.FileSet
	lines     map[string]map[int]bool // file -> lines with a matching directive
	funcs     []span                  // functions whose doc has a matching directive
	generated map[string]bool         // names of files marked generated
}

type span struct{ from, to token.Pos }

// New collects the directives of pass's files that name analyzer.
func New(pass *analysis.Pass, analyzer string) *Ignorer {
	ig := &Ignorer{fset: pass.Fset, lines: map[string]map[int]bool{}, generated: map[string]bool{}}
	for _, file := range pass.Files {
		if ast.IsGenerated(file) {
			ig.generated[pass.Fset.PositionFor(file.FileStart, false).Filename] = true
		}
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				if names(c.Text, analyzer) {
					p := pass.Fset.Position(c.Slash)
					if ig.lines[p.Filename] == nil {
						ig.lines[p.Filename] = map[int]bool{}
					}
					ig.lines[p.Filename][p.Line] = true
				}
			}
		}
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil {
				for _, c := range fd.Doc.List {
					if names(c.Text, analyzer) {
						ig.funcs = append(ig.funcs, span{fd.Pos(), fd.End()})
					}
				}
			}
		}
	}
	return ig
}

// all names every analyzer in a directive.
const all = "all"

// directive is one //idemlint:ignore comment.
type directive struct {
	analyzers []string // the comma-separated names; none when missing
	reason    string
}

// parse reads a comment as an ignore directive.
func parse(text string) (directive, bool) {
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return directive{}, false // another comment, or //idemlint:ignoreX
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return directive{}, true
	}
	var d directive
	for _, name := range strings.Split(fields[0], ",") {
		if name != "" {
			d.analyzers = append(d.analyzers, name)
		}
	}
	d.reason = strings.Join(fields[1:], " ")
	return d, true
}

// names reports whether a comment is an ignore directive for analyzer. A directive
// without a reason still suppresses: the ignorereason analyzer reports it instead.
func names(text, analyzer string) bool {
	d, ok := parse(text)
	return ok && (slices.Contains(d.analyzers, analyzer) || slices.Contains(d.analyzers, all))
}

// At reports whether a finding at pos is suppressed.
func (ig *Ignorer) At(pos token.Pos) bool {
	for _, s := range ig.funcs {
		if s.from <= pos && pos < s.to {
			return true
		}
	}
	p := ig.fset.Position(pos)
	if ig.generated[p.Filename] {
		return true
	}
	lines := ig.lines[p.Filename]
	return lines[p.Line] || lines[p.Line-1]
}

// Once reports each finding once per position, unless it is suppressed there.
type Once struct {
	pass     *analysis.Pass
	ignore   *Ignorer
	reported map[token.Pos]bool
}

// NewOnce returns a reporter for analyzer's findings in pass.
func NewOnce(pass *analysis.Pass, analyzer string) *Once {
	return &Once{pass: pass, ignore: New(pass, analyzer), reported: map[token.Pos]bool{}}
}

// Report reports msg at pos, the first time, when it is not suppressed.
func (o *Once) Report(pos token.Pos, msg string) {
	o.ReportDiagnostic(analysis.Diagnostic{Pos: pos, Message: msg})
}

// ReportDiagnostic reports d the first time at its position, unless it is
// suppressed there or at one of its related positions: a directive written
// where the finding used to be (the use of a key now reported where the key is
// built) still holds.
func (o *Once) ReportDiagnostic(d analysis.Diagnostic) {
	if o.reported[d.Pos] || o.ignore.At(d.Pos) {
		return
	}
	for _, r := range d.Related {
		if o.ignore.At(r.Pos) {
			return
		}
	}
	o.reported[d.Pos] = true
	o.pass.Report(d)
}
