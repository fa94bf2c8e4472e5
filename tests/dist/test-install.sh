#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make install puts exactly the files of tests/dist/installed-files (with
# this build's installation directories) into a DESTDIR, and
# make uninstall removes them all, and fipsctl's directories with them;
# a site table in policies.d/ is the administrator's and stays.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/dist/lib-dist.sh"

inst=$t_tmp/inst
mk() { env -u MAKEFLAGS -u MAKELEVEL make -s -C "$TOP" BUILD="$BUILD" "$@"; }

if ! mk install DESTDIR="$inst" > "$t_tmp/install.log" 2>&1; then
	not_ok install "$(tail -5 "$t_tmp/install.log")"
	t_done
	exit
fi
dist_expected "$TOP" > "$t_tmp/expected"
dist_installed "$inst" > "$t_tmp/installed"
if diff -u "$t_tmp/expected" "$t_tmp/installed" > "$t_tmp/diff"; then
	ok "install-files ($(grep -vc '/$' "$t_tmp/installed") files)"
else
	not_ok install-files "installed files differ from tests/dist/installed-files (-expected +installed):"
	sed 's/^/    /' "$t_tmp/diff" >&2
fi
bad=$(cd "$inst" && find . -type f \( -perm -o+w -o -perm -g+w \) -printf '/%P\n')
if [ -z "$bad" ]; then ok install-modes; else not_ok install-modes "group or world writable: $bad"; fi

# A site table survives uninstall, and keeps its directory.
sysconfdir=$(mk print-installdirs | sed -n 's/^SYSCONFDIR=//p')
site=$inst$sysconfdir/fipsctl/policies.d/site.json
echo '{}' > "$site"
if ! mk uninstall DESTDIR="$inst" > "$t_tmp/uninstall.log" 2>&1; then
	not_ok uninstall "$(tail -5 "$t_tmp/uninstall.log")"
	t_done
	exit
fi
left=$(dist_installed "$inst")
if [ "$left" = "${sysconfdir}/fipsctl/
${sysconfdir}/fipsctl/policies.d/
${sysconfdir}/fipsctl/policies.d/site.json" ]; then
	ok uninstall-keeps-site-tables
else
	not_ok uninstall-keeps-site-tables "left after uninstall: ${left//$'\n'/ }"
fi
rm "$site"
mk uninstall DESTDIR="$inst" > /dev/null 2>&1
left=$(dist_installed "$inst")
if [ -z "$left" ]; then ok uninstall-leaves-nothing; else not_ok uninstall-leaves-nothing "left: ${left//$'\n'/ }"; fi
t_done
