# SPDX-License-Identifier: GPL-2.0-or-later
#
# The hosts of the validated.* cases (tests/cases/validated/): a case's
# mkroot sets OS_ID, OS_VERSION_ID, ARCH, the RUNNING and DEFAULT kernel,
# the installed PACKAGES (names of tests/setup/test-rpms.list) and, when the
# kernel names its crypto module, FIPS_NAME, then calls 'rpm_host NAME'.
# That writes os-release, the /proc copies fipsctl reads, a BLS entry per
# installed kernel with the default in a grubenv written by grub-editenv,
# and a real rpmdb holding the packages, installed with their files by rpm
# from the signed RPMs tests/setup/40-test-rpms.sh built (a package name
# may start with foreign/ or unsigned/: the same build signed by a key no
# table names, or not signed).
#
# The vendors' keys cannot sign test packages: the cases name the test
# key as TuxCare's and CIQ's with a site signing-key file,
# tests/cases/lib/signing-keys/ (FIPSCTL_POLICY_DIR=@TOP@/policies:@KEYS@).

: "${FIPSCTL_CACHE:=/var/cache/fipsctl-test}"
RPM_DIR=$FIPSCTL_CACHE/rpms-signed
# A host built on another base (el9-host.sh) keeps its machine id.
: "${MACHINE_ID:=0c5e6f2a9b8d4c7e8f1a2b3c4d5e6f70}"
FIPS_NAME=

# rpm_host NAME: host NAME's root into $ROOT.
rpm_host() {
	local name=$1 r=$ROOT p ver
	need rpm "rpm is not installed (tests/deps.sh)"
	if [ ! -f "$RPM_DIR/STAMP" ]; then
		echo "no test RPMs in $RPM_DIR (run tests/setup/40-test-rpms.sh)" >&2
		exit 77
	fi
	put "$r/etc/os-release" <<-OSR
		NAME="$OS_ID"
		VERSION="$OS_VERSION_ID"
		ID="$OS_ID"
		VERSION_ID="$OS_VERSION_ID"
		PRETTY_NAME="$OS_ID $OS_VERSION_ID (fipsctl fixture $name)"
	OSR
	echo "$MACHINE_ID" | put "$r/etc/machine-id"
	echo "$RUNNING" | put "$r/proc/sys/kernel/osrelease"
	echo "$ARCH" | put "$r/proc/sys/kernel/arch"
	echo "$name.example.com" | put "$r/proc/sys/kernel/hostname"
	echo 1 | put "$r/proc/sys/crypto/fips_enabled"
	if [ -n "$FIPS_NAME" ]; then
		echo "$FIPS_NAME" | put "$r/proc/sys/crypto/fips_name"
	fi
	echo "BOOT_IMAGE=(hd0,gpt2)/boot/vmlinuz-$RUNNING root=/dev/vda3 ro fips=1" |
		put "$r/proc/cmdline"

	# One BLS entry per installed kernel of the host's architecture, as
	# kernel-install writes them with /boot on the root filesystem.
	for p in $PACKAGES; do
		case ${p##*/} in
		kernel-core-*."$ARCH")
			ver=${p##*/kernel-core-}
			ver=${ver#kernel-core-}
			put "$r/boot/loader/entries/$MACHINE_ID-$ver.conf" <<-BLS
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
	mkdir -p "$r/boot/grub2"
	grub_editenv "$r/boot/grub2/grubenv" create
	grub_editenv "$r/boot/grub2/grubenv" set "saved_entry=$MACHINE_ID-$DEFAULT"

	rpmdb_install "$r" $PACKAGES
}

# rpmdb_install ROOT NAME...: a real rpmdb in ROOT holding the test RPMs
# NAME (of tests/setup/test-rpms.list, signed; foreign/ or unsigned/ for
# the other signers): the sqlite database EL9 uses, at EL9's path, and the
# packages' files installed as rpm installs them.  Their signatures stay
# in the headers; the root has no keys to check them against.
rpmdb_install() {
	local r=$1 p out files=()
	shift
	need rpm "rpm is not installed (tests/deps.sh)"
	if [ ! -f "$RPM_DIR/STAMP" ]; then
		echo "no test RPMs in $RPM_DIR (run tests/setup/40-test-rpms.sh)" >&2
		exit 77
	fi
	for p in "$@"; do
		files+=("$RPM_DIR/$p.rpm")
	done
	if ! out=$(rpm --root "$r" --dbpath /var/lib/rpm -i --nodeps \
		--nosignature --noscripts --ignorearch --ignoreos \
		"${files[@]}" 2>&1); then
		echo "$out" >&2
		exit 1
	fi
	if [ "$(head -c 15 "$r/var/lib/rpm/rpmdb.sqlite" 2> /dev/null)" != "SQLite format 3" ]; then
		echo "rpmdb_install: rpm wrote no sqlite rpmdb in $r/var/lib/rpm" >&2
		exit 1
	fi
}
