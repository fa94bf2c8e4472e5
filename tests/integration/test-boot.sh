#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The boot.* checks against small EL9-like roots built here: BLS entries as
# kernel-install writes them, a grubenv made by grub-editenv, kernels and
# their .hmac files, /etc/kernel/cmdline, /proc copies and a mountinfo with
# a separate /boot.  Each case asserts the exact status of every boot.*
# finding and the facts or text that carry the verdict.
. "$(dirname "$0")/../lib.sh"
: "${t_tmp:?lib.sh did not set up a scratch directory}"

MID=4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84
KNEW=5.14.0-284.11.1.el9_2.x86_64
KMID=5.14.0-162.23.1.el9_1.x86_64
KOLD=5.14.0-70.13.1.el9_0.x86_64
BOOT_UUID=5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35
EFI_UUID=7A3C-1F2E
ROOT_ARGS="root=/dev/mapper/almalinux-root ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M rd.lvm.lv=almalinux/root"
FIPS_ARGS="fips=1 boot=UUID=$BOOT_UUID"

editenv=
for t in grub2-editenv grub-editenv; do
	command -v "$t" > /dev/null && editenv=$t && break
done
if [ -z "$editenv" ]; then
	skip test-boot "grub-editenv is not installed (apt-get install grub-common)"
	exit 0
fi
if ! command -v jq > /dev/null; then
	skip test-boot "jq is not installed (tests/deps.sh installs it)"
	exit 0
fi

put() { mkdir -p "$(dirname "$1")"; cat > "$1"; }

# entry ROOT VERSION OPTIONS [LINUX-PREFIX]: a BLS entry as kernel-install
# writes it on EL9 ("" as prefix when /boot is separate, "/boot" if not).
entry() {
	local r=$1 v=$2 opts=$3 pre=${4-}
	# kernel-install keeps tuned's variable (unset in grubenv here).
	case $opts in *'$'*) ;; *) opts="$opts \$tuned_params" ;; esac
	put "$r/boot/loader/entries/$MID-$v.conf" <<-EOF
	title AlmaLinux ($v) 9.2 (Turquoise Kodkod)
	version $v
	linux $pre/vmlinuz-$v
	initrd $pre/initramfs-$v.img \$tuned_initrd
	options $opts
	grub_users \$grub_users
	grub_arg --unrestricted
	grub_class almalinux
	EOF
}

# kernel ROOT VERSION: the image and its .hmac (HMAC-SHA512 as
# sha512hmac writes it; the key is libkcapi's default).
kernel() {
	local r=$1 v=$2
	mkdir -p "$r/boot"
	printf 'MZ fake kernel image %s\n' "$v" > "$r/boot/vmlinuz-$v"
	local mac
	mac=$(openssl dgst -sha512 -hmac FIPS-FTW-RHT2009 -r "$r/boot/vmlinuz-$v" | cut -d' ' -f1)
	printf '%s  vmlinuz-%s\n' "$mac" "$v" > "$r/boot/.vmlinuz-$v.hmac"
}

