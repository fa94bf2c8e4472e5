// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/hostfacts.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "base/kv.h"
#include "core/sysroot.h"
#include "parse/fstab.h"
#include "parse/os-release.h"

/* --- offline images ------------------------------------------------------ */

struct offline_slot {
	bool offline;
};

bool fc_host_offline(struct fc_ctx *ctx)
{
	static const char key[] = "host.offline";
	struct offline_slot *s = fc_cache_get(ctx, key);
	if (s)
		return s->offline;
	s = fc_calloc(1, sizeof(*s));
	if (!fc_root_is_live(ctx->root)) {
		_cleanup_closedir_ DIR *d = NULL;
		int r = fc_root_opendir(ctx->root, "/proc", &d);
		bool empty = r == -ENOENT || r == -ENOTDIR;
		if (r == 0) {
			empty = true;
			struct dirent *e;
			while (empty && (e = readdir(d)))
				empty = fc_streq(e->d_name, ".") ||
					fc_streq(e->d_name, "..");
		}
		s->offline = empty;
	}
	fc_cache_put(ctx, key, s, free);
	return s->offline;
}

/* --- release family and programs ---------------------------------------- */

bool fc_host_has_program(struct fc_ctx *ctx, const char *name)
{
	static const char *const dirs[] = { "/usr/bin", "/usr/sbin", "/bin",
					    "/sbin" };
	for (size_t i = 0; i < FC_ARRAY_SIZE(dirs); i++) {
		_cleanup_free_ char *p = fc_asprintf("%s/%s", dirs[i], name);
		struct stat st;
		if (fc_root_stat(ctx->root, p, &st) == 0 &&
		    S_ISREG(st.st_mode) && (st.st_mode & 0111))
			return true;
	}
	return false;
}

/* RHEL or a rebuild: the ID of one, or "rhel" in ID_LIKE (os-release(5)). */
static bool rhel_like(const struct fc_kv_list *kv)
{
	static const char *const ids[] = { "rhel",   "almalinux", "rocky",
					   "centos", "ol",	  "cloudlinux" };
	for (size_t i = 0; i < FC_ARRAY_SIZE(ids); i++)
		if (fc_streq(fc_kv_get(kv, "ID"), ids[i]))
			return true;
	_cleanup_free_ char *like = fc_strdup(fc_kv_get(kv, "ID_LIKE")
						      ? fc_kv_get(kv, "ID_LIKE")
						      : "");
	char *save = NULL;
	for (char *w = strtok_r(like, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save))
		if (fc_streq(w, "rhel"))
			return true;
	return false;
}

const struct fc_host_release *fc_host_release(struct fc_ctx *ctx)
{
	static const char key[] = "host.release";
	struct fc_host_release *hr = fc_cache_get(ctx, key);
	if (hr)
		return hr;
	hr = fc_calloc(1, sizeof(*hr));
	struct fc_kv_list kv = { 0 };
	if (fc_os_release_read(ctx->root, &kv) == 0) {
		hr->el = rhel_like(&kv);
		const char *v = fc_kv_get(&kv, "VERSION_ID");
		hr->major = v ? (unsigned)strtoul(v, NULL, 10) : 0;
		fc_kv_free(&kv);
	}
	hr->has_fips_mode_setup = fc_host_has_program(ctx, "fips-mode-setup");
	hr->has_grubby = fc_host_has_program(ctx, "grubby");
	hr->has_update_crypto_policies =
		fc_host_has_program(ctx, "update-crypto-policies");
	fc_cache_put(ctx, key, hr, free);
	return hr;
}

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

/*
 * The root's /etc/fstab as its mount table (src/parse/fstab.h), as
 * fips-mode-setup's findmnt --fstab and dracut read it.  0 with s->mi set,
 * else -errno with s->why (the fstab's problem).
 */
static int fstab_mounts(struct fc_ctx *ctx, struct mounts_slot *s)
{
	_cleanup_free_ char *shown = fc_root_display(ctx->root, FC_FSTAB_PATH);
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(ctx->root, FC_FSTAB_PATH, FC_READ_TABLE, &text,
			     &len);
	if (r < 0)
		return r;
	struct fc_parse_err pe = { 0 };
	s->err = fc_fstab_parse(text, len, &s->mi, &pe);
	if (s->err < 0)
		s->why = fc_asprintf("%s:%u: malformed line: %s", shown,
				     pe.line, pe.what);
	return 0;
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
	if (s->err == -ENOENT && fc_host_offline(ctx) &&
	    fstab_mounts(ctx, s) == 0) {
		/* An offline image: where /boot is comes from its fstab. */
	} else if (s->err == -EFBIG) {
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
