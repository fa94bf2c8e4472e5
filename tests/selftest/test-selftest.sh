#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fipsctl selftest: the compiled-in known-answer vectors through
# the real OpenSSL, libgcrypt, GnuTLS and NSS of this machine (and their
# FIPS builds from tests/setup/ where cached), --vectors files, the CLI's
# refusals, fault injection (tests/lib/kat-fault.c), the crash boundary,
# --bench, and the generator's refusal of a malformed vector file.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/probes/lib-probe.sh"
: "${t_tmp:?lib.sh did not set up a scratch directory}"

# The fault shim is not built with ASan; in the sanitizer build it is
# preloaded ahead of the runtime, which ASan otherwise refuses.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
CACHE=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}
VECTORS=${VECTORS_DIR:-$TOP/data/vectors}
SHIM=$BUILD/tests/lib/kat-fault.so

# Edge cases the libraries on this machine refuse, named exactly so that
# any other warning fails the test, and any failure does:
# - GnuTLS 3.7.9 / nettle 3.8.1 (Debian 12) rejects Wycheproof's valid
#   P-521 "point duplication during verification" signature (flag
#   PointDuplication, bugType EDGE_CASE: an edge case of the point addition
#   inside verification); OpenSSL, libgcrypt and NSS accept it.  It is a
#   warning, not a module failure (src/kat/kat-verdict.c).
KNOWN_gnutls="ECDSA-SigVer=wycheproof/ecdsa_secp521r1_sha512_test.json tcId 494"

# cells MODULE: "status algorithm failed first_failure first_edge_case"
# per algorithm, separated by US (0x1f).
cells() {
	jq -r --arg m "selftest.$1" '.findings[] | select(.check == $m and .id != $m)
		| [.status, (.facts[] | select(.key == "algorithm") | .value),
		   ((.facts[] | select(.key == "failed") | .value) // "0"),
		   ((.facts[] | select(.key == "first_failure") | .value) // ""),
		   ((.facts[] | select(.key == "first_edge_case") | .value) // "")] | join("\u001f")' \
		"$t_tmp/report.json" 2> /dev/null
}

# module_ok NAME MODULE [KNOWN]: every algorithm of MODULE passed or was
# skipped with a reason, except the KNOWN "alg=vector" edge case, a
# warning that names its Wycheproof flag; at least 15 algorithms ran, and
# invalid cases were among them (the signature cells pass only by
# rejecting their invalid vectors).
module_ok() {
	local name=$1 m=$2 known=${3:-} st alg failed first edge ran=0
	case_begin "$name"
	want_match "selftest.$m" summary "known-answer vectors"
	# The unit separator: not whitespace, so an empty field stays one.
	while IFS=$'\x1f' read -r st alg failed first edge; do
		case $st in
		pass) ran=$((ran + 1)) ;;
		skip) [ -n "$(fact "selftest.$m.$(echo "$alg" | tr 'A-Z' 'a-z')" skip_reason)" ] ||
			c_err "$alg skipped without a reason" ;;
		warn)
			if [ -n "$known" ] && [ "$alg=${edge%%:*}" = "$known" ] &&
				[[ $edge == *"in a rare edge case (Wycheproof flag "* ]]; then
				ran=$((ran + 1))
			else
				c_err "$m $alg: warning, first edge case: $edge"
			fi ;;
		fail) c_err "$m $alg: $failed failed, first: $first" ;;
		*) c_err "$alg: status $st" ;;
		esac
	done < <(cells "$m")
	[ $ran -ge 15 ] || c_err "only $ran algorithms of $m ran"
	case_end
}

need_helper selftest-helpers openssl || exit 1

