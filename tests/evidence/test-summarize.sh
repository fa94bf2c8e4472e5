#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# fipsctl evidence summarize: one row per bundle with host,
# verdicts per module and whether the bundle verified, as text, JSON and
# CSV; tampered and unreadable bundles are rows, not the end of the run;
# more bundles than one helper batch.  (Throughput: tests/bench/.)
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
ev_roots el92-fips fips-disabled missing-files || { not_ok summarize-roots "tests/cases/mkroot.sh failed"; t_done; exit; }
for s in el92-fips fips-disabled missing-files; do
	"$F" --root "$EVROOTS/$s" evidence export -o "$W/$s.tar.gz" -q > /dev/null 2>&1
done
# A tampered copy of el92-fips.
mkdir -p "$W/t" && tar -xzf "$W/el92-fips.tar.gz" -C "$W/t"
echo 1 > "$W/t/sources/proc/sys/crypto/fips_enabled"
sed -i 's/"hostname": "alma92-fips.example.com"/"hostname": "forged.example.com"/' "$W/t/report.json"
repack "$W/t" "$W/tampered.tar.gz"
# A host where everything passed (a report as export writes it).
python3 - "$W/pass-report.json" <<'EOF'
import json, sys
# Its skip is of a requirement that does not apply (schema 1.1): pass.
f = lambda i, st: {"id": i, "check": i, "title": i, "requirement": None, "status": st,
                   "skip_kind": "not-applicable" if st == "skip" else None,
                   "summary": "fine", "remediation": None, "facts": []}
doc = {"schema": "https://fipsctl.invalid/schemas/evidence-1.0.json", "schema_version": "1.0",
       "bundle_id": "00000000-0000-4000-8000-000000000001", "created": "2023-11-14T22:13:20Z",
       "fipsctl_version": "0.1.0", "host": {"hostname": "good.example.com",
       "machine_id": "0123456789abcdef0123456789abcdef"},
       "report": {"schema": "https://fipsctl.invalid/schemas/report-1.1.json", "schema_version": "1.1",
                  "fipsctl_version": "0.1.0", "root": "/", "host": {"hostname": "good.example.com",
                  "os_id": "almalinux", "os_version_id": "9.2", "os_pretty_name": None, "arch": "x86_64",
                  "kernel_release": None, "time": "2023-11-14T22:13:20Z"}, "summary": {},
                  "findings": [f("kernel.fips_enabled", "pass"), f("openssl.provider", "pass"),
                               f("nss.selftest", "warn"), f("gnutls.fips_mode", "skip")]}}
open(sys.argv[1], "w").write(json.dumps(doc))
EOF
{
	printf '%s report.json\n' "$(stat -c %s "$W/pass-report.json")"
	cat "$W/pass-report.json"
	printf 'end\n'
} | "$HELPER" pack --out "$W/good.tar.gz" --mtime 1700000000 > /dev/null

all=("$W/el92-fips.tar.gz" "$W/fips-disabled.tar.gz" "$W/missing-files.tar.gz"
	"$W/tampered.tar.gz" "$W/nonexistent.tar.gz" "$W/good.tar.gz")

# Passing rows: good.tar.gz and the roots check passes (their verdicts
# are the checks' business, not this test's).
passing=1
for s in el92-fips fips-disabled missing-files; do
	"$F" --root "$EVROOTS/$s" check > /dev/null 2>&1 && passing=$((passing + 1))
done
expect_rc summarize-text 1 "$F" evidence summarize "${all[@]}"
if [ "$(grep -c '\.tar\.gz$' "$t_tmp/out")" = 6 ] &&
	grep -E '^alma92-fips\.example\.com .*verified  .*/el92-fips\.tar\.gz$' "$t_tmp/out" > /dev/null &&
	grep -E 'FAILED: member report.json does not match MANIFEST.*/tampered\.tar\.gz$' "$t_tmp/out" > /dev/null &&
	grep -E 'nonexistent\.tar\.gz: No such file or directory' "$t_tmp/out" > /dev/null &&
	grep -q "^6 bundles: $passing verified and passing, $((6 - passing)) not\$" "$t_tmp/out"; then
	ok summarize-text-rows
