#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The GnuTLS probe against real GnuTLS builds, no mocks:
# Debian's libgnutls30, built without FIPS support (its own status), and
# the --enable-fips140-mode build made by tests/setup/30-gnutls-fips.sh,
# used through LD_LIBRARY_PATH with GNUTLS_FORCE_FIPS_MODE, whose
# .gnutls.hmac integrity check really fails when the file is missing or a
# byte of the library is flipped.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-probe.sh"

need_tools gnutls-probe jq readelf od || exit 0
need_helper gnutls-probe gnutls || exit 1
unset GNUTLS_FORCE_FIPS_MODE GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS

gnutls_check() { only_run 'gnutls.*' "$@"; }
version=$(pkg-config --modversion gnutls)
kernel_fips=$(head -c1 /proc/sys/crypto/fips_enabled 2> /dev/null)

# --- Debian's libgnutls30: no FIPS support compiled in ----------------------
gnutls_check --
case_begin gnutls-stock-built-without-fips
want_status gnutls.fips_mode fail
want_match gnutls.fips_mode summary "^GnuTLS $version was built without FIPS 140 support: it has no FIPS mode"
want_match gnutls.fips_mode remediation "--enable-fips140-mode"
want_fact gnutls.fips_mode version "$version"
want_fact gnutls.fips_mode fips_support "not built in (gnutls_fips140_push_context: The request is invalid., -50)"
want_fact gnutls.fips_mode fips140_mode_enabled "0 (disabled)"
want_fact gnutls.fips_mode fips_module_name "none in gnutls_get_library_config()"
want_fact_match gnutls.fips_mode hmac_file "^absent "
want_status gnutls.selftest skip
want_status gnutls.summary fail
want_fact gnutls.summary fips_active false
want_fact gnutls.summary fips_active_why "built without FIPS support"
want_fact gnutls.summary integrity_verified unknown
want_fact gnutls.summary integrity_verified_why "a build without FIPS support has no integrity check"
want_fact gnutls.summary library_version "$version"
want_rc_consistent
case_end

# Asking for FIPS mode changes nothing in such a build.
gnutls_check GNUTLS_FORCE_FIPS_MODE=1 --
case_begin gnutls-stock-forced
want_status gnutls.fips_mode fail
want_match gnutls.fips_mode summary "built without FIPS 140 support: it has no FIPS mode, although it is requested by GNUTLS_FORCE_FIPS_MODE=1"
want_fact gnutls.fips_mode fips140_mode_enabled "0 (disabled)"
want_fact gnutls.summary fips_requested true
want_fact gnutls.summary fips_active false
case_end

selftest_facts() { # MODE: the seven families, each passed with its time
	local t
	for t in cipher mac digest pk hkdf pbkdf2 tlsprf; do
		want_fact_match gnutls.selftest "$t" "^passed in [0-9]+\.[0-9]{2} ms$"
	done
	want_fact gnutls.selftest mode "$1"
	want_fact_match gnutls.selftest ms "^[0-9]+\.[0-9]$"
	want_match gnutls.selftest summary "^all 7 GnuTLS self-test families passed in [0-9.]+ ms$"
}
gnutls_check -- --selftest
case_begin gnutls-stock-selftest
want_status gnutls.selftest pass
selftest_facts disabled
want_fact gnutls.summary selftests_passed true
want_fact gnutls.summary selftests_passed_why "--selftest passed"
case_end

# --- the --enable-fips140-mode build -----------------------------------------
cache=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/gnutls-fips
if [ ! -f "$cache/lib/libgnutls.so.30" ] || [ ! -f "$cache/lib/.gnutls.hmac" ]; then
	for n in fips-build fips-forced fips-lax fips-env-zero fips-selftest hmac-missing \
		copy-with-own-hmac byte-flipped skip-integrity; do
		skip "gnutls-$n" "no FIPS build in $cache (run tests/setup/30-gnutls-fips.sh)"
	done
	t_done
	exit
fi
lib=$cache/lib
built_version=$(sed -n 's/^gnutls28 \([^ ]*\) .*/\1/p' "$cache/VERSION")

if [ "$kernel_fips" = 1 ]; then
	skip gnutls-fips-build "the kernel is in FIPS mode: nothing to compare with"
else
	gnutls_check "LD_LIBRARY_PATH=$lib" --
	case_begin gnutls-fips-build
	want_status gnutls.fips_mode fail
	want_match gnutls.fips_mode summary "is not in FIPS mode: nothing requests it"
	want_fact gnutls.fips_mode fips_support "built in (gnutls_fips140_push_context accepted a context)"
	want_fact gnutls.fips_mode fips_module_name "fipsctl test build of GnuTLS"
	want_fact gnutls.fips_mode fips_module_version "$built_version"
	want_fact gnutls.fips_mode library_path "$lib/libgnutls.so.30"
	want_fact gnutls.fips_mode hmac_file "$lib/.gnutls.hmac"
	want_fact gnutls.summary integrity_verified unknown
	want_fact gnutls.summary integrity_verified_why "GnuTLS checks its integrity only when it enters FIPS mode"
	case_end
fi

