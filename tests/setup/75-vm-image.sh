#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What vm-tests/mkimage builds a bootable disk image from, for vm-tests/run
# --image: the UEFI firmware and disk tools (installed), and per arch, from
# Debian's packages (downloaded with apt-get download, never installed):
#   ${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/vm/<arch>/image/
#     vmlinuz                the kernel as Debian installs it in /boot (the
#                            same kernel package as tests/setup/70-vm-kernels.sh)
#     modules/lib/modules/<release>/
#                            what the image boots with: the crypto modules,
#                            virtio (PCI, block), ext4, vfat and its
#                            character sets, with depmod output
#     grub/<platform>/       GRUB's EFI modules (x86_64-efi, arm64-efi)
#     release, VERSIONS
# Idempotent: nothing is done while VERSIONS names the kernel package of
# 70-vm-kernels.sh's cache and GRUB's candidate version.
. "$(dirname "$0")/lib.sh"

vm=$FIPSCTL_CACHE/vm
setup_apt_install ovmf qemu-efi-aarch64 grub-common mtools fdisk dosfstools e2fsprogs \
	qemu-utils qemu-system-x86 qemu-system-arm cpio kmod gzip
if [ ! -f "$vm/x86_64/VERSIONS" ] || [ ! -f "$vm/aarch64/VERSIONS" ]; then
	"$(dirname "$0")/70-vm-kernels.sh"
fi

prepare() { # ARCH GRUBPKG PLATFORM
	local arch=$1 grubpkg=$2 platform=$3 kline want dir kdeb gdeb rel start
	kline=$(head -1 "$vm/$arch/VERSIONS")
	want=$kline$'\n'"$grubpkg=$(setup_candidate "$grubpkg")"
	dir=$vm/$arch/image
	if [ -f "$dir/VERSIONS" ] && [ "$(cat "$dir/VERSIONS")" = "$want" ]; then
		setup_log "vm image: $arch $(tr '\n' ' ' < "$dir/VERSIONS")already in $dir"
		return 0
	fi
	start=$(date +%s)
	# The first line of 70-vm-kernels.sh's VERSIONS: PKG[:arm64]=VERSION.
	kdeb=$(setup_deb_file "$vm/debs" "$kline")
	[ -f "$kdeb" ] || setup_download "$vm/debs" "$kline"
	setup_download "$vm/image-debs" "${want#*$'\n'}"
	gdeb=$(setup_deb_file "$vm/image-debs" "${want#*$'\n'}")
	rm -rf "$dir" "$dir.new"
	mkdir -p "$dir.new/x" "$dir.new/grub"
	dpkg-deb --fsys-tarfile "$kdeb" | tar -C "$dir.new/x" -x --wildcards \
		'./boot/vmlinuz-*' './lib/modules/*/kernel/crypto' \
		'./lib/modules/*/kernel/arch/*/crypto' './lib/modules/*/kernel/lib' \
		'./lib/modules/*/kernel/drivers/virtio' './lib/modules/*/kernel/drivers/block/virtio_blk.ko' \
		'./lib/modules/*/kernel/fs/ext4' './lib/modules/*/kernel/fs/jbd2' \
		'./lib/modules/*/kernel/fs/mbcache.ko' './lib/modules/*/kernel/fs/fat' \
		'./lib/modules/*/kernel/fs/nls' \
		'./lib/modules/*/modules.builtin*' './lib/modules/*/modules.order'
	rel=$(basename "$(find "$dir.new/x/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -1)")
	mkdir -p "$dir.new/modules/lib"
	mv "$dir.new/x/lib/modules" "$dir.new/modules/lib/"
	depmod -b "$dir.new/modules" "$rel"
	mv "$dir.new/x/boot/vmlinuz-$rel" "$dir.new/vmlinuz"
	dpkg-deb --fsys-tarfile "$gdeb" | tar -C "$dir.new/x" -x "./usr/lib/grub/$platform"
	mv "$dir.new/x/usr/lib/grub/$platform" "$dir.new/grub/$platform"
	rm -rf "$dir.new/x"
	echo "$rel" > "$dir.new/release"
	echo "$want" > "$dir.new/VERSIONS"
	mv "$dir.new" "$dir"
	setup_log "vm image: $arch kernel $rel, $grubpkg ready in $dir in $(($(date +%s) - start)) s"
}

prepare x86_64 grub-efi-amd64-bin x86_64-efi
prepare aarch64 grub-efi-arm64-bin:arm64 arm64-efi
# Only the GRUB .debs named by the current VERSIONS stay.
keep=$(for a in x86_64 aarch64; do setup_deb_file "$vm/image-debs" "$(sed -n 2p "$vm/$a/image/VERSIONS")"; done)
find "$vm/image-debs" -name '*.deb' | while IFS= read -r f; do
	grep -qxF "$f" <<< "$keep" || rm -f "$f"
done
