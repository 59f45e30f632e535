#!/usr/bin/env bash
# eval.sh [ANALYZER...]: precision and recall of each analyzer on the blind corpora
# under eval/<analyzer>/<corpus>, standalone and under go vet.
#
# The corpora are realistic service code written by testers who did not read the
# analyzers' code, each marked with `// BUG: <analyzer>` where a finding is due and
# `// AMBIG: <analyzer>` where the contract is unclear (see each corpus's TRUTH.md).
# They were used to find and fix false positives, so they are regression data now,
# not an unbiased estimate: a new blind corpus gives that.
# Needs the Go module proxy (the corpora use the real libraries) and python3.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bin=$(mktemp -d)/idemlint
go build -o "$bin" "$repo/cmd/idemlint"
analyzers=("$@")
if ((${#analyzers[@]} == 0)); then
	# Every analyzer some corpus marks a bug for.
	mapfile -t analyzers < <(grep -rhoE '// BUG: [a-z]+' --include='*.go' "$repo"/eval | sort -u | sed 's#// BUG: ##')
fi
for a in "${analyzers[@]}"; do
	# eval/<analyzer>/<corpus> holds one analyzer's corpus; eval/stores/<corpus> (and
	# any other corpus) is scored for every analyzer whose bugs it marks.
	for corpus in "$repo"/eval/*/*/; do
		grep -rqE "// (BUG|AMBIG): $a\b" --include='*.go' "$corpus" || continue
		out=$(mktemp)
		(cd "$corpus" && "$bin" -"$a" ./... >"$out" 2>&1 || true)
		printf 'standalone  '
		python3 "$repo/scripts/score.py" "$corpus" "$a" "$out"
		(cd "$corpus" && go vet -vettool="$bin" -"$a" ./... >"$out" 2>&1 || true)
		printf 'go vet      '
		python3 "$repo/scripts/score.py" "$corpus" "$a" "$out" | sed -n 1p
		rm -f "$out"
	done
done
