// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * OpenSSL 3 FIPS provider, parent side.  The parent never loads
 * libcrypto: every finding here comes from the helper fipsctl-probe-openssl
 * (helpers/openssl/probe.c), which examines the default library context the
 * way `openssl list -providers` sees it.
 */
#include "checks.h"

const struct fc_probe_info fc_probe_info_openssl = {
	.name = "openssl",
	.library = "libcrypto.so.3",
	.packages = "openssl-libs (EL9), libssl3 (Debian)",
	.install = "dnf install openssl-libs",
};

const struct fc_check fc_check_openssl_provider = {
	.id = "openssl.provider",
	.area = "openssl",
	.title = "OpenSSL FIPS provider active and selected",
	.requirement = "FIPS 140-3 approved mode: applications get approved "
		       "services only from the validated module, i.e. the "
		       "'fips' provider is active in the default library "
		       "context and default_properties = fips=yes "
		       "(OpenSSL 3.0 fips_module(7), README-FIPS.md; RHEL 9 "
		       "Security Hardening ch. 2)",
	.probe = "openssl",
};

const struct fc_check fc_check_openssl_integrity = {
	.id = "openssl.integrity",
	.area = "openssl",
	.title = "OpenSSL FIPS provider integrity test",
	.requirement = "FIPS 140-3 section 7.10.2 / ISO 19790 7.10.2.2: the "
		       "module verifies its own integrity (HMAC-SHA-256 of "
		       "fips.so, and of the install indicator) before it "
		       "offers any service",
	.probe = "openssl",
};

const struct fc_check fc_check_openssl_selftest = {
	.id = "openssl.selftest",
	.area = "openssl",
	.title = "OpenSSL FIPS provider self-tests (--selftest)",
	.requirement = "FIPS 140-3 section 7.10 / ISO 19790 7.10.2: on-demand "
		       "self-tests (OSSL_PROVIDER_self_test: integrity and "
		       "every known-answer test) pass",
	.probe = "openssl",
};

const struct fc_check fc_check_openssl_summary = {
	.id = "openssl.summary",
	.area = "openssl",
	.title = "OpenSSL FIPS module summary",
	.requirement = "FIPS 140-3 operational environment: FIPS mode is "
		       "requested, the module is active, its integrity test "
		       "and self-tests passed; module name and version for the "
		       "validated-version check",
	.probe = "openssl",
};
