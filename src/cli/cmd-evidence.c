// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl evidence export|verify|show|summarize: a tamper-
 * evident bundle of what was checked, how, on which host and when
 * (src/parse/manifest.h for the layout, docs/evidence.md for auditors).  The
 * verbs are a table of struct fc_cmd (docs/style.md habit 1); each parses,
 * verifies, then runs.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "base/strv.h"
#include "base/utf8.h"
#include "engine/check.h"
#include "cli/cmd.h"
#include "evidence/export.h"
#include "evidence/reader.h"
#include "evidence/summary.h"
#include "parse/manifest.h"
#include "engine/helper-run.h"
#include "render/render.h"
#include "core/report-json.h"
#include "core/sysroot.h"

enum {
	OPT_OUTPUT = 0x3000,
	OPT_SIGN_KEY,
	OPT_KEY,
	OPT_COMPRESS,
	OPT_SELFTEST,
	OPT_POLICY,
	OPT_STRICT,
	OPT_NSSDB,
	OPT_TIMEOUT,
	OPT_FILES_FROM,
	OPT_AT,
};

struct ev_args {
	struct fc_global *g;
	const char *verb; /* "export", for messages */
	const char *output, *sign_key, *key, *compress;
	struct fc_check_opts check;
	const char **nssdb;
	size_t n_nssdb;
	char **paths; /* the BUNDLE arguments */
	size_t n_paths;
	const char *files_from; /* summarize --files-from FILE */
};

static int ev_option(void *args, int c, char *arg)
{
	struct ev_args *a = args;
	switch (c) {
	case 'o':
	case OPT_OUTPUT:
		a->output = arg;
		return 1;
	case OPT_SIGN_KEY:
		a->sign_key = arg;
		return 1;
	case OPT_KEY:
		a->key = arg;
		return 1;
	case OPT_COMPRESS:
		a->compress = arg;
		return 1;
	case OPT_SELFTEST:
		a->check.selftest = true;
		return 1;
	case OPT_POLICY:
		a->check.policy = arg;
		return 1;
	case OPT_STRICT:
		a->check.strict = true;
		return 1;
	case OPT_NSSDB:
		fc_strv_push(&a->nssdb, &a->n_nssdb, arg);
		a->check.nssdb = a->nssdb;
		return 1;
	case OPT_TIMEOUT: {
		int r = fc_parse_probe_timeout(arg, "evidence",
					       &a->check.probe_timeout_ms);
		return r < 0 ? r : 1;
	}
	case OPT_FILES_FROM:
		a->files_from = arg;
		return 1;
	case OPT_AT: {
		int r = fc_check_at(arg, "evidence");
		if (r < 0)
			return r;
		a->check.at = arg;
		return 1;
	}
	default:
		return 0;
	}
}

/* Options every verb takes; those a verb does not use are rejected by
 * its verify(). */
static int parse(struct ev_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "sign-key", required_argument, NULL, OPT_SIGN_KEY },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "compress", required_argument, NULL, OPT_COMPRESS },
		{ "selftest", no_argument, NULL, OPT_SELFTEST },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "nssdb", required_argument, NULL, OPT_NSSDB },
		{ "probe-timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "files-from", required_argument, NULL, OPT_FILES_FROM },
		{ "at", required_argument, NULL, OPT_AT },
		{ NULL, 0, NULL, 0 },
	};
	int first = fc_parse_options_args(a->g, "evidence", "o:", opts, argc,
					  argv, ev_option, a);
	if (first < 0)
		return first;
	a->paths = argv + first;
	a->n_paths = (size_t)(argc - first);
	return 0;
}

/* Reject options that belong to another verb. */
static int only_options(const struct ev_args *a, bool export, bool key)
{
	const char *bad = NULL;
	if (!export && (a->output || a->sign_key || a->compress ||
			a->check.selftest || a->check.policy || a->check.strict ||
			a->n_nssdb || a->check.probe_timeout_ms || a->check.at))
		bad = "-o, --sign-key, --compress, --selftest, --policy, "
		      "--strict, --at, --nssdb and --probe-timeout belong to "
		      "'evidence export'";
	else if (!key && a->key)
		bad = "--key belongs to 'evidence verify', 'show' and "
		      "'summarize'";
	else if (a->files_from && !fc_streq(a->verb, "summarize"))
		bad = "--files-from belongs to 'evidence summarize'";
	return bad ? fc_usage_error("evidence", "%s", bad) : 0;
}

