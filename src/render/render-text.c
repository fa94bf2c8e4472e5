// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human table.  Layout: a host line, one row per finding (status,
 * id, summary), the fix under any row that needs one, facts with -v,
 * then the fips-mode-setup line and a one-line verdict.
 */
#include "render/render.h"

#include <errno.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

static const char *status_color(enum fc_status s)
{
	switch (s) {
	case FC_STATUS_PASS:
		return "\033[32m";
	case FC_STATUS_WARN:
		return "\033[33m";
	case FC_STATUS_SKIP:
		return "\033[2m";
	case FC_STATUS_FAIL:
	case FC_STATUS_ERROR:
	default:
		return "\033[1;31m";
	}
}

/* Every string in the table comes from the audited system, a bundle or
 * a table: shown through fc_term_safe, so none of it can drive the
 * terminal (redraw the table, recolour a row).  The caller frees. */
static char *shown(const char *s, size_t max)
{
	return fc_term_safe(s && *s ? s : "unknown", max);
}

static int render_text(const struct fc_report *r, FILE *out,
		       const struct fc_render_opts *o)
{
	const struct fc_host *h = &r->host;
	size_t idw = 5;
	for (size_t i = 0; i < r->n_findings; i++) {
		size_t n = strlen(r->findings[i]->id);
		if (n > idw)
			idw = n;
	}
	if (!o->quiet) {
		_cleanup_free_ char *ver = shown(r->fipsctl_version, 256);
		_cleanup_free_ char *host = shown(h->hostname, 256);
		_cleanup_free_ char *os = shown(h->os_id, 256);
		_cleanup_free_ char *osv = shown(h->os_version_id, 256);
		_cleanup_free_ char *arch = shown(h->arch, 256);
		_cleanup_free_ char *kr = shown(h->kernel_release, 256);
		_cleanup_free_ char *tm = shown(h->time_utc, 256);
		fprintf(out, "fipsctl %s: %s (%s %s, %s, kernel %s) at %s\n",
			ver, host, os, osv, arch, kr, tm);
		if (r->root && strcmp(r->root, "/") != 0) {
			_cleanup_free_ char *root = fc_term_safe(r->root, 4096);
			fprintf(out, "root: %s\n", root);
		}
		fprintf(out, "\n%-6s %-*s %s\n", "STATUS", (int)idw, "CHECK",
			"SUMMARY");
	}
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		if (o->quiet && (f->status == FC_STATUS_PASS ||
				 f->status == FC_STATUS_SKIP))
			continue;
		_cleanup_free_ char *summary = fc_term_safe(f->summary, 4096);
		_cleanup_free_ char *id = fc_term_safe(f->id, 256);
		if (o->color)
			fprintf(out, "%s%-6s\033[0m", status_color(f->status),
				fc_status_name(f->status));
		else
			fprintf(out, "%-6s", fc_status_name(f->status));
		fprintf(out, " %-*s %s\n", (int)idw, id, summary);
		bool needs_fix = f->status != FC_STATUS_PASS &&
				 f->status != FC_STATUS_SKIP;
		if (f->remediation && (needs_fix || o->verbose)) {
			_cleanup_free_ char *fix =
				fc_term_safe(f->remediation, 4096);
			fprintf(out, "%-6s %-*s fix: %s\n", "", (int)idw, "",
				fix);
		}
		if (o->verbose) {
			if (o->verbose > 1 && f->requirement) {
				_cleanup_free_ char *req =
					fc_term_safe(f->requirement, 4096);
				fprintf(out, "%-6s %-*s requirement: %s\n", "",
					(int)idw, "", req);
			}
			for (size_t k = 0; k < f->n_facts; k++) {
				_cleanup_free_ char *key =
					fc_term_safe(f->facts[k].key, 256);
				_cleanup_free_ char *v =
					fc_term_safe(f->facts[k].value, 512);
				fprintf(out, "%-6s %-*s   %s = %s\n", "",
					(int)idw, "", key, v);
			}
		}
	}
	size_t c[FC_STATUS_COUNT_];
	fc_report_count(r, c);
	enum fc_status worst = fc_report_worst(r);
	const char *verdict = worst >= FC_STATUS_FAIL ? "FAIL" : "PASS";
	if (r->fips_mode_setup_verdict && !o->quiet) {
		_cleanup_free_ char *fms =
			fc_term_safe(r->fips_mode_setup_verdict, 4096);
		fprintf(out, "\nfips-mode-setup --check would say: %s\n", fms);
	}
	fprintf(out, "%s%zu passed, %zu warnings, %zu failed, %zu errors, "
		     "%zu skipped: ",
		o->quiet ? "" : "\n", c[FC_STATUS_PASS], c[FC_STATUS_WARN],
		c[FC_STATUS_FAIL], c[FC_STATUS_ERROR], c[FC_STATUS_SKIP]);
	if (o->color)
		fprintf(out, "%s%s\033[0m\n",
			status_color(worst >= FC_STATUS_FAIL ? FC_STATUS_FAIL
							     : FC_STATUS_PASS),
			verdict);
	else
		fprintf(out, "%s\n", verdict);
	return ferror(out) ? -EIO : 0;
}

const struct fc_renderer fc_render_text = {
	.name = "text",
	.render = render_text,
};
