# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2034,SC2154,SC2054
# What vm-tests/run (the initramfs it boots) and vm-tests/mkimage (a
# bootable disk image) put into a guest's root tree, for either arch
# (sourced).  Needs $top and $CACHE, and fail() from the sourcing script.

# vm_arch ARCH: the arch's facts -- triplet, libroot (the folder its
# libraries come from: the host's for x86_64, the arm64 sysroot for
# aarch64), console, qemu (the emulator and machine for -kernel boots),
# arch_modules (the accelerated crypto modules), cross (make CROSS=) and
# default_build.  Returns 1 for an unknown arch.
vm_arch() {
	case $1 in
	x86_64)
		triplet=x86_64-linux-gnu libroot='' console=ttyS0 cross=''
		qemu=(qemu-system-x86_64 -accel tcg -M pc -cpu max)
		# aesni, sha*_ssse3, ghash-clmulni: -cpu max has the extensions.
		arch_modules="aesni_intel sha1_ssse3 sha256_ssse3 sha512_ssse3 ghash_clmulni_intel"
		default_build=$top/build
		;;
	aarch64)
		triplet=aarch64-linux-gnu libroot=$CACHE/arm64-sysroot console=ttyAMA0 cross=aarch64
		# pauth-impdef: QEMU's cheap pointer authentication (the architected
		# one makes TCG several times slower, notes/qemu-fips-boot.md).
		qemu=(qemu-system-aarch64 -accel tcg -M virt -cpu max,pauth-impdef=on)
		arch_modules="aes_ce_blk aes_ce_cipher sha1_ce sha2_ce sha512_ce sha3_ce ghash_ce aes_neon_bs sha256_arm64 sha512_arm64"
		default_build=$top/build-aarch64
		;;
	*) return 1 ;;
	esac
	libdirs=("$libroot/lib/$triplet" "$libroot/usr/lib/$triplet")
}

# The FIPS set first (vm-tests/init says why), then the other crypto
# modules, so /proc/crypto lists (and the kernel self-tests) the lot.
fips_modules="jitterentropy_rng sha3_generic drbg ctr sha512_generic"
other_modules="gcm ccm cmac xts ecdh_generic crypto_user algif_hash algif_skcipher algif_rng algif_aead"

# vm_check_build BUILD ARCH: BUILD holds a fipsctl for ARCH.
vm_check_build() {
	local machine
	[ -x "$1/fipsctl" ] || fail "no fipsctl in $1 (make$([ "$2" = aarch64 ] && echo " CROSS=aarch64"))"
	machine=$(readelf -h "$1/fipsctl" | sed -n 's/^ *Machine: *//p')
	case $2/$machine in
	x86_64/*X86-64 | aarch64/AArch64) ;;
	*) fail "$1/fipsctl is built for '$machine', not $2" ;;
	esac
}

# vm_tree_base ROOT: the directories of a merged-/usr tree (as on EL9 and
# Debian 12) with busybox and its /bin/sh.
vm_tree_base() {
	local root=$1
	mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib/"$triplet",etc/ssl,etc/pki,proc,sys,dev,tmp,run,root}
	ln -s usr/bin "$root/bin"
	ln -s usr/sbin "$root/sbin"
	ln -s usr/lib "$root/lib"
	if [ "$triplet" = x86_64-linux-gnu ]; then
		mkdir -p "$root/usr/lib64"
		ln -s usr/lib64 "$root/lib64"
	fi
	install -m 0755 "$CACHE/vm/$arch/busybox" "$root/usr/bin/busybox" 2> /dev/null ||
		fail "no busybox for $arch in $CACHE/vm/$arch (tests/setup/70-vm-kernels.sh)"
	ln -s busybox "$root/usr/bin/sh"
	# The kernel's module autoload runs /sbin/modprobe.
	ln -s ../bin/busybox "$root/usr/sbin/modprobe"
}

# find_lib SONAME: its path in the arch's library folders.
find_lib() {
	local d
	for d in "${libdirs[@]}"; do
		[ -e "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}

# vm_add_closure ROOT FILE...: copy every library FILE needs, recursively,
# by DT_NEEDED, into ROOT/usr/lib/<triplet>; and the ELF interpreter.
# With vm_keep_present set (a distribution's root file system), what ROOT
# already has -- from its packages -- is kept, and only what is missing is
# copied.
vm_add_closure() {
	local root=$1 dest f so p interp
	shift
	local queue=("$@")
	dest=$root/usr/lib/$triplet
	declare -gA vm_have_lib
	while [ ${#queue[@]} -gt 0 ]; do
		f=${queue[0]} queue=("${queue[@]:1}")
		interp=$(readelf -l "$f" | sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p')
		if [ -n "$interp" ] && [ -z "${vm_have_lib[$root:$interp]:-}" ]; then
			vm_have_lib[$root:$interp]=1
			if [ -z "${vm_keep_present:-}" ] || [ ! -e "$root$interp" ]; then
				p=$(find_lib "${interp##*/}") || fail "ELF interpreter ${interp##*/} of $f not in ${libdirs[*]}"
				cp -L "$p" "$dest/${interp##*/}"
				[ -e "$root$interp" ] || ln -s "/usr/lib/$triplet/${interp##*/}" "$root$interp"
			fi
		fi
		for so in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			[ -n "${vm_have_lib[$root:$so]:-}" ] && continue
			vm_have_lib[$root:$so]=1
			[ -n "${vm_keep_present:-}" ] && [ -e "$dest/$so" ] && continue
			p=$(find_lib "$so") || fail "$so (needed by $f) not in ${libdirs[*]}"
			cp -L "$p" "$dest/$so"
			queue+=("$dest/$so")
		done
	done
}

