// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/core/spawn.c, the one place fipsctl forks: pipes on the
 * streams asked for, /dev/null or a fed stdin, both ways of reporting a
 * failed exec, a process group of its own, the environment, descriptors
 * closed at exec, and nothing left open on any path.  Then the deadline
 * read, fc_spawn_collect(): both pipes at once past a pipe buffer, the
 * bounds, a child killed with its group at the deadline, one whose
 * grandchild escaped the group, one that closes its pipes early, and
 * several children at once.  The programs are real (/bin/true, /bin/sh,
 * /bin/cat, /usr/bin/env, seq, sleep, setsid); the failures are real too
 * (a missing path, a file without execute permission, an RLIMIT_NOFILE
 * that leaves no descriptor free).
 */
#include "harness.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "core/spawn.h"

#define MISSING "/nonexistent/fipsctl-no-such-program"

/* Our own descriptor table (the opendir's own descriptor counts each
 * time, so two counts compare). */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		t_die("/proc/self/fd");
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Everything up to EOF; a child that never closes its end fails the test
 * after 10 s instead of hanging it. */
static char *read_all(int fd)
{
	struct fc_buf b = { 0 };
	char chunk[4096];
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 10000) != 1) {
			fprintf(stderr, "read_all: no EOF within 10 s\n");
			fc_t_fail_now++;
			break;
		}
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		fc_buf_add(&b, chunk, (size_t)n);
	}
	return b.data ? fc_buf_steal(&b) : fc_strdup("");
}

static int wait_status(pid_t pid)
{
	int st = -1;
	pid_t w;
	do
		w = waitpid(pid, &st, 0);
	while (w < 0 && errno == EINTR);
	CHECK_INT(w, pid);
	return st;
}

/* Start o (stdout a pipe, no stdin pipe), read its stdout to EOF and
 * wait: its output, *status the wait status (-1 when it did not start). */
static char *output_of(const struct fc_spawn_opts *o, int *status)
{
	struct fc_spawned sp;
	*status = -1;
	CHECK_INT(fc_spawn(o, &sp, NULL), 0);
	if (sp.pid < 0)
		return fc_strdup("");
	CHECK_INT(sp.in_fd, -1);
	char *out = read_all(sp.out_fd);
	close(sp.out_fd);
	*status = wait_status(sp.pid);
	return out;
}

/* A file that exists but may not be executed. */
static void not_executable(char path[static 32])
{
	strcpy(path, "/tmp/fc-spawn-noexec-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, "echo hi\n", 8) != 8 || close(fd) < 0 ||
	    chmod(path, 0644) < 0)
		t_die(path);
}

