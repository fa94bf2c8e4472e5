#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build GnuTLS from Debian's source with --enable-fips140-mode.
# Debian's libgnutls30 is built without it: FIPS mode, its self-tests at
# load and the .hmac integrity check exist only in such a build.
#
# Result in $FIPSCTL_CACHE/gnutls-fips/:
#   lib/libgnutls.so.30   the library (use it with LD_LIBRARY_PATH=lib)
#   lib/.gnutls.hmac      its integrity file, made for exactly that path
#   bin/fipshmac          the build's own HMAC tool, so a test can make a
#                         valid .hmac for a copy of the library elsewhere
#   VERSION               the Debian version built
#
# The integrity file: GnuTLS 3.7.9 reads "<dir of libgnutls>/.gnutls.hmac"
# (or <dir>/fipscheck/.gnutls.hmac), an ini file written by lib/fipshmac
# (lib/Makefile.am: ".libs/.gnutls.hmac: libgnutls.la fipshmac").  It holds
# the path and HMAC-SHA256 of libgnutls, libnettle, libhogweed and libgmp,
# and the library compares those paths with where it was really loaded
# from.  The file make leaves in lib/.libs names the build tree, so it is
# made again here with fipshmac for the cached copy's own path.  (Older
# GnuTLS used one .libgnutls.so.30.hmac file per library.)
#
# The unpatched upstream tarball of the Debian version is built: Debian's
# patches change Makefile.am files and would need a full autoreconf, and
# none of them touches the FIPS code.  Module name and version are set so
# the probe's module facts can be tested; they name this as a test build.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

srcpkg=gnutls28
ver=$(setup_pkg_version libgnutls30)
out=$FIPSCTL_CACHE/gnutls-fips
stamp="$srcpkg $ver fips140-mode"

if [ -f "$out/lib/libgnutls.so.30" ] && [ -f "$out/lib/.gnutls.hmac" ] &&
	[ -x "$out/bin/fipshmac" ] &&
	[ "$(cat "$out/VERSION" 2> /dev/null)" = "$stamp" ]; then
	setup_log "gnutls-fips: cached ($stamp)"
	exit 0
fi

setup_apt_install build-essential pkg-config xz-utils nettle-dev libgmp-dev \
	libtasn1-6-dev libidn2-dev
setup_deb_src
start=$(date +%s)
mkdir -p "$out"
out=$(cd "$out" && pwd -P) # the .hmac records real paths
rm -rf "$out/lib" "$out/bin" "$out/VERSION"

srcdir=$out/src
if [ ! -f "$srcdir/.unpacked-$ver" ]; then
	rm -rf "$srcdir"
	mkdir -p "$srcdir"
	setup_apt_source "$srcpkg" "$ver" "$srcdir" --download-only
	orig=$(find "$srcdir" -maxdepth 1 -name "${srcpkg}_*.orig.tar.*" ! -name '*.asc' | head -1)
	[ -n "$orig" ] || { echo "setup: no ${srcpkg} orig tarball in $srcdir" >&2; exit 1; }
	tar -C "$srcdir" -xf "$orig"
	touch "$srcdir/.unpacked-$ver"
fi
tree=$(find "$srcdir" -mindepth 1 -maxdepth 1 -type d -name 'gnutls-*' | head -1)
[ -n "$tree" ] || { echo "setup: no gnutls-* tree in $srcdir" >&2; exit 1; }

cd "$tree"
if [ ! -f config.status ]; then
	setup_log "gnutls-fips: configure"
	./configure -q --enable-fips140-mode \
		--with-fips140-module-name="fipsctl test build of GnuTLS" \
		--with-fips140-module-version="$ver" \
		--disable-doc --disable-tests --disable-tools --without-p11-kit \
		--with-included-unistring --disable-guile > configure.log 2>&1 ||
		{ tail -30 configure.log >&2; exit 1; }
fi
grep -q '^#define ENABLE_FIPS140 1' config.h ||
	{ echo "setup: configure did not enable FIPS140 mode (see $tree/configure.log)" >&2; exit 1; }
setup_log "gnutls-fips: make (2-3 minutes on 2 cores)"
make -s -j2 > make.log 2>&1 || { tail -30 make.log >&2; exit 1; }

so=$(readlink -f lib/.libs/libgnutls.so.30)
tool=lib/.libs/fipshmac
[ -x "$tool" ] || { echo "setup: $tree/$tool was not built" >&2; exit 1; }
mkdir -p "$out/lib" "$out/bin"
cp "$so" "$out/lib/libgnutls.so.30"
cp "$tool" "$out/bin/fipshmac"
LD_LIBRARY_PATH=$out/lib "$out/bin/fipshmac" "$out/lib/libgnutls.so.30" \
	> "$out/lib/.gnutls.hmac.tmp"
mv "$out/lib/.gnutls.hmac.tmp" "$out/lib/.gnutls.hmac"
echo "$stamp" > "$out/VERSION"
setup_log "gnutls-fips: built in $(($(date +%s) - start)) s -> $out/lib"
