#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What vm-tests/run boots: Debian 12's kernels for x86_64 and arm64 and
# busybox-static for both, downloaded with apt-get download (never
# installed), unpacked with dpkg-deb.  Result, outside the checkout:
#   ${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/vm/
#     debs/                  the downloaded .debs (the mirror is live)
#     <arch>/kernel          x86_64: the uncompressed vmlinux (an ELF with a
#                            PVH entry: QEMU boots it without the slow xz
#                            decompression under TCG); aarch64: the Image
#     <arch>/modules/lib/modules/<release>/
#                            the crypto modules (kernel/crypto,
#                            kernel/arch/*/crypto, kernel/lib) and depmod
#     <arch>/busybox         busybox-static for that arch
#     <arch>/release         the kernel release (uname -r)
#     <arch>/VERSIONS        package=version of everything above
# Idempotent: nothing is done while VERSIONS equals what the package lists
# name (linux-image-<arch> resolved to its versioned kernel package).
# qemu-system-* and the host tools vm-tests/run needs are installed here.
. "$(dirname "$0")/lib.sh"

vm=$FIPSCTL_CACHE/vm
setup_apt_install qemu-system-x86 qemu-system-arm cpio kmod zstd xz-utils jq \
	binutils libnss3-tools
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	setup_log "dpkg --add-architecture arm64"
	dpkg --add-architecture arm64
	apt-get update -q > /dev/null
fi

# kernel_pkg META: linux-image-amd64 -> linux-image-6.1.0-NN-amd64.
kernel_pkg() { apt-cache depends "$1" | awk '/Depends: linux-image-/ { print $2; exit }'; }
deb_of() { setup_deb_file "$vm/debs" "$1"; }

# vmlinux_from_bzimage BZIMAGE OUT: Debian's x86 kernel is xz-compressed
# (CONFIG_KERNEL_XZ); the payload starts at the first xz stream magic.
vmlinux_from_bzimage() {
	local off
	off=$(export LC_ALL=C; grep -obUaP -m1 '\xfd7zXZ\x00' "$1" | sed -n '1s/:.*//p')
	[ -n "$off" ] || { echo "setup: no xz stream in $1" >&2; return 1; }
	# The stream is followed by other bzImage data: xz stops after it.
	# (tail in a process substitution: its SIGPIPE is no pipeline failure)
	xz -dc --single-stream < <(tail -c +$((off + 1)) "$1") > "$2"
	# XEN_ELFNOTE_PHYS32_ENTRY (18): the PVH entry point.  grep -c reads
	# all of readelf's output (grep -q would break the pipe under pipefail).
	[ "$(readelf -n "$2" | grep -c 'Xen.*(0x00000012)')" -ge 1 ] ||
		{ echo "setup: $2 has no PVH entry note" >&2; return 1; }
}

prepare() { # ARCH DEBARCH META
	local arch=$1 debarch=$2 meta=$3 kpkg bbpkg dir
	kpkg=$(kernel_pkg "$meta")
	[ -n "$kpkg" ] || { echo "setup: cannot resolve $meta" >&2; return 1; }
	bbpkg=busybox-static
	[ "$debarch" = amd64 ] || bbpkg=busybox-static:$debarch
	local want
	want="$kpkg=$(setup_candidate "$kpkg")"$'\n'"$bbpkg=$(setup_candidate "$bbpkg")"
	dir=$vm/$arch
	if [ -f "$dir/VERSIONS" ] && [ "$(cat "$dir/VERSIONS")" = "$want" ]; then
		setup_log "vm: $arch $(tr '\n' ' ' < "$dir/VERSIONS")already in $dir"
		return 0
	fi
	# shellcheck disable=SC2086
	setup_download "$vm/debs" $want
	local kdeb bdeb start
	kdeb=$(deb_of "${want%%$'\n'*}") bdeb=$(deb_of "${want#*$'\n'}")
	start=$(date +%s)
	rm -rf "$dir" "$dir.new"
	mkdir -p "$dir.new/x"
	# Only what the initramfs can use: the kernel image, the crypto
	# modules and the modules.* lists depmod needs.
	dpkg-deb --fsys-tarfile "$kdeb" | tar -C "$dir.new/x" -x --wildcards \
		'./boot/vmlinuz-*' './lib/modules/*/kernel/crypto' \
		'./lib/modules/*/kernel/arch/*/crypto' './lib/modules/*/kernel/lib' \
		'./lib/modules/*/modules.builtin*' './lib/modules/*/modules.order'
	local rel
	rel=$(basename "$(find "$dir.new/x/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -1)")
	mkdir -p "$dir.new/modules/lib"
	mv "$dir.new/x/lib/modules" "$dir.new/modules/lib/"
	depmod -b "$dir.new/modules" "$rel"
	if [ "$arch" = x86_64 ]; then
		vmlinux_from_bzimage "$dir.new/x/boot/vmlinuz-$rel" "$dir.new/kernel"
	else
		mv "$dir.new/x/boot/vmlinuz-$rel" "$dir.new/kernel"
	fi
	dpkg-deb --fsys-tarfile "$bdeb" | tar -C "$dir.new/x" -x ./bin/busybox
	mv "$dir.new/x/bin/busybox" "$dir.new/busybox"
	rm -rf "$dir.new/x"
	echo "$rel" > "$dir.new/release"
	echo "$want" > "$dir.new/VERSIONS"
	mv "$dir.new" "$dir"
	setup_log "vm: $arch kernel $rel ready in $dir in $(($(date +%s) - start)) s"
}

mkdir -p "$vm/debs"
prepare x86_64 amd64 linux-image-amd64
prepare aarch64 arm64 linux-image-arm64:arm64
# Only the .debs named by the current VERSIONS stay.
keep=$(while IFS= read -r p; do deb_of "$p"; done < <(cat "$vm"/*/VERSIONS))
find "$vm/debs" -name '*.deb' | while IFS= read -r f; do
	grep -qxF "$f" <<< "$keep" || rm -f "$f"
done
