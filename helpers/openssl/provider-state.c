// SPDX-License-Identifier: GPL-2.0-or-later
#include "provider-state.h"

#include <stddef.h>

enum fc_ossl_provider_state
fc_ossl_provider_state(const struct fc_ossl_provider_facts *f)
{
	/* Availability is confirmed twice: a configuration that activates a
	 * broken provider still loads "successfully" on 3.0 (probe.c). */
	if (f->available && f->active) {
		if (!f->have_status || f->status != 1)
			return FC_OSSL_ERROR_STATE;
		return f->default_props_fips ? FC_OSSL_SELECTED
					     : FC_OSSL_NOT_SELECTED;
	}
	if (!f->configured)
		return FC_OSSL_NOT_CONFIGURED;
	if (f->module_missing)
		return FC_OSSL_NOT_INSTALLED;
	return f->activate ? FC_OSSL_LOAD_FAILED : FC_OSSL_NOT_ACTIVATED;
}

bool fc_ossl_provider_active(enum fc_ossl_provider_state s)
{
	return s == FC_OSSL_SELECTED || s == FC_OSSL_NOT_SELECTED;
}
