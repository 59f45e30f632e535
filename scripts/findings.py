#!/usr/bin/env python3
"""findings.py ROOT OUTPUT: the findings in idemlint's or go vet's -json output.

Prints one line per distinct finding, `analyzer path:line:col: message`, with paths
relative to ROOT, sorted. A finding reported for a package and again for its test
variant is printed once. Lines that are not JSON (type errors of packages that do not
build, go vet's `# pkg` headers) are counted and the count printed last, as
`errors=N`, when N > 0.
"""
import json
import os
import sys

root, output = os.path.realpath(sys.argv[1]), sys.argv[2]
text = open(output, encoding="utf-8", errors="replace").read()
dec = json.JSONDecoder()
found, errors, i = set(), 0, 0
while i < len(text):
    if text[i] == "{" and (i == 0 or text[i - 1] == "\n"):
        try:
            obj, end = dec.raw_decode(text, i)
        except ValueError:
            obj, end = None, i + 1
        if isinstance(obj, dict):
            for analyzers in obj.values():
                for name, diags in analyzers.items():
                    if not isinstance(diags, list):  # {"error": ...}: the analyzer failed
                        errors += 1
                        continue
                    for d in diags:
                        path, _, pos = d["posn"].partition(":")
                        path = os.path.relpath(os.path.realpath(path), root)
                        found.add(f"{name} {path}:{pos}: {d['message']}")
            i = end
            continue
    j = text.find("\n", i)
    line = text[i:] if j < 0 else text[i:j]
    if ".go:" in line and not line.startswith("#"):
        errors += 1
    i = len(text) if j < 0 else j + 1
for f in sorted(found):
    print(f)
if errors:
    print(f"errors={errors}")