# --- 1. every vector on every library that offers the algorithm --------------
report_run -- selftest
# Every module passes here (GnuTLS's edge case is a warning): exit 0.
[ $rc -eq 0 ] || not_ok selftest-exit "exit $rc"
module_ok selftest-openssl openssl
module_ok selftest-libgcrypt libgcrypt
module_ok selftest-gnutls gnutls "$KNOWN_gnutls"
module_ok selftest-nss nss
cp "$t_tmp/report.json" "$t_tmp/nss-nodb.json" # compared with FIPS mode in 4.
case_begin selftest-verdict
want_rc_consistent
# Algorithms a library lacks are skipped with its reason, never passed.
want_status selftest.libgcrypt.hkdf skip
want_fact_match selftest.libgcrypt.hkdf skip_reason "not offered"
want_status selftest.gnutls.aes-ecb skip
want_status selftest.nss.sha3-256 skip
want_fact selftest.openssl provider default
want_fact selftest.openssl propq provider=default
# The ACVP Monte-Carlo and DRBG vectors ran (the core's procedures).
want_status selftest.openssl.hash_drbg pass
want_status selftest.openssl.sha3-512 pass
case_end

# --- 2. selection and the CLI's refusals --------------------------------------
report_run -- selftest --module openssl --algorithm 'sha2-*,AES-GCM'
case_begin selftest-select
want_eq "finding ids" "$(ids '^selftest')" \
	"selftest.openssl selftest.openssl.sha2-224 selftest.openssl.sha2-256 selftest.openssl.sha2-384 selftest.openssl.sha2-512 selftest.openssl.aes-gcm"
want_eq "exit" "$rc" 0
case_end
usage() { # NAME ERE ARGS...: exit 2 and the message
	local name=$1 ere=$2; shift 2
	"$FIPSCTL" selftest "$@" > "$t_tmp/out" 2> "$t_tmp/err"; local r=$?
	if [ $r -eq 2 ] && grep -Eq -e "$ere" "$t_tmp/err"; then ok "$name"
	else not_ok "$name" "exit $r: $(head -3 "$t_tmp/err")"; fi
}
usage selftest-usage-module "unknown module 'foo'" --module foo
usage selftest-usage-algorithm "--algorithm 'SHA4' matches no algorithm" --algorithm SHA4
usage selftest-usage-seconds "--seconds needs --bench" --seconds 1
usage selftest-usage-root "--root is not supported" --root /
usage selftest-usage-vectors-missing "$t_tmp/none: No such file" --vectors "$t_tmp/none"
usage selftest-usage-nssdb-twice "--nssdb is given 2 times" --nssdb "$t_tmp/a" --nssdb "$t_tmp/b"
usage selftest-usage-nssdb-module "--nssdb is for the nss module" --module openssl --nssdb "$t_tmp/a"

# --- 3. vectors given at run time ---------------------------------------------
if [ ! -d "$VECTORS" ]; then
	skip selftest-vectors "no vectors at $VECTORS"
