// SPDX-License-Identifier: GPL-2.0-or-later
#include "evidence/summary.h"

#include <errno.h>
#include <string.h>

#include "evidence/export.h"
#include "core/log.h"
#include "core/report-json.h"
#include "base/utf8.h"
#include "render/render.h"

/*
 * The columns: which findings decide each module's verdict (the worst
 * status among them).  An entry ending in '.' is an area; any other is
 * one check id (with its ".sub" findings).
 */
static const struct {
	const char *name;
	const char *const ids[5];
} columns[] = {
	{ "kernel",
	  { "kernel.", "boot.", "validated.kernel", "validated.boot_kernel" } },
	{ "crypto-policy", { "crypto-policy." } },
	{ "openssl", { "openssl.", "validated.openssl" } },
	{ "libgcrypt", { "libgcrypt.", "validated.libgcrypt" } },
	{ "nss", { "nss.", "validated.nss" } },
	{ "gnutls", { "gnutls.", "validated.gnutls" } },
};
#define N_COLUMNS FC_ARRAY_SIZE(columns)

#define N_FIXED 6 /* host, machine id, os, time, verdict, bundle state */

struct row {
	const char *bundle;
	bool intact;
	char *integrity; /* "verified", "verified+signed", or the problem */
	char *hostname, *machine_id, *os, *time, *verdict;
	const char *modules[N_COLUMNS]; /* status names (static) or "-" */
	enum fc_outcome outcome;
	struct fc_report *report; /* NULL when report.json did not parse */
};

enum format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_HTML };

/*
 * Rows are written as they come, never kept: JSON, CSV and the HTML
 * table go straight out; what must wait for the last row (the text
 * table's column widths, the HTML sections after the table) goes to an
 * unnamed temporary file, read back at the end.  Memory stays the same
 * for ten bundles or a hundred thousand.
 */
struct fc_summary {
	enum format fmt;
	FILE *out;
	FILE *spool;
	size_t n, good;
	enum fc_outcome outcome; /* of the rows so far (fc_summary_outcome) */
	size_t w[N_FIXED + N_COLUMNS]; /* text: column widths so far */
	int err;			/* the first failed write, -errno */
};

