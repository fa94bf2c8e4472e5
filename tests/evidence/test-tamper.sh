#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# fipsctl evidence verify and show against altered bundles:
# one byte flipped in any member, a member dropped or added, MANIFEST
# edited, the wrong key, a truncated archive, and odd archives.  Each must
# exit 1 and name what does not match; an unreadable path exits 2.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
ev_roots el92-fips || { not_ok tamper-fixture-root "tests/cases/mkroot.sh failed"; t_done; exit; }
ev_keys || { not_ok tamper-keys "openssl could not make test keys"; t_done; exit; }
R=$EVROOTS/el92-fips
"$F" --root "$R" evidence export -o "$W/signed.tar.gz" --sign-key "$K/p256.pem" -q > /dev/null 2>&1
"$F" --root "$R" evidence export -o "$W/plain.tar.gz" -q > /dev/null 2>&1
for b in signed plain; do
	mkdir -p "$W/$b" && tar -xzf "$W/$b.tar.gz" -C "$W/$b"
done

# expect_failed NAME WANT VERIFY-ARGS...: verify exits 1 and its verdict
# line names WANT.
expect_failed() {
	local name=$1 want=$2
	shift 2
	"$F" evidence verify "$@" > "$t_tmp/out" 2> "$t_tmp/err"
	local rc=$?
	if [ $rc -eq 1 ] && grep -F -- "$want" "$t_tmp/out" | grep -q '^FAILED: '; then
		ok "$name"
	else
		not_ok "$name" "exit $rc; expected 'FAILED: ...$want...', got: $(grep -E '^(FAILED|verified)' "$t_tmp/out") $(head -2 "$t_tmp/err")"
	fi
}

# The untouched bundles verify.
expect_rc verify-signed-with-key 0 "$F" evidence verify "$W/signed.tar.gz" --key "$K/p256.pub"
expect_rc verify-signed-own-key 0 "$F" evidence verify "$W/signed.tar.gz"
expect_rc verify-plain 0 "$F" evidence verify "$W/plain.tar.gz"
# show exits as check did on the same root.
"$F" --root "$R" check > /dev/null 2>&1
expect_rc show-plain $? "$F" evidence show "$W/plain.tar.gz"
if grep -q 'alma92-fips.example.com' "$t_tmp/out"; then ok show-renders; else not_ok show-renders; fi

# One byte flipped in each member, in turn.
flip() {
	python3 - "$1" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x01
open(p, "wb").write(b)
EOF
}
for b in signed plain; do
	for m in $(cd "$W/$b" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); do
		rm -rf "$W/t" && cp -a "$W/$b" "$W/t"
		flip "$W/t/$m"
		repack "$W/t" "$W/t.tar.gz"
		key=()
		[ $b = signed ] && key=(--key "$K/p256.pub")
		case $m in
		MANIFEST | MANIFEST.sig) want=MANIFEST ;;
		*) want="member $m does not match MANIFEST" ;;
		esac
		expect_failed "flip-$b-$m" "$want" "$W/t.tar.gz" "${key[@]}"
	done
done

# A member dropped, added; MANIFEST dropped.
rm -rf "$W/t" && cp -a "$W/plain" "$W/t" && rm "$W/t/sources/proc/cmdline" && repack "$W/t" "$W/t.tar.gz"
expect_failed drop-member "member sources/proc/cmdline is listed in MANIFEST but missing" "$W/t.tar.gz"
rm -rf "$W/t" && cp -a "$W/signed" "$W/t" && echo 'root::0:0:99999:7:::' > "$W/t/sources/etc/shadow" && repack "$W/t" "$W/t.tar.gz"
expect_failed add-member "member sources/etc/shadow is not listed in MANIFEST" "$W/t.tar.gz" --key "$K/p256.pub"
rm -rf "$W/t" && cp -a "$W/plain" "$W/t" && rm "$W/t/MANIFEST" && repack "$W/t" "$W/t.tar.gz"
expect_failed drop-manifest "no MANIFEST" "$W/t.tar.gz"

