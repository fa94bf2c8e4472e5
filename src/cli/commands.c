// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command table, the top-level usage and every help text, 'help',
 * dispatch to a command and to a command's verb, and the one place where
 * results become exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/report.h"
#include "core/version.h"

const struct fc_cmd *const fc_commands[] = {
	&fc_cmd_check,
	&fc_cmd_list_checks,
	&fc_cmd_policy,
	&fc_cmd_pin_kernel,
	&fc_cmd_selftest,
	&fc_cmd_evidence,
	&fc_cmd_help,
	NULL,
};

static const char usage_text[] =
	"Usage: fipsctl [OPTIONS] COMMAND [ARGS]\n"
	"\n"
	"Tell, with proof, whether this Linux host runs in FIPS 140-3 mode.\n"
	"\n"
	"Options (also accepted after COMMAND):\n"
	"  --root DIR                audit the tree at DIR (fixture or mounted image)\n"
	"                            instead of the live host\n"
	"  --format text|json|junit|oscal\n"
	"                            output format (default text)\n"
	"  --color auto|always|never colour in text output (auto: only on a\n"
	"                            terminal, and not when NO_COLOR is set)\n"
	"  -q, --quiet               text: show only what needs attention\n"
	"  -v, --verbose             text: show the facts read (-vv: requirements)\n"
	"  -h, --help                show this help\n"
	"  -V, --version             show the version\n"
	"\n"
	"Commands:\n";

static const char exit_text[] =
	"\n"
	"Exit status:\n"
	"  0  pass: nothing failed, and every applicable check was examined\n"
	"  1  fail: a selected check failed or could not tell\n"
	"  2  usage or input error\n"
	"  3  fipsctl itself could not run (internal error)\n"
	"  4  incomplete: nothing failed, but an applicable check was not examined\n"
	"\n"
	"Run 'fipsctl help COMMAND' for a command's options.\n";

const struct fc_cmd *fc_cmd_find(const char *name)
{
	for (size_t i = 0; fc_commands[i]; i++)
		if (fc_streq(fc_commands[i]->name, name))
			return fc_commands[i];
	return NULL;
}

int fc_cmd_find_verb(const struct fc_cmd *cmd, const char *name,
		     const struct fc_cmd **verb)
{
	for (size_t i = 0; name && cmd->verbs[i]; i++) {
		if (fc_streq(cmd->verbs[i]->name, name)) {
			*verb = cmd->verbs[i];
			return 0;
		}
	}
	/* "export, verify, show or summarize" */
	struct fc_buf names = { 0 };
	for (size_t i = 0; cmd->verbs[i]; i++) {
		const char *sep = !i ? "" : cmd->verbs[i + 1] ? ", " : " or ";
		fc_buf_addf(&names, "%s%s", sep, cmd->verbs[i]->name);
	}
	int r = name ? fc_usage_error(cmd->name, "unknown verb '%s' (%s)", name,
				      names.data)
		     : fc_usage_error(cmd->name, "no verb given (%s)",
				      names.data);
	fc_buf_free(&names);
	return r;
}

int fc_outcome_result(int outcome)
{
	switch ((enum fc_outcome)outcome) {
	case FC_OUTCOME_PASS:
		return 0;
	case FC_OUTCOME_INCOMPLETE:
		return FC_EXIT_INCOMPLETE;
	case FC_OUTCOME_FAIL:
	default:
		return 1;
	}
}

int fc_exit_code(int r)
{
	if (r == 0)
		return FC_EXIT_OK;
	if (r == 1)
		return FC_EXIT_FAIL;
	if (r == FC_EXIT_INCOMPLETE)
		return FC_EXIT_INCOMPLETE;
	switch (-r) {
	case EINVAL:  /* usage */
	case ENOENT:  /* a named input does not exist */
	case ENOTDIR:
	case EBADMSG: /* an input file is malformed */
	case EACCES:  /* a named input cannot be read */
	case ELOOP:
		return FC_EXIT_USAGE;
	default:
		return FC_EXIT_INTERNAL;
	}
}

/* --- help ------------------------------------------------------------------ */

static void print_usage(FILE *f)
{
	fputs(usage_text, f);
	for (size_t i = 0; fc_commands[i]; i++)
		fprintf(f, "  %-14s %s\n", fc_commands[i]->name,
			fc_commands[i]->summary);
	fputs(exit_text, f);
}

/* A verb's entry in its command's list: the name, then its summary, the
 * lines after the first indented to where the first one's text starts. */
static void print_verb_entry(FILE *f, const struct fc_cmd *verb, int width)
{
	fprintf(f, "  %-*s  ", width, verb->name);
	for (const char *s = verb->summary; *s;) {
		size_t n = strcspn(s, "\n");
		fwrite(s, 1, n, f);
		fputc('\n', f);
		s += n + (s[n] == '\n');
		if (*s)
			fprintf(f, "%*s", width + 4, "");
	}
}

/*
 * The help of a command with verbs, or of one of them (only): the verbs'
 * usage lines, the command's description, the verbs with their summary,
 * and the command's epilog.
 */
