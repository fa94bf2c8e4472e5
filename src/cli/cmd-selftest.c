// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl selftest: fipsctl's own known-answer tests of each library
 *.  The vectors run inside the library probe helpers (check ids
 * selftest.<module>, src/kat/kat.h); this command chooses them, reads any
 * --vectors files first so that a bad file stops it before anything runs,
 * and renders the findings like 'check' does.  With --bench it also asks
 * for each library's own self-test (openssl.selftest, ...) in the same run
 * and puts its time next to the core's.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <string.h>

#include "base/strv.h"
#include "engine/check.h"
#include "cli/cmd.h"
#include "kat/kat-load.h"

enum {
	OPT_MODULE = 0x2000,
	OPT_ALGORITHM,
	OPT_VECTORS,
	OPT_FULL,
	OPT_BENCH,
	OPT_SECONDS,
	OPT_TIMEOUT,
	OPT_NSSDB,
};

/* The modules with an adapter, and their own self-test as their probe
 * reports it: which check, which fact holds its time, what it runs. */
static const struct {
	const char *module;
	const char *own_check, *own_fact, *own_what;
} modules[] = {
	{ "openssl", "openssl.selftest", "duration_ms",
	  "OSSL_PROVIDER_self_test of the FIPS provider" },
	{ "libgcrypt", "libgcrypt.selftest", "ms", "GCRYCTL_SELFTEST" },
	{ "gnutls", "gnutls.selftest", "ms",
	  "gnutls_{cipher,mac,digest,pk,hkdf,pbkdf2,tlsprf}_self_test" },
	{ "nss", "nss.selftest", "fc_initialize_ms",
	  "NSS FIPS token initialisation (FC_Initialize: power-up tests and "
	  "integrity check)" },
};

struct selftest_args {
	struct fc_global *g;
	const char **modules, **algorithms, **vectors, **nssdb;
	size_t n_modules, n_algorithms, n_vectors, n_nssdb;
	bool full;
	bool bench;
	double seconds;
	unsigned timeout_ms;
};

static int selftest_option(void *args, int c, char *arg)
{
	struct selftest_args *a = args;
	char *end;
	switch (c) {
	case OPT_MODULE:
		fc_strv_push_list(&a->modules, &a->n_modules, arg);
		return 1;
	case OPT_ALGORITHM:
		fc_strv_push_list(&a->algorithms, &a->n_algorithms, arg);
		return 1;
	case OPT_VECTORS:
		fc_strv_push(&a->vectors, &a->n_vectors, arg);
		return 1;
	case OPT_FULL:
		a->full = true;
		return 1;
	case OPT_BENCH:
		a->bench = true;
		return 1;
	case OPT_NSSDB:
		fc_strv_push(&a->nssdb, &a->n_nssdb, arg);
		return 1;
	case OPT_SECONDS:
		errno = 0;
		a->seconds = strtod(arg, &end);
		if (errno || end == arg || *end || !(a->seconds >= 0.01) ||
		    a->seconds > 60)
			return fc_usage_error("selftest",
					      "invalid --seconds '%s' (0.01 "
					      "to 60)", arg);
		return 1;
	case OPT_TIMEOUT: {
		int r = fc_parse_probe_timeout(arg, "selftest", &a->timeout_ms);
		return r < 0 ? r : 1;
	}
	default:
		return 0;
	}
}

static int parse(struct selftest_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "module", required_argument, NULL, OPT_MODULE },
		{ "algorithm", required_argument, NULL, OPT_ALGORITHM },
		{ "vectors", required_argument, NULL, OPT_VECTORS },
		{ "full", no_argument, NULL, OPT_FULL },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ "seconds", required_argument, NULL, OPT_SECONDS },
		{ "probe-timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "nssdb", required_argument, NULL, OPT_NSSDB },
		{ NULL, 0, NULL, 0 },
	};
	return fc_parse_options(a->g, "selftest", opts, argc, argv,
				selftest_option, a);
}

static bool module_selected(const struct selftest_args *a, const char *m)
{
	if (!a->n_modules)
		return true;
	for (size_t i = 0; i < a->n_modules; i++)
		if (fc_streq(a->modules[i], m))
			return true;
	return false;
}

