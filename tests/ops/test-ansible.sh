#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# contrib/ansible: ansible-lint finds nothing, and fleet-audit.yml runs
# against three hosts on this machine, each a whole-host fixture root
# (local connection, fipsctl --root: Debian's ansible-core has no chroot
# connection, and the roots hold no Python).  The first run fetches three
# bundles that verify, summarizes them on the controller (three rows,
# the verdict of each host) and fails the hosts that are not compliant
# (two fail, one is incomplete); the second, in check mode with fipsctl_report_only and
# fipsctl_pin_kernel, fails none and pins nothing (pin-kernel --dry-run:
# the roots are unchanged byte for byte).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

A=$TOP/contrib/ansible
# Ansible refuses to run without a UTF-8 locale (the tests run in C).
export LC_ALL=C.UTF-8
if ! command -v ansible-playbook > /dev/null; then
	skip ansible "ansible-playbook is not installed (tests/deps.sh: ansible-core)"
	t_done
	exit
fi
if ! command -v ansible-lint > /dev/null; then
	skip ansible-lint "ansible-lint is not installed (tests/deps.sh)"
elif (cd "$A" && ansible-lint --offline -q) > "$t_tmp/lint" 2>&1; then
	ok ansible-lint
else
	not_ok ansible-lint "$(cat "$t_tmp/lint")"
fi

hosts=(el92-fips fips-disabled flag1-policy-default)
ev_roots "${hosts[@]}" || { not_ok ansible-roots "tests/cases/mkroot.sh failed"; t_done; exit; }
inv=$t_tmp/inventory
{
	echo '[fleet]'
	for h in "${hosts[@]}"; do
		echo "$h fipsctl_root=$EVROOTS/$h fipsctl_bundle_dir=$t_tmp/host-$h"
	done
	echo '[fleet:vars]'
	echo "ansible_connection=local"
	echo "ansible_python_interpreter=$(command -v python3)"
	echo "fipsctl_bin=$FIPSCTL"
	echo "fipsctl_fetch_dir=$t_tmp/fetched"
} > "$inv"

# playbook NAME ARGS...: run fleet-audit.yml, its output (-v: each
# task's result as JSON after "=>") in $t_tmp/NAME.out; the exit status
# is ansible-playbook's.  (ansible-core has no JSON callback: that is in
# the ansible.posix collection.)
playbook() {
	local name=$1
	shift
	(cd "$t_tmp" && env ANSIBLE_LOCAL_TEMP="$t_tmp/ansible-local" \
		ANSIBLE_REMOTE_TEMP="$t_tmp/ansible-remote" ANSIBLE_RETRY_FILES_ENABLED=false \
		ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ansible-playbook -v -i "$inv" "$A/fleet-audit.yml" \
		-e fipsctl_controller_bin="$FIPSCTL" "$@") \
		> "$t_tmp/$name.out" 2>&1
}
# failed NAME: the hosts PLAY RECAP counts a failure for, sorted, on one
# line.
failed() {
	sed -n '/^PLAY RECAP/,$p' "$t_tmp/$1.out" |
		awk '$2 == ":" { for (i = 3; i <= NF; i++) if ($i ~ /^failed=[1-9]/) print $1 }' | sort | tr '\n' ' '
}

playbook audit
rc=$?
got=$(failed audit)
# el92-fips passes every check it can examine, but under --root the
# library probes are not examined: incomplete (exit 4), not compliant.
if [ "$rc" -eq 2 ] && [ "$got" = "el92-fips fips-disabled flag1-policy-default " ] &&
	grep -q '^fatal: \[el92-fips\]: FAILED! => .*el92-fips is not FIPS compliant (fipsctl exit 4)' "$t_tmp/audit.out"; then
	ok "ansible-fails-noncompliant (failed: $got)"
else
	not_ok ansible-fails-noncompliant "exit $rc, failed hosts: '$got', expected el92-fips (incomplete) fips-disabled flag1-policy-default"
	grep -E '^(fatal|failed)|^PLAY RECAP' -A4 "$t_tmp/audit.out" | head -30 >&2
fi
# The failure message names the failed checks.
if grep -q '^fatal: \[fips-disabled\]: FAILED! => .*fips-disabled is not FIPS compliant (fipsctl exit 1); failed checks: kernel.fips_enabled' \
	"$t_tmp/audit.out"; then
	ok ansible-failure-names-checks
else
	not_ok ansible-failure-names-checks "$(grep -m3 '^fatal' "$t_tmp/audit.out")"
fi

bad=
for h in "${hosts[@]}"; do
	b=$t_tmp/fetched/$h.tar.gz
	[ -f "$b" ] && "$FIPSCTL" evidence verify "$b" > /dev/null 2>&1 || bad+=" $h"
done
if [ -z "$bad" ]; then
	ok "ansible-bundles-fetched (${#hosts[@]}, each verifies)"
else
	not_ok ansible-bundles-fetched "missing or not verifying:$bad ($(ls "$t_tmp/fetched" 2> /dev/null | tr '\n' ' '))"
fi

# The summary: a header and one row per host, in bundle order, with the
# verdict each host's own report gives.
csv=$t_tmp/fetched/summary.csv
want=
for h in $(printf '%s\n' "${hosts[@]}" | sort); do
	want+="$h.tar.gz $("$FIPSCTL" --root "$EVROOTS/$h" --format json check 2> /dev/null | jq -r .summary.verdict) "
done
rows=$(python3 -c 'import csv, sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' "$csv" 2> /dev/null)
got=$(python3 -c '
import csv, os, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(os.path.basename(r["file"]), r["verdict"], end=" ")' "$csv" 2> /dev/null)
if [ "${rows:-0}" -eq 3 ] && [ "$got" = "$want" ] && [ -s "$t_tmp/fetched/summary.text" ] &&
	grep -q '<a href="#' "$t_tmp/fetched/summary.html"; then
	ok "ansible-summary (3 rows, verdicts: $got)"
else
	not_ok ansible-summary "rows $rows, verdicts '$got', expected '$want'"
	cat "$csv" >&2
fi

# Check mode, report only, pin-kernel asked for: nothing fails, pin-kernel
# ran with --dry-run, and no root changed.
sums() { (cd "$EVROOTS" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
sums > "$t_tmp/before"
playbook dry --check -e fipsctl_report_only=true -e fipsctl_pin_kernel=true
rc=$?
sums > "$t_tmp/after"
pinned=$(sed -n 's/^ok: \[\([^]]*\)\] => .*"pin-kernel", "--yes", "--dry-run"\].*/\1/p' "$t_tmp/dry.out" |
	sort | tr '\n' ' ')
if [ "$rc" -eq 0 ] && [ -z "$(failed dry)" ] && cmp -s "$t_tmp/before" "$t_tmp/after" &&
	[ "$pinned" = "el92-fips fips-disabled flag1-policy-default " ]; then
	ok "ansible-check-mode (report only, pin-kernel --dry-run on 3 hosts, roots unchanged)"
else
	not_ok ansible-check-mode "exit $rc, failed '$(failed dry)', dry-run pins '$pinned'"
	diff "$t_tmp/before" "$t_tmp/after" | head -5 >&2
	grep -E '^(fatal|failed)|^PLAY RECAP' -A4 "$t_tmp/dry.out" | head -30 >&2
fi
t_done
