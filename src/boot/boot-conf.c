// SPDX-License-Identifier: GPL-2.0-or-later
#include "boot/boot-conf.h"

#include <errno.h>
#include <string.h>

#include "base/strv.h"

/* Read grubenv into out (have_env, or env_err and env_why). */
static void load_env(const struct fc_root *root, struct fc_boot_conf *out)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, FC_GRUBENV_PATH, FC_READ_SMALL, &text, &len);
	if (r < 0) {
		out->env_err = r;
		out->env_why =
			r == -ENOENT
				? fc_strdup(FC_GRUBENV_PATH " does not exist")
				: fc_asprintf("cannot read " FC_GRUBENV_PATH
					      ": %s",
					      strerror(-r));
		return;
	}
	struct fc_parse_err err = { 0 };
	r = fc_grubenv_parse(text, len, &out->env, &err);
	if (r < 0) {
		out->env_err = r;
		out->env_why = fc_asprintf(FC_GRUBENV_PATH " is malformed "
						       "(line %u: %s)",
					   err.line, err.what);
		return;
	}
	out->have_env = true;
}

/* One configuration file; a missing one is no error. */
static void scan_cfg(const struct fc_root *root, struct fc_grubcfg *cfg,
		     const char *path, enum fc_grubcfg_file kind)
{
	const char *name = strrchr(path, '/') + 1;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, path, FC_READ_TABLE, &text, &len);
	if (r == -ENOENT)
		return;
	if (r == 0)
		r = fc_grubcfg_scan(cfg, name, kind, text, len);
	if (r < 0) {
		_cleanup_free_ char *m = fc_asprintf(
			"cannot read %s: %s", path,
			r == -EBADMSG ? "it holds a NUL byte" : strerror(-r));
		fc_strv_add_unique(&cfg->default_unknowns,
				   &cfg->n_default_unknowns, fc_strdup(m));
		fc_strv_add_unique(&cfg->menu_unknowns, &cfg->n_menu_unknowns,
				   fc_strdup(m));
		if (kind == FC_GRUBCFG_MAIN)
			cfg->present = true;
	}
}

static void load_cfg(const struct fc_root *root, struct fc_grubcfg *cfg)
{
	scan_cfg(root, cfg, FC_GRUB_CFG_PATH, FC_GRUBCFG_MAIN);
	if (!cfg->present)
		fc_grubcfg_assume_stock(cfg);
	/* EL9's grub.cfg sources user.cfg (01_users) before blscfg and
	 * custom.cfg (41_custom) after it. */
	scan_cfg(root, cfg, FC_GRUB_USER_CFG_PATH, FC_GRUBCFG_BEFORE_BLSCFG);
	scan_cfg(root, cfg, FC_GRUB_CUSTOM_CFG_PATH, FC_GRUBCFG_AFTER_BLSCFG);
}

/*
 * Where blscfg reads entries (blscfg.c find_entry): $blsdir on GRUB's
 * $root device (the /boot filesystem), "/loader/entries" when unset, and
 * "/boot/loader/entries" on that device when the first cannot be read.
 * *dirs gets the candidates as paths inside the root.
 */
static int bls_dirs(const struct fc_grub_env *ge, const struct fc_bootfs *bfs,
		    char **dirs, size_t n_dirs, char **why)
{
	const char *blsdir = NULL, *vwhy = NULL;
	enum fc_grub_var_state st = fc_grub_env_get(ge, FC_GRUB_AT_BLSCFG,
						    "blsdir", &blsdir, &vwhy);
	(void)n_dirs;
	if (st == FC_GRUB_VAR_UNKNOWN) {
		*why = fc_asprintf("cannot tell where GRUB reads the boot "
				   "entries: $blsdir (%s)",
				   vwhy ? vwhy : "its value is not known");
		return -EBADMSG;
	}
	if (st == FC_GRUB_VAR_UNSET || !blsdir) {
		/* Both candidates are /boot/loader/entries when /boot is
		 * separate; on / the first one, /loader/entries, exists
		 * only on an odd system, and is tried when it does. */
		if (bfs && !bfs->separate)
			dirs[0] = fc_strdup("/loader/entries");
		dirs[1] = fc_strdup(FC_BLS_DIR);
		return 0;
	}
	if (!bfs) {
		*why = fc_asprintf("cannot tell where GRUB reads the boot "
				   "entries: grubenv's blsdir=%s is on the "
				   "/boot filesystem, which is not known",
				   blsdir);
		return -EBADMSG;
	}
	const char *pre = bfs->separate ? "/boot" : "";
	dirs[0] = fc_asprintf("%s%s%s", pre, blsdir[0] == '/' ? "" : "/",
			      blsdir);
	dirs[1] = fc_asprintf("%s/boot/loader/entries", pre);
	return 0;
}

/* The candidate directories in turn, as GRUB falls back. */
static int load_entries(const struct fc_root *root, struct fc_boot_conf *out,
			const struct fc_grub_env *ge,
			const struct fc_bootfs *bfs, char **why)
{
	char *dirs[2] = { NULL, NULL };
	int r = bls_dirs(ge, bfs, dirs, 2, why);
	if (r < 0)
		return r;
	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		free(*why);
		*why = NULL;
		r = fc_bls_load_dir(root, dirs[i], &out->dir, why);
		if (r == 0 || i == 1) {
			out->bls_dir = FC_TAKE(dirs[i]);
			break;
		}
	}
	free(dirs[0]);
	free(dirs[1]);
	return r;
}

