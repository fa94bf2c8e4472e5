# SPDX-License-Identifier: GPL-2.0-or-later
#
# The EL9 host of the whole-host cases (tests/cases/all/): an AlmaLinux 9.2
# host fully in FIPS mode with a separate /boot, made of the files a real
# EL9 host has (os-release, /proc copies, mountinfo, /dev/disk/by-uuid
# links, BLS entries as grubby writes them, a grubenv made with
# grub-editenv, kernel HMAC files, crypto-policies with absolute back-end
# links).  A case's mkroot starts with 'el9_host' and changes only what it
# is about.  examples/alma92-fips is a committed copy of all/el92-fips
# (tests/integration/test-example.sh compares them).

# --- the machine every whole-host case starts from ------------------------
MACHINE_ID=4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84
HOSTNAME_=alma92-fips.example.com
# Running and default kernel: TuxCare ESU's validated 9.2 kernel (CMVP
# #4750), pinned as the vendor documents (grubby --set-default, and
# UPDATEDEFAULT=no so kernel updates do not take the default back).
KVER=5.14.0-284.11.1.el9_2.tuxcare.6.x86_64
KVER_OLD=5.14.0-162.23.1.el9_1.x86_64 # the kernel the host ran on 9.1
RESCUE=0-rescue-$MACHINE_ID
ROOT_UUID=8c2f4a1e-6b3d-4f5a-9e7c-1d2b3a4c5e6f  # xfs on almalinux-root (dm-0)
SWAP_UUID=2e9b6d41-7c3a-4b8e-a1f5-0d6c9e8b7a23  # swap on almalinux-swap (dm-1)
BOOT_UUID=5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35  # xfs on /dev/vda1 (/boot)
EFI_UUID=7A3C-1F2E                              # vfat on /dev/vda2 (/boot/efi)
# What anaconda writes for an LVM install (EL9 default crashkernel).
BASE_ARGS="root=/dev/mapper/almalinux-root ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M resume=/dev/mapper/almalinux-swap rd.lvm.lv=almalinux/root rd.lvm.lv=almalinux/swap"
FIPS_ARGS="fips=1 boot=UUID=$BOOT_UUID"

# --- /proc -----------------------------------------------------------------

