#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The module packages in a bundle: NEVRA, signature key id and
# package digest as the rpmdb holds them, read from a real rpmdb (the test
# RPMs of tests/setup/40-test-rpms.sh, signed with its test vendor key), one
# of them re-signed here with a throwaway GnuPG key, compared with what rpm
# itself says.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
R=$W/root
fixture_root evidence-rpmdb validated/alma92-compliant "$R"
q() { rpm --root "$R" --dbpath /var/lib/rpm -q --qf "$1" "$2" 2> /dev/null; }

"$F" --root "$R" evidence export -o "$W/b.tar.gz" -q > /dev/null 2>&1
tar -xzf "$W/b.tar.gz" -O report.json > "$W/r.json"
if python3 - "$W/r.json" "$(q '%{NEVRA} %{SHA256HEADER}\n' kernel-core)" \
	"$(q '%{RSAHEADER:pgpsig}' kernel-core | sed -n 's/.*Key ID \([0-9a-f]*\).*/\1/p')" <<'EOF'; then ok rpmdb-packages; else not_ok rpmdb-packages; fi
import json, sys
pk = json.load(open(sys.argv[1]))["modules"]["packages"]
nevra, digest = sys.argv[2].split()
k = [p for p in pk if p["name"] == "kernel-core"]
assert len(k) == 1 and k[0]["nevra"] == nevra, k
assert k[0]["digest"] == "sha256:" + digest, k[0]
# The test RPMs are signed with the test 'vendor' key: every package names
# the key rpm itself reports.
assert len(sys.argv[3]) == 16, sys.argv[3]
assert all(p["signature_key_id"] == sys.argv[3] for p in pk), pk
assert {p["module"] for p in pk} >= {"kernel", "openssl", "libgcrypt", "gnutls", "nss"}, pk
EOF

# Re-sign kernel-core with a throwaway key and put it back into the rpmdb.
if ! command -v gpg > /dev/null || ! command -v rpmsign > /dev/null; then
	skip rpmdb-signed-package "gpg or rpmsign is not installed"
	t_done
	exit
fi
export GNUPGHOME=$W/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key 'fipsctl test <test@fipsctl.invalid>' rsa2048 sign 1d > /dev/null 2>&1
keyid=$(gpg --list-keys --with-colons 2> /dev/null | awk -F: '/^pub/ {print tolower($5); exit}')
rpmfile=$(ls "${FIPSCTL_CACHE:-/var/cache/fipsctl-test}"/rpms-signed/kernel-core-5.14.0-284.1101.el9_2.tuxcare.7.x86_64.rpm)
cp "$rpmfile" "$W/k.rpm"
if [ -n "$keyid" ] &&
	rpmsign --define "__gpg $(command -v gpg)" --define "_gpg_name fipsctl test" \
		--define "_gpg_path $GNUPGHOME" --addsign "$W/k.rpm" > "$W/sign.log" 2>&1 &&
	rpm --root "$R" --dbpath /var/lib/rpm -U --justdb --nodeps --nosignature --replacepkgs \
		--ignorearch --ignoreos "$W/k.rpm" > "$W/rpm.log" 2>&1; then
	"$F" --root "$R" evidence export -o "$W/s.tar.gz" -q > /dev/null 2>&1
	got=$(tar -xzf "$W/s.tar.gz" -O report.json |
		python3 -c 'import json,sys; print([p["signature_key_id"] for p in json.load(sys.stdin)["modules"]["packages"] if p["name"] == "kernel-core"][0])')
	rpmsays=$(q '%{RSAHEADER:pgpsig}' kernel-core | sed -n 's/.*Key ID \([0-9a-f]*\).*/\1/p')
	if [ "$got" = "$keyid" ] && [ "$got" = "$rpmsays" ]; then
		ok rpmdb-signed-package
	else
		not_ok rpmdb-signed-package "bundle says '$got', gpg '$keyid', rpm '$rpmsays'"
	fi
else
	not_ok rpmdb-signed-package "signing failed: $(tail -2 "$W/sign.log" "$W/rpm.log")"
fi
# The agent gpg started for this key home goes with it.
gpgconf --kill gpg-agent 2> /dev/null
t_done
