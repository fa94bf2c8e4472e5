#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 'fipsctl check' on the machine running the tests.  The
# expected verdicts are worked out here from the host's own files, without
# fipsctl: on the Debian 12 CI machine (no /proc/sys/crypto, no fips=1, no
# crypto-policies) that is exit 1 with kernel.fips_enabled "fail".
. "$(dirname "$0")/../lib.sh"

"$FIPSCTL" check --format json > "$t_tmp/live.json" 2> "$t_tmp/live.err"
rc=$?
"$FIPSCTL" list-checks > "$t_tmp/ids" 2> /dev/null

flag=$(cat /proc/sys/crypto/fips_enabled 2> /dev/null || echo missing)
cmdline_fips=absent
for a in $(cat /proc/cmdline 2> /dev/null); do
	[ "$a" = -- ] && break # the rest is init's
	case $a in fips=1) cmdline_fips=on ;; fips | fips=*) cmdline_fips=other ;; esac
done
policy=$(cat /etc/crypto-policies/config 2> /dev/null || echo missing)
crypto_bad=$(grep '^selftest' /proc/crypto 2> /dev/null | grep -vc ': passed$')
[ -r /proc/crypto ] || crypto_bad=unknown

# expect NAME CHECK STATUSES WHY: the status of CHECK's findings.
expect() {
	local name=$1 check=$2 want=$3 why=$4
	if ! grep -q "^$check " "$t_tmp/ids"; then
		skip "$name" "check $check does not exist yet"
		return
	fi
	local got
	got=$(python3 - "$t_tmp/live.json" "$check" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(sorted({f["status"] for f in r["findings"] if f["check"] == sys.argv[2]})))
PY
)
	case " $want " in
	*" $got "*) ok "$name" ;;
	*) not_ok "$name" "$check is '$got', expected $want because $why" ;;
	esac
}

if [ "$flag" = 1 ]; then
	expect live-fips-enabled kernel.fips_enabled pass "fips_enabled is 1"
else
	# Not a FIPS host: the verdict must be a failure.
	if [ $rc -eq 1 ]; then
		ok live-exit-1
	else
		not_ok live-exit-1 "exit $rc; /proc/sys/crypto/fips_enabled is $flag, so the host is not in FIPS mode"
		sed 's/^/    stderr: /' "$t_tmp/live.err" >&2
	fi
	expect live-fips-enabled kernel.fips_enabled fail "/proc/sys/crypto/fips_enabled is $flag"
fi
case $cmdline_fips in
on) expect live-cmdline-fips kernel.cmdline_fips pass "/proc/cmdline has fips=1" ;;
*) expect live-cmdline-fips kernel.cmdline_fips fail "/proc/cmdline has no fips=1" ;;
esac
case $policy in
FIPS | FIPS:*) ;;
*) expect live-crypto-policy crypto-policy.config "fail skip" "the crypto policy is '$policy'" ;;
esac
case $crypto_bad in
0) expect live-crypto-selftests kernel.crypto_selftests pass "every /proc/crypto self-test passed" ;;
unknown) ;;
*) expect live-crypto-selftests kernel.crypto_selftests fail "$crypto_bad /proc/crypto entries have not passed" ;;
esac

# The host facts describe this machine.
if python3 - "$t_tmp/live.json" "$(uname -n)" "$(uname -r)" "$(uname -m)" <<'PY'
import json, shlex, sys
r = json.load(open(sys.argv[1]))
h = r["host"]
osr = {}
for path in ("/etc/os-release", "/usr/lib/os-release"):
    try:
        for line in open(path):
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                osr[k] = " ".join(shlex.split(v))
        break
    except OSError:
        pass
want = {"hostname": sys.argv[2], "kernel_release": sys.argv[3], "arch": sys.argv[4],
        "os_id": osr.get("ID"), "os_version_id": osr.get("VERSION_ID")}
bad = [f"{k}: {h[k]!r} != {v!r}" for k, v in want.items() if h[k] != v]
if r["root"] != "/":
    bad.append(f"root {r['root']!r}")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
then ok live-host-facts
else not_ok live-host-facts "host facts do not describe this machine"
fi

t_done
