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
	&fc_check_kernel_cmdline_fips,
	&fc_check_kernel_cmdline_boot,
	&fc_check_kernel_crypto_selftests,
	/* boot loader: checks/boot.c */
	&fc_check_boot_default_entry,
	&fc_check_boot_entries,
	&fc_check_boot_kernel_cmdline,
	&fc_check_boot_hmac,
	&fc_check_boot_pending_reboot,
	&fc_check_boot_pinned, /* checks/pinned.c */
	/* crypto policy: checks/crypto-policy.c */
	&fc_check_crypto_policy_config,
	&fc_check_crypto_policy_applied,
	&fc_check_crypto_policy_backends,
	&fc_check_crypto_policy_system_fips,
	&fc_check_crypto_policy_fips_mode_setup,
	/* OpenSSL: checks/openssl.c (probe: helpers/openssl/probe.c) */
	&fc_check_openssl_provider,
	&fc_check_openssl_integrity,
	&fc_check_openssl_selftest,
	&fc_check_openssl_summary,
	/* libgcrypt: checks/libgcrypt.c (probe: helpers/libgcrypt/probe.c) */
	&fc_check_libgcrypt_fips_mode,
	&fc_check_libgcrypt_selftest,
	&fc_check_libgcrypt_summary,
	/* NSS: checks/nss.c (probe: helpers/nss/probe.c) */
	&fc_check_nss_system_fips,
	&fc_check_nss_database,
	&fc_check_nss_selftest,
	&fc_check_nss_summary,
	/* GnuTLS: checks/gnutls.c (probe: helpers/gnutls/probe.c) */
	&fc_check_gnutls_fips_mode,
	&fc_check_gnutls_selftest,
	&fc_check_gnutls_summary,
	/* known-answer tests, only with --selftest: checks/selftest.c
	 * (adapters: helpers/<library>/selftest.c, in the probes) */
	&fc_check_selftest_openssl,
	&fc_check_selftest_libgcrypt,
	&fc_check_selftest_gnutls,
	&fc_check_selftest_nss,
	/* validated versions: checks/validated.c, checks/validated-kernel.c
	 * (probe: helpers/rpmdb/probe.c) */
	&fc_check_validated_policy,
	&fc_check_validated_rpmdb,
	&fc_check_validated_kernel,
	&fc_check_validated_boot_kernel,
	&fc_check_validated_openssl,
	&fc_check_validated_libgcrypt,
	&fc_check_validated_nss,
	&fc_check_validated_gnutls,
	NULL,
};
