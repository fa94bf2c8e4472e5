#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Throughput of `fipsctl evidence summarize` over generated bundles (issue
# 7), and whether it grows linearly: N bundles (default 1000) made from an
# export of the el92-fips fixture, each with its own host name and
# machine id and a valid MANIFEST (written by the evidence helper, as
# export writes them), summarized as text, JSON and CSV; then a quarter
# and a half of them, to compare the time per bundle.  Also the size and
# export time of a bundle of this host.  Prints figures; no thresholds.
#   BUILD=build tests/bench/evidence-summarize.sh   (BENCH_BUNDLES=N)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
n=${BENCH_BUNDLES:-1000}
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
# report.json, fed to the helper in its input format (Python builds the
# streams: one process per bundle is the helper's).
t0=$(date +%s%N)
python3 - "$tmp/seed" "$tmp/b" "$n" "$helper" <<'PY'
import os, subprocess, sys
seed, out, n, helper = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
names = sorted(os.path.relpath(os.path.join(d, f), seed)
               for d, _, fs in os.walk(seed) for f in fs if f != "MANIFEST")
data = {m: open(os.path.join(seed, m), "rb").read() for m in names}
for i in range(1, n + 1):
    stream = bytearray()
    for m in names:
        b = data[m]
        if m == "report.json":
            b = b.replace(b"alma92-fips.example.com", b"host%d.example.com" % i)
            b = b.replace(b"4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84", b"%032x" % i)
        stream += b"%d %s\n" % (len(b), m.encode()) + b
    stream += b"end\n"
    subprocess.run([helper, "pack", "--out", "%s/%05d.tar.gz" % (out, i), "--mtime", "1700000000"],
                   input=bytes(stream), stdout=subprocess.DEVNULL, check=True)
PY
gen_ms=$(ms "$t0")
bytes=$(du -cb "$tmp"/b/*.tar.gz | tail -1 | cut -f1)
printf '%s bundles generated in %s ms, %s bytes in all (%s per bundle)\n' "$n" "$gen_ms" "$bytes" $((bytes / n))

# summarize over the first k bundles, best of 3.
run() {
	local k=$1 fmt=$2 best= t
	local files=("$tmp"/b/*.tar.gz)
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$fipsctl" --format "$fmt" evidence summarize "${files[@]:0:$k}" > "$tmp/out.$fmt" || true
		t=$(ms "$t0")
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}
for fmt in text json csv; do
	t=$(run "$n" "$fmt")
	rows=$( [ "$fmt" = csv ] && echo $(( $(wc -l < "$tmp/out.csv") - 1 )) || grep -c 'host[0-9]*\.example\.com' "$tmp/out.$fmt")
	printf 'summarize %s bundles as %-4s: %6s ms, %7.0f bundles/s, %6.1f MB/s of bundles (%s rows)\n' \
		"$n" "$fmt" "$t" "$(echo "$n * 1000 / ($t + 0.001)" | bc -l)" \
		"$(echo "$bytes / 1000 / ($t + 0.001)" | bc -l)" "$rows"
done
q=$((n / 4)) h=$((n / 2))
tq=$(run "$q" text) th=$(run "$h" text) tn=$(run "$n" text)
printf 'linearity (text): %s bundles %s ms (%.2f ms each), %s bundles %s ms (%.2f ms each), %s bundles %s ms (%.2f ms each)\n' \
	"$q" "$tq" "$(echo "$tq / $q" | bc -l)" "$h" "$th" "$(echo "$th / $h" | bc -l)" \
	"$n" "$tn" "$(echo "$tn / $n" | bc -l)"
