#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fipsctl pin-kernel against fixture /boot trees, through
# tests/grubby-standin (grubby is not packaged for Debian; the stand-in
# follows EL9's grubby-bls and says so).  Every outcome is checked by
# reading the files: grubenv with grub-editenv, the BLS entries and
# /etc/sysconfig/kernel as text, and whole trees by a listing of every
# file's path, mode and SHA-256 (tree_list), compared before and after.
#
# /run is left out of the tree comparisons: it holds only the lock file
# pin-kernel takes, and on EL9 /run is a tmpfs emptied at every boot.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

STANDIN=$TOP/tests/grubby-standin
# grub2-editenv on EL9, grub-editenv on Debian (grub-common).
EDITENV=$(command -v grub2-editenv || command -v grub-editenv)
if [ -z "$EDITENV" ]; then
	skip test-pin-kernel "grub-editenv is not installed (run tests/deps.sh)"
	exit 0
fi
for tool in getopt sha256sum python3; do
	if ! command -v "$tool" > /dev/null; then
		skip test-pin-kernel "$tool is not installed (run tests/deps.sh)"
		exit 0
	fi
done
have_ext4=0 have_cpio=0 have_lsinitrd=0
command -v mkfs.ext4 > /dev/null && have_ext4=1
command -v cpio > /dev/null && have_cpio=1
command -v lsinitrd > /dev/null && have_lsinitrd=1

MID=4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84
K_OLD=5.14.0-284.11.1.el9_2.x86_64              # AlmaLinux 9.2's own: not validated
K_VAL=5.14.0-284.11.1.el9_2.tuxcare.6.x86_64    # the validated build (test table)
K_NEW=5.14.0-284.1101.el9_2.tuxcare.7.x86_64    # a patched build: sorts first
EVR_VAL=5.14.0-284.11.1.el9_2.tuxcare.6
BOOT_UUID=5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35
EFI_UUID=7A3C-1F2E
BASE_ARGS="root=/dev/mapper/almalinux-root ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M rd.lvm.lv=almalinux/root"

# The validated-module table the tests judge by (not the shipped tables,
# which may change): one validated kernel build for AlmaLinux 9.2.
POLICY=$t_tmp/pin-test.json
cat > "$POLICY" <<'EOF'
{
  "format": "fipsctl-policy/2",
  "name": "pin-test",
  "title": "pin-kernel test table",
  "vendor": "fipsctl tests",
  "description": "A validated kernel for the pin-kernel tests only.",
  "applies_to": {
    "os": [
      { "id": "almalinux", "version_id": "9.2",
        "provenance": { "source": "fipsctl test fixture", "date": "2026-11", "confidence": "verified" } }
    ],
    "arches": ["x86_64", "aarch64"]
  },
  "provenance": { "source": "fipsctl test fixture", "date": "2026-11", "confidence": "verified" },
  "modules": {
    "kernel": {
      "builds": [
        {
          "arches": ["x86_64", "aarch64"],
          "packages": [{ "name": "kernel-core", "evr": "5.14.0-284.11.1.el9_2.tuxcare.6" }],
          "certificate": { "number": 4750,
            "provenance": { "source": "fipsctl test fixture", "date": "2026-11", "confidence": "verified" } },
          "provenance": { "source": "fipsctl test fixture", "date": "2026-11", "confidence": "verified" }
        }
      ]
    }
  }
}
EOF

put() { mkdir -p "$(dirname "$1")"; cat > "$1"; }