else
	mkdir -p "$t_tmp/v/acvp"
	cp "$VECTORS/wycheproof/hmac_sha256_test.json" "$t_tmp/v/"
	cp -r "$VECTORS/acvp/SHA3-256-2.0" "$VECTORS/acvp/ACVP-AES-GCM-1.0" "$t_tmp/v/acvp/"
	cp "$VECTORS/cavp/SHA1LongMsg.rsp" "$t_tmp/v/"
	want_n=$(( $(jq '.numberOfTests' "$t_tmp/v/hmac_sha256_test.json") +
		   $(jq '[.testGroups[].tests[]] | length' "$t_tmp/v/acvp/SHA3-256-2.0/prompt.json") +
		   $(jq '[.testGroups[].tests[]] | length' "$t_tmp/v/acvp/ACVP-AES-GCM-1.0/prompt.json") +
		   $(grep -c '^Len' "$t_tmp/v/SHA1LongMsg.rsp") ))
	report_run -- selftest --module openssl,libgcrypt --vectors "$t_tmp/v"
	case_begin selftest-vectors-dir
	want_fact selftest.openssl runtime_vectors "$want_n"
	want_fact selftest.libgcrypt runtime_vectors "$want_n"
	want_status selftest.openssl pass
	want_status selftest.libgcrypt pass
	# the whole SHA3 Monte-Carlo chain (100 records) ran at run time
	want_status selftest.openssl.sha3-256 pass
	case_end

	# A valid case made wrong: the module "fails" naming file and tcId.
	jq '(.testGroups[0].tests[] | select(.tcId == 1) | .tag) |= (.[0:-2] + "00")' \
		"$VECTORS/wycheproof/hmac_sha256_test.json" > "$t_tmp/wrong.json"
	report_run -- selftest --module openssl --algorithm HMAC-SHA2-256 --vectors "$t_tmp/wrong.json"
	case_begin selftest-vectors-wrong-answer
	want_eq exit "$rc" 1
	want_status selftest.openssl.hmac-sha2-256 fail
	want_fact_match selftest.openssl.hmac-sha2-256 first_failure "^$t_tmp/wrong.json tcId 1: MAC differs"
	case_end

	# Malformed files and unknown algorithms stop selftest (exit 2) with
	# the file and the test case; nothing runs.
	jq '(.testGroups[0].tests[2].key) |= "zz"' "$VECTORS/wycheproof/hmac_sha256_test.json" \
		> "$t_tmp/bad.json"
	tc=$(jq '.testGroups[0].tests[2].tcId' "$t_tmp/bad.json")
	usage selftest-vectors-malformed "$t_tmp/bad.json: tcId $tc: 'key' is not a hex string" \
		--vectors "$t_tmp/bad.json"
	head -c 2000 "$VECTORS/wycheproof/hmac_sha256_test.json" > "$t_tmp/cut.json"
	usage selftest-vectors-truncated "$t_tmp/cut.json: line [0-9]+: not valid JSON" \
		--vectors "$t_tmp/cut.json"
	mkdir -p "$t_tmp/kas"
	jq '.algorithm = "KAS-ECC-SSC"' "$VECTORS/acvp/SHA2-256-1.0/prompt.json" > "$t_tmp/kas/prompt.json"
	cp "$VECTORS/acvp/SHA2-256-1.0/expectedResults.json" "$t_tmp/kas/"
	usage selftest-vectors-unknown "$t_tmp/kas: unsupported ACVP algorithm 'KAS-ECC-SSC'" \
		--vectors "$t_tmp/kas/prompt.json"
fi

# --- 4. the FIPS builds of tests/setup/ --------------------------------------
if [ -f "$CACHE/openssl-fips/openssl-fips.cnf" ]; then
	report_run OPENSSL_CONF="$CACHE/openssl-fips/openssl-fips.cnf" -- selftest --module openssl
	module_ok selftest-openssl-fips-provider openssl
	case_begin selftest-openssl-fips-propq
	want_fact selftest.openssl provider fips
	want_fact selftest.openssl propq fips=yes
	want_fact_match selftest.openssl.pbkdf2 skip_reason "refused by the FIPS provider"
	case_end
else
	skip selftest-openssl-fips-provider "no FIPS provider in $CACHE/openssl-fips (tests/setup/10-openssl-fips.sh)"
fi
report_run LIBGCRYPT_FORCE_FIPS_MODE=1 -- selftest --module libgcrypt
module_ok selftest-libgcrypt-fips-mode libgcrypt
case_begin selftest-libgcrypt-fips-facts
want_fact selftest.libgcrypt fips_mode true
want_fact_match selftest.libgcrypt.hmac-sha-1 skip_reason "shorter than 112 bits"
case_end
if [ -f "$CACHE/libgcrypt-hmac/lib/libgcrypt.so.20" ]; then
	report_run LD_LIBRARY_PATH="$CACHE/libgcrypt-hmac/lib" LIBGCRYPT_FORCE_FIPS_MODE=1 -- \
		selftest --module libgcrypt
	module_ok selftest-libgcrypt-hmac-build libgcrypt
else
	skip selftest-libgcrypt-hmac-build "no build in $CACHE/libgcrypt-hmac (tests/setup/20-libgcrypt-hmac.sh)"
