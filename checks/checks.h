/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every check descriptor, declared once for checks/registry.c. */
#ifndef FC_CHECKS_H
#define FC_CHECKS_H

#include "check.h"

extern const struct fc_check fc_check_kernel_fips_enabled;

#endif
