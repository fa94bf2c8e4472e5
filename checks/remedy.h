/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Remedies that name a program: worded for the audited root's release and
 * the programs it has (src/engine/hostfacts.h fc_host_release()), so that
 * no fix suggests a command the root does not have.  EL8 and EL9 switch
 * FIPS mode on with fips-mode-setup; EL10 removed it, and there FIPS mode
 * can only be chosen when the system is installed (RHEL 10 Security
 * Hardening, "Installing the system with FIPS mode enabled").
 */
#ifndef FC_CHECKS_REMEDY_H
#define FC_CHECKS_REMEDY_H

#include <stdbool.h>

#include "engine/check.h"

/* FIPS mode for the whole system: kernel argument, policy, initramfs. */
void fc_remedy_enable_fips(struct fc_ctx *ctx, struct fc_finding *f);

/*
 * Kernel arguments of the boot entries: grubby --update-kernel=TARGET
 * (TARGET "ALL", "DEFAULT" or a kernel path) adding add and removing
 * remove (either NULL), then reboot when asked; without grubby, the BLS
 * files to edit.
 */
void fc_remedy_kernel_args(struct fc_ctx *ctx, struct fc_finding *f,
			   const char *target, const char *add,
			   const char *remove, bool reboot);

/* grubby --set-default=KERNEL, or the grubenv edit without grubby. */
void fc_remedy_set_default(struct fc_ctx *ctx, struct fc_finding *f,
			   const char *kernel_path);

/* update-crypto-policies [--set POLICY] (policy NULL: apply the
 * configured one again), or what to do without it. */
void fc_remedy_crypto_policy(struct fc_ctx *ctx, struct fc_finding *f,
			     const char *policy);

#endif
