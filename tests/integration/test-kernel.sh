#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The kernel.* checks against small fixture roots built here: a /proc copy
# (fips_enabled, cmdline, self/mountinfo, crypto) and, for the boot=
# cases, real ext4 and FAT images under the root's /dev with by-uuid links.
# Each case starts from a root where every kernel.* check passes, changes
# one thing, and asserts the exact status of all four kernel.* findings,
# the exit code, and the fact or text that carries the verdict.
. "$(dirname "$0")/../lib.sh"
: "${t_tmp:?lib.sh did not set up a scratch directory}"
export PATH=$PATH:/usr/sbin:/sbin

if ! command -v python3 > /dev/null; then
	skip test-kernel "python3 is not installed (needed to read the JSON report)"
	exit 0
fi

ROOT_UUID=3c9a51e7-84d2-4f6b-a0e3-9d27c5b18f40
BOOT_UUID=5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35
EFI_ID=7A3C1F2E
EFI_UUID=7A3C-1F2E
CMDLINE="BOOT_IMAGE=(hd0,gpt2)/vmlinuz-5.14.0-284.11.1.el9_2.x86_64 root=/dev/mapper/rl-root ro crashkernel=1G-4G:192M rd.lvm.lv=rl/root rhgb quiet fips=1"
have_ext4=0 have_vfat=0
command -v mkfs.ext4 > /dev/null && have_ext4=1
command -v mkfs.vfat > /dev/null && have_vfat=1

put() { mkdir -p "$(dirname "$1")"; cat > "$1"; }

crypto_block() { # NAME DRIVER SELFTEST
	printf 'name         : %s\ndriver       : %s\nmodule       : kernel\npriority     : 100\nrefcnt       : 1\nselftest     : %s\ninternal     : no\ntype         : shash\n\n' "$1" "$2" "$3"
}

# base DIR: a Rocky 9.2 host in FIPS mode, /boot on / (xfs on LVM),
# the ESP at /boot/efi.
base() {
	local r=$1
	rm -rf "$r"
	echo 1 | put "$r/proc/sys/crypto/fips_enabled"
	echo "Rocky Linux 9 - Kernel Cryptographic API" | put "$r/proc/sys/crypto/fips_name"
	echo "5.14.0-284.11.1.el9_2.x86_64" | put "$r/proc/sys/crypto/fips_version"
	echo "$CMDLINE" | put "$r/proc/cmdline"
	put "$r/proc/self/mountinfo" <<-EOF
	22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
	1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/rl-root rw,attr2,inode64,logbufs=8,logbsize=32k,noquota
	3 1 252:1 / /boot/efi rw,relatime shared:5 - vfat /dev/vda1 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=winnt,errors=remount-ro
	EOF
	{
		crypto_block "sha256" "sha256-generic" passed
		crypto_block "hmac(sha256)" "hmac(sha256-generic)" passed
		crypto_block "stdrng" "drbg_nopr_hmac_sha512" passed
	} | put "$r/proc/crypto"
	mkdir -p "$r/dev/mapper" "$r/dev/disk/by-uuid" "$r/boot/efi" "$r/etc"
	ln -s ../dm-0 "$r/dev/mapper/rl-root"
	ln -s ../../dm-0 "$r/dev/disk/by-uuid/$ROOT_UUID"
	ln -s ../../vda1 "$r/dev/disk/by-uuid/$EFI_UUID"
}

# separate DIR: base plus /boot on its own ext4 filesystem (an image file
# standing in for /dev/vda2, probed by libblkid) and a FAT ESP image.
separate() {
	local r=$1
	base "$r"
	truncate -s 8M "$r/dev/vda2"
	mkfs.ext4 -q -F -U "$BOOT_UUID" -L boot "$r/dev/vda2"
	mkfs.vfat -C -i "$EFI_ID" -n ESP "$r/dev/vda1" 8192 > /dev/null
	ln -s ../../vda2 "$r/dev/disk/by-uuid/$BOOT_UUID"
	put "$r/proc/self/mountinfo" <<-EOF
	22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
	1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/rl-root rw,attr2,inode64,logbufs=8,logbsize=32k,noquota
	2 1 252:2 / /boot rw,relatime shared:4 - ext4 /dev/vda2 rw,seclabel
	3 2 252:1 / /boot/efi rw,relatime shared:5 - vfat /dev/vda1 rw,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=winnt,errors=remount-ro
	EOF
}