# One /proc/crypto table of an EL9.2 x86_64 KVM guest in FIPS mode:
# name|driver|module|priority|refcnt|internal|fips|type|type fields
# (fips "no" marks algorithms allowed only inside a FIPS construction,
# as the kernel prints them when fips_enabled=1).
CRYPTO_TABLE='
cmac(aes)|cmac(aes-aesni)|kernel|300|1|no|yes|shash|blocksize=16 digestsize=16
ccm(aes)|ccm_base(ctr(aes-aesni),cbcmac(aes-aesni))|ccm|300|1|no|yes|aead|async=no blocksize=1 ivsize=16 maxauthsize=16 geniv=<none>
cbcmac(aes)|cbcmac(aes-aesni)|ccm|300|3|no|no|shash|blocksize=1 digestsize=16
authenc(hmac(sha256),cbc(aes))|authenc(hmac(sha256-avx2),cbc-aes-aesni)|authenc|2000|1|no|yes|aead|async=yes blocksize=16 ivsize=16 maxauthsize=32 geniv=<none>
hmac(sha512)|hmac(sha512-avx2)|kernel|170|2|no|yes|shash|blocksize=128 digestsize=64
hmac(sha256)|hmac(sha256-avx2)|kernel|170|4|no|yes|shash|blocksize=64 digestsize=32
rfc4106(gcm(aes))|rfc4106-gcm-aesni|aesni_intel|400|1|no|yes|aead|async=yes blocksize=1 ivsize=8 maxauthsize=16 geniv=<none>
gcm(aes)|generic-gcm-aesni|aesni_intel|400|1|no|yes|aead|async=yes blocksize=1 ivsize=12 maxauthsize=16 geniv=<none>
__rfc4106(gcm(aes))|__rfc4106-gcm-aesni|aesni_intel|400|2|yes|yes|aead|async=no blocksize=1 ivsize=8 maxauthsize=16 geniv=<none>
__gcm(aes)|__generic-gcm-aesni|aesni_intel|400|2|yes|yes|aead|async=no blocksize=1 ivsize=12 maxauthsize=16 geniv=<none>
xts(aes)|xts-aes-aesni|aesni_intel|401|1|no|yes|skcipher|async=yes blocksize=16 min_keysize=32 max_keysize=64 ivsize=16 chunksize=16 walksize=16
ctr(aes)|ctr-aes-aesni|aesni_intel|400|1|no|yes|skcipher|async=yes blocksize=1 min_keysize=16 max_keysize=32 ivsize=16 chunksize=16 walksize=16
cbc(aes)|cbc-aes-aesni|aesni_intel|400|3|no|yes|skcipher|async=yes blocksize=16 min_keysize=16 max_keysize=32 ivsize=16 chunksize=16 walksize=16
ecb(aes)|ecb-aes-aesni|aesni_intel|400|1|no|yes|skcipher|async=yes blocksize=16 min_keysize=16 max_keysize=32 ivsize=0 chunksize=16 walksize=16
__xts(aes)|__xts-aes-aesni|aesni_intel|401|2|yes|yes|skcipher|async=no blocksize=16 min_keysize=32 max_keysize=64 ivsize=16 chunksize=16 walksize=16
__ctr(aes)|__ctr-aes-aesni|aesni_intel|400|2|yes|yes|skcipher|async=no blocksize=1 min_keysize=16 max_keysize=32 ivsize=16 chunksize=16 walksize=16
__cbc(aes)|__cbc-aes-aesni|aesni_intel|400|4|yes|yes|skcipher|async=no blocksize=16 min_keysize=16 max_keysize=32 ivsize=16 chunksize=16 walksize=16
__ecb(aes)|__ecb-aes-aesni|aesni_intel|400|2|yes|yes|skcipher|async=no blocksize=16 min_keysize=16 max_keysize=32 ivsize=0 chunksize=16 walksize=16
__aes|__aes-aesni|aesni_intel|300|1|yes|yes|cipher|blocksize=16 min_keysize=16 max_keysize=32
aes|aes-aesni|aesni_intel|300|6|no|yes|cipher|blocksize=16 min_keysize=16 max_keysize=32
ghash|ghash-clmulni|ghash_clmulni_intel|400|1|no|no|ahash|async=yes blocksize=16 digestsize=16
__ghash|__ghash-pclmulqdqni|ghash_clmulni_intel|0|2|yes|no|shash|blocksize=16 digestsize=16
crct10dif|crct10dif-pclmul|crct10dif_pclmul|200|2|no|yes|shash|blocksize=1 digestsize=2
crc32|crc32-pclmul|crc32_pclmul|200|1|no|yes|shash|blocksize=1 digestsize=4
crc32c|crc32c-intel|crc32c_intel|200|4|no|yes|shash|blocksize=1 digestsize=4
sha512|sha512-avx2|sha512_ssse3|170|5|no|yes|shash|blocksize=128 digestsize=64
sha384|sha384-avx2|sha512_ssse3|170|1|no|yes|shash|blocksize=128 digestsize=48
sha256|sha256-avx2|sha256_ssse3|170|9|no|yes|shash|blocksize=64 digestsize=32
sha224|sha224-avx2|sha256_ssse3|170|1|no|yes|shash|blocksize=64 digestsize=28
sha1|sha1-avx2|sha1_ssse3|170|2|no|yes|shash|blocksize=64 digestsize=20
ffdhe4096(dh)|ffdhe4096(dh-generic)|kernel|100|1|no|yes|kpp|
ffdhe3072(dh)|ffdhe3072(dh-generic)|kernel|100|1|no|yes|kpp|
ffdhe2048(dh)|ffdhe2048(dh-generic)|kernel|100|1|no|yes|kpp|
dh|dh-generic|kernel|100|4|no|no|kpp|
ecdh-nist-p384|ecdh-nist-p384-generic|kernel|100|1|no|yes|kpp|
ecdh-nist-p256|ecdh-nist-p256-generic|kernel|100|1|no|yes|kpp|
ecdsa-nist-p384|ecdsa-nist-p384-generic|kernel|100|1|no|yes|akcipher|
ecdsa-nist-p256|ecdsa-nist-p256-generic|kernel|100|1|no|yes|akcipher|
pkcs1pad(rsa,sha512)|pkcs1pad(rsa-generic,sha512)|kernel|100|1|no|yes|akcipher|
pkcs1pad(rsa,sha256)|pkcs1pad(rsa-generic,sha256)|kernel|100|1|no|yes|akcipher|
rsa|rsa-generic|kernel|100|3|no|no|akcipher|
jitterentropy_rng|jitterentropy_rng|kernel|100|1|no|yes|rng|seedsize=0
stdrng|drbg_nopr_hmac_sha512|kernel|221|2|no|yes|rng|seedsize=0
stdrng|drbg_nopr_hmac_sha384|kernel|220|1|no|yes|rng|seedsize=0
stdrng|drbg_nopr_hmac_sha256|kernel|219|1|no|yes|rng|seedsize=0
stdrng|drbg_nopr_ctr_aes256|kernel|215|1|no|yes|rng|seedsize=0
stdrng|drbg_pr_hmac_sha512|kernel|209|1|no|yes|rng|seedsize=0
stdrng|drbg_pr_hmac_sha256|kernel|207|1|no|yes|rng|seedsize=0
stdrng|drbg_pr_ctr_aes256|kernel|203|1|no|yes|rng|seedsize=0
lzo-rle|lzo-rle-scomp|kernel|0|1|no|yes|scomp|
lzo|lzo-scomp|kernel|0|1|no|yes|scomp|
deflate|deflate-scomp|kernel|0|1|no|yes|scomp|
sha3-512|sha3-512-generic|kernel|100|1|no|yes|shash|blocksize=72 digestsize=64
sha3-384|sha3-384-generic|kernel|100|1|no|yes|shash|blocksize=104 digestsize=48
sha3-256|sha3-256-generic|kernel|100|1|no|yes|shash|blocksize=136 digestsize=32
sha3-224|sha3-224-generic|kernel|100|1|no|yes|shash|blocksize=144 digestsize=28
sha512|sha512-generic|kernel|100|1|no|yes|shash|blocksize=128 digestsize=64
sha384|sha384-generic|kernel|100|1|no|yes|shash|blocksize=128 digestsize=48
sha256|sha256-generic|kernel|100|1|no|yes|shash|blocksize=64 digestsize=32
sha224|sha224-generic|kernel|100|1|no|yes|shash|blocksize=64 digestsize=28
sha1|sha1-generic|kernel|100|1|no|yes|shash|blocksize=64 digestsize=20
aes|aes-generic|kernel|100|1|no|yes|cipher|blocksize=16 min_keysize=16 max_keysize=32
crc32c|crc32c-generic|kernel|100|1|no|yes|shash|blocksize=1 digestsize=4
'

