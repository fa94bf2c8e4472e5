#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check --format prometheus and --textfile: promtool (Prometheus' own
# linter) accepts the metrics of a passing and a failing host; each
# finding is a state set with exactly its JSON status at 1; the verdict,
# the kernel flag, the validated modules, the run's time.  --textfile and
# --output write whole files (mode 0644, no temporary file left, an old
# file replaced), and the verdict line carries the journal priority when
# stderr is the journal.
. "$(dirname "$0")/../lib.sh"

F=$FIPSCTL
R=$t_tmp/roots
# The check time: a day when certificate #4750 is active (validated
# 2024-08-02), so the el92-fips kernel is a validated pass, as the
# fixture cases judge it with --at 2026-12-01.
export SOURCE_DATE_EPOCH=1796083200
"$TOP/tests/cases/mkroot.sh" --in "$R" all/el92-fips all/fips-disabled > "$t_tmp/mk.log" 2>&1 ||
	{ not_ok prometheus-roots "tests/cases/mkroot.sh failed"; cat "$t_tmp/mk.log" >&2; t_done; exit; }

have_promtool=1
if ! command -v promtool > /dev/null; then
	have_promtool=''
	skip prometheus-promtool "promtool is not installed (tests/deps.sh: prometheus)"
fi

for host in el92-fips fips-disabled; do
	"$F" --root "$R/$host" check --format prometheus > "$t_tmp/$host.prom"
	rc=$?
	"$F" --root "$R/$host" check --format json > "$t_tmp/$host.json"
	if [ -n "$have_promtool" ]; then
		if promtool check metrics < "$t_tmp/$host.prom" > "$t_tmp/promtool.out" 2>&1; then
			ok "prometheus-promtool-$host"
		else
			not_ok "prometheus-promtool-$host" "$(cat "$t_tmp/promtool.out")"
		fi
	fi
	# Every finding: five samples, its JSON status at 1, the others 0;
	# every family with HELP and TYPE; the verdict as check exits.
	if python3 - "$t_tmp/$host.prom" "$t_tmp/$host.json" "$rc" << 'EOF' 2> "$t_tmp/py.err"; then ok "prometheus-values-$host"; else not_ok "prometheus-values-$host" "$(cat "$t_tmp/py.err")"; fi
