// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl: is this host really in FIPS 140-3 mode, on validated modules?
 * Global options, the command table, and the one place where results
 * become exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "version.h"

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

void fc_err(const char *fmt, ...)
{
	va_list ap;
	fputs("fipsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int fc_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("fipsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\nTry 'fipsctl help %s'.\n", cmd);
	else
		fputs("\nTry 'fipsctl --help'.\n", stderr);
	return -FC_EUSAGE;
}

int fc_bad_option(const char *cmd, char **argv)
{
	/* getopt_long has already said what is wrong; add the hint. */
	(void)argv;
	if (cmd)
		fprintf(stderr, "Try 'fipsctl help %s'.\n", cmd);
	else
		fputs("Try 'fipsctl --help'.\n", stderr);
	return -FC_EUSAGE;
}

int fc_global_option(struct fc_global *g, int opt, const char *arg,
		     const char *cmd)
{
	switch (opt) {
	case FC_OPT_ROOT:
		g->root = arg;
		return 1;
	case FC_OPT_FORMAT:
		g->format = arg;
		return 1;
	case FC_OPT_COLOR:
		if (fc_streq(arg, "auto"))
			g->color = FC_COLOR_AUTO;
		else if (fc_streq(arg, "always"))
			g->color = FC_COLOR_ALWAYS;
		else if (fc_streq(arg, "never"))
			g->color = FC_COLOR_NEVER;
		else
			return fc_usage_error(cmd, "invalid --color value '%s' "
					      "(expected auto, always or never)",
					      arg);
		return 1;
	case 'q':
		g->quiet = true;
		return 1;
	case 'v':
		g->verbose++;
		return 1;
	default:
		return 0;
	}
}

/* The getopt_long loop of every command: global options to g, the
 * command's own to fn (when given), anything else a usage error. */
static int option_loop(struct fc_global *g, const char *cmd,
		       const char *shortopts, const struct option *opts,
		       int argc, char **argv, fc_option_fn fn, void *args)
{
	int c;
	while ((c = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		if (c == '?')
			return fc_bad_option(cmd, argv);
		int r = fc_global_option(g, c, optarg, cmd);
		if (r == 0 && fn)
			r = fn(args, c, optarg);
		if (r < 0)
			return r;
		if (r == 0)
			return fc_bad_option(cmd, argv);
	}
	return 0;
}

int fc_parse_global_options(struct fc_global *g, int argc, char **argv,
			    const char *cmd, bool stop_at_arg)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	const char *shortopts = stop_at_arg ? "+" FC_GLOBAL_SHORT
					    : FC_GLOBAL_SHORT;
	return option_loop(g, cmd, shortopts, opts, argc, argv, NULL, NULL);
}

int fc_parse_options_args(struct fc_global *g, const char *cmd,
			  const char *shortopts, const struct option *opts,
			  int argc, char **argv, fc_option_fn fn, void *args)
{
	_cleanup_free_ char *all = fc_asprintf("%s" FC_GLOBAL_SHORT,
					       shortopts ? shortopts : "");
	int r = option_loop(g, cmd, all, opts, argc, argv, fn, args);
	return r < 0 ? r : optind;
}

int fc_parse_options(struct fc_global *g, const char *cmd,
		     const struct option *opts, int argc, char **argv,
		     fc_option_fn fn, void *args)
{
	int r = option_loop(g, cmd, FC_GLOBAL_SHORT, opts, argc, argv, fn,
			    args);
	if (r < 0)
		return r;
	if (optind < argc)
		return fc_usage_error(cmd, "unexpected argument '%s'",
				      argv[optind]);
	return 0;
}

int fc_global_finish(struct fc_global *g, const char *cmd)
{
	if (!fc_renderer_find(g->format)) {
		struct fc_buf names = { 0 };
		for (size_t i = 0; fc_renderers[i]; i++)
			fc_buf_addf(&names, "%s%s", i ? ", " : "",
				    fc_renderers[i]->name);
		int r = fc_usage_error(cmd, "unknown format '%s' (expected %s)",
				       g->format, names.data);
		fc_buf_free(&names);
		return r;
	}
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	if (g->color == FC_COLOR_ALWAYS)
		g->color_out = true;
	else if (g->color == FC_COLOR_NEVER)
		g->color_out = false;
	else
		g->color_out = isatty(STDOUT_FILENO) && !(nc && *nc) &&
			       !fc_streq(term, "dumb");
	return 0;
}

int fc_finish_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		int e = errno ? errno : EIO;
		fc_err("error writing output: %s", strerror(e));
		return -e;
	}
	return 0;
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

static int run(int argc, char **argv)
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

int main(int argc, char **argv)
{
	/* Output is for machines as much as people: no locale surprises in
	 * numbers, but messages may use the user's character set. */
	setlocale(LC_CTYPE, "");
	int r = run(argc, argv);
	int w = fc_finish_stdout();
	if (w < 0 && r >= 0)
		r = w;
	return fc_exit_code(r);
}
