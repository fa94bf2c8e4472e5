/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running a helper program that is not a check probe (the evidence
 * helper, src/parse/manifest.h) from the probe directory (fc_probe_dir()):
 * absolute path, argv only, no shell.  Its stderr is ours: a helper
 * names its own errors there, prefixed "fipsctl: ".
 */
#ifndef FC_HELPER_RUN_H
#define FC_HELPER_RUN_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/util.h"

struct fc_helper {
	char *path;
	pid_t pid;
	int in_fd; /* its stdin when fed, else -1 */
	FILE *out; /* its stdout */
};

/* Start <probe dir>/name with args (NULL-terminated, without argv[0]). */
int fc_helper_start(const char *name, const char *const *args, bool feed,
		    struct fc_helper *h) FC_WUR;
/* Write to its stdin (SIGPIPE ignored meanwhile: a helper that stopped
 * early gives -EPIPE, and its exit status says why). */
int fc_helper_write(struct fc_helper *h, const void *buf, size_t len) FC_WUR;
/*
 * Close its pipes and wait.  0 when it exited 0; -EINVAL when it reported
 * bad input (exit FC_EV_HELPER_EXIT_INPUT); -ENOENT when it is missing;
 * -EIO for anything else (said on stderr).
 */
int fc_helper_finish(struct fc_helper *h) FC_WUR;

/* Start, feed in (may be NULL), collect stdout (at most max bytes), wait. */
int fc_helper_run(const char *name, const char *const *args, const void *in,
		  size_t in_len, size_t max, struct fc_buf *out) FC_WUR;

#endif
