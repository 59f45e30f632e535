#!/usr/bin/env bash
# bench.sh [-n RUNS] DIR...: what idemlint costs, side by side, on the Go code in
# each DIR (a directory inside a module, vetted as ./...; $(go env GOROOT)/src is
# vetted as std):
#
#   go vet                      vs  go vet -vettool=idemlint    (target: <= 1.10x)
#   ssafloor (SSA-only floor)   vs  idemlint standalone         (target: <= 1.25x)
#
#   scripts/bench.sh "$(go env GOROOT)/src" ~/src/service-a ~/src/service-b
#   scripts/bench.sh -n 5 ~/src/service-a
#
# The four commands run interleaved (round 1: A B C D, round 2: A B C D, ...), so
# a load that comes and goes hits them alike; each is reported as the median of
# RUNS runs (default 3) of wall time and peak RSS, with the 1-minute load average
# taken before each run. Peak RSS is GNU time's %M: the largest single process
# (under go vet, the go command or one vet tool process; standalone, the one
# process), not a sum over processes running in parallel.
#
# ssafloor (internal/cmd/ssafloor) builds every package's SSA form with buildssa
# and walks every instruction; it exports a fact, so that like idemlint it runs on
# every dependency, loaded from source.
#
# Caching: the build cache is warmed first (untimed), so no run compiles. go vet
# caches results by tool: each idemlint run uses a fresh copy of the binary with
# random bytes appended (vet hashes the executable with -V=full), and each plain
# vet run passes a different no-op flag (-printf.funcs=benchNNN). Nothing is
# cleaned from your GOCACHE; those vet results just become dead entries.
#
# The commands exit non-zero when they report something; that is recorded, not
# treated as a failure. This replaces scripts/bench-vet.sh.
set -euo pipefail

runs=3
if [[ ${1:-} == -n ]]; then
	runs=$2
	shift 2
fi
if (($# == 0)); then
	echo "usage: $0 [-n RUNS] DIR...   (directories inside Go modules, or \$(go env GOROOT)/src)" >&2
	exit 2
fi
gnutime=/usr/bin/time
if ! "$gnutime" -f %M true >/dev/null 2>&1; then
	echo "$0: needs GNU time at $gnutime (apt-get install time)" >&2
	exit 2
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
goroot_src=$(cd "$(go env GOROOT)/src" && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/idemlint" ./cmd/idemlint && go build -o "$work/ssafloor" ./internal/cmd/ssafloor)

# fresh returns the path of a copy of idemlint that go vet has never seen.
fresh() {
	local bin="$work/idemlint-$RANDOM$RANDOM"
	cp "$work/idemlint" "$bin"
	head -c 16 /dev/urandom >>"$bin"
	echo "$bin"
}

# measure NAME CMD...: run CMD in $dir; append "NAME seconds kilobytes load exit" to $work/results.
measure() {
	local name=$1 load rc=0
	shift
	load=$(cut -d' ' -f1 /proc/loadavg)
	(cd "$dir" && "$gnutime" -o "$work/time" -f '%e %M' "$@" >"$work/out" 2>&1) || rc=$?
	read -r secs kb < <(tail -n1 "$work/time")
	echo "$name $secs $kb $load $rc" >>"$work/results"
	printf '  %-22s %7.2fs %7d MB  load %s  exit %s\n' "$name" "$secs" $((kb / 1024)) "$load" "$rc"
}

# median FIELD NAME: the median of column FIELD (2 time, 3 KB) of NAME's runs.
median() {
	awk -v n="$2" -v f="$1" '$1 == n { print $f }' "$work/results" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(go version | cut -d' ' -f3-)"
echo "idemlint: $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown)"
summary="$work/summary"
for arg in "$@"; do
	dir=$(cd "$arg" && pwd -P)
	pattern=./...
	[[ $dir == "$goroot_src" ]] && pattern=std
	: >"$work/results"
	echo
	echo "== $dir ($pattern), $runs interleaved rounds; warming the build cache (untimed)"
	(cd "$dir" && go list -export -deps -test "$pattern" >/dev/null 2>&1) || true
	for ((i = 1; i <= runs; i++)); do
		echo " round $i, $(uptime | sed 's/.*load/load/')"
		measure vet go vet -printf.funcs="bench$RANDOM$i" "$pattern"
		bin=$(fresh)
		measure vet-idemlint go vet -vettool="$bin" "$pattern"
		rm -f "$bin"
		measure ssafloor "$work/ssafloor" "$pattern"
		measure idemlint "$work/idemlint" "$pattern"
	done
	{
		printf '%s (%s), median of %d\n' "$(basename "$dir")" "$pattern" "$runs"
		for n in vet vet-idemlint ssafloor idemlint; do
			printf '  %-14s %8.2fs %7.0f MB\n' "$n" "$(median 2 "$n")" "$(median 3 "$n" | awk '{ print $1 / 1024 }')"
		done
		awk -v a="$(median 2 vet-idemlint)" -v b="$(median 2 vet)" -v c="$(median 3 vet-idemlint)" -v d="$(median 3 vet)" \
			'BEGIN { printf "  go vet -vettool=idemlint / go vet:  time %.2fx  peak RSS %.2fx  (target time <= 1.10x)\n", a / b, c / d }'
		awk -v a="$(median 2 idemlint)" -v b="$(median 2 ssafloor)" -v c="$(median 3 idemlint)" -v d="$(median 3 ssafloor)" \
			'BEGIN { printf "  idemlint / ssafloor:                time %.2fx  peak RSS %.2fx  (target <= 1.25x both)\n", a / b, c / d }'
		awk '{ s += $4; n++ } END { printf "  load average (1 min) during the runs: %.1f mean\n", s / n }' "$work/results"
	} >>"$summary"
done
echo
echo "== summary"
cat "$summary"
