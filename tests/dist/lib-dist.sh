# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# Helpers for the install and packaging checks (sourced by tests/dist/ and
# tools/distcheck.sh): the files an installation must hold, and those it
# holds.

# dist_expected TOP [MAKE VARIABLES...]: tests/dist/installed-files with
# the installation directories 'make print-installdirs' gives for them,
# sorted.
dist_expected() {
	local top=$1 line var value script=
	shift
	while IFS= read -r line; do
		var=${line%%=*}
		value=${line#*=}
		script+="s|\${$var}|$value|g;"
	done < <(env -u MAKEFLAGS -u MAKELEVEL make -s -C "$top" print-installdirs "$@")
	[ -n "$script" ] || return 1
	grep -v '^#' "$top/tests/dist/installed-files" | sed "$script" | sed 's|//*|/|g' | LC_ALL=C sort
}

# dist_installed DESTDIR: what is installed under DESTDIR, as absolute
# paths: every file and link, and the directories whose path names
# fipsctl (ending in /), sorted.
dist_installed() {
	(cd "$1" && find . -mindepth 1 \( -type d -printf '/%P/\n' -o -printf '/%P\n' \)) |
		awk '!/\/$/ || /fipsctl/' | LC_ALL=C sort
}
