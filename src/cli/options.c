// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Option parsing shared by every command: the global options (accepted
 * before and after the command name, -h/--help among them), the
 * getopt_long loop, and the usage errors with their hint.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "render/render.h"

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
	case 'h':
		fc_cmd_help_print(stdout, g->cmd, g->verb);
		return -FC_HELP_SHOWN;
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