static void test_true_without_pipes(void)
{
	const char *argv[] = { "/bin/true", NULL };
	struct fc_spawn_opts o = { .path = argv[0], .argv = argv };
	struct fc_spawned sp;
	char *why = NULL;
	CHECK_INT(fc_spawn(&o, &sp, &why), 0);
	CHECK(why == NULL);
	CHECK(sp.pid > 0);
	CHECK_INT(sp.in_fd, -1);
	CHECK_INT(sp.out_fd, -1);
	CHECK_INT(sp.err_fd, -1);
	int st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* With the status pipe a started program returns the same way. */
	o.exec_error = FC_SPAWN_EXEC_ERROR_RETURN;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_stdout_and_stderr(void)
{
	const char *argv[] = {
		"/bin/sh", "-c",
		"echo to-out; echo to-err >&2; echo more; exit 3", NULL
	};
	const struct fc_spawn_opts o = { .path = argv[0],
					 .argv = argv,
					 .stdout_pipe = true,
					 .stderr_pipe = true };
	struct fc_spawned sp;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	CHECK_INT(sp.in_fd, -1);
	char *out = read_all(sp.out_fd);
	char *err = read_all(sp.err_fd);
	CHECK_STR(out, "to-out\nmore\n");
	CHECK_STR(err, "to-err\n");
	int st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	free(out);
	free(err);
	close(sp.out_fd);
	close(sp.err_fd);
}

static void test_exec_error_returned(void)
{
	const char *argv[] = { MISSING, NULL };
	struct fc_spawn_opts o = { .path = MISSING,
				   .argv = argv,
				   .stdout_pipe = true,
				   .stderr_pipe = true,
				   .new_pgroup = true,
				   .exec_error = FC_SPAWN_EXEC_ERROR_RETURN };
	struct fc_spawned sp;
	char *why = NULL;
	CHECK_INT(fc_spawn(&o, &sp, &why), -ENOENT);
	CHECK_STR(why, "cannot execute " MISSING ": No such file or directory");
	free(why);
	CHECK_INT(sp.pid, -1);
	CHECK_INT(sp.out_fd, -1);
	CHECK_INT(sp.err_fd, -1);
	/* The child was reaped by fc_spawn(): nothing is left to wait for. */
	CHECK_INT(waitpid(-1, NULL, WNOHANG), -1);
	CHECK_INT(errno, ECHILD);

	char path[32];
	not_executable(path);
	argv[0] = o.path = path;
	CHECK_INT(fc_spawn(&o, &sp, &why), -EACCES);
	char *want = fc_asprintf("cannot execute %s: Permission denied", path);
	CHECK_STR(why, want);
	free(want);
	free(why);
	unlink(path);
}

static void test_exec_error_exit_status(void)
{
	const char *argv[] = { MISSING, NULL };
	struct fc_spawn_opts o = { .path = MISSING,
				   .argv = argv,
				   .stderr_pipe = true,
				   .exec_error = FC_SPAWN_EXEC_ERROR_EXIT,
				   .exec_error_prefix = "fipsctl: " };
	struct fc_spawned sp;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	char *err = read_all(sp.err_fd);
	close(sp.err_fd);
	CHECK_STR(err, "fipsctl: cannot execute " MISSING
		       ": No such file or directory\n");
	free(err);
	int st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == FC_SPAWN_EXIT_MISSING);

	char path[32];
	not_executable(path);
	argv[0] = o.path = path;
	o.exec_error_prefix = NULL;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	err = read_all(sp.err_fd);
	close(sp.err_fd);
	char *want = fc_asprintf("cannot execute %s: Permission denied\n",
				 path);
	CHECK_STR(err, want);
	free(want);
	free(err);
	st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == FC_SPAWN_EXIT_CANNOT);
	unlink(path);
}

