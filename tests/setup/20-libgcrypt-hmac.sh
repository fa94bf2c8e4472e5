#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build libgcrypt from Debian's source with --enable-hmac-binary-check, so
# the probe tests can cause a real integrity failure.  Debian's
# own libgcrypt20 is built without it and has nothing to check.
#
# Result: $FIPSCTL_CACHE/libgcrypt-hmac/lib/libgcrypt.so.20 (use it with
# LD_LIBRARY_PATH), and VERSION holding the Debian version it was built
# from.  The HMAC is embedded the way the library's own build does it:
# src/Makefile runs gen-note-integrity.sh (HMAC-SHA256 over the ELF header
# with its section fields zeroed plus every loadable segment) and adds the
# result with objcopy as the ELF note section .note.fdo.integrity.  With
# that option, libgcrypt runs its power-up tests and the integrity check
# in a constructor when the library is loaded in FIPS mode.
#
# The module version string is set so the probe's module_version fact can
# be tested; it names this as a test build, never a validated module.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkg=libgcrypt20
ver=$(setup_pkg_version "$pkg")
out=$FIPSCTL_CACHE/libgcrypt-hmac
stamp="$pkg $ver hmac-binary-check"
module_version="fipsctl test build $ver"

if [ -f "$out/lib/libgcrypt.so.20" ] && [ "$(cat "$out/VERSION" 2> /dev/null)" = "$stamp" ]; then
	setup_log "libgcrypt-hmac: cached ($stamp)"
	exit 0
fi

setup_apt_install build-essential libgpg-error-dev binutils gawk
setup_deb_src
start=$(date +%s)
tree=$(setup_debian_source "$pkg" "$ver" "$out/src")
rm -rf "$out/lib" "$out/VERSION"

cd "$tree"
if [ ! -f config.status ]; then
	setup_log "libgcrypt-hmac: configure"
	# Debian's own flags plus the integrity check.
	./configure -q --enable-noexecstack --enable-ld-version-script \
		--enable-hmac-binary-check \
		--with-fips-module-version="$module_version" \
		--disable-doc > configure.log 2>&1 ||
		{ tail -30 configure.log >&2; exit 1; }
fi
setup_log "libgcrypt-hmac: make (library only)"
# The library needs only these directories; skipping tests/ and doc/
# halves the build.  libgcrypt.la.done is the target that embeds the HMAC.
{
	for d in compat mpi cipher random; do
		make -s -j2 -C "$d"
	done
	make -s -j2 -C src libgcrypt.la.done
} > make.log 2>&1 || { tail -30 make.log >&2; exit 1; }

so=$(readlink -f src/.libs/libgcrypt.so)
sections=$(readelf -W -S "$so")
if ! grep -q '\.note\.fdo\.integrity' <<< "$sections"; then
	echo "setup: $so has no .note.fdo.integrity section" >&2
	exit 1
fi
mkdir -p "$out/lib"
cp "$so" "$out/lib/libgcrypt.so.20"
echo "$stamp" > "$out/VERSION"
setup_log "libgcrypt-hmac: built in $(($(date +%s) - start)) s -> $out/lib"
