// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/exec.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/spawn.h"

/* The whole environment a program gets (see exec.h for why). */
static char *const clean_env[] = { FC_EXEC_PATH, "LC_ALL=C", NULL };

/* Characters that need no quoting for a POSIX shell. */
static bool shell_plain(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789@%+=:,./_-",
			    *s))
			return false;
	return true;
}

char *fc_exec_quote(const char *const *argv)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; argv[i]; i++) {
		if (i)
			fc_buf_adds(&b, " ");
		if (shell_plain(argv[i])) {
			fc_buf_adds(&b, argv[i]);
			continue;
		}
		/* Single quotes keep everything literal but a quote, which
		 * becomes '\''; control characters are shown as '?' so a
		 * hostile argument cannot rewrite the terminal line. */
		fc_buf_adds(&b, "'");
		for (const char *p = argv[i]; *p; p++) {
			if (*p == '\'')
				fc_buf_adds(&b, "'\\''");
			else if ((unsigned char)*p < 0x20 || *p == 0x7f)
				fc_buf_adds(&b, "?");
			else
				fc_buf_add(&b, p, 1);
		}
		fc_buf_adds(&b, "'");
	}
	return b.data ? fc_buf_steal(&b) : fc_strdup("");
}

void fc_exec_result_free(struct fc_exec_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

char *fc_exec_failure(const struct fc_exec_result *r)
{
	if (r->exit_code == 0 && !r->term_signal)
		return NULL;
	if (r->term_signal)
		return fc_asprintf("killed by signal %d", r->term_signal);
	/* The last non-empty stderr line is where scripts say why. */
	const char *line = NULL;
	size_t n = 0;
	const char *p = r->err ? r->err : "";
	const char *end = p + (r->err ? r->err_len : 0);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *s = p;
		while (s < stop && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s < stop) {
			line = p;
			n = (size_t)(stop - p);
		}
		p = nl ? nl + 1 : end;
	}
	if (!line)
		return fc_asprintf("exited %d (no message on stderr)",
				   r->exit_code);
	_cleanup_free_ char *raw = fc_strndup(line, n);
	_cleanup_free_ char *shown = fc_printable(fc_strstrip(raw), 300);
	return fc_asprintf("exited %d: %s", r->exit_code, shown);
}

int fc_exec_program(const char *opt, const char *opt_name, const char *env_name,
		    const char *dflt, char **out, char **why)
{
	const char *env = env_name ? getenv(env_name) : NULL;
	const char *path = dflt, *from = "the default";
	_cleanup_free_ char *from_buf = NULL;
	if (opt) {
		path = opt;
		from = opt_name;
	} else if (env && *env) {
		path = env;
		from_buf = fc_asprintf("$%s", env_name);
		from = from_buf;
	}
	*why = NULL;
	if (path[0] != '/') {
		_cleanup_free_ char *shown = fc_printable(path, 200);
		*why = fc_asprintf("%s '%s' is not an absolute path (fipsctl "
				   "runs programs only by absolute path)",
				   from, shown);
		return -EINVAL;
	}
	*out = fc_strdup(path);
	return 0;
}

int fc_exec_run(const struct fc_exec_opts *o, const char *const *argv,
		struct fc_exec_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!argv || !argv[0] || argv[0][0] != '/')
		return -EINVAL;
	FILE *trace = o->trace ? o->trace : stdout;
	if (o->dry_run || o->verbose) {
		_cleanup_free_ char *line = fc_exec_quote(argv);
		fprintf(trace, "%s%s\n", o->dry_run ? "would run: " : "+ ",
			line);
	}
	if (o->dry_run) {
		res->out = fc_strdup("");
		res->err = fc_strdup("");
		return 0;
	}
	const struct fc_spawn_opts so = {
		.path = argv[0],
		.argv = argv,
		.envp = clean_env,
		.stdout_pipe = true,
		.stderr_pipe = true,
		/* Own process group: a timeout kills whatever it started. */
		.new_pgroup = true,
		.close_fds = true,
		/* The caller learns that the program never started from the
		 * return value, not from an exit status it might misread. */
		.exec_error = FC_SPAWN_EXEC_ERROR_RETURN,
	};
	struct fc_spawned sp;
	int r = fc_spawn(&so, &sp, NULL);
	if (r < 0)
		return r;
	pid_t pid = sp.pid;
	size_t max = o->max_output ? o->max_output : FC_EXEC_MAX_OUTPUT;
	struct fc_spawn_stream st[2] = {
		{ .fd = sp.out_fd, .pid = pid, .max = max },
		{ .fd = sp.err_fd, .pid = pid, .max = max },
	};
	fc_spawn_collect(st, 2,
			 o->timeout_ms ? o->timeout_ms
				       : FC_EXEC_TIMEOUT_MS_DEFAULT);
	/* Killed at the deadline (both streams are its). */
	bool timed_out = st[0].killed;
	int wstatus = 0;
	pid_t w;
	do
		w = waitpid(pid, &wstatus, 0);
	while (w < 0 && errno == EINTR);

	if (timed_out) {
		r = -ETIMEDOUT;
	} else if (w != pid) {
		r = -ECHILD;
	} else {
		res->ran = true;
		res->exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
		res->term_signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
		res->out_len = st[0].buf.len;
		res->err_len = st[1].buf.len;
		res->out_truncated = st[0].truncated;
		res->err_truncated = st[1].truncated;
		res->out = st[0].buf.data ? fc_buf_steal(&st[0].buf)
					  : fc_strdup("");
		res->err = st[1].buf.data ? fc_buf_steal(&st[1].buf)
					  : fc_strdup("");
	}
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);
	return r;
}