static void print_verbs_help(FILE *f, const struct fc_cmd *cmd,
			     const struct fc_cmd *only)
{
	/* Names padded to the longest, and to at least five columns, so
	 * that short names stand three spaces off their text. */
	int width = 5;
	for (size_t i = 0; cmd->verbs[i]; i++) {
		int n = (int)strlen(cmd->verbs[i]->name);
		width = n > width ? n : width;
	}
	const char *lead = "Usage: ";
	for (size_t i = 0; cmd->verbs[i]; i++) {
		if (only && cmd->verbs[i] != only)
			continue;
		fprintf(f, "%s%s", lead, cmd->verbs[i]->usage);
		lead = "       ";
	}
	fprintf(f, "\n%s\n", cmd->help);
	for (size_t i = 0; cmd->verbs[i]; i++)
		if (!only || cmd->verbs[i] == only)
			print_verb_entry(f, cmd->verbs[i], width);
	if (cmd->epilog)
		fprintf(f, "\n%s", cmd->epilog);
}

void fc_cmd_help_print(FILE *f, const struct fc_cmd *cmd,
		       const struct fc_cmd *verb)
{
	if (!cmd) {
		print_usage(f);
		return;
	}
	if (cmd->verbs)
		print_verbs_help(f, cmd, verb);
	else
		fputs(cmd->help, f);
	fputs(exit_text, f);
}

static int run_help(struct fc_global *g, int argc, char **argv)
{
	int r = fc_parse_global_options(g, argc, argv, "help", false);
	if (r < 0)
		return r;
	argv += optind;
	argc -= optind;
	const struct fc_cmd *cmd = NULL, *verb = NULL;
	if (argc > 0) {
		cmd = fc_cmd_find(argv[0]);
		if (!cmd)
			return fc_usage_error(NULL, "unknown command '%s'",
					      argv[0]);
	}
	if (argc > (cmd && cmd->verbs ? 2 : 1))
		return fc_usage_error("help", "too many arguments");
	if (argc == 2) {
		r = fc_cmd_find_verb(cmd, argv[1], &verb);
		if (r < 0)
			return r;
	}
	fc_cmd_help_print(stdout, cmd, verb);
	return 0;
}

const struct fc_cmd fc_cmd_help = {
	.name = "help",
	.summary = "show help for a command",
	.help = "Usage: fipsctl help [COMMAND [VERB]]\n"
		"\n"
		"Show a command's usage and options, or a verb's (fipsctl help\n"
		"evidence export); without COMMAND, the options and commands of\n"
		"fipsctl.  'fipsctl COMMAND [VERB] --help' shows the same.\n",
	.run = run_help,
};

/* --- dispatch ------------------------------------------------------------ */

/*
 * Run cmd on its arguments (argv[0] is its name).  It parses from its own
 * name on, so getopt's messages name it ("fipsctl check: unrecognized
 * option").  A command with verbs takes the global options up to the verb,
 * and the verb then runs the same way ("fipsctl evidence export: ...").
 */
static int run_cmd(struct fc_global *g, const struct fc_cmd *cmd, int argc,
		   char **argv)
{
	char prog[64], verb_prog[96];
	snprintf(prog, sizeof(prog), "fipsctl %s", cmd->name);
	argv[0] = prog;
	optind = 0;
	g->cmd = cmd;
	if (!cmd->verbs)
		return cmd->run(g, argc, argv);
	int r = fc_parse_global_options(g, argc, argv, cmd->name, true);
	if (r < 0)
		return r;
	const struct fc_cmd *verb = NULL;
	r = fc_cmd_find_verb(cmd, optind < argc ? argv[optind] : NULL, &verb);
	if (r < 0)
		return r;
	snprintf(verb_prog, sizeof(verb_prog), "%s %s", prog, verb->name);
	argv += optind;
	argc -= optind;
	argv[0] = verb_prog;
	optind = 0;
	g->verb = verb;
	return verb->run(g, argc, argv);
}

static int run_cli(struct fc_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, r;

	/* '+': stop at the command name; its options are its own. */
	opterr = 1;
	while ((c = getopt_long(argc, argv, "+" FC_GLOBAL_SHORT "V", opts,
				NULL)) != -1) {
		switch (c) {
		case 'V':
			printf("fipsctl %s\n", FC_VERSION);
			return 0;
		case '?':
			return fc_bad_option(NULL, argv);
		default:
			r = fc_global_option(g, c, optarg, NULL);
			if (r < 0)
				return r;
			if (r == 0)
				return fc_bad_option(NULL, argv);
		}
	}
	if (optind >= argc)
		return fc_usage_error(NULL, "no command given");
	const char *name = argv[optind];
	const struct fc_cmd *cmd = fc_cmd_find(name);
	if (!cmd)
		return fc_usage_error(NULL, "unknown command '%s'", name);
	return run_cmd(g, cmd, argc - optind, argv + optind);
}

int fc_cli_run(int argc, char **argv)
{
	struct fc_global g = { .format = "text", .color = FC_COLOR_AUTO };
	int r = run_cli(&g, argc, argv);
	/* -h/--help stopped the command after its help: that is success. */
	return r == -FC_HELP_SHOWN ? 0 : r;
}
