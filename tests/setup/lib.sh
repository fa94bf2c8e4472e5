# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the tests/setup/*.sh scripts (sourced).  Those scripts build
# expensive test fixtures (special library builds) into a cache outside the
# checkout, ${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/<thing>, and skip the
# work when the cached result exists and records the same version.
set -euo pipefail
: "${FIPSCTL_CACHE:=/var/cache/fipsctl-test}"
export DEBIAN_FRONTEND=noninteractive

setup_log() { echo "setup: $*" >&2; }

# Install packages that are missing (dpkg status), nothing else.
setup_apt_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2> /dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	setup_log "installing ${missing[*]}"
	apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null
}

# CI starts from a fresh Debian 12 without deb-src entries: add a
# deb-src twin of every deb822 "Types: deb" stanza, then refresh.
setup_deb_src() {
	if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ ||
		grep -qs '^deb-src ' /etc/apt/sources.list; then
		return 0
	fi
	local src=/etc/apt/sources.list.d/debian.sources
	local dst=/etc/apt/sources.list.d/fipsctl-src.sources
	if [ ! -r "$src" ]; then
		echo "setup: $src not found; add a deb-src entry by hand" >&2
		return 1
	fi
	setup_log "adding deb-src entries in $dst"
	sed -n 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/; p' "$src" > "$dst.tmp"
	mv "$dst.tmp" "$dst"
	apt-get update -q > /dev/null
}

# apt-get source [OPTS] of source package PKG into DIR: version VER, or
# the newest the mirror has when VER is gone from it (security updates
# leave the pool).
setup_apt_source() {
	local pkg=$1 ver=$2 dir=$3
	shift 3
	setup_apt_install dpkg-dev
	if ! (cd "$dir" && apt-get source -q "$@" "$pkg=$ver" > /dev/null 2>&1); then
		setup_log "source $pkg=$ver is not on the mirror; using the newest"
		(cd "$dir" && apt-get source -q "$@" "$pkg" > /dev/null)
	fi
}

# Fetch and unpack Debian's source of PKG (version VER) under DIR, print
# the unpacked tree's path.  apt-get source applies Debian's patches.
setup_debian_source() {
	local pkg=$1 ver=$2 dir=$3
	mkdir -p "$dir"
	local tree
	tree=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -1)
	if [ -z "$tree" ] || [ ! -f "$dir/.unpacked-$ver" ]; then
		rm -rf "${dir:?}"/*
		setup_apt_source "$pkg" "$ver" "$dir"
		tree=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -1)
		[ -n "$tree" ] || { echo "setup: apt-get source $pkg=$ver unpacked nothing in $dir" >&2; return 1; }
		touch "$dir/.unpacked-$ver"
	fi
	echo "$tree"
}

# The candidate (or installed) Debian version of a source package's binary.
setup_pkg_version() {
	dpkg-query -W -f='${Version}' "$1" 2> /dev/null ||
		apt-cache policy "$1" | sed -n 's/^ *Candidate: //p'
}

# setup_source_near PKG VERSION DIR: Debian's source of PKG unpacked under
# DIR: VERSION, or when the mirror no longer carries it (security updates
# leave the pool) the newest one that downloads.  Prints "VERSION TREE",
# the version read from the tree's own debian/changelog.
setup_source_near() {
	local pkg=$1 want=$2 dir=$3 v tree
	for v in "$want" $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' |
		sort -r -V | grep -vxF "$want"); do
		if tree=$(setup_debian_source "$pkg" "$v" "$dir"); then
			echo "$(dpkg-parsechangelog -l "$tree/debian/changelog" -S Version) $tree"
			return 0
		fi
		setup_log "$pkg source $v not downloadable; trying an older one"
	done
	echo "setup: no $pkg source version could be fetched" >&2
	return 1
}

# setup_candidate PKG: the version apt would install.
setup_candidate() { apt-cache policy "$1" | sed -n 's/^ *Candidate: //p'; }

# setup_deb_file DIR PKG[:ARCH]=VERSION: where apt-get download, run in
# DIR, puts that package (apt writes ':' as %3a; amd64 unless :ARCH).
setup_deb_file() {
	local n=${2%%=*} v=${2#*=} a=amd64
	case $n in *:*) a=${n#*:} n=${n%%:*} ;; esac
	echo "$1/${n}_${v//:/%3a}_$a.deb"
}

# setup_download DIR PKG=VERSION...: apt-get download into DIR what is not
# there yet (the mirror is live: keep what a cache was made from).
setup_download() {
	local dir=$1 need=() p
	shift
	mkdir -p "$dir"
	for p in "$@"; do
		[ -f "$(setup_deb_file "$dir" "$p")" ] || need+=("$p")
	done
	[ ${#need[@]} -eq 0 ] && return 0
	setup_log "downloading ${need[*]}"
	(cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "${need[@]}" > /dev/null)
}
