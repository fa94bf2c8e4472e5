// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl-probe-openssl: the OpenSSL 3 probe helper (src/engine/probe.h).
 *
 * It looks at the DEFAULT library context as the system configures it
 * (OPENSSL_CONF or the built-in openssl.cnf, loaded the way the openssl
 * command and every application load it), never at a private one:
 *   openssl.provider   libcrypto version, config file, modules directory,
 *                      the fips provider's availability, name, version,
 *                      buildinfo and status, default_properties fips=yes,
 *                      path and SHA-256 of fips.so, the active providers.
 *   openssl.integrity  the Module_Integrity / Install_Integrity events the
 *                      provider reports through OSSL_SELF_TEST_set_callback
 *                      (registered before the configuration loads).
 *   openssl.selftest   with --selftest, OSSL_PROVIDER_self_test and every
 *                      KAT event it reports.
 *   openssl.summary    requested / active / integrity / self-tests.
 *
 * Traps measured on 3.0 (module-probes.md section 2.2):
 * - loading a configuration that activates a broken fips provider returns
 *   success and drops the error queue, and
 *   EVP_default_properties_is_fips_enabled() still says 1: availability is
 *   confirmed with OSSL_PROVIDER_available and the callback's Fail events.
 * - the error text is only returned by a lazy OSSL_PROVIDER_load, and once
 *   fips.so failed in a process, every later load in that process (fresh
 *   library context or fork) fails with "invalid state" instead.  So the
 *   lazy load runs in a fresh exec of this helper (LAZY_LOAD_ARG), which
 *   prints what it saw on a pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/proverr.h>
#include <openssl/provider.h>
#include <openssl/self_test.h>

#include "probe-child.h"
#include "probe-module.h"
#include "core/sysroot.h"

#define FIPS_PROVIDER "fips"
/* Internal mode: this helper re-executed to load the provider lazily. */
#define LAZY_LOAD_ARG "--lazy-load-fips"
#define LAZY_LOAD_TIMEOUT_MS 10000
#define LAZY_LOAD_OUTPUT_MAX (256 * 1024)
/* fips.so is about 2 MB; refuse to hash anything absurd. */
#define MODULE_SIZE_MAX (256 * 1024 * 1024)

/* --- self-test events and library errors --------------------------------- */

struct st_event {
	char *phase, *type, *desc;
};

struct st_log {
	struct st_event *ev;
	size_t n;
};

/* One entry of OpenSSL's error queue, oldest first. */
struct err_entry {
	unsigned long code;
	char *text; /* "Provider routines::module integrity failure (func): data" */
};

struct err_chain {
	struct err_entry *e;
	size_t n;
};

static void st_log_add(struct st_log *l, const char *phase, const char *type,
		       const char *desc)
{
	l->ev = fc_realloc(l->ev, (l->n + 1) * sizeof(*l->ev));
	l->ev[l->n].phase = fc_printable(phase, 64);
	l->ev[l->n].type = fc_printable(type, 64);
	l->ev[l->n].desc = fc_printable(desc, 64);
	l->n++;
}

static void st_log_free(struct st_log *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->ev[i].phase);
		free(l->ev[i].type);
		free(l->ev[i].desc);
	}
	free(l->ev);
	*l = (struct st_log){ 0 };
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

/* OSSL_CALLBACK for OSSL_SELF_TEST_set_callback; arg is a struct st_log **
 * so the caller can route events to the log of the current step.  It
 * returns 1: returning 0 in the Corrupt phase would corrupt the test. */
static int st_callback(const OSSL_PARAM params[], void *arg)
{
	struct st_log *l = *(struct st_log **)arg;
	st_log_add(l, param_utf8(params, OSSL_PROV_PARAM_SELF_TEST_PHASE),
		   param_utf8(params, OSSL_PROV_PARAM_SELF_TEST_TYPE),
		   param_utf8(params, OSSL_PROV_PARAM_SELF_TEST_DESC));
	return 1;
}

static size_t st_count(const struct st_log *l, const char *phase,
		       const char *type_prefix)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += fc_streq(l->ev[i].phase, phase) &&
		     (!type_prefix || fc_startswith(l->ev[i].type, type_prefix));
	return n;
}

/* "type/desc" of every event in phase, comma separated; NULL if none. */
static char *st_list(const struct st_log *l, const char *phase)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		if (fc_streq(l->ev[i].phase, phase))
			fc_buf_addf(&b, "%s%s/%s", b.len ? ", " : "",
				    l->ev[i].type, l->ev[i].desc);
	return b.len ? fc_buf_steal(&b) : NULL;
}

static void err_chain_add(struct err_chain *c, unsigned long code,
			  const char *text)
{
	c->e = fc_realloc(c->e, (c->n + 1) * sizeof(*c->e));
	c->e[c->n].code = code;
	c->e[c->n].text = fc_printable(text, 1024);
	c->n++;
}

static void err_chain_free(struct err_chain *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->e[i].text);
	free(c->e);
	*c = (struct err_chain){ 0 };
}

/* Move OpenSSL's error queue into c: the one place that reads it. */
static void err_take(struct err_chain *c)
{
	const char *file, *func, *data;
	int line, flags;
	unsigned long e;
	while ((e = ERR_get_error_all(&file, &line, &func, &data, &flags))) {
		const char *lib = ERR_lib_error_string(e);
		const char *reason = ERR_reason_error_string(e);
		_cleanup_free_ char *r = reason ? NULL
					       : fc_asprintf("reason(%d)",
							     ERR_GET_REASON(e));
		_cleanup_free_ char *t = fc_asprintf(
			"%s::%s (%s)%s%s", lib ? lib : "unknown library",
			reason ? reason : r, func && *func ? func : "?",
			(flags & ERR_TXT_STRING) && data && *data ? ": " : "",
			(flags & ERR_TXT_STRING) && data ? data : "");
		err_chain_add(c, e, t);
	}
}

