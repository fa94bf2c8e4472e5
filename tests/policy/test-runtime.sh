#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The runtime identifier side of the verdicts, on the live host with a real
# OpenSSL FIPS provider (the one tests/setup/10-openssl-fips.sh builds from
# Debian's source): a site table for this host that lists the provider's
# name and version must give "validated" from the runtime identifier alone
# (this host has no rpmdb), one that lists another version must not judge
# a plain upstream version, and without the provider there is no
# identifier to match.  The table is a test table, never a claim that
# Debian's provider is validated.
. "$(dirname "$0")/../lib.sh"

cache=${FIPSCTL_CACHE:-/var/cache/fipsctl-test}/openssl-fips
cases="runtime-match runtime-other-version runtime-no-provider runtime-search-path"
if [ ! -f "$cache/fips.so" ] || [ ! -f "$cache/openssl-fips.cnf" ]; then
	for c in $cases; do skip "$c" "no FIPS provider in $cache (run tests/setup/10-openssl-fips.sh)"; done
	exit 0
fi
if ! command -v jq > /dev/null; then
	for c in $cases; do skip "$c" "jq is not installed (tests/deps.sh)"; done
	exit 0
fi
# "3.0.20-1~deb12u2" -> "3.0.20", what the provider reports as its version.
provver=$(cat "$cache/VERSION")
provver=${provver#*:}
provver=${provver%-*}
# shellcheck disable=SC1091
os_id=$(. /etc/os-release && echo "$ID")
os_ver=$(. /etc/os-release && echo "$VERSION_ID")
arch=$(uname -m)

# table FILE VERSION: a site table for this host naming VERSION.
table() {
	mkdir -p "$(dirname "$1")"
	cat > "$1" <<-JSON
	{
	  "format": "fipsctl-policy/2",
	  "name": "fipsctl-test-runtime",
	  "title": "fipsctl test: this host's OpenSSL FIPS provider",
	  "vendor": "fipsctl tests",
	  "applies_to": {
	    "os": [{"id": "$os_id", "version_id": "$os_ver",
	            "provenance": {"source": "fipsctl test", "date": "2026-11", "confidence": "unconfirmed"}}],
	    "arches": ["$arch"]
	  },
	  "provenance": {"source": "fipsctl test: Debian's provider built from source is not a validated module", "date": "2026-11", "confidence": "unconfirmed"},
	  "modules": {
	    "openssl": {
	      "builds": [{
	        "arches": ["$arch"],
	        "module_name": "OpenSSL FIPS Provider",
	        "module_version": "$2",
	        "packages": [],
	        "certificate": {"number": null,
	                        "provenance": {"source": "none", "date": "2026-11", "confidence": "unconfirmed"}},
	        "provenance": {"source": "fipsctl test", "date": "2026-11", "confidence": "unconfirmed"}
	      }]
	    }
	  }
	}
	JSON
}

# fact JSON ID KEY
fact() {
	jq -r --arg id "$2" --arg k "$3" \
		'.findings[] | select(.id == $id) | .facts[] | select(.key == $k) | .value' "$1"
}
status() {
	jq -r --arg id "$2" '.findings[] | select(.id == $id) | .status' "$1"
}
# want NAME JSON STATUS VERDICT RUNTIME_MATCH
want() {
	local s v m
	s=$(status "$2" validated.openssl)
	v=$(fact "$2" validated.openssl verdict)
	m=$(fact "$2" validated.openssl runtime_match)
	if [ "$s" = "$3" ] && [ "$v" = "$4" ] && [ "$m" = "$5" ]; then
		ok "$1"
	else
		not_ok "$1" "got status '$s' verdict '$v' runtime_match '$m'; expected '$3' '$4' '$5'"
	fi
}

only='openssl.*,validated.openssl,validated.rpmdb'
table "$t_tmp/match.json" "$provver"
OPENSSL_CONF=$cache/openssl-fips.cnf "$FIPSCTL" --format json check --only "$only" \
	--policy "$t_tmp/match.json" > "$t_tmp/r1.json" 2> "$t_tmp/err"
want runtime-match "$t_tmp/r1.json" warn validated \
	"module version $provver is the validated build"

table "$t_tmp/other.json" "3.0.7-1d2bd88ee26b3c90"
OPENSSL_CONF=$cache/openssl-fips.cnf "$FIPSCTL" --format json check --only "$only" \
	--policy "$t_tmp/other.json" > "$t_tmp/r2.json" 2> "$t_tmp/err"
want runtime-other-version "$t_tmp/r2.json" skip unknown \
	"not checked: openssl.provider reports '$provver', not a module version (<version>-<16 hex digits>)"

env -u OPENSSL_CONF "$FIPSCTL" --format json check --only "$only" \
	--policy "$t_tmp/match.json" > "$t_tmp/r3.json" 2> "$t_tmp/err"
want runtime-no-provider "$t_tmp/r3.json" skip unknown \
	"not checked: openssl.summary reports 'none reported by the library', not a module version (<version>-<16 hex digits>)"

# Without --policy the site directory's table is chosen by os-release
# and architecture.
mkdir -p "$t_tmp/site"
cp "$t_tmp/match.json" "$t_tmp/site/"
FIPSCTL_POLICY_DIR=$t_tmp/site OPENSSL_CONF=$cache/openssl-fips.cnf \
	"$FIPSCTL" --format json check --only "$only,validated.policy" > "$t_tmp/r4.json" 2> "$t_tmp/err"
if [ "$(fact "$t_tmp/r4.json" validated.policy policy)" = fipsctl-test-runtime ] &&
	[ "$(fact "$t_tmp/r4.json" validated.openssl verdict)" = validated ]; then
	ok runtime-search-path
else
	not_ok runtime-search-path "$(cat "$t_tmp/err") $(jq -c '.findings[] | select(.id|startswith("validated."))|[.id,.status,.summary]' "$t_tmp/r4.json")"
fi
t_done
