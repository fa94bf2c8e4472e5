# SPDX-License-Identifier: GPL-2.0-or-later
#
# The host of the boot.* cases (tests/cases/boot/): an AlmaLinux 9.2 host in
# FIPS mode with /boot on vda1 (xfs) and the EFI system partition on vda2,
# three kernels and a rescue entry: BLS entries as kernel-install writes
# them, a grubenv made by grub-editenv, kernels and their .hmac files,
# /etc/kernel/cmdline, /proc copies and a mountinfo with a separate /boot.
# A case's mkroot starts with 'boot_host' and changes only what it is about.

MID=4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84
KNEW=5.14.0-284.11.1.el9_2.x86_64
KMID=5.14.0-162.23.1.el9_1.x86_64
KOLD=5.14.0-70.13.1.el9_0.x86_64
BOOT_UUID=5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35
EFI_UUID=7A3C-1F2E
ROOT_ARGS="root=/dev/mapper/almalinux-root ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M rd.lvm.lv=almalinux/root"
FIPS_ARGS="fips=1 boot=UUID=$BOOT_UUID"

# entry ROOT VERSION OPTIONS [LINUX-PREFIX]: a BLS entry as kernel-install
# writes it on EL9 ("" as prefix when /boot is separate, "/boot" if not).
entry() {
	local r=$1 v=$2 opts=$3 pre=${4-}
	# kernel-install keeps tuned's variable (unset in grubenv here).
	case $opts in *'$'*) ;; *) opts="$opts \$tuned_params" ;; esac
	put "$r/boot/loader/entries/$MID-$v.conf" <<-EOF_
	title AlmaLinux ($v) 9.2 (Turquoise Kodkod)
	version $v
	linux $pre/vmlinuz-$v
	initrd $pre/initramfs-$v.img \$tuned_initrd
	options $opts
	grub_users \$grub_users
	grub_arg --unrestricted
	grub_class almalinux
	EOF_
}

# kernel ROOT VERSION: the image and its .hmac.
kernel() {
	printf 'MZ fake kernel image %s\n' "$2" | put "$1/boot/vmlinuz-$2"
	kernel_hmac "$1/boot/vmlinuz-$2"
}

boot_host_build() {
	local r=$1 v
	put "$r/proc/self/mountinfo" <<-EOF_
	1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/almalinux-root rw,attr2,inode64
	22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
	60 1 252:1 / /boot rw,relatime shared:29 - xfs /dev/vda1 rw,attr2,inode64
	62 60 252:2 / /boot/efi rw,relatime shared:31 - vfat /dev/vda2 rw,fmask=0077,dmask=0077
	EOF_
	: | put "$r/dev/vda1"
	: | put "$r/dev/vda2"
	link "$r/dev/disk/by-uuid/$BOOT_UUID" ../../vda1
	link "$r/dev/disk/by-uuid/$EFI_UUID" ../../vda2
	for v in $KNEW $KMID $KOLD; do
		kernel "$r" "$v"
		entry "$r" "$v" "$ROOT_ARGS $FIPS_ARGS"
	done
	put "$r/boot/loader/entries/$MID-0-rescue.conf" <<-EOF_
	title AlmaLinux (0-rescue-$MID) 9.2 (Turquoise Kodkod)
	version 0-rescue-$MID
	linux /vmlinuz-0-rescue-$MID
	initrd /initramfs-0-rescue-$MID.img
	options $ROOT_ARGS $FIPS_ARGS
	grub_users \$grub_users
	grub_arg --unrestricted
	grub_class almalinux
	EOF_
	kernel "$r" "0-rescue-$MID"
	mkdir -p "$r/boot/grub2"
	grub_editenv "$r/boot/grub2/grubenv" create
	grub_editenv "$r/boot/grub2/grubenv" set "saved_entry=$MID-$KNEW" boot_success=0
	echo "$ROOT_ARGS $FIPS_ARGS" | put "$r/etc/kernel/cmdline"
	echo "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-$KNEW $ROOT_ARGS $FIPS_ARGS" | put "$r/proc/cmdline"
	echo 1 | put "$r/proc/sys/crypto/fips_enabled"
	el_tools "$r"
}

# boot_host: the host into $ROOT.
boot_host() {
	base boot-host boot_host_build
}