# run ROOT: the kernel.* checks as JSON into $t_tmp/out; exit code in $rc.
run() {
	"$FIPSCTL" check --root "$1" --only 'kernel.*' --format json > "$t_tmp/out" 2> "$t_tmp/err"
	rc=$?
}

# json EXPR: evaluate a Python expression over the report (d) and the
# findings by id (f); prints the result.
json() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = {x["id"]: dict(x, facts={k["key"]: k["value"] for k in x["facts"]}) for x in d["findings"]}
print(eval(sys.argv[2]))' "$t_tmp/out" "$1"
}

# expect NAME RC "fips_enabled cmdline_fips cmdline_boot crypto_selftests"
# [PYTHON-CONDITION]: statuses of the four findings in registry order, the
# exit code, and optionally one more condition on the report.
expect() {
	local name=$1 want_rc=$2 want=$3 cond=${4:-True} got
	got=$(json '" ".join(f["kernel." + k]["status"] for k in ("fips_enabled", "cmdline_fips", "cmdline_boot", "crypto_selftests"))' 2> "$t_tmp/pyerr")
	if [ "$got" != "$want" ]; then
		not_ok "$name" "statuses '$got', expected '$want' ($(head -c 300 "$t_tmp/pyerr"))"
		return
	fi
	if [ "$rc" != "$want_rc" ]; then
		not_ok "$name" "exit $rc, expected $want_rc"
		return
	fi
	if [ "$(json "bool($cond)" 2> "$t_tmp/pyerr")" != True ]; then
		not_ok "$name" "condition failed: $cond ($(head -c 300 "$t_tmp/pyerr"))"
		json 'json.dumps(d["findings"], indent=1)' | head -80 >&2
		return
	fi
	ok "$name"
}

R=$t_tmp/root

# --- /proc/sys/crypto/fips_enabled ----------------------------------------
base "$R"; run "$R"
expect base-all-pass 0 "pass pass pass pass" \
	'f["kernel.fips_enabled"]["facts"]["fips_name"].startswith("Rocky") and f["kernel.cmdline_boot"]["facts"]["boot_uuid"] == "'$ROOT_UUID'" and f["kernel.cmdline_boot"]["facts"]["boot_uuid_via"] == "/dev/disk/by-uuid" and "selftest_evidence" not in f["kernel.crypto_selftests"]["facts"]'

base "$R"; echo 0 > "$R/proc/sys/crypto/fips_enabled"; run "$R"
expect fips-enabled-0 1 "fail pass pass pass" \
	'f["kernel.fips_enabled"]["remediation"] == "fips-mode-setup --enable && reboot" and "weak: fips_enabled is 0" in f["kernel.crypto_selftests"]["facts"]["selftest_evidence"]'

base "$R"; rm "$R/proc/sys/crypto/fips_enabled"; run "$R"
expect fips-enabled-missing 1 "fail pass pass pass" \
	'"CONFIG_CRYPTO_FIPS" in f["kernel.fips_enabled"]["summary"]'

base "$R"; printf 'yes\001\n' > "$R/proc/sys/crypto/fips_enabled"; run "$R"
expect fips-enabled-garbage 1 "error pass pass pass" \
	'f["kernel.fips_enabled"]["facts"]["fips_enabled"] == "yes?"'

base "$R"; rm -r "$R/proc/sys"; run "$R"
expect no-proc-sys-is-skip 0 "skip pass pass pass" \
	'"offline image" in f["kernel.fips_enabled"]["summary"]'

# --- fips= on /proc/cmdline ---------------------------------------------
cmdline_case() { # NAME RC STATUSES CMDLINE [CONDITION]
	base "$R"; printf '%s\n' "$4" > "$R/proc/cmdline"; run "$R"
	expect "$1" "$2" "$3" "${5:-True}"
}
cmdline_case cmdline-bare-fips 1 "pass fail pass pass" "ro quiet fips" \
	'"bare" in f["kernel.cmdline_fips"]["summary"] and "remove-args" in f["kernel.cmdline_fips"]["remediation"]'
cmdline_case cmdline-fips-0 1 "pass fail pass pass" "ro fips=0" \
	'"fips=0" in f["kernel.cmdline_fips"]["summary"]'
