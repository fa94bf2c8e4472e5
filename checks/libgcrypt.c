// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libgcrypt, parent side.  The parent never loads libgcrypt:
 * every finding here comes from the helper fipsctl-probe-libgcrypt
 * (helpers/libgcrypt/probe.c), because libgcrypt's FIPS state is decided
 * once per process and a misuse in FIPS mode aborts it.
 */
#include "checks.h"

const struct fc_probe_info fc_probe_info_libgcrypt = {
	.name = "libgcrypt",
	.library = "libgcrypt.so.20",
	.packages = "libgcrypt (EL9), libgcrypt20 (Debian)",
	.install = "dnf install libgcrypt",
};

const struct fc_check fc_check_libgcrypt_fips_mode = {
	.id = "libgcrypt.fips_mode",
	.area = "libgcrypt",
	.title = "libgcrypt runs in FIPS mode and is operational",
	.requirement = "FIPS 140-3 approved mode of operation: libgcrypt "
		       "enters FIPS mode when /proc/sys/crypto/fips_enabled=1 "
		       "(or /etc/gcrypt/fips_enabled exists, or "
		       "LIBGCRYPT_FORCE_FIPS_MODE is set) and offers services "
		       "only after its power-up self-tests put it in the "
		       "Operational state (libgcrypt manual, 'FIPS Mode' and "
		       "'FIPS Finite State Machine'; RHEL 9 Security "
		       "Hardening ch. 2)",
	.probe = "libgcrypt",
};

const struct fc_check fc_check_libgcrypt_selftest = {
	.id = "libgcrypt.selftest",
	.area = "libgcrypt",
	.title = "libgcrypt self-tests on demand (GCRYCTL_SELFTEST)",
	.requirement = "FIPS 140-3 (ISO/IEC 19790 7.10.1) self-tests on "
		       "demand: GCRYCTL_SELFTEST runs the extended known-answer "
		       "tests (and the integrity check in FIPS mode) in FIPS "
		       "and non-FIPS mode; runs with --selftest",
	.probe = "libgcrypt",
};

const struct fc_check fc_check_libgcrypt_summary = {
	.id = "libgcrypt.summary",
	.area = "libgcrypt",
	.title = "libgcrypt FIPS module summary",
	.requirement = "FIPS 140-3 (ISO/IEC 19790:2012 7.4.3 approved mode, "
		       "7.10 self-tests): per module, whether FIPS mode is "
		       "requested and active, and whether the pre-operational "
		       "self-tests passed and the integrity test verified the "
		       "module (true, false or unknown)",
	.probe = "libgcrypt",
};
