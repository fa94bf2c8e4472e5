#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The committed example examples/alma92-fips (README's 'fipsctl --root
# examples/alma92-fips check') is the root of the fixture case
# tests/cases/all/el92-fips, byte for byte, and fipsctl gives it that
# case's exit status: README shows what the tests check.
. "$(dirname "$0")/../lib.sh"

case=all/el92-fips
if ! "$TOP/tests/cases/mkroot.sh" "$case" "$t_tmp/el92-fips" > "$t_tmp/mk.log" 2>&1; then
	not_ok example-matches-case "tests/cases/mkroot.sh $case failed"
	sed 's/^/    /' "$t_tmp/mk.log" >&2
	t_done; exit
fi
if diff -r --no-dereference "$TOP/examples/alma92-fips" "$t_tmp/el92-fips" > "$t_tmp/diff" 2>&1; then
	ok example-matches-case
else
	not_ok example-matches-case "examples/alma92-fips differs from tests/cases/$case (rebuild: rm -rf examples/alma92-fips && tests/cases/mkroot.sh $case examples/alma92-fips)"
	head -20 "$t_tmp/diff" | sed 's/^/    /' >&2
fi

want=$(awk '$1 == "exit" { print $2; exit }' "$TOP/tests/cases/$case/expect")
(cd "$TOP" && "$FIPSCTL" --root examples/alma92-fips check > "$t_tmp/example.txt" 2>&1)
rc=$?
if [ -n "$want" ] && [ "$rc" -eq "$want" ]; then
	ok example-check
else
	not_ok example-check "fipsctl --root examples/alma92-fips check: exit $rc, expected ${want:-?} (tests/cases/$case/expect)"
	sed 's/^/    /' "$t_tmp/example.txt" | head -20 >&2
fi
t_done