static char *err_chain_join(const struct err_chain *c)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < c->n; i++)
		fc_buf_addf(&b, "%s%s", i ? "; " : "", c->e[i].text);
	return fc_buf_steal(&b);
}

static const struct err_entry *err_find(const struct err_chain *c, int lib,
					int reason)
{
	for (size_t i = 0; i < c->n; i++)
		if (ERR_GET_LIB(c->e[i].code) == lib &&
		    (reason < 0 || ERR_GET_REASON(c->e[i].code) == reason))
			return &c->e[i];
	return NULL;
}

/* The library's own words for why the provider failed, keyed on codes. */
static const char *err_cause(const struct err_chain *c)
{
	static const struct {
		int reason;
		const char *text;
	} causes[] = {
		{ PROV_R_MODULE_INTEGRITY_FAILURE, "module integrity failure" },
		{ PROV_R_INDICATOR_INTEGRITY_FAILURE, "indicator integrity failure" },
		{ PROV_R_SELF_TEST_KAT_FAILURE, "self test kat failure" },
		{ PROV_R_MISSING_CONFIG_DATA, "missing config data" },
		{ PROV_R_INVALID_STATE, "invalid state" },
		{ PROV_R_FIPS_MODULE_IN_ERROR_STATE, "fips module in error state" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(causes); i++)
		if (err_find(c, ERR_LIB_PROV, causes[i].reason))
			return causes[i].text;
	if (err_find(c, ERR_LIB_DSO, -1))
		return "could not load the shared library";
	return NULL;
}

/* --- the configuration, read the way the library reads it ---------------- */

struct ossl_conf {
	char *file;              /* the config file in effect */
	const char *file_source; /* "OPENSSL_CONF" or "built-in default" */
	char *error;             /* why it could not be parsed, or NULL */
	bool fips_configured;    /* [providers] names a fips provider */
	bool fips_activate;      /* its section has an activate key */
	char *fips_section;
	char *module;             /* module = ..., or NULL */
	char *default_properties; /* alg_section's default_properties */
	char *lazy_text; /* the fips section without activate, as a config */
};

static void ossl_conf_free(struct ossl_conf *c)
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
		case '\n': fc_buf_adds(b, "\\n"); break;
		case '\r': fc_buf_adds(b, "\\r"); break;
		case '\t': fc_buf_adds(b, "\\t"); break;
		case '\\': case '"': case '\'': case '$': case '#':
			fc_buf_addf(b, "\\%c", *p);
			break;
		default:
			fc_buf_add(b, p, 1);
		}
	}
}

