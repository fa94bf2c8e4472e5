#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# --format junit and --format oscal: valid against the strict
# and the Jenkins JUnit schemas and against NIST's OSCAL 1.1.3 Assessment
# Results schema, from 'check' on this host and on every fixture root,
# from 'evidence export' and from 'evidence show'; their content follows
# the report; the schema files are the unmodified upstream ones.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
why=$(validators_missing)
if [ -n "$why" ]; then
	skip formats "$why"
	t_done
	exit
fi

# --- the schemas are what the README says they are --------------------------
while read -r file bytes sum; do
	if [ "$(stat -c %s "$SCHEMAS/$file" 2> /dev/null)" = "$bytes" ] &&
		[ "$(sha256sum < "$SCHEMAS/$file" | cut -d' ' -f1)" = "$sum" ]; then
		ok "schema-sha256-$file"
	else
		not_ok "schema-sha256-$file" "size or SHA-256 differs from $SCHEMAS/README.md"
	fi
done < <(sed -n 's/^| `\([^`]*\)` | \([0-9]*\) | `\([0-9a-f]\{64\}\)` |.*/\1 \2 \3/p' "$SCHEMAS/README.md")
[ "$(grep -c '^| `.*` | [0-9]* | `[0-9a-f]\{64\}`' "$SCHEMAS/README.md")" -ge 5 ] ||
	not_ok schema-table "the README's table of files was not found"

# --- the validators catch what they should --------------------------------------
if validate_oscal "$SCHEMAS/oscal-ar-example.json"; then ok oscal-validator-accepts-nist-example; else not_ok oscal-validator-accepts-nist-example; fi
python3 - "$SCHEMAS/oscal-ar-example.json" "$W/bad-uuid.json" "$W/bad-token.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["assessment-results"]["uuid"] = "ec0dad37-54e0-10fd-a925-6d0bdea94c0d"  # version 1
json.dump(d, open(sys.argv[2], "w"))
d = json.load(open(sys.argv[1]))
d["assessment-results"]["results"][0]["reviewed-controls"]["control-selections"][0]["include-controls"][0]["control-id"] = "1bad"
json.dump(d, open(sys.argv[3], "w"))
EOF
for bad in bad-uuid bad-token; do
	if validate_oscal "$W/$bad.json" 2> /dev/null; then not_ok "oscal-validator-rejects-$bad"; else ok "oscal-validator-rejects-$bad"; fi
done
printf '<testsuites><testsuite name="x" tests="1" failures="0" errors="0" time="0"><testcase name="t" classname="c" time="0"/></testsuite></testsuites>\n' > "$W/bad.xml"
if xmllint --noout --schema "$SCHEMAS/junit.xsd" "$W/bad.xml" 2> /dev/null; then
	not_ok junit-validator-rejects-incomplete
else
	ok junit-validator-rejects-incomplete
fi

