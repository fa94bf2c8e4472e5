#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The crypto-policy checks against small fixture roots laid out as EL9 lays
# out crypto-policies: /usr/share/crypto-policies/<POLICY>/<back-end>.txt,
# /etc/crypto-policies/back-ends/<back-end>.config as absolute symlinks
# (what update-crypto-policies makes), config, state/current and
# state/CURRENT.pol.  Each case asserts the exact status of every
# crypto-policy.* finding, the exit code and the fips-mode-setup line.
. "$(dirname "$0")/../lib.sh"

BACKENDS="openssl opensslcnf gnutls nss libreswan java krb5 openssh \
opensshserver bind libssh javasystem"
KVER=5.14.0-284.11.1.el9_2.x86_64
SHARE=/usr/share/crypto-policies

# link_backends ROOT POLICY: back-ends as update-crypto-policies links them.
link_backends() {
	local b
	rm -f "$1"/etc/crypto-policies/back-ends/*
	for b in $BACKENDS; do
		ln -s "$SHARE/$2/$b.txt" "$1/etc/crypto-policies/back-ends/$b.config"
	done
}

# write_backends ROOT POLICY: the regular files it writes for a policy
# with subpolicies (there is no $SHARE/FIPS:OSPP directory to link to).
write_backends() {
	local b
	rm -f "$1"/etc/crypto-policies/back-ends/*
	for b in $BACKENDS; do
		printf '# %s back-end generated for %s\n' "$b" "$2" \
			> "$1/etc/crypto-policies/back-ends/$b.config"
	done
}

# set_policy ROOT CONFIG STATE: config text and what was applied.
set_policy() {
	printf '%b' "$2" > "$1/etc/crypto-policies/config"
	printf '%s\n' "$3" > "$1/etc/crypto-policies/state/current"
	printf '# Policy %s dump\n#\n# Baseline values for all scopes:\n' "$3" \
		> "$1/etc/crypto-policies/state/CURRENT.pol"
}

# make_root DIR: AlmaLinux 9.2 in FIPS mode as fips-mode-setup leaves it.
make_root() {
	local r=$1 p b
	mkdir -p "$r"/etc/crypto-policies/{back-ends,state,local.d,policies/modules} \
		"$r$SHARE/policies/modules" "$r"/proc/sys/crypto "$r"/proc/sys/kernel
	for p in FIPS DEFAULT; do
		mkdir -p "$r$SHARE/$p"
		for b in $BACKENDS; do
			printf '# %s policy for %s\n' "$p" "$b" > "$r$SHARE/$p/$b.txt"
		done
		printf '# %s policy\n' "$p" > "$r$SHARE/policies/$p.pol"
	done
	printf 'DEFAULT\n' > "$r$SHARE/default-config"
	printf '# OSPP subpolicy\n' > "$r$SHARE/policies/modules/OSPP.pmod"
	cat > "$r/etc/os-release" <<-EOF
	NAME="AlmaLinux"
	VERSION="9.2 (Turquoise Kodkod)"
	ID="almalinux"
	VERSION_ID="9.2"
	PRETTY_NAME="AlmaLinux 9.2 (Turquoise Kodkod)"
	EOF
	set_policy "$r" 'FIPS\n' FIPS
	link_backends "$r" FIPS
	echo 1 > "$r/proc/sys/crypto/fips_enabled"
	echo "$KVER" > "$r/proc/sys/kernel/osrelease"
	echo "# FIPS module installation complete" > "$r/etc/system-fips"
}

run_root() {
	"$FIPSCTL" --root "$1" --format json check --only 'crypto-policy.*' \
		> "$t_tmp/out.json" 2> "$t_tmp/err"
	echo $? > "$t_tmp/rc"
}

# statuses: "config=pass applied=pass ..." from the last run.
statuses() {
	jq -r '[.findings[] | "\(.id | sub("^crypto-policy\\."; ""))=\(.status)"] | join(" ")' \
		"$t_tmp/out.json"
}

# fact ID KEY: a fact of a finding from the last run.
fact() {
	jq -r --arg id "crypto-policy.$1" --arg k "$2" \
		'.findings[] | select(.id == $id) | .facts[] | select(.key == $k) | .value' \
		"$t_tmp/out.json"
}

remedy_of() {
	jq -r --arg id "crypto-policy.$1" '.findings[] | select(.id == $id) | .remediation' \
		"$t_tmp/out.json"
}

summary_of() {
	jq -r --arg id "crypto-policy.$1" '.findings[] | select(.id == $id) | .summary' \
		"$t_tmp/out.json"
}

# expect NAME ROOT RC STATUSES VERDICT: one case, all of it must hold.
expect() {
	local name=$1 root=$2 want_rc=$3 want_st=$4 want_v=$5 got_st got_v rc
	run_root "$root"
	rc=$(cat "$t_tmp/rc")
	if ! jq -e . "$t_tmp/out.json" > /dev/null 2>&1; then
		not_ok "$name" "no JSON (exit $rc): $(head -c 300 "$t_tmp/err")"
		return 1
	fi
	got_st=$(statuses)
	got_v=$(jq -r '.summary.fips_mode_setup // "null"' "$t_tmp/out.json")
	if [ "$rc" != "$want_rc" ] || [ "$got_st" != "$want_st" ] ||
		[ "$got_v" != "$want_v" ]; then
		not_ok "$name" "exit $rc statuses '$got_st' verdict '$got_v'; expected exit $want_rc '$want_st' '$want_v'"
		jq -r '.findings[] | "    \(.id): \(.summary)"' "$t_tmp/out.json" >&2
		return 1
	fi
	ok "$name"
}

# check_that NAME MESSAGE CMD...: an extra assertion on the last run.
check_that() {
	local name=$1 msg=$2; shift 2
	if "$@"; then ok "$name"; else not_ok "$name" "$msg"; fi
}

contains() { case $1 in *"$2"*) return 0 ;; esac; return 1; }

ALL_PASS="config=pass applied=pass backends=pass system_fips=pass fips_mode_setup=pass"
BACKENDS_FAIL="config=pass applied=pass backends=fail system_fips=pass fips_mode_setup=pass"
VERDICT_FAIL="config=pass applied=pass backends=pass system_fips=pass fips_mode_setup=fail"
ENABLED="FIPS mode is enabled."
INCONSISTENT="Inconsistent state detected."
DISABLED="FIPS mode is disabled."

# 1. FIPS applied, kernel flag 1.
R=$t_tmp/fips; make_root "$R"
# The links are absolute: they must resolve inside the root, not on this
# host (which has no crypto-policies).
[ ! -e "$SHARE/FIPS/openssl.txt" ] || echo "note: host has $SHARE" >&2
expect fips-enabled "$R" 0 "$ALL_PASS" "$ENABLED"
check_that fips-enabled-facts "policy facts or link targets wrong" \
	test "$(fact config policy)/$(fact config base_policy)/$(fact config subpolicies)/$(fact backends openssl.config)" \
	= "FIPS/FIPS/(none)/-> $SHARE/FIPS/openssl.txt"
"$FIPSCTL" --root "$R" check --only 'crypto-policy.*' > "$t_tmp/text" 2>&1
check_that fips-enabled-text-line "text output lacks the fips-mode-setup line" \
	grep -qxF "fips-mode-setup --check would say: $ENABLED" "$t_tmp/text"

# 2. Kernel flag 1 but the policy is DEFAULT.
R=$t_tmp/flag1-default; make_root "$R"
set_policy "$R" 'DEFAULT\n' DEFAULT; link_backends "$R" DEFAULT
expect flag1-policy-default "$R" 1 \
	"config=fail applied=pass backends=fail system_fips=pass fips_mode_setup=fail" \
	"$INCONSISTENT"
check_that flag1-policy-default-output "fips-mode-setup output or remedy wrong" \
	test "$(fact fips_mode_setup output)" = "FIPS mode is enabled. The current crypto policy (DEFAULT) neither is the FIPS policy nor is based on the FIPS policy. Inconsistent state detected."
check_that flag1-policy-default-remedy "config remediation wrong" test \
	"$(remedy_of config)" = "update-crypto-policies --set FIPS"
# With EL9's fips-mode-setup installed, that is the supported path.
mkdir -p "$R/usr/bin"; printf '#!/bin/bash\n' > "$R/usr/bin/fips-mode-setup"
run_root "$R"
check_that flag1-policy-default-el9-remedy "EL9 remediation wrong" test \
	"$(remedy_of config)" = "fips-mode-setup --enable && reboot"

# 3. Kernel flag 0 and DEFAULT: a host never set up for FIPS.
R=$t_tmp/flag0-default; make_root "$R"
set_policy "$R" 'DEFAULT\n' DEFAULT; link_backends "$R" DEFAULT
echo 0 > "$R/proc/sys/crypto/fips_enabled"; rm "$R/etc/system-fips"
expect flag0-default "$R" 1 \
	"config=fail applied=pass backends=fail system_fips=pass fips_mode_setup=fail" \
	"$DISABLED"
check_that flag0-default-output "output should say installation not completed" \
	test "$(fact fips_mode_setup output)" = "Installation of FIPS modules is not completed. FIPS mode is disabled."

# 4. FIPS:OSPP, written in lower case with comments; back-ends are the
# regular files update-crypto-policies generates for a subpolicy.
R=$t_tmp/ospp; make_root "$R"
set_policy "$R" '# set by the admin\n\n  fips:ospp   # OSPP profile\n' FIPS:OSPP
write_backends "$R" FIPS:OSPP
expect fips-ospp "$R" 0 "$ALL_PASS" "$ENABLED"
check_that fips-ospp-facts "subpolicy facts wrong" \
	test "$(fact config policy)/$(fact config base_policy)/$(fact config subpolicies)/$(fact config line)" \
	= "FIPS:OSPP/FIPS/OSPP/3"
check_that fips-ospp-backend-fact "regular back-end not attributed to FIPS:OSPP" \
	test "$(fact backends nss.config)" \
	= "regular file generated for FIPS:OSPP (/etc/crypto-policies/state/current)"
# Links into plain FIPS/ while FIPS:OSPP is applied are stale.
link_backends "$R" FIPS
expect fips-ospp-stale-links "$R" 1 "$BACKENDS_FAIL" "$ENABLED"

# 5. Config says FIPS, state still DEFAULT: not applied.
R=$t_tmp/not-applied; make_root "$R"
set_policy "$R" 'FIPS\n' DEFAULT; link_backends "$R" DEFAULT
expect not-applied "$R" 1 \
	"config=pass applied=fail backends=fail system_fips=pass fips_mode_setup=fail" \
	"$INCONSISTENT"
check_that not-applied-summary "applied summary wrong" contains \
	"$(summary_of applied)" "FIPS configured but not applied (/etc/crypto-policies/state/current records DEFAULT), run update-crypto-policies"
check_that not-applied-facts "configured/applied facts wrong" \
	test "$(fact applied configured)/$(fact applied applied)" = "FIPS/DEFAULT"

# 6. One back-end links into DEFAULT.
R=$t_tmp/into-default; make_root "$R"
ln -sfn "$SHARE/DEFAULT/openssh.txt" "$R/etc/crypto-policies/back-ends/openssh.config"
expect backend-into-default "$R" 1 "$BACKENDS_FAIL" "$ENABLED"
check_that backend-into-default-lists "summary should name openssh.config only" \
	test "$(summary_of backends)" \
	= "back-ends not following the FIPS policy (1): openssh.config: resolves to $SHARE/DEFAULT/openssh.txt, outside the FIPS policy directory"

# 7. A dangling back-end link.
R=$t_tmp/dangling; make_root "$R"
rm "$R$SHARE/FIPS/nss.txt"
expect backend-dangling "$R" 1 "$BACKENDS_FAIL" "$ENABLED"
check_that backend-dangling-lists "summary should name nss.config as dangling" contains \
	"$(summary_of backends)" "nss.config: dangling link to $SHARE/FIPS/nss.txt"

# 8. Links that climb out of the root resolve inside it, as in a chroot.
R=$t_tmp/escape/root; make_root "$R"
mkdir -p "$t_tmp/escape/outside$SHARE/FIPS"
echo "# outside the root" > "$t_tmp/escape/outside$SHARE/FIPS/openssl.txt"
rel="../../../../outside$SHARE/FIPS/openssl.txt"
ln -sfn "$rel" "$R/etc/crypto-policies/back-ends/openssl.config"
ln -sfn "/../../../outside$SHARE/FIPS/gnutls.txt" \
	"$R/etc/crypto-policies/back-ends/gnutls.config"
echo "# outside the root" > "$t_tmp/escape/outside$SHARE/FIPS/gnutls.txt"
# Followed on the host, the relative link would reach a FIPS file.
check_that escape-host-target-exists "fixture broken: host target missing" \
	test -f "$R/etc/crypto-policies/back-ends/openssl.config"
expect backend-escaping-root "$R" 1 "$BACKENDS_FAIL" "$ENABLED"
check_that backend-escaping-root-inside "escaping links must resolve inside the root" \
	test "$(fact backends openssl.config)|$(fact backends gnutls.config)" \
	= "-> $rel (dangling: /outside$SHARE/FIPS/openssl.txt)|-> /../../../outside$SHARE/FIPS/gnutls.txt (dangling: /outside$SHARE/FIPS/gnutls.txt)"
# More ".." than the depth stops at the root: this one reaches the root's
# own FIPS file and is fine.
ln -sfn "../../../../../../../..$SHARE/FIPS/openssl.txt" \
	"$R/etc/crypto-policies/back-ends/openssl.config"
ln -sfn "$SHARE/FIPS/gnutls.txt" "$R/etc/crypto-policies/back-ends/gnutls.config"
expect backend-dotdot-clamped "$R" 0 "$ALL_PASS" "$ENABLED"

# 9. Malformed config: an error naming file and line.
R=$t_tmp/malformed; make_root "$R"
printf '# FIPS with OSPP\n\nFIPS::OSPP\n' > "$R/etc/crypto-policies/config"
expect malformed-config "$R" 1 \
	"config=error applied=skip backends=pass system_fips=pass fips_mode_setup=pass" \
	"$ENABLED"
check_that malformed-config-names-line "summary should name config:3" test \
	"$(summary_of config)" \
	= "/etc/crypto-policies/config:3: empty subpolicy name (\"::\", or ':' at the start or end of the line)"
printf 'FIPS\n' > "$R/etc/crypto-policies/state/current"
printf 'FIPS\nOSPP extra\n' > "$R/etc/crypto-policies/config"
run_root "$R"
check_that malformed-config-line2 "second-line error not reported at line 2" contains \
	"$(summary_of config)" "/etc/crypto-policies/config:2: invalid character ' '"

# 10. /etc/system-fips missing: EL9's script reports the installation as
# incomplete, and with the flag set that is inconsistent.
R=$t_tmp/no-system-fips; make_root "$R"; rm "$R/etc/system-fips"
expect install-not-completed "$R" 1 "$VERDICT_FAIL" "$INCONSISTENT"
check_that install-not-completed-output "output wrong" test \
	"$(fact fips_mode_setup output)/$(fact system_fips system_fips)" \
	= "Installation of FIPS modules is not completed. FIPS mode is enabled. Inconsistent state detected./absent"

# 11. With /boot and lsinitrd, the script asks lsinitrd for the running
# kernel's initramfs: without one the installation counts as incomplete.
R=$t_tmp/lsinitrd; make_root "$R"
mkdir -p "$R/boot" "$R/usr/bin"
printf '#!/bin/bash\n' > "$R/usr/bin/lsinitrd"; chmod 755 "$R/usr/bin/lsinitrd"
expect lsinitrd-no-image "$R" 1 "$VERDICT_FAIL" "$INCONSISTENT"
check_that lsinitrd-no-image-why "install_complete fact wrong" test \
	"$(fact fips_mode_setup install_complete)" \
	= "no: lsinitrd finds no initramfs for the running kernel (/boot/initramfs-$KVER.img)"
echo "initramfs" > "$R/boot/initramfs-$KVER.img"
expect lsinitrd-image "$R" 0 "$ALL_PASS" "$ENABLED"
# BLS layout: lsinitrd looks in /boot/<machine-id>/<kver>/initrd instead.
rm "$R/boot/initramfs-$KVER.img"
echo 0123456789abcdef0123456789abcdef > "$R/etc/machine-id"
mkdir -p "$R/boot/loader/entries" "$R/boot/0123456789abcdef0123456789abcdef/$KVER"
expect lsinitrd-bls-no-image "$R" 1 "$VERDICT_FAIL" "$INCONSISTENT"
echo "initramfs" > "$R/boot/0123456789abcdef0123456789abcdef/$KVER/initrd"
expect lsinitrd-bls-image "$R" 0 "$ALL_PASS" "$ENABLED"

# 12. No config: update-crypto-policies falls back to FIPS only because
# the kernel flag is set (a warning), else to default-config (a failure).
R=$t_tmp/no-config; make_root "$R"; rm "$R/etc/crypto-policies/config"
expect config-missing-flag1 "$R" 0 \
	"config=warn applied=pass backends=pass system_fips=pass fips_mode_setup=pass" \
	"$ENABLED"
echo 0 > "$R/proc/sys/crypto/fips_enabled"
expect config-missing-flag0 "$R" 1 \
	"config=fail applied=fail backends=pass system_fips=pass fips_mode_setup=fail" \
	"$INCONSISTENT"

# 13. No state/current: never applied.
R=$t_tmp/no-state; make_root "$R"; rm "$R/etc/crypto-policies/state/current"
expect state-missing "$R" 1 \
	"config=pass applied=fail backends=pass system_fips=pass fips_mode_setup=fail" \
	"$INCONSISTENT"
check_that state-missing-summary "summary wrong" test "$(summary_of applied)" \
	= "/etc/crypto-policies/state/current does not exist: the configured policy FIPS was never applied"

# 14. local.d additions are appended to back-ends: a warning.
R=$t_tmp/local-d; make_root "$R"
printf 'Ciphers aes256-ctr\n' > "$R/etc/crypto-policies/local.d/opensshserver-site.config"
write_backends "$R" FIPS
expect local-d-warn "$R" 0 \
	"config=pass applied=pass backends=warn system_fips=pass fips_mode_setup=pass" \
	"$ENABLED"

# 15. A missing back-end and an empty back-ends directory.
R=$t_tmp/missing-backend; make_root "$R"
rm "$R/etc/crypto-policies/back-ends/krb5.config"
expect backend-missing "$R" 1 "$BACKENDS_FAIL" "$ENABLED"
check_that backend-missing-lists "summary should name krb5.config" contains \
	"$(summary_of backends)" "krb5.config: missing"
rm -f "$R"/etc/crypto-policies/back-ends/*
expect backends-empty "$R" 1 "$BACKENDS_FAIL" "$ENABLED"

# 16. libgcrypt's FIPS_FORCE_FILE is reported.
R=$t_tmp/gcrypt; make_root "$R"
mkdir -p "$R/etc/gcrypt"; : > "$R/etc/gcrypt/fips_enabled"
expect gcrypt-force-file "$R" 0 "$ALL_PASS" "$ENABLED"
check_that gcrypt-force-file-fact "gcrypt fact wrong" \
	test "$(fact system_fips gcrypt_fips_enabled)" = present

# 17. An offline image has no /proc: the verdict cannot be given.
R=$t_tmp/offline; make_root "$R"; rm -r "$R/proc"
expect offline-image "$R" 0 \
	"config=pass applied=pass backends=pass system_fips=pass fips_mode_setup=skip" \
	null

# 18. A system without crypto-policies at all.
R=$t_tmp/no-cp; make_root "$R"; rm -r "$R/etc/crypto-policies"
expect no-crypto-policies "$R" 1 \
	"config=skip applied=skip backends=skip system_fips=pass fips_mode_setup=fail" \
	"$INCONSISTENT"

t_done
