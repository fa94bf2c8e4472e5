#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build OpenSSL's FIPS provider (fips.so) from Debian's openssl source, the
# same version as the installed libcrypto, and install it with the system's
# `openssl fipsinstall`.  Result, outside the checkout:
#   ${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/openssl-fips/
#     fips.so          the provider (about 1.8 MB, links only libc)
#     fipsmodule.cnf   fipsinstall's output: [fips_sect] with module-mac,
#                      install-mac, install-status and activate = 1
#     VERSION          the Debian source version built
#     BUILT-FOR        the libssl3 version it was built for
#     openssl-fips.cnf an openssl.cnf for OPENSSL_CONF: includes
#                      fipsmodule.cnf, activates base and fips (this
#                      fips.so), default_properties = fips=yes
# Debian ships no fips.so, and a provider built this way is NOT a validated
# module (README-FIPS.md: only certified versions are); the tests use it to
# exercise the real provider code paths, never to claim validation.
# The source of the installed libssl3 version is preferred; when the mirror
# no longer carries it (security updates vanish from the pool), the newest
# source version that downloads is used and recorded instead.
# Idempotent: does nothing when BUILT-FOR matches and both files exist.
# Takes about 30 s on 2 cores, plus the source download.
. "$(dirname "$0")/lib.sh"

out=$FIPSCTL_CACHE/openssl-fips
want=$(setup_pkg_version libssl3)
[ -n "$want" ] || { echo "setup: cannot tell the libssl3 version" >&2; exit 1; }

# The configuration the tests and the bench start from (module-probes.md
# 2.2); cheap, so rewritten on every run.
write_cnf() {
	cat > "$out/openssl-fips.cnf.tmp" << EOF
config_diagnostics = 1
openssl_conf = openssl_init
.include $out/fipsmodule.cnf
[openssl_init]
providers = provider_sect
alg_section = algorithm_sect
[provider_sect]
fips = fips_sect
base = base_sect
[base_sect]
activate = 1
[algorithm_sect]
default_properties = fips=yes
# Re-opening the included section adds to it.
[fips_sect]
module = $out/fips.so
EOF
	mv "$out/openssl-fips.cnf.tmp" "$out/openssl-fips.cnf"
}

if [ -f "$out/fips.so" ] && [ -f "$out/fipsmodule.cnf" ] &&
	[ "$(cat "$out/BUILT-FOR" 2> /dev/null)" = "$want" ]; then
	write_cnf
	setup_log "openssl-fips $(cat "$out/VERSION") (for libssl3 $want) already in $out"
	exit 0
fi

setup_apt_install build-essential perl openssl
setup_deb_src

# The build tree lives in the cache, never in the checkout, and goes away
# once fips.so is copied out.
work=$FIPSCTL_CACHE/openssl-fips.build
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
tree= built=
for v in "$want" $(apt-cache showsrc openssl | sed -n 's/^Version: //p' |
	sort -r -V | grep -vxF "$want"); do
	if tree=$(setup_debian_source openssl "$v" "$work/src"); then
		built=$v
		break
	fi
	setup_log "openssl source $v not downloadable; trying an older one"
done
[ -n "$built" ] || { echo "setup: no openssl source version could be fetched" >&2; exit 1; }
setup_log "building providers/fips.so in $tree"
start=$(date +%s)
(
	cd "$tree"
	# build_generated first: fips.so needs generated headers (bn_conf.h).
	./Configure enable-fips > "$work/configure.log" 2>&1
	make -j2 build_generated > "$work/make.log" 2>&1
	make -j2 providers/fips.so >> "$work/make.log" 2>&1
) || {
	echo "setup: building fips.so failed; last lines of the logs:" >&2
	tail -n 30 "$work"/configure.log "$work"/make.log >&2 || true
	exit 1
}
setup_log "fips.so built in $(($(date +%s) - start)) s"

mkdir -p "$out"
rm -f "$out/VERSION" "$out/BUILT-FOR"
install -m 0644 "$tree/providers/fips.so" "$out/fips.so"
# fipsinstall runs the provider's self-tests and writes the MACs; the
# installed CLI's libcrypto computes them, so its version need not match.
openssl fipsinstall -module "$out/fips.so" -out "$out/fipsmodule.cnf" \
	-provider_name fips > "$work/fipsinstall.log" 2>&1 || {
	echo "setup: openssl fipsinstall failed:" >&2
	tail -n 20 "$work/fipsinstall.log" >&2
	exit 1
}
grep -q 'INSTALL PASSED' "$work/fipsinstall.log" || {
	echo "setup: openssl fipsinstall did not print INSTALL PASSED" >&2
	exit 1
}
write_cnf
echo "$built" > "$out/VERSION"
echo "$want" > "$out/BUILT-FOR"
setup_log "openssl-fips $built (for libssl3 $want) ready in $out"