static int verify(struct selftest_args *a)
{
	int r = fc_global_finish(a->g, "selftest");
	if (r < 0)
		return r;
	if (a->g->root)
		return fc_usage_error("selftest", "selftest runs the libraries of "
						  "the running system; --root is "
						  "not supported");
	if (a->seconds > 0 && !a->bench)
		return fc_usage_error("selftest", "--seconds needs --bench");
	/* The NSS adapter runs in one database (helpers/nss/selftest.c). */
	if (a->n_nssdb > 1)
		return fc_usage_error("selftest", "--nssdb is given %zu times; "
						  "the NSS self-test runs in one "
						  "database", a->n_nssdb);
	if (a->n_nssdb && !module_selected(a, "nss"))
		return fc_usage_error("selftest", "--nssdb is for the nss module, "
						  "which --module does not select");
	for (size_t i = 0; i < a->n_modules; i++) {
		bool known = false;
		for (size_t k = 0; k < FC_ARRAY_SIZE(modules) && !known; k++)
			known = fc_streq(a->modules[i], modules[k].module);
		if (!known)
			return fc_usage_error("selftest",
					      "unknown module '%s' (expected "
					      "openssl, libgcrypt, gnutls or nss)",
					      a->modules[i]);
	}
	/* An algorithm glob that matches nothing is a typo. */
	for (size_t i = 0; i < a->n_algorithms; i++) {
		bool any = false;
		for (size_t k = 0; fc_kat_algorithms[k] && !any; k++)
			any = fnmatch(a->algorithms[i], fc_kat_algorithms[k],
				      FNM_CASEFOLD) == 0;
		if (!any) {
			struct fc_buf names = { 0 };
			for (size_t k = 0; fc_kat_algorithms[k]; k++)
				fc_buf_addf(&names, "%s%s", k ? ", " : "",
					    fc_kat_algorithms[k]);
			r = fc_usage_error("selftest",
					   "--algorithm '%s' matches no algorithm "
					   "(known: %s)",
					   a->algorithms[i], names.data);
			fc_buf_free(&names);
			return r;
		}
	}
	/* Read the vector files now: a bad one stops us with its file and
	 * test case before any helper starts (each helper reads it again
	 * with the same code). */
	for (size_t i = 0; i < a->n_vectors; i++) {
		struct fc_kat_set set = { 0 };
		_cleanup_free_ char *err = NULL;
		r = fc_kat_load_path(&set, a->vectors[i], NULL, &err);
		fc_kat_set_free(&set);
		if (r < 0) {
			fc_err("selftest: %s", err ? err : a->vectors[i]);
			return r == -ENOENT || r == -EACCES || r == -ENOTDIR
				       ? r
				       : -EBADMSG;
		}
	}
	return 0;
}

/* --bench: the library's own self-test time beside the core's. */
static void own_selftest_facts(struct fc_report *r)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(modules); i++) {
		_cleanup_free_ char *id = fc_asprintf("selftest.%s",
						      modules[i].module);
		struct fc_finding *f = fc_report_find(r, id);
		const struct fc_finding *own = fc_report_find(r, modules[i].own_check);
		if (!f)
			continue;
		const char *core = fc_finding_get_fact(f, "run_ms");
		const char *ms = own ? fc_finding_get_fact(own, modules[i].own_fact)
				     : NULL;
		fc_finding_fact(f, "library_selftest", "%s", modules[i].own_what);
		if (ms) {
			fc_finding_fact(f, "library_selftest_ms", "%s", ms);
		} else {
			fc_finding_fact(f, "library_selftest_ms", "not measured: %s",
					own && own->summary ? own->summary
							    : "no result");
		}
		if (core && f->summary) {
			_cleanup_free_ char *s = fc_asprintf(
				"%s; core %s ms, the library's own self-test %s%s",
				f->summary, core, ms ? ms : "not run",
				ms ? " ms" : "");
			free(f->summary);
			f->summary = FC_TAKE(s);
		}
	}
}