fi
if [ -f "$CACHE/gnutls-fips/lib/libgnutls.so.30" ]; then
	report_run LD_LIBRARY_PATH="$CACHE/gnutls-fips/lib" GNUTLS_FORCE_FIPS_MODE=1 -- \
		selftest --module gnutls
	module_ok selftest-gnutls-fips-build gnutls "$KNOWN_gnutls"
	case_begin selftest-gnutls-fips-mode
	want_fact selftest.gnutls fips140_mode_enabled 1
	case_end
else
	skip selftest-gnutls-fips-build "no build in $CACHE/gnutls-fips (tests/setup/30-gnutls-fips.sh)"
fi

# NSS in FIPS mode: a database switched with 'modutil -fips true' (as in
# tests/probes/test-nss.sh), named with --nssdb.  Its FIPS token refuses
# plaintext keys, so every keyed case runs on keys unwrapped into it; the
# module's own rules may skip a case, but only with their reason.
nss_cells() { # REPORT: "id passed skipped" per NSS algorithm
	jq -r '.findings[] | select(.id | startswith("selftest.nss.")) |
		[.id, (.facts[] | select(.key == "passed") | .value),
		 (.facts[] | select(.key == "skipped") | .value)] | join(" ")' "$1"
}
nss_sum() { jq -r --arg k "$2" '.findings[] | select(.id == "selftest.nss") | .facts[] | select(.key == $k) | .value' "$1"; }
if need_tools selftest-nss-fips certutil modutil; then
	nssdb=$t_tmp/nssdb-fips
	mkdir -p "$nssdb" "$t_tmp/nssdb-plain" "$t_tmp/nssdb-password"
	echo 'fipsctl-test-Passw0rd!' > "$t_tmp/nss-password"
	if ! certutil -N --empty-password -d "sql:$nssdb" > /dev/null ||
		! modutil -fips true -dbdir "sql:$nssdb" -force > /dev/null ||
		! certutil -N --empty-password -d "sql:$t_tmp/nssdb-plain" > /dev/null ||
		! certutil -N -f "$t_tmp/nss-password" -d "sql:$t_tmp/nssdb-password" > /dev/null ||
		! modutil -fips true -dbdir "sql:$t_tmp/nssdb-password" -force > /dev/null; then
		not_ok selftest-nss-fips "certutil/modutil could not make the test databases"
	else
		report_run -- selftest --module nss --nssdb "$nssdb"
		cp "$t_tmp/report.json" "$t_tmp/nss-fips.json"
		module_ok selftest-nss-fips-db nss
		case_begin selftest-nss-fips-mode
		want_eq exit "$rc" 0
		want_fact selftest.nss pk11_is_fips 1
		want_fact selftest.nss nssdb "$nssdb"
		want_fact selftest.nss module "NSS $(pkg-config --modversion nss), internal FIPS module"
		want_fact selftest.nss vectors_failed 0
		case_end

		# As many vectors ran as without FIPS, bar those the FIPS
		# module refused by its rules: every one of them is a skip with
		# that rule as its reason, and they are few.
		case_begin selftest-nss-fips-counts
		plain=$(nss_sum "$t_tmp/nss-nodb.json" vectors_passed)
		fips=$(nss_sum "$t_tmp/nss-fips.json" vectors_passed)
		extra=$(( $(nss_sum "$t_tmp/nss-fips.json" vectors_skipped) - $(nss_sum "$t_tmp/nss-nodb.json" vectors_skipped) ))
		want_eq "passed in FIPS mode + skipped only there" "$((fips + extra))" "$plain"
		[ "$extra" -ge 0 ] && [ $((extra * 50)) -le "$plain" ] ||
			c_err "$extra more vectors skipped in FIPS mode than without (of $plain passed)"
		while read -r id p sk; do
			read -r _ p0 sk0 < <(nss_cells "$t_tmp/nss-nodb.json" | grep "^$id ")
			want_eq "$id passed + skipped" "$((p + sk))" "$((p0 + sk0))"
			[ "$sk" -gt "$sk0" ] || continue
			want_fact_match "$id" skip_reason "^NSS's FIPS module refuses (HMAC keys|the HMAC key of HKDF-Extract \(the salt\)) shorter than half the SHA[-0-9]+ digest \([0-9]+ < [0-9]+ bytes\): "
		done < <(nss_cells "$t_tmp/nss-fips.json")
		# NSS 3.87's exact refusals of the compiled vectors.
		want_fact_match selftest.nss.hmac-sha2-256 skip_reason "refuses HMAC keys shorter than half the SHA2-256 digest \(4 < 16 bytes\): MAC: SEC_ERROR_INVALID_KEY \(-8152\)$"
		want_fact_match selftest.nss.hmac-sha2-384 skip_reason "refuses HMAC keys shorter than half the SHA2-384 digest \(15 < 24 bytes\): MAC: SEC_ERROR_INVALID_KEY \(-8152\)$"
		want_fact_match selftest.nss.hkdf skip_reason "refuses the HMAC key of HKDF-Extract \(the salt\) shorter than half the SHA2-256 digest \(13 < 16 bytes\): PK11_Derive: SEC_ERROR_NO_MEMORY \(-8173\)$"
		# Unwrapped secret and private keys, derived keys read back
		# wrapped: the whole algorithm ran, as without FIPS.
		for c in aes-gcm aes-cbc aes-cmac hmac-sha-1 pbkdf2 ecdsa-siggen ecdh; do
			want_status "selftest.nss.$c" pass
			want_fact "selftest.nss.$c" skipped 0
		done
		case_end

		# Without FIPS mode the same database path gives the NoDB counts.
		report_run -- selftest --module nss --nssdb "sql:$t_tmp/nssdb-plain"
		case_begin selftest-nss-plain-db
		want_fact selftest.nss pk11_is_fips 0
		want_fact selftest.nss vectors_passed "$plain"
		want_fact selftest.nss vectors_failed 0
		case_end

		# A token with a password refuses every key until one logs in.
		report_run -- selftest --module nss --nssdb "$t_tmp/nssdb-password"
		case_begin selftest-nss-password-db
		# Not tested, though it applies: incomplete, exit 4.
		want_eq exit "$rc" 4
		want_status selftest.nss skip
		want_eq skip_kind "$(jq -r '.findings[] | select(.id == "selftest.nss") | .skip_kind' "$t_tmp/report.json")" not-examined
		want_match selftest.nss summary "internal FIPS module: the token of NSS database $t_tmp/nssdb-password has a password and refuses every key until the user logs in"
		case_end

		# In FIPS mode a wrong known answer still fails, through each
		# way keys take: an unwrapped HMAC key, a derived key read back
		# wrapped, an unwrapped EC private key.
		if [ -d "$VECTORS" ]; then
			w=$VECTORS/wycheproof
			jq '(.testGroups[0].tests[] | select(.tcId == 1) | .tag) |= (.[0:-2] + "00")' \
				"$w/hmac_sha256_test.json" > "$t_tmp/nss-hmac.json"
			hk=$(jq '[.testGroups[].tests[] | select(.result == "valid" and (.salt | length) >= 32)][0].tcId' "$w/hkdf_sha256_test.json")
			jq --argjson t "$hk" '(.testGroups[].tests[] | select(.tcId == $t) | .okm) |= (.[0:-2] + (if .[-2:] == "00" then "01" else "00" end))' \
				"$w/hkdf_sha256_test.json" > "$t_tmp/nss-hkdf.json"
			jq '(.testGroups[].tests[] | select(.tcId == 1) | .shared) |= (.[0:-2] + (if .[-2:] == "00" then "01" else "00" end))' \
				"$w/ecdh_secp256r1_ecpoint_test.json" > "$t_tmp/nss-ecdh.json"
			report_run -- selftest --module nss --nssdb "$nssdb" --algorithm 'HMAC-SHA2-256,HKDF,ECDH' \
				--vectors "$t_tmp/nss-hmac.json" --vectors "$t_tmp/nss-hkdf.json" --vectors "$t_tmp/nss-ecdh.json"
			case_begin selftest-nss-fips-wrong-answer
			want_eq exit "$rc" 1
			want_fact selftest.nss pk11_is_fips 1
			want_fact_match selftest.nss.hmac-sha2-256 first_failure "^$t_tmp/nss-hmac.json tcId 1: MAC differs"
			want_fact_match selftest.nss.hkdf first_failure "^$t_tmp/nss-hkdf.json tcId $hk: .* differs"
			want_fact_match selftest.nss.ecdh first_failure "^$t_tmp/nss-ecdh.json tcId 1: .* differs"
			for c in hmac-sha2-256 hkdf ecdh; do want_fact "selftest.nss.$c" failed 1; done
			case_end
		else
			skip selftest-nss-fips-wrong-answer "no vectors at $VECTORS"
		fi
	fi
