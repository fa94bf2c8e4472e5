/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the fips provider stands, decided from what the probe learnt and
 * nothing else: no OpenSSL call, no I/O, no finding (the findings in
 * findings.c write one summary per state).  Kept free of OpenSSL's
 * headers so that tests/unit/test-provider-state.c can table-test it.
 */
#ifndef FC_OSSL_PROVIDER_STATE_H
#define FC_OSSL_PROVIDER_STATE_H

#include <stdbool.h>

struct fc_ossl_provider_facts {
	bool configured;  /* the configuration's [providers] names a fips one */
	bool activate;	  /* ... and its section has an activate key */
	bool available;	  /* OSSL_PROVIDER_available(NULL, "fips") */
	bool active;	  /* among the default context's active providers */
	bool have_status; /* its status parameter could be read */
	unsigned int status;
	bool module_missing;	 /* fips.so is not there (ENOENT) */
	bool default_props_fips; /* EVP_default_properties_is_fips_enabled */
};

enum fc_ossl_provider_state {
	/* Active with status 1; default_properties fips=yes or not. */
	FC_OSSL_SELECTED,
	FC_OSSL_NOT_SELECTED,
	FC_OSSL_ERROR_STATE,	/* active, status 0 or unreadable */
	FC_OSSL_NOT_INSTALLED,	/* configured, fips.so missing */
	FC_OSSL_LOAD_FAILED,	/* configured and activated, but dead */
	FC_OSSL_NOT_ACTIVATED,	/* configured without activate */
	FC_OSSL_NOT_CONFIGURED, /* nothing asks for it */
};

enum fc_ossl_provider_state
fc_ossl_provider_state(const struct fc_ossl_provider_facts *f);

/* Loaded and operational (status 1), whatever the default properties. */
bool fc_ossl_provider_active(enum fc_ossl_provider_state s);

#endif
