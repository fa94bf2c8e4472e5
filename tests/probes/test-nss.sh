#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The NSS probe against the real NSS of this machine, no mocks:
# databases made with certutil and switched with modutil -fips true, and a
# copy of the NSS libraries, used through LD_LIBRARY_PATH, in which one
# byte of libsoftokn3.so is flipped or libsoftokn3.chk is removed, so the
# FIPS token's power-up integrity check really fails.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-probe.sh"

need_tools nss-probe certutil modutil readelf jq ldd || exit 0

need_helper nss-probe nss || exit 1
helper=$FIPSCTL_PROBE_DIR/fipsctl-probe-nss

# --- fixtures ----------------------------------------------------------------
mkdb() { # DIR [fips]: a real, empty NSS database
	mkdir -p "$1" &&
		certutil -N --empty-password -d "sql:$1" > /dev/null &&
		if [ "${2:-}" = fips ]; then
			modutil -fips true -dbdir "sql:$1" -force > /dev/null
		fi
}
fipsdb=$t_tmp/db-fips
plaindb=$t_tmp/db-plain
if ! mkdb "$fipsdb" fips || ! mkdb "$plaindb"; then
	not_ok nss-databases "certutil/modutil could not create the test databases"
	exit 1
fi

# The directory the loader takes libnss3 from for the helper, as NSS itself
# finds softokn next to it.
libdir=$(ldd "$helper" | sed -n 's/^[[:space:]]*libnss3\.so => \(\/[^ ]*\)\/libnss3\.so .*/\1/p')
libs="libnss3.so libnssutil3.so libsoftokn3.so libsoftokn3.chk libfreeblpriv3.so
libfreeblpriv3.chk libfreebl3.so libfreebl3.chk libnssdbm3.so libnssdbm3.chk libsmime3.so libssl3.so"
copy_libs() { # DIR: a private copy of the NSS libraries and their .chk files
	mkdir -p "$1" || return 1
	local l
	for l in $libs; do cp "$libdir/$l" "$1/" || return 1; done
}
# LIB: invert one byte inside .rodata: the library still loads and runs,
# only its checksum no longer matches its .chk.
flip_rodata_byte() {
	local off
	off=$(section_offset "$1" .rodata) && flip_byte "$1" $((off + 256))
}
# LIB SYMBOL: put an int3 (0xcc) on the first instruction of SYMBOL, so
# the first call of it kills the process with SIGTRAP: a real crash inside
# the library, at a known place.
trap_symbol() {
	local off
	off=$(symbol_offset "$1" "$2") || return 1
	printf '\314' | dd of="$1" bs=1 seek="$off" conv=notrunc status=none
}

nss_check() { only_run 'nss.*' "$@"; } # [ENV=VAL...] -- more check arguments

# --- stock libraries ---------------------------------------------------------
nss_check -- --nssdb "$fipsdb" --nssdb "$plaindb" --nssdb "$t_tmp/no-such-db"

case_begin nss-version
want_fact nss.system_fips nss_version "$(pkg-config --modversion nss)"
want_fact nss.summary library_version "$(fact nss.system_fips nss_version)"
case_end

# SECMOD_GetSystemFIPSEnabled() follows the kernel flag, whatever this host has.
case_begin nss-system-fips-follows-kernel
flag=$(cat /proc/sys/crypto/fips_enabled 2> /dev/null)
if [ "$flag" = 1 ]; then
	want_status nss.system_fips pass
	want_fact nss.system_fips system_fips_enabled 1
else
	want_status nss.system_fips fail
	want_fact nss.system_fips system_fips_enabled 0
	if [ -e /proc/sys/crypto/fips_enabled ]; then
		want_fact nss.system_fips kernel_fips_enabled "$flag"
	else
		want_fact nss.system_fips kernel_fips_enabled "absent (/proc/sys/crypto/fips_enabled does not exist)"
	fi
	want_match nss.system_fips remediation '^fips-mode-setup --enable'
fi
want_fact nss.system_fips system_fips_source /proc/sys/crypto/fips_enabled
case_end

case_begin nss-system-database
if [ -e /etc/pki/nssdb ]; then
	st=$(finding nss.database.system .status)
	[[ $st =~ ^(pass|fail|error)$ ]] || c_err "nss.database.system status '$st' for an existing /etc/pki/nssdb"
else
	want_status nss.database.system skip
	want_match nss.database.system summary '/etc/pki/nssdb does not exist \(Debian ships none\)'
fi
case_end

case_begin nss-fips-database-pass
want_status nss.database.1 pass
want_fact nss.database.1 path "$fipsdb"
want_fact nss.database.1 pk11_is_fips 1
want_fact nss.database.1 module_name "NSS Internal FIPS PKCS #11 Module"
want_fact nss.database.1 slot_name "NSS FIPS 140-2 User Private Key Services"
want_fact nss.database.1 token_name "NSS FIPS 140-2 Certificate DB"
case_end

