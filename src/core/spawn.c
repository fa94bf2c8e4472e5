// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Keep our descriptors off 0, 1 and 2.  When fipsctl was started with one
 * of those closed a new descriptor lands there, and the child's dup2 onto
 * it would be a no-op that leaves it close-on-exec (the program starts
 * without it) or would overwrite a pipe before that was duplicated.
 */
static int above_stdio(int *fd)
{
	if (*fd > STDERR_FILENO)
		return 0;
	int moved = fcntl(*fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	if (moved < 0)
		return -errno;
	close(*fd);
	*fd = moved;
	return 0;
}

static int make_pipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	int r = above_stdio(&p[0]);
	return r < 0 ? r : above_stdio(&p[1]);
}

static int open_null(int *fd)
{
	*fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return *fd < 0 ? -errno : above_stdio(fd);
}

static void close_pair(int p[2])
{
	for (int i = 0; i < 2; i++)
		if (p[i] >= 0) {
			close(p[i]);
			p[i] = -1;
		}
}

/*
 * After fork, when posix_spawn could not execute the program and the
 * caller wants that as the child's exit (FC_SPAWN_EXEC_ERROR_EXIT): the
 * same set-up and exec again, and on failure the reason on the child's
 * stderr and exit status 125/126.  Only system calls until exec.  in is
 * the pipe's or /dev/null's descriptor; out and err are -1 where ours are
 * inherited.
 */
