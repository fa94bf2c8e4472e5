// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JUnit XML for CI systems: the Apache Ant form, valid against
 * the strict schema (tests/schemas/junit.xsd) and Jenkins xUnit's.
 *
 * One <testsuite> per area (the check id up to its first '.'), in report
 * order; one <testcase> per finding.  fail becomes <failure>, error
 * <error> ("could not tell" is not a pass), skip <skipped> (its text
 * names the kind: not-applicable or not-examined); the element's
 * text holds the summary, the fix, the requirement and the facts.  A
 * warning passes, as it does for 'check', and is listed in the suite's
 * <system-out> (the strict schema gives a testcase no output of its own).
 * Host facts are the suites' <properties>.
 */
#include "render/render.h"

#include <errno.h>
#include <string.h>

#include "base/strv.h"
#include "base/utf8.h"
#include "base/util.h"

/* Text or attribute value: valid XML 1.0 characters, escaped; in an
 * attribute, line breaks and tabs as character references so that
 * attribute normalisation keeps them. */
static void put_escaped(FILE *out, const char *s, bool attr)
{
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
		case '\n':
			fputs(attr ? "&#10;" : "\n", out);
			break;
		case '\r':
			fputs("&#13;", out);
			break;
		case '\t':
			fputs(attr ? "&#9;" : "\t", out);
			break;
		default:
			fputc(*p, out);
		}
	}
}

static void put_attr(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	put_escaped(out, value, true);
	fputc('"', out);
}

/* The area of a finding: "crypto-policy" for "crypto-policy.config". */
static char *area_of(const struct fc_finding *f)
{
	const char *id = f->check_id ? f->check_id : f->id;
	size_t n = strcspn(id, ".");
	return n ? fc_strndup(id, n) : fc_strdup("fipsctl");
}

/* JUnit wants local time without a zone; ours is UTC ("...Z"). */
static char *junit_timestamp(const char *t)
{
	/* YYYY-MM-DDThh:mm:ss */
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	if (!t || strlen(t) < sizeof(shape) - 1)
		return fc_strdup("1970-01-01T00:00:00");
	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		bool digit = t[i] >= '0' && t[i] <= '9';
		if (shape[i] == 'd' ? !digit : t[i] != shape[i])
			return fc_strdup("1970-01-01T00:00:00");
	}
	return fc_strndup(t, sizeof(shape) - 1);
}

static void put_property(FILE *out, const char *name, const char *value)
{
	if (!value)
		return;
	fputs("      <property", out);
	put_attr(out, "name", name);
	put_attr(out, "value", value);
	fputs("/>\n", out);
}

static void put_properties(FILE *out, const struct fc_report *r)
{
	const struct fc_host *h = &r->host;
	const struct fc_report_evidence *ev = r->evidence;
	fputs("    <properties>\n", out);
	put_property(out, "fipsctl.version", r->fipsctl_version);
	put_property(out, "fipsctl.root", r->root);
	put_property(out, "fipsctl.verdict",
		     fc_outcome_name(fc_report_verdict(r)));
	put_property(out, "fipsctl.fips_mode_setup", r->fips_mode_setup_verdict);
	put_property(out, "host.hostname", h->hostname);
	put_property(out, "host.os_id", h->os_id);
	put_property(out, "host.os_version_id", h->os_version_id);
	put_property(out, "host.os_pretty_name", h->os_pretty_name);
	put_property(out, "host.arch", h->arch);
	put_property(out, "host.kernel_release", h->kernel_release);
	put_property(out, "host.time", h->time_utc);
	if (ev) {
		put_property(out, "evidence.bundle_id", ev->bundle_id);
		put_property(out, "host.machine_id", ev->machine_id);
		put_property(out, "host.boot_id", ev->boot_id);
		put_property(out, "evidence.policy", ev->policy_name);
		put_property(out, "evidence.policy_sha256", ev->policy_sha256);
	}
	fputs("    </properties>\n", out);
}

/* The body of a <failure>, <error> or <skipped>: everything the text
 * renderer shows with -vv. */
