#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The process boundary (HACKING.md): the parent, build/fipsctl, links no
# crypto library at all, and each helper links only its own module's.  A
# library that loads an audited module into the parent, or into another
# module's helper, would change what it measures (a second libcrypto in
# the OpenSSL probe, libgcrypt initialised by a library the parent
# pulled in).  Read from the ELF dynamic section (readelf -d: what the
# program itself asks the loader for) and, for the parent, from the whole
# closure the loader resolves (ldd).
. "$(dirname "$0")/../lib.sh"

command -v readelf > /dev/null || { skip linkage "readelf (binutils) is not installed"; exit 0; }

needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p'; }

# Libraries that are, or load, a cryptographic module.
crypto_re='^lib(crypto|ssl|gcrypt|gnutls|nettle|hogweed|nss3|nssutil3|smime3|ssl3|softokn3|freebl[a-z0-9]*|archive|rpm|rpmio|kcapi|sodium|mbedcrypto|wolfssl|botan-[0-9]+|gpgme|ksba)\.so'

# Sanitizer runtimes come with SANITIZE builds; nothing else may.
parent_ok='^(libjson-c|libblkid|libuuid|libc|libasan|libubsan)\.so'

# check_parent FILE: the parent's direct and resolved libraries.
check_parent() {
	local bin=$1 bad lib
	bad=$(needed "$bin" | grep -vE "$parent_ok" | tr '\n' ' ')
	if [ -z "$bad" ]; then ok "parent links only json-c, blkid, uuid and libc"
	else not_ok "parent links only json-c, blkid, uuid and libc" "also: $bad"; fi
	if ! command -v ldd > /dev/null || [ -n "${CROSS_BUILD:-}" ]; then
		skip "parent-closure" "ldd not usable here"; return
	fi
	bad=$(ldd "$bin" | awk '{print $1}' | sed 's#.*/##' | grep -E "$crypto_re" | tr '\n' ' ')
	if [ -z "$bad" ]; then ok "no crypto library anywhere in the parent's closure"
	else not_ok "no crypto library anywhere in the parent's closure" "loaded: $bad"; fi
}

# Which crypto libraries each helper may link: its own module's.
declare -A own=(
	[openssl]='libcrypto'
	[libgcrypt]='libgcrypt'
	[gnutls]='libgnutls'
	[nss]='libnss3|libnssutil3|libsmime3|libssl3'
	[rpmdb]='librpm|librpmio'
	[evidence]='libcrypto|libarchive'
)

# foreign NAME FILE: the crypto libraries FILE links that are not NAME's.
foreign() {
	local allow=${own[$1]:-}
	[ -n "$allow" ] || { echo "(no rule for helper $1)"; return; }
	needed "$2" | grep -E "$crypto_re" | grep -vE "^($allow)\.so" | tr '\n' ' '
}

check_parent "$FIPSCTL"

n=0
for dir in "$TOP"/helpers/*/; do
	name=$(basename "$dir")
	[ "$name" = common ] && continue
	n=$((n + 1))
	bin=$BUILD/probes/fipsctl-probe-$name
	if [ ! -x "$bin" ]; then not_ok "helper-$name" "$bin was not built"; continue; fi
	bad=$(foreign "$name" "$bin")
	mine=$(needed "$bin" | grep -E "$crypto_re" | tr '\n' ' ')
	if [ -n "$bad" ]; then not_ok "helper-$name links only its own module" "foreign: $bad"
	elif [ -z "$mine" ]; then not_ok "helper-$name links only its own module" "it links no crypto library at all"
	else ok "helper-$name links only its own module ($mine)"; fi
done
[ "$n" -ge 6 ] && ok "every helper folder was checked ($n)" || not_ok "every helper folder was checked" "only $n"

# The rules must be able to fail: the OpenSSL helper judged as if it were
# the libgcrypt one links a foreign library.
bad=$(foreign libgcrypt "$BUILD/probes/fipsctl-probe-openssl")
case $bad in *libcrypto*) ok "a foreign crypto library is caught" ;;
*) not_ok "a foreign crypto library is caught" "got '$bad'" ;; esac

t_done
