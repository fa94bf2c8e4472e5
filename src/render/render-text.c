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

static const char *or_unknown(const char *s)
{
	return s && *s ? s : "unknown";
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
		fprintf(out, "fipsctl %s: %s (%s %s, %s, kernel %s) at %s\n",
			or_unknown(r->fipsctl_version), or_unknown(h->hostname),
			or_unknown(h->os_id), or_unknown(h->os_version_id),
			or_unknown(h->arch), or_unknown(h->kernel_release),
			or_unknown(h->time_utc));
		if (r->root && strcmp(r->root, "/") != 0)
			fprintf(out, "root: %s\n", r->root);
		fprintf(out, "\n%-6s %-*s %s\n", "STATUS", (int)idw, "CHECK",
			"SUMMARY");
	}
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		if (o->quiet && (f->status == FC_STATUS_PASS ||
				 f->status == FC_STATUS_SKIP))
			continue;
		_cleanup_free_ char *summary = fc_printable(f->summary, 4096);
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
		fprintf(out, " %-*s %s%s%s\n", (int)idw, f->id,
			kind ? kind : "", kind ? ": " : "", summary);
		bool needs_fix = f->status != FC_STATUS_PASS &&
				 f->status != FC_STATUS_SKIP;
		if (f->remediation && (needs_fix || o->verbose))
			fprintf(out, "%-6s %-*s fix: %s\n", "", (int)idw, "",
				f->remediation);
		if (o->verbose) {
			if (o->verbose > 1 && f->requirement)
				fprintf(out, "%-6s %-*s requirement: %s\n", "",
					(int)idw, "", f->requirement);
			for (size_t k = 0; k < f->n_facts; k++) {
				_cleanup_free_ char *v =
					fc_printable(f->facts[k].value, 512);
				fprintf(out, "%-6s %-*s   %s = %s\n", "",
					(int)idw, "", f->facts[k].key, v);
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
			_cleanup_free_ char *shown = fc_printable(l, 1024);
			fprintf(out, "  %s\n", shown);
		}
	} else if (r->fips_mode_setup_verdict && !o->quiet) {
		fprintf(out, "\nfips-mode-setup --check would say: %s\n",
			r->fips_mode_setup_verdict);
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
