#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tools/distcheck.sh TARBALL (make distcheck): the release tarball is
# enough to build, test and install fipsctl.  In a scratch folder it
# unpacks TARBALL, builds, runs the unit and fixture tiers
# (tests/run-tests.sh TIERS), installs into a DESTDIR and compares what was
# installed with tests/dist/installed-files, checks that the build and the
# tests wrote nothing into the tree outside build/, and that
# 'make uninstall' leaves nothing behind.  The scratch folder is removed
# when everything passed, and kept (its path printed) when not.
set -euo pipefail

tarball=$(realpath "${1:?usage: tools/distcheck.sh fipsctl-VERSION.tar.gz}")
# The unpacked tree is built and tested as a new user would: none of the
# caller's build or test settings (make and tests/run-tests.sh read these
# from the environment).
unset BUILD SANITIZE CROSS VECTORS_DIR PREFIX DESTDIR CFLAGS LDFLAGS \
	TOP FIPSCTL FIPSCTL_PROBE_DIR FIPSCTL_POLICY_DIR TESTS TIERS UPDATE_GOLDEN
name=$(basename "$tarball" .tar.gz)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fipsctl-distcheck.XXXXXX")
start=$SECONDS

step() { echo "distcheck: $* ($((SECONDS - start)) s)"; }
fail() {
	echo "distcheck: FAILED: $*" >&2
	echo "distcheck: the scratch folder is kept: $scratch" >&2
	exit 1
}

step "unpacking $tarball in $scratch"
tar -xzf "$tarball" -C "$scratch" || fail "cannot unpack $tarball"
src=$scratch/$name
[ -d "$src" ] || fail "$tarball holds no $name/"
[ "$(ls -A "$scratch")" = "$name" ] || fail "$tarball holds more than $name/: $(ls -A "$scratch")"
for f in .git build; do
	[ ! -e "$src/$f" ] || fail "$tarball holds $name/$f"
done
cd "$src"
# The tree as unpacked: the build and the tests may add to build/ only.
find . -path ./build -prune -o -print | LC_ALL=C sort > "$scratch/tree.before"

step "building"
make all tests > "$scratch/build.log" 2>&1 || { tail -30 "$scratch/build.log" >&2; fail "make"; }

step "running the unit and fixture tiers"
if ! TIERS="unit fixture" make check > "$scratch/check.log" 2>&1; then
	grep -E '^(  not ok|Failed:|  [^ ].*: )' "$scratch/check.log" | head -40 >&2 || true
	tail -3 "$scratch/check.log" >&2
	fail "tests (log: $scratch/check.log)"
fi
grep -E '^[0-9]+ passed, ' "$scratch/check.log" | sed 's/^/distcheck: /'

find . -path ./build -prune -o -print | LC_ALL=C sort > "$scratch/tree.after"
if ! diff -u "$scratch/tree.before" "$scratch/tree.after" > "$scratch/tree.diff"; then
	sed 's/^/  /' "$scratch/tree.diff" | head -20 >&2
	fail "the build or the tests changed the tree outside build/"
fi

step "installing into $scratch/inst"
inst=$scratch/inst
make install DESTDIR="$inst" > "$scratch/install.log" 2>&1 || { tail -20 "$scratch/install.log" >&2; fail "make install"; }
. tests/dist/lib-dist.sh
dist_expected "$src" > "$scratch/expected" || fail "make print-installdirs"
dist_installed "$inst" > "$scratch/installed"
if ! diff -u "$scratch/expected" "$scratch/installed" > "$scratch/install.diff"; then
	sed 's/^/  /' "$scratch/install.diff" >&2
	fail "the installed files differ from tests/dist/installed-files (-expected +installed)"
fi
echo "distcheck: $(grep -vc '/$' "$scratch/installed") files installed, as tests/dist/installed-files lists"
bindir=$(make -s print-installdirs | sed -n 's/^BINDIR=//p')
"$inst$bindir/fipsctl" --version | grep -qx "fipsctl ${name#fipsctl-}" ||
	fail "the installed fipsctl --version does not say ${name#fipsctl-}"

step "uninstalling"
make uninstall DESTDIR="$inst" > "$scratch/uninstall.log" 2>&1 || { tail -20 "$scratch/uninstall.log" >&2; fail "make uninstall"; }
left=$(dist_installed "$inst")
[ -z "$left" ] || fail "make uninstall left: ${left//$'\n'/ }"

cd /
rm -rf "$scratch"
step "$name.tar.gz passed"