# mkroot NAME: an AlmaLinux 9.2 host in FIPS mode, /boot on vda1 (xfs),
# the EFI system partition on vda2, three kernels and a rescue entry.
mkroot() {
	local r=$t_tmp/$1
	rm -rf "$r"
	mkdir -p "$r/etc/kernel" "$r/proc/self" "$r/proc/sys/crypto" \
		"$r/dev/disk/by-uuid" "$r/boot/grub2"
	put "$r/proc/self/mountinfo" <<-EOF
	1 0 253:0 / / rw,relatime shared:1 - xfs /dev/mapper/almalinux-root rw,attr2,inode64
	22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
	60 1 252:1 / /boot rw,relatime shared:29 - xfs /dev/vda1 rw,attr2,inode64
	62 60 252:2 / /boot/efi rw,relatime shared:31 - vfat /dev/vda2 rw,fmask=0077,dmask=0077
	EOF
	: > "$r/dev/vda1"
	: > "$r/dev/vda2"
	ln -s ../../vda1 "$r/dev/disk/by-uuid/$BOOT_UUID"
	ln -s ../../vda2 "$r/dev/disk/by-uuid/$EFI_UUID"
	for v in $KNEW $KMID $KOLD; do
		kernel "$r" "$v"
		entry "$r" "$v" "$ROOT_ARGS $FIPS_ARGS"
	done
	put "$r/boot/loader/entries/$MID-0-rescue.conf" <<-EOF
	title AlmaLinux (0-rescue-$MID) 9.2 (Turquoise Kodkod)
	version 0-rescue-$MID
	linux /vmlinuz-0-rescue-$MID
	initrd /initramfs-0-rescue-$MID.img
	options $ROOT_ARGS $FIPS_ARGS
	grub_users \$grub_users
	grub_arg --unrestricted
	grub_class almalinux
	EOF
	kernel "$r" "0-rescue-$MID"
	"$editenv" "$r/boot/grub2/grubenv" create
	"$editenv" "$r/boot/grub2/grubenv" set "saved_entry=$MID-$KNEW" boot_success=0
	echo "$ROOT_ARGS $FIPS_ARGS" > "$r/etc/kernel/cmdline"
	echo "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-$KNEW $ROOT_ARGS $FIPS_ARGS" > "$r/proc/cmdline"
	echo 1 > "$r/proc/sys/crypto/fips_enabled"
	echo "$r"
}

# run NAME ROOT: the JSON report of the boot.* checks in $t_tmp/NAME.json.
run() {
	# boot.pinned (checks/pinned.c) has its own tests in tests/pin-kernel.
	"$FIPSCTL" --root "$2" check --only 'boot.*' --skip boot.pinned --format json > "$t_tmp/$1.json" 2> "$t_tmp/$1.err"
	echo $? > "$t_tmp/$1.rc"
}

# expect NAME "default entries kernel_cmdline hmac pending_reboot" [RC]:
# the exact statuses, in that order, and the exit status.
expect() {
	local name=$1 want=$2 rc_want=${3-}
	local got
	got=$(jq -r '[.findings[] | select(.check | startswith("boot.")) | .status] | join(" ")' "$t_tmp/$name.json" 2> /dev/null)
	if [ "$got" != "$want" ]; then
		not_ok "$name" "statuses '$got', expected '$want'"
		jq -r '.findings[] | "    \(.id): \(.status): \(.summary)"' "$t_tmp/$name.json" >&2 2> /dev/null
		sed 's/^/    stderr: /' "$t_tmp/$name.err" >&2
		return 1
	fi
	if [ -n "$rc_want" ] && [ "$(cat "$t_tmp/$name.rc")" != "$rc_want" ]; then
		not_ok "$name" "exit $(cat "$t_tmp/$name.rc"), expected $rc_want"
		return 1
	fi
	ok "$name"
}

# fact NAME CHECK KEY VALUE: finding CHECK has fact KEY equal to VALUE.
fact() {
	local got
	got=$(jq -r --arg c "$2" --arg k "$3" '.findings[] | select(.id == $c) | .facts[] | select(.key == $k) | .value' "$t_tmp/$1.json")
	if [ "$got" = "$4" ]; then ok "$1:$2:$3"; else not_ok "$1:$2:$3" "'$got', expected '$4'"; fi
}

# factre NAME CHECK KEY ERE: ... or a value matching ERE.
factre() {
	local got
	got=$(jq -r --arg c "$2" --arg k "$3" '.findings[] | select(.id == $c) | .facts[] | select(.key == $k) | .value' "$t_tmp/$1.json")
	if printf '%s' "$got" | grep -Eq -- "$4"; then ok "$1:$2:$3"; else not_ok "$1:$2:$3" "'$got' does not match /$4/"; fi
}

# text NAME CHECK FIELD ERE: finding CHECK's FIELD (summary, remediation)
# matches ERE.
text() {
	local got
	got=$(jq -r --arg c "$2" --arg f "$3" '.findings[] | select(.id == $c) | .[$f] // ""' "$t_tmp/$1.json")
	if printf '%s' "$got" | grep -Eq -- "$4"; then ok "$1:$2:$3"; else not_ok "$1:$2:$3" "'$got' does not match /$4/"; fi
}

