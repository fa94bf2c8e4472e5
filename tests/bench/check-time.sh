#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Wall time of `fipsctl check` and `fipsctl check --selftest` (and of the
# OpenSSL checks alone) next to
#   - the floor: an empty main() linked (--no-as-needed) against every
#     library fipsctl and its probe helpers use, i.e. what any program that
#     loads these libraries pays at exec, and
#   - `openssl list -providers`, what an operator would run by hand,
# all measured in the same run, with the system's OpenSSL configuration and
# again with the FIPS provider configured (the cached build of
# tests/setup/10-openssl-fips.sh), and the peak RSS of fipsctl and of each
# helper it starts (tests/lib/peak-rss.c, getrusage of each process alone),
# and, with valgrind installed, the instructions each process executes
# (callgrind), which the machine's load does not move, next to the floor's.
# Prints figures and ratios; no thresholds.
#   make bench                   (BUILD=..., BENCH_RUNS=N, default 30)
# Uses hyperfine when installed, else a loop timed with date +%s%N.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
runs=${BENCH_RUNS:-30}
fipsctl=$BUILD/fipsctl
openssl=$(command -v openssl || true)
[ -x "$fipsctl" ] || { echo "bench: no $fipsctl (run make)" >&2; exit 2; }
[ -n "$openssl" ] || { echo "bench: openssl command not found" >&2; exit 2; }
export FIPSCTL_PROBE_DIR=$BUILD/probes LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- the floor: every pkg-config name the Makefile links ---------------------
pkgs=$(sed -n 's/^\(CORE_PKGS\|HELPER_[A-Za-z0-9]*_PKGS\)[[:space:]]*:=[[:space:]]*//p' "$top/Makefile" |
	tr ' ' '\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')
mkdir -p "$BUILD/bench"
floor=$BUILD/bench/floor
printf 'int main(void) { return 0; }\n' > "$tmp/floor.c"
# shellcheck disable=SC2046,SC2086 # word splitting of the library list is wanted
cc -O2 -o "$floor" "$tmp/floor.c" -Wl,--no-as-needed $(pkg-config --libs $pkgs)
ndso=$(ldd "$floor" | grep -c '=> /')

# --- timing ------------------------------------------------------------------
# measure NAME CMD...: mean and min wall time in ms into $tmp/NAME
if command -v hyperfine > /dev/null; then
	tool="hyperfine $(hyperfine --version | cut -d' ' -f2)"
	measure() {
		local name=$1; shift
		local cmd="" a
		for a in "$@"; do cmd+="$(printf '%q ' "$a")"; done
		# -N: no shell in between; -i: fipsctl exits 1 when a check fails.
		hyperfine -N -i --style none --warmup 3 --runs "$runs" \
			--export-json "$tmp/$name.json" "$cmd" > /dev/null 2>&1
		jq -r '.results[0] | "\(.mean * 1000) \(.min * 1000)"' "$tmp/$name.json" > "$tmp/$name"
	}
else
	tool="date +%s%N loop"
	measure() {
		local name=$1; shift
		local i t0 t1
		for i in 1 2 3; do "$@" > /dev/null 2>&1 || true; done
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s%N)
			"$@" > /dev/null 2>&1 || true
			t1=$(date +%s%N)
			echo $(((t1 - t0) / 1000))
		done | awk '{ s += $1; if (min == "" || $1 < min) min = $1 }
			END { printf "%.3f %.3f\n", s / NR / 1000, min / 1000 }' > "$tmp/$name"
	}
fi

row() { # LABEL NAME: mean, min, ratios to the floor and to openssl list
	local mean min fl ol
	read -r mean min < "$tmp/$2"
	read -r fl _ < "$tmp/floor"
	read -r ol _ < "$tmp/olist"
	awk -v l="$1" -v m="$mean" -v n="$min" -v f="$fl" -v o="$ol" \
		'BEGIN { printf "  %-40s %8.1f %8.1f %9.1fx %9.1fx\n", l, m, n, m / f, m / o }'
}