fi

# --- 5. fault injection: one library, one algorithm wrong ---------------------
if [ ! -f "$SHIM" ]; then
	not_ok selftest-fault "no $SHIM (make tests)"
else
	report_run LD_PRELOAD="$SHIM" FIPSCTL_TEST_KAT_FAULT=openssl-sha256 -- selftest
	case_begin selftest-fault-openssl-sha256
	want_eq exit "$rc" 1
	want_status selftest.openssl fail
	want_status selftest.openssl.sha2-256 fail
	want_fact_match selftest.openssl.sha2-256 first_failure '^acvp/SHA2-256-1\.0 tgId [0-9]+ tcId [0-9]+: digest differs'
	want_match selftest.openssl.sha2-256 summary 'SHA2-256: 13 of 13 vectors failed'
	# the other algorithms of OpenSSL, and the other libraries
	want_status selftest.openssl.sha-1 pass
	want_status selftest.openssl.aes-gcm pass
	want_status selftest.libgcrypt pass
	want_status selftest.nss pass
	want_status selftest.libgcrypt.sha2-256 pass
	case_end

	report_run LD_PRELOAD="$SHIM" FIPSCTL_TEST_KAT_FAULT=gcrypt-sha256 -- selftest --module libgcrypt,openssl
	case_begin selftest-fault-gcrypt-sha256
	want_status selftest.libgcrypt.sha2-256 fail
	want_fact_match selftest.libgcrypt.sha2-256 first_failure '^acvp/SHA2-256-1\.0 tgId [0-9]+ tcId [0-9]+: digest differs'
	want_status selftest.libgcrypt.sha-1 pass
	want_status selftest.openssl pass
	case_end

	# A verification that accepts everything: the invalid vectors catch it.
	report_run LD_PRELOAD="$SHIM" FIPSCTL_TEST_KAT_FAULT=openssl-verify -- selftest --module openssl,nss
	case_begin selftest-fault-verify-accepts-all
	for c in ecdsa-sigver rsa-pkcs1v1.5-sigver rsa-pss-sigver; do
		want_status "selftest.openssl.$c" fail
		want_fact_match "selftest.openssl.$c" first_failure 'accepted an invalid case'
	done
	want_fact_match selftest.openssl.ecdsa-siggen first_failure 'bit of s flipped'
	want_status selftest.openssl.sha2-256 pass
	want_status selftest.nss pass
	case_end

	# The crash boundary: the known-answer child aborts; the status
	# findings of the same helper still arrive.
	report_run LD_PRELOAD="$SHIM" FIPSCTL_TEST_KAT_FAULT=openssl-abort -- \
		check --selftest --only 'openssl.provider,selftest.openssl'
	case_begin selftest-fault-abort-isolated
	want_status selftest.openssl error
	want_match selftest.openssl summary 'killed by signal 6'
	want_match openssl.provider summary '.'
	[ "$(finding openssl.provider .status)" != error ] || c_err "openssl.provider is an error"
	case_end