static void test_stdin_pipe_and_dev_null(void)
{
	const char *argv[] = { "/bin/sh", "-c",
			       "n=0; while read l; do n=$((n+1)); "
			       "echo \"$n:$l\"; done",
			       NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .stdin_pipe = true,
				   .stdout_pipe = true };
	struct fc_spawned sp;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	CHECK(sp.in_fd >= 0);
	CHECK_INT(fc_write_all(sp.in_fd, "alpha\nbeta\n", 11), 0);
	close(sp.in_fd);
	char *out = read_all(sp.out_fd);
	close(sp.out_fd);
	CHECK_STR(out, "1:alpha\n2:beta\n");
	free(out);
	int st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* Without a pipe stdin is /dev/null: the loop ends at once. */
	o.stdin_pipe = false;
	out = output_of(&o, &st);
	CHECK_STR(out, "");
	free(out);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_new_process_group(void)
{
	/* The background sleep holds stdout too: EOF comes only when the
	 * kill of the group reached the grandchild as well. */
	const char *argv[] = { "/bin/sh", "-c", "sleep 30 & echo up; wait",
			       NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .stdout_pipe = true,
				   .new_pgroup = true };
	struct fc_spawned sp;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	/* Set before fc_spawn() returned, whoever ran first. */
	CHECK_INT(getpgid(sp.pid), sp.pid);
	CHECK(getpgid(sp.pid) != getpgrp());
	char line[4] = { 0 };
	CHECK_INT(read(sp.out_fd, line, 3), 3);
	CHECK_STR(line, "up\n");
	CHECK_INT(kill(-sp.pid, SIGKILL), 0);
	char *rest = read_all(sp.out_fd);
	CHECK_STR(rest, "");
	free(rest);
	close(sp.out_fd);
	int st = wait_status(sp.pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* Without it the child stays in ours. */
	const char *cat[] = { "/bin/cat", NULL };
	struct fc_spawn_opts o2 = { .path = cat[0],
				    .argv = cat,
				    .stdin_pipe = true };
	CHECK_INT(fc_spawn(&o2, &sp, NULL), 0);
	CHECK_INT(getpgid(sp.pid), getpgrp());
	close(sp.in_fd);
	st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_environment(void)
{
	setenv("FC_SPAWN_TEST_INHERITED", "yes", 1);
	const char *argv[] = { "/usr/bin/env", NULL };
	char *const env[] = { "ONLY=this", NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .envp = env,
				   .stdout_pipe = true };
	int st;
	char *out = output_of(&o, &st);
	CHECK_STR(out, "ONLY=this\n");
	free(out);

	o.envp = NULL;
	out = output_of(&o, &st);
	CHECK(strstr(out, "\nFC_SPAWN_TEST_INHERITED=yes\n") ||
	      strncmp(out, "FC_SPAWN_TEST_INHERITED=yes\n", 28) == 0);
	free(out);
	unsetenv("FC_SPAWN_TEST_INHERITED");
}

static void test_close_fds(void)
{
	int fd = open("/dev/null", O_RDONLY); /* deliberately not CLOEXEC */
	CHECK(fd >= 3);
	char *script = fc_asprintf("test -e /proc/self/fd/%d && echo open || "
				   "echo closed",
				   fd);
	const char *argv[] = { "/bin/sh", "-c", script, NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .stdout_pipe = true,
				   .close_fds = true };
	int st;
	char *out = output_of(&o, &st);
	CHECK_STR(out, "closed\n");
	free(out);

	/* The option is what closed it. */
	o.close_fds = false;
	out = output_of(&o, &st);
	CHECK_STR(out, "open\n");
	free(out);
	free(script);
	close(fd);
}

/* Started with stdin closed, our first pipe lands on 0; the child must
 * still get it as its stdin, not lose it at exec. */
static void test_stdin_closed_in_parent(void)
{
	/* -1 when the test runs with stdin closed already. */
	int saved = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	close(STDIN_FILENO);
	const char *argv[] = { "/bin/cat", NULL };
	const struct fc_spawn_opts o = { .path = argv[0],
					 .argv = argv,
					 .stdin_pipe = true,
					 .stdout_pipe = true,
					 .stderr_pipe = true };
	struct fc_spawned sp;
	int r = fc_spawn(&o, &sp, NULL);
	/* Our own descriptor 0 is free again: nothing of ours sits there. */
	int probe = open("/dev/null", O_RDONLY | O_CLOEXEC);
	CHECK_INT(probe, 0);
	if (probe >= 0)
		close(probe);
	if (saved >= 0) {
		if (dup2(saved, STDIN_FILENO) < 0)
			t_die("dup2");
		close(saved);
	}
	CHECK_INT(r, 0);
	if (r < 0)
		return;
	CHECK(sp.in_fd > 2 && sp.out_fd > 2 && sp.err_fd > 2);
	CHECK_INT(fc_write_all(sp.in_fd, "through\n", 8), 0);
	close(sp.in_fd);
	char *out = read_all(sp.out_fd);
	char *err = read_all(sp.err_fd);
	CHECK_STR(out, "through\n");
	CHECK_STR(err, "");
	free(out);
	free(err);
	close(sp.out_fd);
	close(sp.err_fd);
	int st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* fc_spawn() under an RLIMIT_NOFILE that leaves room for only `room`
 * new descriptors (from our lowest free one): its result, and *why. */
static int spawn_with_fd_room(const struct fc_spawn_opts *o, int room,
			      char **why)
{
	struct rlimit old;
	if (getrlimit(RLIMIT_NOFILE, &old) < 0)
		t_die("getrlimit");
	int lowest = fcntl(STDERR_FILENO, F_DUPFD, 0);
	if (lowest < 0)
		t_die("F_DUPFD");
	close(lowest);
	struct rlimit lim = old;
	lim.rlim_cur = (rlim_t)(lowest + room);
	if (setrlimit(RLIMIT_NOFILE, &lim) < 0)
		t_die("setrlimit");
	struct fc_spawned sp;
	int r = fc_spawn(o, &sp, why);
	if (setrlimit(RLIMIT_NOFILE, &old) < 0)
		t_die("setrlimit");
	CHECK_INT(sp.pid, -1);
	CHECK_INT(sp.in_fd, -1);
	CHECK_INT(sp.out_fd, -1);
	CHECK_INT(sp.err_fd, -1);
	return r;
}

static void test_setup_failure_reported(void)
{
	const char *argv[] = { "/bin/true", NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .stdin_pipe = true,
				   .stdout_pipe = true,
				   .stderr_pipe = true };
	char *why = NULL;
	int before = count_fds();
	CHECK_INT(spawn_with_fd_room(&o, 0, &why), -EMFILE);
	CHECK_STR(why, "pipe: Too many open files");
	free(why);

	o.stdin_pipe = false;
	CHECK_INT(spawn_with_fd_room(&o, 0, &why), -EMFILE);
	CHECK_STR(why, "open /dev/null: Too many open files");
	free(why);

	/* Room for the first pipe only: it is made, then released. */
	o.stdin_pipe = true;
	CHECK_INT(spawn_with_fd_room(&o, 2, &why), -EMFILE);
	CHECK_STR(why, "pipe: Too many open files");
	free(why);
	CHECK_INT(count_fds(), before);
}

/* Every path, success or not, gives back exactly what it made. */
static void test_no_fd_leaks(void)
{
	int before = count_fds();
	const char *argv[] = { "/bin/sh", "-c", "cat; echo e >&2", NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .stdin_pipe = true,
				   .stdout_pipe = true,
				   .stderr_pipe = true,
				   .new_pgroup = true,
				   .exec_error = FC_SPAWN_EXEC_ERROR_RETURN };
	struct fc_spawned sp;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	/* Ours plus the three parent ends; the child's ends and the status
	 * pipe are closed already. */
	CHECK_INT(count_fds(), before + 3);
	close(sp.in_fd);
	char *out = read_all(sp.out_fd);
	char *err = read_all(sp.err_fd);
	CHECK_STR(err, "e\n");
	free(out);
	free(err);
	close(sp.out_fd);
	close(sp.err_fd);
	(void)wait_status(sp.pid);
	CHECK_INT(count_fds(), before);

	const char *missing[] = { MISSING, NULL };
	o.path = MISSING;
	o.argv = missing;
	char *why = NULL;
	CHECK_INT(fc_spawn(&o, &sp, &why), -ENOENT);
	free(why);
	CHECK_INT(count_fds(), before);

	o.exec_error = FC_SPAWN_EXEC_ERROR_EXIT;
	o.stdin_pipe = false;
	CHECK_INT(fc_spawn(&o, &sp, NULL), 0);
	CHECK_INT(count_fds(), before + 2);
	free(read_all(sp.out_fd));
	free(read_all(sp.err_fd));
	close(sp.out_fd);
	close(sp.err_fd);
	int st = wait_status(sp.pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == FC_SPAWN_EXIT_MISSING);
	CHECK_INT(count_fds(), before);
}

/* --- fc_spawn_collect ---------------------------------------------------- */

/* What `seq FIRST LAST` prints. */
static char *seq_text(int first, int last)
{
	struct fc_buf b = { 0 };
	for (int i = first; i <= last; i++)
		fc_buf_addf(&b, "%d\n", i);
	return fc_buf_steal(&b);
}

static double ms_since(unsigned long long t0)
{
	return (double)(fc_now_ns() - t0) / 1e6;
}

/* Start /bin/sh -c script in a process group of its own, stdout and
 * stderr pipes as st[0] and st[1] with the given bounds. */
static pid_t start_sh(const char *script, struct fc_spawn_stream st[2],
		      size_t max_out, size_t max_err)
{
	const char *argv[] = { "/bin/sh", "-c", script, NULL };
	struct fc_spawn_opts o = { .path = argv[0],
				   .argv = argv,
				   .stdout_pipe = true,
				   .stderr_pipe = true,
				   .new_pgroup = true };
	struct fc_spawned sp;
	if (fc_spawn(&o, &sp, NULL) < 0)
		t_die("fc_spawn /bin/sh");
	st[0] = (struct fc_spawn_stream){ .fd = sp.out_fd,
					  .pid = sp.pid,
					  .max = max_out };
	st[1] = (struct fc_spawn_stream){ .fd = sp.err_fd,
					  .pid = sp.pid,
					  .max = max_err };
	return sp.pid;
}

static void check_buf(const struct fc_buf *b, const char *want)
{
	CHECK_INT(b->len, strlen(want));
	CHECK(b->len == strlen(want) &&
	      memcmp(b->data ? b->data : "", want, b->len) == 0);
}

/*
 * More than a pipe holds (64 KiB on Linux) on both pipes, stderr first:
 * a reader that waited on stdout alone would leave the child blocked on
 * stderr until the deadline killed it.
 */
static void test_collect_both_pipes_past_buffer(void)
{
	int before = count_fds();
	_cleanup_free_ char *want_out = seq_text(100001, 160000);
	_cleanup_free_ char *want_err = seq_text(1, 60000);
	CHECK(strlen(want_out) > 256 * 1024 && strlen(want_err) > 256 * 1024);
	struct fc_spawn_stream st[2];
	pid_t pid = start_sh("seq 1 60000 >&2; seq 100001 160000", st, 1 << 20,
			     1 << 20);
	fc_spawn_collect(st, 2, 20000);
	CHECK_INT(st[0].fd, -1);
	CHECK_INT(st[1].fd, -1);
	check_buf(&st[0].buf, want_out);
	check_buf(&st[1].buf, want_err);
	CHECK(!st[0].truncated && !st[1].truncated);
	CHECK(!st[0].killed && !st[1].killed);
	int ws = wait_status(pid);
	CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);
	CHECK_INT(count_fds(), before);
}

/* Past max: stdout keeps its head, stderr (keep_tail) its tail, and the
 * rest is still read, so the child runs to its end. */
static void test_collect_bounds(void)
{
	_cleanup_free_ char *all_out = seq_text(100001, 160000);
	_cleanup_free_ char *all_err = seq_text(1, 60000);
	_cleanup_free_ char *head = fc_strndup(all_out, 1000);
	const char *tail = all_err + strlen(all_err) - 1000;
	struct fc_spawn_stream st[2];
	pid_t pid = start_sh("seq 1 60000 >&2; seq 100001 160000", st, 1000,
			     1000);
	st[1].keep_tail = true;
	fc_spawn_collect(st, 2, 20000);
	check_buf(&st[0].buf, head);
	check_buf(&st[1].buf, tail);
	CHECK(st[0].truncated && st[1].truncated);
	CHECK(!st[0].killed && !st[1].killed);
	int ws = wait_status(pid);
	CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);

	/* Within the bound nothing is marked. */
	pid = start_sh("echo out; echo err >&2", st, 4, 4);
	fc_spawn_collect(st, 2, 20000);
	check_buf(&st[0].buf, "out\n");
	check_buf(&st[1].buf, "err\n");
	CHECK(!st[0].truncated && !st[1].truncated);
	(void)wait_status(pid);
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);
}

/*
 * A child that hangs past the deadline is killed with its process group:
 * the background sleep holds both pipes too, so they close at once only
 * when the kill reached it (else only when the grace period ends).
 */
static void test_collect_kills_at_deadline(void)
{
	int before = count_fds();
	struct fc_spawn_stream st[2];
	unsigned long long t0 = fc_now_ns();
	pid_t pid = start_sh("echo started; echo err >&2; sleep 30 & wait", st,
			     4096, 4096);
	fc_spawn_collect(st, 2, 300);
	double ms = ms_since(t0);
	CHECK(ms >= 300);
	CHECK(ms < 300 + FC_SPAWN_KILL_GRACE_MS / 2);
	CHECK(st[0].killed && st[1].killed);
	check_buf(&st[0].buf, "started\n");
	check_buf(&st[1].buf, "err\n");
	CHECK_INT(st[0].fd, -1);
	CHECK_INT(st[1].fd, -1);
	int ws = wait_status(pid);
	CHECK(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL);
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);
	CHECK_INT(count_fds(), before);
}

