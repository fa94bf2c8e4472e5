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
 *   lazy load runs in a fresh exec of this helper (LAZY_LOAD_ARG, lazy.c),
 *   which prints what it saw on a pipe.
 * The helper's other parts are listed in ossl-probe.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <openssl/conf.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/self_test.h>

#include "ossl-probe.h"

/* fips.so is about 2 MB; refuse to hash anything absurd. */
#define MODULE_SIZE_MAX (256 * 1024 * 1024)

static void ossl_probe_free(struct fc_ossl_probe *p)
{
	fc_root_free(p->root);
	fc_ossl_conf_free(&p->conf);
	free(p->modules_dir);
	fc_ossl_err_chain_free(&p->init_errors);
	fc_ossl_st_log_free(&p->load_events);
	free(p->active);
	free(p->name);
	free(p->version);
	free(p->buildinfo);
	free(p->module_path);
	free(p->module_sha256);
	free(p->module_sha256_by);
	free(p->lazy_error);
	fc_ossl_st_log_free(&p->lazy_events);
	fc_ossl_err_chain_free(&p->lazy_errors);
	fc_ossl_st_log_free(&p->selftest_events);
	fc_ossl_err_chain_free(&p->selftest_errors);
	fc_ossl_err_chain_free(&p->error_state);
}

static void locate(struct fc_ossl_probe *p)
{
	/* libcrypto honours these only outside setuid (ossl_safe_getenv). */
	const char *env = secure_getenv("OPENSSL_CONF");
	if (env && *env) {
		fc_ossl_conf_read(&p->conf, env);
		p->conf.file_source = "OPENSSL_CONF";
	} else {
		char *def = CONF_get1_default_config_file();
		fc_ossl_conf_read(&p->conf, def ? def : "(none)");
		p->conf.file_source = "built-in default";
		OPENSSL_free(def);
	}
	env = secure_getenv("OPENSSL_MODULES");
	if (env && *env) {
		p->modules_dir = fc_strdup(env);
		p->modules_dir_source = "OPENSSL_MODULES";
	} else {
		p->modules_dir = fc_strdup(
			OPENSSL_info(OPENSSL_INFO_MODULES_DIR));
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
	struct fc_ossl_probe *p = arg;
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

static void read_provider(struct fc_ossl_probe *p)
{
	char *name = NULL, *version = NULL, *buildinfo = NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_NAME, &name, 0),
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_VERSION, &version,
					      0),
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
static void load_default(struct fc_ossl_probe *p)
{
	p->cur = &p->load_events;
	OSSL_SELF_TEST_set_callback(NULL, fc_ossl_st_callback, &p->cur);
	ERR_clear_error();
	/* Returns 1 even when the fips provider failed (see the top). */
	unsigned long long t0 = fc_now_ns();
	if (OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL) != 1)
		fc_ossl_err_take(&p->init_errors);
	p->config_load_ms = (double)(fc_now_ns() - t0) / 1e6;
	ERR_clear_error();
	p->default_props_fips = EVP_default_properties_is_fips_enabled(NULL) ==
				1;
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
static void hash_module(struct fc_ossl_probe *p)
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
		unsigned long long t0 = fc_now_ns();
		int r = hash_fd(fd, md, &p->module_sha256);
		p->module_sha256_ms = (double)(fc_now_ns() - t0) / 1e6;
		if (r < 0)
			p->module_errno = -r;
		else
			p->module_sha256_by =
				fc_asprintf("%s provider (%s library context)",
					    OSSL_PROVIDER_get0_name(
						    EVP_MD_get0_provider(md)),
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

/* --- --selftest ---------------------------------------------------------- */

static void run_selftest(struct fc_ossl_probe *p)
{
	p->cur = &p->selftest_events;
	unsigned long long t0 = fc_now_ns();
	ERR_clear_error();
	p->selftest_rc = OSSL_PROVIDER_self_test(p->fips);
	p->selftest_ms = (double)(fc_now_ns() - t0) / 1e6;
	fc_ossl_err_take(&p->selftest_errors);
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
	fc_ossl_err_take(&p->error_state);
}

static int run(struct fc_probe_ctx *ctx)
{
	struct fc_ossl_probe p = { .ctx = ctx };
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
		fc_ossl_lazy_load(&p);
	bool want_summary = fc_probe_wants(ctx, "openssl.summary");
	if (ctx->selftest && p.fips &&
	    (fc_probe_wants(ctx, "openssl.selftest") || want_summary))
		run_selftest(&p);

	if (fc_probe_wants(ctx, "openssl.provider"))
		fc_ossl_report_provider(&p);
	if (fc_probe_wants(ctx, "openssl.integrity"))
		fc_ossl_report_integrity(&p);
	if (fc_probe_wants(ctx, "openssl.selftest"))
		fc_ossl_report_selftest(&p);
	if (want_summary)
		fc_ossl_report_summary(&p);
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
		return fc_ossl_lazy_load_main(argv[2]);
	return fc_probe_main(argc, argv, &probe_openssl);
}
