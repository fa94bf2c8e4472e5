# SPDX-License-Identifier: GPL-2.0-or-later
"""Run every selected fixture case and check it against its expectation.

Called by tests/integration/test-cases.sh, which documents the layout
(tests/cases/AREA/CASE/{mkroot,expect,report.json}) and the rows of an
'expect' file.  Prints one line per assertion: "ok NAME", "not ok NAME"
(the reason on stderr) or "skip NAME: reason".

    expect.py --list GLOB...          the selected cases, one per line
    expect.py GLOB...                 run them (environment: TOP, FIPSCTL,
                                      UPDATE_GOLDEN, the run's SOURCE_DATE_EPOCH)
"""

import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

TOP = os.environ.get("TOP") or os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
CASES = os.path.join(TOP, "tests", "cases")
# The tables' directory compiled into the binary (make check passes it; the
# Makefile's default otherwise): reports name it, so goldens say @DATADIR@.
DATADIR = os.environ.get("FIPSCTL_DATADIR") or "/usr/local/share/fipsctl"
FIPSCTL = os.environ.get("FIPSCTL") or os.path.join(TOP, "build", "fipsctl")
STATUSES = ("pass", "warn", "skip", "fail", "error")
# A skip's kind (docs/report.md): "skip:not-examined" asks for the kind too.
SKIP_KINDS = ("not-applicable", "not-examined")
FIELDS = re.compile(r"(summary|remediation|fact:\S+)\s+(is|matches|contains|absent)\b\s*(.*)$")
TEXT_OPS = ("is", "matches", "contains")
# The host's account files: a root that escapes must never show them.
HOST_FILES = ("/etc/passwd", "/etc/shadow", "/etc/group")
DEFAULT_ARGS = ["check"]
RUN_TIMEOUT = 60

failures = 0


def ok(name):
    print(f"ok {name}", flush=True)


def not_ok(name, *why):
    global failures
    failures += 1
    print(f"not ok {name}", flush=True)
    for w in why:
        for line in str(w).splitlines():
            print(f"    {line}", file=sys.stderr, flush=True)


def skip(name, why):
    print(f"skip {name}: {why}", flush=True)


def all_cases():
    out = []
    for area in sorted(os.listdir(CASES)):
        d = os.path.join(CASES, area)
        if area == "lib" or not os.path.isdir(d):
            continue
        for case in sorted(os.listdir(d)):
            if os.path.isfile(os.path.join(d, case, "expect")):
                out.append(f"{area}/{case}")
    return out


def selected(globs):
    """Cases whose AREA/CASE or AREA matches one of the globs."""
    return [c for c in all_cases()
            if any(fnmatch.fnmatchcase(c, g) or fnmatch.fnmatchcase(c.split("/")[0], g)
                   for g in globs)]


# --- the expect file ---------------------------------------------------------

class Malformed(Exception):
    pass


def split1(text):
    """The first word of TEXT and the rest, without the blanks between."""
    parts = text.split(None, 1)
    return parts[0], (parts[1].strip() if len(parts) > 1 else "")


def value_of(text, line):
    """A row's VALUE: the rest of the line, or a JSON string when quoted."""
    if text.startswith('"'):
        try:
            v = json.loads(text)
        except ValueError as e:
            raise Malformed(f"line {line}: bad JSON string: {e}")
        if not isinstance(v, str):
            raise Malformed(f"line {line}: a quoted VALUE must be a JSON string")
        return v
    return text


def parse_matcher(op, rest, line):
    if op == "absent":
        if rest:
            raise Malformed(f"line {line}: 'absent' takes no value")
        return (op, None)
    if not rest:
        raise Malformed(f"line {line}: '{op}' needs a value")
    v = value_of(rest, line)
    if op == "matches":
        try:
            re.compile(v)
        except re.error as e:
            raise Malformed(f"line {line}: bad regular expression: {e}")
    return (op, v)


