# SPDX-License-Identifier: GPL-2.0-or-later
# Fixture hosts for the validated-version tests (sourced after tests/lib.sh).
# A host is described by tests/policy/hosts/<name>.host (os-release, arch,
# running and default kernel, installed packages); make_host builds its
# root: os-release, the /proc copies fipsctl reads, a BLS entry per
# installed kernel with the default in a grubenv written by grub-editenv,
# and a real rpmdb holding the packages, installed by rpm from the RPMs
# tests/setup/40-test-rpms.sh built.

: "${FIPSCTL_CACHE:=/var/cache/fipsctl-test}"
RPM_DIR=$FIPSCTL_CACHE/rpms
HOSTS_DIR=$TOP/tests/policy/hosts
MACHINE_ID=0c5e6f2a9b8d4c7e8f1a2b3c4d5e6f70

# Why the RPM fixtures are missing, or nothing when they are there.
rpms_missing() {
	if ! command -v rpm > /dev/null; then
		echo "rpm is not installed (tests/deps.sh)"
	elif [ ! -f "$RPM_DIR/STAMP" ]; then
		echo "no test RPMs in $RPM_DIR (run tests/setup/40-test-rpms.sh)"
	elif ! command -v grub-editenv > /dev/null && ! command -v grub2-editenv > /dev/null; then
		echo "grub-editenv is not installed (tests/deps.sh)"
	fi
}

_put() { mkdir -p "$(dirname "$1")"; cat > "$1"; }

_editenv() {
	if command -v grub2-editenv > /dev/null; then grub2-editenv "$@"; else grub-editenv "$@"; fi
}

# make_host NAME ROOT: build host NAME's fixture root at ROOT.
make_host() {
	local name=$1 root=$2
	local OS_ID OS_VERSION_ID ARCH RUNNING DEFAULT PACKAGES FIPS_NAME=
	# shellcheck disable=SC1090
	. "$HOSTS_DIR/$name.host"
	mkdir -p "$root"
	_put "$root/etc/os-release" <<-OSR
		NAME="$OS_ID"
		VERSION="$OS_VERSION_ID"
		ID="$OS_ID"
		VERSION_ID="$OS_VERSION_ID"
		PRETTY_NAME="$OS_ID $OS_VERSION_ID (fipsctl fixture $name)"
	OSR
	echo "$MACHINE_ID" | _put "$root/etc/machine-id"
	echo "$RUNNING" | _put "$root/proc/sys/kernel/osrelease"
	echo "$ARCH" | _put "$root/proc/sys/kernel/arch"
	echo "$name.example.com" | _put "$root/proc/sys/kernel/hostname"
	echo 1 | _put "$root/proc/sys/crypto/fips_enabled"
	if [ -n "$FIPS_NAME" ]; then
		echo "$FIPS_NAME" | _put "$root/proc/sys/crypto/fips_name"
	fi
	echo "BOOT_IMAGE=(hd0,gpt2)/boot/vmlinuz-$RUNNING root=/dev/vda3 ro fips=1" |
		_put "$root/proc/cmdline"

	# One BLS entry per installed kernel of the host's architecture, as
	# kernel-install writes them with /boot on the root filesystem.
	local p ver files=()
	for p in $PACKAGES; do
		files+=("$RPM_DIR/$p.rpm")
		case $p in
		kernel-core-*."$ARCH")
			ver=${p#kernel-core-}
			_put "$root/boot/loader/entries/$MACHINE_ID-$ver.conf" <<-BLS
				title $OS_ID ($ver) $OS_VERSION_ID
				version $ver
				linux /boot/vmlinuz-$ver
				initrd /boot/initramfs-$ver.img
				options root=/dev/vda3 ro fips=1
				grub_users \$grub_users
				grub_arg --unrestricted
				grub_class $OS_ID
			BLS
			;;
		esac
	done
	mkdir -p "$root/boot/grub2"
	_editenv "$root/boot/grub2/grubenv" create
	_editenv "$root/boot/grub2/grubenv" set "saved_entry=$MACHINE_ID-$DEFAULT"

	# A real rpmdb: the sqlite database EL9 uses, at EL9's path.
	rpm --root "$root" --dbpath /var/lib/rpm -i --justdb --nodeps \
		--ignorearch --ignoreos "${files[@]}" 2> "$root.rpm.log" ||
		{ cat "$root.rpm.log" >&2; return 1; }
	if [ "$(head -c 15 "$root/var/lib/rpm/rpmdb.sqlite" 2> /dev/null)" != "SQLite format 3" ]; then
		echo "make_host: rpm wrote no sqlite rpmdb in $root/var/lib/rpm" >&2
		return 1
	fi
}

# host_digest JSON: one line per validated.* finding: id, status,
# verdict, certificate, summary and fix, tab-separated.
host_digest() {
	jq -r '.findings[] | select(.id | startswith("validated."))
		| (.facts | map({(.key): .value}) | add // {}) as $f
		| [.id, .status, ($f.verdict // "-"), ($f.certificate // "-"),
		   .summary, (.remediation // "-")]
		| @tsv' "$1"
}
