#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The OpenSSL probe against the real libcrypto and a real FIPS provider
#, no mocks: fips.so is built from Debian's openssl source by
# tests/setup/10-openssl-fips.sh and installed with `openssl fipsinstall`;
# each case writes an openssl.cnf that includes its fipsmodule.cnf and runs
#   OPENSSL_CONF=<cnf> fipsctl check --only 'openssl.*' --format json
# Faults are real: a copy of fips.so with one byte flipped, an edited
# install-mac, a missing fips.so, a provider without `activate`.  The one
# test double is tests/lib/ossl-corrupt-kat.so (LD_PRELOAD), which makes the
# self-test callback ask the provider to corrupt a KAT: a fault a correct
# module cannot otherwise show.  `openssl list -providers` with the same
# configuration is the independent witness where it has something to say.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-probe.sh"

need_tools openssl-probe jq openssl sha256sum od || exit 0

helper=$FIPSCTL_PROBE_DIR/fipsctl-probe-openssl
if [ ! -x "$helper" ]; then
	not_ok openssl-probe "no probe helper at $helper (run make)"
	exit 1
fi

ossl_check() { # [ENV=VAL...] -- fipsctl check arguments after --only
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	report_run -u OPENSSL_MODULES "${envs[@]}" -- check --only 'openssl.*' "$@"
}

# What the kernel asks for on this machine decides fips_requested when
# the configuration does not ask.
kflag=$(cat /proc/sys/crypto/fips_enabled 2> /dev/null || echo absent)
# The runtime libcrypto as the openssl command reports it ("Library:" when
# the command and the library differ).
libtext=$(openssl version | sed -n 's/.*(Library: \(.*\))$/\1/p;t;p')
libver=$(echo "$libtext" | cut -d' ' -f2)

# --- (g) the stock configuration: no FIPS provider (the live-host truth) ---
case_begin stock-config-no-fips
ossl_check -u OPENSSL_CONF --
want_status openssl.provider fail
want_match openssl.provider summary '^FIPS provider not available: .* activates no fips provider'
want_fact openssl.provider provider_configured false
want_fact openssl.provider provider_available false
want_fact openssl.provider config_file_source "built-in default"
want_fact openssl.provider libcrypto_version "$libtext"
want_status openssl.integrity skip
want_status openssl.selftest skip
want_match openssl.selftest summary '^run with --selftest$'
want_status openssl.summary fail
want_fact openssl.summary fips_active false
want_fact openssl.summary integrity_verified unknown
want_fact openssl.summary fips_requested "$([ "$kflag" = 1 ] && echo true || echo false)"
want_eq "openssl list -providers shows fips" \
	"$(env -u OPENSSL_CONF openssl list -providers | grep -c '^  fips$')" 0
want_rc_consistent
case_end

# --- the cached FIPS provider ----------------------------------------------
cache=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/openssl-fips
fips_cases="active selftest flipped-byte install-mac kat-failure no-fips-properties not-installed not-activated"
if [ ! -f "$cache/fips.so" ] || [ ! -f "$cache/openssl-fips.cnf" ]; then
	for c in $fips_cases; do
		skip "$c" "no FIPS provider in $cache (run tests/setup/10-openssl-fips.sh)"
	done
	t_done
	exit
