/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's FIPS mode flag, /proc/sys/crypto/fips_enabled: one reader
 * and one rule for every part of fipsctl, the probe helpers included.
 *
 * The kernel prints the flag with proc_dointvec (crypto/fips.c: a
 * read-only int set to 0 or 1 by the fips= argument), so a FIPS kernel's
 * file holds "0\n" or "1\n".  The rule: exactly "0" or "1", optionally
 * followed by one newline; anything else ("2", " 1", "1\0x", "") is
 * malformed, something no kernel wrote, and fipsctl cannot tell the mode
 * from it.  A kernel built without CONFIG_CRYPTO_FIPS has no such file.
 */
#ifndef FC_FIPS_FLAG_H
#define FC_FIPS_FLAG_H

#include <stddef.h>

#include "base/util.h"
#include "core/sysroot.h"

#define FC_FIPS_FLAG_PATH "/proc/sys/crypto/fips_enabled"

enum fc_fips_flag_state {
	FC_FIPS_FLAG_ENABLED,	 /* "1" */
	FC_FIPS_FLAG_DISABLED,	 /* "0" */
	FC_FIPS_FLAG_ABSENT,	 /* no file: a kernel without FIPS support */
	FC_FIPS_FLAG_UNREADABLE, /* it exists but cannot be read (err) */
	FC_FIPS_FLAG_MALFORMED,	 /* read, but not "0" or "1" (text) */
};

struct fc_fips_flag {
	enum fc_fips_flag_state state;
	int err;    /* -ENOENT when absent, -errno when unreadable, else 0 */
	char *text; /* the bytes read (len of them, NUL-terminated), or NULL */
	size_t len;
};

/* The rule, on the bytes of the file. */
enum fc_fips_flag_state fc_fips_flag_classify(const char *text, size_t len);

/* Read root's flag (bounded by FC_READ_SMALL) and classify it; free *out
 * with fc_fips_flag_free(). */
void fc_fips_flag_read(const struct fc_root *root, struct fc_fips_flag *out);
void fc_fips_flag_free(struct fc_fips_flag *f);

/*
 * The value as facts show it: the text without the one newline the kernel
 * ends it with, control characters and NUL bytes as '?', at most max bytes
 * (then "..."); NULL when nothing was read.  Caller frees.
 */
char *fc_fips_flag_shown(const struct fc_fips_flag *f, size_t max);

#endif