case_begin nss-plain-database-fail
want_status nss.database.2 fail
want_fact nss.database.2 pk11_is_fips 0
want_fact nss.database.2 module_name "NSS Internal PKCS #11 Module"
want_fact nss.database.2 token_name "NSS Certificate DB"
want_eq "nss.database.2 remediation" "$(finding nss.database.2 .remediation)" "modutil -fips true -dbdir sql:$plaindb"
case_end

case_begin nss-missing-database-error
want_status nss.database.3 error
want_match nss.database.3 summary "NSS database $t_tmp/no-such-db does not exist"
case_end

case_begin nss-selftest-stock-pass
want_status nss.selftest pass
want_fact nss.selftest ck_rv 0x00
want_fact nss.selftest ck_rv_name CKR_OK
want_fact nss.selftest softokn_chk_present true
want_fact nss.selftest freeblpriv_chk_present true
want_fact nss.selftest token_name "NSS FIPS 140-2 Certificate DB"
want_fact nss.selftest manufacturer "Mozilla Foundation"
# The module's own validation statement (CKO_NSS_VALIDATION); Debian's
# build names itself "Generic NSS <version> ... Unvalidated".
want_fact nss.selftest validation_type "FIPS 140"
mid=$(fact nss.selftest validation_module_id)
[[ -n $mid && $mid != none* && $mid != unknown* ]] || c_err "validation_module_id '$mid'"
[[ $mid != Generic\ NSS* || $mid == "Generic NSS $(pkg-config --modversion nss) "* ]] ||
	c_err "validation_module_id '$mid' does not carry NSS $(pkg-config --modversion nss)"
[ "$(readlink -f "$(fact nss.selftest softokn)")" = "$(readlink -f "$libdir/libsoftokn3.so")" ] ||
	c_err "softokn '$(fact nss.selftest softokn)' is not the one next to $libdir/libnss3.so"
[[ $(fact nss.selftest fc_initialize_ms) =~ ^[0-9]+\.[0-9]$ ]] || c_err "fc_initialize_ms '$(fact nss.selftest fc_initialize_ms)'"
case_end

# The FIPS database's child started the FIPS token, and with it the
# power-up tests: those are the evidence, not a second start of the token.
case_begin nss-selftest-from-fips-database
want_fact nss.selftest initialised_by "NSS_Initialize of sql:$fipsdb (FIPS mode)"
want_match nss.selftest summary "when NSS opened $fipsdb: power-up self-tests and integrity checks passed"
case_end

# A plain database next to a FIPS one: NSS as a whole is not in FIPS mode.
case_begin nss-summary-mixed-databases
want_status nss.summary fail
want_fact nss.summary fips_requested true
want_fact nss.summary fips_active false
want_fact nss.summary selftests_passed true
want_fact nss.summary integrity_verified true
want_fact nss.summary module_name "$(fact nss.selftest validation_module_id)"
want_fact nss.summary module_name_source "CKO_NSS_VALIDATION module id"
want_fact nss.summary module_version "$(fact nss.selftest library_version)"
want_rc_consistent
case_end

if [ -e /etc/pki/nssdb ]; then
	skip nss-summary-fips-database "this host's /etc/pki/nssdb decides the summary"
else
	case_begin nss-summary-fips-database
	nss_check -- --nssdb "$fipsdb"
	want_status nss.summary pass
	want_fact nss.summary fips_requested true
	want_fact nss.summary fips_active true
	want_fact nss.summary pkcs11_module "NSS Internal FIPS PKCS #11 Module"
	case_end
fi

# "sql:" prefix and a path relative to the working directory.
case_begin nss-relative-sql-database
(cd "$t_tmp" && nss_check -- --nssdb sql:db-fips && cp "$t_tmp/report.json" "$t_tmp/rel.json")
want_eq "nss.database.1 path" "$(jq -r '.findings[] | select(.id == "nss.database.1") | .facts[] | select(.key == "path") | .value' "$t_tmp/rel.json")" "$fipsdb"
want_eq "nss.database.1 status" "$(jq -r '.findings[] | select(.id == "nss.database.1") | .status' "$t_tmp/rel.json")" pass
case_end

case_begin nss-not-a-database-error
mkdir -p "$t_tmp/empty-dir"
nss_check -- --nssdb "$t_tmp/empty-dir"
want_status nss.database.1 error
want_fact nss.database.1 nss_error SEC_ERROR_BAD_DATABASE
want_match nss.database.1 summary "$t_tmp/empty-dir"
case_end

# No database in FIPS mode: the probe starts the FIPS token itself.
case_begin nss-selftest-without-fips-database
nss_check -- --nssdb "$plaindb"
want_status nss.selftest pass
want_fact nss.selftest ck_rv_name CKR_OK
want_fact nss.selftest token_name "NSS FIPS 140-2 Certificate DB"
[ -z "$(fact nss.selftest initialised_by)" ] || c_err "initialised_by '$(fact nss.selftest initialised_by)' without a FIPS database"
want_match nss.selftest summary '^FIPS token initialised: power-up'
case_end

