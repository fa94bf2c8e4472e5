// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GnuTLS, parent side.  The parent never loads GnuTLS: every
 * finding here comes from the helper fipsctl-probe-gnutls
 * (helpers/gnutls/probe.c).  A FIPS-enabled GnuTLS runs its self-tests and
 * integrity check from a library constructor, so merely loading it is a
 * probe of its own.
 */
#include "checks.h"

const struct fc_probe_info fc_probe_info_gnutls = {
	.name = "gnutls",
	.library = "libgnutls.so.30",
	.packages = "gnutls (EL9), libgnutls30 (Debian)",
	.install = "dnf install gnutls",
};

const struct fc_check fc_check_gnutls_fips_mode = {
	.id = "gnutls.fips_mode",
	.area = "gnutls",
	.title = "GnuTLS built with FIPS support and running in FIPS mode",
	.requirement = "FIPS 140-3 approved mode of operation: GnuTLS enters "
		       "FIPS 140 mode when /proc/sys/crypto/fips_enabled=1 (or "
		       "GNUTLS_FORCE_FIPS_MODE=1), which exists only in a "
		       "build configured with --enable-fips140-mode, and only "
		       "after its power-up self-tests and integrity check pass "
		       "(gnutls_fips140_mode_enabled(); GnuTLS manual 'FIPS140-2 "
		       "mode'; RHEL 9 Security Hardening ch. 2)",
	.probe = "gnutls",
};

const struct fc_check fc_check_gnutls_selftest = {
	.id = "gnutls.selftest",
	.area = "gnutls",
	.title = "GnuTLS known-answer self-tests",
	.requirement = "FIPS 140-3 (ISO/IEC 19790 7.10.1) self-tests on "
		       "demand: gnutls_{cipher,mac,digest,pk,hkdf,pbkdf2,"
		       "tlsprf}_self_test(GNUTLS_SELF_TEST_FLAG_ALL, 0) "
		       "(<gnutls/self-test.h>); runs with --selftest",
	.probe = "gnutls",
};

const struct fc_check fc_check_gnutls_summary = {
	.id = "gnutls.summary",
	.area = "gnutls",
	.title = "GnuTLS FIPS module summary",
	.requirement = "FIPS 140-3 (ISO/IEC 19790:2012 7.4.3 approved mode, "
		       "7.10 self-tests): per module, whether FIPS mode is "
		       "requested and active, and whether the pre-operational "
		       "self-tests passed and the integrity test verified the "
		       "module (true, false or unknown)",
	.probe = "gnutls",
};
