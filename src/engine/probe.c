// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/probe.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include <json-c/json.h>

#include "core/report-json.h"
#include "core/spawn.h"
#include "engine/hostfacts.h"

#ifndef FC_LIBEXECDIR
#define FC_LIBEXECDIR "/usr/libexec/fipsctl"
#endif

/* Bounds on what a helper may send back. */
#define PROBE_STDOUT_MAX (4 * 1024 * 1024)
#define PROBE_STDERR_KEEP 2048

struct probe_run {
	const struct fc_probe_info *info;
	const struct fc_check **checks; /* the selected checks it answers */
	size_t n_checks;
	pid_t pid;
	int out_fd, err_fd;
	struct fc_buf out, err;
	bool out_overflow;
	bool timed_out;
	int wstatus;
	bool reaped;
	char *spawn_error;
	unsigned long long t0;
	double ms;
};

struct fc_probe_set {
	struct probe_run *runs;
	size_t n;
};

const struct fc_probe_info *fc_probe_info_find(const char *name)
{
	for (size_t i = 0; fc_probe_infos[i]; i++)
		if (fc_streq(fc_probe_infos[i]->name, name))
			return fc_probe_infos[i];
	return NULL;
}

char *fc_probe_dir(void)
{
	const char *env = getenv("FIPSCTL_PROBE_DIR");
	if (env && *env)
		return fc_strdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *cand = fc_asprintf("%s/probes", exe);
			struct stat st;
			if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode))
				return cand;
			free(cand);
		}
	}
	return fc_strdup(FC_LIBEXECDIR);
}

static void run_free(struct probe_run *p)
{
	free(p->checks);
	fc_buf_free(&p->out);
	fc_buf_free(&p->err);
	free(p->spawn_error);
	if (p->out_fd >= 0)
		close(p->out_fd);
	if (p->err_fd >= 0)
		close(p->err_fd);
}

static struct probe_run *set_get(struct fc_probe_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (fc_streq(s->runs[i].info->name, name))
			return &s->runs[i];
	return NULL;
}

static void spawn(struct fc_ctx *ctx, struct probe_run *p, const char *dir)
{
	_cleanup_free_ char *path = fc_asprintf("%s/fipsctl-probe-%s", dir,
						p->info->name);
	struct fc_buf ids = { 0 };
	for (size_t i = 0; i < p->n_checks; i++)
		fc_buf_addf(&ids, "%s%s", i ? "," : "", p->checks[i]->id);

	/* argv: path --checks IDS [--selftest] [--nssdb D]... [--root DIR]
	 * [--policy FILE]... NULL */
	size_t n_nss = 0, n_pol = 0;
	while (ctx->opts.nssdb && ctx->opts.nssdb[n_nss])
		n_nss++;
	while (p->info->wants_policy && ctx->opts.policy_files &&
	       ctx->opts.policy_files[n_pol])
		n_pol++;
	/* The self-test core's options (src/kat/kat.h). */
	size_t n_alg = 0, n_vec = 0;
	while (ctx->opts.kat_algorithms && ctx->opts.kat_algorithms[n_alg])
		n_alg++;
	while (ctx->opts.kat_vectors && ctx->opts.kat_vectors[n_vec])
		n_vec++;
	char seconds[32];
	snprintf(seconds, sizeof(seconds), "%g", ctx->opts.kat_seconds);
	const char **argv = fc_calloc(7 + 2 * n_nss + 2 * n_pol + 2 * n_alg +
					      2 * n_vec + 3 + 1,
				      sizeof(char *));
	size_t a = 0;
	/* The helper's rpm wants an absolute root. */
	_cleanup_free_ char *root = NULL;
	if (p->info->reads_root) {
		root = realpath(fc_root_dir(ctx->root), NULL);
		if (!root) {
			p->spawn_error = fc_asprintf("%s: %s",
						     fc_root_dir(ctx->root),
						     strerror(errno));
			free(argv);
			fc_buf_free(&ids);
			return;
		}
	}
	argv[a++] = path;
	argv[a++] = "--checks";
	argv[a++] = ids.data;
	if (ctx->opts.selftest)
		argv[a++] = "--selftest";
	for (size_t i = 0; i < n_nss; i++) {
		argv[a++] = "--nssdb";
		argv[a++] = ctx->opts.nssdb[i];
	}
	if (root) {
		argv[a++] = "--root";
		argv[a++] = root;
	}
	for (size_t i = 0; i < n_pol; i++) {
		argv[a++] = "--policy";
		argv[a++] = ctx->opts.policy_files[i];
	}
	for (size_t i = 0; i < n_alg; i++) {
		argv[a++] = "--kat-algorithm";
		argv[a++] = ctx->opts.kat_algorithms[i];
	}
	for (size_t i = 0; i < n_vec; i++) {
		argv[a++] = "--kat-vectors";
		argv[a++] = ctx->opts.kat_vectors[i];
	}
	if (ctx->opts.kat_bench)
		argv[a++] = "--kat-bench";
	if (ctx->opts.kat_seconds > 0) {
		argv[a++] = "--kat-seconds";
		argv[a++] = seconds;
	}
	argv[a] = NULL;

	p->t0 = fc_now_ns();
	const struct fc_spawn_opts so = {
		.path = path,
		.argv = argv,
		.stdout_pipe = true,
		.stderr_pipe = true,
		/* Own process group, so a timeout kills its children too. */
		.new_pgroup = true,
		/* Many helpers start at once; one that cannot be executed
		 * exits 125/126 with the reason on its stderr. */
		.exec_error = FC_SPAWN_EXEC_ERROR_EXIT,
	};
	struct fc_spawned sp;
	if (fc_spawn(&so, &sp, &p->spawn_error) == 0) {
		p->pid = sp.pid;
		p->out_fd = sp.out_fd;
		p->err_fd = sp.err_fd;
		fcntl(p->out_fd, F_SETFL, O_NONBLOCK);
		fcntl(p->err_fd, F_SETFL, O_NONBLOCK);
	}
	free(argv);
	fc_buf_free(&ids);
}