def parse(path):
    """The runs of an expect file: [{"args", "env", "line", "rows"}]."""
    runs = []
    cur = None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, rest = split1(line)
        if word == "args":
            try:
                args = shlex.split(rest)
            except ValueError as e:
                raise Malformed(f"line {n}: {e}")
            args = [a.replace("@TOP@", TOP) for a in args]
            env = {}
            while args and re.match(r"[A-Z_][A-Z0-9_]*=", args[0]):
                k, _, v = args.pop(0).partition("=")
                env[k] = v
            if not args:
                raise Malformed(f"line {n}: 'args' needs the fipsctl arguments")
            cur = {"args": args, "env": env, "line": n, "rows": []}
            runs.append(cur)
            continue
        if cur is None:
            cur = {"args": DEFAULT_ARGS, "env": {}, "line": 0, "rows": []}
            runs.append(cur)
        row = {"line": n, "text": line}
        if word == "exit":
            if not re.fullmatch(r"\d+", rest):
                raise Malformed(f"line {n}: 'exit N' needs a number")
            row.update(kind="exit", code=int(rest))
        elif word == "max-ms":
            if not re.fullmatch(r"\d+", rest):
                raise Malformed(f"line {n}: 'max-ms N' needs a number")
            row.update(kind="max-ms", ms=int(rest))
        elif word == "no-host-data":
            if rest:
                raise Malformed(f"line {n}: 'no-host-data' takes nothing")
            row.update(kind="no-host-data")
        elif word == "text" or word.startswith("@"):
            op, v = split1(rest) if rest else ("", "")
            if word == "text" and op == "shows" and v:
                row.update(kind="text-shows", target=v)
            elif word == "text" and op in TEXT_OPS:
                row.update(kind="text", match=parse_matcher(op, v, n))
            elif word.startswith("@") and (op in TEXT_OPS or op == "absent"):
                row.update(kind="summary", key=word[1:], match=parse_matcher(op, v, n))
            else:
                raise Malformed(f"line {n}: unknown operator '{op}'")
        else:
            target = word
            st, rest = split1(rest) if rest else ("", "")
            wanted = st.split("|")
            if not st or any(s not in STATUSES and not (
                    s.startswith("skip:") and s[5:] in SKIP_KINDS) for s in wanted):
                raise Malformed(f"line {n}: '{st}' is not STATUS[|STATUS...] "
                                f"({', '.join(STATUSES)}, skip:KIND with KIND "
                                f"{' or '.join(SKIP_KINDS)})")
            row.update(kind="finding", target=target, statuses=set(wanted))
            m = FIELDS.match(rest)
            if m:
                row.update(field=m.group(1),
                           match=parse_matcher(m.group(2), m.group(3).strip(), n))
            elif rest:
                try:
                    re.compile(rest)
                except re.error as e:
                    raise Malformed(f"line {n}: bad regular expression: {e}")
                row.update(field="json", match=("matches", rest))
        cur["rows"].append(row)
    if not runs:
        raise Malformed("no rows")
    for r in runs:
        if not any(row["kind"] == "exit" for row in r["rows"]):
            raise Malformed(f"the run of line {r['line'] or 1} has no 'exit N' row")
    return runs


# --- checking ------------------------------------------------------------------

def matches(match, got):
    """Whether GOT (a string, or None when absent) satisfies MATCH."""
    op, v = match
    if op == "absent":
        return got is None
    if got is None:
        return False
    if op == "is":
        return got == v
    if op == "matches":
        return re.search(v, got, re.M) is not None
    if op == "contains":
        return v in got
    raise AssertionError(op)


def describe(match):
    op, v = match
    return op if v is None else f"{op} {json.dumps(v, ensure_ascii=False)}"


def field_of(finding, field):
    if field == "json":
        return json.dumps(finding, ensure_ascii=False)
    if field.startswith("fact:"):
        key = field[5:]
        vals = [f["value"] for f in finding["facts"] if f["key"] == key]
        return vals[0] if vals else None
    return finding.get(field)


def status_of(finding):
    """"pass", ..., or "skip:KIND" for a skip."""
    if finding["status"] == "skip":
        return f"skip:{finding.get('skip_kind')}"
    return finding["status"]


def status_ok(finding, statuses):
    """Whether the finding has one of STATUSES ("skip" is any kind)."""
    return finding["status"] in statuses or status_of(finding) in statuses


def skip_kinds_problems(report):
    """Every skip says its kind, and nothing else has one (docs/report.md)."""
    problems = []
    for f in report["findings"]:
        kind = f.get("skip_kind")
        if f["status"] == "skip" and kind not in SKIP_KINDS:
            problems.append(f"{f['id']} is a skip of kind {json.dumps(kind)}")
        if f["status"] != "skip" and kind is not None:
            problems.append(f"{f['id']} is {f['status']} with a skip kind")
    return problems


