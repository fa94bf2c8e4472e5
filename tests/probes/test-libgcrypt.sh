#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The libgcrypt probe against real libgcrypt builds, no mocks:
# Debian's libgcrypt20 in normal mode and in real FIPS mode, entered in the
# probe child through LIBGCRYPT_FORCE_FIPS_MODE; and the build made by
# tests/setup/20-libgcrypt-hmac.sh (--enable-hmac-binary-check), used
# through LD_LIBRARY_PATH, whose integrity check really fails on a copy
# with one byte flipped.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-probe.sh"

need_tools libgcrypt-probe jq readelf od || exit 0
need_helper libgcrypt-probe libgcrypt || exit 1
unset LIBGCRYPT_FORCE_FIPS_MODE

gcry_check() { only_run 'libgcrypt.*' "$@"; }
version=$(pkg-config --modversion libgcrypt)

# --- Debian's libgcrypt, normal mode -----------------------------------------
host_fips=""
[ "$(head -c1 /proc/sys/crypto/fips_enabled 2> /dev/null)" = 1 ] && host_fips="the kernel is in FIPS mode"
[ -e /etc/gcrypt/fips_enabled ] && host_fips="/etc/gcrypt/fips_enabled exists"
if [ -n "$host_fips" ]; then
	skip libgcrypt-normal-mode "$host_fips: this host has no normal mode"
else
	gcry_check --
	case_begin libgcrypt-normal-mode
	want_status libgcrypt.fips_mode fail
	want_match libgcrypt.fips_mode summary "^libgcrypt $version is not in FIPS mode: nothing requests it"
	want_match libgcrypt.fips_mode remediation "fips-mode-setup --enable"
	want_fact libgcrypt.fips_mode version "$version"
	want_fact libgcrypt.fips_mode fips_mode_p false
	want_fact libgcrypt.fips_mode operational_p true
	want_fact libgcrypt.fips_mode fips_requested_by nothing
	want_fact libgcrypt.fips_mode env_LIBGCRYPT_FORCE_FIPS_MODE unset
	want_fact libgcrypt.fips_mode config_fips_mode "fips-mode:n:::"
	# The generator in use, without starting the jitter entropy collector
	# (gcry_get_config's rng-type line would: its health test costs more
	# than the rest of the probe).
	want_fact libgcrypt.fips_mode config_rng_type "rng-type:standard:1"
	want_fact libgcrypt.fips_mode power_up_selftests "not run: they run only in FIPS mode"
	want_status libgcrypt.selftest skip
	want_match libgcrypt.selftest summary "run with --selftest"
	want_status libgcrypt.summary fail
	want_fact libgcrypt.summary fips_requested false
	want_fact libgcrypt.summary fips_active false
	want_fact libgcrypt.summary selftests_passed unknown
	want_fact libgcrypt.summary integrity_verified unknown
	want_fact libgcrypt.summary library_version "$version"
	want_rc_consistent
	case_end

	# Debian builds without --enable-hmac-binary-check: nothing to verify,
	# which is "unknown" with the reason, never "true".
	case_begin libgcrypt-debian-has-no-integrity-check
	want_fact_match libgcrypt.fips_mode integrity_check \
		"^none: .*libgcrypt\.so\.20 has no \.note\.fdo\.integrity section"
	want_fact_match libgcrypt.summary integrity_verified_why \
		"without --enable-hmac-binary-check"
	case_end
fi

# --- Debian's libgcrypt in real FIPS mode ------------------------------------
gcry_check LIBGCRYPT_FORCE_FIPS_MODE=1 --
case_begin libgcrypt-forced-fips-mode
want_status libgcrypt.fips_mode pass
want_match libgcrypt.fips_mode summary "is in FIPS mode and operational \(requested by LIBGCRYPT_FORCE_FIPS_MODE"
want_fact libgcrypt.fips_mode fips_mode_p true
want_fact libgcrypt.fips_mode operational_p true
want_fact libgcrypt.fips_mode env_LIBGCRYPT_FORCE_FIPS_MODE set
want_fact libgcrypt.fips_mode config_fips_mode "fips-mode:y:::"
want_fact_match libgcrypt.fips_mode config_rng_type "^rng-type:fips:"
want_fact_match libgcrypt.fips_mode power_up_selftests \
	"^ran at GCRYCTL_INITIALIZATION_FINISHED, passed in [0-9.]+ ms$"
want_fact libgcrypt.fips_mode module_version "(empty)"
want_status libgcrypt.summary warn
want_fact libgcrypt.summary fips_requested true
want_fact libgcrypt.summary fips_active true
want_fact libgcrypt.summary selftests_passed true
want_fact libgcrypt.summary integrity_verified unknown
want_fact libgcrypt.summary module_version "none reported by the library"
want_rc_consistent
case_end

# libgcrypt tests the variable's presence, not its value.
gcry_check LIBGCRYPT_FORCE_FIPS_MODE=0 --
case_begin libgcrypt-force-variable-presence-only
want_status libgcrypt.fips_mode pass
want_fact libgcrypt.fips_mode fips_mode_p true
case_end