fi
# "3.0.20-1~deb12u2" -> "3.0.20", what the provider reports as its version.
srcver=$(cat "$cache/VERSION")
provver=${srcver#*:}
provver=${provver%-*}

# variant CNF FIPSMODULE_CNF MODULE: the setup's configuration with
# another fipsmodule.cnf included and another fips.so
variant() {
	sed -e "s#^\.include .*#.include $2#" -e "s#^module = .*#module = $3#" \
		"$cache/openssl-fips.cnf" > "$1"
}

good=$cache/openssl-fips.cnf

# --- (a) the provider active ------------------------------------------------
case_begin active-provider
ossl_check OPENSSL_CONF="$good" --
want_status openssl.provider pass
want_fact openssl.provider provider_available true
want_fact openssl.provider provider_name "OpenSSL FIPS Provider"
want_fact openssl.provider provider_version "$provver"
want_fact openssl.provider provider_buildinfo "$provver"
want_fact openssl.provider provider_status 1
want_fact openssl.provider default_properties_fips true
want_fact openssl.provider config_file "$good"
want_fact openssl.provider fips_so_path "$cache/fips.so"
want_fact openssl.provider fips_so_sha256 "$(sha256sum < "$cache/fips.so" | cut -d' ' -f1)"
want_fact openssl.provider fips_so_sha256_by "fips provider (default library context)"
# What the status answer cost, stated in the report.
for k in config_load_ms fips_so_sha256_ms; do
	[[ $(fact openssl.provider $k) =~ ^[0-9]+\.[0-9]$ ]] || c_err "$k '$(fact openssl.provider $k)'"
done
want_fact openssl.provider active_providers "base, fips"
# The witness: the openssl command sees the same provider and version.
want_eq "openssl list -providers fips version" \
	"$(OPENSSL_CONF=$good openssl list -providers | sed -n '/^  fips$/,/status/s/^ *version: //p')" "$provver"
want_status openssl.integrity pass
want_fact openssl.integrity events_count 6
want_fact openssl.integrity passed_events "Module_Integrity/HMAC, Install_Integrity/HMAC"
want_fact openssl.integrity failed_events "(none)"
want_status openssl.selftest skip
want_status openssl.summary pass
want_fact openssl.summary fips_requested true
want_fact openssl.summary fips_active true
want_fact openssl.summary integrity_verified true
want_fact openssl.summary selftests_passed true
want_fact openssl.summary selftests_passed_why "known-answer tests passed at installation (install-status, verified on load by the Install_Integrity HMAC)"
want_fact openssl.summary module_name "OpenSSL FIPS Provider"
want_fact openssl.summary module_version "$provver"
want_fact openssl.summary library_version "$libver"
want_eq "exit status" "$rc" 0
case_end

# --- --selftest: every KAT event of OSSL_PROVIDER_self_test ----------------
case_begin selftest-all-kats
ossl_check OPENSSL_CONF="$good" -- --selftest
want_status openssl.selftest pass
want_fact openssl.selftest result 1
# module-probes.md 2.2: one self_test reports 96 callback events.
want_fact openssl.selftest events_count 96
want_eq "tests passed = tests started" "$(fact openssl.selftest passed_count)" "$(fact openssl.selftest tests_count)"
want_fact openssl.selftest failed_events "(none)"
want_fact openssl.selftest provider_status_after 1
want_match openssl.selftest summary '^[0-9]+ self-tests passed in [0-9.]+ ms$'
[[ $(fact openssl.selftest tests) == *"KAT_Digest/SHA2"*"KAT_KA/ECDH"* ]] || c_err "tests list: $(fact openssl.selftest tests)"
want_status openssl.summary pass
want_fact openssl.summary selftests_passed_why "OSSL_PROVIDER_self_test: $(fact openssl.selftest passed_count) tests passed"
want_eq "exit status" "$rc" 0
case_end

# --- (b) fips.so with one byte flipped -------------------------------------
flipped=$t_tmp/flipped-fips.so
cp "$cache/fips.so" "$flipped"
case_begin flipped-byte-integrity-failure
if ! flip_byte "$flipped" 1000000; then
	c_err "could not flip byte 1000000 of $flipped"
fi
variant "$t_tmp/flipped.cnf" "$cache/fipsmodule.cnf" "$flipped"
ossl_check OPENSSL_CONF="$t_tmp/flipped.cnf" --
want_status openssl.integrity fail
want_match openssl.integrity summary '^FIPS provider self-test failed on load: module integrity failure$'
want_fact openssl.integrity failed_events "Module_Integrity/HMAC"
[[ $(fact openssl.integrity error_chain) == "Provider routines::module integrity failure (SELF_TEST_post); Provider routines::fips module entering error state"* ]] ||
	c_err "error_chain: $(fact openssl.integrity error_chain)"
want_match openssl.integrity remediation 'reinstall the module'
want_status openssl.provider fail
want_match openssl.provider summary 'activated but failed to load: module integrity failure$'
want_fact openssl.provider provider_available false
# The trap: the library still claims fips=yes with a dead provider.
want_fact openssl.provider default_properties_fips true
want_fact openssl.provider active_providers base
want_fact openssl.provider fips_so_sha256 "$(sha256sum < "$flipped" | cut -d' ' -f1)"
want_fact openssl.provider fips_so_sha256_by "default provider (private library context)"
want_eq "openssl list -providers shows fips" \
	"$(OPENSSL_CONF=$t_tmp/flipped.cnf openssl list -providers | grep -c '^  fips$')" 0
want_status openssl.summary fail
want_fact openssl.summary integrity_verified false
want_fact openssl.summary fips_active false
want_rc_consistent
case_end

# --- (c) a tampered install-mac --------------------------------------------
mac=$(sed -n 's/^install-mac = //p' "$cache/fipsmodule.cnf")
first=${mac%%:*}
sed "s/^install-mac = $first:/install-mac = $(printf '%02X' $((16#$first ^ 1))):/" \
	"$cache/fipsmodule.cnf" > "$t_tmp/badmac-fipsmodule.cnf"
variant "$t_tmp/badmac.cnf" "$t_tmp/badmac-fipsmodule.cnf" "$cache/fips.so"
case_begin install-mac-indicator-failure
cmp -s "$cache/fipsmodule.cnf" "$t_tmp/badmac-fipsmodule.cnf" && c_err "install-mac was not changed"
ossl_check OPENSSL_CONF="$t_tmp/badmac.cnf" --
want_status openssl.integrity fail
want_match openssl.integrity summary '^FIPS provider self-test failed on load: indicator integrity failure$'
want_fact openssl.integrity passed_events "Module_Integrity/HMAC"
want_fact openssl.integrity failed_events "Install_Integrity/HMAC"
[[ $(fact openssl.integrity error_chain) == "Provider routines::indicator integrity failure (SELF_TEST_post)"* ]] ||
	c_err "error_chain: $(fact openssl.integrity error_chain)"
want_match openssl.integrity remediation 'openssl fipsinstall'
want_status openssl.provider fail
want_match openssl.provider summary 'failed to load: indicator integrity failure$'
want_status openssl.summary fail
want_fact openssl.summary integrity_verified false
want_rc_consistent
case_end

# --- (d) a KAT failure injected through the Corrupt phase ------------------
shim=$BUILD/tests/lib/ossl-corrupt-kat.so
case_begin kat-failure-error-state
if [ ! -f "$shim" ]; then
	c_err "test double $shim not built (make tests)"
fi
# The shim is not built with the sanitizer runtime; ASan must not insist on
# being first in the library list for this one run.
ossl_check OPENSSL_CONF="$good" LD_PRELOAD="$shim" FIPSCTL_TEST_CORRUPT_KAT=SHA2 \
	ASAN_OPTIONS="verify_asan_link_order=0:${ASAN_OPTIONS:-}" -- --selftest
want_status openssl.selftest fail
want_match openssl.selftest summary '^FIPS provider self-test failed: self test kat failure \(KAT_Digest/SHA2\); the module is now in its error state$'
want_fact openssl.selftest result 0
want_fact openssl.selftest failed_events "KAT_Digest/SHA2"
want_fact openssl.selftest provider_status_after 0
[[ $(fact openssl.selftest error_chain) == "Provider routines::self test kat failure (SELF_TEST_post); Provider routines::fips module entering error state"* ]] ||
	c_err "error_chain: $(fact openssl.selftest error_chain)"
[[ $(fact openssl.selftest service_after_failure) == "Provider routines::fips module in error state"* ]] ||
	c_err "service_after_failure: $(fact openssl.selftest service_after_failure)"
# Before the self-test the provider was fine.
want_status openssl.provider pass
want_status openssl.integrity pass
want_status openssl.summary fail
want_fact openssl.summary selftests_passed false
want_fact openssl.summary fips_active false
want_rc_consistent
case_end

# --- the provider active but not selected by default properties ----------
variant "$t_tmp/noprops.cnf" "$cache/fipsmodule.cnf" "$cache/fips.so"
sed -i '/^default_properties/d' "$t_tmp/noprops.cnf"
case_begin active-without-fips-properties
ossl_check OPENSSL_CONF="$t_tmp/noprops.cnf" --
want_status openssl.provider fail
want_match openssl.provider summary '^the FIPS provider is active but default properties do not require fips=yes'
want_fact openssl.provider provider_available true
want_fact openssl.provider default_properties_fips false
want_match openssl.provider remediation "default_properties = fips=yes' in the alg_section of $t_tmp/noprops.cnf"
want_status openssl.integrity pass
want_status openssl.summary fail
want_fact openssl.summary fips_active false
want_fact openssl.summary fips_active_why "active, but default_properties do not require fips=yes"
want_rc_consistent
case_end

# --- (e) no provider installed ---------------------------------------------
variant "$t_tmp/missing.cnf" "$cache/fipsmodule.cnf" "$t_tmp/no-such/fips.so"
case_begin not-installed-dso-error
ossl_check OPENSSL_CONF="$t_tmp/missing.cnf" --
want_status openssl.provider fail
want_match openssl.provider summary "^FIPS provider not installed: DSO support routines::could not load the shared library \\(dlfcn_load\\): filename\\($t_tmp/no-such/fips.so\\): .*cannot open shared object file: No such file or directory"
want_fact openssl.provider fips_so_error "No such file or directory"
want_match openssl.provider remediation "correct 'module =' in \\[fips_sect\\]"
want_status openssl.integrity fail
want_match openssl.integrity summary '^integrity not verified: the FIPS provider is not installed'
want_status openssl.summary fail
want_fact openssl.summary fips_active false
want_fact openssl.summary integrity_verified unknown
want_rc_consistent
case_end

# --- (f) configured but not activated --------------------------------------
grep -v '^activate' "$cache/fipsmodule.cnf" > "$t_tmp/lazy-fipsmodule.cnf"
variant "$t_tmp/lazy.cnf" "$t_tmp/lazy-fipsmodule.cnf" "$cache/fips.so"
case_begin configured-not-activated
ossl_check OPENSSL_CONF="$t_tmp/lazy.cnf" --
want_status openssl.provider fail
want_match openssl.provider summary "^the FIPS provider is configured but not activated \\(no 'activate' in \\[fips_sect\\]\\); it loads on demand$"
want_fact openssl.provider provider_activate_in_config false
want_fact openssl.provider provider_available false
want_fact openssl.provider lazy_load loaded
want_fact openssl.provider fips_so_sha256_by "default provider (private library context)"
want_match openssl.provider remediation "add 'activate = 1' to \\[fips_sect\\]"
want_status openssl.integrity pass
want_match openssl.integrity summary 'when loaded on demand'
want_eq "openssl list -providers shows fips" \
	"$(OPENSSL_CONF=$t_tmp/lazy.cnf openssl list -providers | grep -c '^  fips$')" 0
want_status openssl.summary fail
want_fact openssl.summary fips_active false
want_fact openssl.summary fips_active_why "configured but not activated"
want_rc_consistent
case_end

t_done
