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

/*
 * An offline image: --root on a tree whose /proc is absent or empty, as a
 * mounted disk image or an image pipeline's tree has it (a fixture's copy
 * of /proc makes a root a running system).  There is no running kernel to
 * ask: every check of the running system is "not examined" with
 * FC_OFFLINE_WHY, never a "no".
 */
#define FC_OFFLINE_WHY "offline image: no running kernel"
bool fc_host_offline(struct fc_ctx *ctx);

/*
 * The release family of the audited root (os-release ID, ID_LIKE and
 * VERSION_ID) and which of the programs fipsctl names in remedies it has,
 * so that no remedy names a command the root does not have.
 */
struct fc_host_release {
	bool el;	/* RHEL or a rebuild of it (ID or ID_LIKE "rhel") */
	unsigned major; /* VERSION_ID's major number, 0 when unknown */
	bool has_fips_mode_setup;	 /* EL8, EL9 (removed in EL10) */
	bool has_grubby;
	bool has_update_crypto_policies;
};
const struct fc_host_release *fc_host_release(struct fc_ctx *ctx);
/* Whether the root has program name in /usr/bin, /usr/sbin, /bin or /sbin
 * (a regular file with an execute bit). */
bool fc_host_has_program(struct fc_ctx *ctx, const char *name);

/* The boot configuration as GRUB reads it, which every boot check reads. */
struct fc_host_boot {
	int err; /* reading the entries: 0, or -errno and why */
	char *why;
	struct fc_boot_conf conf; /* when err is 0 */
};
const struct fc_host_boot *fc_host_boot_conf(struct fc_ctx *ctx);

#endif
