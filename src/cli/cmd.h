/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands (docs/style.md habits 1-3).  Each command lives in
 * src/cli/cmd-<verb>.c and ends with a const struct fc_cmd;
 * src/cli/commands.c lists them in one table.  A command parses its own options, verifies them (rejecting bad
 * combinations before anything happens), then runs.
 *
 * A command returns its verdict (0 pass, 1 fail, FC_EXIT_INCOMPLETE: see
 * fc_outcome_result()) or -errno; fc_exit_code() maps everything to the
 * documented exit codes in one place.
 */
#ifndef FC_CMD_H
#define FC_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "base/util.h"
#include "core/log.h"

/* Documented exit codes (README, --help). */
enum {
	FC_EXIT_OK = 0,         /* verdict pass (warnings allowed) */
	FC_EXIT_FAIL = 1,       /* verdict fail: a check failed or errored */
	FC_EXIT_USAGE = 2,      /* usage or input error */
	FC_EXIT_INTERNAL = 3,   /* fipsctl itself could not run */
	FC_EXIT_INCOMPLETE = 4, /* verdict incomplete: nothing failed, but a
				 * requirement that applies was not examined */
};

/* Errno values that mean "the user's input is wrong" (exit 2). */
#define FC_EUSAGE EINVAL

enum fc_color_mode { FC_COLOR_AUTO, FC_COLOR_ALWAYS, FC_COLOR_NEVER };

struct fc_cmd;

struct fc_global {
	const char *root;   /* --root, NULL for the live host */
	const char *format; /* --format */
	enum fc_color_mode color;
	bool quiet;
	int verbose;
	bool color_out; /* resolved: colour on stdout */
	/* What runs, for -h/--help: set by the dispatcher (NULL: none yet). */
	const struct fc_cmd *cmd, *verb;
};

/*
 * A command, or a verb of one ("evidence export"), as kmod's and
 * cryptsetup's command tables.  A command either runs itself (run) or has
 * verbs: then the dispatcher (src/cli/commands.c) takes the global options
 * up to the verb, finds it in verbs (or names them all in its usage
 * error), and runs it.  That is the one way to give a command verbs; help,
 * -h/--help and the verb messages all come from the table.
 */
struct fc_cmd {
	const char *name;
	/* One line for the command list; for a verb, its text in the
	 * command's verb list (lines after the first are indented under the
	 * first). */
	const char *summary;
	/* The full usage text for "help COMMAND".  A command with verbs: the
	 * description between the verbs' usage lines and their list. */
	const char *help;
	/* A verb's usage line(s) after "Usage: ", "fipsctl ... VERB ...". */
	const char *usage;
	/* A command with verbs: text after the verb list, or NULL. */
	const char *epilog;
	/* NULL-terminated, or NULL for a command without verbs. */
	const struct fc_cmd *const *verbs;
	/* argv[0] is "fipsctl COMMAND" (or "fipsctl COMMAND VERB"), for
	 * getopt's messages; NULL for a command with verbs. */
	int (*run)(struct fc_global *g, int argc, char **argv);
};

/*
 * Global options are accepted before the command and after it, so
 * "fipsctl check --format json" works.  Commands put FC_GLOBAL_OPTIONS in
 * their getopt_long table and hand unknown codes to fc_global_option().
 * -h/--help is one of them: every command and verb answers it with its
 * help (fc_cmd_help_print), and stops.
 */
enum {
	FC_OPT_ROOT = 0x1000,
	FC_OPT_FORMAT,
	FC_OPT_COLOR,
};
#define FC_GLOBAL_OPTIONS                                                      \
	{ "root", required_argument, NULL, FC_OPT_ROOT },                      \
		{ "format", required_argument, NULL, FC_OPT_FORMAT },          \
		{ "color", required_argument, NULL, FC_OPT_COLOR },            \
		{ "colour", required_argument, NULL, FC_OPT_COLOR },           \
		{ "quiet", no_argument, NULL, 'q' },                           \
		{ "verbose", no_argument, NULL, 'v' },                         \
		{ "help", no_argument, NULL, 'h' }
#define FC_GLOBAL_SHORT "hqv"

/*
 * What the option parsers return once -h/--help has printed the help: not
 * an errno, and negative, so that every command's "if (r < 0) return r;"
 * stops it before it verifies or runs anything; fc_cli_run() turns it into
 * success.
 */
#define FC_HELP_SHOWN 4096

/* 1 when opt was a global option (and applied), 0 when not, -errno on a
 * bad value (message printed), -FC_HELP_SHOWN for -h (help printed). */
int fc_global_option(struct fc_global *g, int opt, const char *arg,
		     const char *cmd) FC_WUR;
/*
 * For commands (and verbs) whose only options are the global ones: parse
 * them all, or with stop_at_arg up to the first argument (a verb); optind
 * is left at the first argument.  0, or -errno with the message printed.
 */
int fc_parse_global_options(struct fc_global *g, int argc, char **argv,
			    const char *cmd, bool stop_at_arg) FC_WUR;