# proc_crypto FIPS(0|1) [DRIVER=SELFTEST ...]: /proc/crypto on stdout in
# the kernel's layout (crypto/proc.c): "%-13s: %s" per field, a blank line
# after each algorithm, the "fips" field only when fips_enabled=1.
proc_crypto() {
	local fips=$1; shift
	local name driver module prio refcnt internal fipsok type fields f st o
	while IFS='|' read -r name driver module prio refcnt internal fipsok type fields; do
		[ -n "$name" ] || continue
		st=passed
		for o in "$@"; do
			[ "${o%%=*}" = "$driver" ] && st=${o#*=}
		done
		printf '%-13s: %s\n' name "$name" driver "$driver" module "$module" \
			priority "$prio" refcnt "$refcnt" selftest "$st" internal "$internal"
		[ "$fips" = 1 ] && printf '%-13s: %s\n' fips "$fipsok"
		printf '%-13s: %s\n' type "$type"
		for f in $fields; do
			# "min_keysize" stands for the kernel's "min keysize"
			o=${f%%=*}
			printf '%-13s: %s\n' "${o//_/ }" "${f#*=}"
		done
		echo
	done <<< "$CRYPTO_TABLE"
}

# mountinfo BOOT_SEPARATE(0|1): /proc/self/mountinfo of the host.
mountinfo() {
	cat <<'EOF'
22 98 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw,seclabel
23 98 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:26 - proc proc rw
24 98 0:5 / /dev rw,nosuid shared:22 - devtmpfs devtmpfs rw,seclabel,size=1870236k,nr_inodes=467559,mode=755,inode64
25 22 0:6 / /sys/kernel/security rw,nosuid,nodev,noexec,relatime shared:3 - securityfs securityfs rw
26 24 0:23 / /dev/shm rw,nosuid,nodev shared:23 - tmpfs tmpfs rw,seclabel,inode64
27 24 0:24 / /dev/pts rw,nosuid,noexec,relatime shared:24 - devpts devpts rw,seclabel,gid=5,mode=620,ptmxmode=000
28 98 0:25 / /run rw,nosuid,nodev shared:25 - tmpfs tmpfs rw,seclabel,size=752460k,nr_inodes=819200,mode=755,inode64
29 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,seclabel,nsdelegate,memory_recursiveprot
30 22 0:27 / /sys/fs/pstore rw,nosuid,nodev,noexec,relatime shared:5 - pstore pstore rw,seclabel
31 22 0:28 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime shared:6 - bpf bpf rw,mode=700
98 1 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/almalinux-root rw,seclabel,attr2,inode64,logbufs=8,logbsize=32k,noquota
32 22 0:20 / /sys/fs/selinux rw,nosuid,noexec,relatime shared:7 - selinuxfs selinuxfs rw
33 23 0:30 / /proc/sys/fs/binfmt_misc rw,relatime shared:27 - autofs systemd-1 rw,fd=29,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=17544
34 24 0:19 / /dev/mqueue rw,nosuid,nodev,noexec,relatime shared:28 - mqueue mqueue rw,seclabel
35 24 0:31 / /dev/hugepages rw,relatime shared:29 - hugetlbfs hugetlbfs rw,seclabel,pagesize=2M
36 22 0:7 / /sys/kernel/debug rw,nosuid,nodev,noexec,relatime shared:30 - debugfs debugfs rw,seclabel
37 22 0:12 / /sys/kernel/tracing rw,nosuid,nodev,noexec,relatime shared:31 - tracefs tracefs rw,seclabel
38 22 0:32 / /sys/fs/fuse/connections rw,nosuid,nodev,noexec,relatime shared:32 - fusectl fusectl rw
39 22 0:33 / /sys/kernel/config rw,nosuid,nodev,noexec,relatime shared:33 - configfs configfs rw
EOF
	if [ "$1" = 1 ]; then
		cat <<'EOF'
64 98 252:1 / /boot rw,relatime shared:34 - xfs /dev/vda1 rw,seclabel,attr2,inode64,logbufs=8,logbsize=32k,noquota
67 64 252:2 / /boot/efi rw,relatime shared:36 - vfat /dev/vda2 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=winnt,errors=remount-ro
EOF
	else
		cat <<'EOF'
67 98 252:2 / /boot/efi rw,relatime shared:36 - vfat /dev/vda2 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=winnt,errors=remount-ro
EOF
	fi
	cat <<'EOF'
468 28 0:44 / /run/user/0 rw,nosuid,nodev,relatime shared:245 - tmpfs tmpfs rw,seclabel,size=376228k,nr_inodes=94057,mode=700,inode64
EOF
}

# --- /boot -----------------------------------------------------------------

# bls ROOT FILE-VERSION TITLE-VERSION OS-VERSION OPTIONS [PREFIX]: one BLS
# entry as kernel-install/grubby write them on EL9.  PREFIX is "/boot"
# when /boot is not a filesystem of its own.
bls() {
	local root=$1 ver=$2 osver=$3 opts=$4 prefix=${5:-}
	local initrd_extra=" \$tuned_initrd" file=$MACHINE_ID-$ver.conf
	case $ver in
	0-rescue-*) initrd_extra=; file=$MACHINE_ID-0-rescue.conf ;;
	esac
	put "$root/boot/loader/entries/$file" <<EOF
title AlmaLinux ($ver) $osver
version $ver
linux $prefix/vmlinuz-$ver
initrd $prefix/initramfs-$ver.img$initrd_extra
options $opts \$tuned_params
grub_users \$grub_users
grub_arg --unrestricted
grub_class almalinux
EOF
}

