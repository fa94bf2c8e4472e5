/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Starting a child process: the one place fipsctl starts programs.  The
 * library probes (probe.c), the external programs of the exec layer
 * (exec.c), the evidence helper (helper-run.c) and the OpenSSL helper's
 * lazy load (helpers/openssl/lazy.c) say what the child gets; fc_spawn()
 * makes the pipes, starts the program with posix_spawn (wiring the
 * descriptors and the process group on the way), and hands back the pid
 * and the parent's pipe ends.  fc_spawn_collect() reads the children's pipes
 * until they close, within a deadline past which it kills them.  Feeding
 * stdin and waiting stay with the caller, which knows what the child is
 * for and what its exit status means; so do the program's path, its
 * environment policy and its timeout.
 *
 * Every descriptor fc_spawn() creates is close-on-exec, so no child ever
 * holds another child's pipe open (a probe's stdout would never see EOF).
 *
 * Error convention: 0, or -errno with *why saying which step failed
 * ("pipe: ...", "open /dev/null: ...", "cannot execute PATH: ..." with
 * FC_SPAWN_EXEC_ERROR_RETURN, "fork: ..." with FC_SPAWN_EXEC_ERROR_EXIT).  On error
 * nothing is left open and no child is left unreaped.
 */
#ifndef FC_SPAWN_H
#define FC_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/util.h"

/* Exit statuses of a child whose exec failed (FC_SPAWN_EXEC_ERROR_EXIT).
 * 126 is a shell's "cannot execute"; a shell's "not found", 127, is also
 * what the dynamic loader exits with when a library is missing, which
 * callers tell apart, so a missing program gets 125. */
#define FC_SPAWN_EXIT_MISSING 125 /* ENOENT: the program is not there */
#define FC_SPAWN_EXIT_CANNOT 126  /* anything else */

enum fc_spawn_exec_error {
	/*
	 * The child says "<exec_error_prefix>cannot execute PATH: reason" on
	 * its stderr and exits FC_SPAWN_EXIT_MISSING or FC_SPAWN_EXIT_CANNOT;
	 * the caller learns it when it waits, like any other exit, so a
	 * caller that starts many children handles every failure one way.
	 */
	FC_SPAWN_EXEC_ERROR_EXIT,
	/*
	 * fc_spawn() returns -errno when the program could not be executed
	 * (no child is left to reap).
	 */
	FC_SPAWN_EXEC_ERROR_RETURN,
};

struct fc_spawn_opts {
	const char *path;	 /* what is executed, an absolute path */
	const char *const *argv; /* NULL-terminated, argv[0] included */
	char *const *envp;	 /* the whole environment; NULL: ours */
	bool stdin_pipe;  /* stdin a pipe the parent writes; else /dev/null */
	bool stdout_pipe; /* stdout a pipe the parent reads; else ours */
	bool stderr_pipe; /* stderr likewise */
	/* A process group of its own (its pid), set on both sides of the
	 * fork so it exists when fc_spawn() returns: kill(-pid) then
	 * reaches whatever the child started as well. */
	bool new_pgroup;
	/* Every descriptor above 2 closed at exec, also those the caller
	 * inherited without close-on-exec. */
	bool close_fds;
	enum fc_spawn_exec_error exec_error;
	const char *exec_error_prefix; /* FC_SPAWN_EXEC_ERROR_EXIT; NULL: "" */
};

struct fc_spawned {
	pid_t pid;
	/* The parent's ends, -1 where no pipe was asked for; the caller
	 * closes them. */
	int in_fd, out_fd, err_fd;
};

/* why (may be NULL) gets a message on error, to free. */
int fc_spawn(const struct fc_spawn_opts *o, struct fc_spawned *sp, char **why)
	FC_WUR;

/* How long fc_spawn_collect() keeps reading after it killed: the pipes
 * close as the killed processes die. */
#define FC_SPAWN_KILL_GRACE_MS 2000

/* One pipe a child writes and the parent reads to its end. */
struct fc_spawn_stream {
	int fd;	   /* the parent's end; closed and -1 on return */
	pid_t pid; /* the child that writes it, killed past the deadline */
	/* Bytes kept (the head, or with keep_tail the tail); the rest is
	 * read and dropped, so the child never blocks on a full pipe. */
	size_t max;
	bool keep_tail;
	/* What was kept (data NULL when nothing came); the caller frees. */
	struct fc_buf buf;
	bool truncated; /* more than max came */
	bool killed;	/* its child was killed at the deadline */
};

/*
 * Read every stream until it closes, all at once (a child writing more
 * than a pipe holds to one stream while the parent waits on another would
 * otherwise block both).  Streams may belong to several children.  When
 * timeout_ms passes with streams still open, each of their children is
 * sent SIGKILL, to its process group and to itself (fc_spawn_kill), its
 * streams are marked killed, and reading goes on for at most
 * FC_SPAWN_KILL_GRACE_MS; a stream still open then is given up.  A child
 * that closes its pipes early is not waited for or killed: that is the
 * caller's, who reaps it.  Every fd is closed on return.
 */
void fc_spawn_collect(struct fc_spawn_stream *st, size_t n,
		      unsigned timeout_ms);

/* SIGKILL to pid's process group (when it leads one: new_pgroup) and to
 * pid itself; either may be gone already. */
void fc_spawn_kill(pid_t pid);

#endif