def check_finding_row(row, report, ids):
    """Problems with one finding row (an empty list when it holds)."""
    target = row["target"]
    if not fnmatch.filter(ids, target):
        return [f"no check matches '{target}' (fipsctl list-checks): "
                "a typo, or a check that was removed"]
    found = [f for f in report["findings"] if fnmatch.fnmatchcase(f["check"], target)]
    if not found:
        return [f"no finding from {target}, although the check exists"]
    problems = []
    if not re.search(r"[*?\[]", target) and len(found) != 1:
        problems.append(f"{len(found)} findings from {target}, expected one")
    want = "|".join(sorted(row["statuses"]))
    problems += [f"{f['id']} is {status_of(f)}, expected {want}: {f['summary']}"
                 for f in found if not status_ok(f, row["statuses"])]
    if "match" in row:
        for f in found:
            got = field_of(f, row["field"])
            if not matches(row["match"], got):
                shown = "(absent)" if got is None else json.dumps(got, ensure_ascii=False)
                problems.append(f"{f['id']} {row['field']} is {shown[:600]}, "
                                f"expected {describe(row['match'])}")
    return problems


def host_lines():
    lines = []
    for path in HOST_FILES:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines += [(path, l) for l in fh.read().splitlines() if len(l) > 8]
        except OSError:
            continue
    return lines


def text_shows(target, report, text):
    """The text report shows the summary of every finding of TARGET and
    the fix of each that needs one (the text renderer shows no fix for a
    pass or a skip); a skip's summary follows its kind ("not examined: ")."""
    missing = []
    for f in report["findings"]:
        if not fnmatch.fnmatchcase(f["check"], target):
            continue
        want = [f["summary"]]
        if f["status"] == "skip":
            # A skip's line says its kind first.
            want = [f["skip_kind"].replace("-", " ") + ": " + f["summary"]]
        if f["status"] not in ("pass", "skip") and f.get("remediation"):
            want.append(f["remediation"])
        missing += [w for w in want if w not in text]
    return missing


def normalize(text, rootdir):
    """The report as the goldens hold it: the "root" member, the temporary
    location of the roots, the checkout's location, the compiled-in
    tables' directory and the test RPMs' digests do not show."""
    text = re.sub(r'(?m)^  "root": ".*",$', '  "root": "@FIXTURE@",', text)
    # The test RPMs' header digests change whenever tests/setup rebuilds
    # them (rpmbuild records the build time): not the report's to fix.
    text = re.sub(r'digest=sha256:[0-9a-f]{64}', 'digest=sha256:@RPM@', text)
    text = text.replace(os.path.realpath(rootdir) + "/", "")
    text = text.replace(" " + DATADIR + "/", " @DATADIR@/")
    return text.replace(os.path.realpath(TOP) + "/", "@TOP@/")


def run_fipsctl(rootdir, name, run, fmt_json):
    cmd = [FIPSCTL, "--root", name] + run["args"] + (["--format", "json"] if fmt_json else [])
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=rootdir, capture_output=True, timeout=RUN_TIMEOUT,
                           env=dict(os.environ, **run["env"]))
    except subprocess.TimeoutExpired:
        return None, b"", f"timed out after {RUN_TIMEOUT} s".encode(), RUN_TIMEOUT * 1000
    return p.returncode, p.stdout, p.stderr, (time.monotonic() - t0) * 1000


def short(text, n=110):
    return text if len(text) <= n else text[:n - 3] + "..."