# kernel_files ROOT VERSION...: the image, initramfs and the .hmac file the
# kernel package (or dracut's rescue hook) puts in /boot.  The images are
# placeholders; each HMAC is the real sha512hmac of its placeholder.
kernel_files() {
	local root=$1 ver; shift
	for ver in "$@"; do
		printf 'fipsctl fixture: placeholder for vmlinuz-%s\n' "$ver" |
			put "$root/boot/vmlinuz-$ver"
		printf 'fipsctl fixture: placeholder for initramfs-%s.img\n' "$ver" |
			put "$root/boot/initramfs-$ver.img"
		kernel_hmac "$root/boot/vmlinuz-$ver"
	done
}

# boot_config ROOT CMDLINE-ARGS [PREFIX]: BLS entries for both kernels and
# the rescue image, each with CMDLINE-ARGS (as fips-mode-setup's grubby
# --update-kernel=ALL leaves them), and /etc/kernel/cmdline.
boot_config() {
	local root=$1 args=$2 prefix=${3:-}
	bls "$root" "$KVER" "9.2 (Turquoise Kodkod)" "$args" "$prefix"
	bls "$root" "$KVER_OLD" "9.1 (Lime Lynx)" "$args" "$prefix"
	bls "$root" "$RESCUE" "9.2 (Turquoise Kodkod)" "$args" "$prefix"
	echo "$args" | put "$root/etc/kernel/cmdline"
}

