/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which filesystem holds /boot, and what the boot= argument must say
 * (used again by pin-kernel).  /boot is looked up in the
 * root's /proc/self/mountinfo (longest mount point prefix), or in an
 * offline image's /etc/fstab given as a mount table (src/parse/fstab.h:
 * the tag it is mounted by is its identity); its UUID comes
 * from libblkid, else the root's /dev/disk/by-uuid links, else (live host,
 * ext4) the EXT4_IOC_GETFSUUID ioctl; otherwise it is unknown, with the
 * reason.
 */
#ifndef FC_BOOTFS_H
#define FC_BOOTFS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "core/sysroot.h"
#include "parse/mountinfo.h"

struct fc_bootfs {
	bool separate;        /* /boot is a filesystem of its own */
	char *mount_point;    /* "/boot" or "/" */
	char *source;         /* mount source, e.g. "/dev/vda1" */
	char *fstype;         /* "xfs", "ext4", ... */
	char *majmin;         /* "253:1" */
	char *uuid;           /* NULL when unknown */
	char *label;          /* from libblkid or fstab; NULL when unknown */
	char *partuuid;       /* from fstab's PARTUUID=; NULL when unknown */
	bool from_fstab;      /* an /etc/fstab entry (no mount table) */
	char *uuid_via;       /* "libblkid", "/dev/disk/by-uuid", "ext4 ioctl",
			       * "/etc/fstab" */
	char *unknown_reason; /* why uuid is NULL */
};

/*
 * The filesystems mounted in a root, as its mount table (mi, the root's
 * /proc/self/mountinfo) shows them, and the EFI system partitions among
 * them (FAT filesystems, and whatever is at /boot/efi or /efi), which are
 * identified the first time a boot= value needs comparing with them.
 * The caller keeps root and mi alive while m is in use.
 */
struct fc_mounts {
	const struct fc_root *root;
	const struct fc_mountinfo *mi;
	bool esp_listed;
	struct fc_bootfs *esp;
	size_t n_esp;
};
void fc_mounts_init(struct fc_mounts *m, const struct fc_root *root,
		    const struct fc_mountinfo *mi);
void fc_mounts_free(struct fc_mounts *m);

/*
 * The filesystem that holds /boot (following a /boot symlink), with its
 * UUID when one of the ways above knows it.  -EBADMSG with *why (caller
 * frees) when the table has no mount for /.  Free *out with
 * fc_bootfs_clear().
 */
int fc_bootfs_find(const struct fc_mounts *m, struct fc_bootfs *out, char **why)
	FC_WUR;
void fc_bootfs_clear(struct fc_bootfs *b);

enum fc_bootarg {
	FC_BOOTARG_OK,         /* names the /boot filesystem (or none needed) */
	FC_BOOTARG_MISSING,    /* /boot is separate and there is no boot= */
	FC_BOOTARG_WRONG,      /* names another filesystem */
	FC_BOOTARG_EFI,        /* names the EFI system partition */
	FC_BOOTARG_NEEDLESS,   /* /boot is on / but boot= is given: warn */
	FC_BOOTARG_UNVERIFIED, /* the /boot UUID is unknown: cannot tell */
};

/*
 * Judge one boot= value (NULL when absent) against b, the /boot
 * filesystem of m.  *why gets a one-line explanation (caller frees).
 */
enum fc_bootarg fc_bootarg_judge(struct fc_mounts *m, const struct fc_bootfs *b,
				 const char *value, char **why);

#endif
