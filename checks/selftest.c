// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl's own known-answer tests, parent side.  The vectors
 * run inside each library's probe helper, through that library's adapter
 * (helpers/<library>/selftest.c, src/kat/kat.h); these descriptors only name the
 * helper.  They run with 'fipsctl selftest' and 'fipsctl check --selftest',
 * never in a plain 'check' (selftest_only).
 */
#include "checks.h"

#define SELFTEST_REQUIREMENT(lib)                                              \
	"FIPS 140-3 / ISO 19790 7.10 and SP 800-140B: the module computes "   \
	"every approved algorithm correctly on this host; independent of "    \
	"the module's own power-up tests, " lib " is run through fipsctl's "  \
	"known-answer vectors (NIST ACVP and CAVP samples, Project "           \
	"Wycheproof), including invalid cases it must reject"

const struct fc_check fc_check_selftest_openssl = {
	.id = "selftest.openssl",
	.area = "selftest",
	.title = "OpenSSL known-answer tests (fipsctl's vectors)",
	.requirement = SELFTEST_REQUIREMENT("OpenSSL (EVP, fips=yes when the "
					    "FIPS provider is active)"),
	.probe = "openssl",
	.selftest_only = true,
};

const struct fc_check fc_check_selftest_libgcrypt = {
	.id = "selftest.libgcrypt",
	.area = "selftest",
	.title = "libgcrypt known-answer tests (fipsctl's vectors)",
	.requirement = SELFTEST_REQUIREMENT("libgcrypt"),
	.probe = "libgcrypt",
	.selftest_only = true,
};

const struct fc_check fc_check_selftest_gnutls = {
	.id = "selftest.gnutls",
	.area = "selftest",
	.title = "GnuTLS known-answer tests (fipsctl's vectors)",
	.requirement = SELFTEST_REQUIREMENT("GnuTLS"),
	.probe = "gnutls",
	.selftest_only = true,
};

const struct fc_check fc_check_selftest_nss = {
	.id = "selftest.nss",
	.area = "selftest",
	.title = "NSS known-answer tests (fipsctl's vectors)",
	.requirement = SELFTEST_REQUIREMENT("NSS (PK11)"),
	.probe = "nss",
	.selftest_only = true,
};