static bool in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list && list[i]; i++)
		if (fc_streq(s, list[i]))
			return true;
	return false;
}

/*
 * What every verb verifies first: only its own options, the global ones
 * resolved, and --format among allowed (NULL: any report renderer; "csv"
 * is summarize's own format, not a renderer).
 */
static int verify_common(struct ev_args *a, bool export, bool key,
			 const char *const *allowed)
{
	int r = only_options(a, export, key);
	if (r < 0)
		return r;
	if (!(fc_streq(a->g->format, "csv") && in_list("csv", allowed))) {
		r = fc_global_finish(a->g, "evidence");
		if (r < 0)
			return r;
	}
	if (!allowed || in_list(a->g->format, allowed))
		return 0;
	struct fc_buf b = { 0 };
	for (size_t i = 0; allowed[i]; i++)
		fc_buf_addf(&b, "%s%s", i ? ", " : "", allowed[i]);
	r = fc_usage_error("evidence",
			   "evidence %s: unknown or unsupported format '%s' "
			   "(expected %s)",
			   a->verb, a->g->format, b.data);
	fc_buf_free(&b);
	return r;
}

/* --- reading bundles through the helper ------------------------------------ */

static bool jbool(struct json_object *o, const char *k)
{
	struct json_object *v = NULL;
	return o && json_object_object_get_ex(o, k, &v) &&
	       json_object_get_boolean(v);
}

/* The one verification a verb asked for (verify, show), and the text of
 * its report.json (NULL when it has none). */
struct one {
	struct json_object *v;
	char *report;
	size_t report_len;
};

static int keep_one(void *ud, struct json_object *o, const char *report,
		    size_t len)
{
	struct one *one = ud;
	one->v = json_object_get(o);
	one->report = report ? fc_strndup(report, len) : NULL;
	one->report_len = len;
	return 0;
}

/* --- export ------------------------------------------------------------------ */

static int export_verify(struct ev_args *a)
{
	int r = verify_common(a, true, false, NULL);
	if (r < 0)
		return r;
	if (a->n_paths)
		return fc_usage_error("evidence", "evidence export: unexpected "
						  "argument '%s'",
				      a->paths[0]);
	if (!a->compress) {
		size_t n = a->output ? strlen(a->output) : 0;
		bool zst = n > 4 && (strcmp(a->output + n - 4, ".zst") == 0 ||
				     (n > 5 && strcmp(a->output + n - 5, ".tzst") == 0));
		a->compress = zst ? "zstd" : "gzip";
	}
	if (!fc_streq(a->compress, "gzip") && !fc_streq(a->compress, "zstd"))
		return fc_usage_error("evidence", "invalid --compress '%s' "
						  "(expected gzip or zstd)",
				      a->compress);
	if (a->output) {
		if (fc_streq(a->output, "-"))
			return fc_usage_error(
				"evidence", "-o -: a bundle is written to a "
					    "file (atomically), not to stdout");
		struct stat st;
		if (lstat(a->output, &st) == 0 && !S_ISREG(st.st_mode))
			return fc_usage_error("evidence",
					      "-o %s: exists and is not a "
					      "regular file",
					      a->output);
		_cleanup_free_ char *dir = fc_strdup(a->output);
		char *slash = strrchr(dir, '/');
		const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir))
				      : ".";
		if (access(d, W_OK | X_OK) < 0) {
			int e = errno;
			fc_err("-o %s: cannot write in %s: %s", a->output, d,
			       strerror(e));
			return -e;
		}
	}
	/* A bad key stops us before the checks run, not after. */
	if (a->sign_key) {
		const char *args[] = { "keycheck", "--sign-key", a->sign_key,
				       NULL };
		struct fc_buf out = { 0 };
		r = fc_helper_run(FC_EV_HELPER, args, NULL, 0, 65536, &out);
		fc_buf_free(&out);
		if (r < 0)
			return r;
	}
	return 0;
}

