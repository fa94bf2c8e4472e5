#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tools/dist.sh OUT.tar.gz: the release tarball (make dist).
#
# It holds, under fipsctl-VERSION/, every file git tracks except those only
# a developer's checkout needs (DEV_ONLY below), as the work tree has them,
# plus fipsctl.spec with its Version taken from src/core/version.h, the one
# version source.  The archive is reproducible: members sorted by name,
# owner and group root, permissions 0644 or 0755, every mtime the time of
# the last commit, GNU tar format (no pax times), gzip -n (no name or time
# in its header).  The same tree gives the same bytes, on any machine.
set -euo pipefail

# Editor and git settings: nothing builds, tests or installs with them.
DEV_ONLY=(.clang-format .editorconfig .gitattributes .gitignore)

out=${1:?usage: tools/dist.sh OUT.tar.gz}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if ! git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
	echo "tools/dist.sh: $top is not a git checkout: the tarball is made of the files git tracks" >&2
	exit 1
fi
version=$(sed -n 's/^#define FC_VERSION "\(.*\)"$/\1/p' src/core/version.h)
if [ -z "$version" ]; then
	echo "tools/dist.sh: no FC_VERSION in src/core/version.h" >&2
	exit 1
fi
name=fipsctl-$version
mtime=$(git log -1 --format=%ct)

stage=$(mktemp -d "${TMPDIR:-/tmp}/fipsctl-dist.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"

# The tracked files, copied as they are in the work tree (a tracked file
# that was deleted stops the copy with tar's message).
exclude=()
for f in "${DEV_ONLY[@]}"; do exclude+=(":(exclude,top)$f"); done
git ls-files -z -- . "${exclude[@]}" |
	tar --null --no-recursion -T - -cf - | tar -xf - -C "$stage/$name"

sed "s/@VERSION@/$version/g" fipsctl.spec.in > "$stage/$name/fipsctl.spec"

# Members in byte order of their names as tar lists them (directories
# with their trailing slash), so that 'tar -t | LC_ALL=C sort -c' holds.
(cd "$stage" && find "$name" \( -type d -printf '%p/\n' -o -printf '%p\n' \)) |
	LC_ALL=C sort > "$stage/members"
tmp=$out.tmp
tar --format=gnu --owner=0 --group=0 --numeric-owner \
	--mtime="@$mtime" --mode='u+rwX,go=rX,a-st' \
	-C "$stage" --no-recursion -T "$stage/members" -cf - | gzip -9n > "$tmp"
mv "$tmp" "$out"
echo "  DIST $out ($(stat -c %s "$out") bytes)"
