#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The committed tests/policy-snapshot.txt must be what the tables in
# policies/ render to now: a change to a table without its snapshot fails
# here, so every change to a certificate, build or source is reviewed as a
# diff of that file ('make policy-snapshot' renews it).  The shipped tables
# must also validate against docs/policy.schema.json.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1

if FIPSCTL=$FIPSCTL tests/policy/snapshot.sh > "$t_tmp/snap" 2> "$t_tmp/err"; then
	if diff -u tests/policy-snapshot.txt "$t_tmp/snap" > "$t_tmp/diff"; then
		ok snapshot-current
	else
		not_ok snapshot-current "a table changed without its snapshot: review, then 'make policy-snapshot'"
		head -60 "$t_tmp/diff" >&2
	fi
else
	not_ok snapshot-current "rendering failed: $(cat "$t_tmp/err")"
fi

# Every table is in the snapshot: none is skipped by the renderer.
tables=$(ls policies/*.json | grep -v -e /cmvp-certificates.json -e /signing-keys.json)
n_tables=$(echo "$tables" | wc -l)
n_snap=$(grep -c '^table ' tests/policy-snapshot.txt)
if [ "$n_tables" -eq "$n_snap" ]; then ok snapshot-every-table
else not_ok snapshot-every-table "$n_tables tables, $n_snap in the snapshot"; fi

# The schema and the loader agree: shipped tables validate, and the
# malformed tables whose fault is structural are rejected by both.
if ! python3 -c 'import jsonschema' 2> /dev/null; then
	skip schema-shipped "python3-jsonschema is not installed (tests/deps.sh)"
	skip schema-rejects-structural "python3-jsonschema is not installed (tests/deps.sh)"
else
	# shellcheck disable=SC2086
	python3 - docs/policy.schema.json $tables > "$t_tmp/schema" 2>&1 <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        print(f"{f}: {e.json_path}: {e.message}")
        bad += 1
sys.exit(1 if bad else 0)
PY
	if [ $? -eq 0 ]; then ok schema-shipped; else not_ok schema-shipped "$(cat "$t_tmp/schema")"; fi
	structural="unknown-key unknown-module missing-provenance provenance-incomplete
		wrong-types empty-strings certificate format-version evr-and-glob
		missing-top-level empty-modules bad-names malformed-evr not-an-object
		duplicate-arch"
	python3 - docs/policy.schema.json $structural > "$t_tmp/schema" 2>&1 <<'PY'
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
missed = [n for n in sys.argv[2:]
          if not list(v.iter_errors(json.load(open(f"tests/policy/bad/{n}.json"))))]
print("the schema accepts: " + " ".join(missed) if missed else "")
sys.exit(1 if missed else 0)
PY
	if [ $? -eq 0 ]; then ok schema-rejects-structural; else not_ok schema-rejects-structural "$(cat "$t_tmp/schema")"; fi
fi
t_done
