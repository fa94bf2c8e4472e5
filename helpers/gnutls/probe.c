// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl-probe-gnutls: the GnuTLS probe helper.
 *
 *   gnutls.fips_mode  built with FIPS support at all, FIPS mode
 *                     (gnutls_fips140_mode_enabled), why, module name and
 *                     version (gnutls_get_library_config), the .hmac file
 *   gnutls.selftest   gnutls_*_self_test(GNUTLS_SELF_TEST_FLAG_ALL, 0),
 *                     each with its time, with --selftest
 *   gnutls.summary    requested / active / self-tests / integrity
 *
 * A FIPS-enabled GnuTLS decides FIPS mode, runs its power-up self-tests
 * and checks its .hmac file in a library constructor, before main(): by
 * the time this code runs, loading the library was the probe.  What is
 * left is to read the outcome.
 *
 * Whether FIPS support was compiled in: gnutls_fips140_push_context()
 * (3.7.3) returns GNUTLS_E_INVALID_REQUEST unconditionally in a build
 * without --enable-fips140-mode, and 0 in a FIPS build whether or not FIPS
 * mode is on (lib/fips.c).  That is the one run-time signal that does not
 * depend on the mode; "fips-module-name" in gnutls_get_library_config() is
 * optional even in FIPS builds (--with-fips140-module-name), so its
 * absence proves nothing.
 */
#include <dlfcn.h>
#include <errno.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/self-test.h>

#include "probe-child.h"
#include "probe-module.h"

#define CHECK_FIPS "gnutls.fips_mode"
#define CHECK_SELFTEST "gnutls.selftest"
#define CHECK_SUMMARY "gnutls.summary"

#define HAVE_FIPS_CONTEXT (GNUTLS_VERSION_NUMBER >= 0x030703)
#define HAVE_RUN_SELF_TESTS (GNUTLS_VERSION_NUMBER >= 0x030707)

struct gnutls_probe {
	struct fc_probe_ctx *ctx;
	struct fc_root *root;
	struct fc_finding *f; /* gnutls.fips_mode, filled as we go */

	const char *version;
	int init_ret;             /* gnutls_global_init() */
	unsigned mode;            /* gnutls_fips140_mode_enabled() */
	enum fc_tri built;        /* FIPS support compiled in */
	int kernel;               /* fc_probe_kernel_fips() */
	gnutls_fips_mode_t asked; /* the mode GnuTLS's own rules ask for */
	char *asked_by;
	bool skip_integrity;      /* GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS=1 */
	char *module_name, *module_version;
	char *hmac_file;          /* NULL: none found */
	char *diagnosis;          /* why FIPS mode was refused, if learnt */
	char *diag_failures;      /* just the failure lines of its log */

	bool selftest_ran;
	char *selftest_failed;    /* names of failing self-tests, or NULL */
};

static const char *mode_name(unsigned mode)
{
	switch (mode) {
	case GNUTLS_FIPS140_DISABLED: return "disabled";
	case GNUTLS_FIPS140_STRICT: return "strict";
	case GNUTLS_FIPS140_SELFTESTS: return "self-tests only";
	case GNUTLS_FIPS140_LAX: return "lax";
	case GNUTLS_FIPS140_LOG: return "log";
	}
	return "unknown";
}

/*
 * What a FIPS build of GnuTLS asks itself for (lib/fips.c,
 * _gnutls_fips_mode_enabled): GNUTLS_FORCE_FIPS_MODE wins whatever its
 * value ('1' strict, '2' self-tests only, '3' lax, '4' log, anything else
 * disabled), then /proc/sys/crypto/fips_enabled starting with '1', then
 * /etc/system-fips (self-tests whose failure is ignored).
 */
