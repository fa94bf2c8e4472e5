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
echo "# fipsctl validated-module tables: 'make policy-snapshot' writes this file."
echo "# Review its diff with the change to policies/ that caused it."
for f in policies/*.json; do
	echo
	"$FIPSCTL" policy show "$f"
done