FC_NORETURN static void child(const struct fc_spawn_opts *o, int in, int out,
			      int err)
{
	if (o->new_pgroup)
		setpgid(0, 0);
	if (dup2(in, STDIN_FILENO) < 0 ||
	    (out >= 0 && dup2(out, STDOUT_FILENO) < 0) ||
	    (err >= 0 && dup2(err, STDERR_FILENO) < 0))
		goto fail;
	if (o->close_fds && close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		for (int fd = 3; fd < 1024; fd++)
			(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	execve(o->path, (char *const *)o->argv, o->envp ? o->envp : environ);
fail:;
	int e = errno;
	dprintf(STDERR_FILENO, "%scannot execute %s: %s\n",
		o->exec_error_prefix ? o->exec_error_prefix : "", o->path,
		strerror(e));
	_exit(e == ENOENT ? FC_SPAWN_EXIT_MISSING : FC_SPAWN_EXIT_CANNOT);
}

/*
 * The usual way to start the child: posix_spawn, whose glibc
 * implementation runs the child in our memory (clone with CLONE_VM and
 * CLONE_VFORK) until it execs.  A fork marks every writable page of ours
 * copy-on-write, and each page this process writes afterwards faults once
 * more.  Measured with `fipsctl check` (five helpers started, then their
 * answers parsed) on the 2-vCPU test VM, where a page fault costs tens of
 * microseconds: 275 page faults in the parent with fork, 151 with
 * posix_spawn.  Returns 0 with *pid set, or the negative error posix_spawn
 * gives, which is also the exec's.
 */
static int spawn_vm(const struct fc_spawn_opts *o, int in, int out, int err,
		    pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int r = posix_spawn_file_actions_init(&fa);
	if (r)
		return -r;
	r = posix_spawnattr_init(&at);
	if (r) {
		posix_spawn_file_actions_destroy(&fa);
		return -r;
	}
	r = posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	if (!r && out >= 0)
		r = posix_spawn_file_actions_adddup2(&fa, out, STDOUT_FILENO);
	if (!r && err >= 0)
		r = posix_spawn_file_actions_adddup2(&fa, err, STDERR_FILENO);
	if (!r && o->close_fds)
		r = posix_spawn_file_actions_addclosefrom_np(&fa, STDERR_FILENO + 1);
	if (!r && o->new_pgroup) {
		/* Before the exec, so the group exists once we return. */
		r = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
		if (!r)
			r = posix_spawnattr_setpgroup(&at, 0);
	}
	if (!r)
		r = posix_spawn(pid, o->path, &fa, &at, (char *const *)o->argv,
				o->envp ? o->envp : environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return -r;
}

int fc_spawn(const struct fc_spawn_opts *o, struct fc_spawned *sp, char **why)
{
	*sp = (struct fc_spawned){ .pid = -1,
				   .in_fd = -1,
				   .out_fd = -1,
				   .err_fd = -1 };
	if (why)
		*why = NULL;
	/* [0] reads, [1] writes; for stdin without a pipe [0] is /dev/null. */
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	const char *step = o->stdin_pipe ? "pipe" : "open /dev/null";
	pid_t pid = -1;
	int r = o->stdin_pipe ? make_pipe(in) : open_null(&in[0]);
	if (r < 0)
		goto done;
	step = "pipe";
	if (o->stdout_pipe)
		r = make_pipe(out);
	if (r == 0 && o->stderr_pipe)
		r = make_pipe(err);
	if (r < 0)
		goto done;
	r = spawn_vm(o, in[0], out[1], err[1], &pid);
	if (r == 0)
		goto started;
	if (o->exec_error == FC_SPAWN_EXEC_ERROR_RETURN) {
		/* glibc reaped the child that could not exec. */
		if (why)
			*why = fc_asprintf("cannot execute %s: %s", o->path,
					   strerror(-r));
		goto done;
	}
	/*
	 * The caller wants the failure as the child's own exit: fork one
	 * that tries the same exec and says why.  Only here, on the error
	 * path, does fc_spawn() fork.
	 */
	step = "fork";
	pid = fork();
	if (pid < 0) {
		r = -errno;
		goto done;
	}
	r = 0;
	if (pid == 0)
		child(o, in[0], out[1], err[1]);
	if (o->new_pgroup)
		setpgid(pid, pid);
started:;
	/* The child's ends: a pipe is at EOF only once nobody else holds
	 * its writing end. */
	int *child_ends[] = { &in[0], &out[1], &err[1] };
	for (size_t i = 0; i < FC_ARRAY_SIZE(child_ends); i++)
		if (*child_ends[i] >= 0) {
			close(*child_ends[i]);
			*child_ends[i] = -1;
		}
	sp->pid = pid;
	sp->in_fd = in[1];
	sp->out_fd = out[0];
	sp->err_fd = err[0];
	in[1] = out[0] = err[0] = -1;
done:
	if (r < 0 && why && !*why)
		*why = fc_asprintf("%s: %s", step, strerror(-r));
	close_pair(in);
	close_pair(out);
	close_pair(err);
	return r;
}

void fc_spawn_kill(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
}

/* Keep chunk within s->max: its head, or with keep_tail its tail. */
static void keep(struct fc_spawn_stream *s, const char *chunk, size_t n)
{
	if (s->buf.len + n <= s->max) {
		fc_buf_add(&s->buf, chunk, n);
		return;
	}
	s->truncated = true;
	if (!s->keep_tail) {
		fc_buf_add(&s->buf, chunk, s->max - s->buf.len);
		return;
	}
	if (n >= s->max) {
		s->buf.len = 0;
		fc_buf_add(&s->buf, chunk + (n - s->max), s->max);
		return;
	}
	size_t drop = s->buf.len + n - s->max; /* < buf.len, as n < max */
	memmove(s->buf.data, s->buf.data + drop, s->buf.len - drop);
	s->buf.len -= drop;
	fc_buf_add(&s->buf, chunk, n);
}

static void stream_close(struct fc_spawn_stream *s)
{
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
}

/* One read from a stream poll found ready; EOF or an error closes it. */
static void pull(struct fc_spawn_stream *s)
{
	char chunk[8192];
	ssize_t n = read(s->fd, chunk, sizeof(chunk));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		stream_close(s);
		return;
	}
	keep(s, chunk, (size_t)n);
}

/* Past the deadline: kill each child that still holds a stream open,
 * once, and mark all its streams. */
static void kill_open(struct fc_spawn_stream *st, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (st[i].fd < 0 || st[i].killed)
			continue;
		fc_spawn_kill(st[i].pid);
		for (size_t k = 0; k < n; k++)
			if (st[k].pid == st[i].pid)
				st[k].killed = true;
	}
}

void fc_spawn_collect(struct fc_spawn_stream *st, size_t n, unsigned timeout_ms)
{
	struct pollfd *pfd = fc_calloc(n ? n : 1, sizeof(*pfd));
	size_t *which = fc_calloc(n ? n : 1, sizeof(*which));
	unsigned long long deadline = fc_now_ns() +
				      (unsigned long long)timeout_ms *
					      1000000ULL;
	bool grace = false;
	for (;;) {
		nfds_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (st[i].fd >= 0) {
				pfd[k] = (struct pollfd){ st[i].fd, POLLIN, 0 };
				which[k++] = i;
			}
		if (k == 0)
			break;
		unsigned long long now = fc_now_ns();
		if (now >= deadline) {
			if (grace)
				break;
			kill_open(st, n);
			grace = true;
			deadline = now + FC_SPAWN_KILL_GRACE_MS * 1000000ULL;
			continue;
		}
		unsigned long long left_ms = (deadline - now) / 1000000ULL + 1;
		int pr = poll(pfd, k,
			      left_ms > INT_MAX ? INT_MAX : (int)left_ms);
		if (pr < 0 && errno != EINTR)
			break;
		for (nfds_t j = 0; pr > 0 && j < k; j++)
			if (pfd[j].revents)
				pull(&st[which[j]]);
	}
	for (size_t i = 0; i < n; i++)
		stream_close(&st[i]);
	free(pfd);
	free(which);
}
