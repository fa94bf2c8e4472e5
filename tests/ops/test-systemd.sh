#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The systemd units as 'make install' installs them (contrib/systemd/):
# systemd-analyze verify finds nothing wrong with them inside the staged
# tree (their ExecStart= is the installed fipsctl; a broken copy is
# caught), 'systemd-analyze security' rates the sandbox at most 2.0 (the
# score is printed), the service writes what the README says, and 'make
# uninstall' takes them away.  The boot-time run is vm-tests/ (the
# "service" scenario on the Debian systemd image).
. "$(dirname "$0")/../lib.sh"

if ! command -v systemd-analyze > /dev/null; then
	skip systemd-units "systemd-analyze is not installed (systemd)"
	t_done
	exit
fi
D=$t_tmp/dest
units=usr/local/lib/systemd/system
if ! env -u MAKEFLAGS -u MAKELEVEL make -s -C "$TOP" BUILD="$BUILD" SANITIZE="${SANITIZE:-}" \
	DESTDIR="$D" install > "$t_tmp/install.log" 2>&1; then
	not_ok systemd-install "make install failed: $(tail -5 "$t_tmp/install.log")"
	t_done
	exit
fi
svc=$D/$units/fipsctl-check.service
if [ -f "$svc" ] && [ -f "$D/$units/fipsctl-check.timer" ] &&
	[ -f "$D/usr/local/lib/tmpfiles.d/fipsctl.conf" ] &&
	grep -qx 'ExecStart=/usr/local/bin/fipsctl check --format json --output /var/lib/fipsctl/last.json --textfile ${FIPSCTL_TEXTFILE}' "$svc" &&
	grep -qx 'StateDirectory=fipsctl' "$svc" && grep -qx 'ProtectSystem=strict' "$svc"; then
	ok systemd-installed
else
	not_ok systemd-installed "$(find "$D" -path '*systemd*' -o -path '*tmpfiles*')"
fi

# verify loads the units' dependencies (sysinit.target, ...) from the
# root: the host's own unit folder stands in for the target system's.
hostunits=''
for d in /usr/lib/systemd/system /lib/systemd/system; do
	[ -f "$d/sysinit.target" ] && { hostunits=$d; break; }
done
if [ -z "$hostunits" ]; then
	skip systemd-verify "no systemd unit folder on this machine to load sysinit.target from"
else
	mkdir -p "$D/usr/lib/systemd"
	cp -r "$hostunits" "$D/usr/lib/systemd/system"
	if systemd-analyze verify --root="$D" fipsctl-check.service fipsctl-check.timer > "$t_tmp/verify" 2>&1 &&
		[ ! -s "$t_tmp/verify" ]; then
		ok systemd-verify
	else
		not_ok systemd-verify "$(cat "$t_tmp/verify")"
	fi
	# The same with an ExecStart= that is not there: verify must object.
	sed -i 's|^ExecStart=/usr/local/bin/fipsctl |ExecStart=/usr/local/bin/fipsctl-missing |' "$svc"
	if systemd-analyze verify --root="$D" fipsctl-check.service > "$t_tmp/verify" 2>&1; then
		not_ok systemd-verify-catches-broken "verify accepted a missing ExecStart= binary"
	elif grep -q 'fipsctl-missing is not executable' "$t_tmp/verify"; then
		ok systemd-verify-catches-broken
	else
		not_ok systemd-verify-catches-broken "$(cat "$t_tmp/verify")"
	fi
	sed -i 's|^ExecStart=/usr/local/bin/fipsctl-missing |ExecStart=/usr/local/bin/fipsctl |' "$svc"
fi

# The sandbox's exposure (0 best, 10 worst).
if systemd-analyze security --offline=yes "$svc" > "$t_tmp/security" 2>&1; then
	score=$(sed -n 's/.*Overall exposure level for fipsctl-check.service: \([0-9.]*\).*/\1/p' "$t_tmp/security")
	if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'; then
		ok "systemd-security-exposure ($score)"
	else
		not_ok systemd-security-exposure "exposure '${score:-?}', want at most 2.0"
		grep '✗' "$t_tmp/security" >&2
	fi
else
	skip systemd-security-exposure "this systemd-analyze has no 'security --offline' ($(systemd-analyze --version | head -1))"
fi

timer=$D/$units/fipsctl-check.timer
if grep -qx 'OnCalendar=daily' "$timer" && grep -q '^RandomizedDelaySec=' "$timer" &&
	grep -qx 'WantedBy=timers.target' "$timer"; then
	ok systemd-timer
else
	not_ok systemd-timer "$(cat "$timer")"
fi

env -u MAKEFLAGS -u MAKELEVEL make -s -C "$TOP" BUILD="$BUILD" SANITIZE="${SANITIZE:-}" DESTDIR="$D" uninstall > /dev/null 2>&1
if [ ! -e "$svc" ] && [ ! -e "$timer" ] && [ ! -e "$D/usr/local/bin/fipsctl" ] &&
	[ ! -e "$D/usr/local/lib/tmpfiles.d/fipsctl.conf" ]; then
	ok systemd-uninstall
else
	not_ok systemd-uninstall "$(find "$D/usr/local" -type f | head)"
fi
t_done
