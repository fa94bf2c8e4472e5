#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 'fipsctl check --format json' against docs/report.schema.json: the live
# host and every whole-host fixture case validate, the summary agrees with
# the findings, the schema agrees with src/core/version.h, and mutated
# documents are rejected (so this test can fail).
. "$(dirname "$0")/../lib.sh"

schema=$TOP/docs/report.schema.json

if ! python3 -c 'import jsonschema' 2> /dev/null; then
	skip schema "python3 jsonschema module missing (tests/deps.sh installs python3-jsonschema)"
	exit 0
fi

# validate NAME FILE [EXPECT]: one case; EXPECT "invalid" for a negative
# control.  Beyond the schema (which cannot say it), a valid report's
# summary must count its findings, its verdict must be the worst status
# and finding ids must be unique.
validate() {
	python3 - "$schema" "$2" "${3:-valid}" <<'PY'
import json, sys
import jsonschema

schema_path, doc_path, expect = sys.argv[1:4]
schema = json.load(open(schema_path))
try:
    doc = json.load(open(doc_path))
except ValueError as e:
    print(f"{doc_path}: not JSON: {e}", file=sys.stderr)
    sys.exit(1)

def problems():
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=str)
    if errors:
        return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                for e in errors[:5]]
    return consistency()

def consistency():
    order = ["pass", "warn", "skip", "fail", "error"]
    counts = {s: 0 for s in order}
    for f in doc["findings"]:
        counts[f["status"]] += 1
    bad = [f"{s}: summary says {doc['summary'][s]}, findings have {n}"
           for s, n in counts.items() if doc["summary"][s] != n]
    # The verdict (schema 1.1, fc_report_verdict): fail over incomplete
    # (a skip of kind not-examined) over pass.
    kinds = {"not-applicable": 0, "not-examined": 0}
    for f in doc["findings"]:
        if f["status"] == "skip":
            kinds[f["skip_kind"]] += 1
    for k, n in kinds.items():
        key = k.replace("-", "_")
        if doc["summary"][key] != n:
            bad.append(f"{key}: summary says {doc['summary'][key]}, findings have {n}")
    if counts["fail"] or counts["error"]:
        want = "fail"
    elif kinds["not-examined"]:
        want = "incomplete"
    else:
        want = "pass"
    if doc["summary"]["verdict"] != want:
        bad.append(f"verdict {doc['summary']['verdict']}, findings say {want}")
    ids = [f["id"] for f in doc["findings"]]
    if len(ids) != len(set(ids)):
        bad.append("finding ids are not unique")
    return bad

bad = problems()
if expect == "invalid":
    if not bad:
        print("mutated document was accepted", file=sys.stderr)
    sys.exit(0 if bad else 1)
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
	local rc=$?
	if [ $rc -eq 0 ]; then ok "$1"; else not_ok "$1" "$2"; fi
}

# The schema itself, and the version constants fipsctl writes.
if python3 - "$schema" "$TOP/src/core/version.h" <<'PY'
import json, re, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
h = open(sys.argv[2]).read()
sid = re.search(r'#define FC_REPORT_SCHEMA_ID "([^"]+)"', h).group(1)
sver = re.search(r'#define FC_REPORT_SCHEMA_VERSION "([^"]+)"', h).group(1)
problems = []
if schema["$id"] != sid:
    problems.append(f"$id {schema['$id']} != FC_REPORT_SCHEMA_ID {sid}")
if schema["properties"]["schema"]["const"] != sid:
    problems.append("properties.schema.const differs from FC_REPORT_SCHEMA_ID")
if schema["properties"]["schema_version"]["const"] != sver:
    problems.append(f"schema_version const != FC_REPORT_SCHEMA_VERSION {sver}")
if not sid.endswith(f"report-{sver}.json"):
    problems.append(f"FC_REPORT_SCHEMA_ID {sid} does not name version {sver}")
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
then ok schema-matches-version-h
else not_ok schema-matches-version-h
fi

# The live host (whatever its verdict: exit 0, 1 or 4).
"$FIPSCTL" check --format json > "$t_tmp/live.json" 2> "$t_tmp/live.err"
rc=$?
if [ $rc -le 1 ] || [ $rc -eq 4 ]; then
	validate live-host "$t_tmp/live.json"
else
	not_ok live-host "fipsctl check --format json exited $rc"
	sed 's/^/    stderr: /' "$t_tmp/live.err" >&2
fi

# Every whole-host fixture case (tests/cases/all/), and a selection that
# leaves nothing to run.
cases=$("$TOP/tests/cases/mkroot.sh" list | grep '^all/')
# shellcheck disable=SC2086
if "$TOP/tests/cases/mkroot.sh" --in "$t_tmp/roots" $cases > "$t_tmp/mk.log" 2>&1; then
	for c in $cases; do
		s=${c#all/}
		timeout 60 "$FIPSCTL" --root "$t_tmp/roots/$s" check --format json \
			> "$t_tmp/$s.json" 2> /dev/null
		validate "fixture-$s" "$t_tmp/$s.json"
	done
else
	not_ok fixtures "tests/cases/mkroot.sh failed"
	sed 's/^/    /' "$t_tmp/mk.log" >&2
fi
"$FIPSCTL" --root "$t_tmp/roots/el92-fips" check --format json --skip '*' \
	> "$t_tmp/empty.json" 2> /dev/null
validate no-findings "$t_tmp/empty.json"

# Negative controls: each mutation of a valid report must be rejected.
base=$t_tmp/el92-fips.json
mutate() {
	local name=$1 expr=$2
	python3 - "$base" "$t_tmp/m-$name.json" "$expr" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
PY
	validate "schema-rejects-$name" "$t_tmp/m-$name.json" invalid
}
mutate unknown-member     'd["extra"] = 1'
mutate status-unknown     'd["findings"][0]["status"] = "unknown"'
mutate fact-without-value 'd["findings"][0]["facts"].append({"key": "k"})'
mutate fact-not-string    'd["findings"][0]["facts"].append({"key": "k", "value": 1})'
mutate finding-extra      'd["findings"][0]["severity"] = "high"'
mutate negative-count     'd["summary"]["pass"] = -1'
mutate no-findings        'del d["findings"]'
mutate major-version      'd["schema_version"] = "2.0"'
mutate bad-time           'd["host"]["time"] = "yesterday"'
mutate host-member        'd["host"]["uptime"] = "3 days"'
mutate miscounted         'd["summary"]["pass"] += 1'
# (the last two keep the counts right: only the verdict or the ids are off)
f0='f = d["findings"][0]; c = d["summary"]; '
mutate verdict-not-fail   "$f0"'c[f["status"]] -= 1; f["status"] = "error"; f["skip_kind"] = None; c["error"] += 1; c["verdict"] = "pass"'
mutate verdict-a-status   'd["summary"]["verdict"] = "skip"'
mutate skip-kind-on-pass  'f = next(f for f in d["findings"] if f["status"] == "pass"); f["skip_kind"] = "not-applicable"'
mutate skip-without-kind  'f = next(f for f in d["findings"] if f["status"] == "skip"); f["skip_kind"] = None'
mutate skip-kind-unknown  'f = next(f for f in d["findings"] if f["status"] == "skip"); f["skip_kind"] = "later"'
mutate skips-miscounted   'd["summary"]["not_examined"] += 1'
mutate duplicate-id       "$f0"'d["findings"].append(f); c[f["status"]] += 1'

t_done
