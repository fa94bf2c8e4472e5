// SPDX-License-Identifier: GPL-2.0-or-later
#include "probe-child.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <json-c/json.h>

#include "base/strv.h"
#include "core/report-json.h"

bool fc_probe_wants(const struct fc_probe_ctx *ctx, const char *check_id)
{
	return fc_strv_contains(ctx->checks, check_id);
}

struct fc_finding *fc_probe_finding(struct fc_probe_ctx *ctx,
				    const char *check_id, const char *suffix)
{
	_cleanup_free_ char *id = suffix ? fc_asprintf("%s%s", check_id, suffix)
					 : fc_strdup(check_id);
	return fc_report_add(ctx->report, id, check_id);
}

static struct json_object *findings_array(const struct fc_report *r)
{
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < r->n_findings; i++)
		json_object_array_add(arr, fc_finding_to_json(r->findings[i]));
	return arr;
}

/* A forked part sends a handful of findings; anything larger is broken. */
#define FORKED_OUTPUT_MAX (16 * 1024 * 1024)

int fc_probe_forked(struct fc_probe_ctx *ctx, const char *check_id,
		    const char *suffix, const char *what,
		    int (*fn)(struct fc_probe_ctx *ctx, void *arg), void *arg)
{
	_cleanup_free_ char *why = NULL;
	struct fc_buf out = { 0 };
	int p[2], ws = 0;
	if (pipe(p) < 0)
		return -errno;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		/* stdout is the helper's answer: a library's chatter goes to
		 * stderr.  _exit: the parent's stdio and atexit are not ours. */
		close(p[0]);
		if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
			_exit(126);
		struct fc_probe_ctx c = *ctx;
		c.report = fc_report_new();
		int r = fn(&c, arg);
		struct json_object *arr = findings_array(c.report);
		const char *s = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
		int w = fc_write_all(p[1], s, strlen(s));
		_exit(r < 0 || w < 0 ? 1 : 0);
	}
	close(p[1]);
	char chunk[8192];
	ssize_t n;
	while ((n = read(p[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || out.len + (size_t)n > FORKED_OUTPUT_MAX) {
			why = fc_asprintf("reading the result of %s: %s", what,
					  n < 0 ? strerror(errno) : "too large");
			kill(pid, SIGKILL);
			break;
		}
		fc_buf_add(&out, chunk, (size_t)n);
	}
	close(p[0]);
	pid_t w;
	while ((w = waitpid(pid, &ws, 0)) < 0 && errno == EINTR)
		;
	if (!why && w < 0)
		why = fc_asprintf("waitpid: %s", strerror(errno));
	else if (!why && WIFSIGNALED(ws))
		why = fc_asprintf("%s was killed by signal %d (%s)", what,
				  WTERMSIG(ws), strsignal(WTERMSIG(ws)));
	else if (!why && (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0))
		why = fc_asprintf("%s exited with status %d", what,
				  WEXITSTATUS(ws));
	enum json_tokener_error jerr = json_tokener_success;
	struct json_object *arr =
		why ? NULL
		    : json_tokener_parse_verbose(out.data ? out.data : "", &jerr);
	if (!why && !json_object_is_type(arr, json_type_array))
		why = fc_asprintf("%s sent no findings (%s)", what,
				  arr ? "not an array"
				      : json_tokener_error_desc(jerr));
	for (size_t i = 0; !why && i < json_object_array_length(arr); i++) {
		char *err = NULL;
		if (fc_finding_from_json(json_object_array_get_idx(arr, i),
					 ctx->report, &err) < 0) {
			why = fc_asprintf("%s sent a malformed finding: %s", what,
					  err);
			free(err);
		}
	}
	json_object_put(arr);
	fc_buf_free(&out);
	if (why) {
		struct fc_finding *f = fc_probe_finding(ctx, check_id, suffix);
		fc_finding_status(f, FC_STATUS_ERROR, "%s", why);
	}
	return 0;
}

/* The self-test adapter as a forked part. */
static int run_selftest(struct fc_probe_ctx *ctx, void *arg)
{
	const struct fc_probe_def *def = arg;
	return def->selftest(ctx);
}

int fc_probe_main(int argc, char **argv, const struct fc_probe_def *def)
{
	static const struct option opts[] = {
		{ "checks", required_argument, NULL, 'c' },
		{ "selftest", no_argument, NULL, 's' },
		{ "nssdb", required_argument, NULL, 'n' },
		{ "root", required_argument, NULL, 'r' },
		{ "policy", required_argument, NULL, 'p' },
		{ "kat-algorithm", required_argument, NULL, 'a' },
		{ "kat-vectors", required_argument, NULL, 'v' },
		{ "kat-full", no_argument, NULL, 'f' },
		{ "kat-bench", no_argument, NULL, 'b' },
		{ "kat-seconds", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	struct fc_probe_ctx ctx = { 0 };
	size_t n_checks = 0, n_nss = 0, n_pol = 0, n_alg = 0, n_vec = 0;
	_cleanup_free_ char *st_id = fc_asprintf("selftest.%s", def->name);
	int c, rc = 0;

	ctx.nssdb = fc_calloc(1, sizeof(char *));
	ctx.policy_files = fc_calloc(1, sizeof(char *));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			fc_strv_free(ctx.checks);
			ctx.checks = fc_strv_split(optarg, ',', &n_checks);
			break;
		case 's':
			ctx.selftest = true;
			break;
		case 'n':
			fc_strv_add(&ctx.nssdb, &n_nss, fc_strdup(optarg));
			break;
		case 'r':
			free(ctx.root);
			ctx.root = fc_strdup(optarg);
			break;
		case 'p':
			fc_strv_add(&ctx.policy_files, &n_pol,
				    fc_strdup(optarg));
			break;
		case 'a':
			fc_strv_add(&ctx.kat_algorithms, &n_alg,
				    fc_strdup(optarg));
			break;
		case 'v':
			fc_strv_add(&ctx.kat_vectors, &n_vec,
				    fc_strdup(optarg));
			break;
		case 'f':
			ctx.kat_full = true;
			break;
		case 'b':
			ctx.kat_bench = true;
			break;
		case 'S':
			ctx.kat_seconds = strtod(optarg, NULL);
			break;
		default:
			fprintf(stderr, "fipsctl-probe-%s: usage: --checks "
					"ID[,ID] [--selftest] [--nssdb DIR] "
					"[--root DIR] [--policy FILE] "
					"[--kat-algorithm GLOB] [--kat-vectors "
					"PATH] [--kat-full] [--kat-bench] "
					"[--kat-seconds S]\n",
				def->name);
			rc = 2;
			goto out;
		}
	}
	if (!ctx.checks) {
		fprintf(stderr, "fipsctl-probe-%s: --checks is required\n",
			def->name);
		rc = 2;
		goto out;
	}
	ctx.report = fc_report_new();
	/* A self-test-only run (fipsctl selftest) skips the status probe. */
	bool others = false;
	for (size_t i = 0; ctx.checks[i] && !others; i++)
		others = !fc_streq(ctx.checks[i], st_id);
	int r = others ? def->run(&ctx) : 0;
	/* In a child of its own: the self-test feeds every library invalid
	 * input on purpose, and whatever that does to the library (an abort,
	 * a FIPS error state) must not cost the status findings above. */
	if (r >= 0 && def->selftest && fc_probe_wants(&ctx, st_id))
		r = fc_probe_forked(&ctx, st_id, NULL,
				    "the known-answer test process", run_selftest,
				    (void *)def);
	if (r < 0) {
		fprintf(stderr, "fipsctl-probe-%s: %s\n", def->name,
			strerror(-r));
		rc = 1;
		goto out;
	}
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "probe", json_object_new_string(def->name));
	json_object_object_add(o, "findings", findings_array(ctx.report));
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if (fc_write_all(STDOUT_FILENO, s, strlen(s)) < 0 ||
	    fc_write_all(STDOUT_FILENO, "\n", 1) < 0) {
		fprintf(stderr, "fipsctl-probe-%s: write: %s\n", def->name,
			strerror(errno));
		rc = 1;
	}
	json_object_put(o);
out:
	fc_report_free(ctx.report);
	fc_strv_free(ctx.checks);
	fc_strv_free(ctx.nssdb);
	fc_strv_free(ctx.policy_files);
	fc_strv_free(ctx.kat_algorithms);
	fc_strv_free(ctx.kat_vectors);
	free(ctx.root);
	return rc;
}
