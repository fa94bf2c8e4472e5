// SPDX-License-Identifier: GPL-2.0-or-later
/* fipsctl check: run the checks, render the report, exit by its verdict. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "render.h"

enum { OPT_ONLY = 0x2000, OPT_SKIP, OPT_SELFTEST, OPT_NSSDB, OPT_TIMEOUT };

struct check_args {
	struct fc_global *g;
	const char **only, **skip, **nssdb;
	size_t n_only, n_skip, n_nssdb;
	bool selftest;
	unsigned timeout_ms;
};

static void strv_push(const char ***v, size_t *n, const char *s)
{
	*v = fc_realloc(*v, (*n + 2) * sizeof(char *));
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/* "--only a,b" and "--only a --only b" mean the same. */
static void push_list(const char ***v, size_t *n, char *arg)
{
	for (char *save = NULL, *t = strtok_r(arg, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		strv_push(v, n, t);
}

static int parse(struct check_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "skip", required_argument, NULL, OPT_SKIP },
		{ "selftest", no_argument, NULL, OPT_SELFTEST },
		{ "nssdb", required_argument, NULL, OPT_NSSDB },
		{ "probe-timeout", required_argument, NULL, OPT_TIMEOUT },
		{ NULL, 0, NULL, 0 },
	};
	int c, r;
	while ((c = getopt_long(argc, argv, FC_GLOBAL_SHORT, opts, NULL)) != -1) {
		switch (c) {
		case OPT_ONLY:
			push_list(&a->only, &a->n_only, optarg);
			break;
		case OPT_SKIP:
			push_list(&a->skip, &a->n_skip, optarg);
			break;
		case OPT_SELFTEST:
			a->selftest = true;
			break;
		case OPT_NSSDB:
			strv_push(&a->nssdb, &a->n_nssdb, optarg);
			break;
		case OPT_TIMEOUT: {
			char *end = NULL;
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (errno || !end || *end || v == 0 || v > 3600000)
				return fc_usage_error("check",
						      "invalid --probe-timeout '%s' "
						      "(milliseconds, 1 to 3600000)",
						      optarg);
			a->timeout_ms = (unsigned)v;
			break;
		}
		case '?':
			return fc_bad_option("check", argv);
		default:
			r = fc_global_option(a->g, c, optarg, "check");
			if (r < 0)
				return r;
			if (r == 0)
				return fc_bad_option("check", argv);
		}
	}
	if (optind < argc)
		return fc_usage_error("check", "unexpected argument '%s'",
				      argv[optind]);
	return 0;
}

/* Reject what cannot work before running anything. */
static int verify(struct check_args *a)
{
	int r = fc_global_finish(a->g, "check");
	if (r < 0)
		return r;
	/* A selector that matches nothing is almost always a typo. */
	for (size_t i = 0; i < a->n_only; i++) {
		struct fc_selection one = {
			.only = (const char *const[]){ a->only[i], NULL },
		};
		bool any = false;
		for (size_t k = 0; fc_checks[k] && !any; k++)
			any = fc_check_selected(fc_checks[k], &one);
		if (!any)
			return fc_usage_error("check",
					      "--only '%s' matches no check "
					      "(see 'fipsctl list-checks')",
					      a->only[i]);
	}
	return 0;
}

static int run_check(struct fc_global *g, int argc, char **argv)
{
	struct check_args a = { .g = g };
	_cleanup_root_ struct fc_root *root = NULL;
	_cleanup_report_ struct fc_report *report = NULL;
	struct fc_ctx ctx = { 0 };
	int r = parse(&a, argc, argv);
	if (r < 0)
		goto out;
	r = verify(&a);
	if (r < 0)
		goto out;
	r = fc_root_new(g->root, &root);
	if (r < 0) {
		fc_err("cannot open root directory %s: %s", g->root,
		       strerror(-r));
		goto out;
	}
	report = fc_report_new();
	r = fc_report_fill_host(report, root);
	if (r < 0)
		goto out;
	ctx.root = root;
	ctx.report = report;
	ctx.opts.selftest = a.selftest;
	ctx.opts.nssdb = a.nssdb;
	ctx.opts.probe_timeout_ms = a.timeout_ms;
	struct fc_selection sel = { .only = a.only, .skip = a.skip };
	r = fc_run_checks(&ctx, &sel);
	if (r < 0) {
		fc_err("running checks: %s", strerror(-r));
		goto out;
	}
	const struct fc_renderer *rd = fc_renderer_find(g->format);
	struct fc_render_opts ro = { .color = g->color_out,
				     .quiet = g->quiet,
				     .verbose = g->verbose };
	r = rd->render(report, stdout, &ro);
	if (r < 0) {
		fc_err("writing the report: %s", strerror(-r));
		goto out;
	}
	r = fc_report_worst(report) >= FC_STATUS_FAIL ? 1 : 0;
out:
	fc_ctx_done(&ctx);
	free(a.only);
	free(a.skip);
	free(a.nssdb);
	return r;
}

const struct fc_cmd fc_cmd_check = {
	.name = "check",
	.summary = "check FIPS mode, modules and boot configuration",
	.help = "Usage: fipsctl [--root DIR] [--format text|json] check [OPTIONS]\n"
		"\n"
		"Run every check (or those selected) and report each finding with\n"
		"the values read and the command that fixes it.\n"
		"\n"
		"Options:\n"
		"  --only GLOB[,GLOB]    run only checks whose id or area matches\n"
		"                        (fnmatch glob, e.g. 'kernel.*'); repeatable\n"
		"  --skip GLOB[,GLOB]    leave out matching checks; repeatable\n"
		"  --selftest            also run the libraries' own self-tests\n"
		"  --nssdb DIR           also examine this NSS database; repeatable\n"
		"  --probe-timeout MS    time limit for each library probe\n"
		"                        (default 30000)\n",
	.run = run_check,
};