static void read_triggers(struct gnutls_probe *gp)
{
	const char *env = getenv("GNUTLS_FORCE_FIPS_MODE");
	const char *skip = getenv("GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS");
	struct stat st;

	gp->skip_integrity = skip && skip[0] == '1';
	fc_finding_fact(gp->f, "env_GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS", "%s",
			skip ? skip : "unset");
	gp->kernel = fc_probe_kernel_fips(gp->root, gp->f);
	if (env) {
		_cleanup_free_ char *shown = fc_printable(env, 16);
		fc_finding_fact(gp->f, "env_GNUTLS_FORCE_FIPS_MODE", "%s", shown);
		gp->asked = env[0] == '1'   ? GNUTLS_FIPS140_STRICT
			    : env[0] == '2' ? GNUTLS_FIPS140_SELFTESTS
			    : env[0] == '3' ? GNUTLS_FIPS140_LAX
			    : env[0] == '4' ? GNUTLS_FIPS140_LOG
					    : GNUTLS_FIPS140_DISABLED;
		gp->asked_by = fc_asprintf("GNUTLS_FORCE_FIPS_MODE=%s in the "
					   "environment%s",
					   shown,
					   gp->asked == GNUTLS_FIPS140_DISABLED
						   ? " (disables FIPS mode, "
						     "whatever the kernel says)"
						   : "");
		return;
	}
	fc_finding_fact(gp->f, "env_GNUTLS_FORCE_FIPS_MODE", "unset");
	if (gp->kernel == 1) {
		gp->asked = GNUTLS_FIPS140_STRICT;
		gp->asked_by = fc_strdup("/proc/sys/crypto/fips_enabled=1");
	} else if (fc_root_stat(gp->root, "/etc/system-fips", &st) == 0) {
		gp->asked = GNUTLS_FIPS140_SELFTESTS;
		gp->asked_by = fc_strdup("/etc/system-fips (self-tests only)");
	} else {
		gp->asked = GNUTLS_FIPS140_DISABLED;
	}
}

static void read_build(struct gnutls_probe *gp)
{
#if HAVE_FIPS_CONTEXT
	gnutls_fips140_context_t fctx = NULL;
	int r = gnutls_fips140_context_init(&fctx);
	if (r == 0)
		r = gnutls_fips140_push_context(fctx);
	if (r == 0) {
		gp->built = FC_TRI_TRUE;
		if (gnutls_fips140_pop_context() < 0) {
			/* nothing was pushed when FIPS mode is off */
		}
		fc_finding_fact(gp->f, "fips_support",
				"built in (gnutls_fips140_push_context "
				"accepted a context)");
	} else if (r == GNUTLS_E_INVALID_REQUEST) {
		gp->built = FC_TRI_FALSE;
		fc_finding_fact(gp->f, "fips_support",
				"not built in (gnutls_fips140_push_context: "
				"%s, %d)",
				gnutls_strerror(r), r);
	} else {
		gp->built = FC_TRI_UNKNOWN;
		fc_finding_fact(gp->f, "fips_support", "unknown (%s, %d)",
				gnutls_strerror(r), r);
	}
	gnutls_fips140_context_deinit(fctx);

	for (const gnutls_library_config_st *c = gnutls_get_library_config();
	     c && c->name; c++) {
		if (fc_streq(c->name, "fips-module-name"))
			gp->module_name = fc_printable(c->value, 256);
		else if (fc_streq(c->name, "fips-module-version"))
			gp->module_version = fc_printable(c->value, 256);
	}
	fc_finding_fact(gp->f, "fips_module_name", "%s",
			gp->module_name ? gp->module_name
					: "none in gnutls_get_library_config()");
	fc_finding_fact(gp->f, "fips_module_version", "%s",
			gp->module_version ? gp->module_version
					   : "none in gnutls_get_library_config()");
#else
	gp->built = gp->mode ? FC_TRI_TRUE : FC_TRI_UNKNOWN;
	fc_finding_fact(gp->f, "fips_support",
			"unknown (fipsctl was built against GnuTLS < 3.7.3, "
			"which cannot tell)");
#endif
}

