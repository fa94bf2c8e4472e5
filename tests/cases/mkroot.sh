#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkroot.sh AREA/CASE DIR   build the fixture root of tests/cases/AREA/CASE at
#                           DIR (created; it must not exist or be empty)
# mkroot.sh --in OUTDIR AREA/CASE...
#                           build each at OUTDIR/CASE, the base hosts once
# mkroot.sh list            name every case (AREA/CASE)
#
# A case's root is made by its 'mkroot' script, a bash fragment run here
# with ROOT set to DIR (empty, created): it starts from a base host in
# tests/cases/lib/ and changes only what the case is about.  Roots are
# generated, not committed, because most are one base host with one
# change, and some cannot be committed at all (a 100 MB sparse file,
# FIFOs, empty directories, an rpmdb written by rpm, filesystem images).
# Same script, same bytes: every file gets the time SOURCE_DATE_EPOCH.
#
# Exit 77, with the reason on stderr, when this machine lacks what the root
# needs (a tool, the test RPMs); the case is then skipped.
#   MKROOT_CACHE=DIR   keep each base host there once and copy it
set -euo pipefail
umask 022
export LC_ALL=C
CASES=$(cd "$(dirname "$0")" && pwd)

usage() {
	echo "usage: $0 AREA/CASE DIR | $0 --in OUTDIR AREA/CASE... | $0 list" >&2
	exit 2
}

if [ "${1-}" = list ]; then
	[ $# -eq 1 ] || usage
	exec python3 "$CASES/lib/expect.py" --list
fi
if [ "${1-}" = --in ]; then
	[ $# -ge 3 ] || usage
	out=$2
	shift 2
	if [ -z "${MKROOT_CACHE:-}" ]; then
		MKROOT_CACHE=$(mktemp -d)
		trap 'rm -rf "$MKROOT_CACHE"' EXIT
		export MKROOT_CACHE
	fi
	for c in "$@"; do
		"$0" "$c" "$out/${c##*/}"
	done
	exit 0
fi
[ $# -eq 2 ] || usage
case=${1%/}
if [[ $case != */* ]] || [ ! -f "$CASES/$case/mkroot" ]; then
	echo "mkroot.sh: no case $case (no tests/cases/$case/mkroot; see '$0 list')" >&2
	exit 2
fi
ROOT=$2
case $ROOT in /*) ;; *) ROOT=$PWD/$ROOT ;; esac
if [ -e "$ROOT" ] && [ -n "$(ls -A "$ROOT")" ]; then
	echo "mkroot.sh: $ROOT exists and is not empty" >&2
	exit 2
fi
mkdir -p "$ROOT"
EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
# shellcheck source=tests/cases/lib/common.sh
. "$CASES/lib/common.sh"
# shellcheck disable=SC1090
. "$CASES/$case/mkroot"
# (A sparse file keeps its size; touch does not fill it.)
find "$ROOT" -exec touch -h -d "@$EPOCH" {} +
