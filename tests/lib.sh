# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for shell tests (sourced).  Each test case reports one line:
#   ok NAME | not ok NAME | skip NAME: reason
# and diagnostics go to stderr.  Environment from tests/run-tests.sh:
# TOP, BUILD, FIPSCTL, SOURCE_DATE_EPOCH.
set -u
: "${TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${BUILD:=$TOP/build}"
# Relative to the tree, as in run-tests.sh, so tests may cd elsewhere.
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
: "${FIPSCTL:=$BUILD/fipsctl}"
export LC_ALL=C SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export FIPSCTL_PROBE_DIR=${FIPSCTL_PROBE_DIR:-$BUILD/probes}
t_failures=0

ok() { echo "ok $1"; }
not_ok() { echo "not ok $1"; shift; [ $# -gt 0 ] && echo "  $*" >&2; t_failures=$((t_failures + 1)); }
skip() { echo "skip $1: $2"; }

# A scratch directory removed when the test script exits.
t_tmp=$(mktemp -d)
trap 'rm -rf "$t_tmp"' EXIT

# expect_rc NAME EXPECTED CMD...: run CMD, compare its exit status;
# stdout goes to $t_tmp/out and stderr to $t_tmp/err.
expect_rc() {
	local name=$1 want=$2; shift 2
	"$@" > "$t_tmp/out" 2> "$t_tmp/err"
	local rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; return 0; fi
	not_ok "$name" "exit $rc, expected $want: $*"
	sed 's/^/    stderr: /' "$t_tmp/err" | head -20 >&2
	return 1
}

# golden NAME EXPECTED ACTUAL: compare the file ACTUAL with the golden file
# EXPECTED (the diff on stderr); with UPDATE_GOLDEN set, rewrite EXPECTED.
golden() {
	local name=$1 expected=$2 actual=$3 shown=${2#"$TOP"/}
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$actual" "$expected"
		ok "$name (rewritten: review 'git diff $shown')"
	elif [ ! -f "$expected" ]; then
		not_ok "$name" "$shown is missing (UPDATE_GOLDEN=1 writes it)"
	elif diff -u "$expected" "$actual" > "$t_tmp/golden.diff"; then
		ok "$name"
	else
		not_ok "$name" "output differs from $shown (if intended: UPDATE_GOLDEN=1, then review the diff)"
		sed 's/^/    /' "$t_tmp/golden.diff" | head -80 >&2
	fi
}

# Finish the script: non-zero when any case failed.
t_done() { [ "$t_failures" -eq 0 ]; }

# fixture_root NAME CASE DIR: build the fixture case CASE
# (tests/cases/mkroot.sh) into DIR; when it cannot be built here (exit 77)
# skip NAME, when it fails report NAME-host; either way the test ends
# there (exit from the test).
fixture_root() {
	"$TOP/tests/cases/mkroot.sh" "$2" "$3" 2> "$t_tmp/mkroot.err"
	case $? in
	0) return 0 ;;
	77) skip "$1" "$(tail -1 "$t_tmp/mkroot.err")"; t_done; exit ;;
	*) not_ok "$1-host" "tests/cases/mkroot.sh $2 failed"
	   cat "$t_tmp/mkroot.err" >&2; t_done; exit ;;
	esac
}
