#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fipsctl selftest of the aarch64 build under qemu-aarch64 user
# emulation: the known-answer vectors through Debian's arm64 OpenSSL,
# libgcrypt, GnuTLS and NSS, compared cell by cell with the x86_64 run on
# this machine.  The same vectors through the same library versions must
# give the same verdicts on both architectures; a difference is an
# architecture problem (byte order, alignment) in the core or a library.
# The binaries are started as lib-cross.sh explains.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-cross.sh"
: "${t_tmp:?lib.sh did not set up a scratch directory}"

cross_setup selftest-aarch64

# Emulation is 10 to 50 times slower: a generous limit per library.
arm selftest --probe-timeout 900000 --format json > "$t_tmp/a.json" 2> "$t_tmp/a.err"
arc=$?
"$FIPSCTL" selftest --format json > "$t_tmp/x.json" 2> "$t_tmp/x.err"
xrc=$?

# id status passed failed skipped, one line per finding of selftest.*
verdicts() {
	jq -r '.findings[] | select(.id | startswith("selftest.")) |
		[.id, .status, ((.facts[] | select(.key == "passed" or .key == "vectors_passed") | .value) // "-"),
		 ((.facts[] | select(.key == "failed" or .key == "vectors_failed") | .value) // "-"),
		 ((.facts[] | select(.key == "skipped" or .key == "vectors_skipped") | .value) // "-")] | join(" ")' "$1"
}
verdicts "$t_tmp/a.json" > "$t_tmp/a.txt" 2> /dev/null
verdicts "$t_tmp/x.json" > "$t_tmp/x.txt" 2> /dev/null
arch=$(jq -r '.host.arch' "$t_tmp/a.json" 2> /dev/null)
cells=$(grep -c . "$t_tmp/a.txt")
if [ ! -s "$t_tmp/a.txt" ]; then
	not_ok selftest-aarch64 "the aarch64 selftest printed no findings (exit $arc)"
	sed 's/^/    stderr: /' "$t_tmp/a.err" | head >&2
elif [ "$arch" != aarch64 ]; then
	not_ok selftest-aarch64 "the report says arch '$arch', not aarch64"
elif [ $arc -eq $xrc ] && cmp -s "$t_tmp/a.txt" "$t_tmp/x.txt"; then
	ok "selftest-aarch64 ($cells findings, the same verdicts and counts as x86_64, exit $arc)"
else
	not_ok selftest-aarch64 "aarch64 (exit $arc) and x86_64 (exit $xrc) verdicts differ"
	diff "$t_tmp/x.txt" "$t_tmp/a.txt" | head -20 >&2
fi

# Every module ran under emulation (none timed out or lost its helper).
for m in openssl libgcrypt gnutls nss; do
	st=$(jq -r --arg id "selftest.$m" '.findings[] | select(.id == $id) | .status' "$t_tmp/a.json" 2> /dev/null)
	case $st in
	# warn: it ran, and refused a valid edge-case vector (src/kat/kat-verdict.c).
	pass | warn | fail) ok "selftest-aarch64-$m-ran ($(jq -r --arg id "selftest.$m" '.findings[] | select(.id == $id) | .summary' "$t_tmp/a.json"))" ;;
	*) not_ok "selftest-aarch64-$m-ran" "selftest.$m is '$st'" ;;
	esac
done
t_done
