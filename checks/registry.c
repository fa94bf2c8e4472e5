// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one table of checks, in report order.  Add a check: write its
 * descriptor in checks/<area>.c, declare it in checks/checks.h, list it
 * here.
 */
#include "checks.h"

const struct fc_check *const fc_checks[] = {
	&fc_check_kernel_fips_enabled,
	NULL,
};
