#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# An arm64 sysroot folder for the aarch64 cross build (make CROSS=aarch64),
# for running the aarch64 binaries under qemu-aarch64 user emulation
# (tests/cross/) and for the aarch64 VM's libraries (vm-tests/).
#
# Debian 12's arm64 -dev packages for libgcrypt, libgpg-error and NSPR are
# Multi-Arch: no: installing them beside the amd64 ones silently removes
# the amd64 ones (notes/qemu-fips-boot.md).  So nothing arm64 is ever
# installed: the arm64 packages are only downloaded (apt-get download,
# after dpkg --add-architecture arm64) and unpacked with dpkg-deb -x.
#
# Result in $FIPSCTL_CACHE/arm64-sysroot/: the unpacked tree (libc6-dev
# included, so it is a complete sysroot for --sysroot), with absolute
# symlinks made relative so they resolve inside the folder, plus
#   PACKAGES   name:arm64=version of every package unpacked
#   WANT       the packages asked for (below)
# The .debs stay in $FIPSCTL_CACHE/arm64-sysroot.debs/ (the mirror is
# live: a later run reuses them while the versions are the same).
#
# The package set is the dependency closure of the -dev packages the
# build needs, resolved by apt against an EMPTY package status (so the
# host's installed amd64 packages do not change the answer); only the
# arm64 packages of that closure are taken.  Idempotent: nothing is done
# while PACKAGES equals the closure the current package lists give.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$FIPSCTL_CACHE/arm64-sysroot
debs=$FIPSCTL_CACHE/arm64-sysroot.debs
# What the build links (the -dev packages of the Makefile's CORE_PKGS and
# PROBE_*_PKGS pkg-config names: add one here when the Makefile gains a
# name), openssl for fipsinstall of the arm64 FIPS provider
# (tests/setup/60-*), libc6-dev.
WANT=(libc6-dev libjson-c-dev libblkid-dev uuid-dev libssl-dev openssl
	libgcrypt20-dev libgpg-error-dev libgnutls28-dev libnss3-dev libnspr4-dev
	librpm-dev libarchive-dev)

setup_apt_install gcc-aarch64-linux-gnu qemu-user pkg-config binutils
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	setup_log "dpkg --add-architecture arm64"
	dpkg --add-architecture arm64
	apt-get update -q > /dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The closure can only change when a package in it changes version: while
# every package of PACKAGES is still the candidate, it is current (0.8 s,
# where resolving it again takes 7 s).
if [ -f "$out/PACKAGES" ] && [ "$(cat "$out/WANT" 2> /dev/null)" = "${WANT[*]}" ]; then
	# shellcheck disable=SC2046 # one package name per word
	apt-cache policy $(sed 's/=.*//' "$out/PACKAGES") 2> /dev/null |
		awk '/^[^ ].*:$/ { p = substr($0, 1, length($0) - 1) }
		     /^  Candidate:/ { print p "=" $2 }' | sort > "$tmp/candidates"
	if cmp -s "$tmp/candidates" "$out/PACKAGES"; then
		setup_log "arm64-sysroot: $(wc -l < "$out/PACKAGES") packages already in $out"
		exit 0
	fi
fi
: > "$tmp/status"
resolve() {
	apt-get -s -o Dir::State::status="$tmp/status" install \
		--no-install-recommends "${WANT[@]/%/:arm64}" > "$tmp/sim" 2>&1
}
if ! resolve; then
	# A fresh machine may not have the arm64 lists yet.
	apt-get update -q > /dev/null
	resolve || { cat "$tmp/sim" >&2; exit 1; }
fi
sed -n 's/^Inst \([^ ]*:arm64\) (\([^ ]*\) .*/\1=\2/p' "$tmp/sim" | sort > "$tmp/packages"
[ -s "$tmp/packages" ] || { echo "setup: apt resolved no arm64 package" >&2; exit 1; }

if [ -f "$out/PACKAGES" ] && cmp -s "$out/PACKAGES" "$tmp/packages" &&
	[ "$(cat "$out/WANT" 2> /dev/null)" = "${WANT[*]}" ]; then
	setup_log "arm64-sysroot: $(wc -l < "$out/PACKAGES") packages already in $out"
	exit 0
fi

start=$(date +%s)
mkdir -p "$debs"
# apt-get download names files name_version_arch.deb with ':' as %3a.
need=()
while IFS= read -r p; do
	n=${p%%:arm64=*} v=${p#*=}
	[ -f "$debs/${n}_${v//:/%3a}_arm64.deb" ] || need+=("$p")
done < "$tmp/packages"
if [ ${#need[@]} -gt 0 ]; then
	setup_log "arm64-sysroot: downloading ${#need[@]} packages"
	(cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "${need[@]}" > /dev/null)
fi

rm -rf "$out" "$out.new"
mkdir -p "$out.new"
while IFS= read -r p; do
	n=${p%%:arm64=*} v=${p#*=}
	dpkg-deb -x "$debs/${n}_${v//:/%3a}_arm64.deb" "$out.new"
done < "$tmp/packages"
# /usr/lib/aarch64-linux-gnu/libm.so -> /lib/aarch64-linux-gnu/libm.so.6
# and the like would point at the host: make them relative.
find "$out.new" -type l -lname '/*' -print0 | while IFS= read -r -d '' l; do
	t=$(readlink "$l")
	ln -sfn "$(realpath -m --relative-to="$(dirname "$l")" "$out.new$t")" "$l"
done
# Keep only the .debs of this set.
find "$debs" -name '*.deb' -printf '%f\n' | while IFS= read -r f; do
	grep -qxF "$(echo "$f" | sed 's/_\(.*\)_arm64\.deb$/:arm64=\1/; s/%3a/:/g')" "$tmp/packages" ||
		rm -f "$debs/$f"
done
cp "$tmp/packages" "$out.new/PACKAGES"
echo "${WANT[*]}" > "$out.new/WANT"
mv "$out.new" "$out"
setup_log "arm64-sysroot: $(wc -l < "$out/PACKAGES") packages unpacked in $out in $(($(date +%s) - start)) s"
