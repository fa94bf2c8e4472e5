// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The report as one HTML file an auditor can open or print, as
 * OpenSCAP's report is: self-contained (the style sheet inline; no
 * script, font, image or style from anywhere else), with a Content
 * Security Policy that allows none, so the file shows the same offline,
 * in a mail client's viewer or archived beside the evidence bundle.
 *
 * Layout: a verdict banner, the host, the per-module table (validated
 * build, certificate), then one row per finding: status, check, summary
 * and fix, and the details folded (facts, requirement, the check that
 * produced it).  Every string is escaped (fc_html_put): facts are bytes
 * read from the audited system, and a fixture file holding "<script>"
 * must show as text.  Colour is never the only signal: each status is
 * also written out, so a black-and-white print reads the same.
 */
#include "render/render.h"

#include <errno.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

void fc_html_put(FILE *out, const char *s, bool attr)
{
	/* XML's character rules are HTML's too (controls other than tab
	 * and line breaks are parse errors): fc_utf8_clean drops both. */
	_cleanup_free_ char *clean = fc_utf8_clean(s, true);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs(attr ? "&quot;" : "\"", out);
			break;
		case '\'':
			fputs(attr ? "&#39;" : "'", out);
			break;
		default:
			fputc(*p, out);
		}
	}
}

static const char style[] =
	":root{--pass:#1a7f37;--warn:#9a6700;--skip:#57606a;--fail:#cf222e;"
	"--error:#8250df;font-family:system-ui,-apple-system,'Segoe UI',"
	"sans-serif;font-size:14px;color:#1f2328;background:#fff}\n"
	"body{margin:1.5em auto;max-width:72em;padding:0 1em}\n"
	"h1{font-size:1.6em;margin:0}h2{font-size:1.2em;margin:1.5em 0 .5em;"
	"border-bottom:1px solid #d0d7de}\n"
	".banner{border:3px solid;border-radius:6px;padding:.8em 1em}\n"
	".banner p{margin:.3em 0 0}\n"
	".v-pass{border-color:var(--pass)}.v-pass h1{color:var(--pass)}\n"
	".v-fail{border-color:var(--fail)}.v-fail h1{color:var(--fail)}\n"
	".v-incomplete{border-color:var(--warn)}"
	".v-incomplete h1{color:var(--warn)}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;"
	"vertical-align:top;overflow-wrap:break-word}\n"
	"th{background:#f6f8fa}\n"
	"table.kv{width:auto}table.kv th{font-weight:normal;color:#57606a}\n"
	".st{font-weight:bold;text-transform:uppercase;white-space:nowrap}\n"
	".st-pass{color:var(--pass)}.st-warn{color:var(--warn)}"
	".st-skip{color:var(--skip)}.st-fail{color:var(--fail)}"
	".st-error{color:var(--error)}\n"
	"tr.st-fail td:first-child,tr.st-error td:first-child{"
	"border-left:4px solid var(--fail)}\n"
	"code,.fix,dd{font-family:ui-monospace,'DejaVu Sans Mono',monospace;"
	"font-size:.92em}\n"
	".fix{margin-top:.3em}.fix::before{content:'fix: ';font-weight:bold;"
	"font-family:system-ui,sans-serif}\n"
	"dl{margin:.3em 0;display:grid;grid-template-columns:max-content auto;"
	"gap:0 .8em}dt{color:#57606a}dd{margin:0;white-space:pre-wrap;"
	"overflow-wrap:anywhere}\n"
	"td.id code{white-space:nowrap}#findings td.summary{width:40%}\n"
	".req,.src{color:#57606a;margin-top:.3em}\n"
	"summary{cursor:pointer;color:#0969da}\n"
	"footer{margin-top:2em;color:#57606a;font-size:.9em}\n"
	"@media print{body{margin:0;max-width:none;font-size:10pt}"
	"a{color:inherit;text-decoration:none}"
	"summary{color:inherit}"
	"details::details-content{content-visibility:visible;display:block}"
	"tr{break-inside:avoid}thead{display:table-header-group}"
	"h2{break-after:avoid}}\n";

void fc_html_begin(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" "
	      "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>",
	      out);
	fc_html_put(out, title, false);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

void fc_html_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

static void kv_row(FILE *out, const char *key, const char *value)
{
	if (!value)
		return;
	fprintf(out, "<tr><th scope=\"row\">%s</th><td>", key);
	fc_html_put(out, value, false);
	fputs("</td></tr>\n", out);
}

static void status_cell(FILE *out, enum fc_status s)
{
	const char *n = fc_status_name(s);
	fprintf(out, "<td class=\"st st-%s\">%s</td>", n, n);
}

static void banner(FILE *out, const struct fc_report *r)
{
	const char *verdict = fc_render_verdict(r);
	size_t c[FC_STATUS_COUNT_];
	fc_report_count(r, c);
	fprintf(out,
		"<header class=\"banner v-%s\" id=\"verdict\" "
		"data-verdict=\"%s\">\n<h1>FIPS mode: ",
		verdict, verdict);
	for (const char *p = verdict; *p; p++)
		fputc(*p >= 'a' && *p <= 'z' ? *p - 32 : *p, out);
	fputs("</h1>\n<p>", out);
	fc_html_put(out, r->host.hostname ? r->host.hostname : "unknown host",
		    false);
	fputs(" at ", out);
	fc_html_put(out, r->host.time_utc ? r->host.time_utc : "unknown time",
		    false);
	fprintf(out,
		": %zu passed, %zu warnings, %zu failed, %zu errors, %zu "
		"skipped</p>\n",
		c[FC_STATUS_PASS], c[FC_STATUS_WARN], c[FC_STATUS_FAIL],
		c[FC_STATUS_ERROR], c[FC_STATUS_SKIP]);
	if (r->fips_mode_setup_verdict) {
		fputs("<p>fips-mode-setup --check would say: ", out);
		fc_html_put(out, r->fips_mode_setup_verdict, false);
		fputs("</p>\n", out);
	}
	fputs("</header>\n", out);
}

