# SPDX-License-Identifier: GPL-2.0-or-later
#
# The host of the crypto-policy.* cases (tests/cases/crypto-policy/):
# AlmaLinux 9.2 in FIPS mode as fips-mode-setup leaves it, crypto-policies
# laid out as EL9 lays them out: /usr/share/crypto-policies/<POLICY>/
# <back-end>.txt, /etc/crypto-policies/back-ends/<back-end>.config as
# absolute symlinks (what update-crypto-policies makes), config,
# state/current and state/CURRENT.pol.  A case's mkroot starts with
# 'crypto_policy_host' and changes only what it is about.

BACKENDS="openssl opensslcnf gnutls nss libreswan java krb5 openssh \
opensshserver bind libssh javasystem"
KVER=5.14.0-284.11.1.el9_2.x86_64
SHARE=/usr/share/crypto-policies

# link_backends ROOT POLICY: back-ends as update-crypto-policies links them.
link_backends() {
	local b
	rm -f "$1"/etc/crypto-policies/back-ends/*
	for b in $BACKENDS; do
		ln -s "$SHARE/$2/$b.txt" "$1/etc/crypto-policies/back-ends/$b.config"
	done
}

# write_backends ROOT POLICY: the regular files it writes instead of
# links: for a policy with subpolicies (there is no $SHARE/FIPS:OSPP
# directory to link to) what its generators make; for one without, when
# local.d holds additions, the policy's file followed by them (save_config).
write_backends() {
	local b l
	rm -f "$1"/etc/crypto-policies/back-ends/*
	for b in $BACKENDS; do
		if [ -d "$1$SHARE/$2" ]; then
			cat "$1$SHARE/$2/$b.txt"
			for l in "$1/etc/crypto-policies/local.d/$b"-*.config; do
				if [ -e "$l" ]; then cat "$l"; fi
			done
		else
			printf '# %s back-end generated for %s\n' "$b" "$2"
		fi > "$1/etc/crypto-policies/back-ends/$b.config"
	done
}

# set_policy ROOT CONFIG STATE: config text and what was applied.
set_policy() {
	printf '%b' "$2" > "$1/etc/crypto-policies/config"
	printf '%s\n' "$3" > "$1/etc/crypto-policies/state/current"
	printf '# Policy %s dump\n#\n# Baseline values for all scopes:\n' "$3" \
		> "$1/etc/crypto-policies/state/CURRENT.pol"
}

crypto_policy_host_build() {
	local r=$1 p b
	mkdir -p "$r"/etc/crypto-policies/{back-ends,state,local.d,policies/modules} \
		"$r$SHARE/policies/modules" "$r"/proc/sys/crypto "$r"/proc/sys/kernel
	for p in FIPS DEFAULT; do
		mkdir -p "$r$SHARE/$p"
		for b in $BACKENDS; do
			printf '# %s policy for %s\n' "$p" "$b" > "$r$SHARE/$p/$b.txt"
		done
		printf '# %s policy\n' "$p" > "$r$SHARE/policies/$p.pol"
	done
	printf 'DEFAULT\n' > "$r$SHARE/default-config"
	printf '# OSPP subpolicy\n' > "$r$SHARE/policies/modules/OSPP.pmod"
	cat > "$r/etc/os-release" <<-EOF_
	NAME="AlmaLinux"
	VERSION="9.2 (Turquoise Kodkod)"
	ID="almalinux"
	VERSION_ID="9.2"
	PRETTY_NAME="AlmaLinux 9.2 (Turquoise Kodkod)"
	EOF_
	set_policy "$r" 'FIPS\n' FIPS
	link_backends "$r" FIPS
	# crypto-policies' own program (EL9 and EL10); fips-mode-setup,
	# which EL10 removed, only where a case adds it.  A placeholder that
	# is never run, as el9-host.sh's.
	mkdir -p "$r/usr/bin"
	printf '#!/bin/sh\necho "fipsctl fixture: placeholder" >&2\nexit 1\n' \
		> "$r/usr/bin/update-crypto-policies"
	chmod 755 "$r/usr/bin/update-crypto-policies"
	echo 1 > "$r/proc/sys/crypto/fips_enabled"
	echo "$KVER" > "$r/proc/sys/kernel/osrelease"
	echo "# FIPS module installation complete" > "$r/etc/system-fips"
}

# crypto_policy_host: the host into $ROOT.
crypto_policy_host() {
	base crypto-policy-host crypto_policy_host_build
}
