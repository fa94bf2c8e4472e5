/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/self/mountinfo (proc(5), Documentation/filesystems/proc.rst §3.5):
 *
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   id pa M:m root point  options    optional - type source super-options
 *
 * Used to find which filesystem holds /boot.  Fields are
 * separated by single spaces; the kernel writes space, tab, newline and
 * backslash inside paths as \ooo octal escapes, which are decoded here for
 * root, mount point, fstype and source.  Option strings stay as written
 * (their escapes protect ',' and '=').
 */
#ifndef FC_MOUNTINFO_H
#define FC_MOUNTINFO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct fc_mount {
	unsigned id;
	unsigned parent;
	unsigned major, minor;
	char *root;	     /* "/" or a path inside the filesystem */
	char *mount_point;   /* absolute */
	char *options;	     /* per-mount options: "rw,relatime" */
	char *optional;	     /* "shared:1 master:2", "" when none */
	char *fstype;	     /* "ext4", "fuse.sshfs" */
	char *source;	     /* "/dev/vda1", "tmpfs", may be "" */
	char *super_options; /* per-superblock options */
	unsigned line;	     /* 1-based line in the file */
	/* An /etc/fstab entry (src/parse/fstab.h): no device number, the
	 * source is the spec as written (UUID=..., LABEL=..., /dev/...). */
	bool no_devno;
};

struct fc_mountinfo {
	struct fc_mount *mounts;
	size_t n;
};

/*
 * Parse len bytes.  Blank lines are skipped.  A malformed line gives
 * -EBADMSG with err->line and err->what set; *out is then empty.
 */
int fc_mountinfo_parse(const char *text, size_t len, struct fc_mountinfo *out,
		       struct fc_parse_err *err) FC_WUR;
void fc_mountinfo_free(struct fc_mountinfo *mi);

/*
 * The mount that holds path (absolute, already canonical): the longest
 * mount point that is path or a parent directory of it; among mounts
 * stacked on the same point the last one listed (the visible one).  NULL
 * when nothing matches (no "/" mount).
 */
const struct fc_mount *fc_mountinfo_find(const struct fc_mountinfo *mi,
					 const char *path);

#endif
