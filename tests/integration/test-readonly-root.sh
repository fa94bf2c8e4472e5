#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Under --root fipsctl never writes into the audited tree, nor reads
# outside it: the per-file SHA-256 listing of a root (names, types, link
# targets and contents) is the same before and after 'check' and
# 'evidence export', on a root mounted read-only (a read-only bind mount;
# skipped, visibly, where mount is not permitted) and on a writable one.
# librpm opened the rpmdb in place: sqlite created -wal/-shm files in the
# tree, failed on a read-only one, and followed an absolute symlink named
# rpmdb.sqlite to the host's file.
. "$(dirname "$0")/../lib.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
R=$W/root
fixture_root readonly-root validated/alma92-validated "$R"
export FIPSCTL_POLICY_DIR=$TOP/policies

# listing DIR: every entry under DIR, with its type and what it holds.
listing() {
	(cd "$1" && find . -printf '%y %p %l\n' | LC_ALL=C sort &&
		find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# audit NAME DIR: check and evidence export of DIR leave it as it was,
# and validated.rpmdb read the database.
audit() {
	local name=$1 d=$2
	listing "$d" > "$W/before"
	"$F" --root "$d" check --only 'validated.*' --format json > "$W/$name.json" 2> "$t_tmp/err"
	"$F" --root "$d" evidence export -o "$W/$name.tar.gz" -q > /dev/null 2>> "$t_tmp/err"
	listing "$d" > "$W/after"
	if diff -u "$W/before" "$W/after" >&2; then
		ok "$name-tree-unchanged"
	else
		not_ok "$name-tree-unchanged" "the audited tree changed (diff above)"
	fi
	if python3 - "$W/$name.json" <<'PY'; then ok "$name-rpmdb-read"; else not_ok "$name-rpmdb-read"; cat "$t_tmp/err" >&2; fi
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["check"] == "validated.rpmdb"]
assert f and f[0]["status"] == "pass", f
PY
}

audit writable "$R"

# The same root through a read-only bind mount.
M=$W/ro
mkdir -p "$M"
if mount --bind "$R" "$M" 2> "$t_tmp/mount.err" &&
	mount -o remount,ro,bind "$M" 2>> "$t_tmp/mount.err"; then
	if touch "$M/.probe" 2> /dev/null; then
		not_ok readonly-mount "the bind mount is writable"
	else
		audit readonly "$M"
	fi
	umount "$M"
else
	umount "$M" 2> /dev/null
	skip readonly-mount "cannot make a read-only bind mount here: $(head -1 "$t_tmp/mount.err")"
fi

# rpmdb.sqlite an absolute symlink to a database outside the root: it
# resolves inside the root (where the same path holds no database), so
# the outside database is neither read nor changed.
O=$W/outside
mkdir -p "$O" "$R$O"
mv "$R/var/lib/rpm/rpmdb.sqlite" "$O/rpmdb.sqlite"
ln -s "$O/rpmdb.sqlite" "$R/var/lib/rpm/rpmdb.sqlite"
printf 'not a database\n' > "$R$O/rpmdb.sqlite"
listing "$O" > "$W/obefore"
"$F" --root "$R" check --only 'validated.rpmdb' --format json > "$W/link.json" 2> "$t_tmp/err"
listing "$O" > "$W/oafter"
if diff -u "$W/obefore" "$W/oafter" >&2; then ok symlink-outside-unchanged; else not_ok symlink-outside-unchanged; fi
if python3 - "$W/link.json" <<'PY'; then ok symlink-outside-not-read; else not_ok symlink-outside-not-read; fi
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["check"] == "validated.rpmdb"]
assert f and f[0]["status"] != "pass" and "package.1" not in {k["key"] for k in f[0].get("facts", [])}, f
PY
t_done