# MANIFEST edited to match an edited member: an unsigned bundle cannot
# tell (that is what signing is for); a signed one names MANIFEST.
edit_both() {
	rm -rf "$W/t" && cp -a "$W/$1" "$W/t"
	echo 'fips=1 injected' >> "$W/t/sources/proc/cmdline"
	local sum
	sum=$(sha256sum < "$W/t/sources/proc/cmdline" | cut -d' ' -f1)
	sed -i "s|^[0-9a-f]*  sources/proc/cmdline\$|$sum  sources/proc/cmdline|" "$W/t/MANIFEST"
	repack "$W/t" "$W/t.tar.gz"
}
edit_both signed
expect_failed edit-manifest-and-member-signed "MANIFEST or MANIFEST.sig was altered" "$W/t.tar.gz" --key "$K/p256.pub"
expect_failed edit-manifest-and-member-signed-own-key "MANIFEST or MANIFEST.sig was altered" "$W/t.tar.gz"
# MANIFEST alone edited (one digit of one line): that member is named.
rm -rf "$W/t" && cp -a "$W/plain" "$W/t"
# The first hex digit changed: 0 becomes 1, anything else 0 (whatever the
# report's hash happens to start with).
sed -i 's|^0\(.*  report.json\)$|1\1|; t; s|^.\(.*  report.json\)$|0\1|' "$W/t/MANIFEST"
cmp -s "$W/plain/MANIFEST" "$W/t/MANIFEST" && echo "test-tamper: MANIFEST edit changed nothing" >&2
repack "$W/t" "$W/t.tar.gz"
expect_failed edit-manifest-plain "member report.json does not match MANIFEST" "$W/t.tar.gz"
# A signed bundle re-signed by someone else: its own signer.pem says
# "ok", the key the auditor trusts does not.
rm -rf "$W/t" && cp -a "$W/signed" "$W/t"
cp "$K/other.pub" "$W/t/signer.pem"
(cd "$W/t" && sed -i "s|^[0-9a-f]*  signer.pem\$|$(sha256sum < signer.pem | cut -d' ' -f1)  signer.pem|" MANIFEST &&
	openssl dgst -sha256 -sign "$K/other.pem" -out MANIFEST.sig MANIFEST)
repack "$W/t" "$W/t.tar.gz"
expect_rc resigned-own-key-passes 0 "$F" evidence verify "$W/t.tar.gz"
expect_failed resigned-trusted-key-fails "with the given key" "$W/t.tar.gz" --key "$K/p256.pub"

# The wrong key; a key for an unsigned bundle; the signature dropped.
expect_failed wrong-key-p256 "with the given key" "$W/signed.tar.gz" --key "$K/other.pub"
expect_failed wrong-key-rsa "with the given key" "$W/signed.tar.gz" --key "$K/rsa.pub"
expect_failed key-for-unsigned "not signed, but a key was given" "$W/plain.tar.gz" --key "$K/p256.pub"
rm -rf "$W/t" && cp -a "$W/signed" "$W/t" && rm "$W/t/MANIFEST.sig" && repack "$W/t" "$W/t.tar.gz"
expect_failed drop-signature "not signed, but a key was given" "$W/t.tar.gz" --key "$K/p256.pub"
expect_rc drop-signature-no-key 0 "$F" evidence verify "$W/t.tar.gz"
if grep -q '^signature: none' "$t_tmp/out"; then ok drop-signature-says-unsigned; else not_ok drop-signature-says-unsigned; fi
rm -rf "$W/t" && cp -a "$W/signed" "$W/t" && rm "$W/t/signer.pem" &&
	sed -i '/  signer.pem$/d' "$W/t/MANIFEST" && repack "$W/t" "$W/t.tar.gz"