static void conf_read_fips(struct ossl_conf *c, const CONF *cnf,
			   const char *name, const char *section)
{
	STACK_OF(CONF_VALUE) *vals = NCONF_get_section(cnf, section);
	struct fc_buf lazy = { 0 };
	c->fips_configured = true;
	c->fips_section = fc_strdup(section);
	fc_buf_addf(&lazy, "openssl_conf = fipsctl_lazy\n"
			   "[fipsctl_lazy]\nproviders = fipsctl_providers\n"
			   "[fipsctl_providers]\n%s = fipsctl_fips\n"
			   "[fipsctl_fips]\n", name);
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

/* The providers and default properties the file asks for.  Parsing with
 * NCONF has no effect on any library context. */
static void conf_read(struct ossl_conf *c, const char *file)
{
	CONF *cnf = NCONF_new(NULL);
	long eline = 0;
	c->file = fc_strdup(file);
	ERR_set_mark();
	if (!cnf || NCONF_load(cnf, file, &eline) != 1) {
		struct err_chain ec = { 0 };
		err_take(&ec);
		_cleanup_free_ char *why = err_chain_join(&ec);
		c->error = eline > 0 ? fc_asprintf("%s line %ld: %s", file,
						   eline, why)
				     : fc_asprintf("%s: %s", file, why);
		err_chain_free(&ec);
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

/* --- the probe ----------------------------------------------------------- */

struct ossl_probe {
	struct fc_probe_ctx *ctx;
	struct fc_root *root;
	struct st_log *cur; /* where the callback files events */

	int kernel_fips; /* fc_probe_kernel_fips() */
	struct ossl_conf conf;
	char *modules_dir;
	const char *modules_dir_source;
	struct err_chain init_errors;

	/* the default library context after the configuration loaded */
	struct st_log load_events;
	bool default_props_fips;
	bool available;
	OSSL_PROVIDER *fips; /* the active fips provider, or NULL */
	char *active;        /* active provider names */
	bool have_params;
	char *name, *version, *buildinfo;
	unsigned int status;

	/* fips.so */
	char *module_path;
	int module_errno; /* 0, or why it could not be hashed */
	char *module_sha256;
	char *module_sha256_by;

	/* the lazy load in a fresh process, when the provider is not active */
	bool lazy_ran;
	char *lazy_error; /* the lazy load itself could not run */
	bool lazy_loaded;
	struct st_log lazy_events;
	struct err_chain lazy_errors;

	/* --selftest */
	bool selftest_ran;
	int selftest_rc;
	double selftest_ms;
	struct st_log selftest_events;
	struct err_chain selftest_errors;
	bool have_status_after;
	unsigned int status_after;
	struct err_chain error_state;
};

static void ossl_probe_free(struct ossl_probe *p)
{
	fc_root_free(p->root);
	ossl_conf_free(&p->conf);
	free(p->modules_dir);
	err_chain_free(&p->init_errors);
	st_log_free(&p->load_events);
	free(p->active);
	free(p->name);
	free(p->version);
	free(p->buildinfo);
	free(p->module_path);
	free(p->module_sha256);
	free(p->module_sha256_by);
	free(p->lazy_error);
	st_log_free(&p->lazy_events);
	err_chain_free(&p->lazy_errors);
	st_log_free(&p->selftest_events);
	err_chain_free(&p->selftest_errors);
	err_chain_free(&p->error_state);
}

static void locate(struct ossl_probe *p)
{
	/* libcrypto honours these only outside setuid (ossl_safe_getenv). */
	const char *env = secure_getenv("OPENSSL_CONF");
	if (env && *env) {
		conf_read(&p->conf, env);
		p->conf.file_source = "OPENSSL_CONF";
	} else {
		char *def = CONF_get1_default_config_file();
		conf_read(&p->conf, def ? def : "(none)");
		p->conf.file_source = "built-in default";
		OPENSSL_free(def);
	}
	env = secure_getenv("OPENSSL_MODULES");
	if (env && *env) {
		p->modules_dir = fc_strdup(env);
		p->modules_dir_source = "OPENSSL_MODULES";
	} else {
		p->modules_dir = fc_strdup(OPENSSL_info(OPENSSL_INFO_MODULES_DIR));
		p->modules_dir_source = "built-in default";
	}
	/* Where the provider core looks: module = (relative to the modules
	 * directory), else <modules dir>/fips.so. */
	const char *m = p->conf.module;
	if (m && m[0] == '/')
		p->module_path = fc_strdup(m);
	else
		p->module_path = fc_asprintf("%s/%s", p->modules_dir,
					     m ? m : FIPS_PROVIDER ".so");
}

static int find_fips(OSSL_PROVIDER *prov, void *arg)
{
	struct ossl_probe *p = arg;
	const char *n = OSSL_PROVIDER_get0_name(prov);
	struct fc_buf b = { 0 };
	if (p->active)
		fc_buf_addf(&b, "%s, ", p->active);
	fc_buf_adds(&b, n);
	free(p->active);
	p->active = fc_buf_steal(&b);
	if (fc_streq(n, FIPS_PROVIDER))
		p->fips = prov;
	return 1;
}

static bool get_status(OSSL_PROVIDER *prov, unsigned int *status)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_uint(OSSL_PROV_PARAM_STATUS, status),
		OSSL_PARAM_construct_end(),
	};
	return OSSL_PROVIDER_get_params(prov, params) == 1 &&
	       OSSL_PARAM_modified(&params[0]);
}

static void read_provider(struct ossl_probe *p)
{
	char *name = NULL, *version = NULL, *buildinfo = NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_NAME, &name, 0),
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_VERSION, &version, 0),
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_BUILDINFO,
					      &buildinfo, 0),
		OSSL_PARAM_construct_end(),
	};
	if (OSSL_PROVIDER_get_params(p->fips, params) == 1) {
		p->name = name ? fc_printable(name, 256) : NULL;
		p->version = version ? fc_printable(version, 64) : NULL;
		p->buildinfo = buildinfo ? fc_printable(buildinfo, 256) : NULL;
	}
	p->have_params = get_status(p->fips, &p->status);
}

/* Load the configuration into the default context, as applications do,
 * with the self-test callback in place first. */
static void load_default(struct ossl_probe *p)
{
	p->cur = &p->load_events;
	OSSL_SELF_TEST_set_callback(NULL, st_callback, &p->cur);
	ERR_clear_error();
	/* Returns 1 even when the fips provider failed (see the top). */
	if (OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL) != 1)
		err_take(&p->init_errors);
	ERR_clear_error();
	p->default_props_fips = EVP_default_properties_is_fips_enabled(NULL) == 1;
	p->available = OSSL_PROVIDER_available(NULL, FIPS_PROVIDER) == 1;
	OSSL_PROVIDER_do_all(NULL, find_fips, p);
	if (p->fips)
		read_provider(p);
	ERR_clear_error();
}

static int hash_fd(int fd, EVP_MD *md, char **hex)
{
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	unsigned char buf[65536], out[EVP_MAX_MD_SIZE];
	unsigned int outlen = 0;
	size_t total = 0;
	int r = -EIO;
	if (!mctx || EVP_DigestInit_ex(mctx, md, NULL) != 1)
		goto out;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			goto out;
		}
		if (n == 0)
			break;
		total += (size_t)n;
		if (total > MODULE_SIZE_MAX) {
			r = -EFBIG;
			goto out;
		}
		if (EVP_DigestUpdate(mctx, buf, (size_t)n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(mctx, out, &outlen) != 1)
		goto out;
	struct fc_buf b = { 0 };
	for (unsigned int i = 0; i < outlen; i++)
		fc_buf_addf(&b, "%02x", out[i]);
	*hex = fc_buf_steal(&b);
	r = 0;
out:
	EVP_MD_CTX_free(mctx);
	return r;
}

/*
 * SHA-256 of fips.so.  The default context is tried first (with
 * default_properties fips=yes that is the fips provider itself); when it
 * cannot serve SHA-256 (dead fips provider, fips=yes), a private library
 * context with the default provider does.  The fact names which one.
 */
static void hash_module(struct ossl_probe *p)
{
	_cleanup_close_ int fd = fc_root_open(p->root, p->module_path,
					      O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		p->module_errno = -fd;
		return;
	}
	OSSL_LIB_CTX *priv = NULL;
	OSSL_PROVIDER *def = NULL;
	ERR_set_mark();
	EVP_MD *md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	if (!md) {
		priv = OSSL_LIB_CTX_new();
		def = priv ? OSSL_PROVIDER_load(priv, "default") : NULL;
		if (def)
			md = EVP_MD_fetch(priv, "SHA2-256", "provider=default");
	}
	if (md) {
		int r = hash_fd(fd, md, &p->module_sha256);
		if (r < 0)
			p->module_errno = -r;
		else
			p->module_sha256_by = fc_asprintf(
				"%s provider (%s library context)",
				OSSL_PROVIDER_get0_name(EVP_MD_get0_provider(md)),
				priv ? "private" : "default");
	} else {
		p->module_errno = ENOSYS;
	}
	ERR_pop_to_mark();
	EVP_MD_free(md);
	if (def)
		OSSL_PROVIDER_unload(def);
	OSSL_LIB_CTX_free(priv);
}