gnutls_check GNUTLS_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$lib" --
case_begin gnutls-fips-forced
want_status gnutls.fips_mode pass
want_match gnutls.fips_mode summary "^GnuTLS $version is in FIPS 140 mode \(strict\), requested by GNUTLS_FORCE_FIPS_MODE=1"
want_fact gnutls.fips_mode fips140_mode_enabled "1 (strict)"
want_fact gnutls.fips_mode global_init "0 (ok)"
want_status gnutls.summary pass
want_fact gnutls.summary fips_requested true
want_fact gnutls.summary fips_active true
want_fact gnutls.summary selftests_passed true
want_fact gnutls.summary integrity_verified true
want_fact_match gnutls.summary integrity_verified_why "HMAC check of $lib/\.gnutls\.hmac passed"
want_fact gnutls.summary module_version "$built_version"
want_rc_consistent
case_end

gnutls_check GNUTLS_FORCE_FIPS_MODE=3 "LD_LIBRARY_PATH=$lib" --
case_begin gnutls-fips-lax
want_status gnutls.fips_mode warn
want_match gnutls.fips_mode summary "is in FIPS 140 mode 'lax': non-approved algorithms are not refused"
want_fact gnutls.fips_mode fips140_mode_enabled "3 (lax)"
case_end

# GNUTLS_FORCE_FIPS_MODE with any other value switches FIPS mode off,
# whatever the kernel says.
gnutls_check GNUTLS_FORCE_FIPS_MODE=0 "LD_LIBRARY_PATH=$lib" --
case_begin gnutls-fips-env-zero
want_status gnutls.fips_mode fail
want_fact gnutls.summary fips_requested false
want_fact_match gnutls.summary fips_requested_why "disables FIPS mode, whatever the kernel says"
case_end

gnutls_check GNUTLS_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$lib" -- --selftest
case_begin gnutls-fips-selftest
want_status gnutls.selftest pass
selftest_facts strict
want_fact gnutls.summary selftests_passed_why "power-up self-tests passed at load; --selftest passed"
case_end

# --- integrity failures on a copy --------------------------------------------
copy=$t_tmp/gnutls-copy
mkdir -p "$copy"
cp "$lib/libgnutls.so.30" "$copy/"

gnutls_check GNUTLS_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$copy" --
case_begin gnutls-hmac-missing
want_status gnutls.fips_mode fail
want_match gnutls.fips_mode summary \
	"refused FIPS mode requested by GNUTLS_FORCE_FIPS_MODE=1.*gnutls_global_init: Error while performing self checks\.\): Could not load hmac file"
want_fact gnutls.fips_mode fips140_mode_enabled "0 (disabled)"
want_fact gnutls.fips_mode global_init "-400 (Error while performing self checks.)"
want_fact_match gnutls.fips_mode hmac_file "^absent "
want_status gnutls.summary fail
want_fact gnutls.summary fips_active false
want_fact gnutls.summary integrity_verified false
want_fact gnutls.summary integrity_verified_why "the integrity file .gnutls.hmac is missing"
want_eq "exit status" "$rc" 1
case_end

# The build's own fipshmac writes a .gnutls.hmac for the copy's path: the
# copy then passes, so the next failure is the flipped byte's alone.
if ! LD_LIBRARY_PATH=$copy "$cache/bin/fipshmac" "$copy/libgnutls.so.30" > "$copy/.gnutls.hmac"; then
	not_ok gnutls-copy-with-own-hmac "fipshmac failed for $copy/libgnutls.so.30"
else
	gnutls_check GNUTLS_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$copy" --
	case_begin gnutls-copy-with-own-hmac
	want_status gnutls.fips_mode pass
	want_fact gnutls.summary integrity_verified true
	case_end
fi

off=$(section_offset "$copy/libgnutls.so.30" .rodata)
if [ -z "$off" ] || ! flip_byte "$copy/libgnutls.so.30" $((off + 256)); then
	not_ok gnutls-byte-flipped "could not flip a .rodata byte in $copy/libgnutls.so.30"
else
	gnutls_check GNUTLS_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$copy" --
	case_begin gnutls-byte-flipped
	want_status gnutls.fips_mode fail
	want_match gnutls.fips_mode summary "refused FIPS mode.*Calculated MAC for $copy/libgnutls\.so\.30 does not match"
	want_fact gnutls.fips_mode hmac_file "$copy/.gnutls.hmac"
	want_fact gnutls.summary integrity_verified false
	want_fact_match gnutls.summary integrity_verified_why "^Calculated MAC for $copy/libgnutls\.so\.30 does not match"
	want_eq "exit status" "$rc" 1
	case_end

	# The library's own escape hatch: FIPS mode without the check.
	gnutls_check GNUTLS_FORCE_FIPS_MODE=1 GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS=1 "LD_LIBRARY_PATH=$copy" --
	case_begin gnutls-skip-integrity
	want_status gnutls.fips_mode pass
	want_status gnutls.summary fail
	want_fact gnutls.summary fips_active true
	want_fact gnutls.summary integrity_verified false
	want_fact gnutls.summary integrity_verified_why "GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS=1 skips the check"
	case_end
fi
t_done