cmdline_case cmdline-absent 1 "pass fail pass pass" "ro quiet" \
	'"grubby --update-kernel=ALL --args=\"fips=1\"" in f["kernel.cmdline_fips"]["remediation"] and f["kernel.cmdline_fips"]["facts"]["fips_args"] == "(none)"'
cmdline_case cmdline-last-wins 1 "pass fail pass pass" "fips=1 ro fips=0" \
	'f["kernel.cmdline_fips"]["facts"]["fips_args"] == "fips=1 fips=0"'
cmdline_case cmdline-quoted 0 "pass pass pass pass" \
	'root=/dev/mapper/rl-root "rd.lvm.lv=rl/root" dyndbg="file x.c +p" "fips=1"' \
	'f["kernel.cmdline_fips"]["facts"]["kernel_args"] == "4"'
cmdline_case cmdline-after-dashes 1 "pass fail pass pass" "ro quiet -- fips=1" \
	'"after \"--\"" in f["kernel.cmdline_fips"]["summary"] and f["kernel.cmdline_fips"]["facts"]["init_args"] == "fips=1"'
cmdline_case cmdline-fips-2-warns 0 "pass warn pass pass" "ro fips=2" \
	'"reads it as enabled" in f["kernel.cmdline_fips"]["summary"]'
cmdline_case cmdline-fips-yes 1 "pass fail pass pass" "ro fips=yes" \
	'"reads it as 0" in f["kernel.cmdline_fips"]["summary"]'
cmdline_case cmdline-unterminated-quote 1 "pass error error pass" 'ro "fips=1' \
	'"unterminated quote at byte 3" in f["kernel.cmdline_fips"]["summary"]'

# A 100 MB /proc/cmdline is refused at once, never read.
base "$R"; rm "$R/proc/cmdline"; truncate -s 100M "$R/proc/cmdline"
t0=$(date +%s%N); run "$R"; t1=$(date +%s%N)
expect cmdline-100mb-refused 1 "pass error error pass" \
	'"larger than fipsctl reads" in f["kernel.cmdline_fips"]["summary"]'
ms=$(( (t1 - t0) / 1000000 ))
if [ "$ms" -lt 2000 ]; then ok cmdline-100mb-fast; else not_ok cmdline-100mb-fast "took $ms ms"; fi

# /proc/cmdline escaping the root never reads the host's files.
base "$R"; rm "$R/proc/cmdline"; ln -s /etc/passwd "$R/proc/cmdline"; run "$R"
expect cmdline-symlink-etc-passwd 0 "pass skip skip pass" \
	'"does not exist" in f["kernel.cmdline_fips"]["summary"]'
if grep -q 'root:' "$t_tmp/out"; then not_ok cmdline-symlink-no-host-data "host /etc/passwd leaked"; else ok cmdline-symlink-no-host-data; fi
base "$R"; rm "$R/proc/cmdline"; ln -s ../../../../../../etc/passwd "$R/proc/cmdline"; run "$R"
expect cmdline-symlink-dotdot-passwd 0 "pass skip skip pass"
base "$R"; rm "$R/proc/cmdline"; ln -s ../../../.. "$R/proc/cmdline"; run "$R"
expect cmdline-symlink-dotdot-dir 1 "pass error error pass" \
	'"Is a directory" in f["kernel.cmdline_fips"]["summary"]'
base "$R"; rm "$R/proc/cmdline"; run "$R"
expect cmdline-missing-is-skip 0 "pass skip skip pass"

