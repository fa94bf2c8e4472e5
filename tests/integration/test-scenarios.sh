#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Fixture scenarios: 'fipsctl --root R check --format json'
# for every root tests/fixtures/mkroots.sh builds, compared with
#   tests/golden/<scenario>.json  the whole report ("root" normalized)
#   tests/golden/exit-codes       the exact exit status ("scenario code")
# plus the key verdicts of each scenario, asserted from the table below, so
# that a golden regenerated without reading it cannot hide a wrong verdict.
#
#   UPDATE_GOLDEN=1 tests/run-tests.sh   rewrites the golden JSON files
# (never exit-codes, which is the hand-written contract); review the diff.
. "$(dirname "$0")/../lib.sh"

golden_dir=$TOP/tests/golden
fx=$t_tmp/roots

# The key verdicts.  One row per assertion:
#   SCENARIO  CHECK-GLOB  STATUSES  [ERE]
# CHECK-GLOB matches the findings' "check" member; every matching finding
# must have one of STATUSES ("pass", "warn|fail").  ERE, when given, must
# match one of them (its JSON text: summary and facts).  The target
# "@fips_mode_setup" matches the report's summary.fips_mode_setup line
# against ERE.  A row whose check does not exist yet (not in 'fipsctl
# list-checks') is a visible skip, and so is a wrong exit code that such a
# check would explain; once every check exists, both are hard failures.
verdicts=$(cat <<'EOF'
el92-fips                   kernel.*                    pass
el92-fips                   boot.*                      pass
el92-fips                   crypto-policy.*             pass
el92-fips                   @fips_mode_setup            ^FIPS mode is enabled\.$
el92-fips                   openssl.*                   skip
el92-fips                   libgcrypt.*                 skip
el92-fips                   nss.*                       skip
el92-fips                   gnutls.*                    skip
fips-disabled               kernel.fips_enabled         fail        fips_enabled=0
fips-disabled               kernel.cmdline_fips         fail
fips-disabled               kernel.crypto_selftests     pass
fips-disabled               boot.default_entry          fail
fips-disabled               boot.kernel_cmdline         fail
fips-disabled               crypto-policy.config        fail        DEFAULT
fips-disabled               @fips_mode_setup            ^FIPS mode is disabled\.$
flag1-policy-default        kernel.fips_enabled         pass
flag1-policy-default        kernel.cmdline_fips         pass
flag1-policy-default        boot.default_entry          pass
flag1-policy-default        crypto-policy.config        fail        DEFAULT
flag1-policy-default        crypto-policy.backends      fail
flag1-policy-default        @fips_mode_setup            Inconsistent state detected\.
boot-separate-no-bootarg    kernel.cmdline_fips         pass
boot-separate-no-bootarg    kernel.cmdline_boot         fail
boot-separate-no-bootarg    boot.default_entry          fail        boot=
boot-separate-no-bootarg    boot.entries                fail        3 of 3 boot entries
boot-separate-no-bootarg    boot.kernel_cmdline         fail
boot-separate-no-bootarg    crypto-policy.config        pass
bootarg-efi                 kernel.cmdline_fips         pass
bootarg-efi                 kernel.cmdline_boot         fail        7A3C-1F2E
bootarg-efi                 boot.default_entry          fail
bootarg-efi                 boot.kernel_cmdline         fail
bootarg-with-boot-on-root   kernel.fips_enabled         pass
bootarg-with-boot-on-root   kernel.cmdline_fips         pass
bootarg-with-boot-on-root   kernel.cmdline_boot         warn
bootarg-with-boot-on-root   boot.*                      pass|warn
bootarg-with-boot-on-root   crypto-policy.*             pass
proc-crypto-selftest-failed kernel.fips_enabled         pass
proc-crypto-selftest-failed kernel.crypto_selftests     fail        cbc-aes-aesni
proc-crypto-selftest-failed kernel.crypto_selftests     fail        drbg_nopr_hmac_sha512
bls-default-without-fips    kernel.fips_enabled         pass
bls-default-without-fips    kernel.cmdline_fips         pass
bls-default-without-fips    boot.default_entry          fail        fips
bls-default-without-fips    boot.entries                fail        1 of 3 boot entries.*el9_2.*no fips=1
bls-default-without-fips    boot.kernel_cmdline         pass
pending-reboot              kernel.fips_enabled         fail
pending-reboot              kernel.cmdline_fips         fail
pending-reboot              boot.default_entry          pass
pending-reboot              boot.kernel_cmdline         pass
pending-reboot              boot.pending_reboot         warn|fail   [Rr]eboot
pending-reboot              crypto-policy.config        pass
pending-reboot              @fips_mode_setup            ^(Inconsistent state detected|FIPS mode is disabled)\.$
missing-files               kernel.*                    fail|error|skip
missing-files               boot.*                      fail|error|skip|warn
missing-files               crypto-policy.config        fail|error|skip
unreadable-file             kernel.fips_enabled         error       Is a directory
unreadable-file             kernel.cmdline_fips         error       Is a directory
unreadable-file             kernel.crypto_selftests     error       Is a directory
unreadable-file             crypto-policy.config        error       Is a directory
fifo-for-file               kernel.fips_enabled         error       Invalid argument
fifo-for-file               kernel.cmdline_fips         error       Invalid argument
fifo-for-file               crypto-policy.config        error       Invalid argument
cmdline-100mb               kernel.fips_enabled         pass
cmdline-100mb               kernel.cmdline_fips         error       /proc/cmdline
symlink-escape              kernel.fips_enabled         error       alma92-fips\.example\.com
symlink-escape              kernel.cmdline_fips         fail|error|skip
symlink-escape              kernel.crypto_selftests     fail|error|skip
symlink-escape              crypto-policy.config        fail|error|skip
EOF
)