static bool matches(const char *id, const char *pattern)
{
	size_t n = strlen(pattern);
	if (pattern[n - 1] == '.')
		return strncmp(id, pattern, n) == 0;
	return strncmp(id, pattern, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static char *dup_or(const char *s, const char *dflt)
{
	return fc_strdup(s && *s ? s : dflt);
}


static const char *cell(const struct row *r, size_t c)
{
	switch (c) {
	case 0:
		return r->hostname;
	case 1:
		return r->machine_id;
	case 2:
		return r->os;
	case 3:
		return r->time;
	case 4:
		return r->verdict;
	default:
		if (c < N_FIXED - 1 + N_COLUMNS)
			return r->modules[c - (N_FIXED - 1)];
		return r->integrity;
	}
}

static const char *header(size_t c)
{
	static const char *const fixed[] = { "host", "machine_id", "os", "time",
					     "verdict" };
	if (c < N_FIXED - 1)
		return fixed[c];
	if (c < N_FIXED - 1 + N_COLUMNS)
		return columns[c - (N_FIXED - 1)].name;
	return "bundle";
}

static void row_clear(struct row *r)
{
	free(r->integrity);
	free(r->hostname);
	free(r->machine_id);
	free(r->os);
	free(r->time);
	free(r->verdict);
	fc_report_free(r->report);
}

/* The row of one bundle: the helper's verification and its report.json. */
static void row_fill(struct row *r, struct json_object *o, const char *text,
		     size_t len)
{
	*r = (struct row){ 0 };
	for (size_t i = 0; i < N_COLUMNS; i++)
		r->modules[i] = "-";
	r->bundle = fc_json_str(o, "bundle") && *fc_json_str(o, "bundle")
			    ? fc_json_str(o, "bundle")
			    : "?";
	struct json_object *ok = NULL, *sig = NULL;
	json_object_object_get_ex(o, "ok", &ok);
	json_object_object_get_ex(o, "signature", &sig);
	r->intact = json_object_get_boolean(ok);
	if (r->intact)
		r->integrity = fc_strdup(fc_streq(fc_json_str(sig, "state"), "ok")
						 ? "verified+signed"
						 : "verified");
	else
		r->integrity = fc_asprintf("FAILED: %s",
					   fc_json_str(o, "first_problem")
						   ? fc_json_str(o, "first_problem")
						   : "unknown problem");

	/* The report is read even from a bundle that failed: the row then
	 * says both what it claims and that it cannot be trusted. */
	struct fc_report *rep = NULL;
	char *err = NULL;
	if (!text || fc_evidence_doc_parse(text, len, &rep, NULL, &err) < 0) {
		if (r->intact) {
			free(r->integrity);
			r->integrity = fc_asprintf("FAILED: %s",
						   err ? err : "no report.json");
			r->intact = false;
		}
		free(err);
		r->hostname = fc_strdup("?");
		r->machine_id = fc_strdup("?");
		r->os = fc_strdup("?");
		r->time = fc_strdup("?");
		r->verdict = fc_strdup("?");
		r->outcome = FC_OUTCOME_FAIL;
		return;
	}
	const struct fc_host *h = &rep->host;
	r->hostname = dup_or(h->hostname, "?");
	r->machine_id = dup_or(rep->evidence->machine_id, "?");
	r->os = h->os_id ? fc_asprintf("%s %s", h->os_id,
				       h->os_version_id ? h->os_version_id : "")
			 : fc_strdup("?");
	r->time = dup_or(h->time_utc, "?");
	r->outcome = fc_report_verdict(rep);
	r->verdict = fc_strdup(fc_outcome_name(r->outcome));
	for (size_t c = 0; c < N_COLUMNS; c++) {
		int w = -1;
		for (size_t i = 0; i < rep->n_findings; i++) {
			const struct fc_finding *f = rep->findings[i];
			for (size_t k = 0; k < 5 && columns[c].ids[k]; k++)
				if (matches(f->id, columns[c].ids[k]) &&
				    (int)f->status > w)
					w = (int)f->status;
		}
		if (w >= 0)
			r->modules[c] = fc_status_name((enum fc_status)w);
	}
	r->report = rep;
}

/* --- text: the rows spooled, then the table with its widths ------------------ */

/* A spooled string: its length, then its bytes. */
static void spool_str(FILE *f, const char *s)
{
	size_t n = strlen(s);
	fwrite(&n, sizeof(n), 1, f);
	fwrite(s, 1, n, f);
}

static char *unspool_str(FILE *f)
{
	size_t n;
	if (fread(&n, sizeof(n), 1, f) != 1 || n > (1UL << 30))
		return NULL;
	char *s = fc_malloc(n + 1);
	if (fread(s, 1, n, f) != n) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	return s;
}

static void text_add(struct fc_summary *s, const struct row *r)
{
	size_t nc = N_FIXED + N_COLUMNS;
	for (size_t c = 0; c < nc; c++) {
		/* Bundle contents and paths may hold anything. */
		_cleanup_free_ char *v = fc_term_safe(cell(r, c), 512);
		if (c + 1 < nc && strlen(v) > s->w[c])
			s->w[c] = strlen(v);
		spool_str(s->spool, v);
	}
	_cleanup_free_ char *b = fc_term_safe(r->bundle, 4096);
	spool_str(s->spool, b);
}

static int text_finish(struct fc_summary *s)
{
	FILE *out = s->out;
	size_t nc = N_FIXED + N_COLUMNS;
	for (size_t c = 0; c < nc; c++) {
		char up[32];
		size_t k = 0;
		for (const char *p = header(c); *p && k + 1 < sizeof(up); p++)
			up[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		up[k] = '\0';
		if (c + 1 < nc)
			fprintf(out, "%-*s  ", (int)s->w[c], up);
		else
			fprintf(out, "%s\n", up);
	}
	rewind(s->spool);
	for (size_t i = 0; i < s->n; i++) {
		for (size_t c = 0; c < nc; c++) {
			_cleanup_free_ char *v = unspool_str(s->spool);
			if (!v)
				return -EIO;
			if (c + 1 < nc) {
				fprintf(out, "%-*s  ", (int)s->w[c], v);
				continue;
			}
			_cleanup_free_ char *bundle = unspool_str(s->spool);
			if (!bundle)
				return -EIO;
			fprintf(out, "%s  %s\n", v, bundle);
		}
	}
	fprintf(out, "\n%zu bundle%s: %zu verified and passing, %zu not\n",
		s->n, s->n == 1 ? "" : "s", s->good, s->n - s->good);
	return 0;
}

/* --- JSON ------------------------------------------------------------------------- */

static void add_str(struct json_object *o, const char *k, const char *v)
{
	_cleanup_free_ char *c = fc_utf8_clean(v, false);
	json_object_object_add(o, k, json_object_new_string(c));
}

static void json_add(struct fc_summary *s, const struct row *r)
{
	struct json_object *o = json_object_new_object();
	add_str(o, "bundle", r->bundle);
	json_object_object_add(o, "verified", json_object_new_boolean(r->intact));
	add_str(o, "integrity", r->integrity);
	add_str(o, "host", r->hostname);
	add_str(o, "machine_id", r->machine_id);
	add_str(o, "os", r->os);
	add_str(o, "time", r->time);
	add_str(o, "verdict", r->verdict);
	struct json_object *m = json_object_new_object();
	for (size_t c = 0; c < N_COLUMNS; c++)
		add_str(m, columns[c].name, r->modules[c]);
	json_object_object_add(o, "modules", m);
	/* Rows joined by ",\n", so the last needs no look-ahead. */
	fprintf(s->out, "%s    %s", s->n ? ",\n" : "",
		json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_SPACED |
				   JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* --- CSV -------------------------------------------------------------------------- */

/* RFC 4180: quote every field, double the quotes inside; a field a
 * spreadsheet would run as a formula starts with "'" (OWASP). */
static void csv_field(FILE *out, const char *v, bool last)
{
	/* Valid UTF-8 with no control or bidi character: the CSV may be
	 * read on a terminal too. */
	_cleanup_free_ char *c = fc_term_safe(v, SIZE_MAX);
	fputc('"', out);
	if (fc_csv_needs_guard(c))
		fputc('\'', out);
	for (const char *p = c; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputs(last ? "\"\r\n" : "\",", out);
}

static void csv_header(FILE *out)
{
	for (size_t c = 0; c < N_FIXED + N_COLUMNS; c++)
		csv_field(out, header(c), false);
	csv_field(out, "file", true);
}

static void csv_add(struct fc_summary *s, const struct row *r)
{
	for (size_t c = 0; c < N_FIXED + N_COLUMNS; c++)
		csv_field(s->out, cell(r, c), false);
	csv_field(s->out, r->bundle, true);
}

/* --- HTML: the table as it comes, each host's section spooled ----------------------- */

static void html_header(FILE *out)
{
	fc_html_begin(out, "fipsctl fleet summary");
	fputs("<h1>FIPS mode across the fleet</h1>\n"
	      "<table id=\"hosts\">\n<thead><tr>",
	      out);
	for (size_t c = 0; c < N_FIXED + N_COLUMNS; c++) {
		fputs("<th>", out);
		fc_html_put(out, header(c), false);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
}

static void html_status(FILE *out, const char *st)
{
	fprintf(out, "<td class=\"st st-");
	fc_html_put(out, st, true);
	fputs("\">", out);
	fc_html_put(out, st, false);
	fputs("</td>", out);
}

/* The host's section: what the row says, and every finding that did
 * not pass, with its fix. */
static void html_section(FILE *f, size_t n, const struct row *r)
{
	fprintf(f, "<section class=\"host\" id=\"host-%zu\">\n<h2>", n);
	fc_html_put(f, r->hostname, false);
	fputs("</h2>\n<table class=\"kv\">\n", f);
	static const char *const keys[] = { "machine id", "OS", "time (UTC)" };
	const char *vals[] = { r->machine_id, r->os, r->time };
	for (size_t i = 0; i < FC_ARRAY_SIZE(keys); i++) {
		fprintf(f, "<tr><th scope=\"row\">%s</th><td>", keys[i]);
		fc_html_put(f, vals[i], false);
		fputs("</td></tr>\n", f);
	}
	fprintf(f, "<tr><th scope=\"row\">verdict</th><td class=\"st st-%s\">%s"
		   "</td></tr>\n",
		r->report ? fc_render_verdict(r->report) : "error",
		r->report ? fc_render_verdict(r->report) : "unknown");
	fputs("<tr><th scope=\"row\">bundle</th><td><code>", f);
	fc_html_put(f, r->bundle, false);
	fputs("</code> ", f);
	fc_html_put(f, r->integrity, false);
	fputs("</td></tr>\n</table>\n", f);
	if (!r->report) {
		fputs("<p>The bundle holds no report that could be read.</p>\n"
		      "</section>\n",
		      f);
		return;
	}
	size_t shown = 0;
	for (size_t i = 0; i < r->report->n_findings; i++) {
		const struct fc_finding *fd = r->report->findings[i];
		if (fd->status == FC_STATUS_PASS || fd->status == FC_STATUS_SKIP)
			continue;
		if (!shown++)
			fputs("<table class=\"findings\">\n<thead><tr><th>Status"
			      "</th><th>Check</th><th>Summary</th></tr></thead>"
			      "\n<tbody>\n",
			      f);
		fputs("<tr>", f);
		html_status(f, fc_status_name(fd->status));
		fputs("<td class=\"id\"><code>", f);
		fc_html_put(f, fd->id, false);
		fputs("</code></td><td>", f);
		fc_html_put(f, fd->summary, false);
		if (fd->remediation) {
			fputs("<div class=\"fix\">", f);
			fc_html_put(f, fd->remediation, false);
			fputs("</div>", f);
		}
		fputs("</td></tr>\n", f);
	}
	if (shown)
		fputs("</tbody>\n</table>\n", f);
	else
		fputs("<p>Every finding passed or was skipped.</p>\n", f);
	fputs("<p><a href=\"#hosts\">back to the table</a></p>\n</section>\n", f);
}

static void html_add(struct fc_summary *s, const struct row *r)
{
	size_t n = s->n + 1;
	const char *verdict = r->report ? fc_render_verdict(r->report) : "error";
	FILE *out = s->out;
	fprintf(out, "<tr class=\"host v-%s\" id=\"row-%zu\">", verdict, n);
	for (size_t c = 0; c < N_FIXED + N_COLUMNS; c++) {
		const char *v = cell(r, c);
		if (c == 0) {
			fprintf(out, "<td><a href=\"#host-%zu\">", n);
			fc_html_put(out, v, false);
			fputs("</a></td>", out);
		} else if (c == 4) {
			html_status(out, r->report ? verdict : "?");
		} else if (c >= N_FIXED - 1 && c < N_FIXED - 1 + N_COLUMNS) {
			html_status(out, v);
		} else {
			fputs("<td>", out);
			fc_html_put(out, v, false);
			fputs("</td>", out);
		}
	}
	fputs("</tr>\n", out);
	html_section(s->spool, n, r);
}

static int html_finish(struct fc_summary *s)
{
	FILE *out = s->out;
	fprintf(out,
		"</tbody>\n<tfoot><tr><td colspan=\"%d\" id=\"totals\">%zu "
		"bundle%s: %zu verified and passing, %zu not</td></tr></tfoot>\n"
		"</table>\n",
		(int)(N_FIXED + N_COLUMNS), s->n, s->n == 1 ? "" : "s", s->good,
		s->n - s->good);
	rewind(s->spool);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), s->spool)) > 0)
		fwrite(buf, 1, got, out);
	if (ferror(s->spool))
		return -EIO;
	fc_html_end(out);
	return 0;
}

/* --- the streaming summary ------------------------------------------------------------ */

struct fc_summary *fc_summary_new(const char *format, FILE *out)
{
	struct fc_summary *s = fc_calloc(1, sizeof(*s));
	s->out = out;
	s->fmt = fc_streq(format, "json")  ? FMT_JSON
		 : fc_streq(format, "csv")  ? FMT_CSV
		 : fc_streq(format, "html") ? FMT_HTML
					    : FMT_TEXT;
	for (size_t c = 0; c < N_FIXED + N_COLUMNS; c++)
		s->w[c] = strlen(header(c));
	if (s->fmt == FMT_TEXT || s->fmt == FMT_HTML) {
		s->spool = tmpfile();
		if (!s->spool) {
			s->err = errno ? -errno : -EIO;
			fc_err("a temporary file for the summary: %s",
			       strerror(-s->err));
		}
	}
	if (s->fmt == FMT_JSON)
		fputs("{\n  \"bundles\": [\n", out);
	else if (s->fmt == FMT_CSV)
		csv_header(out);
	else if (s->fmt == FMT_HTML)
		html_header(out);
	return s;
}

void fc_summary_free(struct fc_summary *s)
{
	if (!s)
		return;
	if (s->spool)
		fclose(s->spool);
	free(s);
}

int fc_summary_add(struct fc_summary *s, struct json_object *o,
		   const char *report, size_t len)
{
	if (s->err)
		return s->err;
	struct row r;
	row_fill(&r, o, report, len);
	switch (s->fmt) {
	case FMT_TEXT:
		text_add(s, &r);
		break;
	case FMT_JSON:
		json_add(s, &r);
		break;
	case FMT_CSV:
		csv_add(s, &r);
		break;
	case FMT_HTML:
		html_add(s, &r);
		break;
	}
	s->good += r.intact && r.outcome == FC_OUTCOME_PASS;
	/* fail when a bundle does not verify or a host failed; incomplete
	 * when none did but a host's verdict is (src/core/report.h). */
	enum fc_outcome v = r.intact ? r.outcome : FC_OUTCOME_FAIL;
	if (v > s->outcome)
		s->outcome = v;
	s->n++;
	row_clear(&r);
	if (ferror(s->out) || (s->spool && ferror(s->spool)))
		s->err = -EIO;
	return s->err;
}

int fc_summary_finish(struct fc_summary *s)
{
	if (s->err)
		return s->err;
	int r = 0;
	if (s->fmt == FMT_TEXT)
		r = text_finish(s);
	else if (s->fmt == FMT_HTML)
		r = html_finish(s);
	else if (s->fmt == FMT_JSON)
		fprintf(s->out, "%s  ]\n}\n", s->n ? "\n" : "");
	return r < 0 ? r : ferror(s->out) ? -EIO : 0;
}

enum fc_outcome fc_summary_outcome(const struct fc_summary *s)
{
	return s->outcome;
}
