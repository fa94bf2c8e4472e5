/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for KEY=VALUE files: os-release(5) with its shell-like quoting,
 * /etc/sysconfig/kernel, and the GRUB environment block (plain KEY=VALUE
 * lines padded with '#').  One parser, a flag for the quoting rules.
 */
#ifndef FC_KV_H
#define FC_KV_H

#include <stddef.h>

#include "base/util.h"

struct fc_kv {
	char *key;
	char *value;
	unsigned line; /* 1-based line in the source */
};

struct fc_kv_list {
	struct fc_kv *items;
	size_t n;
};

enum fc_kv_mode {
	FC_KV_SHELL, /* os-release, sysconfig: "..." '...' and \ escapes */
	FC_KV_RAW,   /* grubenv: the value is everything after '=' */
};

/*
 * Parse len bytes of text.  Lines that are blank or comments are skipped;
 * a line without '=' or with an invalid key is an error: -EBADMSG and
 * *err_line set to its line number.
 */
int fc_kv_parse(const char *text, size_t len, enum fc_kv_mode mode,
		struct fc_kv_list *out, unsigned *err_line) FC_WUR;
void fc_kv_free(struct fc_kv_list *l);
/* The last value set for key, or NULL. */
const char *fc_kv_get(const struct fc_kv_list *l, const char *key);

#endif
