/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pieces the module probe helpers share: the kernel FIPS flag as
 * a library sees it, and the per-module summary finding with its four
 * tri-state facts.  Linked into the probe helpers only.
 */
#ifndef FC_PROBE_MODULE_H
#define FC_PROBE_MODULE_H

#include "probe-child.h"
#include "core/sysroot.h"

/*
 * Read /proc/sys/crypto/fips_enabled (through root) and record it in f as
 * the fact "kernel_fips_enabled" (f may be NULL: nothing is recorded).
 * Classified as the parent does (src/parse/fips-flag.h): 1 enabled, 0
 * disabled, -ENOENT when the kernel has no FIPS support, -EBADMSG when it
 * holds something else than "0" or "1", other -errno when it could not be
 * read.
 */
int fc_probe_kernel_fips(struct fc_root *root, struct fc_finding *f);
/* Why a negative fc_probe_kernel_fips() other than -ENOENT leaves the
 * kernel's mode unknown, for a "could not tell" fact (caller frees). */
char *fc_probe_kernel_fips_why(int r);

/*
 * A probe fills every part the summary needs, whichever checks were
 * asked for; this drops the findings of checks nobody asked about (the
 * parent refuses them).
 */
void fc_probe_keep_wanted(struct fc_probe_ctx *ctx);

/* "could not tell" is never "no" (docs/style.md habit 7). */
enum fc_tri { FC_TRI_UNKNOWN, FC_TRI_FALSE, FC_TRI_TRUE };

struct fc_tri_fact {
	enum fc_tri value;
	char *why; /* why it is false or unknown (or how it is known) */
};

void fc_tri_set(struct fc_tri_fact *t, enum fc_tri value, const char *fmt,
		...) FC_PRINTF(3, 4);

struct fc_module_summary {
	const char *module;          /* "libgcrypt 1.10.1" for the summary line */
	const char *library_version;
	const char *module_version;  /* NULL or "": none reported */
	struct fc_tri_fact requested, active, selftests, integrity;
};

/*
 * Add the finding <check_id>: facts fips_requested, fips_active,
 * selftests_passed and integrity_verified ("true", "false", "unknown"),
 * each with a <name>_why fact when there is a reason to give, plus
 * library_version and module_version.  Pass when all four are true, fail
 * when one is false, warn otherwise.  Frees the reasons in s.
 */
void fc_probe_add_summary(struct fc_probe_ctx *ctx, const char *check_id,
			  struct fc_module_summary *s);

/*
 * The self-test adapters (helpers/<library>/selftest.c): each runs
 * the known-answer vectors of src/kat/kat.h through its library and adds the
 * selftest.<library> findings.  A probe names its own in struct
 * fc_probe_def.selftest.
 */
int fc_selftest_openssl(struct fc_probe_ctx *ctx);
int fc_selftest_libgcrypt(struct fc_probe_ctx *ctx);
int fc_selftest_gnutls(struct fc_probe_ctx *ctx);
int fc_selftest_nss(struct fc_probe_ctx *ctx);

#endif