static int run_selftest(struct fc_global *g, int argc, char **argv)
{
	struct selftest_args a = { .g = g };
	_cleanup_root_ struct fc_root *root = NULL;
	_cleanup_report_ struct fc_report *report = NULL;
	struct fc_ctx ctx = { 0 };
	int r = parse(&a, argc, argv);
	if (r < 0)
		goto out;
	r = verify(&a);
	if (r < 0)
		goto out;
	r = fc_root_new(NULL, &root);
	if (r < 0) {
		fc_err("cannot open the root directory: %s", strerror(-r));
		goto out;
	}
	report = fc_report_new();
	r = fc_report_fill_host(report, root);
	if (r < 0)
		goto out;
	/* The core's checks always; the libraries' own only with --bench. */
	const char **sel_only = NULL;
	size_t n_sel = 0;
	char ids[FC_ARRAY_SIZE(modules)][32];
	for (size_t i = 0; i < FC_ARRAY_SIZE(modules); i++) {
		if (!module_selected(&a, modules[i].module))
			continue;
		snprintf(ids[i], sizeof(ids[i]), "selftest.%s", modules[i].module);
		fc_strv_push(&sel_only, &n_sel, ids[i]);
		if (a.bench)
			fc_strv_push(&sel_only, &n_sel, modules[i].own_check);
	}
	ctx.root = root;
	ctx.report = report;
	ctx.opts.selftest = a.bench;
	ctx.opts.kat_algorithms = a.algorithms;
	ctx.opts.kat_vectors = a.vectors;
	ctx.opts.nssdb = a.nssdb;
	ctx.opts.kat_full = a.full;
	ctx.opts.kat_bench = a.bench;
	ctx.opts.kat_seconds = a.bench ? (a.seconds > 0 ? a.seconds : 0.1) : 0;
	/* Emulated or slow hosts need more than check's 30 s; --bench runs
	 * each algorithm for its seconds. */
	ctx.opts.probe_timeout_ms =
		a.timeout_ms ? a.timeout_ms
			     : 120000 + (unsigned)(ctx.opts.kat_seconds * 2 * 1000 *
						    40);
	struct fc_selection sel = { .only = sel_only, .selftest = true };
	r = fc_run_checks(&ctx, &sel);
	free(sel_only);
	if (r < 0) {
		fc_err("running the self-tests: %s", strerror(-r));
		goto out;
	}
	if (a.bench)
		own_selftest_facts(report);
	r = fc_render_report(g, report);
out:
	fc_ctx_done(&ctx);
	free(a.modules);
	free(a.algorithms);
	free(a.vectors);
	free(a.nssdb);
	return r;
}

const struct fc_cmd fc_cmd_selftest = {
	.name = "selftest",
	.summary = "run fipsctl's known-answer tests through each library",
	.help = "Usage: fipsctl [--format text|json] selftest [OPTIONS]\n"
		"\n"
		"Run fipsctl's own known-answer vectors (NIST ACVP and CAVP samples,\n"
		"Project Wycheproof; compiled in at build time) through OpenSSL,\n"
		"libgcrypt, GnuTLS and NSS, each in its own helper process, and report\n"
		"per module and algorithm how many vectors passed, failed or were\n"
		"skipped (an algorithm the library does not offer), naming the first\n"
		"failing vector by file and test-case id.  Invalid cases (a wrong tag,\n"
		"a bad signature) must be rejected.  OpenSSL runs with fips=yes when\n"
		"its FIPS provider is active, else with the default provider.\n"
		"By default a few vectors per algorithm run, as a module's power-up\n"
		"self-test does: per operation, direction and key size the cheapest\n"
		"valid case and an invalid one; --full runs every compiled vector.\n"
		"'fipsctl check --selftest' includes these checks (the default tier).\n"
		"\n"
		"Options:\n"
		"  --module M[,M]        only these: openssl, libgcrypt, gnutls, nss\n"
		"  --algorithm A[,A]     only algorithms matching these globs (any\n"
		"                        case), e.g. 'AES-GCM', 'SHA2-*', 'ecdsa*'; a\n"
		"                        glob that matches none is refused with the\n"
		"                        list of names\n"
		"  --vectors FILE|DIR    also run these vector files: Wycheproof JSON,\n"
		"                        an ACVP vector set (prompt.json with\n"
		"                        expectedResults.json beside it), CAVP SHAVS\n"
		"                        .rsp, or a directory of them; repeatable.  A\n"
		"                        malformed file or unknown algorithm stops\n"
		"                        selftest with the file and test case (exit 2)\n"
		"  --full                every compiled vector, not only the default\n"
		"                        tier (vectors from --vectors always run)\n"
		"  --bench               also measure: ns per KAT and MB/s per\n"
		"                        algorithm, and the whole run next to each\n"
		"                        library's own self-test in the same run\n"
		"  --seconds S           --bench: seconds per algorithm (default 0.1)\n"
		"  --probe-timeout MS    time limit per library (default 120000 plus\n"
		"                        the bench time)\n"
		"  --nssdb DIR           run the NSS vectors in this NSS database\n"
		"                        (sql:DIR, dbm:DIR or DIR), opened read-only,\n"
		"                        e.g. one switched to FIPS mode with\n"
		"                        'modutil -fips true'; default: no database\n"
		"                        (NSS's internal module, in FIPS mode when\n"
		"                        the kernel is)\n",
	.run = run_selftest,
};