static int verb_export(struct ev_args *a)
{
	int r = export_verify(a);
	if (r < 0)
		return r;
	struct fc_global *g = a->g;
	_cleanup_root_ struct fc_root *root = NULL;
	_cleanup_report_ struct fc_report *report = NULL;
	_cleanup_free_ char *out = NULL;
	struct fc_export_result res = { 0 };
	r = fc_open_root(g, &root);
	if (r < 0)
		return r;
	struct fc_export *x = fc_export_begin(root);
	/* The full report: every check, with --selftest the
	 * self-tests too. */
	struct fc_selection sel = { .selftest = a->check.selftest };
	r = fc_check_collect(root, &a->check, &sel, &report);
	if (r < 0)
		goto done;
	out = a->output ? fc_strdup(a->output)
			: fc_export_default_name(report, a->compress);
	struct fc_export_opts eo = { .out = out,
				     .compress = a->compress,
				     .sign_key = a->sign_key,
				     .check = &a->check };
	r = fc_export_write(x, report, &eo, &res);
	if (r < 0)
		goto done;
	r = fc_render_report(g, report);
	if (r < 0)
		goto done;
	fprintf(stderr,
		"fipsctl: evidence bundle %s: %lld bytes, %lld members "
		"(%zu sources read, %zu missing; %zu module files hashed, %zu "
		"missing), MANIFEST sha256 %s, %s\n",
		res.path, res.bytes, res.members, res.sources,
		res.sources_missing, res.files, res.files_missing,
		res.manifest_sha256 ? res.manifest_sha256 : "?",
		res.algorithm ? res.algorithm : "unsigned");
done:
	fc_export_result_clear(&res);
	fc_export_free(x);
	return r;
}

/* --- verify -------------------------------------------------------------------- */

static void print_members(struct json_object *v)
{
	struct json_object *arr = NULL;
	if (!json_object_object_get_ex(v, "members", &arr))
		return;
	size_t w = 0;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		const char *n = fc_json_str(json_object_array_get_idx(arr, i), "name");
		if (n && strlen(n) > w)
			w = strlen(n);
	}
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *m = json_object_array_get_idx(arr, i);
		const char *st = fc_json_str(m, "state"), *sha = fc_json_str(m, "sha256");
		_cleanup_free_ char *name = fc_term_safe(fc_json_str(m, "name"), 1024);
		/* MANIFEST's text is the bundle's: shown escaped. */
		_cleanup_free_ char *listed = fc_term_safe(fc_json_str(m, "listed"), 256);
		if (fc_streq(st, "mismatch"))
			printf("  MISMATCH  %-*s  sha256 %s, MANIFEST says %s\n",
			       (int)w, name, sha, listed);
		else if (fc_streq(st, "missing"))
			printf("  MISSING   %-*s  listed in MANIFEST, not in the "
			       "bundle\n",
			       (int)w, name);
		else if (fc_streq(st, "unlisted"))
			printf("  UNLISTED  %-*s  sha256 %s, not in MANIFEST\n",
			       (int)w, name, sha);
		else if (fc_streq(st, "invalid"))
			printf("  INVALID   %-*s\n", (int)w, name);
		else
			printf("  ok        %-*s  sha256 %s\n", (int)w, name, sha);
	}
}

static void print_signature(struct json_object *v, const char *key)
{
	struct json_object *sig = NULL;
	json_object_object_get_ex(v, "signature", &sig);
	const char *st = fc_json_str(sig, "state");
	_cleanup_free_ char *problem = fc_term_safe(fc_json_str(sig, "problem"), 4096);
	if (fc_streq(st, "ok"))
		printf("signature: ok, %s, key sha256:%s, %s\n",
		       fc_json_str(sig, "algorithm"), fc_json_str(sig, "key_sha256"),
		       key ? "checked against --key"
			   : "checked against the bundle's own signer.pem "
			     "(proves integrity, not origin: give --key)");
	else if (fc_streq(st, "absent"))
		printf("signature: none (the bundle is not signed)\n");
	else
		printf("signature: FAILED, %s\n", problem);
}

