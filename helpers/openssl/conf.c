// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The OpenSSL configuration, read the way the library reads it: which
 * file, whether [providers] names a fips provider and activates it, its
 * module, the default properties; and the fips section again without
 * "activate", as a configuration of its own for the lazy load (lazy.c).
 */
#include <string.h>

#include <openssl/conf.h>
#include <openssl/err.h>

#include "ossl-probe.h"

void fc_ossl_conf_free(struct fc_ossl_conf *c)
{
	free(c->file);
	free(c->error);
	free(c->fips_section);
	free(c->module);
	free(c->default_properties);
	free(c->lazy_text);
}

/* A config module name is matched without its ".suffix" (conf_mod.c). */
static bool conf_name_is(const char *name, const char *want)
{
	const char *dot = strrchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	return strlen(want) == n && strncmp(name, want, n) == 0;
}

/* Escape a value for the config syntax (conf_def.c str_copy). */
static void conf_escape(struct fc_buf *b, const char *v)
{
	for (const char *p = v; *p; p++) {
		switch (*p) {
		case '\n':
			fc_buf_adds(b, "\\n");
			break;
		case '\r':
			fc_buf_adds(b, "\\r");
			break;
		case '\t':
			fc_buf_adds(b, "\\t");
			break;
		case '\\':
		case '"':
		case '\'':
		case '$':
		case '#':
			fc_buf_addf(b, "\\%c", *p);
			break;
		default:
			fc_buf_add(b, p, 1);
		}
	}
}

static void conf_read_fips(struct fc_ossl_conf *c, const CONF *cnf,
			   const char *name, const char *section)
{
	STACK_OF(CONF_VALUE) *vals = NCONF_get_section(cnf, section);
	struct fc_buf lazy = { 0 };
	c->fips_configured = true;
	c->fips_section = fc_strdup(section);
	fc_buf_addf(&lazy,
		    "openssl_conf = fipsctl_lazy\n"
		    "[fipsctl_lazy]\nproviders = fipsctl_providers\n"
		    "[fipsctl_providers]\n%s = fipsctl_fips\n"
		    "[fipsctl_fips]\n",
		    name);
	for (int i = 0; vals && i < sk_CONF_VALUE_num(vals); i++) {
		const CONF_VALUE *v = sk_CONF_VALUE_value(vals, i);
		if (fc_streq(v->name, "activate")) {
			c->fips_activate = true;
			continue;
		}
		if (fc_streq(v->name, "module")) {
			free(c->module);
			c->module = fc_strdup(v->value);
		}
		fc_buf_addf(&lazy, "%s = ", v->name);
		conf_escape(&lazy, v->value);
		fc_buf_adds(&lazy, "\n");
	}
	free(c->lazy_text);
	c->lazy_text = fc_buf_steal(&lazy);
}

void fc_ossl_conf_read(struct fc_ossl_conf *c, const char *file)
{
	CONF *cnf = NCONF_new(NULL);
	long eline = 0;
	c->file = fc_strdup(file);
	ERR_set_mark();
	if (!cnf || NCONF_load(cnf, file, &eline) != 1) {
		struct fc_ossl_err_chain ec = { 0 };
		fc_ossl_err_take(&ec);
		_cleanup_free_ char *why = fc_ossl_err_chain_join(&ec);
		c->error = eline > 0 ? fc_asprintf("%s line %ld: %s", file,
						   eline, why)
				     : fc_asprintf("%s: %s", file, why);
		fc_ossl_err_chain_free(&ec);
		goto out;
	}
	/* Applications load the "openssl_conf" section (CONF_modules_load
	 * with appname NULL). */
	const char *app = NCONF_get_string(cnf, NULL, "openssl_conf");
	STACK_OF(CONF_VALUE) *mods = app ? NCONF_get_section(cnf, app) : NULL;
	for (int i = 0; mods && i < sk_CONF_VALUE_num(mods); i++) {
		const CONF_VALUE *m = sk_CONF_VALUE_value(mods, i);
		if (conf_name_is(m->name, "alg_section")) {
			const char *dp = NCONF_get_string(cnf, m->value,
							  "default_properties");
			if (dp) {
				free(c->default_properties);
				c->default_properties = fc_strdup(dp);
			}
			continue;
		}
		if (!conf_name_is(m->name, "providers"))
			continue;
		STACK_OF(CONF_VALUE) *provs = NCONF_get_section(cnf, m->value);
		for (int k = 0; provs && k < sk_CONF_VALUE_num(provs); k++) {
			const CONF_VALUE *p = sk_CONF_VALUE_value(provs, k);
			/* "identity" in the provider's section renames it. */
			const char *id = NCONF_get_string(cnf, p->value,
							  "identity");
			if (fc_streq(id ? id : p->name, FIPS_PROVIDER))
				conf_read_fips(c, cnf, p->name, p->value);
		}
	}
out:
	/* Lookups of absent keys leave errors behind; they are not ours. */
	ERR_pop_to_mark();
	NCONF_free(cnf);
}
