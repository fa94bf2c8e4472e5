// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/hostfacts.h"

#include <errno.h>
#include <string.h>

#include "core/sysroot.h"

/* --- /proc/cmdline ---------------------------------------------------------- */

struct proc_cmdline_slot {
	int err;
	struct fc_proc_cmdline pc;
};

static void proc_cmdline_slot_free(void *p)
{
	struct proc_cmdline_slot *s = p;
	free(s->pc.text);
	fc_cmdline_free(&s->pc.args);
	free(s);
}

int fc_host_proc_cmdline(struct fc_ctx *ctx, const struct fc_proc_cmdline **out)
{
	static const char key[] = "host.proc-cmdline";
	struct proc_cmdline_slot *s = fc_cache_get(ctx, key);
	if (!s) {
		s = fc_calloc(1, sizeof(*s));
		/* Bounded: a huge /proc/cmdline is refused, never slurped. */
		s->err = fc_root_read(ctx->root, "/proc/cmdline", FC_READ_SMALL,
				      &s->pc.text, &s->pc.len);
		if (s->err == 0)
			s->err = fc_cmdline_parse(s->pc.text, s->pc.len,
						  &s->pc.args);
		fc_cache_put(ctx, key, s, proc_cmdline_slot_free);
	}
	*out = s->pc.text ? &s->pc : NULL;
	return s->err;
}

/* --- /proc/sys/crypto/fips_enabled --------------------------------------------- */

static void fips_flag_free(void *p)
{
	fc_fips_flag_free(p);
	free(p);
}

const struct fc_fips_flag *fc_host_fips_flag(struct fc_ctx *ctx)
{
	static const char key[] = "host.fips-flag";
	struct fc_fips_flag *f = fc_cache_get(ctx, key);
	if (f)
		return f;
	f = fc_calloc(1, sizeof(*f));
	fc_fips_flag_read(ctx->root, f);
	fc_cache_put(ctx, key, f, fips_flag_free);
	return f;
}

/* --- the mount table and /boot ---------------------------------------------- */

struct mounts_slot {
	int err;
	char *why;
	struct fc_mountinfo mi;
	struct fc_mounts mounts;
	/* /boot, found on first need */
	bool bootfs_done;
	int bootfs_err;
	char *bootfs_why;
	struct fc_bootfs bootfs;
};

static void mounts_slot_free(void *p)
{
	struct mounts_slot *s = p;
	free(s->why);
	free(s->bootfs_why);
	fc_bootfs_clear(&s->bootfs);
	fc_mounts_free(&s->mounts);
	fc_mountinfo_free(&s->mi);
	free(s);
}

static struct mounts_slot *mounts_slot(struct fc_ctx *ctx)
{
	static const char key[] = "host.mountinfo";
	static const char path[] = "/proc/self/mountinfo";
	struct mounts_slot *s = fc_cache_get(ctx, key);
	if (s)
		return s;
	s = fc_calloc(1, sizeof(*s));
	_cleanup_free_ char *shown = fc_root_display(ctx->root, path);
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	s->err = fc_root_read(ctx->root, path, FC_READ_TABLE, &text, &len);
	if (s->err == -EFBIG) {
		s->why = fc_asprintf("%s is larger than %u bytes; refused",
				     shown, (unsigned)FC_READ_TABLE);
	} else if (s->err < 0) {
		s->why = fc_asprintf("cannot read %s: %s", shown,
				     strerror(-s->err));
	} else {
		struct fc_parse_err pe = { 0 };
		s->err = fc_mountinfo_parse(text, len, &s->mi, &pe);
		if (s->err < 0)
			s->why = fc_asprintf("%s:%u: malformed line: %s", shown,
					     pe.line, pe.what);
	}
	fc_mounts_init(&s->mounts, ctx->root, &s->mi);
	fc_cache_put(ctx, key, s, mounts_slot_free);
	return s;
}

int fc_host_mountinfo(struct fc_ctx *ctx, const struct fc_mountinfo **out,
		      char **why)
{
	struct mounts_slot *s = mounts_slot(ctx);
	if (s->err < 0) {
		*why = fc_strdup(s->why);
		return s->err;
	}
	*out = &s->mi;
	return 0;
}

int fc_host_mounts(struct fc_ctx *ctx, struct fc_mounts **out, char **why)
{
	struct mounts_slot *s = mounts_slot(ctx);
	if (s->err < 0) {
		*why = fc_strdup(s->why);
		return s->err;
	}
	*out = &s->mounts;
	return 0;
}

int fc_host_bootfs(struct fc_ctx *ctx, const struct fc_bootfs **out, char **why)
{
	struct mounts_slot *s = mounts_slot(ctx);
	if (s->err < 0) {
		*why = fc_strdup(s->why);
		return s->err;
	}
	if (!s->bootfs_done) {
		s->bootfs_done = true;
		s->bootfs_err = fc_bootfs_find(&s->mounts, &s->bootfs,
					       &s->bootfs_why);
	}
	if (s->bootfs_err < 0) {
		*why = fc_strdup(s->bootfs_why);
		return s->bootfs_err;
	}
	*out = &s->bootfs;
	return 0;
}

enum fc_bootarg fc_host_bootarg_judge(struct fc_ctx *ctx,
				      const struct fc_bootfs *b,
				      const char *value, char **why)
{
	/* b came from fc_host_bootfs(), so the table was read. */
	return fc_bootarg_judge(&mounts_slot(ctx)->mounts, b, value, why);
}

/* --- the boot configuration ----------------------------------------------------- */

static void host_boot_free(void *p)
{
	struct fc_host_boot *hb = p;
	fc_boot_conf_free(&hb->conf);
	free(hb->why);
	free(hb);
}

const struct fc_host_boot *fc_host_boot_conf(struct fc_ctx *ctx)
{
	static const char key[] = "host.boot-conf";
	struct fc_host_boot *hb = fc_cache_get(ctx, key);
	if (hb)
		return hb;
	hb = fc_calloc(1, sizeof(*hb));
	/* A grubenv blsdir is a directory on the /boot filesystem. */
	const struct fc_bootfs *bfs = NULL;
	_cleanup_free_ char *bwhy = NULL;
	if (fc_host_bootfs(ctx, &bfs, &bwhy) < 0)
		bfs = NULL;
	hb->err = fc_boot_conf_load(ctx->root, bfs, &hb->conf, &hb->why);
	fc_cache_put(ctx, key, hb, host_boot_free);
	return hb;
}
