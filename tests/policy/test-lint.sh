#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# 'fipsctl policy lint' on every malformed table in tests/policy/bad/: the
# exact file:line:column messages in bad/<name>.expected, exit 1; the same
# table given to 'fipsctl check --policy' stops it with those messages on
# stderr and exit 2.  The shipped tables lint clean.
#   UPDATE_GOLDEN=1 tests/run-tests.sh   rewrites the expected files
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
export FIPSCTL_POLICY_DIR=$TOP/policies

for f in tests/policy/bad/*.json; do
	name=$(basename "$f" .json)
	expected=tests/policy/bad/$name.expected
	"$FIPSCTL" policy lint "$f" > "$t_tmp/out" 2> "$t_tmp/err"
	rc=$?
	[ -n "${UPDATE_GOLDEN:-}" ] && cp "$t_tmp/out" "$expected"
	if [ "$rc" -ne 1 ]; then
		not_ok "lint-$name" "exit $rc, expected 1"
	elif [ ! -s "$t_tmp/out" ] || grep -qv "^$f:[0-9][0-9]*:[0-9][0-9]*: " "$t_tmp/out"; then
		not_ok "lint-$name" "not every line is $f:LINE:COLUMN: message"
		cat "$t_tmp/out" >&2
	elif ! diff -u "$expected" "$t_tmp/out" >&2; then
		not_ok "lint-$name" "messages differ from $expected"
	else
		ok "lint-$name"
	fi
	# check refuses it before running anything: exit 2, same messages.
	"$FIPSCTL" check --only validated.policy --policy "$f" > "$t_tmp/cout" 2> "$t_tmp/cerr"
	rc=$?
	if [ "$rc" -ne 2 ]; then
		not_ok "check-policy-$name" "exit $rc, expected 2"
	elif [ -s "$t_tmp/cout" ]; then
		not_ok "check-policy-$name" "printed a report for a bad table"
	elif ! grep -Fxf "$expected" "$t_tmp/cerr" | cmp -s - "$expected"; then
		not_ok "check-policy-$name" "stderr lacks the lint messages"
		cat "$t_tmp/cerr" >&2
	else
		ok "check-policy-$name"
	fi
done

# Larger than a table can be: refused unread.
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' > "$t_tmp/huge.json"
expect_rc lint-too-large 1 "$FIPSCTL" policy lint "$t_tmp/huge.json" &&
	{ grep -q "huge.json: larger than 1048576 bytes" "$t_tmp/out" || not_ok lint-too-large-message "$(cat "$t_tmp/out")"; }

# A file that cannot be read is an input error (exit 2).
expect_rc lint-missing-file 2 "$FIPSCTL" policy lint "$t_tmp/nonexistent.json"
grep -q "nonexistent.json: cannot read: No such file or directory" "$t_tmp/out" ||
	not_ok lint-missing-file-message "$(cat "$t_tmp/out")"
expect_rc check-policy-missing-name 2 "$FIPSCTL" check --only validated.policy --policy no-such-table
grep -q "no-such-table: no validated-module table of that name" "$t_tmp/err" ||
	not_ok check-policy-missing-name-message "$(cat "$t_tmp/err")"

# The shipped tables, one by one and as the search path finds them.
for f in policies/*.json; do
	expect_rc "lint-shipped-$(basename "$f" .json)" 0 "$FIPSCTL" policy lint "$f"
done
expect_rc lint-search-path 0 "$FIPSCTL" policy lint
[ "$(grep -c ': ok$' "$t_tmp/out")" -eq "$(ls policies/*.json | wc -l)" ] ||
	not_ok lint-search-path-count "$(cat "$t_tmp/out")"

# A broken site table in the search path stops check (exit 2) even
# without --policy: a typo must not silently drop the site's table.
mkdir -p "$t_tmp/site"
cp tests/policy/bad/unknown-key.json "$t_tmp/site/"
FIPSCTL_POLICY_DIR=$TOP/policies:$t_tmp/site expect_rc check-broken-site-table 2 \
	"$FIPSCTL" check --only validated.policy
grep -q "site/unknown-key.json:16:47: unknown key" "$t_tmp/err" ||
	not_ok check-broken-site-table-message "$(cat "$t_tmp/err")"
# ... but only when a check that uses the tables is selected.
FIPSCTL_POLICY_DIR=$TOP/policies:$t_tmp/site "$FIPSCTL" check --only kernel.fips_enabled \
	--root "$TOP/examples/alma92-fips" > "$t_tmp/out" 2> "$t_tmp/err"
rc=$?
if [ "$rc" -ne 2 ] && ! grep -q unknown-key "$t_tmp/err"; then
	ok check-broken-site-table-unused
else
	not_ok check-broken-site-table-unused "exit $rc: $(cat "$t_tmp/err")"
fi
t_done
