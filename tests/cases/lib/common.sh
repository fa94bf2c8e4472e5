# SPDX-License-Identifier: GPL-2.0-or-later
# What every case's mkroot script may use (sourced by tests/cases/mkroot.sh,
# which sets ROOT, CASES and, in test runs, MKROOT_CACHE).

# put FILE: stdin becomes FILE (parents created).
put() {
	mkdir -p "${1%/*}"
	cat > "$1"
}

# link FILE TARGET: a symlink exactly as given (absolute or relative).
link() {
	mkdir -p "${1%/*}"
	ln -sfn "$2" "$1"
}

# need COMMAND WHY: this root cannot be built here without COMMAND; the
# case is skipped with WHY (exit 77, as automake's skip).
need() {
	command -v "$1" > /dev/null && return 0
	echo "$2" >&2
	exit 77
}

# grub_editenv ARGS...: EL9's grub2-editenv or Debian's grub-editenv.
grub_editenv() {
	local tool
	for tool in grub2-editenv grub-editenv; do
		if command -v "$tool" > /dev/null; then
			"$tool" "$@"
			return
		fi
	done
	echo "grub-editenv is not installed (Debian grub-common, EL9 grub2-tools; tests/deps.sh)" >&2
	exit 77
}

# kernel_hmac IMAGE: IMAGE's .hmac file beside it, as sha512hmac (libkcapi)
# writes it for the kernel package: "<hex>  <name>", HMAC-SHA512 with
# libkcapi's default key.
kernel_hmac() {
	local dir=${1%/*} name=${1##*/} mac
	mac=$(openssl dgst -sha512 -hmac FIPS-FTW-RHT2009 -r "$1" | cut -d' ' -f1)
	[ ${#mac} -eq 128 ] || { echo "kernel_hmac: openssl dgst failed for $1" >&2; exit 1; }
	printf '%s  %s\n' "$mac" "$name" > "$dir/.$name.hmac"
}

# base NAME FUNCTION: build a base host with FUNCTION into $ROOT.  With
# MKROOT_CACHE set, each base is built once there and copied, so that a
# test run does not rebuild it for every case.
base() {
	local name=$1 fn=$2
	if [ -z "${MKROOT_CACHE:-}" ]; then
		"$fn" "$ROOT"
		return
	fi
	if [ ! -d "$MKROOT_CACHE/$name" ]; then
		mkdir -p "$MKROOT_CACHE"
		local tmp
		tmp=$(mktemp -d "$MKROOT_CACHE/.$name.XXXXXX")
		chmod 755 "$tmp"
		"$fn" "$tmp"
		mv -T "$tmp" "$MKROOT_CACHE/$name"
	fi
	cp -a "$MKROOT_CACHE/$name/." "$ROOT/"
}

# el_tools ROOT [TOOL...]: the programs of an EL9 host whose presence the
# checks look at to word a remedy (checks/remedy.c; default: all of
# fips-mode-setup, update-crypto-policies, grubby, lsinitrd).  They are
# never run, and these placeholders would refuse to.
el_tools() {
	local r=$1 t
	shift
	[ $# -gt 0 ] || set -- fips-mode-setup update-crypto-policies grubby lsinitrd
	for t in "$@"; do
		printf '#!/bin/sh\necho "fipsctl fixture: placeholder for %s" >&2\nexit 1\n' "$t" |
			put "$r/usr/bin/$t"
		chmod 755 "$r/usr/bin/$t"
	done
}

# from_case AREA/CASE: start from another case's root (this case is that
# one with a change).
from_case() {
	# shellcheck disable=SC1090
	. "$CASES/$1/mkroot"
}