# check_verdicts SCENARIO REPORT CHECK-IDS: one ok/not ok/skip line per
# table row of SCENARIO.
check_verdicts() {
	python3 - "$1" "$2" "$3" <<'PY' 3<<< "$verdicts"
import fnmatch, json, os, re, sys

scenario, report_path, ids_path = sys.argv[1:4]
report = json.load(open(report_path))
ids = open(ids_path).read().split()
rows = [l.split(None, 3) for l in os.fdopen(3).read().splitlines()
        if l.strip() and not l.startswith("#")]

for row in rows:
    if row[0] != scenario:
        continue
    target = row[1]
    name = f"verdict-{scenario}-{target}"
    if target == "@fips_mode_setup":
        ere = " ".join(row[2:])
        got = report["summary"]["fips_mode_setup"]
        if got is None and not fnmatch.filter(ids, "crypto-policy.*"):
            print(f"skip {name}: no crypto-policy check exists yet")
        elif got is not None and re.search(ere, got):
            print(f"ok {name}")
        else:
            print(f"not ok {name}")
            print(f"  summary.fips_mode_setup is {got!r}, expected /{ere}/", file=sys.stderr)
        continue
    want, ere = row[2], (row[3] if len(row) > 3 else None)
    wanted = set(want.split("|"))
    name += "-" + "-".join(sorted(wanted))
    if ere:
        name += "-" + re.sub(r"[^A-Za-z0-9_.=-]+", "_", ere).strip("_")
    if not fnmatch.filter(ids, target):
        print(f"skip {name}: check {target} does not exist yet")
        continue
    found = [f for f in report["findings"] if fnmatch.fnmatchcase(f["check"], target)]
    problems = []
    if not found:
        problems.append(f"no finding from {target} although the check exists")
    problems += [f"{f['id']} is {f['status']}, expected {want}: {f['summary']}"
                 for f in found if f["status"] not in wanted]
    if ere and found:
        text = [json.dumps(f, ensure_ascii=False) for f in found]
        if not any(re.search(ere, t) for t in text):
            problems.append(f"no finding of {target} matches /{ere}/")
    if problems:
        print(f"not ok {name}")
        for p in problems:
            print("  " + p, file=sys.stderr)
    else:
        print(f"ok {name}")
PY
}

# Checks named in SCENARIO's rows that do not exist yet (empty when all do).
missing_checks() {
	local s=$1 glob
	awk -v s="$s" '$1 == s && $2 !~ /^@/ { print $2 }' <<< "$verdicts" | sort -u |
	while read -r glob; do
		python3 -c 'import fnmatch, sys
sys.exit(0 if fnmatch.filter(open(sys.argv[1]).read().split(), sys.argv[2]) else 1)' \
			"$t_tmp/ids" "$glob" || echo "$glob"
	done
}

normalize() {
	# The checkout's location shows in facts such as the policy file a
	# table came from: it becomes @TOP@, so a clone anywhere compares.
	python3 - "$1" "$(cd "$fx" && pwd -P)/" "$(cd "$TOP" && pwd -P)/" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read()
text = re.sub(r'(?m)^  "root": ".*",$', '  "root": "@FIXTURE@",', text)
text = text.replace(sys.argv[2], "").replace(sys.argv[3], "@TOP@/")
sys.stdout.write(text)
PY
}

