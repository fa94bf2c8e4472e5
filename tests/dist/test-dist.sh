#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make dist: fipsctl-VERSION.tar.gz holds the tracked files (but the
# editor and git settings tools/dist.sh leaves out) and fipsctl.spec with
# the version of src/core/version.h, nothing else; its members are sorted,
# owned by root, dated by the last commit; two runs give the same bytes.
# (make distcheck builds, tests and installs it.)
. "$(dirname "$0")/../lib.sh"

if ! git -C "$TOP" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
	skip dist "$TOP is not a git checkout (a release tarball is made from one)"
	t_done
	exit
fi
version=$(sed -n 's/^#define FC_VERSION "\(.*\)"$/\1/p' "$TOP/src/core/version.h")
name=fipsctl-$version
mk() { env -u MAKEFLAGS -u MAKELEVEL make -s -C "$TOP" dist DIST_TARBALL="$1"; }

if ! mk "$t_tmp/a.tar.gz" > "$t_tmp/dist.log" 2>&1; then
	not_ok dist-builds "$(tail -5 "$t_tmp/dist.log")"
	t_done
	exit
fi
ok dist-builds
# A second run a second later, from another directory: the same bytes.
sleep 1
if (cd / && mk "$t_tmp/b.tar.gz") > /dev/null 2>&1 && cmp -s "$t_tmp/a.tar.gz" "$t_tmp/b.tar.gz"; then
	ok dist-reproducible
else
	not_ok dist-reproducible "two runs of make dist differ"
fi
if gzip -lv "$t_tmp/a.tar.gz" > /dev/null && [ "$(od -An -tu4 -j4 -N4 "$t_tmp/a.tar.gz" | tr -d ' ')" = 0 ] &&
	[ "$(od -An -tx1 -j3 -N1 "$t_tmp/a.tar.gz" | tr -d ' ')" = 00 ]; then
	ok dist-gzip-no-name-no-time
else
	not_ok dist-gzip-no-name-no-time "the gzip header carries a file name or a time"
fi

# The members: every tracked file but the left-out ones, and the spec.
tar -tzf "$t_tmp/a.tar.gz" > "$t_tmp/members"
(cd "$TOP" && git ls-files) | grep -vxE '\.clang-format|\.editorconfig|\.gitattributes|\.gitignore' |
	sed "s|^|$name/|" > "$t_tmp/want"
echo "$name/fipsctl.spec" >> "$t_tmp/want"
grep -v '/$' "$t_tmp/members" | LC_ALL=C sort > "$t_tmp/have.files"
LC_ALL=C sort "$t_tmp/want" > "$t_tmp/want.files"
if diff -u "$t_tmp/want.files" "$t_tmp/have.files" > "$t_tmp/members.diff"; then
	ok "dist-members ($(wc -l < "$t_tmp/have.files") files)"
else
	not_ok dist-members "the tarball's files differ from the tracked ones (-tracked +tarball):"
	head -20 "$t_tmp/members.diff" >&2
fi
if grep -vq "^$name/" "$t_tmp/members" || grep -qE "^$name/(\.git|build)(/|$)" "$t_tmp/members"; then
	not_ok dist-no-build-output "members outside $name/, or .git or build output"
else
	ok dist-no-build-output
fi
if LC_ALL=C sort -c "$t_tmp/members" 2> /dev/null; then
	ok dist-sorted
else
	not_ok dist-sorted "members are not in name order"
fi
mtime=$(git -C "$TOP" log -1 --format=%ct)
odd=$(TZ=UTC tar --numeric-owner --full-time -tvzf "$t_tmp/a.tar.gz" | awk -v d="$(TZ=UTC date -d "@$mtime" '+%Y-%m-%d %H:%M:%S')" '
	$2 != "0/0" { print "owner " $2 ": " $NF; next }
	($4 " " $5) != d { print "time " $4 " " $5 ": " $NF; next }
	$1 !~ /^[-dl]r[-w][-x]r-[-x]r-[-x]$/ && $1 !~ /^lrwxrwxrwx$/ { print "mode " $1 ": " $NF }' | head -5)
if [ -z "$odd" ]; then
	ok dist-owner-time-mode
else
	not_ok dist-owner-time-mode "$odd"
fi

# The spec's version is version.h's.
mkdir -p "$t_tmp/x"
tar -xzf "$t_tmp/a.tar.gz" -C "$t_tmp/x" "$name/fipsctl.spec"
if grep -qx "Version: *$version" "$t_tmp/x/$name/fipsctl.spec" && ! grep -q '@[A-Z]*@' "$t_tmp/x/$name/fipsctl.spec"; then
	ok dist-spec-version
else
	not_ok dist-spec-version "fipsctl.spec in the tarball does not say Version: $version"
fi
t_done
