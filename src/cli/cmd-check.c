// SPDX-License-Identifier: GPL-2.0-or-later
/* fipsctl check: run the checks, render the report, exit by its verdict. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <string.h>

#include "base/strv.h"
#include "engine/check.h"
#include "cli/cmd.h"
#include "policy/policy.h"
#include "render/render.h"

enum {
	OPT_ONLY = 0x2000,
	OPT_SKIP,
	OPT_SELFTEST,
	OPT_NSSDB,
	OPT_TIMEOUT,
	OPT_POLICY,
	OPT_STRICT,
	OPT_OUTPUT,
	OPT_TEXTFILE,
	OPT_AT,
};

struct check_args {
	struct fc_global *g;
	const char **only, **skip, **nssdb;
	size_t n_only, n_skip, n_nssdb;
	bool selftest;
	unsigned timeout_ms;
	const char *policy;
	bool strict;
	struct fc_report_out out;
	const char *at;
};

static int check_option(void *args, int c, char *arg)
{
	struct check_args *a = args;
	switch (c) {
	case OPT_ONLY:
		fc_strv_push_list(&a->only, &a->n_only, arg);
		return 1;
	case OPT_SKIP:
		fc_strv_push_list(&a->skip, &a->n_skip, arg);
		return 1;
	case OPT_SELFTEST:
		a->selftest = true;
		return 1;
	case OPT_NSSDB:
		fc_strv_push(&a->nssdb, &a->n_nssdb, arg);
		return 1;
	case OPT_TIMEOUT: {
		int r = fc_parse_probe_timeout(arg, "check", &a->timeout_ms);
		return r < 0 ? r : 1;
	}
	case OPT_POLICY:
		a->policy = arg;
		return 1;
	case OPT_STRICT:
		a->strict = true;
		return 1;
	case OPT_OUTPUT:
		a->out.output = arg;
		return 1;
	case OPT_TEXTFILE:
		a->out.textfile = arg;
		return 1;
	case OPT_AT: {
		int r = fc_check_at(arg, "check");
		if (r < 0)
			return r;
		a->at = arg;
		return 1;
	}
	default:
		return 0;
	}
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
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "textfile", required_argument, NULL, OPT_TEXTFILE },
		{ "at", required_argument, NULL, OPT_AT },
		{ NULL, 0, NULL, 0 },
	};
	return fc_parse_options(a->g, "check", opts, argc, argv, check_option,
				a);
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
			.selftest = a->selftest,
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

/*
 * The validated-module tables for this host, found before anything runs
 * so that a malformed table (or a --policy that names none) stops check
 * with its file:line:column messages and exit 2, never a silent pass.
 */
static int find_policies(const char *policy, const struct fc_selection *sel,
			 const struct fc_report *report, char ***files)
{
	bool needed = policy != NULL;
	for (size_t i = 0; fc_checks[i] && !needed; i++)
		needed = fc_checks[i]->uses_policy &&
			 fc_check_selected(fc_checks[i], sel);
	*files = NULL;
	if (!needed)
		return 0;
	const struct fc_host *h = &report->host;
	struct fc_diags diags = { 0 };
	int r = fc_policy_candidates(policy, h->os_id, h->os_version_id,
				     h->arch, files, &diags);
	if (r < 0) {
		fc_diags_print(&diags, stderr);
		fc_err("check: cannot use the validated-module tables "
		       "(see 'fipsctl policy lint')");
	}
	fc_diags_free(&diags);
	return r;
}

int fc_parse_probe_timeout(const char *arg, const char *cmd, unsigned *ms)
{
	char *end = NULL;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno || !end || *end || v == 0 || v > 3600000)
		return fc_usage_error(cmd,
				      "invalid --probe-timeout '%s' "
				      "(milliseconds, 1 to 3600000)",
				      arg);
	*ms = (unsigned)v;
	return 0;
}

int fc_check_at(const char *arg, const char *cmd)
{
	long long t;
	if (fc_time_parse(arg, &t) < 0)
		return fc_usage_error(cmd,
				      "invalid --at '%s' (YYYY-MM-DD or "
				      "YYYY-MM-DDTHH:MM:SSZ, UTC, from 1970)",
				      arg);
	return 0;
}

int fc_open_root(const struct fc_global *g, struct fc_root **root)
{
	int r = fc_root_new(g->root, root);
	if (r < 0)
		fc_err("cannot open root directory %s: %s", g->root,
		       strerror(-r));
	return r;
}

int fc_render_report(const struct fc_global *g, const struct fc_report *r)
{
	struct fc_report_out o = { 0 };
	return fc_report_output(g, r, &o);
}