fi

# --- 6. check --selftest, and plain check --------------------------------------
report_run -- check --only 'libgcrypt.*'
case_begin selftest-not-in-plain-check
want_eq "selftest findings" "$(ids '^selftest')" ""
case_end
report_run -- check --selftest --only 'libgcrypt.*,selftest.libgcrypt'
case_begin selftest-in-check-selftest
want_status selftest.libgcrypt pass
want_status libgcrypt.selftest pass
case_end

# --- 7. --bench ---------------------------------------------------------------
report_run -- selftest --bench --seconds 0.02 --module openssl,libgcrypt --algorithm 'SHA2-256,AES-GCM,ECDSA-SigVer'
case_begin selftest-bench
for m in openssl libgcrypt; do
	want_fact_match "selftest.$m.sha2-256" ns_per_kat '^[1-9][0-9]*$'
	want_fact_match "selftest.$m.sha2-256" mb_per_s '^[0-9]+\.[0-9]$'
	want_fact_match "selftest.$m.aes-gcm" mb_per_s '^[0-9]+\.[0-9]$'
	want_fact_match "selftest.$m.ecdsa-sigver" ns_per_kat '^[1-9][0-9]*$'
	want_fact_match "selftest.$m" run_ms '^[0-9]+\.[0-9]$'