# initramfs FILE [MODULES...]: a real cpio archive (made by cpio) holding
# dracut's module list, which lsinitrd -m reads; a placeholder without cpio.
initramfs() {
	local f=$1 d; shift
	if [ $have_cpio = 0 ]; then
		echo "fipsctl fixture: placeholder initramfs" > "$f"
		return
	fi
	d=$(mktemp -d "$t_tmp/ird.XXXXXX")
	mkdir -p "$d/usr/lib/dracut"
	printf '%s\n' "$@" > "$d/usr/lib/dracut/modules.txt"
	echo dracut-057-21.git20230214.el9 > "$d/usr/lib/dracut/dracut-057-21.git20230214.el9"
	(cd "$d" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$f"
	rm -rf "$d"
}

# kernel ROOT VERSION: image, initramfs (with the fips module) and .hmac.
kernel() {
	local r=$1 v=$2
	printf 'fipsctl fixture: placeholder for vmlinuz-%s\n' "$v" | put "$r/boot/vmlinuz-$v"
	initramfs "$r/boot/initramfs-$v.img" bash systemd fips kernel-modules
	printf '%0128d  vmlinuz-%s\n' 0 "$v" | put "$r/boot/.vmlinuz-$v.hmac"
}

# entry ROOT VERSION OPTIONS: a BLS entry as kernel-install writes it on
# EL9; paths are relative to /boot's filesystem when it is separate.
entry() {
	local r=$1 v=$2 opts=$3 prefix=
	[ -f "$r/.boot-on-root" ] && prefix=/boot
	put "$r/boot/loader/entries/$MID-$v.conf" <<-EOF
	title AlmaLinux ($v) 9.2 (Turquoise Kodkod)
	version $v
	linux $prefix/vmlinuz-$v
	initrd $prefix/initramfs-$v.img \$tuned_initrd
	options $opts \$tuned_params
	grub_users \$grub_users
	grub_arg --unrestricted
	grub_class almalinux
	EOF
}

# mkroot DIR separate|onroot: an AlmaLinux 9.2 x86_64 host in FIPS mode
# whose default is the distribution kernel $K_OLD; the validated $K_VAL
# and a newer patched $K_NEW are installed, $K_VAL's entry without the
# FIPS arguments (installed before fips-mode-setup).
mkroot() {
	local r=$1 layout=$2 fips_args
	rm -rf "$r"
	mkdir -p "$r/run" "$r/etc" "$r/dev/disk/by-uuid" "$r/boot/efi"
	put "$r/etc/os-release" <<-'EOF'
	NAME="AlmaLinux"
	VERSION="9.2 (Turquoise Kodkod)"
	ID="almalinux"
	VERSION_ID="9.2"
	PRETTY_NAME="AlmaLinux 9.2 (Turquoise Kodkod)"
	EOF
	echo "$MID" | put "$r/etc/machine-id"
	echo x86_64 | put "$r/proc/sys/kernel/arch"
	echo "$K_OLD" | put "$r/proc/sys/kernel/osrelease"
	echo 1 | put "$r/proc/sys/crypto/fips_enabled"
	put "$r/etc/sysconfig/kernel" <<-'EOF'
	# UPDATEDEFAULT specifies if kernel-install should make
	# new kernels the default
	UPDATEDEFAULT=yes

	# DEFAULTKERNEL specifies the default kernel package type
	DEFAULTKERNEL=kernel-core
	EOF
	if [ "$layout" = separate ]; then
		# /boot: an ext4 image standing in for /dev/vda2, its UUID set
		# with mkfs.ext4 -U and read back by libblkid (no by-uuid link).
		truncate -s 4M "$r/dev/vda2"
		mkfs.ext4 -q -F -U "$BOOT_UUID" -L boot "$r/dev/vda2"
		put "$r/proc/self/mountinfo" <<-EOF
		1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/almalinux-root rw,attr2,inode64,noquota
		22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
		2 1 252:2 / /boot rw,relatime shared:4 - ext4 /dev/vda2 rw,seclabel
		3 2 252:1 / /boot/efi rw,relatime shared:5 - vfat /dev/vda1 rw,fmask=0077,dmask=0077
		EOF
		ln -s ../../vda1 "$r/dev/disk/by-uuid/$EFI_UUID"
		fips_args="fips=1 boot=UUID=$BOOT_UUID"
	else
		touch "$r/.boot-on-root"
		put "$r/proc/self/mountinfo" <<-EOF
		1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/almalinux-root rw,attr2,inode64,noquota
		22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
		3 1 252:1 / /boot/efi rw,relatime shared:5 - vfat /dev/vda1 rw,fmask=0077,dmask=0077
		EOF
		ln -s ../../vda1 "$r/dev/disk/by-uuid/$EFI_UUID"
		fips_args="fips=1"
	fi
	local v
	for v in "$K_OLD" "$K_VAL" "$K_NEW"; do kernel "$r" "$v"; done
	entry "$r" "$K_OLD" "$BASE_ARGS $fips_args"
	entry "$r" "$K_NEW" "$BASE_ARGS $fips_args"
	entry "$r" "$K_VAL" "$BASE_ARGS"
	mkdir -p "$r/boot/grub2"
	"$EDITENV" "$r/boot/grub2/grubenv" create
	"$EDITENV" "$r/boot/grub2/grubenv" set "saved_entry=$MID-$K_OLD" \
		boot_success=1 tuned_params= tuned_initrd=
}

# tree_list DIR: every path with its type, mode and content hash.
tree_list() {
	(cd "$1" && find . -path ./run -prune -o -print0 | LC_ALL=C sort -z |
		while IFS= read -r -d '' f; do
			if [ -L "$f" ]; then
				printf 'L %s -> %s\n' "$f" "$(readlink "$f")"
			elif [ -f "$f" ]; then
				printf 'F %s %s %s\n' "$f" "$(stat -c %a "$f")" \
					"$(sha256sum < "$f" | cut -d' ' -f1)"
			else
				printf 'D %s %s\n' "$f" "$(stat -c %a "$f")"
			fi
		done)
}

# same_tree NAME BEFORE-LIST DIR: DIR lists exactly as BEFORE.
same_tree() {
	tree_list "$3" > "$t_tmp/after.list"
	if diff -u "$2" "$t_tmp/after.list" > "$t_tmp/tree.diff"; then
		ok "$1"
	else
		not_ok "$1" "the tree changed:"
		sed 's/^/    /' "$t_tmp/tree.diff" | head -30 >&2
	fi
}

# mkgrubby NAME [VAR=VALUE...]: a grubby for fipsctl to run: the stand-in
# with test switches (fipsctl clears the environment of what it runs).
LOG=$t_tmp/grubby.log
COUNTER=$t_tmp/grubby.count
mkgrubby() {
	local f=$t_tmp/$1; shift
	{
		echo '#!/bin/sh'
		printf 'exec env GRUBBY_STANDIN_LOG=%s GRUBBY_STANDIN_COUNTER=%s' "$LOG" "$COUNTER"
		printf ' %s' "$@"
		printf ' %s "$@"\n' "$STANDIN"
	} > "$f"
	chmod 755 "$f"
	echo "$f"
}
GRUBBY=$(mkgrubby grubby)

pin() { # ROOT [ARGS...]: pin-kernel; stdout/stderr in $t_tmp/out, err; rc in $rc
	local r=$1; shift
	rm -f "$LOG" "$COUNTER"
	"$FIPSCTL" --root "$r" pin-kernel --policy "$POLICY" --grubby "$GRUBBY" "$@" \
		> "$t_tmp/out" 2> "$t_tmp/err" < /dev/null
	rc=$?
}

undo() { # ROOT [ARGS...]: pin-kernel --undo, like pin
	local r=$1; shift
	"$FIPSCTL" --root "$r" pin-kernel --undo "$@" > "$t_tmp/out" 2> "$t_tmp/err" < /dev/null
	rc=$?
}

saved_entry() { "$EDITENV" "$1/boot/grub2/grubenv" list | sed -n 's/^saved_entry=//p'; }
options_of() { sed -n 's/^options //p' "$1/boot/loader/entries/$MID-$2.conf"; }
changes() { cat "$COUNTER" 2> /dev/null || echo 0; }

# check_json ROOT EXPR: fipsctl check of the boot area as JSON, then a
# Python condition over the findings by id (f).
check_json() {
	"$FIPSCTL" --root "$1" check --only 'boot.*' --policy "$POLICY" --format json \
		> "$t_tmp/check.json" 2> "$t_tmp/check.err"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = {x["id"]: dict(x, facts={k["key"]: k["value"] for k in x["facts"]}) for x in d["findings"]}
sys.exit(0 if eval(sys.argv[2]) else 1)' "$t_tmp/check.json" "$2"
}

expect() { # NAME CONDITION-CMD...: ok when the command succeeds
	local name=$1; shift
	if "$@"; then ok "$name"; else
		not_ok "$name" "failed: $*"
		sed 's/^/    out: /' "$t_tmp/out" | head -30 >&2
		sed 's/^/    err: /' "$t_tmp/err" | head -20 >&2
	fi
}

R=$t_tmp/root

# --- separate /boot: the full pin, read back, then check and undo --------
if [ $have_ext4 = 1 ]; then
	mkroot "$R" separate
	tree_list "$R" > "$t_tmp/before.list"
	pin "$R" --yes
	expect separate-boot-pins [ "$rc" = 0 ]
	expect separate-boot-saved-entry [ "$(saved_entry "$R")" = "$MID-$K_VAL" ]
	expect separate-boot-args [ "$(options_of "$R" "$K_VAL")" = "$BASE_ARGS \$tuned_params fips=1 boot=UUID=$BOOT_UUID" ]
	expect separate-boot-updatedefault grep -qx 'UPDATEDEFAULT=no' "$R/etc/sysconfig/kernel"
	expect separate-boot-sysconfig-kept grep -qx 'DEFAULTKERNEL=kernel-core' "$R/etc/sysconfig/kernel"
	# Nothing but the pinned entry, the grubenv, sysconfig and the state
	# changed: every other file is byte-identical.
	tree_list "$R" > "$t_tmp/pinned.list"
	diff "$t_tmp/before.list" "$t_tmp/pinned.list" | sed -n 's/^> [FD] \.\([^ ]*\) .*/\1/p' | sort > "$t_tmp/changed"
	printf '%s\n' /boot/grub2/grubenv "/boot/loader/entries/$MID-$K_VAL.conf" \
		/etc/sysconfig/kernel /var /var/lib /var/lib/fipsctl /var/lib/fipsctl/pin-kernel.state | sort > "$t_tmp/expected"
	expect separate-boot-only-expected-files diff -u "$t_tmp/expected" "$t_tmp/changed"
	expect separate-boot-grubby-calls [ "$(changes)" = 2 ]
	expect separate-boot-verified grep -q 'Verified by reading back' "$t_tmp/out"
	expect separate-boot-versionlock-advice grep -q "dnf versionlock add 'kernel\*-$EVR_VAL'" "$t_tmp/out"

	expect check-reports-pinned check_json "$R" \
		'f["boot.pinned"]["status"] == "pass" and f["boot.default_entry"]["status"] == "pass"'
	"$FIPSCTL" --root "$R" pin-kernel --status --policy "$POLICY" > "$t_tmp/out" 2> "$t_tmp/err"
	rc=$?
	expect status-after-pin [ "$rc" = 0 ]
	expect status-names-pinned grep -q '^pass   boot.pinned' "$t_tmp/out"
	"$FIPSCTL" --root "$R" pin-kernel --status --policy "$POLICY" --format json > "$t_tmp/out" 2> "$t_tmp/err"
	expect status-json python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ids = sorted(x["id"] for x in d["findings"])
sys.exit(0 if ids == ["boot.default_entry", "boot.hmac", "boot.pinned"] else 1)' "$t_tmp/out"

	# Already pinned: no change at all, grubby only asked.
	tree_list "$R" > "$t_tmp/pinned.list"
	pin "$R" --yes
	expect already-pinned-exit [ "$rc" = 0 ]
	expect already-pinned-says grep -q '^Already pinned' "$t_tmp/out"
	expect already-pinned-no-grubby-change [ "$(changes)" = 0 ]
	same_tree already-pinned-tree-identical "$t_tmp/pinned.list" "$R"

	# Undo: the tree byte for byte as before the pin.
	tree_list "$R" > "$t_tmp/pinned.list"
	undo "$R" --dry-run
	expect undo-dry-run-exit [ "$rc" = 0 ]
	expect undo-dry-run-lists grep -q "^would restore: /boot/grub2/grubenv" "$t_tmp/out"
	same_tree undo-dry-run-changes-nothing "$t_tmp/pinned.list" "$R"
	undo "$R" --yes
	expect undo-exit [ "$rc" = 0 ]
	same_tree undo-restores-tree "$t_tmp/before.list" "$R"
	undo "$R" --yes
	expect undo-twice-refused [ "$rc" = 1 ]
else
	skip separate-boot "mkfs.ext4 is not installed (e2fsprogs)"
fi

# --- the validated kernel is not installed -------------------------------
mkroot "$R" onroot
rm -f "$R/boot/vmlinuz-$K_VAL" "$R/boot/initramfs-$K_VAL.img" "$R/boot/.vmlinuz-$K_VAL.hmac"
rm -f "$R/boot/loader/entries/$MID-$K_VAL.conf"
tree_list "$R" > "$t_tmp/before.list"
pin "$R" --yes
expect not-installed-refused [ "$rc" = 1 ]
expect not-installed-dnf-command grep -qF "install it: dnf install kernel-core-$EVR_VAL" "$t_tmp/err"
same_tree not-installed-unchanged "$t_tmp/before.list" "$R"
pin "$R" --yes --kernel "$K_VAL"
expect not-installed-named-refused [ "$rc" = 1 ]
expect not-installed-named-dnf grep -qF "dnf install kernel-core-$EVR_VAL" "$t_tmp/err"

# --- /boot on /: no boot= at all, a needless one removed ------------------
mkroot "$R" onroot
entry "$R" "$K_VAL" "$BASE_ARGS boot=UUID=$BOOT_UUID fips=0"
pin "$R" --yes
expect boot-on-root-pins [ "$rc" = 0 ]
expect boot-on-root-args [ "$(options_of "$R" "$K_VAL")" = "$BASE_ARGS \$tuned_params fips=1" ]
expect boot-on-root-saved-entry [ "$(saved_entry "$R")" = "$MID-$K_VAL" ]
expect boot-on-root-check check_json "$R" \
	'f["boot.pinned"]["status"] == "pass" and f["boot.default_entry"]["status"] == "pass"'

# --- no /etc/sysconfig/kernel: created, and removed again by the undo ----
mkroot "$R" onroot
rm "$R/etc/sysconfig/kernel"
tree_list "$R" > "$t_tmp/before.list"
pin "$R" --yes
expect no-sysconfig-pins [ "$rc" = 0 ]
expect no-sysconfig-created grep -qx 'UPDATEDEFAULT=no' "$R/etc/sysconfig/kernel"
undo "$R" --yes
expect no-sysconfig-undo [ "$rc" = 0 ]
same_tree no-sysconfig-undo-tree "$t_tmp/before.list" "$R"

# --- a file changed after the pin: the undo restores nothing --------------
mkroot "$R" onroot
pin "$R" --yes
echo "# edited by hand" >> "$R/boot/loader/entries/$MID-$K_VAL.conf"
tree_list "$R" > "$t_tmp/edited.list"
undo "$R" --yes
expect undo-after-edit-refused [ "$rc" = 1 ]
expect undo-after-edit-says grep -q "changed since the pin; nothing was restored" "$t_tmp/err"
same_tree undo-after-edit-unchanged "$t_tmp/edited.list" "$R"

# --- an existing wrong boot= (the EFI system partition) ------------------
if [ $have_ext4 = 1 ]; then
	for wrong in /boot/efi "UUID=$EFI_UUID"; do
		mkroot "$R" separate
		entry "$R" "$K_VAL" "$BASE_ARGS fips=1 boot=$wrong"
		pin "$R" --yes
		expect "wrong-boot-$wrong-pins" [ "$rc" = 0 ]
		expect "wrong-boot-$wrong-replaced" [ "$(options_of "$R" "$K_VAL")" = "$BASE_ARGS fips=1 \$tuned_params boot=UUID=$BOOT_UUID" ]
	done
fi

# --- grubby fails on its second change: everything rolled back ----------
mkroot "$R" onroot
tree_list "$R" > "$t_tmp/before.list"
GRUBBY=$(mkgrubby grubby-fail2 GRUBBY_STANDIN_FAIL_CHANGE=2)
pin "$R" --yes
expect grubby-fails-refused [ "$rc" = 1 ]
expect grubby-fails-message grep -q 'injected failure of change 2' "$t_tmp/err"
expect grubby-fails-rolled-back grep -q "^Rolled back: restored /boot/loader/entries/$MID-$K_VAL.conf" "$t_tmp/err"
expect grubby-fails-default-unchanged [ "$(saved_entry "$R")" = "$MID-$K_OLD" ]
same_tree grubby-fails-tree-identical "$t_tmp/before.list" "$R"

# --- grubby exits 0 but does not change the default ---------------------
mkroot "$R" onroot
tree_list "$R" > "$t_tmp/before.list"
GRUBBY=$(mkgrubby grubby-noop GRUBBY_STANDIN_NOOP_SET_DEFAULT=1)
pin "$R" --yes
expect grubby-lies-refused [ "$rc" = 1 ]
expect grubby-lies-caught grep -q "grubby --default-kernel says /boot/vmlinuz-$K_OLD" "$t_tmp/err"
expect grubby-lies-rolled-back grep -q '^Rolled back:' "$t_tmp/err"
same_tree grubby-lies-tree-identical "$t_tmp/before.list" "$R"
GRUBBY=$(mkgrubby grubby)

# --- dry run: every command printed, nothing run or changed --------------
mkroot "$R" onroot
tree_list "$R" > "$t_tmp/before.list"
pin "$R" --dry-run
expect dry-run-exit [ "$rc" = 0 ]
expect dry-run-update-printed grep -q "^would run: .*grubby.* --update-kernel=/boot/vmlinuz-$K_VAL --args=fips=1$" "$t_tmp/out"
expect dry-run-set-default-printed grep -q "^would run: .*grubby.* --set-default=/boot/vmlinuz-$K_VAL" "$t_tmp/out"
expect dry-run-sysconfig-printed grep -q '^would write: /etc/sysconfig/kernel: UPDATEDEFAULT=yes -> UPDATEDEFAULT=no' "$t_tmp/out"
expect dry-run-grubby-never-run [ ! -e "$LOG" ]
same_tree dry-run-tree-identical "$t_tmp/before.list" "$R"

# --- hostile --kernel values: rejected before anything runs --------------
mkroot "$R" onroot
tree_list "$R" > "$t_tmp/before.list"
long=$(printf '5.14.0-%0300d' 1)
i=0
for k in ../../etc/passwd "5.14.0 -1.x86_64" '5.14.0-1;touch${IFS}/tmp/fipsctl-pwned' \
	'5.14.0-$(touch /tmp/fipsctl-pwned)' '5.14.0-`id`' "$long" '' \
	"$(printf '5.14.0-1\nfips=0')" '-5.14.0' '5.14.0-1/../../x'; do
	i=$((i + 1))
	pin "$R" --yes --kernel "$k"
	expect "hostile-kernel-$i-usage" [ "$rc" = 2 ]
	expect "hostile-kernel-$i-named" grep -q 'invalid --kernel' "$t_tmp/err"
done
expect hostile-kernel-no-grubby [ ! -e "$LOG" ]
expect hostile-kernel-no-side-effect [ ! -e /tmp/fipsctl-pwned ]
same_tree hostile-kernel-tree-identical "$t_tmp/before.list" "$R"

# --- unvalidated --kernel: refused unless forced --------------------------
mkroot "$R" onroot
pin "$R" --yes --kernel "$K_NEW"
expect unvalidated-refused [ "$rc" = 2 ]
expect unvalidated-says grep -q 'not a validated kernel' "$t_tmp/err"
pin "$R" --yes --kernel "$K_NEW" --force-unvalidated
expect unvalidated-forced-pins [ "$rc" = 0 ]
expect unvalidated-forced-saved [ "$(saved_entry "$R")" = "$MID-$K_NEW" ]
expect unvalidated-check-fails check_json "$R" 'f["boot.pinned"]["status"] == "fail"'
# A table that also accepts FIPS-compliant patched builds: without the
# rpmdb nobody can tell whether $K_NEW is one, so not a "fail".
python3 - "$POLICY" "$t_tmp/pin-test-compliant.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["name"] = "pin-test-compliant"
t["modules"]["kernel"]["compliant"] = [{
    "arches": ["x86_64", "aarch64"], "package": "kernel-core",
    "evr_glob": "5.14.0-284.*.el9_2.tuxcare.*",
    "newer_than": "5.14.0-284.11.1.el9_2.tuxcare.6",
    "statement": "fipsctl test fixture",
    "provenance": {"source": "fipsctl test fixture", "date": "2026-11", "confidence": "verified"}}]
json.dump(t, open(sys.argv[2], "w"), indent=1)
PY
"$FIPSCTL" --root "$R" check --only boot.pinned --policy "$t_tmp/pin-test-compliant.json" \
	--format json > "$t_tmp/check.json" 2> "$t_tmp/check.err"
expect compliant-unknown-is-warn python3 -c '
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["id"] == "boot.pinned"][0]
sys.exit(0 if f["status"] == "warn" and "judged from the rpmdb" in f["summary"] else 1)' "$t_tmp/check.json"
pin "$R" --yes
expect previous-pin-recorded-refused [ "$rc" = 1 ]
expect previous-pin-recorded-says grep -q 'undo it first' "$t_tmp/err"

