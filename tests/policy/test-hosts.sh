#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Validated-version verdicts on fixture hosts: each host in
# tests/policy/hosts/ gets a root with a real rpmdb (packages built by
# tests/setup/40-test-rpms.sh, installed with rpm), and 'fipsctl check'
# must give, in default mode and with --strict, exactly the verdicts,
# statuses, certificates and summaries in hosts/<name>.expected:
#   exit <default> <strict>
#   <finding id> <status> <status with --strict> <verdict> <certificate>
#   <summary> <fix>   (tab-separated; the last two in default mode)
# Under --root the library probes do not run, so the verdicts come from
# the rpmdb and the kernel release, and the summaries say the runtime
# identifier was not checked.
#   UPDATE_GOLDEN=1 tests/run-tests.sh   rewrites the expected files
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/policy/lib-hosts.sh"

why=$(rpms_missing)
command -v jq > /dev/null || why="jq is not installed (tests/deps.sh)"
# The tables under test, never a site table of the machine running them.
export FIPSCTL_POLICY_DIR=$TOP/policies
only='validated.*,boot.default_entry,kernel.fips_enabled'

for hf in "$HOSTS_DIR"/*.host; do
	name=$(basename "$hf" .host)
	if [ -n "$why" ]; then
		skip "host-$name" "$why"
		continue
	fi
	root=$t_tmp/$name
	if ! make_host "$name" "$root"; then
		not_ok "host-$name" "cannot build the fixture root"
		continue
	fi
	"$FIPSCTL" --root "$root" --format json check --only "$only" \
		> "$t_tmp/$name.json" 2> "$t_tmp/$name.err"
	rc=$?
	"$FIPSCTL" --root "$root" --format json check --only "$only" --strict \
		> "$t_tmp/$name.strict.json" 2>> "$t_tmp/$name.err"
	rc_strict=$?
	host_digest "$t_tmp/$name.json" > "$t_tmp/$name.d"
	host_digest "$t_tmp/$name.strict.json" | cut -f1,2 > "$t_tmp/$name.s"
	{
		printf 'exit\t%s\t%s\n' "$rc" "$rc_strict"
		# id, status, strict status, verdict, certificate, summary, fix
		join -t "$(printf '\t')" -j1 -o 1.1,1.2,2.2,1.3,1.4,1.5,1.6 \
			<(awk '{print NR "\t" $0}' "$t_tmp/$name.d" | sort -k2,2 | cut -f2-) \
			<(sort -k1,1 "$t_tmp/$name.s") |
			awk -F '\t' 'NR==FNR {order[$1]=FNR; next} {print order[$1] "\t" $0}' \
				"$t_tmp/$name.d" - | sort -n | cut -f2-
	} > "$t_tmp/$name.actual"
	# The text report says the same: every summary, and the fix of every
	# finding that needs one (the text renderer shows no fix for a pass
	# or a skip).
	"$FIPSCTL" --root "$root" check --only "$only" > "$t_tmp/$name.txt" 2>&1
	missing=$(awk -F '\t' '{print $5} $2 != "pass" && $2 != "skip" && $6 != "-" {print $6}' \
		"$t_tmp/$name.d" |
		while IFS= read -r line; do
			grep -qF -- "$line" "$t_tmp/$name.txt" || echo "$line"
		done)
	if [ -z "$missing" ]; then ok "host-$name-text"
	else not_ok "host-$name-text" "the text report lacks: $missing"; fi
	expected=$HOSTS_DIR/$name.expected
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$t_tmp/$name.actual" "$expected"
	fi
	if [ ! -f "$expected" ]; then
		not_ok "host-$name" "no $expected (UPDATE_GOLDEN=1 writes it)"
	elif diff -u "$expected" "$t_tmp/$name.actual" > "$t_tmp/$name.diff"; then
		ok "host-$name"
	else
		not_ok "host-$name" "verdicts differ from $expected:"
		cat "$t_tmp/$name.diff" "$t_tmp/$name.err" >&2
	fi
done

# The rpmdb behind an absolute symlink (as /var/lib/rpm -> /usr/lib/sysimage/rpm
# on newer Fedora-family systems) resolves inside the root, never on the
# machine running fipsctl.
if [ -z "$why" ] && [ -d "$t_tmp/alma92-validated/var/lib/rpm" ]; then
	r=$t_tmp/alma92-validated
	mkdir -p "$r/usr/lib/sysimage"
	mv "$r/var/lib/rpm" "$r/usr/lib/sysimage/rpm"
	ln -s /usr/lib/sysimage/rpm "$r/var/lib/rpm"
	"$FIPSCTL" --root "$r" --format json check --only validated.rpmdb > "$t_tmp/link.json" 2>&1
	got=$(jq -r '.findings[0] | [.status, (.facts[] | select(.key == "packages") | .value)] | join(" ")' "$t_tmp/link.json")
	if [ "$got" = "pass 8" ]; then ok rpmdb-symlink-inside-root
	else not_ok rpmdb-symlink-inside-root "got '$got'"; fi
else
	skip rpmdb-symlink-inside-root "${why:-no alma92-validated root}"
fi
t_done
