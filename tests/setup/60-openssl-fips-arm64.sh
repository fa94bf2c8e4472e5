#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# OpenSSL's FIPS provider for arm64, for the aarch64 VM tests (vm-tests/):
# cross-compiled with aarch64-linux-gnu-gcc from Debian's openssl source,
# the version of the arm64 libssl3 in the sysroot folder
# (tests/setup/50-arm64-sysroot.sh), the way 10-openssl-fips.sh builds the
# x86_64 one.  Result, outside the checkout:
#   ${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/openssl-fips-arm64/
#     fips.so          the arm64 provider (links only libc)
#     fipsmodule.cnf   fipsinstall's output for it
#     VERSION          the Debian source version built
#     BUILT-FOR        the arm64 libssl3 version it was built for
#
# fipsinstall cannot be done by the host's x86_64 openssl: it does not only
# HMAC the file, it loads the module and runs its self-tests, and an x86_64
# process cannot load an arm64 fips.so.  So the arm64 openssl command from
# the sysroot runs it, under qemu-aarch64 user emulation: the arm64 module
# really runs its self-tests and computes its own MACs.  (It is started
# through the sysroot's dynamic loader, not with qemu's -L prefix, as in
# tests/cross/test-aarch64.sh.)
#
# Like the x86_64 build, this is NOT a validated module: the tests use it
# to exercise the real provider code, never to claim validation.
# Idempotent: does nothing when BUILT-FOR matches and both files exist.
. "$(dirname "$0")/lib.sh"

sysroot=$FIPSCTL_CACHE/arm64-sysroot
out=$FIPSCTL_CACHE/openssl-fips-arm64
[ -f "$sysroot/PACKAGES" ] || "$(dirname "$0")/50-arm64-sysroot.sh"
want=$(sed -n 's/^libssl3:arm64=//p' "$sysroot/PACKAGES")
[ -n "$want" ] || { echo "setup: no libssl3:arm64 in $sysroot/PACKAGES" >&2; exit 1; }

if [ -f "$out/fips.so" ] && [ -f "$out/fipsmodule.cnf" ] &&
	[ "$(cat "$out/BUILT-FOR" 2> /dev/null)" = "$want" ]; then
	setup_log "openssl-fips-arm64 $(cat "$out/VERSION") (for libssl3:arm64 $want) already in $out"
	exit 0
fi

setup_apt_install build-essential perl gcc-aarch64-linux-gnu qemu-user binutils
setup_deb_src

work=$FIPSCTL_CACHE/openssl-fips-arm64.build
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
read -r built tree < <(setup_source_near openssl "$want" "$work/src")
[ -n "${tree:-}" ] || exit 1
setup_log "cross-building providers/fips.so for arm64 in $tree"
start=$(date +%s)
(
	cd "$tree"
	# The cross compiler's headers and libc come from the sysroot folder
	# (libc6-dev-arm64-cross need not be installed).
	CC="aarch64-linux-gnu-gcc --sysroot=$sysroot" AR=aarch64-linux-gnu-ar \
		RANLIB=aarch64-linux-gnu-ranlib ./Configure linux-aarch64 enable-fips \
		> "$work/configure.log" 2>&1
	make -j2 build_generated > "$work/make.log" 2>&1
	make -j2 providers/fips.so >> "$work/make.log" 2>&1
) || {
	echo "setup: cross-building fips.so failed; last lines of the logs:" >&2
	tail -n 30 "$work"/configure.log "$work"/make.log >&2 || true
	exit 1
}
machine=$(readelf -h "$tree/providers/fips.so" | sed -n 's/^ *Machine: *//p')
[ "$machine" = AArch64 ] || { echo "setup: fips.so is for '$machine', not AArch64" >&2; exit 1; }
setup_log "arm64 fips.so built in $(($(date +%s) - start)) s"

mkdir -p "$out"
rm -f "$out/VERSION" "$out/BUILT-FOR"
install -m 0644 "$tree/providers/fips.so" "$out/fips.so"
qemu-aarch64 "$sysroot/lib/ld-linux-aarch64.so.1" \
	--library-path "$sysroot/lib/aarch64-linux-gnu:$sysroot/usr/lib/aarch64-linux-gnu" \
	"$sysroot/usr/bin/openssl" fipsinstall -module "$out/fips.so" \
	-out "$out/fipsmodule.cnf" -provider_name fips > "$work/fipsinstall.log" 2>&1 || {
	echo "setup: arm64 openssl fipsinstall failed:" >&2
	tail -n 20 "$work/fipsinstall.log" >&2
	exit 1
}
grep -q 'INSTALL PASSED' "$work/fipsinstall.log" || {
	echo "setup: arm64 openssl fipsinstall did not print INSTALL PASSED" >&2
	exit 1
}
echo "$built" > "$out/VERSION"
echo "$want" > "$out/BUILT-FOR"
setup_log "openssl-fips-arm64 $built (for libssl3:arm64 $want) ready in $out"
