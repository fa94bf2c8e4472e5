/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What "grubby --info" prints (EL9's grubby-bls, and older grubby), the
 * answer src/boot/grubby.h reads back after pin-kernel changed an entry.
 */
#ifndef FC_GRUBBY_INFO_H
#define FC_GRUBBY_INFO_H

#include <stddef.h>

#include "base/util.h"

/* One entry of "grubby --info" output. */
struct fc_grubby_entry {
	long index;
	char *kernel; /* kernel="..." */
	char *args;   /* args="..." (grubby moves root= to its own line) */
	char *root;   /* root="...", or NULL */
	char *initrd;
	char *title;
	char *id; /* the BLS id (EL9), or NULL (older grubby) */
};

struct fc_grubby_info {
	struct fc_grubby_entry *v;
	size_t n;
};

/*
 * Parse grubby --info output: groups of key=value lines, each group
 * starting with index=N; a value is either "quoted" (EL9, taken from the
 * first to the last quote, without escapes, as grubby prints it) or bare
 * (older grubby).  Unknown keys are ignored.  -EBADMSG with *err for a
 * line that is not key=value, a key before index=, a key twice in one
 * entry, an index that is not a number, an unterminated quote or a NUL.
 * Empty input is zero entries.
 */
int fc_grubby_info_parse(const char *text, size_t len,
			 struct fc_grubby_info *out, struct fc_parse_err *err)
	FC_WUR;
void fc_grubby_info_free(struct fc_grubby_info *info);

#endif
