#!/usr/bin/env bash
# bench-vet.sh DIR: how much slower is `go vet -vettool=idemlint` than plain
# `go vet` on the Go code in DIR?
#
#   scripts/bench-vet.sh ~/src/myservice         # vets ./... in DIR
#   scripts/bench-vet.sh "$(go env GOROOT)/src"   # vets std
#
# Caching, honestly: go vet caches its results, so a second run of either
# command would be measuring a cache hit. This script never touches your own
# GOCACHE (no `go clean -cache`). Instead it warms one private build cache with
# the compiled export data of every package and test that vet will need
# (`go list -export -deps -test`, untimed), then gives each timed run its own
# fresh copy of that warm cache. So each timed run compiles nothing, finds no
# cached vet result, and does all of its vet work: the times are analysis plus
# go-command overhead, not compilation. Set BENCH_COLD=1 to time each run
# with an empty cache instead (compilation included; the ratio then shrinks).
#
# Both commands exit non-zero when they report something; that is recorded,
# not treated as a failure of the script.
set -euo pipefail

if (($# != 1)) || [[ ! -d $1 ]]; then
	echo "usage: $0 DIR   (a directory inside a Go module, or \$(go env GOROOT)/src)" >&2
	exit 2
fi
dir=$(cd "$1" && pwd -P)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
goroot_src=$(cd "$(go env GOROOT)/src" && pwd -P)

pattern=./...
if [[ $dir == "$goroot_src" ]]; then
	pattern=std
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-vet.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building idemlint from $repo"
(cd "$repo" && go build -o "$work/idemlint" ./cmd/idemlint)

if [[ ${BENCH_COLD:-0} == 1 ]]; then
	echo "mode: cold (each timed run starts with an empty GOCACHE)"
	mkdir -p "$work/warm"
else
	echo "mode: warm build cache, no cached vet results (warming, untimed)..."
	(cd "$dir" && GOCACHE="$work/warm" go list -export -deps -test "$pattern" >/dev/null)
fi

# timed NAME CMD...: run CMD in DIR with a fresh copy of the warm cache; print
# its wall time in seconds on stdout and keep its output in $work/NAME.out.
timed() {
	local name=$1
	shift
	rm -rf "$work/cache-$name"
	cp -a "$work/warm" "$work/cache-$name"
	local TIMEFORMAT=%R rc=0 secs
	secs=$( { time (cd "$dir" && GOCACHE="$work/cache-$name" "$@" >"$work/$name.out" 2>&1) ; } 2>&1 ) || rc=$?
	# On failure `time` still printed; its output is the last line.
	secs=$(tail -n1 <<<"$secs")
	echo "$rc" >"$work/$name.rc"
	echo "$secs"
}

echo "in $dir:"
plain=$(timed plain go vet "$pattern") || true
echo "  go vet $pattern: ${plain}s (exit $(cat "$work/plain.rc"), $(grep -c . "$work/plain.out" || true) output lines)"
tool=$(timed tool go vet -vettool="$work/idemlint" "$pattern") || true
echo "  go vet -vettool=idemlint $pattern: ${tool}s (exit $(cat "$work/tool.rc"), $(grep -c . "$work/tool.out" || true) output lines)"

if [[ $(cat "$work/tool.rc") != 0 ]]; then
	echo "  first lines of idemlint's output:"
	head -n 10 "$work/tool.out" | sed 's/^/    /'
fi
awk -v a="$tool" -v b="$plain" 'BEGIN { if (b > 0) printf "ratio (idemlint / plain vet): %.2f\n", a / b }'
