#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A Debian 12 root file system with systemd, for vm-tests/mkimage --base
# debian (x86_64): an image that boots as a distribution does -- systemd
# 252 (EL9's major version too), udev, agetty on the serial console, bash
# as root's shell -- with the libraries fipsctl needs installed as
# packages.  Made with debootstrap (minbase) from the configured Debian
# mirror, as root (CI runs as root).  Result, outside the checkout:
#   ${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/vm/x86_64/debian-rootfs/
#     root/        the file system (package caches and lists removed)
#     PACKAGES     dpkg-query's package=version list of it
#     RECIPE       suite, variant and the packages asked for
# Idempotent: nothing is done while RECIPE is the same (the mirror is
# live; PACKAGES says what a cache was made from).
. "$(dirname "$0")/lib.sh"

vm=$FIPSCTL_CACHE/vm
setup_apt_install debootstrap
if [ "$(id -u)" -ne 0 ]; then
	setup_log "vm rootfs: debootstrap needs root; skipped (vm-tests/mkimage --base debian will say so)"
	exit 0
fi
suite=bookworm
# systemd as init, udev for /dev/disk/by-uuid, kmod for modules-load,
# and the runtime libraries of fipsctl's helpers (the SONAMEs the build
# links: libjson-c, libblkid, libuuid, libcrypto, libgcrypt, libgnutls,
# NSS, librpm, libarchive) with openssl for its openssl.cnf.
pkgs=systemd-sysv,udev,kmod,openssl,libssl3,libgcrypt20,libgnutls30,libnss3,libjson-c5,libblkid1,libuuid1,librpm9,libarchive13
recipe="$suite minbase $pkgs"
dir=$vm/x86_64/debian-rootfs
if [ -f "$dir/RECIPE" ] && [ "$(cat "$dir/RECIPE")" = "$recipe" ]; then
	setup_log "vm rootfs: $recipe already in $dir"
	exit 0
fi
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2> /dev/null | head -1)
mirror=${mirror%% *}
: "${mirror:=http://deb.debian.org/debian}"
start=$(date +%s)
rm -rf "$dir.new"
mkdir -p "$dir.new"
if ! debootstrap --variant=minbase --include="$pkgs" "$suite" "$dir.new/root" "$mirror" > "$dir.new/debootstrap.log" 2>&1; then
	tail -20 "$dir.new/debootstrap.log" >&2
	echo "setup: debootstrap $suite from $mirror failed" >&2
	exit 1
fi
rm -f "$dir.new/root"/var/cache/apt/archives/*.deb "$dir.new/root"/var/cache/apt/*.bin
rm -rf "$dir.new/root"/var/lib/apt/lists/*
dpkg-query --admindir="$dir.new/root/var/lib/dpkg" -W -f '${Package}=${Version}\n' > "$dir.new/PACKAGES"
echo "$recipe" > "$dir.new/RECIPE"
rm -rf "$dir"
mv "$dir.new" "$dir"
setup_log "vm rootfs: Debian $suite with systemd ($(wc -l < "$dir/PACKAGES") packages, $(du -sm "$dir/root" | cut -f1) MiB) in $dir in $(($(date +%s) - start)) s"
