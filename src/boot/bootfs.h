/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which filesystem holds /boot, and what the boot= argument must say
 * (used again by pin-kernel).  /boot is looked up in the
 * root's /proc/self/mountinfo (longest mount point prefix); its UUID comes
 * from libblkid, else the root's /dev/disk/by-uuid links, else (live host,
 * ext4) the EXT4_IOC_GETFSUUID ioctl; otherwise it is unknown, with the
 * reason.
 */
#ifndef FC_BOOTFS_H
#define FC_BOOTFS_H

#include <stdbool.h>

#include "engine/check.h"

struct fc_bootfs {
	bool separate;        /* /boot is a filesystem of its own */
	char *mount_point;    /* "/boot" or "/" */
	char *source;         /* mount source, e.g. "/dev/vda1" */
	char *fstype;         /* "xfs", "ext4", ... */
	char *majmin;         /* "253:1" */
	char *uuid;           /* NULL when unknown */
	char *label;          /* from libblkid; NULL when none or unknown */
	char *uuid_via;       /* "libblkid", "/dev/disk/by-uuid", "ext4 ioctl" */
	char *unknown_reason; /* why uuid is NULL */
};

/*
 * The bootfs of ctx's root, computed once per run and cached in ctx.
 * -errno when mountinfo cannot be read or parsed (the message in *why,
 * caller frees).
 */
int fc_bootfs_get(struct fc_ctx *ctx, const struct fc_bootfs **out,
		  char **why) FC_WUR;

enum fc_bootarg {
	FC_BOOTARG_OK,         /* names the /boot filesystem (or none needed) */
	FC_BOOTARG_MISSING,    /* /boot is separate and there is no boot= */
	FC_BOOTARG_WRONG,      /* names another filesystem */
	FC_BOOTARG_EFI,        /* names the EFI system partition */
	FC_BOOTARG_NEEDLESS,   /* /boot is on / but boot= is given: warn */
	FC_BOOTARG_UNVERIFIED, /* the /boot UUID is unknown: cannot tell */
};

/*
 * Judge one boot= value (NULL when absent) against bootfs.  *why gets a
 * one-line explanation (caller frees).
 */
enum fc_bootarg fc_bootarg_judge(struct fc_ctx *ctx,
				 const struct fc_bootfs *b, const char *value,
				 char **why);

#endif
