// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one table of checks, in report order.  Add a check: write its
 * descriptor in checks/<area>.c, declare it in checks/checks.h, list it
 * here in its area's block.
 */
#include "checks.h"

const struct fc_check *const fc_checks[] = {
	/* kernel: checks/kernel.c */
	&fc_check_kernel_fips_enabled,
	/* boot loader: checks/boot.c */
	/* crypto policy: checks/crypto-policy.c */
	/* OpenSSL: checks/openssl.c (probe: checks/probe-openssl.c) */
	/* libgcrypt: checks/libgcrypt.c (probe: checks/probe-libgcrypt.c) */
	/* NSS: checks/nss.c (probe: checks/probe-nss.c) */
	/* GnuTLS: checks/gnutls.c (probe: checks/probe-gnutls.c) */
	/* validated versions: checks/validated.c */
	NULL,
};
