#!/usr/bin/env bash
# realworld.sh DIR [REPO...]: run idemlint over checkouts of public Go repositories
# under DIR (one directory per repository, with a go.mod at its root), standalone and
# under go vet, and print each repository's commit, size and findings per mode.
#
# It fetches nothing: clone the repositories listed in docs/evaluation.md at the
# commits given there into DIR first. Dependencies come from the Go module proxy.
# Packages that do not type-check (a module missing from the proxy) are lost in both
# modes; "errors" counts the lines of type errors and analyzer failures.
# A file DIR/NAME.goflags adds its words to GOFLAGS for that checkout (build tags its
# own tests need, e.g. -tags=testing), in both modes alike.
# MODES="standalone" (or "vet") runs one mode only; both by default.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
dir=${1:?usage: realworld.sh DIR [REPO...]}
shift
bin=$(mktemp -d)/idemlint
(cd "$repo" && go build -o "$bin" ./cmd/idemlint) || exit 1
names=("$@")
if ((${#names[@]} == 0)); then
	for d in "$dir"/*/; do names+=("$(basename "$d")"); done
fi
base_goflags=${GOFLAGS:-}
for name in "${names[@]}"; do
	co=$(cd "$dir/$name" && pwd -P)
	GOFLAGS=$base_goflags
	[[ -f $dir/$name.goflags ]] && GOFLAGS="$GOFLAGS $(cat "$dir/$name.goflags")"
	export GOFLAGS
	pkgs=$(cd "$co" && go list ./... 2>/dev/null | wc -l)
	loc=$(find "$co" -name '*.go' -not -path '*/vendor/*' -print0 | xargs -0 cat | wc -l)
	echo "== $name $(git -C "$co" rev-parse --short=12 HEAD) packages=$pkgs loc=$loc"
	for mode in ${MODES:-standalone vet}; do
		out=$(mktemp)
		start=$SECONDS
		if [[ $mode == standalone ]]; then
			(cd "$co" && "$bin" -json ./... >"$out" 2>&1)
		else
			(cd "$co" && go vet -vettool="$bin" -json ./... >"$out" 2>&1)
		fi
		got=$(python3 "$repo/scripts/findings.py" "$co" "$out")
		body=$(grep -v '^errors=' <<<"$got")
		n=0
		[[ -n $body ]] && n=$(wc -l <<<"$body")
		echo "-- $mode: findings=$n seconds=$((SECONDS - start)) $(grep '^errors=' <<<"$got")"
		[[ -n $body ]] && printf '%s\n' "$body"
		rm -f "$out"
	done
done
