#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The aarch64 build (make CROSS=aarch64 against the arm64 sysroot folder of
# tests/setup/50-arm64-sysroot.sh) run under qemu-aarch64 user emulation:
# the binaries are real arm64 code linked against Debian's arm64 libraries,
# compared with the native x86_64 build on the same inputs.
# How the binaries are started: tests/cross/lib-cross.sh.
. "$(dirname "$0")/../lib.sh"
: "${t_tmp:?lib.sh did not set up a scratch directory}"
. "$(dirname "$0")/lib-cross.sh"

# 1. The cross build itself: every program is an AArch64 ELF.
cross_setup cross-build-aarch64
bad=
progs=("$XBUILD/fipsctl" "$XBUILD"/probes/fipsctl-probe-*)
for p in "${progs[@]}"; do
	m=$(readelf -h "$p" 2> /dev/null | sed -n 's/^ *Machine: *//p')
	[ "$m" = AArch64 ] || bad+=" ${p#"$XBUILD"/}($m)"
done
if [ -z "$bad" ] && [ ${#progs[@]} -ge 2 ]; then
	ok "cross-build-aarch64 (${#progs[@]} programs)"
else
	not_ok cross-build-aarch64 "not AArch64:$bad"
fi

# 2. --version: same text, exit 0.
a=$(arm --version 2>&1); arc=$?
x=$("$FIPSCTL" --version 2>&1)
if [ $arc -eq 0 ] && [ "$a" = "$x" ] && [ -n "$a" ]; then
	ok "aarch64-version ($a)"
else
	not_ok aarch64-version "aarch64 said '$a' (exit $arc), x86_64 '$x'"
fi

# 3. The whole check of the example root (file checks, the rpmdb helper,
# validated-module tables): byte for byte the x86_64 report.
cd "$TOP" || exit 1
arm --root examples/alma92-fips check --format json > "$t_tmp/a.json" 2> "$t_tmp/a.err"; arc=$?
FIPSCTL_POLICY_DIR=$TOP/policies "$FIPSCTL" --root examples/alma92-fips check --format json \
	> "$t_tmp/x.json" 2> "$t_tmp/x.err"; xrc=$?
if [ ! -s "$t_tmp/x.json" ]; then
	not_ok aarch64-example-json "the x86_64 build printed no report (exit $xrc)"
	sed 's/^/    /' "$t_tmp/x.err" | head >&2
elif [ $arc -eq $xrc ] && cmp -s "$t_tmp/a.json" "$t_tmp/x.json"; then
	ok "aarch64-example-json ($(jq '.findings | length' "$t_tmp/a.json") findings, exit $arc on both)"
else
	not_ok aarch64-example-json "aarch64 (exit $arc) and x86_64 (exit $xrc) reports differ"
	diff "$t_tmp/x.json" "$t_tmp/a.json" | head -20 >&2
	sed 's/^/    aarch64 stderr: /' "$t_tmp/a.err" | head >&2
fi

# 4. A probe run: the arm64 libgcrypt helper.  Forced into FIPS mode it
# must pass its FIPS mode and GCRYCTL_SELFTEST findings; unforced (the
# host kernel is not in FIPS mode) FIPS mode must fail -- so the result
# comes from the library, not from the launcher.
status_of() { jq -r --arg id "$1" '.findings[] | select(.id == $id) | .status' "$2" 2> /dev/null; }
LIBGCRYPT_FORCE_FIPS_MODE=1 arm check --only 'libgcrypt.*' --selftest --format json \
	> "$t_tmp/g1.json" 2> "$t_tmp/g1.err"
arm check --only 'libgcrypt.fips_mode' --format json > "$t_tmp/g0.json" 2> "$t_tmp/g0.err"
got="$(status_of libgcrypt.fips_mode "$t_tmp/g1.json") $(status_of libgcrypt.selftest "$t_tmp/g1.json") $(status_of libgcrypt.fips_mode "$t_tmp/g0.json")"
host_fips=$(cat /proc/sys/crypto/fips_enabled 2> /dev/null || echo 0)
if [ "$host_fips" = 1 ]; then
	skip aarch64-probe-libgcrypt "the host kernel is in FIPS mode: the unforced case cannot fail"
elif [ "$got" = "pass pass fail" ]; then
	ok "aarch64-probe-libgcrypt ($(jq -r '.findings[] | select(.id == "libgcrypt.selftest") | .summary' "$t_tmp/g1.json"))"
else
	not_ok aarch64-probe-libgcrypt "fips_mode/selftest forced, fips_mode unforced: got '$got', want 'pass pass fail'"
	sed 's/^/    stderr: /' "$t_tmp/g1.err" | head >&2
fi

# 5. The arm64 NSS softoken's FIPS power-up tests and integrity check (its
# .chk files come from the arm64 libnss3 package).
arm check --only nss.selftest --format json > "$t_tmp/n.json" 2> "$t_tmp/n.err"
st=$(status_of nss.selftest "$t_tmp/n.json")
if [ "$st" = pass ]; then
	ok "aarch64-probe-nss-selftest ($(jq -r '.findings[0].summary' "$t_tmp/n.json"))"
else
	not_ok aarch64-probe-nss-selftest "nss.selftest is '$st', want pass"
	sed 's/^/    stderr: /' "$t_tmp/n.err" | head >&2
fi
t_done
