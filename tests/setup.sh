#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs every executable tests/setup/*.sh in name order.  Each builds an
# expensive test fixture (a FIPS provider, a special library build) into
# ${FIPSCTL_CACHE:-/var/cache/fipsctl-test} and returns at once when its
# cached result is current.  To add one, drop an executable script there.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)/setup
shopt -s nullglob
for s in "$dir"/*.sh; do
	[ -x "$s" ] || continue # sourced helpers such as lib.sh
	echo "tests/setup.sh: ${s#"$dir"/}"
	"$s"
done
