// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The openssl.* findings, from what probe.c, lazy.c and conf.c learnt:
 * openssl.provider (one writer per provider state, provider-state.c
 * decides which), openssl.integrity, openssl.selftest and the module
 * summary the validated-version check matches on.
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/proverr.h>
#include <openssl/self_test.h>

#include "ossl-probe.h"
#include "provider-state.h"

static const char *yes_no(bool b)
{
	return b ? "true" : "false";
}

/* Where the provider stands (provider-state.c decides). */
static enum fc_ossl_provider_state provider_state(const struct fc_ossl_probe *p)
{
	const struct fc_ossl_provider_facts f = {
		.configured = p->conf.fips_configured,
		.activate = p->conf.fips_activate,
		.available = p->available,
		.active = p->fips != NULL,
		.have_status = p->have_params,
		.status = p->status,
		.module_missing = p->module_errno == ENOENT,
		.default_props_fips = p->default_props_fips,
	};
	return fc_ossl_provider_state(&f);
}

/* The configuration text for remediations. */
static char *conf_where(const struct fc_ossl_probe *p)
{
	return fc_asprintf("%s (%s)", p->conf.file, p->conf.file_source);
}

static void fact_errors(struct fc_finding *f, const char *key,
			const struct fc_ossl_err_chain *c)
{
	if (!c->n)
		return;
	_cleanup_free_ char *s = fc_ossl_err_chain_join(c);
	fc_finding_fact(f, key, "%s", s);
}

/* What openssl.provider records whatever the state. */
static void provider_facts(struct fc_finding *f, const struct fc_ossl_probe *p)
{
	fc_finding_fact(f, "libcrypto_version", "%s",
			OpenSSL_version(OPENSSL_VERSION));
	fc_finding_fact(f, "config_file", "%s", p->conf.file);
	fc_finding_fact(f, "config_file_source", "%s", p->conf.file_source);
	if (p->conf.error)
		fc_finding_fact(f, "config_error", "%s", p->conf.error);
	fact_errors(f, "config_load_errors", &p->init_errors);
	/* What the status answer cost: loading the configuration runs the
	 * power-up integrity check of an activated fips provider. */
	fc_finding_fact(f, "config_load_ms", "%.1f", p->config_load_ms);
	fc_finding_fact(f, "modules_dir", "%s", p->modules_dir);
	fc_finding_fact(f, "modules_dir_source", "%s", p->modules_dir_source);
	fc_finding_fact(f, "provider_configured", "%s",
			yes_no(p->conf.fips_configured));
	if (p->conf.fips_configured) {
		fc_finding_fact(f, "provider_section", "%s",
				p->conf.fips_section);
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
		fc_finding_fact(f, "fips_so_sha256_by", "%s",
				p->module_sha256_by);
		fc_finding_fact(f, "fips_so_sha256_ms", "%.1f",
				p->module_sha256_ms);
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
				p->lazy_error	 ? p->lazy_error
				: p->lazy_loaded ? "loaded"
						 : "failed");
		fact_errors(f, "load_errors", &p->lazy_errors);
	}
}

/* One writer per state: the summary, the status and the remedy. */

static void provider_selected(struct fc_finding *f,
			      const struct fc_ossl_probe *p, const char *where)
{
	(void)where;
	fc_finding_status(f, FC_STATUS_PASS,
			  "%s %s is active and default "
			  "properties select it (fips=yes)",
			  p->name ? p->name : FIPS_PROVIDER,
			  p->version ? p->version : "");
}

static void provider_not_selected(struct fc_finding *f,
				  const struct fc_ossl_probe *p,
				  const char *where)
{
	(void)p;
	fc_finding_status(f, FC_STATUS_FAIL,
			  "the FIPS provider is active but "
			  "default properties do not require "
			  "fips=yes: applications may use "
			  "non-approved implementations");
	fc_finding_remedy(f,
			  "set 'default_properties = "
			  "fips=yes' in the alg_section of %s",
			  where);
}

static void provider_error_state(struct fc_finding *f,
				 const struct fc_ossl_probe *p,
				 const char *where)
{
	(void)where;
	fc_finding_status(f, FC_STATUS_FAIL,
			  "the FIPS provider is loaded but not "
			  "operational (status %s)",
			  p->have_params ? "0" : "unreadable");
	fc_finding_remedy(f, "see openssl.integrity and "
			     "openssl.selftest; reinstall the module "
			     "(dnf reinstall openssl-libs)");
}