/* The default as GRUB picks it, and whether it is certain. */
static void find_default(struct fc_boot_conf *out)
{
	const struct fc_grubenv *env = out->have_env ? &out->env : NULL;
	out->saved_entry = fc_grubenv_get(env, "saved_entry");
	if (out->env_err && out->env_err != -ENOENT) {
		/* GRUB has a grubenv fipsctl cannot read: no saved_entry
		 * to go by. */
		out->default_why = fc_strdup(out->env_why);
	} else if (out->cfg.n_default_unknowns) {
		out->default_why = fc_strv_join(out->cfg.default_unknowns,
						out->cfg.n_default_unknowns,
						"; ");
	} else if (!fc_grubcfg_default(&out->cfg, env, &out->default_spec,
				       &out->default_from, &out->default_why)) {
		/* default_why set */
	}
	out->via = fc_bls_default(&out->dir, out->default_spec, &out->def);
	if (!out->default_why && out->cfg.n_entries_after &&
	    out->via == FC_BLS_DEFAULT_SAVED_MISSING)
		out->default_why = fc_asprintf(
			"%s '%s' names no BLS entry, and grub.cfg adds menu "
			"entries of its own it may name",
			out->default_from, out->default_spec);
}

int fc_boot_conf_load(const struct fc_root *root, const struct fc_bootfs *bfs,
		      struct fc_boot_conf *out, char **why)
{
	memset(out, 0, sizeof(*out));
	*why = NULL;
	load_env(root, out);
	load_cfg(root, &out->cfg);
	struct fc_grub_env ge = { out->have_env ? &out->env : NULL, &out->cfg };
	int r = load_entries(root, out, &ge, bfs, why);
	if (r < 0)
		return r;
	find_default(out);

	struct fc_grub_vars vars = { fc_grub_env_get, &ge };
	out->boots = fc_calloc(out->dir.n + 1, sizeof(*out->boots));
	for (size_t i = 0; i < out->dir.n; i++) {
		const struct fc_bls_entry *e = out->dir.entries[i];
		const char *lp = fc_bls_get(e, "linux");
		if (!lp)
			continue;
		const char **initrds = NULL;
		size_t n = 0;
		for (size_t k = 0; k < e->n_lines; k++)
			if (fc_streq(e->lines[k].key, "initrd"))
				fc_strv_push(&initrds, &n, e->lines[k].value);
		struct fc_grub_entry_in in = {
			.linux_path = lp,
			.options = fc_bls_get(e, "options"),
			.initrds = initrds,
			.devicetree = fc_bls_get(e, "devicetree"),
		};
		fc_grub_entry_boot(&in, &vars, &out->boots[i]);
		free(initrds);
	}
	return 0;
}

void fc_boot_conf_free(struct fc_boot_conf *c)
{
	for (size_t i = 0; c->boots && i < c->dir.n; i++)
		fc_grub_boot_free(&c->boots[i]);
	free(c->boots);
	fc_bls_dir_free(&c->dir);
	fc_grubenv_free(&c->env);
	fc_grubcfg_free(&c->cfg);
	free(c->env_why);
	free(c->default_why);
	free(c->bls_dir);
	memset(c, 0, sizeof(*c));
}

bool fc_boot_conf_default_known(const struct fc_boot_conf *c)
{
	return !c->default_why;
}

const char *fc_boot_conf_default_why(const struct fc_boot_conf *c)
{
	return c->default_why ? c->default_why : "";
}

const struct fc_grub_boot *fc_boot_conf_boot(const struct fc_boot_conf *c,
					     const struct fc_bls_entry *e)
{
	for (size_t i = 0; i < c->dir.n; i++)
		if (c->dir.entries[i] == e)
			return &c->boots[i];
	return NULL;
}

char *fc_vmlinuz_release(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!fc_startswith(base, "vmlinuz-") || !base[8])
		return NULL;
	return fc_strdup(base + 8);
}

bool fc_vmlinuz_is(const char *path, const char *release)
{
	_cleanup_free_ char *rel = fc_vmlinuz_release(path);
	return fc_streq(rel, release);
}

char *fc_boot_conf_release(const struct fc_boot_conf *c,
			   const struct fc_bls_entry *e)
{
	const struct fc_grub_boot *b = fc_boot_conf_boot(c, e);
	return b && b->image ? fc_vmlinuz_release(b->image) : NULL;
}

bool fc_boot_conf_boots(const struct fc_boot_conf *c,
			const struct fc_bls_entry *e, const char *release)
{
	_cleanup_free_ char *rel = fc_boot_conf_release(c, e);
	return fc_streq(rel, release);
}

bool fc_boot_conf_pinned_to(const struct fc_boot_conf *c, const char *release)
{
	return c->def && fc_boot_conf_default_known(c) &&
	       fc_streq(c->default_from, "saved_entry") &&
	       (c->via == FC_BLS_DEFAULT_SAVED_ID ||
		c->via == FC_BLS_DEFAULT_SAVED_TITLE) &&
	       fc_boot_conf_boots(c, c->def, release);
}