/* Where the integrity file would be: beside the loaded libgnutls. */
static void find_hmac(struct gnutls_probe *gp)
{
	Dl_info info;
	if (!dladdr((void *)gnutls_global_init, &info) || !info.dli_fname) {
		fc_finding_fact(gp->f, "library_path", "unknown (dladdr failed)");
		return;
	}
	fc_finding_fact(gp->f, "library_path", "%s", info.dli_fname);
	const char *slash = strrchr(info.dli_fname, '/');
	int dirlen = slash ? (int)(slash - info.dli_fname) : 0;
	const char *base = slash ? slash + 1 : info.dli_fname;
	/* 3.7.x and later: one .gnutls.hmac (or fipscheck/.gnutls.hmac) for
	 * libgnutls, nettle, hogweed and gmp; earlier: .<lib>.hmac. */
	char *cand[] = {
		fc_asprintf("%.*s/.gnutls.hmac", dirlen, info.dli_fname),
		fc_asprintf("%.*s/fipscheck/.gnutls.hmac", dirlen, info.dli_fname),
		fc_asprintf("%.*s/.%s.hmac", dirlen, info.dli_fname, base),
	};
	struct stat st;
	for (size_t i = 0; i < FC_ARRAY_SIZE(cand); i++) {
		if (!gp->hmac_file && fc_root_stat(gp->root, cand[i], &st) == 0)
			gp->hmac_file = FC_TAKE(cand[i]);
		free(cand[i]);
	}
	if (gp->hmac_file)
		fc_finding_fact(gp->f, "hmac_file", "%s", gp->hmac_file);
	else
		fc_finding_fact(gp->f, "hmac_file", "absent (no %.*s/.gnutls.hmac)",
				dirlen, info.dli_fname);
}

#if HAVE_RUN_SELF_TESTS
/* gnutls_global_set_log_function takes no context pointer. */
static struct fc_buf *diag_log;

/*
 * The debug log also narrates every passing test ("... self check
 * succeeded") and assertion traces that name source lines; keep only the
 * lines that say what failed ("Could not load hmac file: ...",
 * "Calculated MAC for ... does not match", "... failed").
 */
static void diag_logger(int level, const char *msg)
{
	static const char *const keep[] = { "fail", "Could not", "not match",
					    "rror" };
	(void)level;
	if (!diag_log || fc_startswith(msg, "ASSERT:"))
		return;
	bool wanted = false;
	for (size_t i = 0; i < FC_ARRAY_SIZE(keep) && !wanted; i++)
		wanted = strstr(msg, keep[i]) != NULL;
	if (!wanted)
		return;
	_cleanup_free_ char *line = fc_strdup(msg);
	fc_strstrip(line);
	if (*line)
		fc_buf_addf(diag_log, "%s%s", diag_log->len ? "; " : "", line);
}
#endif

/*
 * A FIPS build that was asked for FIPS mode and is not in it failed its
 * power-up tests in the constructor, whose log this process could not
 * see.  gnutls_fips140_run_self_tests() repeats them (KATs and the
 * integrity check) with the debug log captured, to learn which failed.
 * It changes nothing outside this helper process.
 */
static void diagnose(struct gnutls_probe *gp)
{
	if (gp->built != FC_TRI_TRUE || gp->mode ||
	    gp->asked == GNUTLS_FIPS140_DISABLED)
		return;
#if HAVE_RUN_SELF_TESTS
	struct fc_buf log = { 0 };
	diag_log = &log;
	gnutls_global_set_log_function(diag_logger);
	gnutls_global_set_log_level(2);
	int r = gnutls_fips140_run_self_tests();
	gnutls_global_set_log_level(0);
	diag_log = NULL;
	gp->diagnosis = fc_asprintf("gnutls_fips140_run_self_tests() re-run in "
				    "this probe process: %s%s%s",
				    r < 0 ? gnutls_strerror(r) : "passed",
				    log.len ? "; log: " : "",
				    log.len ? log.data : "");
	if (log.len)
		gp->diag_failures = fc_buf_steal(&log);
	fc_buf_free(&log);
#else
	gp->diagnosis = fc_strdup("GnuTLS < 3.7.7 cannot re-run its self-tests");
#endif
	fc_finding_fact(gp->f, "diagnosis", "%s", gp->diagnosis);
}