/* A command's own option (getopt_long code c, its argument): 1 when
 * applied, 0 when not one of its options, -errno with the message printed. */
typedef int (*fc_option_fn)(void *args, int c, char *arg);
/*
 * For commands with options of their own: getopt_long over opts (which
 * holds FC_GLOBAL_OPTIONS), the global ones applied to g and the others
 * handed to fn(args, ...); an unknown option, a bad value or an argument
 * left over is a usage error.  0, or -errno with the message printed.
 */
struct option;
int fc_parse_options(struct fc_global *g, const char *cmd,
		     const struct option *opts, int argc, char **argv,
		     fc_option_fn fn, void *args) FC_WUR;
/* The same for commands that take arguments after their options, with
 * extra short options (getopt syntax): returns the index of the first
 * argument, or -errno with the message printed. */
int fc_parse_options_args(struct fc_global *g, const char *cmd,
			  const char *shortopts, const struct option *opts,
			  int argc, char **argv, fc_option_fn fn,
			  void *args) FC_WUR;
/* Resolve colour and validate --format against the renderers. */
int fc_global_finish(struct fc_global *g, const char *cmd) FC_WUR;
/* The getopt error for an unknown option or missing argument. */
int fc_bad_option(const char *cmd, char **argv);

extern const struct fc_cmd fc_cmd_check;
extern const struct fc_cmd fc_cmd_list_checks;
extern const struct fc_cmd fc_cmd_policy;
extern const struct fc_cmd fc_cmd_pin_kernel;
extern const struct fc_cmd fc_cmd_selftest;
extern const struct fc_cmd fc_cmd_evidence;
extern const struct fc_cmd fc_cmd_help;

/* NULL-terminated, in src/cli/commands.c */
extern const struct fc_cmd *const fc_commands[];
const struct fc_cmd *fc_cmd_find(const char *name);
/* cmd's verb called name (NULL: none given); a usage error naming every
 * verb when there is no such verb. */
int fc_cmd_find_verb(const struct fc_cmd *cmd, const char *name,
		     const struct fc_cmd **verb) FC_WUR;
/* The help of verb (of cmd), of cmd when verb is NULL, or the list of
 * commands when cmd is NULL: what "fipsctl help [COMMAND [VERB]]" and
 * -h/--help print. */
void fc_cmd_help_print(FILE *f, const struct fc_cmd *cmd,
		       const struct fc_cmd *verb);

int fc_exit_code(int r);
/* What a command returns for a report's verdict (include core/report.h):
 * 0, 1 or FC_EXIT_INCOMPLETE. */
int fc_outcome_result(int outcome);
/* The whole command line after main(): global options, then a command. */
int fc_cli_run(int argc, char **argv);

/* A usage error for cmd: message, hint, returns -FC_EUSAGE. */
int fc_usage_error(const char *cmd, const char *fmt, ...) FC_PRINTF(2, 3);

/*
 * What 'check' and 'evidence export' share (src/cli/cmd-check.c): the host
 * facts, the validated-module tables for the host (a malformed one stops
 * with its messages), then every selected check.  *out is the report.
 */
struct fc_root;
struct fc_check_opts;
struct fc_selection;
struct fc_report;
int fc_check_collect(struct fc_root *root, const struct fc_check_opts *opts,
		     const struct fc_selection *sel,
		     struct fc_report **out) FC_WUR;

/* --at DATE (check, evidence export): 0, or a usage error. */
int fc_check_at(const char *arg, const char *cmd) FC_WUR;

/* Open --root (the live host without it), or say why not. */
int fc_open_root(const struct fc_global *g, struct fc_root **root) FC_WUR;

/* --probe-timeout MS (check, evidence export): -EINVAL with a message. */
int fc_parse_probe_timeout(const char *arg, const char *cmd,
			   unsigned *ms) FC_WUR;
/* Render r on stdout in --format; then the verdict as check returns it
 * (fc_outcome_result() of fc_report_verdict()), or -errno. */
int fc_render_report(const struct fc_global *g,
		     const struct fc_report *r) FC_WUR;

/*
 * Where a report goes (src/cli/report-out.c): stdout in --format, or with
 * output that file instead, and with textfile the Prometheus metrics too,
 * each written atomically; with either, one line on stderr with the
 * verdict (its syslog priority when stderr is the journal).  Returns the
 * verdict as check exits by (0 or 1), or -errno.  fc_render_report() is
 * this without files.
 */
struct fc_report_out {
	const char *output;   /* --output FILE, or NULL */
	const char *textfile; /* --textfile PATH, or NULL */
	double run_seconds;   /* the run's wall time; 0 when unknown */
};
int fc_report_output(const struct fc_global *g, const struct fc_report *r,
		     const struct fc_report_out *o) FC_WUR;

/* Flush and check stdout: a failed write is an error, never success. */
int fc_finish_stdout(void) FC_WUR;

#endif
