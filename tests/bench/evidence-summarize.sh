#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Throughput of `fipsctl evidence summarize` over generated bundles, and
# whether it grows linearly: N bundles (default 1000) made from an export
# of the el92-fips fixture, each with its own host name and machine id and
# a valid MANIFEST, summarized as text, JSON, CSV and HTML; then a quarter
# and a half of them, to compare the time per bundle.  Then the fleet
# scale: M small bundles (default 100000: report.json of eight findings
# and MANIFEST, 0.8 KB), their paths given with --files-from, with the
# wall time, CPU time and peak memory at a quarter, a half and all of
# them (the memory must not grow with their number).  Also the size and
# export time of a bundle of this host.  Prints figures; no thresholds.
#   BUILD=build tests/bench/evidence-summarize.sh   (BENCH_BUNDLES=N BENCH_FLEET=M)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
n=${BENCH_BUNDLES:-1000}
fleet=${BENCH_FLEET:-100000}
fipsctl=$BUILD/fipsctl
helper=$BUILD/probes/fipsctl-probe-evidence
[ -x "$fipsctl" ] && [ -x "$helper" ] || { echo "bench: build first (make BUILD=...)" >&2; exit 2; }
export FIPSCTL_PROBE_DIR=$BUILD/probes LC_ALL=C SOURCE_DATE_EPOCH=1700000000

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# --- this host ------------------------------------------------------------------
t0=$(date +%s%N)
"$fipsctl" evidence export -o "$tmp/host.tar.gz" -q > /dev/null 2>&1 || true
host_ms=$(ms "$t0")
t0=$(date +%s%N)
"$fipsctl" evidence export -o "$tmp/host-st.tar.gz" --selftest -q > /dev/null 2>&1 || true
host_st_ms=$(ms "$t0")
printf 'this host: bundle %s bytes (%s members), export %s ms; with --selftest %s bytes, %s ms\n' \
	"$(stat -c %s "$tmp/host.tar.gz")" "$(tar -tzf "$tmp/host.tar.gz" | wc -l)" "$host_ms" \
	"$(stat -c %s "$tmp/host-st.tar.gz")" "$host_st_ms"

# --- N bundles ---------------------------------------------------------------------
"$top/tests/cases/mkroot.sh" all/el92-fips "$tmp/roots/el92-fips" > /dev/null
"$fipsctl" --root "$tmp/roots/el92-fips" evidence export -o "$tmp/seed.tar.gz" -q > /dev/null 2>&1 || true
mkdir -p "$tmp/seed" "$tmp/b"
tar -xzf "$tmp/seed.tar.gz" -C "$tmp/seed"
# Each bundle: the seed's members with host i's name and machine id in
# report.json, and MANIFEST with their SHA-256, as a gzip tar (Python's
# tarfile: the helper's own 'pack' fsyncs each file, which is right for
# evidence and slow for a hundred thousand of them).
t0=$(date +%s%N)
python3 "$top/tests/bench/gen-bundles.py" el92 "$tmp/seed" "$tmp/b" "$n"
gen_ms=$(ms "$t0")
bytes=$(du -cb "$tmp"/b/*/*.tar.gz | tail -1 | cut -f1)
printf '%s bundles generated in %s ms, %s bytes in all (%s per bundle)\n' "$n" "$gen_ms" "$bytes" $((bytes / n))

# summarize over the first k bundles, best of 3.
run() {
	local k=$1 fmt=$2 best= t
	local files=("$tmp"/b/*/*.tar.gz)
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$fipsctl" --format "$fmt" evidence summarize "${files[@]:0:$k}" > "$tmp/out.$fmt" || true
		t=$(ms "$t0")
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}
for fmt in text json csv html; do
	t=$(run "$n" "$fmt")
	case $fmt in
	csv) rows=$(($(wc -l < "$tmp/out.csv") - 1)) ;;
	html) rows=$(grep -c '^<tr class="host' "$tmp/out.html") ;;
	*) rows=$(grep -c 'host[0-9]*\.example\.com' "$tmp/out.$fmt") ;;
	esac
	printf 'summarize %s bundles as %-4s: %6s ms, %7.0f bundles/s, %6.1f MB/s of bundles (%s rows)\n' \
		"$n" "$fmt" "$t" "$(echo "$n * 1000 / ($t + 0.001)" | bc -l)" \
		"$(echo "$bytes / 1000 / ($t + 0.001)" | bc -l)" "$rows"
done
q=$((n / 4)) h=$((n / 2))
tq=$(run "$q" text) th=$(run "$h" text) tn=$(run "$n" text)
printf 'linearity (text): %s bundles %s ms (%.2f ms each), %s bundles %s ms (%.2f ms each), %s bundles %s ms (%.2f ms each)\n' \
	"$q" "$tq" "$(echo "$tq / $q" | bc -l)" "$h" "$th" "$(echo "$th / $h" | bc -l)" \
	"$n" "$tn" "$(echo "$tn / $n" | bc -l)"

# --- the fleet: many small bundles, paths from a list --------------------------------
rm -rf "$tmp/b"
mkdir -p "$tmp/f"
t0=$(date +%s%N)
python3 "$top/tests/bench/gen-bundles.py" small - "$tmp/f" "$fleet"
printf '%s small bundles generated in %s ms, %s bytes each on average\n' "$fleet" "$(ms "$t0")" \
	$(($(du -sb "$tmp/f" | cut -f1) / fleet))
find "$tmp/f" -name '*.tar.gz' | LC_ALL=C sort > "$tmp/all.list"
fleet_run() { # K: summarize the first K as CSV, best of 2; wall ms, CPU ms, peak KB
	local k=$1 best='' line
	head -n "$k" "$tmp/all.list" > "$tmp/k.list"
	for _ in 1 2; do
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$fipsctl" --format csv evidence summarize \
			--files-from "$tmp/k.list" > "$tmp/fleet.csv" || true
		line=$(tail -1 "$tmp/time" | awk '{ printf "%d %d %d", $1 * 1000, ($2 + $3) * 1000, $4 }')
		[ -z "$best" ] || [ "${line%% *}" -lt "${best%% *}" ] && best=$line
	done
	[ "$(($(wc -l < "$tmp/fleet.csv") - 1))" = "$k" ] || echo "fleet: $k bundles gave $(($(wc -l < "$tmp/fleet.csv") - 1)) rows" >&2
	echo "$best"
}
for k in $((fleet / 4)) $((fleet / 2)) "$fleet"; do
	read -r wall cpu kb < <(fleet_run "$k")
	printf 'fleet: summarize %6s small bundles: %6s ms, %6.0f bundles/s (CPU %s ms in all, %.0f us per bundle), peak memory %s KB\n' \
		"$k" "$wall" "$(echo "$k * 1000 / ($wall + 0.001)" | bc -l)" "$cpu" \
		"$(echo "$cpu * 1000 / $k" | bc -l)" "$kb"
done
