#!/usr/bin/env bash
# precommit-test.sh: check .pre-commit-hooks.yaml with pre-commit itself: in a
# throwaway git repository, `pre-commit try-repo <this checkout> <hook> --all-files`
# fails on a check-then-act and prints the finding, and passes once it is fixed,
# for both hooks (idemlint, idemlint-vet).
#
# Needs pre-commit (Debian: apt-get install -y pre-commit) and git. Offline: the hook
# installs cmd/idemlint with the module cache of this machine (GOMODCACHE is passed
# on, GOPROXY=off) and pre-commit's own cache lives in a temporary directory.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v pre-commit >/dev/null || {
	echo "pre-commit not found (apt-get install -y pre-commit)" >&2
	exit 1
}
export PRE_COMMIT_HOME=$work/pre-commit-home
export GOMODCACHE=${GOMODCACHE:-$(go env GOMODCACHE)}
export GOPROXY=off
export GOFLAGS=-mod=mod

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The hooks install from a commit of the hook repository: try-repo snapshots the
# checkout (uncommitted changes included).
user=$work/user
mkdir -p "$user/svc"
cd "$user"
git init -q
git config user.email ci@example.com
git config user.name ci
printf 'module example.com/user\n\ngo 1.26\n' >go.mod
cat >svc/svc.go <<'GO'
package svc

import "sync"

var seen sync.Map

// Handle processes one delivery of an event.
func Handle(id string) {
	if _, ok := seen.Load("evt:" + id); ok {
		return
	}
	charge(id)
	seen.Store("evt:"+id, true)
}

func charge(string) {}
GO
git add -A

# try HOOK WANT_RC: run the hook on the user repository; print its output.
try() {
	local rc=0
	out=$(pre-commit try-repo "$repo" "$1" --all-files 2>&1) || rc=$?
	echo "$out" | sed 's/^/    /'
	if [[ $2 == fail && $rc == 0 ]] || [[ $2 == pass && $rc != 0 ]]; then
		fail "hook $1: exit $rc, want $2"
	fi
}

for hook in idemlint idemlint-vet; do
	echo "--- $hook on a check-then-act"
	try "$hook" fail
	grep -q 'svc.go:13:12: Load then Store of seen\["evt:"+id\] is not atomic' <<<"$out" ||
		fail "hook $hook does not print the finding"
done

sed -i 's|if _, ok := seen.Load("evt:" + id); ok {|if _, loaded := seen.LoadOrStore("evt:"+id, true); loaded {|; /seen.Store/d' svc/svc.go
gofmt -l svc | grep -q . && fail "the fixed file is not gofmt'ed"
git add -A
for hook in idemlint idemlint-vet; do
	echo "--- $hook on the fixed file"
	try "$hook" pass
done
echo "ok: pre-commit hooks idemlint and idemlint-vet"
