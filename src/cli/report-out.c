// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where 'check' puts its report when it runs unattended
 * (fipsctl-check.service): --output FILE instead of stdout, --textfile
 * PATH for node_exporter's textfile collector, both written atomically
 * (a temporary file beside it, fsync'ed, renamed: src/core/rootwrite.h),
 * because a reader (the collector, a monitoring agent, an auditor's
 * copy) must never see half a file; and one line on stderr with the
 * verdict and where the report went.  Under systemd, stderr is the
 * journal: the line then carries its syslog priority as sd-daemon(3)'s
 * "<N>" prefix, so 'journalctl -p err' finds the hosts that fail.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cmd.h"
#include "core/rootwrite.h"
#include "render/render.h"

/* Render r with rd into memory. */
static int render_to_buf(const struct fc_renderer *rd,
			 const struct fc_report *r,
			 const struct fc_render_opts *ro, char **data,
			 size_t *len)
{
	*data = NULL;
	*len = 0;
	FILE *m = open_memstream(data, len);
	if (!m)
		fc_oom();
	int e = rd->render(r, m, ro);
	if (fclose(m) != 0 && e == 0)
		e = -EIO;
	if (e < 0) {
		free(*data);
		*data = NULL;
	}
	return e;
}

/* Write r in format rd to path, atomically, mode 0644 (the textfile
 * collector runs as its own user).  Any failure is -EIO, exit 3 (a report
 * that could not be written is never a success nor a usage error), with
 * the cause said here. */
static int write_file(const char *what, const char *path,
		      const struct fc_renderer *rd, const struct fc_report *r,
		      const struct fc_render_opts *ro)
{
	_cleanup_free_ char *data = NULL;
	size_t len = 0;
	int e = render_to_buf(rd, r, ro, &data, &len);
	if (e < 0) {
		fc_err("%s %s: rendering: %s", what, path, strerror(-e));
		return -EIO;
	}
	/* The file's own folder is the root it is written in, so that a
	 * relative path means what it means to the shell. */
	_cleanup_free_ char *dir = fc_strdup(path);
	char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	const char *d = !slash ? "." : slash == dir ? "/" : (*slash = '\0', dir);
	if (!*base) {
		fc_err("%s %s: names a folder, not a file", what, path);
		return -EIO;
	}
	_cleanup_root_ struct fc_root *root = NULL;
	e = fc_root_new(d, &root);
	if (e < 0) {
		fc_err("%s %s: cannot open %s: %s", what, path, d,
		       strerror(-e));
		return -EIO;
	}
	char *why = NULL;
	_cleanup_free_ char *in_root = fc_asprintf("/%s", base);
	e = fc_root_write_atomic(root, in_root, data, len, 0644, &why);
	if (e < 0) {
		fc_err("%s %s: %s", what, path, why ? why : strerror(-e));
		free(why);
		return -EIO;
	}
	return 0;
}

/* True when stderr is the journal (systemd sets JOURNAL_STREAM to the
 * "device:inode" of the stream it connected; systemd.exec(5)). */
static bool stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev &&
	       (unsigned long long)st.st_ino == ino;
}

/* syslog priorities (sd-daemon(3)): err, warning, info. */
static int verdict_priority(const char *verdict)
{
	if (fc_streq(verdict, "fail"))
		return 3;
	if (fc_streq(verdict, "pass"))
		return 6;
	return 4;
}

static void log_verdict(const struct fc_report *r, const struct fc_report_out *o)
{
	const char *verdict = fc_render_verdict(r);
	size_t c[FC_STATUS_COUNT_];
	fc_report_count(r, c);
	if (stderr_is_journal())
		fprintf(stderr, "<%d>", verdict_priority(verdict));
	fprintf(stderr,
		"fipsctl: FIPS check verdict %s (%zu passed, %zu warnings, "
		"%zu failed, %zu errors, %zu skipped)",
		verdict, c[FC_STATUS_PASS], c[FC_STATUS_WARN],
		c[FC_STATUS_FAIL], c[FC_STATUS_ERROR], c[FC_STATUS_SKIP]);
	if (o->output)
		fprintf(stderr, "; report %s", o->output);
	if (o->textfile)
		fprintf(stderr, "; metrics %s", o->textfile);
	fputc('\n', stderr);
}

int fc_report_output(const struct fc_global *g, const struct fc_report *r,
		     const struct fc_report_out *o)
{
	const struct fc_renderer *rd = fc_renderer_find(g->format);
	struct fc_render_opts ro = { .color = g->color_out && !o->output,
				     .quiet = g->quiet,
				     .verbose = g->verbose,
				     .run_seconds = o->run_seconds };
	int e;
	if (o->output) {
		e = write_file("--output", o->output, rd, r, &ro);
	} else {
		e = rd->render(r, stdout, &ro);
		if (e < 0)
			fc_err("writing the report: %s", strerror(-e));
	}
	if (e < 0)
		return e;
	if (o->textfile) {
		int t = write_file("--textfile", o->textfile,
				   &fc_render_prometheus, r, &ro);
		if (t < 0)
			return t;
	}
	if (o->output || o->textfile)
		log_verdict(r, o);
	return fc_outcome_result(fc_report_verdict(r));
}