/* --- the lazy load, in a fresh exec of this helper ----------------------- */

/* Child side: print events (E), errors (R) and the result (L), one per
 * line, tab separated, then exit. */
static int lazy_load_main(const char *file)
{
	struct ossl_conf c = { 0 };
	struct st_log log = { 0 }, *cur = &log;
	struct err_chain ec = { 0 };
	OSSL_LIB_CTX *lctx = NULL;
	CONF *cnf = NULL;
	BIO *bio = NULL;
	OSSL_PROVIDER *prov = NULL;
	long eline = 0;
	int rc = 1;

	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	conf_read(&c, file);
	if (!c.lazy_text) {
		fprintf(stderr, "%s: no fips provider section%s%s\n", file,
			c.error ? ": " : "", c.error ? c.error : "");
		goto out;
	}
	lctx = OSSL_LIB_CTX_new();
	if (!lctx)
		goto out;
	OSSL_SELF_TEST_set_callback(lctx, st_callback, &cur);
	cnf = NCONF_new_ex(lctx, NULL);
	bio = BIO_new_mem_buf(c.lazy_text, -1);
	if (!cnf || !bio || NCONF_load_bio(cnf, bio, &eline) != 1 ||
	    CONF_modules_load(cnf, NULL, 0) <= 0) {
		err_take(&ec);
	} else {
		prov = OSSL_PROVIDER_load(lctx, FIPS_PROVIDER);
		err_take(&ec);
	}
	for (size_t i = 0; i < log.n; i++)
		printf("E\t%s\t%s\t%s\n", log.ev[i].phase, log.ev[i].type,
		       log.ev[i].desc);
	for (size_t i = 0; i < ec.n; i++)
		printf("R\t%lx\t%s\n", ec.e[i].code, ec.e[i].text);
	printf("L\t%d\n", prov ? 1 : 0);
	rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
out:
	if (prov)
		OSSL_PROVIDER_unload(prov);
	BIO_free(bio);
	NCONF_free(cnf);
	OSSL_LIB_CTX_free(lctx);
	err_chain_free(&ec);
	st_log_free(&log);
	ossl_conf_free(&c);
	return rc;
}

static void lazy_parse(struct ossl_probe *p, char *out)
{
	bool have_result = false;
	for (char *save = NULL, *line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[4] = { 0 };
		size_t nf = 0;
		for (char *s2 = NULL, *t = strtok_r(line, "\t", &s2);
		     t && nf < FC_ARRAY_SIZE(f); t = strtok_r(NULL, "\t", &s2))
			f[nf++] = t;
		if (nf == 4 && fc_streq(f[0], "E"))
			st_log_add(&p->lazy_events, f[1], f[2], f[3]);
		else if (nf == 3 && fc_streq(f[0], "R"))
			err_chain_add(&p->lazy_errors, strtoul(f[1], NULL, 16),
				      f[2]);
		else if (nf == 2 && fc_streq(f[0], "L")) {
			have_result = true;
			p->lazy_loaded = fc_streq(f[1], "1");
		}
	}
	if (!have_result)
		p->lazy_error = fc_strdup("the lazy load reported no result");
}

