/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every check descriptor and probe description, declared once. */
#ifndef FC_CHECKS_H
#define FC_CHECKS_H

#include "engine/check.h"
#include "engine/probe.h"

/* kernel */
extern const struct fc_check fc_check_kernel_fips_enabled;
extern const struct fc_check fc_check_kernel_cmdline_fips;
extern const struct fc_check fc_check_kernel_cmdline_boot;
extern const struct fc_check fc_check_kernel_crypto_selftests;
/* boot loader */
extern const struct fc_check fc_check_boot_default_entry;
extern const struct fc_check fc_check_boot_entries;
extern const struct fc_check fc_check_boot_kernel_cmdline;
extern const struct fc_check fc_check_boot_hmac;
extern const struct fc_check fc_check_boot_pending_reboot;
extern const struct fc_check fc_check_boot_pinned;
/* crypto policy */
extern const struct fc_check fc_check_crypto_policy_config;
extern const struct fc_check fc_check_crypto_policy_applied;
extern const struct fc_check fc_check_crypto_policy_backends;
extern const struct fc_check fc_check_crypto_policy_system_fips;
extern const struct fc_check fc_check_crypto_policy_fips_mode_setup;
/* OpenSSL */
extern const struct fc_probe_info fc_probe_info_openssl;
extern const struct fc_check fc_check_openssl_provider;
extern const struct fc_check fc_check_openssl_integrity;
extern const struct fc_check fc_check_openssl_selftest;
extern const struct fc_check fc_check_openssl_summary;
/* libgcrypt */
extern const struct fc_probe_info fc_probe_info_libgcrypt;
extern const struct fc_check fc_check_libgcrypt_fips_mode;
extern const struct fc_check fc_check_libgcrypt_selftest;
extern const struct fc_check fc_check_libgcrypt_summary;
/* NSS */
extern const struct fc_probe_info fc_probe_info_nss;
extern const struct fc_check fc_check_nss_system_fips;
extern const struct fc_check fc_check_nss_database;
extern const struct fc_check fc_check_nss_selftest;
extern const struct fc_check fc_check_nss_summary;
/* GnuTLS */
extern const struct fc_probe_info fc_probe_info_gnutls;
extern const struct fc_check fc_check_gnutls_fips_mode;
extern const struct fc_check fc_check_gnutls_selftest;
extern const struct fc_check fc_check_gnutls_summary;
/* fipsctl's known-answer tests (--selftest) */
extern const struct fc_check fc_check_selftest_openssl;
extern const struct fc_check fc_check_selftest_libgcrypt;
extern const struct fc_check fc_check_selftest_gnutls;
extern const struct fc_check fc_check_selftest_nss;
/* validated versions */
extern const struct fc_probe_info fc_probe_info_rpmdb;
extern const struct fc_check fc_check_validated_policy;
extern const struct fc_check fc_check_validated_rpmdb;
extern const struct fc_check fc_check_validated_kernel;
extern const struct fc_check fc_check_validated_boot_kernel;
extern const struct fc_check fc_check_validated_openssl;
extern const struct fc_check fc_check_validated_libgcrypt;
extern const struct fc_check fc_check_validated_nss;
extern const struct fc_check fc_check_validated_gnutls;

#endif