static int verify_verify(struct ev_args *a)
{
	static const char *const formats[] = { "text", "json", NULL };
	int r = verify_common(a, false, true, formats);
	if (r < 0)
		return r;
	if (a->n_paths != 1)
		return fc_usage_error("evidence",
				      "evidence %s: expected one BUNDLE",
				      a->verb);
	return 0;
}

/* Read the one bundle; an unreadable file is an input error (exit 2). */
static int read_one(struct ev_args *a, bool members, struct one *one)
{
	struct fc_bundle_paths paths = { .v = a->paths, .n = 1 };
	*one = (struct one){ 0 };
	int r = fc_bundles_read(&paths, a->key, members, 1, keep_one, one);
	if (r == 0 && fc_json_str(one->v, "error")) {
		fc_err("%s", fc_json_str(one->v, "error"));
		r = -ENOENT;
	}
	if (r < 0) {
		json_object_put(one->v);
		free(one->report);
		*one = (struct one){ 0 };
	}
	return r;
}

static int verb_verify(struct ev_args *a)
{
	int r = verify_verify(a);
	if (r < 0)
		return r;
	struct one one;
	r = read_one(a, true, &one);
	if (r < 0)
		return r;
	struct json_object *v = one.v;
	_cleanup_free_ char *text = one.report;
	bool ok = jbool(v, "ok");
	const char *problem = fc_json_str(v, "first_problem");
	_cleanup_report_ struct fc_report *rep = NULL;
	char *perr = NULL;
	bool parsed = text && fc_evidence_doc_parse(text, one.report_len, &rep,
						    NULL, &perr) == 0;
	_cleanup_free_ char *report_problem =
		parsed ? NULL
		       : fc_strdup(perr ? perr : "the bundle has no report.json");
	free(perr);
	if (!parsed)
		ok = false;
	if (fc_streq(a->g->format, "json")) {
		struct json_object *rj = json_object_new_object();
		json_object_object_add(rj, "ok", json_object_new_boolean(parsed));
		json_object_object_add(
			rj, "problem",
			report_problem ? json_object_new_string(report_problem)
				       : json_object_new_null());
		if (parsed) {
			json_object_object_add(rj, "hostname",
					       rep->host.hostname
						       ? json_object_new_string(rep->host.hostname)
						       : json_object_new_null());
			json_object_object_add(rj, "time", json_object_new_string(
								   rep->host.time_utc));
			json_object_object_add(rj, "findings",
					       json_object_new_int64(
						       (int64_t)rep->n_findings));
			json_object_object_add(
				rj, "verdict",
				json_object_new_string(
					fc_outcome_name(fc_report_verdict(rep))));
		}
		json_object_object_del(v, "report");
		json_object_object_add(v, "report", rj);
		json_object_object_add(v, "ok", json_object_new_boolean(ok));
		if (!problem && report_problem)
			json_object_object_add(
				v, "first_problem",
				json_object_new_string(report_problem));
		puts(json_object_to_json_string_ext(
			v, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
				   JSON_C_TO_STRING_NOSLASHESCAPE));
	} else {
		/* Everything below but fipsctl's own words comes from the
		 * bundle (or its name): shown through fc_term_safe. */
		_cleanup_free_ char *shown = fc_term_safe(a->paths[0], 4096);
		printf("bundle: %s (%s)\n", shown,
		       fc_json_str(v, "compression") ? fc_json_str(v, "compression") : "?");
		print_members(v);
		print_signature(v, a->key);
		if (parsed) {
			_cleanup_free_ char *ver = fc_term_safe(rep->fipsctl_version, 256);
			_cleanup_free_ char *host = fc_term_safe(rep->host.hostname ? rep->host.hostname : "?", 256);
			_cleanup_free_ char *tm = fc_term_safe(rep->host.time_utc, 256);
			printf("report: ok, fipsctl %s report on %s at %s, %zu "
			       "findings, verdict %s\n",
			       ver, host, tm, rep->n_findings,
			       fc_outcome_name(fc_report_verdict(rep)));
		} else {
			_cleanup_free_ char *rp = fc_term_safe(report_problem, 4096);
			printf("report: FAILED, %s\n", rp);
		}
		if (ok)
			printf("verified: every member matches MANIFEST%s, and "
			       "the report parses\n",
			       fc_streq(fc_json_str(json_object_object_get(v, "signature"),
					     "state"),
					"ok")
				       ? ", the signature over MANIFEST holds"
				       : "");
		else {
			_cleanup_free_ char *pr = fc_term_safe(problem ? problem : report_problem, 4096);
			printf("FAILED: %s\n", pr);
		}
	}
	json_object_put(v);
	return ok ? 0 : 1;
}