static void lazy_load(struct ossl_probe *p)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int fds[2] = { -1, -1 };
	struct fc_buf out = { 0 };
	int status = 0;
	if (n <= 0) {
		p->lazy_error = fc_asprintf("cannot find this helper: %s",
					    strerror(errno));
		return;
	}
	exe[n] = '\0';
	if (pipe2(fds, O_CLOEXEC) < 0) {
		p->lazy_error = fc_asprintf("pipe: %s", strerror(errno));
		return;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		p->lazy_error = fc_asprintf("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(126);
		execl(exe, exe, LAZY_LOAD_ARG, p->conf.file, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	p->lazy_ran = true;
	unsigned long long deadline =
		fc_now_ns() + LAZY_LOAD_TIMEOUT_MS * 1000000ULL;
	bool timed_out = false;
	for (;;) {
		unsigned long long now = fc_now_ns();
		if (now >= deadline) {
			timed_out = true;
			break;
		}
		struct pollfd pfd = { fds[0], POLLIN, 0 };
		int pr = poll(&pfd, 1, (int)((deadline - now) / 1000000ULL) + 1);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			continue;
		char chunk[8192];
		ssize_t r = read(fds[0], chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (out.len + (size_t)r <= LAZY_LOAD_OUTPUT_MAX)
			fc_buf_add(&out, chunk, (size_t)r);
	}
	close(fds[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		p->lazy_error = fc_asprintf("the lazy load did not finish "
					    "within %d ms",
					    LAZY_LOAD_TIMEOUT_MS);
	else if (WIFSIGNALED(status))
		p->lazy_error = fc_asprintf("the lazy load was killed by "
					    "signal %d (%s)",
					    WTERMSIG(status),
					    strsignal(WTERMSIG(status)));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		p->lazy_error = fc_asprintf("the lazy load exited with "
					    "status %d",
					    WEXITSTATUS(status));
	else
		lazy_parse(p, out.data ? out.data : (char[]){ "" });
	fc_buf_free(&out);
}

/* --- --selftest ---------------------------------------------------------- */

static void run_selftest(struct ossl_probe *p)
{
	p->cur = &p->selftest_events;
	unsigned long long t0 = fc_now_ns();
	ERR_clear_error();
	p->selftest_rc = OSSL_PROVIDER_self_test(p->fips);
	p->selftest_ms = (double)(fc_now_ns() - t0) / 1e6;
	err_take(&p->selftest_errors);
	p->selftest_ran = true;
	p->cur = &p->load_events;
	p->have_status_after = get_status(p->fips, &p->status_after);
	if (p->selftest_rc == 1)
		return;
	/* After a failure the module must refuse service: show that it does. */
	ERR_clear_error();
	EVP_MD *md = EVP_MD_fetch(NULL, "SHA2-256", "provider=" FIPS_PROVIDER);
	unsigned char dig[EVP_MAX_MD_SIZE];
	if (md)
		(void)EVP_Digest("abc", 3, dig, NULL, md, NULL);
	EVP_MD_free(md);
	err_take(&p->error_state);
}

/* --- findings ------------------------------------------------------------ */

static const char *yes_no(bool b)
{
	return b ? "true" : "false";
}

/* Where the provider stands, in one word, for summaries and decisions. */
enum fips_state {
	FIPS_ACTIVE,         /* active with status 1 */
	FIPS_ERROR_STATE,    /* active, status 0 */
	FIPS_NOT_INSTALLED,  /* configured, fips.so missing */
	FIPS_LOAD_FAILED,    /* configured and activated, but dead */
	FIPS_NOT_ACTIVATED,  /* configured without activate */
	FIPS_NOT_CONFIGURED, /* nothing asks for it */
};

static enum fips_state fips_state(const struct ossl_probe *p)
{
	if (p->available && p->fips)
		return p->have_params && p->status == 1 ? FIPS_ACTIVE
							: FIPS_ERROR_STATE;
	if (!p->conf.fips_configured)
		return FIPS_NOT_CONFIGURED;
	if (p->module_errno == ENOENT)
		return FIPS_NOT_INSTALLED;
	return p->conf.fips_activate ? FIPS_LOAD_FAILED : FIPS_NOT_ACTIVATED;
}

/* The configuration text for remediations. */
static char *conf_where(const struct ossl_probe *p)
{
	return fc_asprintf("%s (%s)", p->conf.file, p->conf.file_source);
}

static void fact_errors(struct fc_finding *f, const char *key,
			const struct err_chain *c)
{
	if (!c->n)
		return;
	_cleanup_free_ char *s = err_chain_join(c);
	fc_finding_fact(f, key, "%s", s);
}

static void report_provider(struct ossl_probe *p)
{
	struct fc_finding *f = fc_probe_finding(p->ctx, "openssl.provider", NULL);
	_cleanup_free_ char *where = conf_where(p);
	fc_finding_fact(f, "libcrypto_version", "%s",
			OpenSSL_version(OPENSSL_VERSION));
	fc_finding_fact(f, "config_file", "%s", p->conf.file);
	fc_finding_fact(f, "config_file_source", "%s", p->conf.file_source);
	if (p->conf.error)
		fc_finding_fact(f, "config_error", "%s", p->conf.error);
	fact_errors(f, "config_load_errors", &p->init_errors);
	fc_finding_fact(f, "modules_dir", "%s", p->modules_dir);
	fc_finding_fact(f, "modules_dir_source", "%s", p->modules_dir_source);
	fc_finding_fact(f, "provider_configured", "%s",
			yes_no(p->conf.fips_configured));
	if (p->conf.fips_configured) {
		fc_finding_fact(f, "provider_section", "%s", p->conf.fips_section);
		fc_finding_fact(f, "provider_activate_in_config", "%s",
				yes_no(p->conf.fips_activate));
	}
	fc_finding_fact(f, "provider_available", "%s", yes_no(p->available));
	if (p->name)
		fc_finding_fact(f, "provider_name", "%s", p->name);
	if (p->version)
		fc_finding_fact(f, "provider_version", "%s", p->version);
	if (p->buildinfo)
		fc_finding_fact(f, "provider_buildinfo", "%s", p->buildinfo);
	if (p->have_params)
		fc_finding_fact(f, "provider_status", "%u", p->status);
	fc_finding_fact(f, "default_properties_fips", "%s",
			yes_no(p->default_props_fips));
	if (p->conf.default_properties)
		fc_finding_fact(f, "default_properties", "%s",
				p->conf.default_properties);
	fc_finding_fact(f, "fips_so_path", "%s", p->module_path);
	if (p->module_sha256) {
		fc_finding_fact(f, "fips_so_sha256", "%s", p->module_sha256);
		fc_finding_fact(f, "fips_so_sha256_by", "%s", p->module_sha256_by);
	} else {
		fc_finding_fact(f, "fips_so_error", "%s",
				p->module_errno == ENOSYS
					? "no provider could compute SHA-256"
					: strerror(p->module_errno));
	}
	fc_finding_fact(f, "active_providers", "%s",
			p->active ? p->active : "(none)");
	if (p->lazy_ran) {
		fc_finding_fact(f, "lazy_load", "%s",
				p->lazy_error	   ? p->lazy_error
				: p->lazy_loaded ? "loaded"
						 : "failed");
		fact_errors(f, "load_errors", &p->lazy_errors);
	}

	const char *cause = err_cause(&p->lazy_errors);
	switch (fips_state(p)) {
	case FIPS_ACTIVE:
		if (p->default_props_fips) {
			fc_finding_status(f, FC_STATUS_PASS,
					  "%s %s is active and default "
					  "properties select it (fips=yes)",
					  p->name ? p->name : FIPS_PROVIDER,
					  p->version ? p->version : "");
		} else {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "the FIPS provider is active but "
					  "default properties do not require "
					  "fips=yes: applications may use "
					  "non-approved implementations");
			fc_finding_remedy(f, "set 'default_properties = "
					     "fips=yes' in the alg_section of %s",
					  where);
		}
		break;
	case FIPS_ERROR_STATE:
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the FIPS provider is loaded but not "
				  "operational (status %s)",
				  p->have_params ? "0" : "unreadable");
		fc_finding_remedy(f, "see openssl.integrity and "
				     "openssl.selftest; reinstall the module "
				     "(dnf reinstall openssl-libs)");
		break;
	case FIPS_NOT_INSTALLED: {
		/* The loader's own words name the file and the errno. */
		const struct err_entry *dso = err_find(&p->lazy_errors,
						       ERR_LIB_DSO, -1);
		fc_finding_status(f, FC_STATUS_FAIL,
				  "FIPS provider not installed: %s",
				  dso ? dso->text : p->module_path);
		fc_finding_remedy(f, "install the FIPS provider (EL9: dnf "
				     "install openssl-libs ships fips.so) or "
				     "correct 'module =' in [%s] of %s",
				  p->conf.fips_section, where);
		break;
	}
	case FIPS_NOT_ACTIVATED: {
		_cleanup_free_ char *how =
			p->lazy_loaded ? fc_strdup("; it loads on demand")
			: cause	       ? fc_asprintf("; loading it fails: %s", cause)
				       : fc_strdup("");
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the FIPS provider is configured but not "
				  "activated (no 'activate' in [%s])%s",
				  p->conf.fips_section, how);
		fc_finding_remedy(f, "add 'activate = 1' to [%s] in %s",
				  p->conf.fips_section, where);
		break;
	}
	case FIPS_LOAD_FAILED:
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the FIPS provider is configured and "
				  "activated but failed to load: %s",
				  cause ? cause
				  : p->lazy_error ? p->lazy_error
						  : "no error reported");
		fc_finding_remedy(f, "see openssl.integrity; reinstall the "
				     "module (dnf reinstall openssl-libs)");
		break;
	case FIPS_NOT_CONFIGURED:
		fc_finding_status(f, FC_STATUS_FAIL,
				  "FIPS provider not available: %s activates "
				  "no fips provider%s",
				  p->conf.file,
				  p->module_errno == ENOENT
					  ? " and there is no fips.so in the "
					    "modules directory"
					  : "");
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot "
				     "(EL9); elsewhere install a validated "
				     "FIPS provider, run 'openssl fipsinstall', "
				     "include its fipsmodule.cnf in %s, activate "
				     "the fips provider and set "
				     "default_properties = fips=yes",
				  where);
		break;
	}
}