expect_failed signature-without-signer "no signer.pem" "$W/t.tar.gz"
expect_rc bad-key-file 2 "$F" evidence verify "$W/signed.tar.gz" --key "$W/signed/MANIFEST"

# Truncated archives, at several places.
size=$(stat -c %s "$W/signed.tar.gz")
for cut in 10 $((size / 3)) $((size / 2)) $((size - 1)); do
	head -c $cut "$W/signed.tar.gz" > "$W/cut.tar.gz"
	expect_failed "truncated-at-$cut" "damaged or truncated" "$W/cut.tar.gz" --key "$K/p256.pub"
done
# Data after the archive: a second gzip member (or zstd frame), bytes after
# the compressed stream, bytes after the tar end blocks.  libarchive's
# readers ignore each of these, so the signed bundle "verified"; verify
# fails naming the offset, show and summarize refuse it too.
(cat "$W/signed.tar.gz"; printf 'appended\n' | gzip) > "$W/app-member.tar.gz"
expect_failed appended-gzip-member "data after the end of the tar archive, at byte" "$W/app-member.tar.gz" --key "$K/p256.pub"
expect_rc appended-gzip-member-show 1 "$F" evidence show "$W/app-member.tar.gz"
if grep -q "data after the end of the tar archive" "$t_tmp/err"; then ok appended-gzip-member-show-says; else not_ok appended-gzip-member-show-says; fi
expect_rc appended-gzip-member-summarize 1 "$F" evidence summarize "$W/app-member.tar.gz"
if grep -q "FAILED: .*data after the end of the tar archive" "$t_tmp/out"; then ok appended-gzip-member-summarize-says; else not_ok appended-gzip-member-summarize-says; fi
(cat "$W/signed.tar.gz"; printf 'junk') > "$W/app-junk.tar.gz"
expect_failed appended-bytes-after-gzip "data after the last compressed member at byte $(stat -c %s "$W/signed.tar.gz") of the file" "$W/app-junk.tar.gz" --key "$K/p256.pub"
gzip -dc "$W/signed.tar.gz" > "$W/plain-tar.tar"
expect_rc uncompressed-verifies 0 "$F" evidence verify "$W/plain-tar.tar" --key "$K/p256.pub"
(cat "$W/plain-tar.tar"; printf 'after the end blocks\n') > "$W/app-tar.tar"
expect_failed bytes-after-tar-end "data after the end of the tar archive, at byte $(stat -c %s "$W/plain-tar.tar") of the uncompressed archive" "$W/app-tar.tar" --key "$K/p256.pub"
if command -v zstd > /dev/null; then
	zstd -q -c "$W/plain-tar.tar" > "$W/z.tar.zst"
	expect_rc zstd-verifies 0 "$F" evidence verify "$W/z.tar.zst" --key "$K/p256.pub"
	(cat "$W/z.tar.zst"; printf 'x\n' | zstd -q -c) > "$W/app-frame.tar.zst"
	expect_failed appended-zstd-frame "data after the end of the tar archive" "$W/app-frame.tar.zst" --key "$K/p256.pub"
	# Bytes that are no zstd frame: libarchive's filter fails at them
	# before the first member; verify names their offset instead and
	# still reads the members before them.
	zsize=$(stat -c %s "$W/z.tar.zst")
	(cat "$W/z.tar.zst"; printf 'appended junk\n') > "$W/app-junk.tar.zst"
	expect_failed appended-bytes-after-zstd "data after the last zstd frame, at byte $zsize of the file" "$W/app-junk.tar.zst" --key "$K/p256.pub"
	if grep -q '^report: ok' "$t_tmp/out"; then ok appended-bytes-after-zstd-reads-members; else not_ok appended-bytes-after-zstd-reads-members; fi
	(cat "$W/z.tar.zst"; head -c 4096 /dev/zero) > "$W/app-zeros.tar.zst"
	expect_failed appended-zeros-after-zstd "data after the last zstd frame, at byte $zsize of the file" "$W/app-zeros.tar.zst" --key "$K/p256.pub"
	# A skippable frame (valid zstd, ignored by decoders) is data too.
	(cat "$W/z.tar.zst"; printf '\x50\x2a\x4d\x18\x04\x00\x00\x00evil') > "$W/app-skip.tar.zst"
	expect_failed appended-skippable-frame "data after the last zstd frame, at byte $zsize of the file" "$W/app-skip.tar.zst" --key "$K/p256.pub"
	expect_rc appended-bytes-after-zstd-summarize 1 "$F" evidence summarize "$W/app-junk.tar.zst"
	if grep -q "FAILED: .*data after the last zstd frame, at byte $zsize" "$t_tmp/out"; then ok appended-bytes-after-zstd-summarize-says; else not_ok appended-bytes-after-zstd-summarize-says; fi