/* --- show ----------------------------------------------------------------------- */

static int verb_show(struct ev_args *a)
{
	int r = verify_common(a, false, true, NULL);
	if (r < 0)
		return r;
	if (a->n_paths != 1)
		return fc_usage_error("evidence", "evidence show: expected one "
						  "BUNDLE");
	struct one one;
	r = read_one(a, false, &one);
	if (r < 0)
		return r;
	struct json_object *v = one.v;
	_cleanup_free_ char *text = one.report;
	/* A report whose bundle does not verify is not shown as if it
	 * were evidence. */
	if (!jbool(v, "ok")) {
		fc_err("%s does not verify: %s (details: 'fipsctl evidence "
		       "verify %s')",
		       a->paths[0], fc_json_str(v, "first_problem"), a->paths[0]);
		json_object_put(v);
		return 1;
	}
	_cleanup_report_ struct fc_report *rep = NULL;
	char *err = NULL;
	r = fc_evidence_doc_parse(text ? text : "", one.report_len, &rep, NULL,
				  &err);
	json_object_put(v);
	if (r < 0) {
		fc_err("%s: %s", a->paths[0], err);
		free(err);
		return 1;
	}
	return fc_render_report(a->g, rep);
}

/* --- summarize -------------------------------------------------------------------- */

static int add_row(void *ud, struct json_object *v, const char *report,
		   size_t len)
{
	return fc_summary_add(ud, v, report, len);
}

static int verb_summarize(struct ev_args *a)
{
	static const char *const formats[] = { "text", "json", "csv", "html",
					       NULL };
	int r = verify_common(a, false, true, formats);
	if (r < 0)
		return r;
	if (!a->n_paths && !a->files_from)
		return fc_usage_error("evidence", "evidence summarize: expected "
						  "BUNDLE... or --files-from "
						  "FILE");
	if (a->n_paths && a->files_from)
		return fc_usage_error("evidence", "evidence summarize: BUNDLE "
						  "arguments and --files-from "
						  "exclude each other");
	struct fc_bundle_paths paths = { .v = a->paths, .n = a->n_paths };
	_cleanup_fclose_ FILE *list = NULL;
	if (a->files_from) {
		bool in = fc_streq(a->files_from, "-");
		list = in ? NULL : fopen(a->files_from, "re");
		if (!in && !list) {
			r = -errno;
			fc_err("--files-from %s: %s", a->files_from,
			       strerror(errno));
			return r;
		}
		paths.list = in ? stdin : list;
		paths.list_name = a->files_from;
	}
	struct fc_summary *s = fc_summary_new(a->g->format, stdout);
	r = fc_bundles_read(&paths, a->key, false, 0, add_row, s);
	if (r == 0) {
		r = fc_summary_finish(s);
		if (r < 0)
			fc_err("writing the summary: %s", strerror(-r));
		else
			r = fc_outcome_result(fc_summary_outcome(s));
	}
	fc_summary_free(s);
	return r;
}

/* --- the verb table ------------------------------------------------------------------ */

/* Every verb parses the same options, then verifies and runs. */
static int run_verb(struct fc_global *g, int argc, char **argv,
		    int (*verb)(struct ev_args *a))
{
	struct ev_args a = { .g = g, .verb = g->verb->name };
	int r = parse(&a, argc, argv);
	if (r == 0)
		r = verb(&a);
	free(a.nssdb);
	return r;
}

