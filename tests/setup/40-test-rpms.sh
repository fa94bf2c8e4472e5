#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the real RPMs the validated-version tests install into fixture
# roots: one package per line of test-rpms.list, with the exact name,
# epoch, version, release and architecture of the EL9 package it stands
# for, holding real files where the EL9 package holds the module's files
# (fips.so, libgcrypt.so.20 and .libgcrypt.so.20.hmac, vmlinuz and
# .vmlinuz.hmac, ...), built by rpmbuild --target ARCH and signed by
# rpmsign with a test key (tests/setup/test-keys/: 'vendor' stands for the
# vendor's key, 'foreign' for someone else's; 'none' leaves it unsigned).
#
# Result: $FIPSCTL_CACHE/rpms-signed/[foreign/|unsigned/]<n>-<v>-<r>.<a>.rpm
# and STAMP, the sha256 of the list, this script and the keys: when they
# change, the packages are rebuilt.  (The directory is new with the signed
# packages, so checkouts that still use the old empty ones in rpms/ keep
# them.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
list=$here/test-rpms.list
keys=$here/test-keys
out=$FIPSCTL_CACHE/rpms-signed
stamp=$(cat "$list" "$0" "$keys"/*.asc | sha256sum | cut -d' ' -f1)

if [ -f "$out/STAMP" ] && [ "$(cat "$out/STAMP")" = "$stamp" ]; then
	setup_log "test-rpms: cached ($out)"
	exit 0
fi

# Debian's rpm package carries rpmbuild and rpmsign; EL9 has them in
# rpm-build and rpm-sign.  gnupg does the signing for rpmsign.
if command -v apt-get > /dev/null; then
	setup_apt_install rpm gnupg
fi
for tool in rpmbuild rpmsign gpg; do
	command -v $tool > /dev/null || { echo "setup: $tool not found" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'gpgconf --homedir "$tmp/gnupg" --kill all 2> /dev/null || true; rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/gnupg"
export GNUPGHOME=$tmp/gnupg
declare -A fpr
for k in vendor foreign; do
	gpg --batch --quiet --import "$keys/$k.asc" 2> /dev/null
	fpr[$k]=$(gpg --batch --with-colons --show-keys "$keys/$k.asc" |
		awk -F: '/^fpr/ {print $10; exit}')
done

# The files of a package, as "path kind" lines (kind: file or a symlink
# target "->target"), where EL9's package has the module's files.
files_of() {
	local name=$1 version=$2 release=$3 arch=$4 lib=/usr/lib64
	[ "$arch" = i686 ] && lib=/usr/lib
	case $name in
	kernel-core)
		local rel=$version-$release.$arch
		echo "/lib/modules/$rel/vmlinuz file"
		echo "/lib/modules/$rel/.vmlinuz.hmac file"
		;;
	openssl-libs | openssl-fips-provider)
		echo "$lib/ossl-modules/fips.so file"
		;;
	libgcrypt)
		echo "$lib/libgcrypt.so.20.4.1 file"
		echo "$lib/libgcrypt.so.20 ->libgcrypt.so.20.4.1"
		echo "$lib/.libgcrypt.so.20.hmac file"
		;;
	gnutls)
		echo "$lib/libgnutls.so.30.34.3 file"
		echo "$lib/libgnutls.so.30 ->libgnutls.so.30.34.3"
		echo "$lib/.libgnutls.so.30.hmac file"
		;;
	nettle)
		echo "$lib/libnettle.so.8.4 file"
		echo "$lib/libnettle.so.8 ->libnettle.so.8.4"
		echo "$lib/.libnettle.so.8.hmac file"
		;;
	nss-softokn)
		echo "$lib/libsoftokn3.so file"
		echo "$lib/libsoftokn3.chk file"
		;;
	nss-softokn-freebl)
		echo "$lib/libfreeblpriv3.so file"
		echo "$lib/libfreeblpriv3.chk file"
		;;
	esac
}

rm -rf "$out"
mkdir -p "$out/foreign" "$out/unsigned"
n=0
while read -r name epoch version release arch signer; do
	case $name in '' | '#'*) continue ;; esac
	nvra=$name-$version-$release.$arch
	spec=$tmp/$nvra-$signer.spec
	src=$tmp/src-$nvra-$signer
	mkdir -p "$src"
	{
		echo "Name: $name"
		[ "$epoch" = - ] || echo "Epoch: $epoch"
		echo "Version: $version"
		echo "Release: $release"
		echo "Summary: fipsctl test stand-in for $name"
		echo "License: GPL-2.0-or-later"
		[ "$arch" = noarch ] && echo "BuildArch: noarch"
		echo "%description"
		echo "A package with the name and EVR of the EL9 package it stands"
		echo "for, and small real files where that package has the module's"
		echo "files, for fipsctl's rpmdb tests."
		echo "%install"
		files_of "$name" "$version" "$release" "$arch" |
			while read -r path kind; do
				echo "mkdir -p %{buildroot}$(dirname "$path")"
				if [ "$kind" = file ]; then
					# Distinct bytes per package and signer.
					printf 'fipsctl test %s of %s (%s)\n' "$path" "$nvra" "$signer" \
						> "$src/$(echo "$path" | tr / _)"
					echo "cp $src/$(echo "$path" | tr / _) %{buildroot}$path"
				else
					echo "ln -s ${kind#->} %{buildroot}$path"
				fi
			done
		echo "%files"
		files_of "$name" "$version" "$release" "$arch" |
			while read -r path kind; do echo "$path"; done
	} > "$spec"
	target=$arch
	[ "$arch" = noarch ] && target=x86_64
	# No debuginfo, no build-id links, no strip or other post-processing:
	# the files are what the spec wrote.
	rpmbuild -bb --quiet --target "$target" \
		--define "_topdir $tmp/top-$signer" \
		--define "_build_id_links none" \
		--define "debug_package %{nil}" \
		--define "__os_install_post %{nil}" \
		"$spec" > "$tmp/build.log" 2>&1 ||
		{ cat "$tmp/build.log" >&2; exit 1; }
	rpm=$(find "$tmp/top-$signer/RPMS" -name "$nvra.rpm")
	[ -n "$rpm" ] || { echo "setup: rpmbuild made no $nvra.rpm" >&2; exit 1; }
	# The header must say exactly what the list says.
	want="$name-$([ "$epoch" = - ] || echo "$epoch:")$version-$release.$arch"
	got=$(rpm -qp --qf '%{NAME}-%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}.%{ARCH}' "$rpm" 2> /dev/null)
	[ "$got" = "$want" ] || { echo "setup: $rpm is $got, expected $want" >&2; exit 1; }
	dest=$out
	case $signer in
	vendor) ;;
	foreign) dest=$out/foreign ;;
	none) dest=$out/unsigned ;;
	*) echo "setup: $nvra: signer '$signer' is not vendor, foreign or none" >&2; exit 1 ;;
	esac
	if [ "$signer" != none ]; then
		rpmsign --addsign --define "_gpg_name ${fpr[$signer]}" \
			--define "__gpg $(command -v gpg)" \
			--define "_gpg_path $GNUPGHOME" "$rpm" > "$tmp/sign.log" 2>&1 ||
			{ cat "$tmp/sign.log" >&2; exit 1; }
		# The header names the key that signed it.
		keyid=$(echo "${fpr[$signer]:24}" | tr A-F a-f)
		id=$(rpm -qp --qf '%{RSAHEADER:pgpsig}' "$rpm" 2> /dev/null)
		id=${id,,}
		[[ $id == *"key id $keyid"* ]] ||
			{ echo "setup: $rpm: signature '$id' is not by $keyid" >&2; exit 1; }
	fi
	mv "$rpm" "$dest/"
	n=$((n + 1))
done < "$list"
echo "$stamp" > "$out/STAMP"
setup_log "test-rpms: built $n packages -> $out"