static char *detail(const struct fc_finding *f)
{
	struct fc_buf b = { 0 };
	fc_buf_addf(&b, "%s\n", f->summary ? f->summary : "");
	if (f->status == FC_STATUS_SKIP)
		fc_buf_addf(&b, "skip: %s\n", fc_skip_kind_name(f->skip_kind));
	if (f->remediation)
		fc_buf_addf(&b, "fix: %s\n", f->remediation);
	if (f->requirement)
		fc_buf_addf(&b, "requirement: %s\n", f->requirement);
	for (size_t i = 0; i < f->n_facts; i++)
		fc_buf_addf(&b, "  %s = %s\n", f->facts[i].key,
			    f->facts[i].value ? f->facts[i].value : "");
	return fc_buf_steal(&b);
}

static void put_testcase(FILE *out, const struct fc_finding *f,
			 const char *classname)
{
	fputs("    <testcase", out);
	put_attr(out, "name", f->id);
	put_attr(out, "classname", classname);
	fprintf(out, " time=\"%.3f\"", f->duration_ms > 0 ? f->duration_ms / 1000.0
							   : 0.0);
	const char *elem = NULL, *type = NULL;
	switch (f->status) {
	case FC_STATUS_FAIL:
		elem = "failure";
		type = "fipsctl.fail";
		break;
	case FC_STATUS_ERROR:
		elem = "error";
		type = "fipsctl.error";
		break;
	case FC_STATUS_SKIP:
		elem = "skipped";
		break;
	default:
		break;
	}
	if (!elem) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n      <", out);
	fputs(elem, out);
	put_attr(out, "message", f->summary ? f->summary : "");
	if (type)
		put_attr(out, "type", type);
	fputc('>', out);
	_cleanup_free_ char *text = detail(f);
	put_escaped(out, text, false);
	fprintf(out, "</%s>\n    </testcase>\n", elem);
}

static void put_suite(FILE *out, const struct fc_report *r, const char *area,
		      size_t id)
{
	size_t tests = 0, failures = 0, errors = 0, skipped = 0;
	double ms = 0;
	_cleanup_free_ char *classname = fc_asprintf("fipsctl.%s", area);
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		_cleanup_free_ char *a = area_of(f);
		if (!fc_streq(a, area))
			continue;
		tests++;
		failures += f->status == FC_STATUS_FAIL;
		errors += f->status == FC_STATUS_ERROR;
		skipped += f->status == FC_STATUS_SKIP;
		if (f->duration_ms > 0)
			ms += f->duration_ms;
	}
	_cleanup_free_ char *ts = junit_timestamp(r->host.time_utc);
	const char *host = r->host.hostname && *r->host.hostname
				   ? r->host.hostname
				   : "unknown";
	fputs("  <testsuite", out);
	put_attr(out, "name", classname);
	put_attr(out, "package", "fipsctl");
	fprintf(out, " id=\"%zu\"", id);
	put_attr(out, "timestamp", ts);
	put_attr(out, "hostname", host);
	fprintf(out,
		" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
		"time=\"%.3f\">\n",
		tests, failures, errors, skipped, ms / 1000.0);
	put_properties(out, r);
	struct fc_buf warn = { 0 };
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		_cleanup_free_ char *a = area_of(f);
		if (!fc_streq(a, area))
			continue;
		put_testcase(out, f, classname);
		if (f->status == FC_STATUS_WARN) {
			fc_buf_addf(&warn, "WARN %s: %s\n", f->id,
				    f->summary ? f->summary : "");
			if (f->remediation)
				fc_buf_addf(&warn, "  fix: %s\n", f->remediation);
		}
	}
	fputs("    <system-out>", out);
	put_escaped(out, warn.data, false);
	fputs("</system-out>\n    <system-err></system-err>\n  </testsuite>\n",
	      out);
	fc_buf_free(&warn);
}

static int render_junit(const struct fc_report *r, FILE *out,
			const struct fc_render_opts *o)
{
	(void)o;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", out);
	/* Areas in order of first appearance; a report has a handful. */
	char **areas = NULL;
	size_t n = 0;
	for (size_t i = 0; i < r->n_findings; i++)
		fc_strv_add_unique(&areas, &n, area_of(r->findings[i]));
	for (size_t i = 0; i < n; i++)
		put_suite(out, r, areas[i], i);
	fc_strv_free(areas);
	fputs("</testsuites>\n", out);
	return ferror(out) ? -EIO : 0;
}

const struct fc_renderer fc_render_junit = {
	.name = "junit",
	.render = render_junit,
};
