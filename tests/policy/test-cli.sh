#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# 'fipsctl policy list|show|lint' as a user types them: usage errors exit 2
# with a hint, list finds every shipped table (text and JSON), show gives
# the same table by name and by file, and show --format json is the table.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
export FIPSCTL_POLICY_DIR=$TOP/policies

expect_rc policy-no-verb 2 "$FIPSCTL" policy
grep -q "no verb given" "$t_tmp/err" || not_ok policy-no-verb-message "$(cat "$t_tmp/err")"
expect_rc policy-unknown-verb 2 "$FIPSCTL" policy frobnicate
grep -q "unknown verb 'frobnicate'" "$t_tmp/err" || not_ok policy-unknown-verb-message "$(cat "$t_tmp/err")"
expect_rc policy-show-nothing 2 "$FIPSCTL" policy show
expect_rc policy-list-extra-arg 2 "$FIPSCTL" policy list extra
expect_rc policy-bad-option 2 "$FIPSCTL" policy list --bogus
expect_rc policy-bad-format 2 "$FIPSCTL" --format yaml policy list

# The tables; cmvp-certificates.json and signing-keys.json are their data.
tables=$(ls policies/*.json | grep -v -e /cmvp-certificates.json -e /signing-keys.json)
n=$(echo "$tables" | wc -l)
expect_rc policy-list 0 "$FIPSCTL" policy list
for f in $tables; do
	name=$(jq -r .name "$f")
	grep -q "^$name " "$t_tmp/out" || not_ok "policy-list-has-$name" "$(cat "$t_tmp/out")"
done
expect_rc policy-list-json 0 "$FIPSCTL" --format json policy list
[ "$(jq length "$t_tmp/out")" = "$n" ] || not_ok policy-list-json-count "$(cat "$t_tmp/out")"
[ "$(jq -r '.[] | select(.name == "tuxcare-esu-9.6") | [.os[].id] | join(",")' "$t_tmp/out")" = "almalinux,rocky" ] ||
	not_ok policy-list-json-os "$(cat "$t_tmp/out")"

expect_rc policy-show-name 0 "$FIPSCTL" policy show tuxcare-esu-almalinux-9.2
cp "$t_tmp/out" "$t_tmp/by-name"
expect_rc policy-show-file 0 "$FIPSCTL" policy show policies/tuxcare-esu-almalinux-9.2.json
if cmp -s "$t_tmp/by-name" "$t_tmp/out"; then ok policy-show-same; else not_ok policy-show-same; fi
# tests/lib.sh sets SOURCE_DATE_EPOCH (2023-11-14): "today" is that day.
grep -q "certificate: certificate #4823, not yet validated on 2023-11-14 (validated 2024-10-07)" "$t_tmp/out" ||
	not_ok policy-show-certificate "$(cat "$t_tmp/out")"
grep -q "not covered aarch64: on aarch64 only the kernel and OpenSSL" "$t_tmp/out" ||
	not_ok policy-show-gap "$(cat "$t_tmp/out")"

# Each certificate's status as of a day (--at, else SOURCE_DATE_EPOCH, else
# today), from cmvp-certificates.json, whose data_as_of (2026-04-15) more
# than 180 days before that day is warned about.
expect_rc policy-show-at 0 "$FIPSCTL" policy show --at 2026-06-01 rhel-9
grep -q "certificate: certificate #4746, active as of 2026-06-01 (sunset 2026-07-30)" "$t_tmp/out" ||
	not_ok policy-show-at-active "$(cat "$t_tmp/out")"
[ ! -s "$t_tmp/err" ] || not_ok policy-show-at-fresh-no-warning "$(cat "$t_tmp/err")"
expect_rc policy-show-at-sunset 0 "$FIPSCTL" policy show --at 2026-07-30 rhel-9
grep -q "certificate: certificate #4746, historical since its sunset date 2026-07-30 (as of 2026-07-30)" "$t_tmp/out" ||
	not_ok policy-show-at-historical "$(cat "$t_tmp/out")"
grep -q "certificate data is 106 days old" "$t_tmp/err" &&
	not_ok policy-show-at-106-days-no-warning "$(cat "$t_tmp/err")"
SOURCE_DATE_EPOCH=$(date -u -d 2026-10-13 +%s) expect_rc policy-show-stale 0 "$FIPSCTL" policy show rhel-9
grep -q "certificate statuses as of 2026-10-13" "$t_tmp/out" || not_ok policy-show-epoch "$(cat "$t_tmp/out")"
grep -q "warning: the certificate data is 181 days old (as of 2026-04-15, more than 180 days before 2026-10-13)" "$t_tmp/err" ||
	not_ok policy-show-stale-warning "$(cat "$t_tmp/err")"
SOURCE_DATE_EPOCH=$(date -u -d 2026-10-12 +%s) expect_rc policy-show-180-days 0 "$FIPSCTL" policy show rhel-9
[ ! -s "$t_tmp/err" ] || not_ok policy-show-180-days-no-warning "$(cat "$t_tmp/err")"
expect_rc policy-show-bad-at 2 "$FIPSCTL" policy show --at 2026-13-01 rhel-9
expect_rc policy-show-json 0 "$FIPSCTL" --format json policy show rhel-9
if [ "$(jq -S . "$t_tmp/out")" = "$(jq -S . policies/rhel-9.json)" ]; then ok policy-show-json-same
else not_ok policy-show-json-same; fi
expect_rc policy-show-unknown 2 "$FIPSCTL" policy show no-such-table
grep -q "no-such-table: no validated-module table of that name (searched $TOP/policies" "$t_tmp/err" ||
	not_ok policy-show-unknown-message "$(cat "$t_tmp/err")"
t_done
