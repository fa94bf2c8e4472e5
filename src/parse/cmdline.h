/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel command line parsing, shared by /proc/cmdline, BLS "options"
 * lines and /etc/kernel/cmdline.  Follows the kernel's own rules
 * (lib/cmdline.c next_arg): arguments split on white space, double quotes
 * group, and "--" ends the kernel's part (the rest is init's argv).
 */
#ifndef FC_CMDLINE_H
#define FC_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct fc_cmdarg {
	char *key;   /* "fips" */
	char *value; /* "1", or NULL for a bare "fips" */
};

struct fc_cmdline {
	struct fc_cmdarg *args;
	size_t n;
	/* What follows "--" (init's arguments, not the kernel's), or NULL. */
	char *init_args;
	/* On -EBADMSG: byte offset of the offending character and why. */
	size_t err_offset;
	const char *err_what;
};

/*
 * -EBADMSG for an unterminated quote or a NUL inside the text (with
 * err_offset and err_what set in *out; nothing to free then).
 */
int fc_cmdline_parse(const char *text, size_t len,
		     struct fc_cmdline *out) FC_WUR;
void fc_cmdline_free(struct fc_cmdline *c);

/* The last occurrence of key (the kernel's own rule), or NULL. */
const struct fc_cmdarg *fc_cmdline_find(const struct fc_cmdline *c,
					const char *key);
/* How many times key appears. */
size_t fc_cmdline_count(const struct fc_cmdline *c, const char *key);

/* What a fips= argument means. */
enum fc_fips_arg {
	FC_FIPS_ARG_ON,      /* fips=1 */
	FC_FIPS_ARG_OFF,     /* fips=0 */
	FC_FIPS_ARG_ABSENT,  /* no fips argument */
	FC_FIPS_ARG_INVALID, /* bare "fips", "fips=yes", ... */
};
/*
 * The kernel's fips= handler only sees arguments with a value, so the last
 * "fips=<v>" decides; a bare "fips" counts only when there is none.
 */
enum fc_fips_arg fc_cmdline_fips(const struct fc_cmdline *c);

#endif
