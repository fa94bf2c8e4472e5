// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human table.  Layout: a host line, one row per finding (status,
 * id, summary), the fix under any row that needs one, facts with -v
 * (and the kind of a skip), then the fips-mode-setup line and a one-line
 * verdict (fc_report_verdict()).
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
		/* A skip says its kind first: "not applicable" is no cause
		 * for concern, "not examined" makes the verdict incomplete. */
		const char *kind = f->status == FC_STATUS_SKIP
					   ? fc_skip_kind_text(f->skip_kind)
					   : NULL;
		fprintf(out, " %-*s %s%s%s\n", (int)idw, id,
			kind ? kind : "", kind ? ": " : "", summary);
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
	enum fc_outcome v = fc_report_verdict(r);
	/* The script's lines as the terminal shows them; one line when it
	 * prints only its verdict. */
	const char *fms = r->fips_mode_setup_output;
	if (fms && strchr(fms, '\n') && !o->quiet) {
		_cleanup_free_ char *lines = fc_strdup(fms);
		fputs("\nfips-mode-setup --check would print:\n", out);
		char *save = NULL;
		for (char *l = strtok_r(lines, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			_cleanup_free_ char *shown = fc_term_safe(l, 1024);
			fprintf(out, "  %s\n", shown);
		}
	} else if (r->fips_mode_setup_verdict && !o->quiet) {
		_cleanup_free_ char *shown =
			fc_term_safe(r->fips_mode_setup_verdict, 4096);
		fprintf(out, "\nfips-mode-setup --check would say: %s\n",
			shown);
	}
	fprintf(out, "%s%zu passed, %zu warnings, %zu failed, %zu errors, "
		     "%zu skipped",
		o->quiet ? "" : "\n", c[FC_STATUS_PASS], c[FC_STATUS_WARN],
		c[FC_STATUS_FAIL], c[FC_STATUS_ERROR], c[FC_STATUS_SKIP]);
	if (c[FC_STATUS_SKIP])
		fprintf(out, " (%zu not applicable, %zu not examined)",
			fc_report_count_skips(r, FC_SKIP_NOT_APPLICABLE),
			fc_report_count_skips(r, FC_SKIP_NOT_EXAMINED));
	/* The verdict in capitals: PASS, FAIL, INCOMPLETE. */
	char word[16];
	size_t k = 0;
	for (const char *p = fc_outcome_name(v); *p && k + 1 < sizeof(word);
	     p++)
		word[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	word[k] = '\0';
	if (o->color)
		fprintf(out, ": %s%s\033[0m\n",
			status_color(v == FC_OUTCOME_FAIL	    ? FC_STATUS_FAIL
				     : v == FC_OUTCOME_INCOMPLETE ? FC_STATUS_WARN
								  : FC_STATUS_PASS),
			word);
	else
		fprintf(out, ": %s\n", word);
	return ferror(out) ? -EIO : 0;
}

const struct fc_renderer fc_render_text = {
	.name = "text",
	.render = render_text,
};