int fc_probes_start(struct fc_ctx *ctx, const struct fc_check *const *checks,
		    size_t n, struct fc_probe_set **out)
{
	struct fc_probe_set *s = fc_calloc(1, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		const struct fc_check *c = checks[i];
		if (!c->probe)
			continue;
		struct probe_run *p = set_get(s, c->probe);
		if (!p) {
			const struct fc_probe_info *info =
				fc_probe_info_find(c->probe);
			if (!info)
				continue; /* registry test catches this */
			s->runs = fc_realloc(s->runs,
					     (s->n + 1) * sizeof(*s->runs));
			p = &s->runs[s->n++];
			memset(p, 0, sizeof(*p));
			p->info = info;
			p->out_fd = p->err_fd = -1;
			p->pid = -1;
		}
		p->checks = fc_realloc(p->checks,
				       (p->n_checks + 1) * sizeof(*p->checks));
		p->checks[p->n_checks++] = c;
	}
	/* Library probes look at the running system, never at an image;
	 * probes that read the tree (reads_root) run under --root too. */
	if (s->n) {
		_cleanup_free_ char *dir = fc_probe_dir();
		for (size_t i = 0; i < s->n; i++)
			if (fc_root_is_live(ctx->root) ||
			    s->runs[i].info->reads_root)
				spawn(ctx, &s->runs[i], dir);
	}
	*out = s;
	return 0;
}

/* Read every started helper's stdout (whole, bounded: more is an error)
 * and the tail of its stderr (for the report), killing those that are
 * not done by the deadline; then reap them. */
