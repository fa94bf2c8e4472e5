/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The architecture of a root that is not the running system (an image or
 * a fixture), from the first source that tells it: see hostarch.c.
 */
#ifndef FC_HOSTARCH_H
#define FC_HOSTARCH_H

#include "core/report.h"
#include "engine/check.h"

/*
 * Fill h->arch (when not set yet: h->arch from /proc/sys/kernel/arch is
 * the first source) and h->arch_source, the source used; both stay NULL
 * when no source tells.  h->kernel_release is read first.
 */
void fc_host_arch_fill(struct fc_host *h, struct fc_root *root);

#endif