else
	not_ok summarize-text-rows "$(cat "$t_tmp/out")"
fi

expect_rc summarize-json 1 "$F" --format json evidence summarize "${all[@]}"
cp "$t_tmp/out" "$W/s.json"
if python3 - "$W/s.json" <<'EOF'; then ok summarize-json-rows; else not_ok summarize-json-rows; fi
import json, sys
rows = json.load(open(sys.argv[1]))["bundles"]
assert [r["bundle"].rsplit("/", 1)[1] for r in rows] == [
    "el92-fips.tar.gz", "fips-disabled.tar.gz", "missing-files.tar.gz",
    "tampered.tar.gz", "nonexistent.tar.gz", "good.tar.gz"], "input order"
el, dis, miss, tam, none, good = rows
assert el["verified"] and el["host"] == "alma92-fips.example.com"
assert el["machine_id"] == "4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84"
assert el["os"] == "almalinux 9.2" and el["time"] == "2023-11-14T22:13:20Z"
assert el["modules"]["crypto-policy"] == "pass" and el["modules"]["openssl"] == "skip"
assert dis["modules"]["kernel"] == "fail", dis
assert not tam["verified"] and "report.json" in tam["integrity"]
# A tampered bundle still shows what it claims, and that it cannot be trusted.
assert tam["host"] == "forged.example.com"
assert not none["verified"] and none["host"] == "?"
assert good["verified"] and good["verdict"] == "pass"
assert el["verdict"] == "incomplete" and dis["verdict"] == "fail"
assert good["modules"] == {"kernel": "pass", "crypto-policy": "-", "openssl": "pass",
                           "libgcrypt": "-", "nss": "warn", "gnutls": "skip"}, good["modules"]
EOF

expect_rc summarize-csv 1 "$F" --format csv evidence summarize "${all[@]}"
if python3 - "$t_tmp/out" <<'EOF'; then ok summarize-csv-rows; else not_ok summarize-csv-rows; fi
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][:5] == ["host", "machine_id", "os", "time", "verdict"], rows[0]
assert rows[0][-2:] == ["bundle", "file"]
assert len(rows) == 7 and all(len(r) == len(rows[0]) for r in rows)
assert rows[1][0] == "alma92-fips.example.com" and rows[1][-2] == "verified"
assert rows[4][-2].startswith("FAILED:")
EOF

# Only good bundles: exit 0.
expect_rc summarize-all-good 0 "$F" evidence summarize "$W/good.tar.gz" "$W/good.tar.gz"
# Signed bundles checked against a key.
if ev_keys; then
	"$F" --root "$EVROOTS/el92-fips" evidence export -o "$W/signed.tar.gz" --sign-key "$K/p256.pem" -q > /dev/null 2>&1
	"$F" --format json evidence summarize --key "$K/p256.pub" "$W/signed.tar.gz" "$W/el92-fips.tar.gz" > "$W/k.json"
	if [ "$(json "$W/k.json" "[r['integrity'] for r in d['bundles']]")" = "['verified+signed', 'FAILED: the bundle is not signed, but a key was given']" ]; then
		ok summarize-key
	else
		not_ok summarize-key "$(cat "$W/k.json")"
	fi
fi

# More bundles than one helper batch (256), in order.
mkdir -p "$W/many"
for i in $(seq -w 1 300); do cp "$W/el92-fips.tar.gz" "$W/many/b$i.tar.gz"; done
"$F" --format csv evidence summarize "$W"/many/*.tar.gz > "$W/many.csv"
if [ "$(grep -c 'alma92-fips' "$W/many.csv")" = 300 ] &&
	[ "$(tail -1 "$W/many.csv" | grep -o 'b[0-9]*\.tar\.gz')" = b300.tar.gz ]; then
	ok summarize-batches
else
	not_ok summarize-batches "$(wc -l < "$W/many.csv") lines"
fi

expect_rc summarize-no-bundles 2 "$F" evidence summarize
expect_rc summarize-bad-format 2 "$F" --format oscal evidence summarize "$W/good.tar.gz"
t_done