rss=$BUILD/tests/lib/peak-rss.so
# rss_rows LABEL ARGS...: one run of fipsctl ARGS, a row per process
rss_rows() {
	local label=$1; shift
	if [ ! -f "$rss" ]; then
		echo "  $label: no $rss (make tests)"
		return
	fi
	: > "$tmp/rss"
	FIPSCTL_BENCH_RSS=$tmp/rss LD_PRELOAD=$rss "$fipsctl" "$@" > /dev/null 2>&1 || true
	sort "$tmp/rss" | awk -v l="$label" '{ printf "  %-28s %-26s %8.1f\n", l, $1, $2 / 1024 }'
}

# instr_rows LABEL ARGS...: instructions per process of one fipsctl ARGS
# run under callgrind (every process from exec to exit, dynamic loading
# included), and the sum, each next to the floor's
instr_rows() {
	local label=$1 d fl; shift
	command -v valgrind > /dev/null || { echo "  $label: no valgrind, no instruction counts"; return; }
	d=$(mktemp -d "$tmp/cg.XXXXXX")
	valgrind --tool=callgrind --callgrind-out-file="$d/floor" "$floor" > /dev/null 2>&1 || true
	valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$d/cg.%p" \
		"$fipsctl" "$@" > /dev/null 2>&1 || true
	fl=$(sed -n 's/^summary: //p' "$d/floor")
	for f in "$d"/cg.*; do
		# A helper's forked child has the helper's command line.
		printf '%s %s\n' "$(sed -n 's|^cmd: *\([^ ]*\).*|\1|p' "$f" | xargs basename)" \
			"$(sed -n 's/^summary: //p' "$f")"
	done | sort | awk -v l="$label" -v fl="$fl" '
		{ printf "  %-28s %-26s %14.1f %9.2fx\n", l, $1, $2 / 1e6, $2 / fl; s += $2 }
		END { printf "  %-28s %-26s %14.1f %9.2fx\n", l, "(sum)", s / 1e6, s / fl
		      printf "  %-28s %-26s %14.1f %9.2fx\n", "floor", "(empty main)", fl / 1e6, 1 }'
	rm -rf "$d"
}

group() { # TITLE: the four measurements under the current environment
	echo
	echo "== $1"
	measure floor "$floor"
	measure olist "$openssl" list -providers
	measure check "$fipsctl" check
	measure selftest "$fipsctl" check --selftest
	# The OpenSSL probe's share, the like of `openssl list -providers`.
	measure ossl "$fipsctl" check --only 'openssl.*'
	# Everything but NSS, and NSS alone: NSS has no call that runs its
	# softoken's power-up self-tests and integrity check, so the status
	# check starts the FIPS token (FC_Initialize) to see them; that cost is
	# the module's own, and the report states it (nss.selftest's
	# fc_initialize_ms).
	measure nonss "$fipsctl" check --skip 'nss.*'
	measure nss "$fipsctl" check --only 'nss.*'
	printf '  %-40s %8s %8s %10s %10s\n' command "mean ms" "min ms" "/ floor" "/ openssl"
	row "floor (empty main, $ndso DSOs)" floor
	row "openssl list -providers" olist
	row "fipsctl check" check
	row "fipsctl check --selftest" selftest
	row "fipsctl check --only 'openssl.*'" ossl
	row "fipsctl check --skip 'nss.*'" nonss
	row "fipsctl check --only 'nss.*'" nss
	echo
	printf '  %-28s %-26s %8s\n' command process "peak RSS MiB"
	rss_rows "fipsctl check" check
	rss_rows "fipsctl check --selftest" check --selftest
	echo
	printf '  %-28s %-26s %14s %10s\n' command process "M instructions" "/ floor"
	instr_rows "fipsctl check" check
	instr_rows "check --skip 'nss.*'" check --skip 'nss.*'
	echo "  (a helper that examines in a forked child has two rows: the NSS one initialises the"
	echo "  FIPS token there, whose power-up self-tests and integrity check are its large row)"
}

echo "fipsctl check wall time: $tool, $runs runs each, $(nproc) CPUs, $(uname -r)"
echo "fipsctl: $fipsctl; floor links: $pkgs"

