// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Self-test events and library errors: what the fips provider reports to
 * the self-test callback (OSSL_SELF_TEST_set_callback) and what OpenSSL's
 * error queue holds, kept as plain data for the findings.
 */
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/proverr.h>

#include "ossl-probe.h"

void fc_ossl_st_log_add(struct fc_ossl_st_log *l, const char *phase,
			const char *type, const char *desc)
{
	l->ev = fc_realloc(l->ev, (l->n + 1) * sizeof(*l->ev));
	l->ev[l->n].phase = fc_printable(phase, 64);
	l->ev[l->n].type = fc_printable(type, 64);
	l->ev[l->n].desc = fc_printable(desc, 64);
	l->n++;
}

void fc_ossl_st_log_free(struct fc_ossl_st_log *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->ev[i].phase);
		free(l->ev[i].type);
		free(l->ev[i].desc);
	}
	free(l->ev);
	*l = (struct fc_ossl_st_log){ 0 };
}

static const char *param_utf8(const OSSL_PARAM *params, const char *key)
{
	const OSSL_PARAM *p = OSSL_PARAM_locate_const(params, key);
	const char *v = NULL;
	/* The values are UTF8_STRING: get_utf8_ptr would silently fail. */
	if (!p || OSSL_PARAM_get_utf8_string_ptr(p, &v) != 1 || !v)
		return "?";
	return v;
}

int fc_ossl_st_callback(const OSSL_PARAM params[], void *arg)
{
	struct fc_ossl_st_log *l = *(struct fc_ossl_st_log **)arg;
	fc_ossl_st_log_add(l,
			   param_utf8(params, OSSL_PROV_PARAM_SELF_TEST_PHASE),
			   param_utf8(params, OSSL_PROV_PARAM_SELF_TEST_TYPE),
			   param_utf8(params, OSSL_PROV_PARAM_SELF_TEST_DESC));
	return 1;
}

size_t fc_ossl_st_count(const struct fc_ossl_st_log *l, const char *phase,
			const char *type_prefix)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += fc_streq(l->ev[i].phase, phase) &&
		     (!type_prefix ||
		      fc_startswith(l->ev[i].type, type_prefix));
	return n;
}

char *fc_ossl_st_list(const struct fc_ossl_st_log *l, const char *phase)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		if (fc_streq(l->ev[i].phase, phase))
			fc_buf_addf(&b, "%s%s/%s", b.len ? ", " : "",
				    l->ev[i].type, l->ev[i].desc);
	return b.len ? fc_buf_steal(&b) : NULL;
}

void fc_ossl_err_chain_add(struct fc_ossl_err_chain *c, unsigned long code,
			   const char *text)
{
	c->e = fc_realloc(c->e, (c->n + 1) * sizeof(*c->e));
	c->e[c->n].code = code;
	c->e[c->n].text = fc_printable(text, 1024);
	c->n++;
}

void fc_ossl_err_chain_free(struct fc_ossl_err_chain *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->e[i].text);
	free(c->e);
	*c = (struct fc_ossl_err_chain){ 0 };
}

void fc_ossl_err_take(struct fc_ossl_err_chain *c)
{
	const char *file, *func, *data;
	int line, flags;
	unsigned long e;
	while ((e = ERR_get_error_all(&file, &line, &func, &data, &flags))) {
		const char *lib = ERR_lib_error_string(e);
		const char *reason = ERR_reason_error_string(e);
		_cleanup_free_ char *r = reason ? NULL
						: fc_asprintf("reason(%d)",
							      ERR_GET_REASON(
								      e));
		_cleanup_free_ char *t =
			fc_asprintf("%s::%s (%s)%s%s",
				    lib ? lib : "unknown library",
				    reason ? reason : r,
				    func && *func ? func : "?",
				    (flags & ERR_TXT_STRING) && data && *data
					    ? ": "
					    : "",
				    (flags & ERR_TXT_STRING) && data ? data
								     : "");
		fc_ossl_err_chain_add(c, e, t);
	}
}

char *fc_ossl_err_chain_join(const struct fc_ossl_err_chain *c)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < c->n; i++)
		fc_buf_addf(&b, "%s%s", i ? "; " : "", c->e[i].text);
	return fc_buf_steal(&b);
}

const struct fc_ossl_err_entry *
fc_ossl_err_find(const struct fc_ossl_err_chain *c, int lib, int reason)
{
	for (size_t i = 0; i < c->n; i++)
		if (ERR_GET_LIB(c->e[i].code) == lib &&
		    (reason < 0 || ERR_GET_REASON(c->e[i].code) == reason))
			return &c->e[i];
	return NULL;
}

const char *fc_ossl_err_cause(const struct fc_ossl_err_chain *c)
{
	static const struct {
		int reason;
		const char *text;
	} causes[] = {
		{ PROV_R_MODULE_INTEGRITY_FAILURE, "module integrity failure" },
		{ PROV_R_INDICATOR_INTEGRITY_FAILURE,
		  "indicator integrity failure" },
		{ PROV_R_SELF_TEST_KAT_FAILURE, "self test kat failure" },
		{ PROV_R_MISSING_CONFIG_DATA, "missing config data" },
		{ PROV_R_INVALID_STATE, "invalid state" },
		{ PROV_R_FIPS_MODULE_IN_ERROR_STATE,
		  "fips module in error state" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(causes); i++)
		if (fc_ossl_err_find(c, ERR_LIB_PROV, causes[i].reason))
			return causes[i].text;
	if (fc_ossl_err_find(c, ERR_LIB_DSO, -1))
		return "could not load the shared library";
	return NULL;
}