done
[ -z "$(fact selftest.openssl.ecdsa-sigver mb_per_s)" ] || c_err "ECDSA has MB/s"
want_fact selftest.libgcrypt library_selftest GCRYCTL_SELFTEST
want_fact_match selftest.libgcrypt library_selftest_ms '^[0-9]+\.[0-9]$'
want_match selftest.libgcrypt summary 'core [0-9.]+ ms, the library.s own self-test [0-9.]+ ms'
want_fact_match selftest.openssl library_selftest_ms '.'
case_end

# --- 8. the generator refuses a malformed vector file --------------------------
gen=$BUILD/host/kat-gen
if [ ! -x "$gen" ] || [ ! -d "$VECTORS" ]; then
	skip selftest-generator "no $gen or no vectors"
else
	mkdir -p "$t_tmp/g/wycheproof"
	jq '(.testGroups[0].tests[2].tag) |= "not hex"' "$VECTORS/wycheproof/hmac_sha256_test.json" \
		> "$t_tmp/g/wycheproof/hmac_sha256_test.json"
	tc=$(jq '.testGroups[0].tests[2].tcId' "$t_tmp/g/wycheproof/hmac_sha256_test.json")
	"$gen" "$t_tmp/g" "$t_tmp/table.c" > "$t_tmp/out" 2> "$t_tmp/err"; r=$?
	if [ $r -eq 1 ] && [ ! -e "$t_tmp/table.c" ] &&
		grep -q "kat-gen: $t_tmp/g/wycheproof/hmac_sha256_test.json: tcId $tc: 'tag' is not a hex string" "$t_tmp/err"; then
		ok selftest-generator-malformed
	else
		not_ok selftest-generator-malformed "exit $r: $(cat "$t_tmp/err")"
	fi
	# the same file unbroken: a table with its vectors
	cp "$VECTORS/wycheproof/hmac_sha256_test.json" "$t_tmp/g/wycheproof/"
	if "$gen" "$t_tmp/g" "$t_tmp/table.c" 2> "$t_tmp/err" &&
		grep -q 'source = "wycheproof/hmac_sha256_test.json"' "$t_tmp/table.c"; then
		ok selftest-generator-table
	else
		not_ok selftest-generator-table "$(cat "$t_tmp/err")"
	fi
	# make without the vectors says where it looked
	if env -u MAKEFLAGS -u MAKELEVEL make -s -C "$TOP" BUILD="$t_tmp/b" VECTORS_DIR="$t_tmp/none" \
		"$t_tmp/b/gen/kat-table.c" > "$t_tmp/out" 2>&1; then
		not_ok selftest-make-no-vectors "make succeeded without vectors"
	elif grep -q "the known-answer vectors are not at $t_tmp/none" "$t_tmp/out"; then
		ok selftest-make-no-vectors
	else
		not_ok selftest-make-no-vectors "$(tail -3 "$t_tmp/out")"
	fi
fi
t_done