static void provider_not_installed(struct fc_finding *f,
				   const struct fc_ossl_probe *p,
				   const char *where)
{
	/* The loader's own words name the file and the errno. */
	const struct fc_ossl_err_entry *dso = fc_ossl_err_find(&p->lazy_errors,
							       ERR_LIB_DSO, -1);
	fc_finding_status(f, FC_STATUS_FAIL, "FIPS provider not installed: %s",
			  dso ? dso->text : p->module_path);
	fc_finding_remedy(f,
			  "install the FIPS provider (EL9: dnf "
			  "install openssl-libs ships fips.so) or "
			  "correct 'module =' in [%s] of %s",
			  p->conf.fips_section, where);
}

static void provider_load_failed(struct fc_finding *f,
				 const struct fc_ossl_probe *p,
				 const char *where)
{
	(void)where;
	const char *cause = fc_ossl_err_cause(&p->lazy_errors);
	fc_finding_status(f, FC_STATUS_FAIL,
			  "the FIPS provider is configured and "
			  "activated but failed to load: %s",
			  cause		  ? cause
			  : p->lazy_error ? p->lazy_error
					  : "no error reported");
	fc_finding_remedy(f, "see openssl.integrity; reinstall the "
			     "module (dnf reinstall openssl-libs)");
}

static void provider_not_activated(struct fc_finding *f,
				   const struct fc_ossl_probe *p,
				   const char *where)
{
	const char *cause = fc_ossl_err_cause(&p->lazy_errors);
	_cleanup_free_ char
		*how = p->lazy_loaded ? fc_strdup("; it loads on demand")
		       : cause ? fc_asprintf("; loading it fails: %s", cause)
			       : fc_strdup("");
	fc_finding_status(f, FC_STATUS_FAIL,
			  "the FIPS provider is configured but not "
			  "activated (no 'activate' in [%s])%s",
			  p->conf.fips_section, how);
	fc_finding_remedy(f, "add 'activate = 1' to [%s] in %s",
			  p->conf.fips_section, where);
}

static void provider_not_configured(struct fc_finding *f,
				    const struct fc_ossl_probe *p,
				    const char *where)
{
	fc_finding_status(f, FC_STATUS_FAIL,
			  "FIPS provider not available: %s activates "
			  "no fips provider%s",
			  p->conf.file,
			  p->module_errno == ENOENT
				  ? " and there is no fips.so in the "
				    "modules directory"
				  : "");
	fc_finding_remedy(f,
			  "fips-mode-setup --enable && reboot "
			  "(EL9); elsewhere install a validated "
			  "FIPS provider, run 'openssl fipsinstall', "
			  "include its fipsmodule.cnf in %s, activate "
			  "the fips provider and set "
			  "default_properties = fips=yes",
			  where);
}

static void (*const provider_writers[])(struct fc_finding *f,
					const struct fc_ossl_probe *p,
					const char *where) = {
	[FC_OSSL_SELECTED] = provider_selected,
	[FC_OSSL_NOT_SELECTED] = provider_not_selected,
	[FC_OSSL_ERROR_STATE] = provider_error_state,
	[FC_OSSL_NOT_INSTALLED] = provider_not_installed,
	[FC_OSSL_LOAD_FAILED] = provider_load_failed,
	[FC_OSSL_NOT_ACTIVATED] = provider_not_activated,
	[FC_OSSL_NOT_CONFIGURED] = provider_not_configured,
};

void fc_ossl_report_provider(struct fc_ossl_probe *p)
{
	struct fc_finding *f = fc_probe_finding(p->ctx, "openssl.provider",
						NULL);
	_cleanup_free_ char *where = conf_where(p);
	provider_facts(f, p);
	provider_writers[provider_state(p)](f, p, where);
}

/* The integrity events of this run: the default load's, else the lazy
 * load's (where the default load never reached the provider). */
static const struct fc_ossl_st_log *integrity_log(const struct fc_ossl_probe *p,
						  bool *lazy)
{
	*lazy = p->load_events.n == 0 && p->lazy_ran;
	return *lazy ? &p->lazy_events : &p->load_events;
}

static void integrity_tri(const struct fc_ossl_probe *p, struct fc_tri_fact *t)
{
	bool lazy;
	const struct fc_ossl_st_log *l = integrity_log(p, &lazy);
	const char *how = lazy ? "when loaded on demand" : "on load";
	if (fc_ossl_st_count(l, OSSL_SELF_TEST_PHASE_FAIL, NULL))
		fc_tri_set(t, FC_TRI_FALSE, "a self-test failed %s", how);
	else if (fc_ossl_st_count(l, OSSL_SELF_TEST_PHASE_PASS,
				  OSSL_SELF_TEST_TYPE_MODULE_INTEGRITY))
		fc_tri_set(t, FC_TRI_TRUE, "Module_Integrity HMAC passed %s",
			   how);
	else if (provider_state(p) == FC_OSSL_NOT_CONFIGURED)
		fc_tri_set(t, FC_TRI_UNKNOWN, "no FIPS provider is configured");
	else if (provider_state(p) == FC_OSSL_NOT_INSTALLED)
		fc_tri_set(t, FC_TRI_UNKNOWN, "fips.so is not installed");
	else
		fc_tri_set(t, FC_TRI_UNKNOWN,
			   "no integrity test result was "
			   "reported to the self-test "
			   "callback");
}