/* The integrity events of this run: the default load's, else the lazy
 * load's (where the default load never reached the provider). */
static const struct st_log *integrity_log(const struct ossl_probe *p,
					  bool *lazy)
{
	*lazy = p->load_events.n == 0 && p->lazy_ran;
	return *lazy ? &p->lazy_events : &p->load_events;
}

static void integrity_tri(const struct ossl_probe *p, struct fc_tri_fact *t)
{
	bool lazy;
	const struct st_log *l = integrity_log(p, &lazy);
	const char *how = lazy ? "when loaded on demand" : "on load";
	if (st_count(l, OSSL_SELF_TEST_PHASE_FAIL, NULL))
		fc_tri_set(t, FC_TRI_FALSE, "a self-test failed %s", how);
	else if (st_count(l, OSSL_SELF_TEST_PHASE_PASS,
			  OSSL_SELF_TEST_TYPE_MODULE_INTEGRITY))
		fc_tri_set(t, FC_TRI_TRUE, "Module_Integrity HMAC passed %s",
			   how);
	else if (fips_state(p) == FIPS_NOT_CONFIGURED)
		fc_tri_set(t, FC_TRI_UNKNOWN, "no FIPS provider is configured");
	else if (fips_state(p) == FIPS_NOT_INSTALLED)
		fc_tri_set(t, FC_TRI_UNKNOWN, "fips.so is not installed");
	else
		fc_tri_set(t, FC_TRI_UNKNOWN, "no integrity test result was "
					      "reported to the self-test "
					      "callback");
}

static void report_integrity(struct ossl_probe *p)
{
	struct fc_finding *f = fc_probe_finding(p->ctx, "openssl.integrity",
						NULL);
	bool lazy;
	const struct st_log *l = integrity_log(p, &lazy);
	fc_finding_fact(f, "source", "%s",
			lazy ? "lazy load of the configured provider in a "
			       "fresh process"
			     : "default library context, configuration load");
	fc_finding_fact(f, "events_count", "%zu", l->n);
	_cleanup_free_ char *passed = st_list(l, OSSL_SELF_TEST_PHASE_PASS);
	_cleanup_free_ char *failed = st_list(l, OSSL_SELF_TEST_PHASE_FAIL);
	if (passed)
		fc_finding_fact(f, "passed_events", "%s", passed);
	fc_finding_fact(f, "failed_events", "%s", failed ? failed : "(none)");
	fact_errors(f, "error_chain", &p->lazy_errors);
	if (p->lazy_error)
		fc_finding_fact(f, "lazy_load_error", "%s", p->lazy_error);
	fc_finding_fact(f, "fips_so_path", "%s", p->module_path);

	struct fc_tri_fact t = { 0 };
	integrity_tri(p, &t);
	const char *cause = err_cause(&p->lazy_errors);
	if (t.value == FC_TRI_FALSE) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "FIPS provider self-test failed on load: %s",
				  cause ? cause : failed);
		if (cause && fc_streq(cause, "indicator integrity failure"))
			fc_finding_remedy(f, "the install indicator (install-mac "
					     "in fipsmodule.cnf) does not match: "
					     "rerun 'openssl fipsinstall -module "
					     "%s -out <fipsmodule.cnf>' only if "
					     "that file is the validated module",
					  p->module_path);
		else
			fc_finding_remedy(f, "%s does not match its MAC: "
					     "reinstall the module (dnf "
					     "reinstall openssl-libs); do not "
					     "re-run fipsinstall on a modified "
					     "module",
					  p->module_path);
	} else if (t.value == FC_TRI_TRUE) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "fips.so integrity verified%s (%s)",
				  lazy ? " when loaded on demand" : "", passed);
	} else if (fips_state(p) == FIPS_NOT_CONFIGURED) {
		fc_finding_status(f, FC_STATUS_SKIP,
				  "no FIPS provider is configured: no "
				  "integrity test ran");
	} else if (fips_state(p) == FIPS_NOT_INSTALLED) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "integrity not verified: the FIPS provider "
				  "is not installed (%s)",
				  cause ? cause : p->module_path);
	} else {
		fc_finding_status(f, FC_STATUS_WARN, "%s%s%s; cannot tell",
				  t.why, p->lazy_error ? ": " : "",
				  p->lazy_error ? p->lazy_error : "");
	}
	free(t.why);
}

