// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command table, the top-level usage and 'help', dispatch to a
 * command, and the one place where results become exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/version.h"

const struct fc_cmd *const fc_commands[] = {
	&fc_cmd_check,
	&fc_cmd_list_checks,
	&fc_cmd_policy,
	&fc_cmd_pin_kernel,
	&fc_cmd_selftest,
	&fc_cmd_evidence,
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
	"  0  every check passed (warnings and skips allowed)\n"
	"  1  at least one check failed or could not be completed\n"
	"  2  usage or input error\n"
	"  3  fipsctl itself could not run (internal error)\n"
	"\n"
	"Run 'fipsctl help COMMAND' for a command's options.\n";

const struct fc_cmd *fc_cmd_find(const char *name)
{
	for (size_t i = 0; fc_commands[i]; i++)
		if (fc_streq(fc_commands[i]->name, name))
			return fc_commands[i];
	return NULL;
}

int fc_exit_code(int r)
{
	if (r == 0)
		return FC_EXIT_OK;
	if (r == 1)
		return FC_EXIT_FAIL;
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

static void print_usage(FILE *f)
{
	fputs(usage_text, f);
	for (size_t i = 0; fc_commands[i]; i++)
		fprintf(f, "  %-14s %s\n", fc_commands[i]->name,
			fc_commands[i]->summary);
	fprintf(f, "  %-14s %s\n", "help", "show help for a command");
	fputs(exit_text, f);
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stdout);
		return 0;
	}
	if (argc > 2)
		return fc_usage_error("help", "too many arguments");
	const struct fc_cmd *c = fc_cmd_find(argv[1]);
	if (!c)
		return fc_usage_error(NULL, "unknown command '%s'", argv[1]);
	fputs(c->help, stdout);
	fputs(exit_text, stdout);
	return 0;
}

int fc_cli_run(int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct fc_global g = { .format = "text", .color = FC_COLOR_AUTO };
	int c, r;

	/* '+': stop at the command name; its options are its own. */
	opterr = 1;
	while ((c = getopt_long(argc, argv, "+" FC_GLOBAL_SHORT "hV", opts,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			print_usage(stdout);
			return 0;
		case 'V':
			printf("fipsctl %s\n", FC_VERSION);
			return 0;
		case '?':
			return fc_bad_option(NULL, argv);
		default:
			r = fc_global_option(&g, c, optarg, NULL);
			if (r < 0)
				return r;
			if (r == 0)
				return fc_bad_option(NULL, argv);
		}
	}
	if (optind >= argc)
		return fc_usage_error(NULL, "no command given");
	const char *name = argv[optind];
	if (fc_streq(name, "help"))
		return cmd_help(argc - optind, argv + optind);
	const struct fc_cmd *cmd = fc_cmd_find(name);
	if (!cmd)
		return fc_usage_error(NULL, "unknown command '%s'", name);
	/* The command parses from its own name on; getopt's messages then
	 * name it ("fipsctl check: unrecognized option"). */
	static char prog[64];
	snprintf(prog, sizeof(prog), "fipsctl %s", cmd->name);
	argv += optind;
	argc -= optind;
	argv[0] = prog;
	optind = 0;
	return cmd->run(&g, argc, argv);
}