static void report_fips_mode(struct gnutls_probe *gp)
{
	struct fc_finding *f = gp->f;
	fc_finding_fact(f, "version", "%s", gp->version);
	fc_finding_fact(f, "fips140_mode_enabled", "%u (%s)", gp->mode,
			mode_name(gp->mode));
	fc_finding_fact(f, "global_init", "%d (%s)", gp->init_ret,
			gp->init_ret < 0 ? gnutls_strerror(gp->init_ret) : "ok");
	fc_finding_fact(f, "fips_requested_by", "%s",
			gp->asked_by ? gp->asked_by : "nothing");

	if (gp->built == FC_TRI_FALSE) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "GnuTLS %s was built without FIPS 140 support: "
				  "it has no FIPS mode%s%s",
				  gp->version,
				  gp->asked != GNUTLS_FIPS140_DISABLED
					  ? ", although it is requested by "
					  : "",
				  gp->asked != GNUTLS_FIPS140_DISABLED
					  ? gp->asked_by
					  : "");
		fc_finding_remedy(f, "use a GnuTLS built with "
				     "--enable-fips140-mode (the distribution "
				     "package on RHEL/AlmaLinux/Rocky 9: dnf "
				     "install gnutls)");
	} else if (gp->mode == GNUTLS_FIPS140_STRICT) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "GnuTLS %s is in FIPS 140 mode (strict), "
				  "requested by %s",
				  gp->version,
				  gp->asked_by ? gp->asked_by : "the application");
	} else if (gp->mode) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "GnuTLS %s is in FIPS 140 mode '%s': "
				  "non-approved algorithms are not refused",
				  gp->version, mode_name(gp->mode));
	} else if (gp->asked != GNUTLS_FIPS140_DISABLED && gp->built == FC_TRI_TRUE) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "GnuTLS %s refused FIPS mode requested by %s: "
				  "its power-up self-tests or integrity check "
				  "failed when it was loaded (gnutls_global_init: "
				  "%s)%s%s",
				  gp->version, gp->asked_by,
				  gp->init_ret < 0 ? gnutls_strerror(gp->init_ret)
						   : "ok",
				  gp->diag_failures ? ": " : "",
				  gp->diag_failures ? gp->diag_failures : "");
		fc_finding_remedy(f, "reinstall the gnutls package (dnf "
				     "reinstall gnutls) so that the library and "
				     "its .gnutls.hmac match");
	} else if (gp->asked != GNUTLS_FIPS140_DISABLED) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "GnuTLS %s is not in FIPS mode although %s "
				  "requests it; whether it has FIPS support "
				  "could not be told",
				  gp->version, gp->asked_by);
	} else {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "GnuTLS %s is not in FIPS mode: nothing "
				  "requests it%s",
				  gp->version,
				  gp->asked_by ? "" : " (no kernel FIPS mode, no "
						      "GNUTLS_FORCE_FIPS_MODE)");
		if (!gp->asked_by)
			fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	}
}

/* The self-test functions each take an algorithm of its own enum type;
 * 0 with GNUTLS_SELF_TEST_FLAG_ALL means every algorithm of the family. */
#define SELF_TEST_ALL(kind)                                                    \
	static int kind##_all(void)                                            \
	{                                                                      \
		return gnutls_##kind##_self_test(GNUTLS_SELF_TEST_FLAG_ALL, 0); \
	}
SELF_TEST_ALL(cipher)
SELF_TEST_ALL(mac)
SELF_TEST_ALL(digest)
SELF_TEST_ALL(pk)
SELF_TEST_ALL(hkdf)
SELF_TEST_ALL(pbkdf2)
SELF_TEST_ALL(tlsprf)