static void selftests_tri(const struct ossl_probe *p, struct fc_tri_fact *t)
{
	const struct st_log *sl = &p->selftest_events, *ll = &p->load_events;
	_cleanup_free_ char *fail = st_list(sl, OSSL_SELF_TEST_PHASE_FAIL);
	if (p->selftest_ran && p->selftest_rc == 1 &&
	    !st_count(sl, OSSL_SELF_TEST_PHASE_FAIL, NULL))
		fc_tri_set(t, FC_TRI_TRUE,
			   "OSSL_PROVIDER_self_test: %zu tests passed",
			   st_count(sl, OSSL_SELF_TEST_PHASE_PASS, NULL));
	else if (p->selftest_ran)
		fc_tri_set(t, FC_TRI_FALSE, "OSSL_PROVIDER_self_test failed: %s",
			   fail ? fail : "no Fail event");
	else if (st_count(ll, OSSL_SELF_TEST_PHASE_FAIL, "KAT"))
		fc_tri_set(t, FC_TRI_FALSE,
			   "a known-answer test failed on load");
	else if (fips_state(p) != FIPS_ACTIVE)
		fc_tri_set(t, FC_TRI_UNKNOWN, "the FIPS provider is not active");
	else if (st_count(ll, OSSL_SELF_TEST_PHASE_PASS, "KAT"))
		fc_tri_set(t, FC_TRI_TRUE,
			   "%zu known-answer tests passed on load",
			   st_count(ll, OSSL_SELF_TEST_PHASE_PASS, "KAT"));
	else if (st_count(ll, OSSL_SELF_TEST_PHASE_PASS,
			  OSSL_SELF_TEST_TYPE_INSTALL_INTEGRITY))
		/* The 3.0 module's design: fipsinstall runs the KATs and
		 * writes install-status, which install-mac protects; a load
		 * verifies that indicator instead of re-running them. */
		fc_tri_set(t, FC_TRI_TRUE,
			   "known-answer tests passed at installation "
			   "(install-status, verified on load by the "
			   "Install_Integrity HMAC)");
	else
		fc_tri_set(t, FC_TRI_UNKNOWN,
			   "no self-test ran in this process; run with "
			   "--selftest");
}

static void report_selftest(struct ossl_probe *p)
{
	struct fc_finding *f = fc_probe_finding(p->ctx, "openssl.selftest", NULL);
	if (!p->ctx->selftest) {
		fc_finding_status(f, FC_STATUS_SKIP, "run with --selftest");
		return;
	}
	if (!p->selftest_ran) {
		fc_finding_status(f, FC_STATUS_SKIP,
				  "the FIPS provider is not active: no "
				  "self-test to run");
		return;
	}
	const struct st_log *l = &p->selftest_events;
	_cleanup_free_ char *tests = st_list(l, OSSL_SELF_TEST_PHASE_START);
	_cleanup_free_ char *failed = st_list(l, OSSL_SELF_TEST_PHASE_FAIL);
	fc_finding_fact(f, "result", "%d", p->selftest_rc);
	fc_finding_fact(f, "duration_ms", "%.1f", p->selftest_ms);
	fc_finding_fact(f, "events_count", "%zu", l->n);
	fc_finding_fact(f, "tests_count", "%zu",
			st_count(l, OSSL_SELF_TEST_PHASE_START, NULL));
	fc_finding_fact(f, "passed_count", "%zu",
			st_count(l, OSSL_SELF_TEST_PHASE_PASS, NULL));
	fc_finding_fact(f, "failed_events", "%s", failed ? failed : "(none)");
	fc_finding_fact(f, "tests", "%s", tests ? tests : "(none)");
	fact_errors(f, "error_chain", &p->selftest_errors);
	if (p->have_status_after)
		fc_finding_fact(f, "provider_status_after", "%u",
				p->status_after);
	fact_errors(f, "service_after_failure", &p->error_state);

	if (p->selftest_rc == 1 && !failed) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "%zu self-tests passed in %.1f ms",
				  st_count(l, OSSL_SELF_TEST_PHASE_PASS, NULL),
				  p->selftest_ms);
		return;
	}
	const char *cause = err_cause(&p->selftest_errors);
	bool error_state = err_find(&p->error_state, ERR_LIB_PROV,
				    PROV_R_FIPS_MODULE_IN_ERROR_STATE) ||
			   (p->have_status_after && p->status_after == 0);
	fc_finding_status(f, FC_STATUS_FAIL,
			  "FIPS provider self-test failed: %s (%s)%s",
			  cause ? cause : "OSSL_PROVIDER_self_test returned 0",
			  failed ? failed : "no Fail event",
			  error_state ? "; the module is now in its error state"
				      : "");
	fc_finding_remedy(f, "reinstall the module (dnf reinstall "
			     "openssl-libs) and restart the applications; a "
			     "failing known-answer test means the module "
			     "cannot be used");
}