static int run_export(struct fc_global *g, int argc, char **argv)
{
	return run_verb(g, argc, argv, verb_export);
}

static int run_verify(struct fc_global *g, int argc, char **argv)
{
	return run_verb(g, argc, argv, verb_verify);
}

static int run_show(struct fc_global *g, int argc, char **argv)
{
	return run_verb(g, argc, argv, verb_show);
}

static int run_summarize(struct fc_global *g, int argc, char **argv)
{
	return run_verb(g, argc, argv, verb_summarize);
}

static const struct fc_cmd evidence_export = {
	.name = "export",
	.usage = "fipsctl [--root DIR] [--format F] evidence export [-o FILE]\n"
		 "                 [--sign-key KEY.pem] [--compress gzip|zstd]\n"
		 "                 [--selftest] [--policy FILE|NAME] [--strict]\n"
		 "                 [--at DATE] [--nssdb DIR]... [--probe-timeout MS]\n",
	.summary = "run every check and write a bundle (mode 0600, written\n"
		   "to a temporary file and renamed: never left partial);\n"
		   "default FILE: fipsctl-evidence-HOST-TIME.tar.gz.  The\n"
		   "report is printed as 'check' prints it (--format text,\n"
		   "json, junit or oscal); the exit status is check's.\n"
		   "--sign-key signs MANIFEST (ECDSA P-256/P-384 or RSA-PSS,\n"
		   "an unencrypted PEM key; a certificate in the same file\n"
		   "is included, else the public key).\n",
	.run = run_export,
};

static const struct fc_cmd evidence_verify = {
	.name = "verify",
	.usage = "fipsctl [--format text|json] evidence verify BUNDLE [--key PUB.pem]\n",
	.summary = "check every member against MANIFEST, the signature when\n"
		   "there is one (required with --key, and checked against\n"
		   "that key), and that the report parses; exit 0 only when\n"
		   "all holds, else 1 and the first member that does not.\n",
	.run = run_verify,
};

static const struct fc_cmd evidence_show = {
	.name = "show",
	.usage = "fipsctl [--format F] evidence show BUNDLE [--key PUB.pem]\n",
	.summary = "render the stored report as 'check' would have (any\n"
		   "--format); refused when the bundle does not verify.\n",
	.run = run_show,
};

static const struct fc_cmd evidence_summarize = {
	.name = "summarize",
	.usage = "fipsctl [--format text|json|csv|html] evidence summarize\n"
		 "                 BUNDLE...|--files-from FILE [--key PUB.pem]\n",
	.summary = "one row per bundle: host, machine id, OS, time, verdict,\n"
		   "a verdict per module, whether the bundle verified; exit\n"
		   "1 when a bundle does not verify or a host failed, 4 when\n"
		   "none did but a host's verdict is incomplete.\n"
		   "--files-from reads the bundle paths from FILE, one per\n"
		   "line ('-': stdin).  Rows are written as the bundles are\n"
		   "read, by one helper per processor; html adds a section\n"
		   "per host, linked from its row.\n",
	.run = run_summarize,
};

static const struct fc_cmd *const evidence_verbs[] = {
	&evidence_export,
	&evidence_verify,
	&evidence_show,
	&evidence_summarize,
	NULL,
};

const struct fc_cmd fc_cmd_evidence = {
	.name = "evidence",
	.summary = "export, verify, show and summarize audit evidence bundles",
	.help = "A bundle is a tar archive (gzip, or zstd with --compress zstd or a\n"
		"FILE ending in .zst) holding report.json (the full check report, the\n"
		"host's identity, the validated-module table used and its SHA-256),\n"
		"every file the checks read, as read (sources/), the module packages\n"
		"and the SHA-256 of each module binary and integrity file, and a\n"
		"MANIFEST with the SHA-256 of every member ('sha256sum -c MANIFEST'\n"
		"checks an extracted bundle).  See docs/evidence.md.\n",
	.verbs = evidence_verbs,
};
