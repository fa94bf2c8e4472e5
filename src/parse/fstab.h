/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /etc/fstab (fstab(5)), as findmnt --fstab and systemd-fstab-generator
 * read it: one filesystem per line, fields separated by blanks, '#'
 * comments, "\040"-style octal escapes in the fields; spec is a device
 * path or a tag (UUID=, LABEL=, PARTUUID=, PARTLABEL=).  An offline image
 * has no mount table, so where /boot lives comes from here.
 *
 * The entries are given as a mount table (struct fc_mountinfo, no device
 * numbers: fc_mount.no_devno), so that what finds /boot in a mount table
 * (src/boot/bootfs.h) reads them the same way.  Swap and entries whose
 * mount point is not an absolute path are left out.
 */
#ifndef FC_FSTAB_H
#define FC_FSTAB_H

#include <stddef.h>

#include "base/util.h"
#include "parse/mountinfo.h"

#define FC_FSTAB_PATH "/etc/fstab"

/* Parse len bytes: -EBADMSG with err->line and err->what for a line with
 * fewer than three fields or a bad escape; *out is then empty. */
int fc_fstab_parse(const char *text, size_t len, struct fc_mountinfo *out,
		   struct fc_parse_err *err) FC_WUR;

#endif