static void host_table(FILE *out, const struct fc_report *r)
{
	const struct fc_host *h = &r->host;
	const struct fc_report_evidence *ev = r->evidence;
	fputs("<h2>Host</h2>\n<table class=\"kv\" id=\"host\">\n", out);
	kv_row(out, "host name", h->hostname);
	kv_row(out, "operating system",
	       h->os_pretty_name ? h->os_pretty_name : h->os_id);
	kv_row(out, "architecture", h->arch);
	kv_row(out, "kernel", h->kernel_release);
	kv_row(out, "time (UTC)", h->time_utc);
	if (r->root && !fc_streq(r->root, "/"))
		kv_row(out, "root examined", r->root);
	kv_row(out, "fipsctl", r->fipsctl_version);
	if (ev) {
		kv_row(out, "machine id", ev->machine_id);
		kv_row(out, "boot id", ev->boot_id);
		kv_row(out, "evidence bundle", ev->bundle_id);
		kv_row(out, "validated-module table", ev->policy_name);
		kv_row(out, "table SHA-256", ev->policy_sha256);
	}
	fputs("</table>\n", out);
}

/* The validated.* findings that judge a module: module, status, the
 * certificate the table names and the summary. */
static void module_table(FILE *out, const struct fc_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		if (!fc_startswith(f->id, "validated.") ||
		    !fc_finding_get_fact(f, "module"))
			continue;
		if (!n++)
			fputs("<h2>Validated modules</h2>\n"
			      "<table id=\"modules\">\n<thead><tr><th>Module</th>"
			      "<th>Status</th><th>Validated build</th>"
			      "<th>Certificate</th><th>Summary</th></tr>"
			      "</thead>\n<tbody>\n",
			      out);
		const char *cert = fc_finding_get_fact(f, "certificate");
		fputs("<tr class=\"module\"><td>", out);
		fc_html_put(out, f->id + strlen("validated."), false);
		fputs("</td>", out);
		status_cell(out, f->status);
		fprintf(out, "<td>%s</td><td>",
			f->status == FC_STATUS_PASS	? "yes"
			: f->status == FC_STATUS_SKIP ? "not examined"
						      : "no");
		fc_html_put(out, cert ? cert : "-", false);
		fputs("</td><td>", out);
		fc_html_put(out, f->summary, false);
		fputs("</td></tr>\n", out);
	}
	if (n)
		fputs("</tbody>\n</table>\n", out);
}

static void finding_row(FILE *out, const struct fc_finding *f)
{
	const char *st = fc_status_name(f->status);
	fprintf(out, "<tr class=\"finding st-%s\" id=\"", st);
	fputs("f-", out);
	fc_html_put(out, f->id, true);
	fputs("\">", out);
	status_cell(out, f->status);
	fputs("<td class=\"id\"><code>", out);
	fc_html_put(out, f->id, false);
	fputs("</code></td><td class=\"summary\">", out);
	fc_html_put(out, f->summary, false);
	if (f->remediation) {
		fputs("<div class=\"fix\">", out);
		fc_html_put(out, f->remediation, false);
		fputs("</div>", out);
	}
	fputs("</td><td>", out);
	if (f->n_facts) {
		fprintf(out, "<details><summary>%zu fact%s</summary><dl>",
			f->n_facts, f->n_facts == 1 ? "" : "s");
		for (size_t k = 0; k < f->n_facts; k++) {
			fputs("<dt>", out);
			fc_html_put(out, f->facts[k].key, false);
			fputs("</dt><dd>", out);
			fc_html_put(out, f->facts[k].value, false);
			fputs("</dd>", out);
		}
		fputs("</dl></details>", out);
	}
	if (f->requirement) {
		fputs("<div class=\"req\">requirement: ", out);
		fc_html_put(out, f->requirement, false);
		fputs("</div>", out);
	}
	fputs("<div class=\"src\">source: check <code>", out);
	fc_html_put(out, f->check_id ? f->check_id : f->id, false);
	fputs("</code></div></td></tr>\n", out);
}

static int render_html(const struct fc_report *r, FILE *out,
		       const struct fc_render_opts *o)
{
	(void)o;
	_cleanup_free_ char *title = fc_asprintf(
		"fipsctl report: %s",
		r->host.hostname ? r->host.hostname : "unknown host");
	fc_html_begin(out, title);
	banner(out, r);
	host_table(out, r);
	module_table(out, r);
	fprintf(out,
		"<h2>Findings</h2>\n<table id=\"findings\">\n<thead><tr>"
		"<th>Status</th><th>Check</th><th>Summary</th><th>Details"
		"</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_findings; i++)
		finding_row(out, r->findings[i]);
	fputs("</tbody>\n</table>\n<footer>fipsctl ", out);
	fc_html_put(out, r->fipsctl_version ? r->fipsctl_version : "", false);
	fputs(": one row per finding; the facts are the values read, the "
	      "requirement what the check implements and where it comes "
	      "from.</footer>\n",
	      out);
	fc_html_end(out);
	return ferror(out) ? -EIO : 0;
}

const struct fc_renderer fc_render_html = {
	.name = "html",
	.render = render_html,
};
