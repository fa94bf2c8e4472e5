#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the tiny real RPMs the validated-version tests install into fixture
# rpmdbs: one empty package per line of test-rpms.list, with the
# exact name, epoch, version, release and architecture of the EL9 package
# it stands for, built by rpmbuild --target ARCH.
#
# Result: $FIPSCTL_CACHE/rpms/<name>-<version>-<release>.<arch>.rpm and
# STAMP, the sha256 of the list and this script: when they change, the
# packages are rebuilt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
list=$here/test-rpms.list
out=$FIPSCTL_CACHE/rpms
stamp=$(cat "$list" "$0" | sha256sum | cut -d' ' -f1)

if [ -f "$out/STAMP" ] && [ "$(cat "$out/STAMP")" = "$stamp" ]; then
	setup_log "test-rpms: cached ($out)"
	exit 0
fi

# Debian's rpm package carries rpmbuild; EL9 has it in rpm-build.
if command -v apt-get > /dev/null; then
	setup_apt_install rpm
fi
command -v rpmbuild > /dev/null || { echo "setup: rpmbuild not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"
mkdir -p "$out"
n=0
while read -r name epoch version release arch; do
	case $name in '' | '#'*) continue ;; esac
	spec=$tmp/$name-$version-$release.$arch.spec
	{
		echo "Name: $name"
		[ "$epoch" = - ] || echo "Epoch: $epoch"
		echo "Version: $version"
		echo "Release: $release"
		echo "Summary: fipsctl test stand-in for $name"
		echo "License: GPL-2.0-or-later"
		[ "$arch" = noarch ] && echo "BuildArch: noarch"
		echo "%description"
		echo "An empty package with the name and EVR of the EL9 package it"
		echo "stands for, for fipsctl's rpmdb tests."
		echo "%files"
	} > "$spec"
	target=$arch
	[ "$arch" = noarch ] && target=x86_64
	# No debuginfo, no build-id links: the package holds nothing.
	rpmbuild -bb --quiet --target "$target" \
		--define "_topdir $tmp/top" \
		--define "_build_id_links none" \
		--define "debug_package %{nil}" \
		"$spec" > "$tmp/build.log" 2>&1 ||
		{ cat "$tmp/build.log" >&2; exit 1; }
	rpm=$(find "$tmp/top/RPMS" -name "$name-$version-$release.$arch.rpm")
	[ -n "$rpm" ] || { echo "setup: rpmbuild made no $name-$version-$release.$arch.rpm" >&2; exit 1; }
	# The header must say exactly what the list says.
	want="$name-$([ "$epoch" = - ] || echo "$epoch:")$version-$release.$arch"
	got=$(rpm -qp --qf '%{NAME}-%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}.%{ARCH}' "$rpm" 2> /dev/null)
	[ "$got" = "$want" ] || { echo "setup: $rpm is $got, expected $want" >&2; exit 1; }
	mv "$rpm" "$out/"
	n=$((n + 1))
done < "$list"
echo "$stamp" > "$out/STAMP"
setup_log "test-rpms: built $n packages -> $out"