int fc_check_collect(struct fc_root *root, const struct fc_check_opts *opts,
		     const struct fc_selection *sel, struct fc_report **out)
{
	_cleanup_report_ struct fc_report *report = fc_report_new();
	struct fc_ctx ctx = { .root = root, .opts = *opts };
	char **policy_files = NULL;
	int r = fc_report_fill_host(report, root);
	if (r < 0)
		return r;
	/* The check time: verdicts on certificates are judged as of it, and
	 * the report says it (fc_check_at() accepted --at already). */
	if (opts->at && fc_time_parse(opts->at, &ctx.opts.check_time) == 0) {
		ctx.opts.time_source = FC_TIME_AT;
	} else {
		ctx.opts.check_time = fc_time_now(&ctx.opts.time_source);
	}
	free(report->host.time_utc);
	report->host.time_utc = fc_time_format(ctx.opts.check_time);
	ctx.report = report;
	r = find_policies(opts->policy, sel, report, &policy_files);
	if (r < 0)
		goto out;
	ctx.opts.policy_files = (const char *const *)policy_files;
	r = fc_run_checks(&ctx, sel);
	if (r < 0) {
		fc_err("running checks: %s", strerror(-r));
		goto out;
	}
	*out = FC_TAKE(report);
out:
	fc_ctx_done(&ctx);
	fc_strv_free(policy_files);
	return r;
}

static int run_check(struct fc_global *g, int argc, char **argv)
{
	struct check_args a = { .g = g };
	_cleanup_root_ struct fc_root *root = NULL;
	_cleanup_report_ struct fc_report *report = NULL;
	int r = parse(&a, argc, argv);
	if (r < 0)
		goto out;
	r = verify(&a);
	if (r < 0)
		goto out;
	r = fc_open_root(g, &root);
	if (r < 0)
		goto out;
	struct fc_check_opts opts = { .selftest = a.selftest,
				      .nssdb = a.nssdb,
				      .probe_timeout_ms = a.timeout_ms,
				      .strict = a.strict,
				      .policy = a.policy,
				      .at = a.at };
	/* --selftest adds the self-test core (selftest.*, src/kat/kat.h). */
	struct fc_selection sel = { .only = a.only, .skip = a.skip,
				    .selftest = a.selftest };
	unsigned long long t0 = fc_now_ns();
	r = fc_check_collect(root, &opts, &sel, &report);
	if (r < 0)
		goto out;
	a.out.run_seconds = (double)(fc_now_ns() - t0) / 1e9;
	r = fc_report_output(g, report, &a.out);
out:
	free(a.only);
	free(a.skip);
	free(a.nssdb);
	return r;
}

const struct fc_cmd fc_cmd_check = {
	.name = "check",
	.summary = "check FIPS mode, modules and boot configuration",
	.help = "Usage: fipsctl [--root DIR] [--format FORMAT] check [OPTIONS]\n"
		"FORMAT: text, json, junit, oscal, prometheus or html\n"
		"\n"
		"Run every check (or those selected) and report each finding with\n"
		"the values read and the command that fixes it.\n"
		"\n"
		"Options:\n"
		"  --only GLOB[,GLOB]    run only checks whose id or area matches\n"
		"                        (fnmatch glob, e.g. 'kernel.*'); repeatable\n"
		"  --skip GLOB[,GLOB]    leave out matching checks; repeatable\n"
		"  --selftest            also run the libraries' own self-tests and\n"
		"                        fipsctl's known-answer tests (see 'fipsctl\n"
		"                        help selftest')\n"
		"  --nssdb DIR           also examine this NSS database; repeatable\n"
		"                        (--selftest runs NSS's known-answer tests\n"
		"                        in the first one)\n"
		"  --probe-timeout MS    time limit for each library probe\n"
		"                        (default 30000)\n"
		"  --policy FILE|NAME    judge module versions by this validated-\n"
		"                        module table instead of the one chosen\n"
		"                        from os-release and the architecture\n"
		"                        (see 'fipsctl policy list')\n"
		"  --strict              accept only the exact validated builds\n"
		"                        under an active certificate: FIPS-\n"
		"                        compliant patched builds, builds in CMVP\n"
		"                        review, historical certificates, foreign\n"
		"                        or missing package signatures fail too\n"
		"  --at DATE             judge certificates as of DATE (YYYY-MM-DD\n"
		"                        or YYYY-MM-DDTHH:MM:SSZ, UTC) instead of\n"
		"                        now (or SOURCE_DATE_EPOCH); the report's\n"
		"                        time is DATE\n"
		"  --output FILE         write the report to FILE (atomically)\n"
		"                        instead of stdout\n"
		"  --textfile PATH       also write Prometheus metrics to PATH\n"
		"                        (atomically), for node_exporter's\n"
		"                        textfile collector\n"
		"With --output or --textfile, one line on stderr gives the verdict\n"
		"and the files written (with its syslog priority under systemd).\n",
	.run = run_check,
};
