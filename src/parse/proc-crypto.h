/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/crypto (crypto/proc.c): one block per registered algorithm,
 * blocks separated by a blank line, each line "key<padding>: value":
 *
 *   name         : sha256
 *   driver       : sha256-generic
 *   module       : kernel
 *   priority     : 100
 *   refcnt       : 1
 *   selftest     : passed
 *   internal     : no
 *   type         : shash
 *
 * Every key is kept; the common ones have their own pointers.  Vendor
 * kernels may add keys (fips, fips_allowed): they are NULL when absent.
 */
#ifndef FC_PROC_CRYPTO_H
#define FC_PROC_CRYPTO_H

#include <stddef.h>

#include "base/util.h"

struct fc_crypto_field {
	char *key;
	char *value;
};

struct fc_crypto_alg {
	/* Point into fields; NULL when the block has no such key. */
	const char *name;
	const char *driver;
	const char *module;
	const char *selftest; /* "passed", "unknown" */
	const char *internal; /* "yes", "no" */
	const char *type;
	const char *fips;
	const char *fips_allowed;
	long priority; /* -1 when absent */
	long refcnt;   /* -1 when absent */
	struct fc_crypto_field *fields;
	size_t n_fields;
	unsigned line; /* 1-based line of the block's first key */
};

struct fc_proc_crypto {
	struct fc_crypto_alg *algs;
	size_t n;
};

/*
 * Parse len bytes.  -EBADMSG with err set for a line without ':', an
 * empty key, a key given twice in one block, a non-numeric priority or
 * refcnt, or a block without name or driver.
 */
int fc_proc_crypto_parse(const char *text, size_t len,
			 struct fc_proc_crypto *out, struct fc_parse_err *err)
	FC_WUR;
void fc_proc_crypto_free(struct fc_proc_crypto *pc);

/* Any key of one block, or NULL. */
const char *fc_crypto_alg_get(const struct fc_crypto_alg *a, const char *key);

#endif