grubenv() {
	local root=$1 f=$1/boot/grub2/grubenv
	mkdir -p "${f%/*}"
	rm -f "$f"
	grub_editenv "$f" create
	# tuned_params/tuned_initrd: what tuned's bootloader plugin stores
	# for the $tuned_params/$tuned_initrd of the BLS entries.
	grub_editenv "$f" set "saved_entry=$MACHINE_ID-$KVER" menu_auto_hide=1 \
		boot_success=1 boot_indeterminate=0 tuned_params= tuned_initrd=
}

# --- crypto-policies -------------------------------------------------------

BACKENDS="bind gnutls java javasystem krb5 libreswan libssh nss openssh opensshserver openssl opensslcnf"

# policy_files ROOT POLICY: /usr/share/crypto-policies/POLICY/*.txt, the
# back-end files the package ships (abridged to their first lines).
policy_files() {
	local root=$1 pol=$2 b dir=/usr/share/crypto-policies/$2
	for b in $BACKENDS; do
		case $pol:$b in
		FIPS:openssl) echo '@SECLEVEL=2:kEECDH:kRSA:kEDH:kPSK:kDHEPSK:kECDHEPSK:-aDSS:-3DES:!DES:!RC4:!RC2:!IDEA:-SEED:!eNULL:!aNULL:-SHA1:!MD5:-SHA384:-CAMELLIA:-ARIA:-AESCCM8' ;;
		DEFAULT:openssl) echo '@SECLEVEL=2:kEECDH:kRSA:kEDH:kPSK:kDHEPSK:kECDHEPSK:kRSAPSK:-aDSS:-3DES:!DES:!RC4:!RC2:!IDEA:-SEED:!eNULL:!aNULL:!MD5:-SHA384:-CAMELLIA:-ARIA:-AESCCM8' ;;
		*:opensslcnf) printf 'CipherString = @SECLEVEL=2:kEECDH:kRSA:kEDH:kPSK:kDHEPSK:kECDHEPSK:-aDSS:-3DES:!DES:!RC4:!RC2:!IDEA:-SEED:!eNULL:!aNULL:!MD5:-SHA384:-CAMELLIA:-ARIA:-AESCCM8\nCiphersuites = TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256\nTLS.MinProtocol = TLSv1.2\nDTLS.MinProtocol = DTLSv1.2\n' ;;
		*:gnutls) printf 'SYSTEM=NONE:+MAC-ALL:-MD5:-SHA1:+AEAD:+SECURE:+VERS-TLS1.3:+VERS-TLS1.2:+VERS-DTLS1.2:+COMP-NULL\n' ;;
		*:nss) printf 'library=\nname=Policy\nNSS=flags=policyOnly,moduleDB\nconfig="disallow=ALL allow=HMAC-SHA256:HMAC-SHA384:HMAC-SHA512:SECP256R1:SECP384R1:SECP521R1:aes256-gcm:aes128-gcm:SHA256:SHA384:SHA512:tls-version-min=tls1.2:dtls-version-min=dtls1.2:DH-MIN=2048:DSA-MIN=2048:RSA-MIN=2048"\n' ;;
		*:openssh) printf 'Ciphers aes256-gcm@openssh.com,aes256-ctr,aes128-gcm@openssh.com,aes128-ctr\nMACs hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512\n' ;;
		*) printf '# %s back-end of the %s policy\n' "$b" "$pol" ;;
		esac | put "$root$dir/$b.txt"
	done
}

# crypto_policy ROOT CONFIGURED APPLIED: config, state/current and the
# back-end links (absolute, into the APPLIED policy's directory, as
# update-crypto-policies makes them).
crypto_policy() {
	local root=$1 conf=$2 applied=$3 b
	policy_files "$root" FIPS
	policy_files "$root" DEFAULT
	echo "$conf" | put "$root/etc/crypto-policies/config"
	echo "$applied" | put "$root/etc/crypto-policies/state/current"
	rm -rf "$root/etc/crypto-policies/back-ends"
	for b in $BACKENDS; do
		link "$root/etc/crypto-policies/back-ends/$b.config" \
			"/usr/share/crypto-policies/$applied/$b.txt"
	done
}