if ! "$TOP/tests/fixtures/mkroots.sh" "$fx" > "$t_tmp/mk.log" 2>&1; then
	not_ok mkroots "tests/fixtures/mkroots.sh failed"
	sed 's/^/    /' "$t_tmp/mk.log" >&2
	t_done; exit
fi
ok mkroots

if ! "$FIPSCTL" list-checks --format json > "$t_tmp/checks.json" ||
   ! python3 -c 'import json, sys; print("\n".join(c["id"] for c in json.load(open(sys.argv[1]))))' \
	"$t_tmp/checks.json" > "$t_tmp/ids"; then
	not_ok list-checks "cannot list the checks"
	t_done; exit
fi

for s in $("$TOP/tests/fixtures/mkroots.sh" list); do
	out=$t_tmp/$s.json err=$t_tmp/$s.err
	# A relative --root keeps the fixture's temporary location out of the
	# paths fipsctl shows.  Normalized: the "root" member, and the
	# temporary directory where a probe helper shows the absolute root it
	# was given (librpm needs one), made relative like the rest.
	(cd "$fx" && timeout 60 "$FIPSCTL" --root "$s" check --format json) > "$out.raw" 2> "$err"
	rc=$?
	normalize "$out.raw" > "$out"

	want=$(awk -v s="$s" '$1 == s { print $2 }' "$golden_dir/exit-codes" 2> /dev/null)
	if [ -z "$want" ]; then
		not_ok "exit-$s" "no exit code for $s in tests/golden/exit-codes"
	elif [ "$rc" -eq "$want" ] && [ ! -s "$err" ]; then
		ok "exit-$s"
	elif [ "$rc" -ne "$want" ] && [ "$rc" -lt 2 ] && [ -n "$(missing_checks "$s")" ]; then
		skip "exit-$s" "exit $rc, expected $want once these checks exist: $(missing_checks "$s" | tr '\n' ' ')"
	else
		not_ok "exit-$s" "exit $rc, expected $want and nothing on stderr (fipsctl --root $s check --format json)"
		sed 's/^/    stderr: /' "$err" | head -20 >&2
	fi

	golden "golden-$s" "$golden_dir/$s.json" "$out"

	if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" 2> /dev/null; then
		check_verdicts "$s" "$out" "$t_tmp/ids"
	else
		not_ok "verdicts-$s" "output is not JSON"
	fi
done

# symlink-escape: whatever the checks report, nothing of this host's
# account files may appear (the links point at /etc/passwd, /etc/shadow,
# /etc/group, which the fixture does not have).
leaks=$(python3 - "$t_tmp/symlink-escape.json" <<'PY'
import sys
out = open(sys.argv[1], encoding="utf-8", errors="replace").read()
for path in ("/etc/passwd", "/etc/shadow", "/etc/group"):
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        continue
    for l in lines:
        if len(l) > 8 and l in out:
            print(f"{path}: {l.split(':')[0]}")
PY
)
if [ -z "$leaks" ]; then
	ok symlink-escape-no-host-data
else
	not_ok symlink-escape-no-host-data "host file contents in the report: $leaks"
fi

# The 100 MB /proc/cmdline must be refused without reading it: the run
# stays fast (the read bound is 64 KiB).
start=$(date +%s%N)
(cd "$fx" && "$FIPSCTL" --root cmdline-100mb check --only 'kernel.*' > /dev/null 2>&1)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$ms" -lt 5000 ]; then
	ok "cmdline-100mb-fast (${ms} ms)"
else
	not_ok cmdline-100mb-fast "took ${ms} ms"
fi

# The committed example is the el92-fips root, byte for byte, so README's
# 'fipsctl --root examples/alma92-fips check' shows what the tests check.
if diff -r --no-dereference "$TOP/examples/alma92-fips" "$fx/el92-fips" > "$t_tmp/diff" 2>&1; then
	ok example-matches-generator
else
	not_ok example-matches-generator "examples/alma92-fips differs from mkroots.sh el92-fips (rebuild: tests/fixtures/mkroots.sh /tmp/x el92-fips && rm -rf examples/alma92-fips && cp -a /tmp/x/el92-fips examples/alma92-fips)"
	head -20 "$t_tmp/diff" | sed 's/^/    /' >&2
fi
(cd "$TOP" && "$FIPSCTL" --root examples/alma92-fips check > "$t_tmp/example.txt" 2>&1)
rc=$?
want=$(awk '$1 == "el92-fips" { print $2 }' "$golden_dir/exit-codes")
if [ "$rc" -eq "$want" ]; then
	ok example-check
else
	not_ok example-check "fipsctl --root examples/alma92-fips check: exit $rc, expected $want"
	sed 's/^/    /' "$t_tmp/example.txt" | head -20 >&2
fi

t_done
