#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Print every shipped validated-module table (policies/*.json, in name
# order) in the stable text form of 'fipsctl policy show'.  'make
# policy-snapshot' stores this as tests/policy-snapshot.txt;
# tests/policy/test-snapshot.sh fails when they differ.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FIPSCTL:=$top/build/fipsctl}"
cd "$top"
export LC_ALL=C
SNAPSHOT_AT=2026-12-01
echo "# fipsctl validated-module tables: 'make policy-snapshot' writes this file."
echo "# Review its diff with the change to policies/ that caused it."
echo "# Certificate statuses as of $SNAPSHOT_AT."
# Certificates are shown as of a fixed day, so the file changes with the
# data, not with the calendar; cmvp-certificates.json and signing-keys.json
# are the tables' data, not tables (their facts show in the tables').
for f in policies/*.json; do
	case ${f##*/} in cmvp-certificates.json | signing-keys.json) continue ;; esac
	echo
	# The data file's path is the checkout's: shown relative to it.
	"$FIPSCTL" policy show --at "$SNAPSHOT_AT" "$f" | sed "s|$top/||g"
done
