# SPDX-License-Identifier: GPL-2.0-or-later
#
# The host of the kernel.* cases (tests/cases/kernel/): a Rocky 9.2 host in
# FIPS mode with /boot on / (xfs on LVM) and the ESP at /boot/efi, as /proc
# (fips_enabled, cmdline, self/mountinfo, crypto) and /dev/disk/by-uuid
# show it.  'kernel_host' makes it, 'kernel_host_separate' the same host
# with /boot on its own ext4 filesystem: real ext4 and FAT images under the
# root's /dev, which libblkid probes.  A case's mkroot starts with one of
# them and changes only what it is about.

ROOT_UUID=3c9a51e7-84d2-4f6b-a0e3-9d27c5b18f40
BOOT_UUID=5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35
EFI_ID=7A3C1F2E
EFI_UUID=7A3C-1F2E
CMDLINE="BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-284.11.1.el9_2.x86_64 root=/dev/mapper/rl-root ro crashkernel=1G-4G:192M rd.lvm.lv=rl/root rhgb quiet fips=1"

# crypto_block NAME DRIVER SELFTEST: one algorithm as /proc/crypto shows it.
crypto_block() {
	printf 'name         : %s\ndriver       : %s\nmodule       : kernel\npriority     : 100\nrefcnt       : 1\nselftest     : %s\ninternal     : no\ntype         : shash\n\n' "$1" "$2" "$3"
}

kernel_host_build() {
	local r=$1
	echo 1 | put "$r/proc/sys/crypto/fips_enabled"
	echo "Rocky Linux 9 - Kernel Cryptographic API" | put "$r/proc/sys/crypto/fips_name"
	echo "5.14.0-284.11.1.el9_2.x86_64" | put "$r/proc/sys/crypto/fips_version"
	echo "$CMDLINE" | put "$r/proc/cmdline"
	put "$r/proc/self/mountinfo" <<-EOF_
	22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
	1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/rl-root rw,attr2,inode64,logbufs=8,logbsize=32k,noquota
	3 1 252:1 / /boot/efi rw,relatime shared:5 - vfat /dev/vda1 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=winnt,errors=remount-ro
	EOF_
	{
		crypto_block "sha256" "sha256-generic" passed
		crypto_block "hmac(sha256)" "hmac(sha256-generic)" passed
		crypto_block "stdrng" "drbg_nopr_hmac_sha512" passed
	} | put "$r/proc/crypto"
	mkdir -p "$r/boot/efi" "$r/etc"
	link "$r/dev/mapper/rl-root" ../dm-0
	link "$r/dev/disk/by-uuid/$ROOT_UUID" ../../dm-0
	link "$r/dev/disk/by-uuid/$EFI_UUID" ../../vda1
	el_tools "$r"
}

# kernel_host: the host into $ROOT.
kernel_host() {
	base kernel-host kernel_host_build
}

kernel_host_separate_build() {
	local r=$1
	kernel_host_build "$r"
	truncate -s 8M "$r/dev/vda2"
	mkfs.ext4 -q -F -U "$BOOT_UUID" -L boot "$r/dev/vda2"
	mkfs.vfat -C -i "$EFI_ID" -n ESP "$r/dev/vda1" 8192 > /dev/null
	link "$r/dev/disk/by-uuid/$BOOT_UUID" ../../vda2
	put "$r/proc/self/mountinfo" <<-EOF_
	22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
	1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/rl-root rw,attr2,inode64,logbufs=8,logbsize=32k,noquota
	2 1 252:2 / /boot rw,relatime shared:4 - ext4 /dev/vda2 rw,seclabel
	3 2 252:1 / /boot/efi rw,relatime shared:5 - vfat /dev/vda1 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=winnt,errors=remount-ro
	EOF_
}

# kernel_host_separate: the host with a separate /boot into $ROOT.
kernel_host_separate() {
	PATH=$PATH:/usr/sbin:/sbin
	need mkfs.ext4 "mkfs.ext4 is not installed (tests/deps.sh installs e2fsprogs)"
	need mkfs.vfat "mkfs.vfat is not installed (tests/deps.sh installs dosfstools)"
	base kernel-host-separate kernel_host_separate_build
}