# Only what was asked for comes back, though the summary needs every part.
case_begin nss-only-selftest
report_run -- check --only nss.selftest --nssdb "$fipsdb"
want_eq "findings" "$(ids .)" nss.selftest
want_status nss.selftest pass
case_end

# --- a copy of the libraries --------------------------------------------------
if [ -z "$libdir" ] || [ ! -f "$libdir/libsoftokn3.chk" ]; then
	skip nss-library-copies "no libsoftokn3.chk next to libnss3.so ('$libdir')"
	t_done
	exit
fi

# Control: an unmodified copy passes, so a failure below is the fault's.
case_begin nss-copied-libs-pass
if copy_libs "$t_tmp/libs-ok"; then
	nss_check LD_LIBRARY_PATH="$t_tmp/libs-ok" -- --nssdb "$fipsdb"
	want_status nss.selftest pass
	want_fact nss.selftest softokn "$t_tmp/libs-ok/libsoftokn3.so"
	want_status nss.database.1 pass
else
	c_err "cannot copy the NSS libraries from $libdir"
fi
case_end

flipped=$t_tmp/libs-flipped
case_begin nss-flipped-softokn-selftest-fail
if copy_libs "$flipped" && flip_rodata_byte "$flipped/libsoftokn3.so"; then
	nss_check LD_LIBRARY_PATH="$flipped" -- --nssdb "$fipsdb" --nssdb "$plaindb"
	want_status nss.selftest fail
	want_fact nss.selftest softokn "$flipped/libsoftokn3.so"
	want_fact nss.selftest ck_rv 0x30
	want_fact nss.selftest ck_rv_name CKR_DEVICE_ERROR
	want_match nss.selftest summary '^power-up self-test or integrity check failed: .*CKR_DEVICE_ERROR \(0x30\)'
	want_fact nss.selftest softokn_chk_present true
	want_eq "exit status" "$rc" 1
else
	c_err "cannot prepare a copy of the libraries with one byte flipped"
fi
case_end

case_begin nss-flipped-softokn-fips-database-fail
want_status nss.database.1 fail
want_fact nss.database.1 nss_error SEC_ERROR_PKCS11_DEVICE_ERROR
want_fact nss.database.1 nss_error_code -8023
case_end

# Outside FIPS mode NSS never checks: the plain database opens normally.
case_begin nss-flipped-softokn-plain-database-undetected
want_status nss.database.2 fail
want_fact nss.database.2 pk11_is_fips 0
want_fact nss.database.2 nss_error ""
case_end

# Self-test and integrity failures share one code: neither is claimed "false".
case_begin nss-flipped-softokn-summary
want_status nss.summary fail
want_fact nss.summary selftests_passed unknown
want_fact nss.summary integrity_verified unknown
want_fact nss.summary fips_active false
[[ $(fact nss.summary selftests_passed_why) == *CKR_DEVICE_ERROR* ]] ||
	c_err "selftests_passed_why '$(fact nss.summary selftests_passed_why)' does not name CKR_DEVICE_ERROR"
case_end

# A softoken that crashes: only the part that called into it is lost; the
# helper runs each NSS initialisation in its own child.
case_begin nss-crashing-softokn-isolated
crash=$t_tmp/libs-trap
if copy_libs "$crash" && trap_symbol "$crash/libsoftokn3.so" FC_GetFunctionList; then
	nss_check LD_LIBRARY_PATH="$crash" -- --nssdb "$plaindb"
	want_status nss.selftest error
	want_match nss.selftest summary '^the child examining the NSS softoken was killed by signal 5 '
	want_status nss.database.1 fail
	want_fact nss.database.1 pk11_is_fips 0
	st=$(finding nss.system_fips .status)
	[[ $st =~ ^(pass|fail)$ ]] || c_err "nss.system_fips status '$st'"
	want_fact nss.summary selftests_passed unknown
else
	c_err "cannot prepare a copy of libsoftokn3.so with a trap in FC_GetFunctionList"
fi
case_end

case_begin nss-missing-chk-selftest-fail
nochk=$t_tmp/libs-nochk
if copy_libs "$nochk" && rm "$nochk/libsoftokn3.chk"; then
	nss_check LD_LIBRARY_PATH="$nochk" -- --nssdb "$fipsdb"
	want_status nss.selftest fail
	want_fact nss.selftest ck_rv_name CKR_DEVICE_ERROR
	want_fact nss.selftest softokn_chk "$nochk/libsoftokn3.chk"
	want_fact nss.selftest softokn_chk_present false
	want_status nss.database.1 fail
	want_fact nss.database.1 nss_error SEC_ERROR_PKCS11_DEVICE_ERROR
	# A missing .chk can never verify: this one is a definite "false".
	want_fact nss.summary integrity_verified false
	want_fact nss.summary selftests_passed unknown
else
	c_err "cannot prepare a copy of the libraries without libsoftokn3.chk"
fi
case_end

t_done
