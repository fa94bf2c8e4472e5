// SPDX-License-Identifier: GPL-2.0-or-later
#include "boot/boot-conf.h"

#include <errno.h>
#include <string.h>

int fc_boot_conf_load(const struct fc_root *root, struct fc_boot_conf *out,
		      char **why)
{
	memset(out, 0, sizeof(*out));
	int r = fc_bls_load_dir(root, FC_BLS_DIR, &out->dir, why);
	if (r < 0)
		return r;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	r = fc_root_read(root, FC_GRUBENV_PATH, FC_READ_SMALL, &text, &len);
	if (r < 0) {
		out->env_err = r;
		out->env_why =
			r == -ENOENT
				? fc_strdup(FC_GRUBENV_PATH " does not exist")
				: fc_asprintf("cannot read " FC_GRUBENV_PATH
					      ": %s",
					      strerror(-r));
	} else {
		struct fc_parse_err err = { 0 };
		r = fc_grubenv_parse(text, len, &out->env, &err);
		if (r < 0) {
			out->env_err = r;
			out->env_why = fc_asprintf(FC_GRUBENV_PATH
						   " is "
						   "malformed (line %u: %s)",
						   err.line, err.what);
		} else {
			out->have_env = true;
		}
	}
	out->saved_entry = fc_grubenv_get(out->have_env ? &out->env : NULL,
					  "saved_entry");
	out->via = fc_bls_default(&out->dir, out->saved_entry, &out->def);
	return 0;
}

void fc_boot_conf_free(struct fc_boot_conf *c)
{
	fc_bls_dir_free(&c->dir);
	fc_grubenv_free(&c->env);
	free(c->env_why);
	memset(c, 0, sizeof(*c));
}

bool fc_boot_conf_default_known(const struct fc_boot_conf *c)
{
	return c->have_env || c->env_err == -ENOENT;
}

void fc_boot_conf_options(const struct fc_boot_conf *c,
			  const struct fc_bls_entry *e,
			  struct fc_bls_options *out)
{
	fc_bls_expand_options(e, c->have_env ? &c->env : NULL, out);
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

bool fc_bls_entry_boots(const struct fc_bls_entry *e, const char *release)
{
	const char *lp = fc_bls_get(e, "linux");
	return lp && fc_vmlinuz_is(lp, release);
}

bool fc_boot_conf_pinned_to(const struct fc_boot_conf *c, const char *release)
{
	return c->def && fc_boot_conf_default_known(c) &&
	       (c->via == FC_BLS_DEFAULT_SAVED_ID ||
		c->via == FC_BLS_DEFAULT_SAVED_TITLE) &&
	       fc_bls_entry_boots(c->def, release);
}