# --- boot= against the /boot filesystem --------------------------------
if [ $have_ext4 = 1 ] && [ $have_vfat = 1 ]; then
	separate "$R"; echo "$CMDLINE boot=UUID=$BOOT_UUID" > "$R/proc/cmdline"; run "$R"
	expect boot-separate-correct 0 "pass pass pass pass" \
		'f["kernel.cmdline_boot"]["facts"]["boot_uuid"] == "'$BOOT_UUID'" and f["kernel.cmdline_boot"]["facts"]["boot_uuid_via"] == "libblkid" and f["kernel.cmdline_boot"]["facts"]["boot_separate"] == "yes" and f["kernel.cmdline_boot"]["facts"]["boot_source"] == "/dev/vda2" and f["kernel.cmdline_boot"]["facts"]["boot_fstype"] == "ext4"'

	separate "$R"; echo "$CMDLINE boot=/dev/disk/by-uuid/$BOOT_UUID" > "$R/proc/cmdline"; run "$R"
	expect boot-separate-dev-path 0 "pass pass pass pass"

	separate "$R"; run "$R"
	expect boot-separate-missing 1 "pass pass fail pass" \
		'f["kernel.cmdline_boot"]["remediation"] == "grubby --update-kernel=ALL --args=\"boot=UUID='$BOOT_UUID'\"" and f["kernel.cmdline_boot"]["facts"]["boot_args"] == "(none)"'

	separate "$R"; echo "$CMDLINE boot=UUID=$EFI_UUID" > "$R/proc/cmdline"; run "$R"
	expect boot-points-at-efi 1 "pass pass fail pass" \
		'"EFI system partition mounted at /boot/efi" in f["kernel.cmdline_boot"]["summary"] and "'$BOOT_UUID'" in f["kernel.cmdline_boot"]["remediation"]'

	separate "$R"; echo "$CMDLINE boot=/dev/vda1" > "$R/proc/cmdline"; run "$R"
	expect boot-points-at-efi-device 1 "pass pass fail pass" \
		'"EFI" in f["kernel.cmdline_boot"]["summary"]'

	separate "$R"; echo "$CMDLINE boot=UUID=$ROOT_UUID" > "$R/proc/cmdline"; run "$R"
	expect boot-points-at-root-fs 1 "pass pass fail pass" \
		'"another filesystem" in f["kernel.cmdline_boot"]["summary"]'
else
	skip boot-separate "mkfs.ext4 or mkfs.vfat missing (tests/deps.sh installs e2fsprogs and dosfstools)"
fi

base "$R"; echo "$CMDLINE boot=UUID=$ROOT_UUID" > "$R/proc/cmdline"; run "$R"
expect boot-on-root-with-boot-arg 0 "pass pass warn pass" \
	'"not needed" in f["kernel.cmdline_boot"]["summary"] and "remove-args" in f["kernel.cmdline_boot"]["remediation"]'

base "$R"; echo "$CMDLINE boot=UUID=$EFI_UUID" > "$R/proc/cmdline"; run "$R"
expect boot-on-root-points-at-efi 1 "pass pass fail pass"

# Separate /boot whose UUID nothing can tell: never a pass.
base "$R"
put "$R/proc/self/mountinfo" <<-EOF
1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/rl-root rw
2 1 252:2 / /boot rw,relatime shared:4 - xfs /dev/vda2 rw
EOF
echo "$CMDLINE boot=UUID=$BOOT_UUID" > "$R/proc/cmdline"; run "$R"
expect boot-uuid-unknown 0 "pass pass warn pass" \
	'"cannot verify" in f["kernel.cmdline_boot"]["summary"] and f["kernel.cmdline_boot"]["facts"]["boot_uuid"] == "unknown" and "libblkid" in f["kernel.cmdline_boot"]["facts"]["boot_uuid_unknown_reason"]'

base "$R"; rm "$R/proc/self/mountinfo"; run "$R"
expect boot-mountinfo-missing 0 "pass pass skip pass" \
	'"cannot tell which filesystem holds /boot" in f["kernel.cmdline_boot"]["summary"]'

base "$R"; echo "1 0 253:0 / / rw - xfs" > "$R/proc/self/mountinfo"; run "$R"
expect boot-mountinfo-malformed 1 "pass pass error pass" \
	'"mountinfo:1: malformed line" in f["kernel.cmdline_boot"]["summary"]'

# --- /proc/crypto self-tests --------------------------------------------
for st in unknown failed; do
	base "$R"; crypto_block "ecdh-nist-p192" "ecdh-nist-p192-generic" "$st" >> "$R/proc/crypto"; run "$R"
	expect "crypto-selftest-$st" 1 "pass pass pass fail" \
		'f["kernel.crypto_selftests"]["facts"]["failed"] == "ecdh-nist-p192-generic (ecdh-nist-p192): '$st'" and f["kernel.crypto_selftests"]["facts"]["algorithms"] == "4"'
done

base "$R"; rm "$R/proc/crypto"; run "$R"
expect crypto-missing-is-skip 0 "pass pass pass skip"

base "$R"; printf 'name : a\ndriver : b\npriority : high\n' > "$R/proc/crypto"; run "$R"
expect crypto-malformed-is-error 1 "pass pass pass error" \
	'f["kernel.crypto_selftests"]["summary"] == "/proc/crypto:1: priority is not a number"'

t_done
