/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every check descriptor and probe description, declared once. */
#ifndef FC_CHECKS_H
#define FC_CHECKS_H

#include "check.h"
#include "probe.h"

/* kernel */
extern const struct fc_check fc_check_kernel_fips_enabled;
/* boot loader */
/* crypto policy */
/* OpenSSL */
/* libgcrypt */
/* NSS */
/* GnuTLS */
/* validated versions */

#endif