# --- all good ----------------------------------------------------------------
r=$(mkroot good)
run good "$r"
expect good "pass pass pass pass pass" 0
fact good boot.default_entry entry_id "$MID-$KNEW"
fact good boot.default_entry kernel_path "/vmlinuz-$KNEW"
fact good boot.default_entry kernel_version "$KNEW"
fact good boot.default_entry options "$ROOT_ARGS $FIPS_ARGS "
fact good boot.default_entry variables_not_in_grubenv tuned_params
fact good boot.default_entry default_via "saved_entry"
fact good boot.entries entries 4
fact good boot.hmac hmac_path "/boot/.vmlinuz-$KNEW.hmac"
fact good boot.hmac hmac_bits 512
fact good boot.pending_reboot state consistent

# --- the default entry lacks fips=1, the others have it ------------------------
r=$(mkroot default-no-fips)
entry "$r" "$KNEW" "$ROOT_ARGS"
run default-no-fips "$r"
expect default-no-fips "fail fail pass pass fail" 1
text default-no-fips boot.default_entry summary "no fips=1"
text default-no-fips boot.default_entry remediation "^grubby --update-kernel=DEFAULT --args=\"fips=1 boot=UUID=$BOOT_UUID\"$"
fact default-no-fips boot.entries offending 1
text default-no-fips boot.entries summary "^1 of 4 boot entries lack fips=1 or a correct boot=: $MID-$KNEW \(no fips=1, no boot=\); details in the facts$"
factre default-no-fips boot.entries "entry.$MID-$KNEW" "^no fips=1; /boot is a separate filesystem .* no boot= argument"
text default-no-fips boot.entries remediation "^grubby --update-kernel=ALL --args=\"fips=1 boot=UUID=$BOOT_UUID\"$"
fact default-no-fips boot.pending_reboot state will-lose-fips-on-reboot

# --- one older entry lacks fips=1 ------------------------------------------
r=$(mkroot old-no-fips)
entry "$r" "$KOLD" "$ROOT_ARGS boot=UUID=$BOOT_UUID"
run old-no-fips "$r"
expect old-no-fips "pass fail pass pass pass" 1
text old-no-fips boot.entries summary "^1 of 4 boot entries lack fips=1 or a correct boot=: $MID-$KOLD \(no fips=1\); details in the facts$"
fact old-no-fips boot.entries "entry.$MID-$KOLD" "no fips=1"

# --- the rescue entry lacks fips=1 -----------------------------------------
r=$(mkroot rescue-no-fips)
sed -i 's/ fips=1//' "$r/boot/loader/entries/$MID-0-rescue.conf"
run rescue-no-fips "$r"
expect rescue-no-fips "pass fail pass pass pass" 1
text rescue-no-fips boot.entries summary "$MID-0-rescue \(rescue entry: no fips=1\)"

# --- boot= names the EFI system partition, or the /boot/efi path ----------------
r=$(mkroot bootarg-efi)
entry "$r" "$KMID" "$ROOT_ARGS fips=1 boot=UUID=$EFI_UUID"
run bootarg-efi "$r"
expect bootarg-efi "pass fail pass pass pass" 1
text bootarg-efi boot.entries summary "$MID-$KMID \(boot= names the EFI system partition\)"
fact bootarg-efi boot.entries "entry.$MID-$KMID" "boot=UUID=$EFI_UUID names the EFI system partition mounted at /boot/efi (/dev/vda2), not the /boot filesystem (/dev/vda1)"

r=$(mkroot bootarg-efi-path)
entry "$r" "$KNEW" "$ROOT_ARGS fips=1 boot=/boot/efi"
run bootarg-efi-path "$r"
expect bootarg-efi-path "fail fail pass pass pass" 1
fact bootarg-efi-path boot.default_entry boot_arg_verdict wrong
text bootarg-efi-path boot.default_entry summary "boot=/boot/efi is not a form dracut accepts"

# --- /etc/kernel/cmdline: wrong, then absent --------------------------------
r=$(mkroot kcmdline-no-fips)
echo "$ROOT_ARGS" > "$r/etc/kernel/cmdline"
run kcmdline-no-fips "$r"
expect kcmdline-no-fips "pass pass fail pass pass" 1
text kcmdline-no-fips boot.kernel_cmdline summary "^/etc/kernel/cmdline: no fips=1; /boot is a separate filesystem"
text kcmdline-no-fips boot.kernel_cmdline remediation "^sed -i '\\$ s/\\$/ fips=1 boot=UUID=$BOOT_UUID/' /etc/kernel/cmdline$"

