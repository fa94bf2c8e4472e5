#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The self-test core measured: `fipsctl selftest --bench` on
# x86_64 and, when the cross build and qemu-aarch64 are there, on aarch64
# under user emulation (its figures are relative only: qemu translates
# every instruction).  Per architecture and library configuration it
# prints
#   - per module and algorithm: vectors run, ns per known-answer test and
#     MB/s of the bulk algorithms (64 KiB buffers),
#   - per module: the core's whole run next to the library's own
#     self-test measured in the same run (OSSL_PROVIDER_self_test,
#     GCRYCTL_SELFTEST, gnutls_*_self_test, NSS FIPS token init),
#   - per module and summed: the default tier and every vector (--full)
#     next to the libraries' own self-tests, and the ratios,
#   - on x86_64, the core's run of the HMAC and AES-GCM vectors next to the
#     same vectors through OpenSSL's EVP API directly (ossl-baseline.c),
# and keeps each JSON report in $BUILD/bench/selftest-<arch>-<config>.json.
#   make bench   (BUILD=..., BENCH_SECONDS=S per algorithm, default 0.1)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
seconds=${BENCH_SECONDS:-0.1}
cache=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}
sysroot=${SYSROOT:-$cache/arm64-sysroot}
out=$BUILD/bench
[ -x "$BUILD/fipsctl" ] || { echo "bench: no $BUILD/fipsctl (run make)" >&2; exit 2; }
command -v jq > /dev/null || { echo "bench: jq not found" >&2; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# tables JSON TITLE: the two tables of one report
tables() {
	echo
	echo "== $2"
	jq -r '.findings[] | select((.id | test("^selftest\\.[a-z]+\\.")) and .status != "skip")
		| [(.check | sub("^selftest\\."; "")),
		   (.facts[] | select(.key == "algorithm") | .value),
		   ([.facts[] | select(.key == "passed" or .key == "failed") | .value | tonumber] | add),
		   ((.facts[] | select(.key == "ns_per_kat") | .value) // "-"),
		   ((.facts[] | select(.key == "mb_per_s") | .value) // "-")] | @tsv' "$1" |
		awk -F'\t' 'BEGIN { printf "  %-10s %-22s %7s %12s %10s\n", "module", "algorithm", "vectors", "ns/KAT", "MB/s" }
			{ printf "  %-10s %-22s %7s %12s %10s\n", $1, $2, $3, $4, $5 }'
	echo
	jq -r '.findings[] | select(.id | test("^selftest\\.[a-z]+$"))
		| [(.id | sub("^selftest\\."; "")), .status,
		   ((.facts[] | select(.key == "run_ms") | .value) // "-"),
		   ((.facts[] | select(.key == "library_selftest_ms") | .value) // "-"),
		   ((.facts[] | select(.key == "library_selftest") | .value) // "-"),
		   ((.facts[] | select(.key == "module") | .value) // "-")] | @tsv' "$1" |
		awk -F'\t' 'BEGIN { printf "  %-10s %-6s %14s %18s  %s\n", "module", "result", "core run ms", "own self-test ms", "own self-test / module" }
			{ own = $4 ~ /^[0-9.]+$/ ? $4 : "n/a"
			  printf "  %-10s %-6s %14s %18s  %s / %s\n", $1, $2, $3, own, $5, $6 }'
}

# tiers DEFAULT_JSON FULL_JSON: per module the core's run of each tier
# next to the library's own self-test of the default-tier run, and the
# sums over the modules whose own self-test was measured in that run.
tiers() {
	echo
	jq -rn --slurpfile d "$1" --slurpfile f "$2" '
		def fact($r; $id; $k): [$r[0].findings[] | select(.id == $id) | .facts[]
			| select(.key == $k) | .value][0] // "-";
		["openssl", "libgcrypt", "gnutls", "nss"][] as $m
		| [$m, fact($d; "selftest." + $m; "compiled_vectors"), fact($d; "selftest." + $m; "run_ms"),
		   fact($f; "selftest." + $m; "compiled_vectors"), fact($f; "selftest." + $m; "run_ms"),
		   fact($d; "selftest." + $m; "library_selftest_ms")] | @tsv' |
		awk -F'\t' 'BEGIN { printf "  %-10s %16s %16s %18s\n", "module", "default: n  ms", "full: n  ms", "own self-test ms" }
			{ own = $6 ~ /^[0-9.]+$/ ? $6 : "n/a"
			  printf "  %-10s %7s %8s %7s %8s %18s\n", $1, $2, $3, $4, $5, own
			  if (own != "n/a") { sd += $3; sf += $5; so += own; n++; w = w " " $1 } }
			END { if (n && so > 0)
				printf "  sum over%s: default %.1f ms, full %.1f ms, own self-tests %.1f ms (serial); default / own %.2fx, full / own %.2fx\n", w, sd, sf, so, sd / so, sf / so
			      else print "  no library self-test measured: no ratio" }'
}

# run ARCH CONFIG TITLE [ENV=VAL...]: one benchmark, table and JSON.  One
# module at a time: fipsctl runs the helpers in parallel, and on a small
# machine they would time each other's load.  Every compiled vector
# (--full) for the per-algorithm figures, and the default tier once more
# with the libraries' own self-tests measured in the same run.
run() {
	local arch=$1 config=$2 title=$3 m tier; shift 3
	local json=$out/selftest-$arch-$config.json
	for m in openssl libgcrypt gnutls nss; do
		for tier in full default; do
			local sec=$seconds tf=--full
			[ $tier = full ] || { sec=0.01; tf=; }
			if [ "$arch" = aarch64 ]; then
				([ $# -eq 0 ] || export "$@"; arm selftest --module $m $tf --bench --seconds "$sec" \
					--probe-timeout 1800000 --format json) > "$tmp/$m-$tier.json" 2> "$tmp/err" || true
			else
				env "$@" FIPSCTL_PROBE_DIR="$BUILD/probes" "$BUILD/fipsctl" selftest --module $m $tf \
					--bench --seconds "$sec" --format json > "$tmp/$m-$tier.json" 2> "$tmp/err" || true
			fi
		done
	done
	for tier in full default; do
		jq -s '.[0] + {findings: [.[].findings[]]}' "$tmp"/{openssl,libgcrypt,gnutls,nss}-$tier.json \
			> "$tmp/$tier.json" 2> "$tmp/err" || : > "$tmp/$tier.json"
	done
	if [ ! -s "$tmp/full.json" ] || [ ! -s "$tmp/default.json" ]; then
		echo; echo "== $title: no report"; sed 's/^/  /' "$tmp/err"; return
	fi
	cp "$tmp/full.json" "$json"
	cp "$tmp/default.json" "${json%.json}-default.json"
	tables "$json" "$title"
	tiers "$tmp/default.json" "$tmp/full.json"
	echo "  (JSON: $json, ${json%.json}-default.json)"
}

# The FIPS configurations of tests/setup/, as far as they are cached.
fips_env=()
fips_what=()
if [ -f "$cache/openssl-fips/openssl-fips.cnf" ]; then
	fips_env+=(OPENSSL_CONF="$cache/openssl-fips/openssl-fips.cnf")
	fips_what+=("OpenSSL FIPS provider")
fi
fips_env+=(LIBGCRYPT_FORCE_FIPS_MODE=1)
fips_what+=("libgcrypt FIPS mode")
if [ -f "$cache/gnutls-fips/lib/libgnutls.so.30" ]; then
	fips_env+=(LD_LIBRARY_PATH="$cache/gnutls-fips/lib" GNUTLS_FORCE_FIPS_MODE=1)
	fips_what+=("GnuTLS FIPS build")
fi
what=$(IFS=,; echo "${fips_what[*]}")

echo "fipsctl selftest --bench: $seconds s per algorithm, $(nproc) CPUs, $(uname -r)"
run x86_64 system "x86_64 (native), the system's configuration"
run x86_64 fips "x86_64 (native), FIPS configurations: ${what//,/, }" "${fips_env[@]}"

# baseline TITLE MODULE [ENV=VAL...]: the core's full tier of HMAC-* and
# AES-GCM for MODULE (openssl, libgcrypt) next to the same vectors through
# the library's API directly (tests/bench/ossl-baseline.c,
# gcry-baseline.c), best of 5 runs each (the loop alone).
baseline() {
	local title=$1 module=$2 b c bv cv base what; shift 2
	case $module in
	openssl) base=$BUILD/bench/ossl-baseline what="direct EVP calls (ossl-baseline)" ;;
	libgcrypt) base=$BUILD/bench/gcry-baseline what="direct gcry calls (gcry-baseline)" ;;
	esac
	echo
	echo "== $title: $module direct-API baseline, HMAC-* and AES-GCM, every vector"
	if [ ! -x "$base" ]; then
		echo "  no $base (make bench builds it)"
		return
	fi
	for _ in 1 2 3 4 5; do
		env "$@" "$base" | awk '{ print $2, $10 }' >> "$tmp/base" || true
		env "$@" FIPSCTL_PROBE_DIR="$BUILD/probes" "$BUILD/fipsctl" selftest --module "$module" --full \
			--algorithm 'HMAC-*,AES-GCM' --format json 2> /dev/null |
			jq -r --arg id "selftest.$module" '.findings[] | select(.id == $id) | . as $f | [.facts[]
				| select(.key == "vectors_passed" or .key == "vectors_failed" or .key == "vectors_skipped")
				| .value | tonumber] | add as $n
				| "\($n) \([$f.facts[] | select(.key == "run_ms") | .value][0])"' \
			>> "$tmp/core" || true
	done
	read -r bv b < <(sort -k2 -g "$tmp/base" | head -1)
	read -r cv c < <(sort -k2 -g "$tmp/core" | head -1)
	rm -f "$tmp/base" "$tmp/core"
	awk -v bv="$bv" -v b="$b" -v cv="$cv" -v c="$c" -v w="$what" 'BEGIN {
		printf "  %-34s %8s %10s\n", "", "vectors", "best ms"
		printf "  %-34s %8s %10s\n", w, bv, b
		printf "  %-34s %8s %10s\n", "fipsctl selftest --full (core)", cv, c
		if (b > 0) printf "  core / baseline: %.2fx\n", c / b }'
	# The same in instructions (callgrind, the loops alone), which the
	# machine's load does not move: a run of under a millisecond is
	# mostly timer resolution.
	command -v valgrind > /dev/null || return 0
	local d bi ci
	d=$(mktemp -d "$tmp/cg.XXXXXX")
	env "$@" valgrind --tool=callgrind --toggle-collect=run --callgrind-out-file="$d/base" "$base" > /dev/null 2>&1 || true
	env "$@" FIPSCTL_PROBE_DIR="$BUILD/probes" valgrind --tool=callgrind --trace-children=yes \
		--toggle-collect=fc_kat_run --callgrind-out-file="$d/core.%p" "$BUILD/fipsctl" selftest \
		--module "$module" --full --algorithm 'HMAC-*,AES-GCM' > /dev/null 2>&1 || true
	bi=$(sed -n 's/^summary: //p' "$d/base")
	ci=$(cat "$d"/core.* | sed -n 's/^summary: //p' | awk '{ s += $1 } END { print s + 0 }')
	awk -v b="$bi" -v c="$ci" 'BEGIN { if (b > 0) printf "  instructions: baseline %.2f M, core %.2f M, core / baseline %.2fx\n", b / 1e6, c / 1e6, c / b }'
	rm -rf "$d"
}

baseline "x86_64 (native), the system's configuration" openssl
[ ! -f "$cache/openssl-fips/openssl-fips.cnf" ] ||
	baseline "x86_64 (native), OpenSSL FIPS provider" openssl OPENSSL_CONF="$cache/openssl-fips/openssl-fips.cnf"
# libgcrypt's FIPS mode refuses some vectors by policy (the adapter counts
# them as not offered, a plain loop as failures): the system configuration.
baseline "x86_64 (native), the system's configuration" libgcrypt

# aarch64: the cross build and its launchers as the aarch64 test tier
# makes them (tests/cross/lib-cross.sh), in a subshell: it exits when the
# tools or the sysroot are missing.
(
	t_tmp=$tmp TOP=$top SYSROOT=$sysroot
	skip() { echo; echo "== aarch64: skipped, $2"; }
	not_ok() { echo; echo "== aarch64: $2"; tail "$tmp/make.log"; }
	. "$top/tests/cross/lib-cross.sh"
	cross_setup bench-aarch64
	run aarch64 system "aarch64 (EMULATED by qemu-aarch64: relative figures only), the system's configuration"
	# The arm64 FIPS provider of tests/setup/60-openssl-fips-arm64.sh.
	afips=$cache/openssl-fips-arm64
	aenv=(LIBGCRYPT_FORCE_FIPS_MODE=1)
	awhat="libgcrypt FIPS mode"
	if [ -f "$afips/fipsmodule.cnf" ] && [ -f "$afips/fips.so" ]; then
		printf '%s\n' "openssl_conf = openssl_init" ".include $afips/fipsmodule.cnf" \
			"[openssl_init]" "providers = provider_sect" "alg_section = algorithm_sect" \
			"[provider_sect]" "fips = fips_sect" "base = base_sect" "[base_sect]" \
			"activate = 1" "[algorithm_sect]" "default_properties = fips=yes" \
			"[fips_sect]" "module = $afips/fips.so" > "$tmp/openssl-fips-arm64.cnf"
		aenv+=(OPENSSL_CONF="$tmp/openssl-fips-arm64.cnf")
		awhat="OpenSSL FIPS provider, $awhat"
	fi
	run aarch64 fips "aarch64 (EMULATED: relative figures only), FIPS configurations: $awhat" "${aenv[@]}"
)