def check_run(case, run, runno, rootdir, name, ids, area):
    shown = "" if run["line"] == 0 else f":{run['line']}"
    rc, out, err, ms = run_fipsctl(rootdir, name, run, True)
    text = normalize(out.decode("utf-8", "surrogateescape"), rootdir)
    err = err.decode("utf-8", "replace")
    try:
        report = json.loads(text)
    except ValueError as e:
        not_ok(f"{case}{shown}: a JSON report", f"not JSON ({e}); exit {rc}", err[:2000])
        return None
    rows = run["rows"]
    text_report = None
    if any(r["kind"] in ("text", "text-shows") for r in rows):
        _, tout, _, _ = run_fipsctl(rootdir, name, run, False)
        text_report = tout.decode("utf-8", "replace")
    for row in rows:
        label = f"{case}:{row['line']} {short(' '.join(row['text'].split()))}"
        kind = row["kind"]
        problems = []
        if kind == "exit":
            if rc != row["code"]:
                problems.append(f"exit {rc}, expected {row['code']}: "
                                f"fipsctl --root {name} {' '.join(run['args'])} --format json")
            if err:
                problems.append("stderr is not empty:")
                problems += ["stderr: " + l for l in err.splitlines()[:20]]
        elif kind == "max-ms":
            if ms >= row["ms"]:
                problems.append(f"took {ms:.0f} ms, expected under {row['ms']} ms")
            label += f" ({ms:.0f} ms)"
        elif kind == "no-host-data":
            problems += [f"{p}: {l.split(':')[0]}" for p, l in host_lines() if l in text]
        elif kind == "summary":
            got = report["summary"].get(row["key"])
            if isinstance(got, int) and not isinstance(got, bool):
                got = str(got)
            if row["key"] not in report["summary"]:
                problems.append(f"the report's summary has no member '{row['key']}'")
            elif not matches(row["match"], got):
                problems.append(f"summary.{row['key']} is {json.dumps(got)}, "
                                f"expected {describe(row['match'])}")
        elif kind == "text":
            if not matches(row["match"], text_report):
                problems.append(f"the text report does not satisfy {describe(row['match'])}:")
                problems += text_report.splitlines()[:40]
        elif kind == "text-shows":
            if not fnmatch.filter(ids, row["target"]):
                problems.append(f"no check matches '{row['target']}' (fipsctl list-checks)")
            else:
                problems += [f"the text report lacks: {m}"
                             for m in text_shows(row["target"], report, text_report)]
        else:
            problems = check_finding_row(row, report, ids)
        if problems:
            not_ok(label, *problems)
        else:
            ok(label)
    label = f"{case}{shown}: every skip says its kind"
    problems = skip_kinds_problems(report)
    if problems:
        not_ok(label, *problems)
    else:
        ok(label)
    # Every finding of the case's area is expected by some row, so that a
    # new check or a finding too many cannot pass unread; a case with a
    # whole report (report.json) has that already.
    if not (runno == 0 and os.path.isfile(os.path.join(CASES, case, "report.json"))):
        glob = "*" if area == "all" else f"{area}.*"
        named = [r["target"] for r in rows if r["kind"] == "finding"]
        loose = [f["id"] for f in report["findings"]
                 if fnmatch.fnmatchcase(f["check"], glob)
                 and not any(fnmatch.fnmatchcase(f["check"], t) for t in named)]
        label = f"{case}{shown}: every {glob} finding expected"
        if loose:
            not_ok(label, "findings no row names: " + " ".join(loose))
        else:
            ok(label)
    return text


def golden(case, actual):
    path = os.path.join(CASES, case, "report.json")
    shown = os.path.relpath(path, TOP)
    if os.environ.get("UPDATE_GOLDEN"):
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(actual)
        ok(f"{case} report.json (rewritten: review 'git diff {shown}')")
        return
    with open(path, encoding="utf-8", errors="surrogateescape") as fh:
        want = fh.read()
    if want == actual:
        ok(f"{case} report.json")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                     encoding="utf-8", errors="surrogateescape") as fh:
        fh.write(actual)
    d = subprocess.run(["diff", "-u", path, fh.name], capture_output=True, text=True).stdout
    os.unlink(fh.name)
    not_ok(f"{case} report.json",
           f"the report differs from {shown} (if intended: UPDATE_GOLDEN=1, then review the diff)",
           "\n".join(d.splitlines()[:80]))


def run_case(case, ids, roots, cache):
    area, name = case.split("/")
    rootdir = os.path.join(roots, area)
    os.makedirs(rootdir, exist_ok=True)
    try:
        runs = parse(os.path.join(CASES, case, "expect"))
    except Malformed as e:
        not_ok(f"{case} expect", f"tests/cases/{case}/expect: {e}")
        return
    env = dict(os.environ, MKROOT_CACHE=cache)
    p = subprocess.run([os.path.join(CASES, "mkroot.sh"), case, os.path.join(rootdir, name)],
                       env=env, capture_output=True, text=True)
    if p.returncode == 77:
        skip(case, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "mkroot says so")
        return
    if p.returncode != 0:
        not_ok(f"{case} mkroot", f"tests/cases/mkroot.sh {case} failed (exit {p.returncode})",
               p.stderr[-3000:])
        return
    for i, run in enumerate(runs):
        text = check_run(case, run, i, rootdir, name, ids, area)
        if i == 0 and text is not None and os.path.isfile(os.path.join(CASES, case, "report.json")):
            golden(case, text)


def main(argv):
    if argv and argv[0] == "--list":
        for c in selected(argv[1:] or ["*"]):
            print(c)
        return 0
    cases = selected(argv or ["*"])
    p = subprocess.run([FIPSCTL, "list-checks", "--format", "json"], capture_output=True, text=True)
    try:
        ids = [c["id"] for c in json.loads(p.stdout)]
    except ValueError:
        not_ok("list-checks", f"fipsctl list-checks --format json failed (exit {p.returncode})",
               p.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="fipsctl-cases.") as tmp:
        roots = os.path.join(tmp, "roots")
        for case in cases:
            run_case(case, ids, roots, os.path.join(tmp, "bases"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