/* A grandchild that left the process group (setsid) keeps the pipes open
 * after the kill: reading gives up when the grace period ends. */
static void test_collect_gives_up_after_grace(void)
{
	int before = count_fds();
	struct fc_spawn_stream st[2];
	unsigned long long t0 = fc_now_ns();
	pid_t pid = start_sh("setsid sleep 30 & echo $!; wait", st, 4096, 4096);
	fc_spawn_collect(st, 2, 300);
	double ms = ms_since(t0);
	CHECK(ms >= 300 + FC_SPAWN_KILL_GRACE_MS);
	CHECK(ms < 300 + FC_SPAWN_KILL_GRACE_MS + 1500);
	CHECK(st[0].killed && st[1].killed);
	CHECK_INT(st[0].fd, -1);
	CHECK_INT(st[1].fd, -1);
	int ws = wait_status(pid);
	CHECK(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL);
	/* The escaped sleep is ours to end. */
	long escaped = st[0].buf.data ? strtol(st[0].buf.data, NULL, 10) : 0;
	CHECK(escaped > 1);
	if (escaped > 1)
		kill((pid_t)escaped, SIGKILL);
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);
	CHECK_INT(count_fds(), before);
}

/*
 * stderr closes at once, stdout after a while, then the child runs on
 * without pipes: both are read to their end, and the child is neither
 * waited for nor killed (the caller reaps it).
 */