# --- the kernel's .hmac file is missing ------------------------------------
mkroot "$R" onroot
rm -f "$R/boot/.vmlinuz-$K_VAL.hmac"
tree_list "$R" > "$t_tmp/before.list"
pin "$R" --yes
expect no-hmac-refused [ "$rc" = 1 ]
expect no-hmac-says grep -qF ".vmlinuz-$K_VAL.hmac is missing" "$t_tmp/err"
same_tree no-hmac-unchanged "$t_tmp/before.list" "$R"

# --- the initramfs lacks dracut's fips module (real lsinitrd) ------------
if [ $have_lsinitrd = 1 ] && [ $have_cpio = 1 ]; then
	mkroot "$R" onroot
	initramfs "$R/boot/initramfs-$K_VAL.img" bash systemd kernel-modules
	tree_list "$R" > "$t_tmp/before.list"
	pin "$R" --yes
	expect no-fips-module-refused [ "$rc" = 1 ]
	expect no-fips-module-says grep -q 'no dracut fips module' "$t_tmp/err"
	same_tree no-fips-module-unchanged "$t_tmp/before.list" "$R"
else
	skip no-fips-module "lsinitrd (dracut-core) or cpio is not installed"
fi

# --- two runs at once: one pins, the other fails clearly ------------------
mkroot "$R" onroot
GRUBBY=$(mkgrubby grubby-slow GRUBBY_STANDIN_DELAY=2)
rm -f "$LOG" "$COUNTER"
"$FIPSCTL" --root "$R" pin-kernel --policy "$POLICY" --grubby "$GRUBBY" --yes \
	> "$t_tmp/out1" 2> "$t_tmp/err1" < /dev/null &
p1=$!
sleep 0.5
"$FIPSCTL" --root "$R" pin-kernel --policy "$POLICY" --grubby "$GRUBBY" --yes \
	> "$t_tmp/out2" 2> "$t_tmp/err2" < /dev/null
rc2=$?
wait $p1
rc1=$?
expect concurrent-first-pins [ "$rc1" = 0 ]
expect concurrent-second-fails [ "$rc2" = 1 ]
expect concurrent-second-says-why grep -q "another 'fipsctl pin-kernel' is running" "$t_tmp/err2"
expect concurrent-changes-once [ "$(changes)" = 2 ]
expect concurrent-result [ "$(saved_entry "$R")" = "$MID-$K_VAL" ]
GRUBBY=$(mkgrubby grubby)

# --- a change to the live host needs root --------------------------------
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$FIPSCTL" pin-kernel --yes \
		> "$t_tmp/out" 2> "$t_tmp/err" < /dev/null
	rc=$?
	expect not-root-refused [ "$rc" = 2 ]
	expect not-root-says grep -q 'must run as root' "$t_tmp/err"
else
	skip not-root "needs root and setpriv to run as another user"
fi

t_done