static void collect(struct fc_probe_set *s, unsigned timeout_ms)
{
	/* A started helper has both pipes: its streams are st[k], st[k+1]. */
	struct fc_spawn_stream *st = fc_calloc(2 * s->n + 1, sizeof(*st));
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct probe_run *p = &s->runs[i];
		if (p->pid <= 0)
			continue;
		st[n++] = (struct fc_spawn_stream){ .fd = p->out_fd,
						    .pid = p->pid,
						    .max = PROBE_STDOUT_MAX };
		st[n++] = (struct fc_spawn_stream){ .fd = p->err_fd,
						    .pid = p->pid,
						    .max = PROBE_STDERR_KEEP,
						    .keep_tail = true };
		/* fc_spawn_collect() closes them. */
		p->out_fd = p->err_fd = -1;
	}
	fc_spawn_collect(st, n, timeout_ms);
	for (size_t i = 0, k = 0; i < s->n; i++) {
		struct probe_run *p = &s->runs[i];
		if (p->pid <= 0)
			continue;
		p->out = st[k].buf;
		p->out_overflow = st[k].truncated;
		p->err = st[k + 1].buf;
		p->timed_out = st[k].killed;
		k += 2;
	}
	free(st);
	for (size_t i = 0; i < s->n; i++) {
		struct probe_run *p = &s->runs[i];
		if (p->pid <= 0)
			continue;
		/* Pipes are closed; a helper that closed them and still runs
		 * is killed rather than waited for without bound. */
		pid_t w;
		int tries = 0;
		while ((w = waitpid(p->pid, &p->wstatus, WNOHANG)) == 0 &&
		       tries++ < 200) {
			struct timespec ts = { 0, 10 * 1000000L };
			nanosleep(&ts, NULL);
		}
		if (w == 0) {
			p->timed_out = true;
			fc_spawn_kill(p->pid);
			w = waitpid(p->pid, &p->wstatus, 0);
		}
		p->reaped = w == p->pid;
		p->ms = (double)(fc_now_ns() - p->t0) / 1e6;
	}
}

static struct fc_finding *probe_finding(struct fc_ctx *ctx,
					const struct probe_run *p,
					const char *check_id)
{
	struct fc_finding *f = fc_report_add(ctx->report, check_id, check_id);
	fc_finding_fact(f, "probe", "fipsctl-probe-%s", p->info->name);
	return f;
}

static void stderr_fact(struct fc_finding *f, const struct probe_run *p)
{
	if (!p->err.len)
		return;
	_cleanup_free_ char *s = fc_strdup(p->err.data);
	fc_strstrip(s);
	if (*s)
		fc_finding_fact(f, "probe_stderr", "%s", s);
}

/* The dynamic loader's message when the library itself is missing. */
static bool library_missing(const struct probe_run *p)
{
	return WIFEXITED(p->wstatus) && WEXITSTATUS(p->wstatus) == 127 &&
	       p->err.data &&
	       strstr(p->err.data, "error while loading shared libraries") &&
	       strstr(p->err.data, "cannot open shared object file");
}

/* Every selected check of a probe that did not deliver gets this (a skip
 * of kind sk). */
static void fail_all_kind(struct fc_ctx *ctx, const struct probe_run *p,
			  enum fc_status st, enum fc_skip_kind sk,
			  const char *why, const char *remedy)
{
	for (size_t i = 0; i < p->n_checks; i++) {
		bool answered = false;
		for (size_t k = 0; k < ctx->report->n_findings && !answered; k++)
			answered = fc_streq(ctx->report->findings[k]->check_id,
					    p->checks[i]->id);
		if (answered)
			continue;
		struct fc_finding *f = probe_finding(ctx, p, p->checks[i]->id);
		if (st == FC_STATUS_SKIP)
			fc_finding_skip(f, sk, "%s", why);
		else
			fc_finding_status(f, st, "%s", why);
		if (remedy)
			fc_finding_remedy(f, "%s", remedy);
		stderr_fact(f, p);
	}
}

static void fail_all(struct fc_ctx *ctx, const struct probe_run *p,
		     enum fc_status st, const char *why, const char *remedy)
{
	fail_all_kind(ctx, p, st, FC_SKIP_NONE, why, remedy);
}

