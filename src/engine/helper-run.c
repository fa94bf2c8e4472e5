// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/helper-run.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "core/log.h"
#include "parse/manifest.h"
#include "engine/probe.h"
#include "core/spawn.h"

int fc_helper_start(const char *name, const char *const *args, bool feed,
		    struct fc_helper *h)
{
	*h = (struct fc_helper){ .pid = -1, .in_fd = -1 };
	_cleanup_free_ char *dir = fc_probe_dir();
	h->path = fc_asprintf("%s/%s", dir, name);
	size_t n = 0;
	while (args[n])
		n++;
	const char **argv = fc_calloc(n + 2, sizeof(char *));
	argv[0] = h->path;
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = args[i];
	/* Its stderr is ours: a failed exec says why there itself, and
	 * fc_helper_finish() reads the exit status. */
	const struct fc_spawn_opts so = {
		.path = h->path,
		.argv = argv,
		.stdin_pipe = feed,
		.stdout_pipe = true,
		.exec_error = FC_SPAWN_EXEC_ERROR_EXIT,
		.exec_error_prefix = "fipsctl: ",
	};
	struct fc_spawned sp;
	_cleanup_free_ char *why = NULL;
	int r = fc_spawn(&so, &sp, &why);
	free(argv);
	if (r < 0) {
		fc_err("%s: %s", name, why);
		free(h->path);
		h->path = NULL;
		return r;
	}
	h->pid = sp.pid;
	h->in_fd = sp.in_fd;
	h->out = fdopen(sp.out_fd, "r");
	if (!h->out)
		fc_oom();
	return 0;
}

int fc_helper_write(struct fc_helper *h, const void *buf, size_t len)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigaction(SIGPIPE, &ign, &old);
	int r = fc_write_all(h->in_fd, buf, len);
	sigaction(SIGPIPE, &old, NULL);
	return r;
}

int fc_helper_finish(struct fc_helper *h)
{
	if (h->in_fd >= 0)
		close(h->in_fd);
	if (h->out)
		fclose(h->out);
	h->in_fd = -1;
	h->out = NULL;
	int st = 0, r = 0;
	if (h->pid > 0) {
		pid_t w;
		while ((w = waitpid(h->pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (w < 0) {
			r = -errno;
			fc_err("waiting for %s: %s", h->path, strerror(-r));
		} else if (WIFSIGNALED(st)) {
			fc_err("%s was killed by signal %d (%s)", h->path,
			       WTERMSIG(st), strsignal(WTERMSIG(st)));
			r = -EIO;
		} else if (WEXITSTATUS(st) == 125) {
			fc_err("the evidence helper %s is missing: install "
			       "fipsctl completely (make install puts it in "
			       "the libexec directory) or set "
			       "FIPSCTL_PROBE_DIR",
			       h->path);
			r = -ENOENT;
		} else if (WEXITSTATUS(st) == FC_EV_HELPER_EXIT_INPUT) {
			r = -EINVAL;
		} else if (WEXITSTATUS(st) != 0) {
			/* 127: the dynamic loader said which library is
			 * missing, on our stderr. */
			r = -EIO;
		}
	}
	free(h->path);
	*h = (struct fc_helper){ .pid = -1, .in_fd = -1 };
	return r;
}

int fc_helper_run(const char *name, const char *const *args, const void *in,
		  size_t in_len, size_t max, struct fc_buf *out)
{
	struct fc_helper h;
	int r = fc_helper_start(name, args, in != NULL, &h);
	if (r < 0)
		return r;
	/* The helpers read all their input before they write: feeding
	 * first, then reading, cannot deadlock. */
	int w = in ? fc_helper_write(&h, in, in_len) : 0;
	if (h.in_fd >= 0) {
		close(h.in_fd);
		h.in_fd = -1;
	}
	char chunk[8192];
	size_t n;
	bool overflow = false;
	while ((n = fread(chunk, 1, sizeof(chunk), h.out)) > 0) {
		if (out->len + n > max)
			overflow = true;
		else
			fc_buf_add(out, chunk, n);
	}
	r = fc_helper_finish(&h);
	if (r == 0 && w < 0) {
		fc_err("writing to the evidence helper: %s", strerror(-w));
		r = w;
	}
	if (r == 0 && overflow) {
		fc_err("the evidence helper's output exceeds %zu bytes", max);
		r = -EIO;
	}
	return r;
}