# vm_add_libraries ROOT PROGRAM...: the libraries of fipsctl and its probe
# helpers (PROGRAM..., already in ROOT), what NSS dlopen()s, and OpenSSL's
# configuration as the distribution ships it.
vm_add_libraries() {
	local root=$1 m p
	shift
	vm_add_closure "$root" "$@"
	# What NSS dlopen()s (readelf cannot see it): the softoken, freebl and
	# the legacy database module.  Under fips=1 NSS refuses them without
	# the .chk files beside them.
	for m in libsoftokn3 libfreeblpriv3 libfreebl3 libnssdbm3; do
		[ -n "${vm_keep_present:-}" ] && [ -e "$root/usr/lib/$triplet/$m.so" ] && continue
		p=$(find_lib "$m.so") || fail "$m.so not in ${libdirs[*]}"
		cp -L "$p" "${p%.so}.chk" "$root/usr/lib/$triplet/"
		vm_add_closure "$root" "$root/usr/lib/$triplet/$m.so"
	done
	[ -n "${vm_keep_present:-}" ] && [ -e "$root/usr/lib/ssl/openssl.cnf" ] && return 0
	# OPENSSLDIR is /usr/lib/ssl on Debian, a link to /etc/ssl.
	cp "$libroot/usr/lib/ssl/openssl.cnf" "$root/etc/ssl/openssl.cnf"
	mkdir -p "$root/usr/lib/ssl"
	ln -sf /etc/ssl/openssl.cnf "$root/usr/lib/ssl/openssl.cnf"
	cp /usr/lib/os-release "$root/etc/os-release"
}

# vm_add_modules SRC REL ROOT MODULE...: each MODULE with its dependencies
# from SRC/lib/modules/REL, as modprobe resolves them, into ROOT's
# /usr/lib/modules/REL (then depmod over ROOT).  Prints the modules it
# found; one missing is fatal unless vm_modules_optional is set (another
# kernel may build it in or lack an accelerated variant).
vm_add_modules() {
	local src=$1 rel=$2 root=$3 m kind path f err deps
	shift 3
	local from=$src/lib/modules/$rel dst=$root/usr/lib/modules/$rel
	mkdir -p "$dst"
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$from/$f" ] && cp "$from/$f" "$dst/"
	done
	err=$(mktemp)
	for m in "$@"; do
		if ! deps=$(modprobe -d "$src" -S "$rel" --show-depends "$m" 2> "$err"); then
			[ -n "${vm_modules_optional:-}" ] || { rm -f "$err"; fail "module $m is not in $from: $(cat "$err")"; }
			echo "vm-tests: warning: module $m is not in $from; not loaded" >&2
			continue
		fi
		while read -r kind path _; do
			[ "$kind" = insmod ] || continue
			mkdir -p "$dst/$(dirname "${path#"$from"/}")"
			cp "$path" "$dst/${path#"$from"/}"
		done <<< "$deps"
		echo "$m"
	done
	rm -f "$err"
	depmod -b "$root" "$rel"
}
