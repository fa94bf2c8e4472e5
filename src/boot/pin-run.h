/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One 'fipsctl pin-kernel' run, shared by the command (src/cli/cmd-pin-kernel.c:
 * options, choosing the kernel, refusing what would not boot, the plan)
 * and the part that changes the boot configuration and can take it back
 * (src/boot/pin-change.c: the grubby steps, reading back, rollback, the record
 * for --undo, and the undo).  The plan holds only what the changing part
 * needs, so that it stays below the check engine and the command layer.
 */
#ifndef FC_PIN_RUN_H
#define FC_PIN_RUN_H

#include <stdbool.h>

#include "base/util.h"
#include "boot/boot-conf.h"
#include "boot/grubby.h"
#include "boot/pin.h"
#include "core/sysroot.h"

/* The plan of one run, made by the command, and the root it changes. */
struct fc_pin_run {
	struct fc_root *root;
	bool dry_run; /* --dry-run: show what would change, change nothing */
	bool yes;     /* --yes: do not ask before changing */
	struct fc_grubby grubby;
	const char *arch;
	char *release; /* the kernel to pin */
	char *evr;     /* its EVR (the kernel-core package's) */
	const struct fc_bootfs *bootfs; /* /boot's filesystem, or NULL */
	struct fc_boot_conf conf;
	const struct fc_bls_entry *entry; /* the first entry booting it */
	char *wanted_boot; /* "UUID=...", or NULL: /boot is on / */
	struct fc_arg_plan args;
	bool need_default;
	char *updatedefault; /* its value now, or NULL */
	bool need_updatedefault;
	char *kernel_path; /* "/boot/vmlinuz-<release>" as grubby takes it */
};

/* Ask grubby what it takes the default and the kernel's entry to be;
 * every disagreement with the plan goes to bad ("; "-separated). */
void fc_pin_verify_grubby(const struct fc_pin_run *p, struct fc_buf *bad);
/* Print what a real run would run and write (nothing is run). */
void fc_pin_dry_run(const struct fc_pin_run *p);
/*
 * Make the planned changes: record the configuration before, run grubby,
 * write /etc/sysconfig/kernel, read everything back, roll back on any
 * failure.  0 pinned and verified; 1 refused or rolled back (the boot
 * configuration is as before); -errno when a rollback did not complete.
 */
int fc_pin_change(struct fc_pin_run *p) FC_WUR;
/* How dnf versionlock stands for the pinned build, and the command. */
void fc_pin_print_versionlock(const struct fc_pin_run *p);
/* --undo: restore what the state file records.  Same returns. */
int fc_pin_undo(struct fc_pin_run *p) FC_WUR;

#endif
