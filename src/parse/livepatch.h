/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Live patches on the running kernel, from their documented interfaces:
 *
 * - the kernel's livepatch core (kpatch-patch packages on EL9 load through
 *   it): one directory per loaded patch module under /sys/kernel/livepatch,
 *   with an "enabled" attribute (1 when the patched code is applied) and,
 *   since Linux 4.12, "transition" (1 while tasks are still being moved
 *   to the new code).  Linux, Documentation/ABI/testing/
 *   sysfs-kernel-livepatch.
 * - KernelCare (TuxCare), which uses its own module: it states the
 *   "effective kernel" version the applied patches amount to in
 *   /proc/kcare/effective_version ("use it instead of /proc/version to
 *   identify the kernel"; `kcarectl --uname` prints the same).  TuxCare
 *   documentation, Live Patching Services, "Vulnerability Scanner
 *   Integration with KernelCare" (docs.tuxcare.com/live-patching-services/).
 *
 * Either way the running kernel's code is no longer the build its
 * certificate names.
 */
#ifndef FC_LIVEPATCH_H
#define FC_LIVEPATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/sysroot.h"

#define FC_LIVEPATCH_DIR "/sys/kernel/livepatch"
#define FC_KCARE_VERSION_PATH "/proc/kcare/effective_version"

struct fc_livepatch {
	char *name;	/* the patch module's directory name, printable */
	int enabled;	/* 1, 0, or -1 when unreadable or not 0/1 */
	int transition; /* 1, 0, or -1 (absent before Linux 4.12) */
};

struct fc_livepatches {
	struct fc_livepatch *v; /* sorted by name */
	size_t n;
	/* 0; -ENOENT without a livepatch core (or /sys); else -errno */
	int sys_err;
	/* KernelCare's effective kernel version (printable, one line), or
	 * NULL when /proc/kcare/effective_version is absent (kcare_err). */
	char *kcare_version;
	int kcare_err;
};

/* Read both interfaces under root; errors are kept in *out, never
 * fatal. Free with fc_livepatches_free(). */
void fc_livepatches_read(const struct fc_root *root,
			 struct fc_livepatches *out);
void fc_livepatches_free(struct fc_livepatches *lp);

/* Patches whose code may be running: enabled or in transition (an
 * unreadable state counts: it cannot be ruled out). */
size_t fc_livepatches_active(const struct fc_livepatches *lp);

/* "kpatch_x (enabled), kpatch_y (in transition), KernelCare (effective
 * kernel 5.14.0-...)": what runs, for a summary; NULL when nothing. */
char *fc_livepatches_phrase(const struct fc_livepatches *lp);

#endif
