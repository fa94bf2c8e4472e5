/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The facts of the audited host, read once per run: files that several
 * checks (and the commands that plan from them) read about the root.  Each
 * is read through the root the first time it is asked for, parsed by its
 * lower layer (src/parse, src/boot) and kept in the run's cache (struct
 * fc_ctx), so every reader sees the same bytes judged by the same rule.
 * A failure is cached too, with the message that names the file.
 */
#ifndef FC_HOSTFACTS_H
#define FC_HOSTFACTS_H

#include <stddef.h>

#include "boot/boot-conf.h"
#include "boot/bootfs.h"
#include "engine/check.h"
#include "parse/cmdline.h"
#include "parse/fips-flag.h"
#include "parse/mountinfo.h"

/* The running kernel's command line: /proc/cmdline of the root. */
struct fc_proc_cmdline {
	char *text; /* as read (bounded by FC_READ_SMALL) */
	size_t len;
	struct fc_cmdline args;
};

/*
 * -errno from the read (-ENOENT, -EFBIG, ...) or -EBADMSG from the
 * parse; with -EBADMSG *out is still set, so the caller can show the text
 * and args.err_offset.  *out is NULL when nothing was read.
 */
int fc_host_proc_cmdline(struct fc_ctx *ctx, const struct fc_proc_cmdline **out)
	FC_WUR;

/*
 * The root's /proc/self/mountinfo (FC_READ_TABLE).  -errno when it cannot
 * be read or parsed; *why then says which file and where (caller frees).
 */
int fc_host_mountinfo(struct fc_ctx *ctx, const struct fc_mountinfo **out,
		      char **why) FC_WUR;

/* The root's mounts (src/boot/bootfs.h) on that table; errors as above. */
int fc_host_mounts(struct fc_ctx *ctx, struct fc_mounts **out, char **why)
	FC_WUR;

/* The filesystem that holds /boot; -errno with *why (caller frees) when
 * the mount table is unusable. */
int fc_host_bootfs(struct fc_ctx *ctx, const struct fc_bootfs **out, char **why)
	FC_WUR;

/* fc_bootarg_judge() on the root's mounts, for b from fc_host_bootfs(). */
enum fc_bootarg fc_host_bootarg_judge(struct fc_ctx *ctx,
				      const struct fc_bootfs *b,
				      const char *value, char **why);

/* The kernel's FIPS mode flag, classified (src/parse/fips-flag.h). */
const struct fc_fips_flag *fc_host_fips_flag(struct fc_ctx *ctx);

/* The boot configuration as GRUB reads it, which every boot check reads. */
struct fc_host_boot {
	int err; /* reading the entries: 0, or -errno and why */
	char *why;
	struct fc_boot_conf conf; /* when err is 0 */
};
const struct fc_host_boot *fc_host_boot_conf(struct fc_ctx *ctx);

#endif
