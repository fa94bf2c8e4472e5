#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# fipsctl evidence export: bundles from every fixture root and
# from this host verify; members, sources, report.json and module hashes
# are what the issue asks for; signing with each accepted key type (and
# the signature checks with openssl itself); bad keys and bad targets are
# refused before anything runs; a full disk leaves nothing behind.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
ev_roots || { not_ok evidence-fixture-roots "tests/cases/mkroot.sh failed"; t_done; exit; }

# --- every fixture root ----------------------------------------------------
for root in "$EVROOTS"/*; do
	s=$(basename "$root")
	"$F" --root "$root" evidence export -o "$W/$s.tar.gz" -q > /dev/null 2> "$t_tmp/err"
	rc=$?
	# Its exit status is check's: 0 pass, 1 fail, 4 incomplete.
	if { [ $rc -gt 1 ] && [ $rc -ne 4 ]; } || [ ! -f "$W/$s.tar.gz" ]; then
		not_ok "export-fixture-$s" "exit $rc: $(head -3 "$t_tmp/err")"
		continue
	fi
	if [ "$(stat -c %a "$W/$s.tar.gz")" != 600 ]; then
		not_ok "export-fixture-$s" "mode $(stat -c %a "$W/$s.tar.gz"), expected 600"
	elif ! "$F" evidence verify "$W/$s.tar.gz" > "$t_tmp/out" 2>&1; then
		not_ok "export-fixture-$s" "verify failed: $(tail -1 "$t_tmp/out")"
	else
		ok "export-fixture-$s"
	fi
done

# report.json of every bundle against docs/evidence.schema.json, its report
# against docs/report.schema.json; a mutated document must fail (so this
# case can).
if python3 -c 'import jsonschema' 2> /dev/null; then
	for b in "$W"/*.tar.gz; do tar -xzf "$b" -O report.json > "${b%.tar.gz}.report.json"; done
	python3 - "$TOP/docs/evidence.schema.json" "$TOP/docs/report.schema.json" "$W"/*.report.json > "$t_tmp/schema.out" 2>&1 <<'EOF'
import copy, json, sys
import jsonschema
ev = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
rep = jsonschema.Draft7Validator(json.load(open(sys.argv[2])))
def errors(d):
    return [e.message for e in ev.iter_errors(d)] + [e.message for e in rep.iter_errors(d["report"])]
bad = 0
for p in sys.argv[3:]:
    d = json.load(open(p))
    for e in errors(d)[:3]:
        print(p, e); bad += 1
    m = copy.deepcopy(d); m["sources"][0]["path"] = "relative"
    m2 = copy.deepcopy(d); m2["report"]["findings"][0]["status"] = "maybe"
    if not errors(m) or not errors(m2):
        print(p, "a mutated document validates"); bad += 1
sys.exit(1 if bad else 0)
EOF
	if [ $? -eq 0 ]; then ok export-report-json-schema; else not_ok export-report-json-schema "$(head -5 "$t_tmp/schema.out")"; fi
else
	skip export-report-json-schema "python3 jsonschema module missing (tests/deps.sh)"
fi

# --- the el92-fips bundle, member by member ----------------------------------
B=$W/el92-fips.tar.gz
X=$W/x
mkdir -p "$X"
tar -xzf "$B" -C "$X"
R=$EVROOTS/el92-fips

names=$(tar -tzf "$B")
if [ "$names" = "$(printf '%s\n' "$names" | LC_ALL=C sort)" ] &&
	! tar -tvzf "$B" | grep -qv '^-rw-r--r-- root/root'; then
	ok export-members-sorted-regular
else
	not_ok export-members-sorted-regular "$(tar -tvzf "$B" | head -5)"
fi
# Every member's mtime is the report time (SOURCE_DATE_EPOCH here).
if [ "$(tar --full-time -tvzf "$B" | awk '{print $4 "T" $5}' | sort -u)" = \
	"$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%S)" ]; then
	ok export-mtimes
else
	not_ok export-mtimes "$(tar --full-time -tvzf "$B" | head -3)"
fi
# MANIFEST is sha256sum's format and lists every other member but the
# signature.
if (cd "$X" && sha256sum --quiet --strict -c MANIFEST) &&
	[ "$(cut -c67- "$X/MANIFEST")" = "$(printf '%s\n' "$names" | grep -vx 'MANIFEST\|MANIFEST.sig')" ]; then
	ok export-manifest-sha256sum
else
	not_ok export-manifest-sha256sum "sha256sum -c MANIFEST failed or the list differs"
fi
# Sources are the root's files, byte for byte (an absolute symlink in
# the root points inside it, as fipsctl resolves it).
bad=
for f in $(cd "$X/sources" && find . -type f | sed 's|^\./||'); do
	p=$R/$f
	if [ -L "$p" ]; then
		t=$(readlink "$p")
		case $t in /*) p=$R$t ;; esac
	fi
	cmp -s "$X/sources/$f" "$p" || bad="$bad $f"
done
if [ -z "$bad" ]; then ok export-sources-as-read; else not_ok export-sources-as-read "differ:$bad"; fi
# The sources the issue names.
missing=
entries=$(cd "$R" && ls boot/loader/entries/*.conf)
for f in proc/cmdline proc/crypto proc/sys/crypto/fips_enabled proc/sys/crypto/fips_name \
	etc/crypto-policies/config etc/crypto-policies/state/current etc/os-release \
	boot/grub2/grubenv etc/machine-id $entries; do
	[ -f "$X/sources/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ]; then ok export-sources-named; else not_ok export-sources-named "missing:$missing"; fi
# What the root lacks is recorded as missing, not left out.
if [ "$(json "$X/report.json" "[s.get('status') for s in d['sources'] if s['path']=='/etc/pki/nssdb/pkcs11.txt'][0]")" = missing ] &&
	[ "$(json "$X/report.json" "[s.get('member') for s in d['sources'] if s['path']=='/proc/cmdline'][0]")" = sources/proc/cmdline ]; then
	ok export-sources-missing-recorded
else
	not_ok export-sources-missing-recorded "$(json "$X/report.json" "d['sources']" | head -c 400)"
fi

# report.json: the evidence document around the very report check makes.
"$F" --root "$R" check --format json > "$t_tmp/check.json" 2> /dev/null
if python3 - "$X/report.json" "$t_tmp/check.json" <<'EOF'; then ok export-report-is-check-report; else not_ok export-report-is-check-report; fi
import json, sys
d = json.load(open(sys.argv[1])); c = json.load(open(sys.argv[2]))
assert d["report"] == c, "the report differs from 'check --format json'"
EOF
pol=$(json "$X/report.json" "d['policy']['file']")
if [ "$(json "$X/report.json" "d['schema']")" = https://fipsctl.invalid/schemas/evidence-1.0.json ] &&
	json "$X/report.json" "d['bundle_id']" | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' &&
	[ "$(json "$X/report.json" "d['created'] == d['report']['host']['time']")" = True ] &&
	[ "$(json "$X/report.json" "d['host']['machine_id']")" = "$(cat "$R/etc/machine-id")" ] &&
	[ "$(json "$X/report.json" "d['host']['os_release']['VERSION_ID']")" = 9.2 ] &&
	[ "$(json "$X/report.json" "d['fipsctl_version']")" = "$("$F" --version | cut -d' ' -f2)" ]; then
	ok export-report-identity
else
	not_ok export-report-identity "$(json "$X/report.json" "{k: v for k, v in d.items() if k not in ('report', 'sources', 'modules')}")"
fi
if [ -f "$pol" ] && [ "$(json "$X/report.json" "d['policy']['sha256']")" = "$(sha256sum < "$pol" | cut -d' ' -f1)" ] &&
	cmp -s "$pol" "$X/$(json "$X/report.json" "d['policy']['member']")"; then
	ok export-policy-and-digest
else
	not_ok export-policy-and-digest "$(json "$X/report.json" "d['policy']")"
fi
# The default entry's kernel and .hmac, as the boot checks found them.
kfact() { json "$X/report.json" "[x['value'] for f in d['report']['findings'] if f['id']=='boot.hmac' for x in f['facts'] if x['key']=='$1'][0]"; }
k=$R$(kfact kernel_image)
h=$R$(kfact hmac_path)
if [ -f "$k" ] && [ -f "$h" ] &&
	[ "$(json "$X/report.json" "[f['sha256'] for f in d['modules']['files'] if f['module']=='kernel' and f['role']=='binary'][0]")" = "$(sha256sum < "$k" | cut -d' ' -f1)" ] &&
	[ "$(json "$X/report.json" "[f['sha256'] for f in d['modules']['files'] if f['module']=='kernel' and f['role']=='integrity'][0]")" = "$(sha256sum < "$h" | cut -d' ' -f1)" ] &&
	[ "$(json "$X/report.json" "sorted(set(f['status'] for f in d['modules']['files'] if f['module']=='openssl'))")" = "['missing']" ]; then
	ok export-module-hashes-fixture
else
	not_ok export-module-hashes-fixture "$(json "$X/report.json" "d['modules']['files']")"
fi

# The report on stdout is check's, in any format.
"$F" --root "$R" evidence export -o "$W/fmt.tar.gz" --format json > "$t_tmp/exp.json" 2> /dev/null
if cmp -s "$t_tmp/exp.json" "$t_tmp/check.json"; then ok export-stdout-is-check; else not_ok export-stdout-is-check; fi

# --- this host ------------------------------------------------------------------
"$F" evidence export -o "$W/host.tar.gz" -q > /dev/null 2> "$t_tmp/err"
rc=$?
if [ $rc -le 1 ] && "$F" evidence verify "$W/host.tar.gz" > /dev/null 2>&1; then
	mkdir -p "$W/h" && tar -xzf "$W/host.tar.gz" -C "$W/h"
	lib=$(json "$W/h/report.json" "[f['path'] for f in d['modules']['files'] if f['module']=='libgcrypt' and 'sha256' in f][0]" 2> /dev/null)
	if [ -n "$lib" ] &&
		[ "$(json "$W/h/report.json" "[f['sha256'] for f in d['modules']['files'] if f.get('path')=='$lib'][0]")" = "$(sha256sum < "$lib" | cut -d' ' -f1)" ] &&
		cmp -s "$W/h/sources/proc/cmdline" /proc/cmdline &&
		[ "$(json "$W/h/report.json" "d['host']['boot_id']")" = "$(cat /proc/sys/kernel/random/boot_id)" ]; then
		ok export-host
	else
		not_ok export-host "module hashes or identity differ from the host's"
	fi
else
	not_ok export-host "exit $rc: $(head -3 "$t_tmp/err")"
fi

# --- compression ----------------------------------------------------------------------
if command -v zstd > /dev/null; then
	"$F" --root "$R" evidence export -o "$W/z.tar.zst" -q > /dev/null 2>&1
	if [ "$(head -c 4 "$W/z.tar.zst" | od -An -tx1 | tr -d ' ')" = 28b52ffd ] &&
		"$F" evidence verify "$W/z.tar.zst" > /dev/null &&
		zstd -dc "$W/z.tar.zst" | tar -t | grep -qx report.json; then
		ok export-zstd
	else
		not_ok export-zstd
	fi
else
	skip export-zstd "zstd is not installed (tests/deps.sh)"
fi
expect_rc export-compress-bad 2 "$F" --root "$R" evidence export -o "$W/c.tgz" --compress lz4

# --- signing -------------------------------------------------------------------------------
if ev_keys; then
	for k in p256 p384 rsa; do
		o=$W/signed-$k.tar.gz
		"$F" --root "$R" evidence export -o "$o" --sign-key "$K/$k.pem" -q > /dev/null 2>&1
		mkdir -p "$W/s-$k" && tar -xzf "$o" -C "$W/s-$k" 2> /dev/null
		md=-sha256
		[ $k = p384 ] && md=-sha384
		sigopt=()
		[ $k = rsa ] && sigopt=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest)
		if "$F" evidence verify "$o" --key "$K/$k.pub" > "$t_tmp/out" 2>&1 &&
			grep -q '^signature: ok' "$t_tmp/out" &&
			openssl dgst $md "${sigopt[@]}" -verify "$K/$k.pub" \
				-signature "$W/s-$k/MANIFEST.sig" "$W/s-$k/MANIFEST" > /dev/null 2>&1 &&
			cmp -s "$W/s-$k/signer.pem" "$K/$k.pub"; then
			ok "export-signed-$k"
		else
			not_ok "export-signed-$k" "$(tail -3 "$t_tmp/out")"
		fi
	done
	# A certificate in the key file travels as signer.pem, and verifies
	# as --key.
	o=$W/signed-cert.tar.gz
	"$F" --root "$R" evidence export -o "$o" --sign-key "$K/p256-with-cert.pem" -q > /dev/null 2>&1
	if tar -xzf "$o" -O signer.pem | cmp -s - "$K/p256.crt" &&
		"$F" evidence verify "$o" --key "$K/p256.crt" > /dev/null 2>&1; then
		ok export-signed-certificate
	else
		not_ok export-signed-certificate
	fi
	# Keys that are not approved, or not usable, stop export first.
	openssl genpkey -algorithm ED25519 -out "$K/ed.pem" 2> /dev/null
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$K/rsa1024.pem" 2> /dev/null
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out "$K/p521.pem" 2> /dev/null
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:x \
		-out "$K/enc.pem" 2> /dev/null
	for k in ed:type rsa1024:2048 p521:curve enc:encrypted p256.pub:"no PEM private key" nonexistent:"No such file"; do
		name=${k%%:*} want=${k#*:}
		file=$K/$name.pem
		[ "$name" = p256.pub ] && file=$K/p256.pub
		rm -f "$W/bad.tar.gz"
		if expect_rc "export-refuses-key-$name" 2 "$F" --root "$R" evidence export \
			-o "$W/bad.tar.gz" --sign-key "$file" < /dev/null; then
			if ! grep -q "$want" "$t_tmp/err" || [ -e "$W/bad.tar.gz" ] ||
				[ -s "$t_tmp/out" ]; then
				not_ok "export-refuses-key-$name-message" "$(cat "$t_tmp/err")"
			fi
		fi
	done
else
	skip export-signed "openssl could not make test keys"
fi

# --- targets and failures ---------------------------------------------------------------------
expect_rc export-dev-full-refused 2 "$F" --root "$R" evidence export -o /dev/full
if [ -c /dev/full ] && ! ls -a /dev | grep -q '^\.full\.'; then
	ok export-dev-full-untouched
else
	not_ok export-dev-full-untouched "$(ls -la /dev/full; ls -a /dev | grep full)"
fi
expect_rc export-no-such-dir 2 "$F" --root "$R" evidence export -o "$W/nonexistent/b.tar.gz"
expect_rc export-stdout-refused 2 "$F" --root "$R" evidence export -o -

# A disk that fills up: a 4 KiB tmpfs when mounting works here,
# otherwise a file size limit (the helper then gets EFBIG).
full=$t_tmp/full
mkdir -p "$full"
if mount -t tmpfs -o size=4k fipsctl-test "$full" 2> /dev/null; then
	"$F" --root "$R" evidence export -o "$full/b.tar.gz" > /dev/null 2> "$t_tmp/err"
	rc=$?
	left=$(ls -A "$full")
	umount "$full"
	if [ $rc -ne 0 ] && [ -z "$left" ] && grep -q 'No space left on device' "$t_tmp/err"; then
		ok export-disk-full-tmpfs
	else
		not_ok export-disk-full-tmpfs "exit $rc, left: '$left', $(cat "$t_tmp/err")"
	fi
else
	skip export-disk-full-tmpfs "mount -t tmpfs is not permitted here (the ulimit case below still runs)"
fi
mkdir -p "$W/lim"
(ulimit -f 4 && "$F" --root "$R" evidence export -o "$W/lim/b.tar.gz" > /dev/null 2> "$t_tmp/err")
rc=$?
if [ $rc -ne 0 ] && [ -z "$(ls -A "$W/lim")" ] && grep -q 'File too large' "$t_tmp/err"; then
	ok export-file-size-limit
else
	not_ok export-file-size-limit "exit $rc, left: '$(ls -A "$W/lim")', $(cat "$t_tmp/err")"
fi

# An existing bundle is replaced whole (a new inode), still mode 0600.
cp "$B" "$W/again.tar.gz" && chmod 644 "$W/again.tar.gz"
before=$(stat -c %i "$W/again.tar.gz")
"$F" --root "$R" evidence export -o "$W/again.tar.gz" -q > /dev/null 2>&1
if [ "$(stat -c %i "$W/again.tar.gz")" != "$before" ] && [ "$(stat -c %a "$W/again.tar.gz")" = 600 ] &&
	"$F" evidence verify "$W/again.tar.gz" > /dev/null; then
	ok export-replaces-atomically
else
	not_ok export-replaces-atomically
fi
# Without -o: a name from the host and the time, in the current directory.
(cd "$W" && "$F" --root "$R" evidence export -q > /dev/null 2>&1)
if [ -f "$W/fipsctl-evidence-alma92-fips.example.com-$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%dT%H%M%SZ).tar.gz" ]; then
	ok export-default-name
else
	not_ok export-default-name "$(ls "$W")"
fi

# --- usage ------------------------------------------------------------------------------------------
expect_rc evidence-no-verb 2 "$F" evidence
expect_rc evidence-unknown-verb 2 "$F" evidence frobnicate
expect_rc export-key-option-refused 2 "$F" --root "$R" evidence export --key x.pub
expect_rc verify-export-option-refused 2 "$F" evidence verify "$B" --sign-key x.pem
expect_rc verify-needs-one-bundle 2 "$F" evidence verify
expect_rc verify-format-refused 2 "$F" evidence verify "$B" --format junit
expect_rc help-evidence 0 "$F" help evidence
t_done
