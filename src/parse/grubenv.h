/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The GRUB environment block (grubenv): where saved_entry names the default
 * boot entry and, on systems installed before EL9, kernelopts holds the
 * kernel arguments that BLS entries pull in with "options $kernelopts".
 *
 * Format (GRUB's lib/envblk.c, as grub-editenv writes it): the signature
 * line "# GRUB Environment Block", NAME=VALUE lines, then '#' padding to
 * 1024 bytes.  In values GRUB escapes '\' and newline with a backslash.
 */
#ifndef FC_GRUBENV_H
#define FC_GRUBENV_H

#include <stddef.h>

#include "base/kv.h"
#include "base/util.h"

/* Where EL9's grub.cfg loads it from (${config_directory}/grubenv). */
#define FC_GRUBENV_PATH "/boot/grub2/grubenv"
/* The size grub-editenv creates and GRUB rewrites in place. */
#define FC_GRUBENV_SIZE 1024

struct fc_grubenv {
	struct fc_kv_list vars; /* values with GRUB's escapes removed */
	size_t size;            /* bytes in the file */
};

/*
 * Parse len bytes.  A block without the signature, with a NUL byte, with a
 * line that is not NAME=VALUE, or with a value continued over an escaped
 * newline is malformed: -EBADMSG and *err says where and what.
 */
int fc_grubenv_parse(const char *text, size_t len, struct fc_grubenv *out,
		     struct fc_parse_err *err) FC_WUR;
void fc_grubenv_free(struct fc_grubenv *env);
/* The value GRUB sees for name (the last one set), or NULL. */
const char *fc_grubenv_get(const struct fc_grubenv *env, const char *name);

#endif