static void run_selftests(struct gnutls_probe *gp)
{
	static const struct {
		const char *name;
		int (*run)(void);
	} tests[] = {
		{ "cipher", cipher_all }, { "mac", mac_all },
		{ "digest", digest_all }, { "pk", pk_all },
		{ "hkdf", hkdf_all },     { "pbkdf2", pbkdf2_all },
		{ "tlsprf", tlsprf_all },
	};
	struct fc_finding *f = fc_probe_finding(gp->ctx, CHECK_SELFTEST, NULL);
	if (!gp->ctx->selftest) {
		/* On-demand self-tests are a service the module offers (FIPS
		 * 140-3 IG 10.3.A), not a requirement: not asked for, they do
		 * not apply to this run. */
		fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE,
				"run with --selftest to run the GnuTLS "
				"self-tests");
		return;
	}
	struct fc_buf failed = { 0 };
	double total = 0;
	for (size_t i = 0; i < FC_ARRAY_SIZE(tests); i++) {
		unsigned long long t0 = fc_now_ns();
		int r = tests[i].run();
		double ms = (double)(fc_now_ns() - t0) / 1e6;
		total += ms;
		if (r == 0) {
			fc_finding_fact(f, tests[i].name, "passed in %.2f ms", ms);
			continue;
		}
		fc_finding_fact(f, tests[i].name, "failed in %.2f ms: %s (%d)",
				ms, gnutls_strerror(r), r);
		fc_buf_addf(&failed, "%s%s (%s)", failed.len ? ", " : "",
			    tests[i].name, gnutls_strerror(r));
	}
	fc_finding_fact(f, "mode", "%s", mode_name(gp->mode));
	fc_finding_fact(f, "ms", "%.1f", total);
	gp->selftest_ran = true;
	if (failed.len) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "GnuTLS self-tests failed: %s", failed.data);
		gp->selftest_failed = fc_buf_steal(&failed);
	} else {
		fc_finding_status(f, FC_STATUS_PASS,
				  "all %zu GnuTLS self-test families passed in "
				  "%.1f ms",
				  FC_ARRAY_SIZE(tests), total);
	}
	fc_buf_free(&failed);
}

