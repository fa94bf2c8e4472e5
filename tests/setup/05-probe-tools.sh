#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Tools the probe tests drive (tests/probes/): certutil and modutil
# (libnss3-tools) make real NSS databases and switch them to FIPS mode,
# readelf (binutils) finds .rodata to flip a byte in a library copy,
# patchelf makes a copy of a probe helper need a library that does not
# exist (the real "not installed" loader failure), jq reads the JSON
# report.  Nothing is built or cached; installing is idempotent.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

setup_apt_install libnss3-tools binutils patchelf jq
setup_log "probe tools: $(command -v certutil modutil readelf patchelf jq | tr '\n' ' ')"