# --- GCRYCTL_SELFTEST ---------------------------------------------------------
selftest_case() { # NAME MODE [ENV=VAL]
	local name=$1 mode=$2; shift 2
	gcry_check "$@" -- --selftest
	case_begin "$name"
	want_status libgcrypt.selftest pass
	want_match libgcrypt.selftest summary "^GCRYCTL_SELFTEST passed in [0-9.]+ ms \([0-9]+ tests\)$"
	want_fact libgcrypt.selftest mode "$mode"
	local n; n=$(fact libgcrypt.selftest tests_passed)
	[ "${n:-0}" -ge 10 ] || c_err "tests_passed: '$n', expected at least 10 reported tests"
	want_fact_match libgcrypt.summary selftests_passed_why "GCRYCTL_SELFTEST passed"
	want_fact libgcrypt.summary selftests_passed true
	case_end
}
[ -z "$host_fips" ] && selftest_case libgcrypt-selftest-normal-mode non-FIPS
selftest_case libgcrypt-selftest-fips-mode FIPS LIBGCRYPT_FORCE_FIPS_MODE=1

# --- the --enable-hmac-binary-check build ------------------------------------
cache=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/libgcrypt-hmac
hmaclib=$cache/lib/libgcrypt.so.20
if [ ! -f "$hmaclib" ]; then
	for n in hmac-build-fips hmac-build-normal hmac-byte-flipped; do
		skip "libgcrypt-$n" "no $hmaclib (run tests/setup/20-libgcrypt-hmac.sh)"
	done
	t_done
	exit
fi

gcry_check LIBGCRYPT_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$cache/lib" --
case_begin libgcrypt-hmac-build-fips
want_status libgcrypt.fips_mode pass
want_fact libgcrypt.fips_mode library_path "$hmaclib"
want_fact_match libgcrypt.fips_mode integrity_check \
	"^HMAC in ELF section \.note\.fdo\.integrity of $hmaclib \(48 bytes\)$"
# This build runs its power-up tests in a constructor, before main().
want_fact libgcrypt.fips_mode power_up_selftests "ran when the library was loaded (its constructor), passed"
want_fact_match libgcrypt.fips_mode module_version "^fipsctl test build "
want_status libgcrypt.summary pass
want_fact libgcrypt.summary integrity_verified true
want_fact_match libgcrypt.summary module_version "^fipsctl test build "
want_rc_consistent
case_end

if [ -n "$host_fips" ]; then
	skip libgcrypt-hmac-build-normal "$host_fips: this host has no normal mode"
else
	gcry_check "LD_LIBRARY_PATH=$cache/lib" --
	case_begin libgcrypt-hmac-build-normal
	want_status libgcrypt.fips_mode fail
	want_fact libgcrypt.summary integrity_verified unknown
	want_fact libgcrypt.summary integrity_verified_why "libgcrypt checks its integrity only in FIPS mode"
	case_end
fi

# One byte of .rodata flipped in a copy: inside a loaded segment, so inside
# what the HMAC covers.
flipped=$t_tmp/gcrypt-flipped
mkdir -p "$flipped"
cp "$hmaclib" "$flipped/"
off=$(section_offset "$flipped/libgcrypt.so.20" .rodata)
if [ -z "$off" ] || ! flip_byte "$flipped/libgcrypt.so.20" $((off + 256)); then
	not_ok libgcrypt-hmac-byte-flipped "could not flip a .rodata byte in $flipped/libgcrypt.so.20"
else
	gcry_check LIBGCRYPT_FORCE_FIPS_MODE=1 "LD_LIBRARY_PATH=$flipped" --
	case_begin libgcrypt-hmac-byte-flipped
	# Real behaviour: no abort; the library stays in its Error state and
	# says "Checksum error" for the "binary" self-test.
	want_status libgcrypt.fips_mode fail
	want_match libgcrypt.fips_mode summary \
		"is in FIPS mode but not operational: .*libgcrypt selftest: binary +\(0\): Checksum error"
	want_fact libgcrypt.fips_mode fips_mode_p true
	want_fact libgcrypt.fips_mode operational_p false
	want_fact libgcrypt.fips_mode power_up_selftests "ran when the library was loaded (its constructor), failed"
	want_status libgcrypt.summary fail
	want_fact libgcrypt.summary fips_active false
	want_fact libgcrypt.summary integrity_verified false
	want_fact_match libgcrypt.summary integrity_verified_why "binary .*Checksum error"
	want_eq "exit status" "$rc" 1
	case_end

	# Outside FIPS mode nothing checks the file: the flip goes unnoticed.
	if [ -z "$host_fips" ]; then
		gcry_check "LD_LIBRARY_PATH=$flipped" --
		case_begin libgcrypt-hmac-byte-flipped-normal-mode
		want_fact libgcrypt.fips_mode operational_p true
		want_fact libgcrypt.summary integrity_verified unknown
		case_end
	fi
fi
t_done