else
	skip appended-zstd-frame "zstd is not installed"
fi
printf 'not an archive\n' > "$W/garbage.tar.gz"
expect_failed garbage "damaged or truncated" "$W/garbage.tar.gz"
: > "$W/empty.tar.gz"
expect_failed empty-file "" "$W/empty.tar.gz"

# Archives no export makes: a repeated member, a symlink, a path out of
# the extraction directory.
(cd "$W/plain" && tar --hard-dereference --owner=0 --group=0 -czf "$W/dup.tar.gz" MANIFEST report.json report.json)
expect_failed duplicate-member "member report.json: appears twice" "$W/dup.tar.gz"
(cd "$W/plain" && tar --owner=0 --group=0 -czf "$W/hard.tar.gz" MANIFEST report.json report.json)
expect_failed hardlink-member "member report.json: not a regular file" "$W/hard.tar.gz"
rm -rf "$W/t" && cp -a "$W/plain" "$W/t" && ln -s /etc/shadow "$W/t/sources/etc/link" && repack "$W/t" "$W/t.tar.gz"
expect_failed symlink-member "member sources/etc/link: not a regular file" "$W/t.tar.gz"
(cd "$W/plain" && tar --owner=0 --group=0 -czf "$W/dots.tar.gz" MANIFEST report.json \
	--transform 's|^report.json$|sources/../../evil|' report.json 2> /dev/null)
expect_failed dotdot-member "invalid name" "$W/dots.tar.gz"

# Not a bundle at all: exit 2 (an input error), named.
expect_rc verify-missing-file 2 "$F" evidence verify "$W/nonexistent.tar.gz"
if grep -q 'nonexistent.tar.gz' "$t_tmp/err"; then ok verify-missing-file-named; else not_ok verify-missing-file-named; fi

# JSON verdict for scripts.
rm -rf "$W/t" && cp -a "$W/plain" "$W/t" && flip "$W/t/sources/proc/crypto" && repack "$W/t" "$W/t.tar.gz"
"$F" --format json evidence verify "$W/t.tar.gz" > "$t_tmp/v.json"
if [ "$(json "$t_tmp/v.json" "d['ok']")" = False ] &&
	json "$t_tmp/v.json" "d['first_problem']" | grep -q 'member sources/proc/crypto does not match' &&
	[ "$(json "$t_tmp/v.json" "[m['state'] for m in d['members'] if m['name']=='sources/proc/crypto'][0]")" = mismatch ]; then
	ok verify-json
else
	not_ok verify-json "$(head -c 300 "$t_tmp/v.json")"
fi

# show refuses what does not verify, and names it.
expect_rc show-tampered 1 "$F" evidence show "$W/t.tar.gz"
if grep -q 'sources/proc/crypto' "$t_tmp/err" && [ ! -s "$t_tmp/out" ]; then
	ok show-tampered-named
else
	not_ok show-tampered-named "$(cat "$t_tmp/err")"
fi
expect_rc show-wrong-key 1 "$F" evidence show "$W/signed.tar.gz" --key "$K/other.pub"
t_done