r=$(mkroot kcmdline-absent)
rm "$r/etc/kernel/cmdline"
run kcmdline-absent "$r"
expect kcmdline-absent "pass pass warn pass pass" 0
text kcmdline-absent boot.kernel_cmdline summary "does not exist: new kernels get their arguments from the running kernel's command line"

# --- the default kernel's .hmac is missing, or malformed ---------------------
r=$(mkroot missing-hmac)
rm "$r/boot/.vmlinuz-$KNEW.hmac"
run missing-hmac "$r"
expect missing-hmac "pass pass pass fail pass" 1
text missing-hmac boot.hmac summary "^/boot/.vmlinuz-$KNEW.hmac is missing: with fips=1 the initramfs refuses to boot"
text missing-hmac boot.hmac remediation "^dnf reinstall kernel-core-$KNEW$"

r=$(mkroot bad-hmac)
echo "not a digest" > "$r/boot/.vmlinuz-$KNEW.hmac"
run bad-hmac "$r"
expect bad-hmac "pass pass pass fail pass" 1

# --- saved_entry names an entry that is gone --------------------------------
r=$(mkroot saved-missing)
"$editenv" "$r/boot/grub2/grubenv" set "saved_entry=$MID-5.14.0-1.el9.x86_64"
run saved-missing "$r"
expect saved-missing "fail pass pass pass pass" 1
text saved-missing boot.default_entry summary "^saved_entry '$MID-5.14.0-1.el9.x86_64' names no boot entry; GRUB falls back to the first one, $MID-$KNEW$"
fact saved-missing boot.default_entry entry_id "$MID-$KNEW"
text saved-missing boot.default_entry remediation "^grubby --set-default=/boot/vmlinuz-$KNEW$"

# --- no saved_entry: the newest by rpm version order is the default -------------
# (by plain string order 5.14.0-70 would sort above 5.14.0-284)
r=$(mkroot no-saved-entry)
"$editenv" "$r/boot/grub2/grubenv" unset saved_entry
entry "$r" "$KOLD" "$ROOT_ARGS"
run no-saved-entry "$r"
expect no-saved-entry "pass fail pass pass pass" 1
fact no-saved-entry boot.default_entry entry_id "$MID-$KNEW"
fact no-saved-entry boot.default_entry default_via "first entry (no saved_entry)"

r=$(mkroot no-grubenv)
rm "$r/boot/grub2/grubenv"
run no-grubenv "$r"
expect no-grubenv "pass pass pass pass pass" 0
fact no-grubenv boot.default_entry grubenv "/boot/grub2/grubenv does not exist"

# --- an entry without a version line: the version comes from the image -----------
r=$(mkroot no-version-line)
sed -i '/^version /d' "$r/boot/loader/entries/$MID-$KNEW.conf"
run no-version-line "$r"
expect no-version-line "pass pass pass pass pass" 0
fact no-version-line boot.default_entry kernel_version "$KNEW"

# --- a malformed grubenv ----------------------------------------------------
r=$(mkroot bad-grubenv)
printf 'saved_entry=%s\n' "$MID-$KOLD" > "$r/boot/grub2/grubenv"
run bad-grubenv "$r"
expect bad-grubenv "error pass pass error warn" 1
text bad-grubenv boot.default_entry summary "^cannot tell the default entry: /boot/grub2/grubenv is malformed \(line 1: no '# GRUB Environment Block' signature line\)$"

# --- configured but not rebooted --------------------------------------------
r=$(mkroot pending-reboot)
echo 0 > "$r/proc/sys/crypto/fips_enabled"
echo "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-$KNEW $ROOT_ARGS" > "$r/proc/cmdline"
run pending-reboot "$r"
expect pending-reboot "pass pass pass pass fail" 1
text pending-reboot boot.pending_reboot summary "^pending reboot:"
text pending-reboot boot.pending_reboot remediation "^reboot$"
fact pending-reboot boot.pending_reboot state pending-reboot
fact pending-reboot boot.pending_reboot configured_fips yes
fact pending-reboot boot.pending_reboot running_fips no

