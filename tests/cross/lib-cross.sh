# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2153,SC2154
# Helpers for the aarch64 tier (sourced by tests/cross/test-*.sh after
# tests/lib.sh).
#
#   cross_setup NAME   skip NAME (and exit 0) under SANITIZE or without the
#                      cross compiler, qemu-aarch64 or the arm64 sysroot
#                      folder; else make CROSS=aarch64 into $XBUILD
#                      (not ok NAME-build and exit 1 when that fails) and
#                      write the probe launchers
#   arm ARGS...        run the aarch64 fipsctl of $XBUILD
#
# How the binaries are started: qemu-aarch64 runs the sysroot's own dynamic
# loader with --library-path, not "qemu-aarch64 -L SYSROOT".  With -L,
# qemu redirects every absolute path that exists in the sysroot -- "/"
# included -- into it, so fipsctl's bounded walk from "/" (src/core/sysroot.h)
# would look for /work/... inside the sysroot and find nothing.  The loader
# form runs the same code on the same libraries without that redirection.
# Without binfmt_misc the emulated fipsctl cannot exec an arm64 probe
# helper itself, so FIPSCTL_PROBE_DIR holds one-line launchers that start
# each real arm64 helper the same way.  User mode shares the host's /proc:
# kernel FIPS state is tested in the VMs (vm-tests/), not here.
SYSROOT=${SYSROOT:-${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/arm64-sysroot}
XBUILD=$BUILD-aarch64
ldso=$SYSROOT/lib/ld-linux-aarch64.so.1
libpath=$SYSROOT/lib/aarch64-linux-gnu:$SYSROOT/usr/lib/aarch64-linux-gnu

cross_setup() {
	local name=$1 setup="tests/setup/50-arm64-sysroot.sh makes it" tool p
	if [ -n "${SANITIZE:-}" ]; then
		skip "$name" "the aarch64 tier runs in the plain build (make check), not under SANITIZE"
		exit 0
	fi
	for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
		command -v "$tool" > /dev/null ||
			{ skip "$name" "$tool is not installed ($setup)"; exit 0; }
	done
	if [ ! -f "$SYSROOT/PACKAGES" ]; then
		skip "$name" "no arm64 sysroot at $SYSROOT ($setup)"
		exit 0
	fi
	if ! env -u MAKEFLAGS -u MAKELEVEL -u SANITIZE make -s -C "$TOP" CROSS=aarch64 \
		SYSROOT="$SYSROOT" BUILD="$XBUILD" -j"$(nproc)" > "$t_tmp/make.log" 2>&1; then
		not_ok "$name-build" "make CROSS=aarch64 BUILD=$XBUILD failed"
		tail -20 "$t_tmp/make.log" >&2
		exit 1
	fi
	mkdir -p "$t_tmp/probes"
	for p in "$XBUILD"/probes/fipsctl-probe-*; do
		printf '#!/bin/sh\nexec qemu-aarch64 %s --library-path %s %s "$@"\n' \
			"$ldso" "$libpath" "$p" > "$t_tmp/probes/${p##*/}"
		chmod +x "$t_tmp/probes/${p##*/}"
	done
}

arm() {
	FIPSCTL_PROBE_DIR=$t_tmp/probes FIPSCTL_POLICY_DIR=$TOP/policies \
		qemu-aarch64 "$ldso" --library-path "$libpath" "$XBUILD/fipsctl" "$@"
}