static void parse_output(struct fc_ctx *ctx, const struct probe_run *p)
{
	if (p->out_overflow) {
		fail_all(ctx, p, FC_STATUS_ERROR,
			 "probe helper output exceeds the size limit", NULL);
		return;
	}
	enum json_tokener_error jerr;
	struct json_object *o =
		json_tokener_parse_verbose(p->out.data ? p->out.data : "", &jerr);
	struct json_object *arr = NULL;
	if (!o || !json_object_object_get_ex(o, "findings", &arr) ||
	    !json_object_is_type(arr, json_type_array)) {
		_cleanup_free_ char *why = fc_asprintf(
			"probe helper sent no valid result (%s)",
			o ? "no findings array" : json_tokener_error_desc(jerr));
		fail_all(ctx, p, FC_STATUS_ERROR, why, NULL);
		json_object_put(o);
		return;
	}
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		char *err = NULL;
		struct json_object *fo = json_object_array_get_idx(arr, i);
		size_t before = ctx->report->n_findings;
		if (fc_finding_from_json(fo, ctx->report, &err) < 0) {
			_cleanup_free_ char *why = fc_asprintf(
				"probe helper sent a malformed finding: %s", err);
			free(err);
			fail_all(ctx, p, FC_STATUS_ERROR, why, NULL);
			break;
		}
		struct fc_finding *f = ctx->report->findings[before];
		/* A helper may only answer for the checks it was asked. */
		const struct fc_check *c = NULL;
		for (size_t k = 0; k < p->n_checks && !c; k++)
			if (fc_streq(p->checks[k]->id, f->check_id))
				c = p->checks[k];
		if (!c) {
			fc_finding_status(f, FC_STATUS_ERROR,
					  "probe helper answered for a check it "
					  "was not asked: %s", f->check_id);
			continue;
		}
		free(f->title);
		free(f->requirement);
		f->title = fc_strdup(c->title);
		f->requirement = fc_strdup(c->requirement);
		f->duration_ms = p->ms;
	}
	json_object_put(o);
	fail_all(ctx, p, FC_STATUS_ERROR,
		 "probe helper gave no finding for this check", NULL);
}

int fc_probes_finish(struct fc_ctx *ctx, struct fc_probe_set *s)
{
	if (!s)
		return 0;
	unsigned timeout = ctx->opts.probe_timeout_ms
				   ? ctx->opts.probe_timeout_ms
				   : FC_PROBE_TIMEOUT_MS_DEFAULT;
	collect(s, timeout);
	for (size_t i = 0; i < s->n; i++) {
		struct probe_run *p = &s->runs[i];
		_cleanup_free_ char *why = NULL;
		if (!fc_root_is_live(ctx->root) && !p->info->reads_root) {
			fail_all_kind(ctx, p, FC_STATUS_SKIP,
				      FC_SKIP_NOT_EXAMINED,
				      fc_host_offline(ctx)
					      ? FC_OFFLINE_WHY ": library probes "
							       "examine the "
							       "running system"
					      : "library probes examine the "
						"running system; not run "
						"under --root",
				      NULL);
		} else if (p->spawn_error) {
			why = fc_asprintf("cannot start probe helper: %s",
					  p->spawn_error);
			fail_all(ctx, p, FC_STATUS_ERROR, why, NULL);
		} else if (p->timed_out) {
			why = fc_asprintf("probe helper fipsctl-probe-%s did not "
					  "finish within %u ms and was killed",
					  p->info->name, timeout);
			fail_all(ctx, p, FC_STATUS_ERROR, why, NULL);
		} else if (!p->reaped) {
			fail_all(ctx, p, FC_STATUS_ERROR,
				 "probe helper could not be waited for", NULL);
		} else if (WIFSIGNALED(p->wstatus)) {
			int sig = WTERMSIG(p->wstatus);
			why = fc_asprintf("probe helper fipsctl-probe-%s was "
					  "killed by signal %d (%s)",
					  p->info->name, sig, strsignal(sig));
			fail_all(ctx, p, FC_STATUS_ERROR, why, NULL);
		} else if (library_missing(p)) {
			why = fc_asprintf("%s is not installed (package %s)",
					  p->info->library, p->info->packages);
			/* Nothing to run in FIPS mode: whether the table
			 * requires the module is validated.*'s to say. */
			fail_all_kind(ctx, p, FC_STATUS_SKIP,
				      FC_SKIP_NOT_APPLICABLE, why,
				      p->info->install);
		} else if (WIFEXITED(p->wstatus) &&
			   WEXITSTATUS(p->wstatus) != 0) {
			why = fc_asprintf("probe helper fipsctl-probe-%s exited "
					  "with status %d",
					  p->info->name, WEXITSTATUS(p->wstatus));
			fail_all(ctx, p, FC_STATUS_ERROR, why, NULL);
		} else {
			parse_output(ctx, p);
		}
		run_free(p);
	}
	free(s->runs);
	free(s);
	return 0;
}
