#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Installs what fipsctl needs to build and to run every test tier, with
# apt-get (Debian 12) or dnf (AlmaLinux/Rocky/RHEL 9), whichever the host
# has.  Idempotent: when everything is installed already it does nothing
# (no network); otherwise it refreshes the package lists first.  Runs as
# root, or through sudo.
set -euo pipefail

APT_PKGS=(
	build-essential pkg-config
	libssl-dev libgcrypt20-dev libgnutls28-dev libnss3-dev libnss3-tools
	libblkid-dev libjson-c-dev librpm-dev rpm
	libarchive-dev uuid-dev zstd # evidence bundles, OSCAL UUIDs
	clang libclang-rt-14-dev # make fuzz, sanitizers
	python3 python3-jsonschema python3-regex libxml2-utils strace # test tools
	e2fsprogs dosfstools grub-common # filesystem and grubenv fixtures
	dracut-core cpio # lsinitrd and real initramfs archives (pin-kernel tests)
	dpkg-dev hyperfine
	mandoc bash-completion rpmlint # man page lint, completion and RPM tests (rpm has rpmbuild)
	systemd prometheus chromium ansible-core ansible-lint # tests/ops: units, promtool, HTML, playbook
)
# The same on EL9 (json-c-devel and some -devel packages live in CRB).
DNF_PKGS=(
	gcc make pkgconf-pkg-config
	openssl-devel libgcrypt-devel gnutls-devel nss-devel nss-tools
	libblkid-devel json-c-devel rpm-devel rpm-build
	libarchive-devel libuuid-devel zstd
	clang compiler-rt
	python3 python3-jsonschema libxml2
	e2fsprogs dosfstools grub2-tools
	dracut cpio
	bash-completion
	systemd ansible-core # tests/ops; promtool, chromium and ansible-lint come from EPEL
)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo > /dev/null; then
		sudo "$@"
	else
		echo "tests/deps.sh: need root (or sudo) to run: $*" >&2
		exit 1
	fi
}

if command -v apt-get > /dev/null; then
	missing=()
	for p in "${APT_PKGS[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2> /dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "tests/deps.sh: all ${#APT_PKGS[@]} packages are installed"
		exit 0
	fi
	echo "tests/deps.sh: installing ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "${missing[@]}"
elif command -v dnf > /dev/null; then
	missing=()
	for p in "${DNF_PKGS[@]}"; do
		rpm -q --whatprovides "$p" > /dev/null 2>&1 || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "tests/deps.sh: all ${#DNF_PKGS[@]} packages are installed"
		exit 0
	fi
	echo "tests/deps.sh: installing ${missing[*]}"
	# CodeReady Builder carries json-c-devel and friends on EL9.
	if dnf repolist --all 2> /dev/null | grep -qE '^crb[[:space:]]'; then
		as_root dnf install -y -q dnf-plugins-core
		as_root dnf config-manager --set-enabled crb
	fi
	as_root dnf install -y -q "${missing[@]}"
else
	echo "tests/deps.sh: neither apt-get nor dnf found; install by hand: ${APT_PKGS[*]}" >&2
	exit 1
fi
