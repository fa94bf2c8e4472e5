/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one exec layer (docs/style.md habit 10): every external program fipsctl
 * runs (grubby, lsinitrd) goes through fc_exec_run(), which
 *  - runs only an absolute path, chosen by an option, an environment
 *    variable or the compiled-in default (fc_exec_program());
 *  - passes an argv, never a shell command line;
 *  - gives the program a clean environment: only
 *    PATH=/usr/sbin:/usr/bin:/sbin:/bin and LC_ALL=C (grubby is a bash
 *    script that runs grub2-editenv and sed through PATH; nothing the
 *    caller's environment holds may change what it does or how it talks);
 *  - captures stdout and stderr (bounded) and the exit status, so that a
 *    failure can be reported with the program's own words;
 *  - enforces --dry-run itself: with dry_run set it prints the command it
 *    would run and runs nothing, so no caller can forget to check.
 *
 * Error convention: 0 when the program ran (whatever its exit status, see
 * fc_exec_result), -errno when it could not be started or did not finish
 * in time (-ETIMEDOUT; it is killed).
 */
#ifndef FC_EXEC_H
#define FC_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/util.h"

#define FC_EXEC_PATH "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
#define FC_EXEC_TIMEOUT_MS_DEFAULT 60000
/* Per stream; more is read and discarded (the program never blocks). */
#define FC_EXEC_MAX_OUTPUT (1024 * 1024)

struct fc_exec_opts {
	bool dry_run;	     /* print "would run: ..." to trace, run nothing */
	FILE *trace;	     /* dry-run and verbose lines (NULL: stdout) */
	bool verbose;	     /* print "+ command" before running it */
	unsigned timeout_ms; /* 0: FC_EXEC_TIMEOUT_MS_DEFAULT */
	size_t max_output;   /* 0: FC_EXEC_MAX_OUTPUT */
};

struct fc_exec_result {
	bool ran;	 /* false only in dry-run */
	int exit_code;	 /* the exit status, -1 when killed by a signal */
	int term_signal; /* the signal that ended it, or 0 */
	char *out;	 /* stdout, NUL-terminated (may hold NULs: out_len) */
	size_t out_len;
	bool out_truncated;
	char *err; /* stderr, NUL-terminated */
	size_t err_len;
	bool err_truncated;
};

/*
 * Run argv (argv[0] an absolute path, NULL-terminated) and wait for it.
 * stdin is /dev/null.  On 0, *res is filled (free with
 * fc_exec_result_free); on -errno it holds nothing to free.
 */
int fc_exec_run(const struct fc_exec_opts *o, const char *const *argv,
		struct fc_exec_result *res) FC_WUR;
void fc_exec_result_free(struct fc_exec_result *r);

/* argv as one line a shell would read back to the same words. */
char *fc_exec_quote(const char *const *argv);

/*
 * One line saying how a run ended when it did not exit 0: "exited 1:
 * <stderr's last non-empty line>", "killed by signal 9".  NULL when it
 * exited 0.
 */
char *fc_exec_failure(const struct fc_exec_result *r);

/*
 * The program to run: opt (a command-line option) if given, else the
 * environment variable env_name if set and non-empty, else dflt.  It must
 * be an absolute path (-EINVAL otherwise, *why says which source gave
 * what); it need not exist yet.
 */
int fc_exec_program(const char *opt, const char *opt_name, const char *env_name,
		    const char *dflt, char **out, char **why) FC_WUR;

#endif