r=$(mkroot not-configured)
for v in $KNEW $KMID $KOLD; do entry "$r" "$v" "$ROOT_ARGS"; done
echo 0 > "$r/proc/sys/crypto/fips_enabled"
echo "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-$KNEW $ROOT_ARGS" > "$r/proc/cmdline"
run not-configured "$r"
expect not-configured "fail fail pass pass fail" 1
fact not-configured boot.pending_reboot state not-configured

# --- EL8-era entries: options $kernelopts from grubenv ----------------------
r=$(mkroot kernelopts)
for v in $KNEW $KMID $KOLD; do entry "$r" "$v" '$kernelopts $tuned_params'; done
"$editenv" "$r/boot/grub2/grubenv" set "kernelopts=$ROOT_ARGS $FIPS_ARGS"
run kernelopts "$r"
expect kernelopts "pass pass pass pass pass" 0
fact kernelopts boot.default_entry options_raw '$kernelopts $tuned_params'
fact kernelopts boot.default_entry substituted_from_grubenv kernelopts
fact kernelopts boot.default_entry variables_not_in_grubenv tuned_params
fact kernelopts boot.default_entry options "$ROOT_ARGS $FIPS_ARGS "

r=$(mkroot kernelopts-no-fips)
for v in $KNEW $KMID $KOLD; do entry "$r" "$v" '$kernelopts'; done
"$editenv" "$r/boot/grub2/grubenv" set "kernelopts=$ROOT_ARGS"
run kernelopts-no-fips "$r"
expect kernelopts-no-fips "fail fail pass pass fail" 1

# $kernelopts that grubenv does not define: could not tell, never "no".
r=$(mkroot kernelopts-unset)
for v in $KNEW $KMID $KOLD; do entry "$r" "$v" '$kernelopts'; done
run kernelopts-unset "$r"
expect kernelopts-unset "warn warn pass pass warn" 0
text kernelopts-unset boot.default_entry summary 'no fips=1 unless \$kernelopts \(not in grubenv'
fact kernelopts-unset boot.pending_reboot state unknown

# --- GRUB stops reading an entry at a blank line ----------------------------
r=$(mkroot blank-line)
f=$r/boot/loader/entries/$MID-$KNEW.conf
sed -i "s|^options .*|options $ROOT_ARGS\n\noptions $ROOT_ARGS $FIPS_ARGS|" "$f"
run blank-line "$r"
expect blank-line "fail fail pass pass fail" 1
text blank-line boot.entries summary "$MID-$KNEW \(no fips=1, no boot=, GRUB ignores lines\)"
factre blank-line boot.entries "entry.$MID-$KNEW" "; GRUB stops reading at line 6 \(a line without key and value\) and ignores the lines after it$"

# --- /boot on the root filesystem: paths start with /boot, no boot= ----------------
r=$(mkroot boot-on-root)
sed -i '/ \/boot /d; / \/boot\/efi /d' "$r/proc/self/mountinfo"
for v in $KNEW $KMID $KOLD; do entry "$r" "$v" "$ROOT_ARGS fips=1" /boot; done
sed -i "s| boot=UUID=$BOOT_UUID||" "$r/boot/loader/entries/$MID-0-rescue.conf" "$r/etc/kernel/cmdline" "$r/proc/cmdline"
run boot-on-root "$r"
expect boot-on-root "pass pass pass pass pass" 0
fact boot-on-root boot.hmac kernel_image "/boot/vmlinuz-$KNEW"

# --- no BLS entries at all -----------------------------------------------------
r=$(mkroot no-bls)
rm -rf "$r/boot/loader"
run no-bls "$r"
expect no-bls "skip skip pass skip skip" 0
text no-bls boot.pending_reboot summary "^no /boot/loader/entries: this system does not use Boot Loader Specification entries"

r=$(mkroot no-entries)
rm "$r"/boot/loader/entries/*.conf
run no-entries "$r"
expect no-entries "fail fail pass skip skip" 1
text no-entries boot.default_entry summary "^/boot/loader/entries holds no boot entry with a linux line: GRUB has nothing to boot$"

t_done