static void test_collect_early_close(void)
{
	struct fc_spawn_stream st[2];
	unsigned long long t0 = fc_now_ns();
	pid_t pid = start_sh("exec 2>&-; sleep 0.3; echo late; exec >&-; "
			     "sleep 3",
			     st, 4096, 4096);
	fc_spawn_collect(st, 2, 20000);
	double ms = ms_since(t0);
	CHECK(ms >= 300);
	CHECK(ms < 2000);
	check_buf(&st[0].buf, "late\n");
	check_buf(&st[1].buf, "");
	CHECK(!st[0].killed && !st[1].killed);
	/* Still running a moment later (a kill would have ended it). */
	struct timespec pause = { 0, 200 * 1000000L };
	nanosleep(&pause, NULL);
	int ws = 0;
	CHECK_INT(waitpid(pid, &ws, WNOHANG), 0);
	fc_spawn_kill(pid);
	ws = wait_status(pid);
	CHECK(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL);
	fc_buf_free(&st[0].buf);
	fc_buf_free(&st[1].buf);
}

/* Several children in one call, as the library probes run: only the one
 * still writing at the deadline is killed. */
static void test_collect_several_children(void)
{
	struct fc_spawn_stream st[4];
	pid_t slow = start_sh("echo a; exec sleep 30", &st[0], 64, 64);
	pid_t quick = start_sh("sleep 0.2; echo b; echo B >&2", &st[2], 64, 64);
	fc_spawn_collect(st, 4, 800);
	check_buf(&st[0].buf, "a\n");
	check_buf(&st[2].buf, "b\n");
	check_buf(&st[3].buf, "B\n");
	CHECK(st[0].killed && st[1].killed);
	CHECK(!st[2].killed && !st[3].killed);
	int ws = wait_status(slow);
	CHECK(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL);
	ws = wait_status(quick);
	CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(st[i].fd, -1);
		fc_buf_free(&st[i].buf);
	}
}

int main(void)
{
	/* fc_spawn() blocks on its status pipe; a descriptor it forgot to
	 * close would hang it there: end the program rather than the run. */
	alarm(120);
	RUN(test_true_without_pipes);
	RUN(test_stdout_and_stderr);
	RUN(test_exec_error_returned);
	RUN(test_exec_error_exit_status);
	RUN(test_stdin_pipe_and_dev_null);
	RUN(test_new_process_group);
	RUN(test_environment);
	RUN(test_close_fds);
	RUN(test_stdin_closed_in_parent);
	RUN(test_setup_failure_reported);
	RUN(test_no_fd_leaks);
	RUN(test_collect_both_pipes_past_buffer);
	RUN(test_collect_bounds);
	RUN(test_collect_kills_at_deadline);
	RUN(test_collect_gives_up_after_grace);
	RUN(test_collect_early_close);
	RUN(test_collect_several_children);
	TEST_MAIN_END();
}