import json, re, sys
prom, rep, rc = open(sys.argv[1]).read().splitlines(), json.load(open(sys.argv[2])), int(sys.argv[3])
samples = {}
for line in prom:
    if line.startswith("#"):
        continue
    m = re.fullmatch(r'([a-z_]+)(?:\{(.*)\})? (\S+)', line)
    assert m, line
    labels = tuple(re.findall(r'([a-z_]+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
    samples.setdefault(m.group(1), []).append((dict(labels), float(m.group(3))))
families = set(samples) | {"fipsctl_kernel_fips_enabled", "fipsctl_run_duration_seconds"}
for fam in families:
    assert "# HELP %s " % fam in "\n".join(prom) and "# TYPE %s gauge" % fam in prom, fam
st = {}
for labels, v in samples["fipsctl_check_status"]:
    st.setdefault(labels["check"], {})[labels["state"]] = v
    assert labels["area"] == labels["check"].split(".")[0], labels
findings = rep["findings"]
assert list(st) == [f["id"] for f in findings], "one state set per finding, in report order"
for f in findings:
    s = st[f["id"]]
    assert sorted(s) == sorted(["pass", "warn", "skip", "fail", "error"]), s
    assert s[f["status"]] == 1 and sum(s.values()) == 1, (f["id"], s)
verdict = {l["state"]: v for l, v in samples["fipsctl_verdict"]}
assert verdict == {"pass": float(rc == 0), "incomplete": float(rc == 4), "fail": float(rc == 1)}, verdict
flag = [x["value"] for f in findings if f["id"] == "kernel.fips_enabled" for x in f["facts"] if x["key"] == "fips_enabled"][0]
assert samples["fipsctl_kernel_fips_enabled"] == [({}, float(flag))]
assert samples["fipsctl_last_run_timestamp_seconds"] == [({}, 1796083200.0)]
assert samples["fipsctl_run_duration_seconds"][0][1] > 0
mods = {l["module"]: (l, v) for l, v in samples["fipsctl_module_validated"]}
for f in findings:
    if f["id"].startswith("validated.") and any(x["key"] == "module" for x in f["facts"]):
        l, v = mods[f["id"][len("validated."):]]
        assert l["verdict"] == f["status"] and v == float(f["status"] == "pass"), (l, v)
k = mods["kernel"][0]
assert k["certificate"] == "4750" or k["verdict"] != "pass", k
EOF
done
if grep -q '^fipsctl_verdict{state="fail"} 1$' "$t_tmp/fips-disabled.prom" &&
	grep -q '^fipsctl_kernel_fips_enabled 0$' "$t_tmp/fips-disabled.prom" &&
	grep -q '^fipsctl_module_validated{module="kernel",certificate="4750",verdict="pass"} 1$' "$t_tmp/el92-fips.prom"; then
	ok prometheus-fail-and-pass-hosts
else
	not_ok prometheus-fail-and-pass-hosts "$(grep -v check_status "$t_tmp/fips-disabled.prom")"
fi
# promtool would catch a broken exposition (the check above can fail).
if [ -n "$have_promtool" ]; then
	sed '0,/^# TYPE fipsctl_verdict gauge$/s//# TYPE fipsctl_verdict counter/' "$t_tmp/el92-fips.prom" > "$t_tmp/bad.prom"
	if promtool check metrics < "$t_tmp/bad.prom" > /dev/null 2>&1; then
		not_ok prometheus-promtool-rejects-broken "promtool accepted a counter without _total"
	else
		ok prometheus-promtool-rejects-broken
	fi
fi

# --textfile and --output: whole files, atomically replaced.
D=$t_tmp/textfile
mkdir -p "$D"
echo stale > "$D/fipsctl.prom"
ino=$(stat -c %i "$D/fipsctl.prom")
(umask 077 && "$F" --root "$R/fips-disabled" check --textfile "$D/fipsctl.prom" \
	--output "$D/last.json" --format json > "$t_tmp/stdout" 2> "$t_tmp/stderr")
rc=$?
if [ $rc -eq 1 ] && cmp -s "$D/last.json" "$t_tmp/fips-disabled.json" && [ ! -s "$t_tmp/stdout" ] &&
	[ "$(stat -c %i "$D/fipsctl.prom")" != "$ino" ] &&
	grep -q '^fipsctl_verdict{state="fail"} 1$' "$D/fipsctl.prom" &&
	[ "$(ls -A "$D" | sort | tr '\n' ' ')" = "fipsctl.prom last.json " ] &&
	[ "$(stat -c %a "$D/last.json")" = 644 ]; then
	ok prometheus-textfile-output-files
else
	not_ok prometheus-textfile-output-files "exit $rc; $(ls -lA "$D"); $(cat "$t_tmp/stderr")"
fi
if [ -z "$have_promtool" ] || promtool check metrics < "$D/fipsctl.prom" > /dev/null 2>&1; then
	ok prometheus-textfile-promtool
else
	not_ok prometheus-textfile-promtool
fi
want="fipsctl: FIPS check verdict fail \\([0-9]+ passed, [0-9]+ warnings, [0-9]+ failed, [0-9]+ errors, [0-9]+ skipped\\); report $D/last.json; metrics $D/fipsctl.prom"
if [ "$(wc -l < "$t_tmp/stderr")" = 1 ] && grep -Eq "^$want\$" "$t_tmp/stderr"; then
	ok prometheus-verdict-line
else
	not_ok prometheus-verdict-line "$(cat "$t_tmp/stderr")"
fi
# With --textfile only, the report still goes to stdout.
"$F" --root "$R/el92-fips" check --textfile "$D/fipsctl.prom" > "$t_tmp/stdout" 2> "$t_tmp/stderr"
if grep -q '^STATUS CHECK' "$t_tmp/stdout" && grep -q '^fipsctl_verdict{state="incomplete"} 1$' "$D/fipsctl.prom" &&
	grep -q '^fipsctl: FIPS check verdict incomplete .*; metrics ' "$t_tmp/stderr"; then
	ok prometheus-textfile-with-stdout
else
	not_ok prometheus-textfile-with-stdout "$(cat "$t_tmp/stderr")"
fi
# Under systemd, stderr is the journal (JOURNAL_STREAM names its device
# and inode): the line starts with its syslog priority, err for a fail,
# warning for incomplete (el92-fips under --root: the library probes
# are not examined).
for host in fips-disabled:3 el92-fips:4; do
	: > "$t_tmp/journal"
	js=$(stat -c '%d:%i' "$t_tmp/journal")
	JOURNAL_STREAM=$js "$F" --root "$R/${host%:*}" check --output "$D/last.json" 2> "$t_tmp/journal" > /dev/null
	if grep -q "^<${host#*:}>fipsctl: FIPS check verdict " "$t_tmp/journal"; then
		ok "prometheus-journal-priority-${host%:*}"
	else
		not_ok "prometheus-journal-priority-${host%:*}" "$(cat "$t_tmp/journal")"
	fi
done
JOURNAL_STREAM=1:1 "$F" --root "$R/el92-fips" check --output "$D/last.json" 2> "$t_tmp/journal" > /dev/null
if grep -q '^fipsctl: FIPS check verdict incomplete' "$t_tmp/journal"; then
	ok prometheus-no-priority-off-journal
else
	not_ok prometheus-no-priority-off-journal "$(cat "$t_tmp/journal")"
fi
# A file that cannot be written: exit 3, said, nothing left behind.
expect_rc prometheus-textfile-unwritable 3 "$F" --root "$R/el92-fips" check --textfile "$t_tmp/none/fipsctl.prom"
if grep -q -- '--textfile .*none/fipsctl.prom' "$t_tmp/err"; then
	ok prometheus-textfile-unwritable-said
else
	not_ok prometheus-textfile-unwritable-said "$(cat "$t_tmp/err")"
fi
t_done
