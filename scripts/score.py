#!/usr/bin/env python3
"""score.py CORPUS ANALYZER OUTPUT: precision and recall of one analyzer's findings.

The truth is in the corpus sources: a line marked `// BUG: <analyzer>` must be
reported; a line marked `// AMBIG: <analyzer>` is left out of the score; any other
reported line is a false positive. OUTPUT is idemlint's or go vet's text output
(`path:line:col: message`; related-information lines, `path:line:col: \\t...`, are
skipped). Prints one summary line, then each FP and FN.
"""
import os
import re
import sys

corpus, analyzer, output = sys.argv[1], sys.argv[2], sys.argv[3]
corpus = os.path.realpath(corpus)
bug_re = re.compile(r"//\s*BUG:\s*" + re.escape(analyzer) + r"\b")
ambig_re = re.compile(r"//\s*AMBIG:\s*" + re.escape(analyzer) + r"\b")

bugs, ambig = set(), set()
for root, _, files in os.walk(corpus):
    for name in files:
        if not name.endswith(".go"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, corpus)
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if bug_re.search(line):
                    bugs.add((rel, i))
                elif ambig_re.search(line):
                    ambig.add((rel, i))

diag_re = re.compile(r"^(\S+\.go):(\d+):(\d+): (.*)$")
found = set()
with open(output, encoding="utf-8") as f:
    for line in f:
        m = diag_re.match(line.rstrip("\n"))
        if not m or m.group(4).startswith("\t"):
            continue
        path = m.group(1)
        if os.path.isabs(path):
            path = os.path.relpath(os.path.realpath(path), corpus)
        found.add((path, int(m.group(2))))

scored = found - ambig
tp, fp, fn = scored & bugs, scored - bugs, bugs - found
precision = len(tp) / len(scored) if scored else 1.0
recall = len(tp) / len(bugs) if bugs else 1.0
print(f"{os.path.basename(corpus)}: findings={len(scored)} bugs={len(bugs)} TP={len(tp)} FP={len(fp)} "
      f"FN={len(fn)} precision={precision:.3f} recall={recall:.3f}")
for p, l in sorted(fp):
    print(f"  FP {p}:{l}")
for p, l in sorted(fn):
    print(f"  FN {p}:{l}")
