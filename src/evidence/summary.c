// SPDX-License-Identifier: GPL-2.0-or-later
#include "evidence/summary.h"

#include <errno.h>
#include <string.h>

#include "evidence/export.h"
#include "core/report-json.h"
#include "base/utf8.h"

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

struct row {
	char *bundle;
	bool intact;
	char *integrity; /* "verified", "verified+signed", or the problem */
	char *hostname, *machine_id, *os, *time, *verdict;
	const char *modules[N_COLUMNS]; /* status names (static) or "-" */
	enum fc_outcome outcome;
};

struct fc_summary {
	struct row *v;
	size_t n, cap;
};

struct fc_summary *fc_summary_new(void)
{
	return fc_calloc(1, sizeof(struct fc_summary));
}

void fc_summary_free(struct fc_summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct row *r = &s->v[i];
		free(r->bundle);
		free(r->integrity);
		free(r->hostname);
		free(r->machine_id);
		free(r->os);
		free(r->time);
		free(r->verdict);
	}
	free(s->v);
	free(s);
}

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

void fc_summary_add(struct fc_summary *s, struct json_object *o)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = fc_realloc(s->v, s->cap * sizeof(*s->v));
	}
	struct row *r = &s->v[s->n++];
	*r = (struct row){ 0 };
	for (size_t i = 0; i < N_COLUMNS; i++)
		r->modules[i] = "-";
	r->bundle = dup_or(fc_json_str(o, "bundle"), "?");
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
	const char *text = fc_json_str(o, "report");
	struct fc_report *rep = NULL;
	char *err = NULL;
	if (!text || fc_evidence_doc_parse(text, strlen(text), &rep, NULL,
					   &err) < 0) {
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
	fc_report_free(rep);
}

/* Fail when a bundle does not verify or a host failed; incomplete when
 * none did but a host's report is (the verdicts of src/core/report.h). */
enum fc_outcome fc_summary_outcome(const struct fc_summary *s)
{
	enum fc_outcome v = FC_OUTCOME_PASS;
	for (size_t i = 0; i < s->n; i++) {
		if (!s->v[i].intact || s->v[i].outcome == FC_OUTCOME_FAIL)
			return FC_OUTCOME_FAIL;
		if (s->v[i].outcome == FC_OUTCOME_INCOMPLETE)
			v = FC_OUTCOME_INCOMPLETE;
	}
	return v;
}

/* --- output ------------------------------------------------------------------- */

#define N_FIXED 6 /* host, machine id, os, time, verdict, bundle state */

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

static void render_text(const struct fc_summary *s, FILE *out)
{
	size_t nc = N_FIXED + N_COLUMNS;
	size_t w[N_FIXED + N_COLUMNS];
	for (size_t c = 0; c < nc; c++) {
		w[c] = strlen(header(c));
		for (size_t i = 0; i < s->n && c + 1 < nc; i++) {
			_cleanup_free_ char *v = fc_term_safe(cell(&s->v[i], c),
							      512);
			size_t l = strlen(v);
			if (l > w[c])
				w[c] = l;
		}
	}
	for (size_t c = 0; c < nc; c++) {
		char up[32];
		size_t k = 0;
		for (const char *p = header(c); *p && k + 1 < sizeof(up); p++)
			up[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		up[k] = '\0';
		if (c + 1 < nc)
			fprintf(out, "%-*s  ", (int)w[c], up);
		else
			fprintf(out, "%s\n", up);
	}
	size_t good = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct row *r = &s->v[i];
		for (size_t c = 0; c < nc; c++) {
			/* Bundle contents and paths may hold anything. */
			_cleanup_free_ char *v = fc_term_safe(cell(r, c), 512);
			if (c + 1 < nc) {
				fprintf(out, "%-*s  ", (int)w[c], v);
			} else {
				_cleanup_free_ char *b =
					fc_term_safe(r->bundle, 4096);
				fprintf(out, "%s  %s\n", v, b);
			}
		}
		good += r->intact && r->outcome == FC_OUTCOME_PASS;
	}
	fprintf(out, "\n%zu bundle%s: %zu verified and passing, %zu not\n", s->n,
		s->n == 1 ? "" : "s", good, s->n - good);
}

static void add_str(struct json_object *o, const char *k, const char *v)
{
	_cleanup_free_ char *c = fc_utf8_clean(v, false);
	json_object_object_add(o, k, json_object_new_string(c));
}

static int render_json(const struct fc_summary *s, FILE *out)
{
	/* Streamed row by row: thousands of bundles need no big tree. */
	fputs("{\n  \"bundles\": [\n", out);
	for (size_t i = 0; i < s->n; i++) {
		const struct row *r = &s->v[i];
		struct json_object *o = json_object_new_object();
		add_str(o, "bundle", r->bundle);
		json_object_object_add(o, "verified",
				       json_object_new_boolean(r->intact));
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
		fprintf(out, "    %s%s\n",
			json_object_to_json_string_ext(
				o, JSON_C_TO_STRING_SPACED |
					   JSON_C_TO_STRING_NOSLASHESCAPE),
			i + 1 < s->n ? "," : "");
		json_object_put(o);
	}
	fputs("  ]\n}\n", out);
	return 0;
}

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

static void render_csv(const struct fc_summary *s, FILE *out)
{
	size_t nc = N_FIXED + N_COLUMNS;
	for (size_t c = 0; c < nc; c++)
		csv_field(out, header(c), false);
	csv_field(out, "file", true);
	for (size_t i = 0; i < s->n; i++) {
		for (size_t c = 0; c < nc; c++)
			csv_field(out, cell(&s->v[i], c), false);
		csv_field(out, s->v[i].bundle, true);
	}
}

int fc_summary_render(const struct fc_summary *s, const char *format,
		      FILE *out)
{
	if (fc_streq(format, "json"))
		render_json(s, out);
	else if (fc_streq(format, "csv"))
		render_csv(s, out);
	else
		render_text(s, out);
	return ferror(out) ? -EIO : 0;
}