static void requested_tri(const struct ossl_probe *p, struct fc_tri_fact *t)
{
	bool by_conf = p->conf.fips_configured && p->conf.fips_activate;
	bool by_props = p->conf.default_properties &&
			strstr(p->conf.default_properties, "fips=yes");
	const char *kernel = p->kernel_fips == 1	 ? "1"
			     : p->kernel_fips == 0	 ? "0"
			     : p->kernel_fips == -ENOENT ? "absent"
							 : "unreadable";
	enum fc_tri v = by_conf || by_props || p->kernel_fips == 1 ? FC_TRI_TRUE
			: p->kernel_fips < 0 && p->kernel_fips != -ENOENT
				? FC_TRI_UNKNOWN
				: FC_TRI_FALSE;
	fc_tri_set(t, v, "config activates the fips provider: %s; "
			 "default_properties fips=yes: %s; kernel "
			 "fips_enabled: %s",
		   yes_no(by_conf), yes_no(by_props), kernel);
}

static void active_tri(const struct ossl_probe *p, struct fc_tri_fact *t)
{
	const char *cause = err_cause(&p->lazy_errors);
	switch (fips_state(p)) {
	case FIPS_ACTIVE:
		if (p->selftest_ran && p->have_status_after &&
		    p->status_after != 1)
			fc_tri_set(t, FC_TRI_FALSE,
				   "status %u after OSSL_PROVIDER_self_test: "
				   "the module entered its error state",
				   p->status_after);
		else if (!p->default_props_fips)
			/* Loaded but not what applications get by default. */
			fc_tri_set(t, FC_TRI_FALSE,
				   "active, but default_properties do not "
				   "require fips=yes");
		else
			fc_tri_set(t, FC_TRI_TRUE, "active in the default "
						   "library context, status 1");
		break;
	case FIPS_ERROR_STATE:
		fc_tri_set(t, p->have_params ? FC_TRI_FALSE : FC_TRI_UNKNOWN,
			   "loaded, status %s",
			   p->have_params ? "0" : "unreadable");
		break;
	case FIPS_NOT_INSTALLED:
		fc_tri_set(t, FC_TRI_FALSE, "not installed: %s",
			   p->module_path);
		break;
	case FIPS_LOAD_FAILED:
		fc_tri_set(t, FC_TRI_FALSE, "failed to load: %s",
			   cause ? cause : "no error reported");
		break;
	case FIPS_NOT_ACTIVATED:
		fc_tri_set(t, FC_TRI_FALSE, "configured but not activated");
		break;
	case FIPS_NOT_CONFIGURED:
		fc_tri_set(t, FC_TRI_FALSE, "not configured");
		break;
	}
}

static void report_summary(struct ossl_probe *p)
{
	_cleanup_free_ char *module =
		p->name ? fc_asprintf("%s %s", p->name,
				      p->version ? p->version : "")
			: fc_asprintf("OpenSSL %s (no active FIPS provider)",
				      OpenSSL_version(OPENSSL_VERSION_STRING));
	struct fc_module_summary s = {
		.module = module,
		.library_version = OpenSSL_version(OPENSSL_VERSION_STRING),
		.module_version = p->version,
	};
	requested_tri(p, &s.requested);
	active_tri(p, &s.active);
	selftests_tri(p, &s.selftests);
	integrity_tri(p, &s.integrity);
	fc_probe_add_summary(p->ctx, "openssl.summary", &s);
	/* The validated-version check matches on name and version. */
	struct fc_finding *f = fc_report_find(p->ctx->report, "openssl.summary");
	fc_finding_fact(f, "module_name", "%s",
			p->name ? p->name : "none reported by the library");
	if (f->status != FC_STATUS_PASS)
		fc_finding_remedy(f, "see openssl.provider, openssl.integrity "
				     "and openssl.selftest");
}

static int run(struct fc_probe_ctx *ctx)
{
	struct ossl_probe p = { .ctx = ctx };
	int r = fc_root_new("/", &p.root);
	if (r < 0)
		return r;
	p.kernel_fips = fc_probe_kernel_fips(p.root, NULL);
	locate(&p);
	load_default(&p);
	hash_module(&p);
	/* A configured provider that is not active: ask a fresh process to
	 * load it on demand, to get the library's own error text. */
	if (!p.available && p.conf.fips_configured && p.conf.lazy_text)
		lazy_load(&p);
	bool want_summary = fc_probe_wants(ctx, "openssl.summary");
	if (ctx->selftest && p.fips &&
	    (fc_probe_wants(ctx, "openssl.selftest") || want_summary))
		run_selftest(&p);

	if (fc_probe_wants(ctx, "openssl.provider"))
		report_provider(&p);
	if (fc_probe_wants(ctx, "openssl.integrity"))
		report_integrity(&p);
	if (fc_probe_wants(ctx, "openssl.selftest"))
		report_selftest(&p);
	if (want_summary)
		report_summary(&p);
	ossl_probe_free(&p);
	return 0;
}

static const struct fc_probe_def probe_openssl = {
	.name = "openssl",
	.run = run,
	.selftest = fc_selftest_openssl, /* helpers/openssl/selftest.c */
};

int main(int argc, char **argv)
{
	if (argc == 3 && fc_streq(argv[1], LAZY_LOAD_ARG))
		return lazy_load_main(argv[2]);
	return fc_probe_main(argc, argv, &probe_openssl);
}