(unset OPENSSL_CONF; group "system OpenSSL configuration (OPENSSL_CONF unset)")

cache=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/openssl-fips
if [ -f "$cache/openssl-fips.cnf" ]; then
	(export OPENSSL_CONF=$cache/openssl-fips.cnf
	 group "FIPS provider $(cat "$cache/VERSION") active (OPENSSL_CONF=$OPENSSL_CONF)")
else
	echo
	echo "== FIPS provider configuration: skipped, no build in $cache (run tests/setup/10-openssl-fips.sh)"
fi

# --- aarch64 under user-mode emulation ------------------------------------------
# The cross build and its probe launchers as the aarch64 test tier makes
# them (tests/cross/lib-cross.sh), and a floor linked for aarch64 against
# the arm64 sysroot's libraries, each run by qemu-aarch64 through the
# sysroot's loader.  qemu translates code as it first meets it, so only
# ratios mean anything; and each helper starts through a shell launcher
# (no binfmt_misc here), whose cost is measured on its own (the floor
# started the same way).  Fewer runs (BENCH_RUNS_AARCH64, default 5).
(
	t_tmp=$tmp TOP=$top
	SYSROOT=${SYSROOT:-${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/arm64-sysroot}
	skip() { echo; echo "== aarch64: skipped, $2"; }
	not_ok() { echo; echo "== aarch64: $2"; tail "$tmp/make.log"; }
	# shellcheck source=tests/cross/lib-cross.sh
	. "$top/tests/cross/lib-cross.sh"
	cross_setup bench-aarch64-check
	runs=${BENCH_RUNS_AARCH64:-5}
	afloor=$tmp/floor-aarch64
	# shellcheck disable=SC2046,SC2086 # word splitting of the library list is wanted
	aarch64-linux-gnu-gcc --sysroot="$SYSROOT" -O2 -o "$afloor" "$tmp/floor.c" -Wl,--no-as-needed \
		$(env PKG_CONFIG_SYSROOT_DIR="$SYSROOT" \
			PKG_CONFIG_LIBDIR="$SYSROOT/usr/lib/aarch64-linux-gnu/pkgconfig:$SYSROOT/usr/share/pkgconfig" \
			pkg-config --libs $pkgs) || { echo; echo "== aarch64: the floor does not link"; exit 0; }
	printf '#!/bin/sh\nexec qemu-aarch64 %s --library-path %s %s "$@"\n' "$ldso" "$libpath" "$afloor" > "$tmp/floor-launch"
	chmod +x "$tmp/floor-launch"
	qemu=(qemu-aarch64 "$ldso" --library-path "$libpath")
	afipsctl=(env FIPSCTL_PROBE_DIR="$tmp/probes" "${qemu[@]}" "$XBUILD/fipsctl")
	measure floor "${qemu[@]}" "$afloor"
	measure launch "$tmp/floor-launch"
	measure check "${afipsctl[@]}" check
	measure nonss "${afipsctl[@]}" check --skip 'nss.*'
	measure nss "${afipsctl[@]}" check --only 'nss.*'
	arow() { # LABEL NAME
		local mean min fl
		read -r mean min < "$tmp/$2"
		read -r fl _ < "$tmp/floor"
		awk -v l="$1" -v m="$mean" -v n="$min" -v f="$fl" \
			'BEGIN { printf "  %-40s %8.1f %8.1f %9.1fx\n", l, m, n, m / f }'
	}
	echo
	echo "== aarch64 (EMULATED by qemu-aarch64 $(qemu-aarch64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p'): relative figures only; $runs runs each)"
	printf '  %-40s %8s %8s %10s\n' command "mean ms" "min ms" "/ floor"
	arow "floor (empty main, same libraries)" floor
	arow "floor through a helper launcher" launch
	arow "fipsctl check" check
	arow "fipsctl check --skip 'nss.*'" nonss
	arow "fipsctl check --only 'nss.*'" nss
	echo "  (fipsctl starts 5 helpers, each through a launcher like the second row's)"
)
