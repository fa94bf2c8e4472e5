#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test tier that works on this machine and ends with the line
#   N passed, N failed, N skipped
# Tiers: C unit tests, fuzz corpus replay, shell tests (tests/*/test-*.sh)
# against the built binary.  Each test prints "ok NAME", "not ok NAME" or
# "skip NAME: reason"; anything else is passed through as diagnostics.
#   TESTS=glob  run only shell/unit tests whose file name matches the glob,
#               or the fixture cases (tests/cases/AREA/CASE) whose AREA or
#               AREA/CASE matches it: TESTS=boot, TESTS='validated/alma92-*'
#   TIERS=...   run only these tiers (default: all of them):
#     unit      the C unit tests and the fuzz corpus replay
#     fixture   the shell tests that drive the built binary against fixture
#               roots and this machine's libraries (tests/integration,
#               probes, policy, pin-kernel, selftest, evidence)
#     cross     the aarch64 build under qemu-aarch64 user emulation, with
#               the arm64 sysroot tests/setup.sh makes (tests/cross)
#     dist      make dist, install and uninstall, the RPM (tests/dist)
#   'make distcheck' and the RPM's %check run TIERS='unit fixture': no
#   network, no QEMU, nothing outside the unpacked tree but its build
#   dependencies.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
export TOP=$top BUILD FIPSCTL=$BUILD/fipsctl LC_ALL=C
export FIPSCTL_PROBE_DIR=$BUILD/probes
# Deterministic output for golden comparisons.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
filter=${TESTS:-*}
tiers=${TIERS:-unit fixture cross dist}
for t in $tiers; do
	case $t in unit | fixture | cross | dist) ;;
	*) echo "tests/run-tests.sh: unknown tier '$t' in TIERS (unit, fixture, cross, dist)" >&2; exit 2 ;;
	esac
done
# in_tier NAME: NAME is among the selected tiers.
in_tier() { case " $tiers " in *" $1 "*) return 0 ;; esac; return 1; }

pass=0 fail=0 skip=0
failed_names=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Count the ok/not ok/skip lines of one test program; a program that
# exits non-zero without saying "not ok" counts as one failure.
account() {
	local name=$1 rc=$2 saw_fail=0
	while IFS= read -r line; do
		case $line in
		"ok "*) pass=$((pass + 1)); echo "  $line" ;;
		"not ok "*) fail=$((fail + 1)); saw_fail=1; failed_names+=("$name: ${line#not ok }"); echo "  $line" ;;
		"skip "*) skip=$((skip + 1)); echo "  $line" ;;
		*) echo "    $line" ;;
		esac
	done < "$log"
	if [ "$rc" -ne 0 ] && [ $saw_fail -eq 0 ]; then
		fail=$((fail + 1)); failed_names+=("$name (exit $rc)")
		echo "  not ok $name: exited $rc"
	fi
}

if in_tier unit; then
	echo "== unit tests"
	for t in "$BUILD"/tests/test-*; do
		[ -x "$t" ] || continue
		case $(basename "$t") in $filter) ;; *) continue ;; esac
		echo "-- $(basename "$t")"
		"$t" > "$log" 2>&1; account "$(basename "$t")" $?
	done

	echo "== fuzz corpus replay"
	for r in "$BUILD"/fuzz/*-replay; do
		[ -x "$r" ] || continue
		n=$(basename "$r" -replay)
		case $n in $filter) ;; *) continue ;; esac
		corpus=$top/tests/fuzz/corpus/$n
		if [ ! -d "$corpus" ]; then
			echo "not ok $n: no corpus at tests/fuzz/corpus/$n" > "$log"; account "$n" 1; continue
		fi
		if out=$("$r" "$corpus" 2>&1); then
			echo "ok replay-$n (${out##*replayed })" > "$log"; account "$n" 0
		else
			printf 'not ok replay-%s\n%s\n' "$n" "$out" > "$log"; account "$n" 1
		fi
	done
fi

for tier in integration probes policy pin-kernel selftest evidence cross dist; do
	case $tier in
	cross | dist) in_tier $tier || continue ;;
	*) in_tier fixture || continue ;;
	esac
	dir=$top/tests/$tier
	[ -d "$dir" ] || continue
	ls "$dir"/test-*.sh > /dev/null 2>&1 || continue
	echo "== $tier"
	for s in "$dir"/test-*.sh; do
		cases=
		case $(basename "$s") in
		$filter) ;;
		test-cases.sh)
			# The fixture-case driver runs the cases TESTS names.
			[ -n "$(python3 "$top/tests/cases/lib/expect.py" --list "$filter" 2> /dev/null)" ] ||
				continue
			cases=$filter ;;
		*) continue ;;
		esac
		echo "-- $(basename "$s")${cases:+ ($cases)}"
		CASES=$cases bash "$s" > "$log" 2>&1; account "$(basename "$s")" $?
	done
done

echo
if [ $fail -gt 0 ]; then
	echo "Failed:"
	printf '  %s\n' "${failed_names[@]}"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