static void report_summary(struct gnutls_probe *gp)
{
	struct fc_module_summary s = { 0 };
	_cleanup_free_ char *name = fc_asprintf("GnuTLS %s", gp->version);
	s.module = name;
	s.library_version = gp->version;
	s.module_version = gp->module_version;

	if (gp->asked != GNUTLS_FIPS140_DISABLED)
		fc_tri_set(&s.requested, FC_TRI_TRUE, "%s", gp->asked_by);
	else if (gp->asked_by)
		fc_tri_set(&s.requested, FC_TRI_FALSE, "%s", gp->asked_by);
	else if (gp->kernel < 0 && gp->kernel != -ENOENT) {
		_cleanup_free_ char *why = fc_probe_kernel_fips_why(gp->kernel);
		fc_tri_set(&s.requested, FC_TRI_UNKNOWN, "%s", why);
	} else
		s.requested.value = FC_TRI_FALSE;

	if (gp->mode)
		fc_tri_set(&s.active, FC_TRI_TRUE, "mode %s", mode_name(gp->mode));
	else if (gp->built == FC_TRI_FALSE)
		fc_tri_set(&s.active, FC_TRI_FALSE, "built without FIPS support");
	else
		s.active.value = FC_TRI_FALSE;

	bool refused = !gp->mode && gp->built == FC_TRI_TRUE &&
		       gp->asked != GNUTLS_FIPS140_DISABLED;
	if (gp->selftest_failed)
		fc_tri_set(&s.selftests, FC_TRI_FALSE, "%s", gp->selftest_failed);
	else if (refused)
		fc_tri_set(&s.selftests, FC_TRI_FALSE,
			   "the power-up tests failed at load (the integrity "
			   "check is the last of them)%s%s",
			   gp->diag_failures ? ": " : "",
			   gp->diag_failures ? gp->diag_failures : "");
	else if (gp->mode)
		fc_tri_set(&s.selftests, FC_TRI_TRUE,
			   "power-up self-tests passed at load%s",
			   gp->selftest_ran ? "; --selftest passed" : "");
	else if (gp->selftest_ran)
		fc_tri_set(&s.selftests, FC_TRI_TRUE, "--selftest passed");
	else
		fc_tri_set(&s.selftests, FC_TRI_UNKNOWN,
			   "power-up self-tests run only in FIPS mode; run "
			   "with --selftest");

	/*
	 * The integrity rule: a FIPS build checks the HMACs in .gnutls.hmac
	 * as the last of its power-up tests, and if anything fails it goes
	 * to the error state, in which gnutls_fips140_mode_enabled() returns
	 * 0.  So FIPS mode active in a FIPS build means the check passed -
	 * unless GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS=1 told it to skip the
	 * check.  A refusal is blamed on integrity only when the re-run's log
	 * says so (the failure can also be a KAT).
	 */
	if (gp->built == FC_TRI_FALSE)
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
			   "a build without FIPS support has no integrity check");
	else if ((gp->mode || refused) && gp->skip_integrity)
		fc_tri_set(&s.integrity, FC_TRI_FALSE,
			   "GNUTLS_SKIP_FIPS_INTEGRITY_CHECKS=1 skips the check");
	else if (gp->mode)
		fc_tri_set(&s.integrity, FC_TRI_TRUE,
			   "FIPS mode is entered only after the HMAC check of %s "
			   "passed",
			   gp->hmac_file ? gp->hmac_file : ".gnutls.hmac");
	else if (refused && !gp->hmac_file)
		fc_tri_set(&s.integrity, FC_TRI_FALSE,
			   "the integrity file .gnutls.hmac is missing");
	else if (refused && gp->diag_failures &&
		 (strstr(gp->diag_failures, "MAC") ||
		  strstr(gp->diag_failures, "hmac")))
		fc_tri_set(&s.integrity, FC_TRI_FALSE, "%s", gp->diag_failures);
	else if (refused)
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
			   "FIPS mode was refused; the failure was not traced "
			   "to the integrity check");
	else
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
			   "GnuTLS checks its integrity only when it enters "
			   "FIPS mode");

	fc_probe_add_summary(gp->ctx, CHECK_SUMMARY, &s);
}

static int run(struct fc_probe_ctx *ctx)
{
	struct gnutls_probe gp = { .ctx = ctx };
	int r = fc_root_new(NULL, &gp.root);
	if (r < 0)
		return r;
	/* Filled whatever was asked: the summary is built from it. */
	gp.f = fc_probe_finding(ctx, CHECK_FIPS, NULL);

	gp.version = gnutls_check_version(NULL);
	/* Returns what the constructor's initialisation returned. */
	gp.init_ret = gnutls_global_init();
	gp.mode = gnutls_fips140_mode_enabled();
	read_triggers(&gp);
	read_build(&gp);
	find_hmac(&gp);
	diagnose(&gp);
	report_fips_mode(&gp);

	if (fc_probe_wants(ctx, CHECK_SELFTEST) || fc_probe_wants(ctx, CHECK_SUMMARY))
		run_selftests(&gp);
	if (fc_probe_wants(ctx, CHECK_SUMMARY))
		report_summary(&gp);
	fc_probe_keep_wanted(ctx);

	if (gp.init_ret == 0)
		gnutls_global_deinit();
	free(gp.asked_by);
	free(gp.module_name);
	free(gp.module_version);
	free(gp.hmac_file);
	free(gp.diagnosis);
	free(gp.diag_failures);
	free(gp.selftest_failed);
	fc_root_free(gp.root);
	return 0;
}

static const struct fc_probe_def probe_gnutls = {
	.name = "gnutls",
	.run = run,
	.selftest = fc_selftest_gnutls, /* helpers/gnutls/selftest.c */
};

int main(int argc, char **argv)
{
	return fc_probe_main(argc, argv, &probe_gnutls);
}
