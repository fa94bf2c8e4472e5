#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bundles are deterministic: the same members give the same
# archive bytes, and two exports of the same fixture are byte-identical
# except the time and the bundle id, which this test normalises.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
ev_roots el92-fips || { not_ok determinism-fixture-root "tests/cases/mkroot.sh failed"; t_done; exit; }
R=$EVROOTS/el92-fips

# The writer itself: the same members twice, byte for byte (sorted
# members, fixed owner, mode and mtime, no time in the gzip header).
members() {
	printf '5 report.json\nhello'
	printf '6 sources/proc/cmdline\nfips=1'
	printf '3 policy/t.json\n{}\n'
	printf 'end\n'
}
for c in gzip zstd; do
	members | "$HELPER" pack --out "$W/a.$c" --mtime 1700000000 --compress "$c" > /dev/null &&
		members | "$HELPER" pack --out "$W/b.$c" --mtime 1700000000 --compress "$c" > /dev/null
	if cmp -s "$W/a.$c" "$W/b.$c"; then ok "writer-deterministic-$c"; else not_ok "writer-deterministic-$c"; fi
done

# normalise DIR: the time and bundle id fields of report.json, and the
# MANIFEST line that carries report.json's digest.
normalise() {
	python3 - "$1/report.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["bundle_id"] = "BUNDLE-ID"
d["created"] = d["report"]["host"]["time"] = "TIME"
json.dump(d, open(p, "w"), indent=1, sort_keys=True)
PY
	sed -i '/  report\.json$/d' "$1/MANIFEST"
}

# compare A B NAME: two exports, member list and metadata, then every
# member after normalising; mtimes only when same_time.
compare() {
	local a=$1 b=$2 name=$3 same_time=$4
	local la lb
	if [ "$same_time" = yes ]; then
		la=$(tar --full-time -tvzf "$a") lb=$(tar --full-time -tvzf "$b")
	else
		la=$(tar -tvzf "$a" | awk '{print $1, $2, $NF}') lb=$(tar -tvzf "$b" | awk '{print $1, $2, $NF}')
	fi
	# report.json's size may differ only by the time field, which has a
	# fixed width: sizes must match too.
	if [ "$la" != "$lb" ]; then
		not_ok "$name" "member lists differ: $(diff <(echo "$la") <(echo "$lb") | head -5)"
		return
	fi
	rm -rf "$W/xa" "$W/xb" && mkdir -p "$W/xa" "$W/xb"
	tar -xzf "$a" -C "$W/xa" && tar -xzf "$b" -C "$W/xb"
	normalise "$W/xa"
	normalise "$W/xb"
	if diff -r "$W/xa" "$W/xb" > "$t_tmp/diff"; then
		ok "$name"
	else
		not_ok "$name" "$(head -10 "$t_tmp/diff")"
	fi
}

# Same SOURCE_DATE_EPOCH: only the bundle id differs.
"$F" --root "$R" evidence export -o "$W/1.tar.gz" -q > /dev/null 2>&1
"$F" --root "$R" evidence export -o "$W/2.tar.gz" -q > /dev/null 2>&1
compare "$W/1.tar.gz" "$W/2.tar.gz" exports-identical-but-id yes
id1=$(tar -xzf "$W/1.tar.gz" -O report.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bundle_id"])')
id2=$(tar -xzf "$W/2.tar.gz" -O report.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bundle_id"])')
if [ -n "$id1" ] && [ "$id1" != "$id2" ]; then ok bundle-ids-differ; else not_ok bundle-ids-differ "$id1 $id2"; fi
# The whole uncompressed archive, with the id replaced: only report.json's
# line in MANIFEST (its digest) may still differ.
zcat "$W/1.tar.gz" | sed "s/$id1/BUNDLE-ID-0000-0000-0000-000000000000/" > "$W/1.tar"
zcat "$W/2.tar.gz" | sed "s/$id2/BUNDLE-ID-0000-0000-0000-000000000000/" > "$W/2.tar"
diffbytes=$(cmp -l "$W/1.tar" "$W/2.tar" | wc -l)
if [ "$diffbytes" -le 64 ]; then ok archive-bytes-identical-but-id; else not_ok archive-bytes-identical-but-id "$diffbytes bytes differ"; fi

# Real time (no SOURCE_DATE_EPOCH), a second apart: time and id differ,
# nothing else; every mtime is the bundle's own report time.
(unset SOURCE_DATE_EPOCH; "$F" --root "$R" evidence export -o "$W/3.tar.gz" -q > /dev/null 2>&1)
sleep 1.1
(unset SOURCE_DATE_EPOCH; "$F" --root "$R" evidence export -o "$W/4.tar.gz" -q > /dev/null 2>&1)
compare "$W/3.tar.gz" "$W/4.tar.gz" exports-identical-but-time-and-id no
for n in 3 4; do
	created=$(tar -xzf "$W/$n.tar.gz" -O report.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["created"])')
	mt=$(tar --full-time -tvzf "$W/$n.tar.gz" | awk '{print $4 "T" $5 "Z"}' | sort -u)
	if [ "$mt" = "$created" ]; then ok "mtime-is-report-time-$n"; else not_ok "mtime-is-report-time-$n" "$mt vs $created"; fi
done
t_done
