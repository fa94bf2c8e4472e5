// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NSS: the parent's side of the NSS probe.  Nothing here links
 * NSS; the findings come from the helper fipsctl-probe-nss
 * (helpers/nss/probe.c), which runs in its own process.
 */
#include "checks.h"

const struct fc_probe_info fc_probe_info_nss = {
	.name = "nss",
	.library = "libnss3.so",
	.packages = "nss, nss-softokn (EL9), libnss3 (Debian)",
	.install = "dnf install nss nss-softokn",
};

const struct fc_check fc_check_nss_system_fips = {
	.id = "nss.system_fips",
	.area = "nss",
	.title = "NSS follows the system-wide FIPS mode",
	.requirement = "FIPS 140-3 approved mode of operation: in system-wide "
		       "FIPS mode NSS puts its internal module into FIPS mode "
		       "because SECMOD_GetSystemFIPSEnabled() reads "
		       "/proc/sys/crypto/fips_enabled=1; RHEL 9 Security "
		       "Hardening, ch. 2 'Switching the system to FIPS mode'",
	.probe = "nss",
};

const struct fc_check fc_check_nss_database = {
	.id = "nss.database",
	.area = "nss",
	.title = "NSS databases use the FIPS token",
	.requirement = "FIPS 140-3 approved mode of operation: an NSS "
		       "application works in FIPS mode only when the internal "
		       "module of its database is the NSS Internal FIPS PKCS #11 "
		       "Module (PK11_IsFIPS); the system database is "
		       "/etc/pki/nssdb on RHEL 9 (modutil -fips true switches a "
		       "database)",
	.probe = "nss",
};

const struct fc_check fc_check_nss_selftest = {
	.id = "nss.selftest",
	.area = "nss",
	.title = "NSS softoken power-up self-tests and integrity check",
	.requirement = "FIPS 140-3 (ISO/IEC 19790 7.10.2) pre-operational "
		       "software integrity test and conditional/power-up "
		       "self-tests: NSS softoken runs its KATs and verifies "
		       "libsoftokn3 and libfreeblpriv3 against their .chk files "
		       "only when the FIPS token initialises (FC_Initialize). "
		       "That is the only way to run them, so this check runs "
		       "on every 'fipsctl check' (about 20 ms), with or without "
		       "--selftest",
	.probe = "nss",
};

const struct fc_check fc_check_nss_summary = {
	.id = "nss.summary",
	.area = "nss",
	.title = "NSS FIPS module summary",
	.requirement = "FIPS 140-3 (ISO/IEC 19790:2012 7.4.3 approved mode, "
		       "7.10 self-tests): per module, whether FIPS mode is "
		       "requested and active, and whether the pre-operational "
		       "self-tests passed and the integrity test verified the "
		       "module (true, false or unknown)",
	.probe = "nss",
};