# --- the base: AlmaLinux 9.2, FIPS mode, separate /boot --------------------

# el9_host: the host into $ROOT.
el9_host() {
	base el9-host el9_host_build
}

el9_host_build() {
	local r=$1
	put "$r/usr/lib/os-release" <<'EOF'
NAME="AlmaLinux"
VERSION="9.2 (Turquoise Kodkod)"
ID="almalinux"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.2"
PLATFORM_ID="platform:el9"
PRETTY_NAME="AlmaLinux 9.2 (Turquoise Kodkod)"
ANSI_COLOR="0;34"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:almalinux:almalinux:9::baseos"
HOME_URL="https://almalinux.org/"
DOCUMENTATION_URL="https://wiki.almalinux.org/"
BUG_REPORT_URL="https://bugs.almalinux.org/"

ALMALINUX_MANTISBT_PROJECT="AlmaLinux-9"
ALMALINUX_MANTISBT_PROJECT_VERSION="9.2"
REDHAT_SUPPORT_PRODUCT="AlmaLinux"
REDHAT_SUPPORT_PRODUCT_VERSION="9.2"
EOF
	link "$r/etc/os-release" ../usr/lib/os-release
	echo "AlmaLinux release 9.2 (Turquoise Kodkod)" | put "$r/etc/almalinux-release"
	link "$r/etc/redhat-release" almalinux-release
	link "$r/etc/system-release" almalinux-release
	echo "$MACHINE_ID" | put "$r/etc/machine-id"
	echo "$HOSTNAME_" | put "$r/etc/hostname"

	# The running kernel, as /proc shows it.
	echo 1 | put "$r/proc/sys/crypto/fips_enabled"
	echo "AlmaLinux 9 - Kernel Cryptographic API" | put "$r/proc/sys/crypto/fips_name"
	echo "$KVER" | put "$r/proc/sys/crypto/fips_version"
	echo "$KVER" | put "$r/proc/sys/kernel/osrelease"
	echo x86_64 | put "$r/proc/sys/kernel/arch"
	echo "$HOSTNAME_" | put "$r/proc/sys/kernel/hostname"
	echo "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-$KVER $BASE_ARGS $FIPS_ARGS" |
		put "$r/proc/cmdline"
	proc_crypto 1 | put "$r/proc/crypto"
	mountinfo 1 | put "$r/proc/self/mountinfo"

	# udev's links; the device nodes themselves cannot live in a fixture.
	link "$r/dev/disk/by-uuid/$ROOT_UUID" ../../dm-0
	link "$r/dev/disk/by-uuid/$SWAP_UUID" ../../dm-1
	link "$r/dev/disk/by-uuid/$BOOT_UUID" ../../vda1
	link "$r/dev/disk/by-uuid/$EFI_UUID" ../../vda2
	link "$r/dev/mapper/almalinux-root" ../dm-0
	link "$r/dev/mapper/almalinux-swap" ../dm-1

	el_tools "$r"

	kernel_files "$r" "$KVER" "$KVER_OLD" "$RESCUE"
	boot_config "$r" "$BASE_ARGS $FIPS_ARGS"
	printf '# UPDATEDEFAULT specifies if kernel-install should make\n# new kernels the default\nUPDATEDEFAULT=no\n\n# DEFAULTKERNEL specifies the default kernel package type\nDEFAULTKERNEL=kernel-core\n' |
		put "$r/etc/sysconfig/kernel"
	grubenv "$r"
	crypto_policy "$r" FIPS FIPS
	fips_installed "$r"
}

# What fips-mode-setup --enable leaves besides the policy and the boot
# entries on 9.2: fips-finish-install's dracut snippet and /etc/system-fips
# (which 9.2's 'fips-mode-setup --check' still requires).
fips_installed() {
	printf '# turn on fips module\n\nadd_dracutmodules+=" fips "\n' |
		put "$1/etc/dracut.conf.d/40-fips.conf"
	echo "# FIPS module installation complete" | put "$1/etc/system-fips"
}

# ... and what a host where it never ran lacks.
fips_not_installed() {
	rm -f "$1/etc/dracut.conf.d/40-fips.conf" "$1/etc/system-fips"
	rmdir "$1/etc/dracut.conf.d"
}