void fc_ossl_report_integrity(struct fc_ossl_probe *p)
{
	struct fc_finding *f = fc_probe_finding(p->ctx, "openssl.integrity",
						NULL);
	bool lazy;
	const struct fc_ossl_st_log *l = integrity_log(p, &lazy);
	fc_finding_fact(f, "source", "%s",
			lazy ? "lazy load of the configured provider in a "
			       "fresh process"
			     : "default library context, configuration load");
	fc_finding_fact(f, "events_count", "%zu", l->n);
	_cleanup_free_ char *passed = fc_ossl_st_list(l,
						      OSSL_SELF_TEST_PHASE_PASS);
	_cleanup_free_ char *failed = fc_ossl_st_list(l,
						      OSSL_SELF_TEST_PHASE_FAIL);
	if (passed)
		fc_finding_fact(f, "passed_events", "%s", passed);
	fc_finding_fact(f, "failed_events", "%s", failed ? failed : "(none)");
	fact_errors(f, "error_chain", &p->lazy_errors);
	if (p->lazy_error)
		fc_finding_fact(f, "lazy_load_error", "%s", p->lazy_error);
	fc_finding_fact(f, "fips_so_path", "%s", p->module_path);

	struct fc_tri_fact t = { 0 };
	integrity_tri(p, &t);
	const char *cause = fc_ossl_err_cause(&p->lazy_errors);
	if (t.value == FC_TRI_FALSE) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "FIPS provider self-test failed on load: %s",
				  cause ? cause : failed);
		if (cause && fc_streq(cause, "indicator integrity failure"))
			fc_finding_remedy(f,
					  "the install indicator (install-mac "
					  "in fipsmodule.cnf) does not match: "
					  "rerun 'openssl fipsinstall -module "
					  "%s -out <fipsmodule.cnf>' only if "
					  "that file is the validated module",
					  p->module_path);
		else
			fc_finding_remedy(f,
					  "%s does not match its MAC: "
					  "reinstall the module (dnf "
					  "reinstall openssl-libs); do not "
					  "re-run fipsinstall on a modified "
					  "module",
					  p->module_path);
	} else if (t.value == FC_TRI_TRUE) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "fips.so integrity verified%s (%s)",
				  lazy ? " when loaded on demand" : "", passed);
	} else if (provider_state(p) == FC_OSSL_NOT_CONFIGURED) {
		fc_finding_status(f, FC_STATUS_SKIP,
				  "no FIPS provider is configured: no "
				  "integrity test ran");
	} else if (provider_state(p) == FC_OSSL_NOT_INSTALLED) {
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

static void selftests_tri(const struct fc_ossl_probe *p, struct fc_tri_fact *t)
{
	const struct fc_ossl_st_log *sl = &p->selftest_events,
				    *ll = &p->load_events;
	_cleanup_free_ char *fail = fc_ossl_st_list(sl,
						    OSSL_SELF_TEST_PHASE_FAIL);
	if (p->selftest_ran && p->selftest_rc == 1 &&
	    !fc_ossl_st_count(sl, OSSL_SELF_TEST_PHASE_FAIL, NULL))
		fc_tri_set(t, FC_TRI_TRUE,
			   "OSSL_PROVIDER_self_test: %zu tests passed",
			   fc_ossl_st_count(sl, OSSL_SELF_TEST_PHASE_PASS,
					    NULL));
	else if (p->selftest_ran)
		fc_tri_set(t, FC_TRI_FALSE,
			   "OSSL_PROVIDER_self_test failed: %s",
			   fail ? fail : "no Fail event");
	else if (fc_ossl_st_count(ll, OSSL_SELF_TEST_PHASE_FAIL, "KAT"))
		fc_tri_set(t, FC_TRI_FALSE,
			   "a known-answer test failed on load");
	else if (!fc_ossl_provider_active(provider_state(p)))
		fc_tri_set(t, FC_TRI_UNKNOWN,
			   "the FIPS provider is not active");
	else if (fc_ossl_st_count(ll, OSSL_SELF_TEST_PHASE_PASS, "KAT"))
		fc_tri_set(t, FC_TRI_TRUE,
			   "%zu known-answer tests passed on load",
			   fc_ossl_st_count(ll, OSSL_SELF_TEST_PHASE_PASS,
					    "KAT"));
	else if (fc_ossl_st_count(ll, OSSL_SELF_TEST_PHASE_PASS,
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

void fc_ossl_report_selftest(struct fc_ossl_probe *p)
{
	struct fc_finding *f = fc_probe_finding(p->ctx, "openssl.selftest",
						NULL);
	if (!p->ctx->selftest) {
		/* On demand only (FIPS 140-3 IG 10.3.A): not a requirement. */
		fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE, "run with --selftest");
		return;
	}
	if (!p->selftest_ran) {
		fc_finding_status(f, FC_STATUS_SKIP,
				  "the FIPS provider is not active: no "
				  "self-test to run");
		return;
	}
	const struct fc_ossl_st_log *l = &p->selftest_events;
	_cleanup_free_ char *tests = fc_ossl_st_list(l,
						     OSSL_SELF_TEST_PHASE_START);
	_cleanup_free_ char *failed = fc_ossl_st_list(l,
						      OSSL_SELF_TEST_PHASE_FAIL);
	fc_finding_fact(f, "result", "%d", p->selftest_rc);
	fc_finding_fact(f, "duration_ms", "%.1f", p->selftest_ms);
	fc_finding_fact(f, "events_count", "%zu", l->n);
	fc_finding_fact(f, "tests_count", "%zu",
			fc_ossl_st_count(l, OSSL_SELF_TEST_PHASE_START, NULL));
	fc_finding_fact(f, "passed_count", "%zu",
			fc_ossl_st_count(l, OSSL_SELF_TEST_PHASE_PASS, NULL));
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
				  fc_ossl_st_count(l, OSSL_SELF_TEST_PHASE_PASS,
						   NULL),
				  p->selftest_ms);
		return;
	}
	const char *cause = fc_ossl_err_cause(&p->selftest_errors);
	bool error_state = fc_ossl_err_find(&p->error_state, ERR_LIB_PROV,
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

static void requested_tri(const struct fc_ossl_probe *p, struct fc_tri_fact *t)
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
	fc_tri_set(t, v,
		   "config activates the fips provider: %s; "
		   "default_properties fips=yes: %s; kernel "
		   "fips_enabled: %s",
		   yes_no(by_conf), yes_no(by_props), kernel);
}

static void active_tri(const struct fc_ossl_probe *p, struct fc_tri_fact *t)
{
	const char *cause = fc_ossl_err_cause(&p->lazy_errors);
	enum fc_ossl_provider_state state = provider_state(p);
	switch (state) {
	case FC_OSSL_SELECTED:
	case FC_OSSL_NOT_SELECTED:
		if (p->selftest_ran && p->have_status_after &&
		    p->status_after != 1)
			fc_tri_set(t, FC_TRI_FALSE,
				   "status %u after OSSL_PROVIDER_self_test: "
				   "the module entered its error state",
				   p->status_after);
		else if (state == FC_OSSL_NOT_SELECTED)
			/* Loaded but not what applications get by default. */
			fc_tri_set(t, FC_TRI_FALSE,
				   "active, but default_properties do not "
				   "require fips=yes");
		else
			fc_tri_set(t, FC_TRI_TRUE,
				   "active in the default "
				   "library context, status 1");
		break;
	case FC_OSSL_ERROR_STATE:
		fc_tri_set(t, p->have_params ? FC_TRI_FALSE : FC_TRI_UNKNOWN,
			   "loaded, status %s",
			   p->have_params ? "0" : "unreadable");
		break;
	case FC_OSSL_NOT_INSTALLED:
		fc_tri_set(t, FC_TRI_FALSE, "not installed: %s",
			   p->module_path);
		break;
	case FC_OSSL_LOAD_FAILED:
		fc_tri_set(t, FC_TRI_FALSE, "failed to load: %s",
			   cause ? cause : "no error reported");
		break;
	case FC_OSSL_NOT_ACTIVATED:
		fc_tri_set(t, FC_TRI_FALSE, "configured but not activated");
		break;
	case FC_OSSL_NOT_CONFIGURED:
		fc_tri_set(t, FC_TRI_FALSE, "not configured");
		break;
	}
}

void fc_ossl_report_summary(struct fc_ossl_probe *p)
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
	struct fc_finding *f = fc_report_find(p->ctx->report,
					      "openssl.summary");
	fc_finding_fact(f, "module_name", "%s",
			p->name ? p->name : "none reported by the library");
	if (f->status != FC_STATUS_PASS)
		fc_finding_remedy(f, "see openssl.provider, openssl.integrity "
				     "and openssl.selftest");
}