# --- check, on this host and on every fixture root ---------------------------------
ev_roots || { not_ok formats-fixture-roots "tests/cases/mkroot.sh failed"; t_done; exit; }
check_formats() {
	local name=$1
	shift
	"$@" --format junit > "$W/$name.xml" 2> /dev/null
	if validate_junit "$W/$name.xml"; then ok "junit-$name"; else not_ok "junit-$name"; fi
	"$@" --format oscal > "$W/$name.oscal.json" 2> /dev/null
	if validate_oscal "$W/$name.oscal.json"; then ok "oscal-$name"; else not_ok "oscal-$name"; fi
}
check_formats check-host "$F" check
for root in "$EVROOTS"/*; do
	check_formats "check-$(basename "$root")" "$F" --root "$root" check
done

# --- content follows the report ------------------------------------------------------
R=$EVROOTS/el92-fips
"$F" --root "$R" check --format json > "$W/r.json" 2> /dev/null
if python3 - "$W/r.json" "$W/check-el92-fips.xml" "$W/check-el92-fips.oscal.json" <<'EOF'; then ok formats-follow-report; else not_ok formats-follow-report; fi
import json, sys
import xml.etree.ElementTree as ET
r = json.load(open(sys.argv[1]))
fs = r["findings"]
x = ET.parse(sys.argv[2]).getroot()
cases = {c.get("name"): c for c in x.iter("testcase")}
assert list(cases) == [f["id"] for f in fs], "one testcase per finding, in order"
for f in fs:
    c = cases[f["id"]]
    kids = [k.tag for k in c]
    want = {"fail": ["failure"], "error": ["error"], "skip": ["skipped"]}.get(f["status"], [])
    assert kids == want, (f["id"], f["status"], kids)
    if f["status"] == "fail":
        el = c.find("failure")
        assert el.get("message") == f["summary"]
        assert not f["remediation"] or f["remediation"] in el.text
for s in x.iter("testsuite"):
    ids = [c.get("name") for c in s.iter("testcase")]
    sub = [f for f in fs if f["id"] in ids]
    assert int(s.get("tests")) == len(sub)
    assert int(s.get("failures")) == sum(f["status"] == "fail" for f in sub)
    assert int(s.get("skipped")) == sum(f["status"] == "skip" for f in sub)
o = json.load(open(sys.argv[3]))["assessment-results"]
res = o["results"][0]
obs = {ob["uuid"]: ob for ob in res["observations"]}
assert len(obs) == len(fs), "one observation per finding"
# A finding for every check that applies: all but the not-applicable
# skips; one not examined is not shown to be satisfied.
want = [f for f in fs if f["status"] != "skip" or f["skip_kind"] != "not-applicable"]
assert len(res["findings"]) == len(want), "a finding for every check that applied"
state = {"pass": "satisfied", "warn": "satisfied", "fail": "not-satisfied",
         "error": "not-satisfied", "skip": "not-satisfied"}
for f, of in zip(want, res["findings"]):
    assert of["title"].startswith(f["id"] + ":")
    assert of["target"]["status"]["state"] == state[f["status"]], f["id"]
    ob = obs[of["related-observations"][0]["observation-uuid"]]
    facts = [p for p in ob.get("props", []) if p.get("class") == "fact"]
    assert len(facts) == len(f["facts"]), f["id"]
parts = o["local-definitions"]["objectives-and-methods"][0]["parts"]
assert sorted(p["id"] for p in parts) == sorted(set(f["check"] for f in fs))
table = [x for x in o["back-matter"]["resources"] if x.get("title", "").startswith("Validated-module table")]
assert table and res["reviewed-controls"]["links"][0]["href"] == "#" + table[0]["uuid"]
EOF

# --- export and show -------------------------------------------------------------------
"$F" --root "$R" evidence export -o "$W/b.tar.gz" --format oscal > "$W/export.oscal.json" 2> /dev/null
"$F" evidence show "$W/b.tar.gz" --format oscal > "$W/show.oscal.json" 2> /dev/null
if validate_oscal "$W/export.oscal.json" && cmp -s "$W/export.oscal.json" "$W/show.oscal.json"; then
	ok oscal-export-equals-show
else
	not_ok oscal-export-equals-show
fi
# From a bundle, the table's digest is in the document.
sha=$(tar -xzf "$W/b.tar.gz" -O report.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["policy"]["sha256"])')
if [ -n "$sha" ] && grep -q "\"value\": \"$sha\"" "$W/show.oscal.json"; then ok oscal-table-digest; else not_ok oscal-table-digest; fi
"$F" --root "$R" evidence export -o "$W/j.tar.gz" --format junit > "$W/export.xml" 2> /dev/null
"$F" evidence show "$W/j.tar.gz" --format junit > "$W/show.xml" 2> /dev/null
if validate_junit "$W/export.xml" && validate_junit "$W/show.xml"; then ok junit-export-and-show; else not_ok junit-export-and-show; fi
# Deterministic: the same report renders to the same document.
"$F" evidence show "$W/b.tar.gz" --format oscal > "$W/show2.oscal.json" 2> /dev/null
nonv5=$(grep -oE '"[a-z-]*uuid": "[^"]*"' "$W/show.oscal.json" | grep -vE -- '-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-')
if cmp -s "$W/show.oscal.json" "$W/show2.oscal.json" && [ -z "$nonv5" ] &&
	grep -q '"uuid"' "$W/show.oscal.json"; then
	ok oscal-deterministic-v5
else
	not_ok oscal-deterministic-v5 "$nonv5"
fi
"$F" evidence show "$W/b.tar.gz" --format json > "$W/show.json" 2> /dev/null
if cmp -s "$W/show.json" "$W/r.json"; then ok show-json-is-check-json; else not_ok show-json-is-check-json; fi

# --- hostile text: control characters and invalid UTF-8 in facts --------------------------
python3 - "$W/odd-report.json" <<'EOF'
import json, sys
finding = {"id": "kernel.fips_enabled", "check": "kernel.fips_enabled", "title": "t<&>\"'",
           "requirement": None, "status": "fail", "summary": "bell\x07 tab\t nl\n end",
           "remediation": "echo ']]>' && true",
           "facts": [{"key": "9 bad key", "value": "  \x01\x1f  "}, {"key": "k", "value": ""},
                     {"key": "nbsp", "value": "\u00a0x\u00a0"}]}
doc = {"schema": "https://fipsctl.invalid/schemas/evidence-1.0.json", "schema_version": "1.0",
       "bundle_id": "00000000-0000-4000-8000-000000000000", "created": "2023-11-14T22:13:20Z",
       "fipsctl_version": "0.1.0", "host": {"hostname": "odd\x02host", "machine_id": None},
       "report": {"schema": "https://fipsctl.invalid/schemas/report-1.0.json", "schema_version": "1.0",
                  "fipsctl_version": "0.1.0", "root": "/", "host": {"hostname": "odd\x02host", "os_id": None,
                  "os_version_id": None, "os_pretty_name": None, "arch": None, "kernel_release": None,
                  "time": "2023-11-14T22:13:20Z"}, "summary": {}, "findings": [finding]}}
text = json.dumps(doc).encode()
# An invalid UTF-8 byte, as a file read from a hostile root may hold.
text = text.replace(b"end", b"\xffend")
open(sys.argv[1], "wb").write(text)
EOF
{
	printf '%s report.json\n' "$(stat -c %s "$W/odd-report.json")"
	cat "$W/odd-report.json"
	printf 'end\n'
} | "$HELPER" pack --out "$W/odd.tar.gz" --mtime 1700000000 > /dev/null
"$F" evidence show "$W/odd.tar.gz" --format junit > "$W/odd.xml" 2> /dev/null
if validate_junit "$W/odd.xml"; then ok junit-hostile-text; else not_ok junit-hostile-text; fi
"$F" evidence show "$W/odd.tar.gz" --format oscal > "$W/odd.oscal.json" 2> /dev/null
if validate_oscal "$W/odd.oscal.json"; then ok oscal-hostile-text; else not_ok oscal-hostile-text; fi
expect_rc text-hostile-text 1 "$F" evidence show "$W/odd.tar.gz"
t_done
