// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The report as Prometheus metrics, in the text exposition format
 * (prometheus.io/docs/instrumenting/exposition_formats/) that
 * node_exporter's textfile collector reads: a HELP and a TYPE line per
 * metric family, then its samples.  Names follow the naming conventions
 * (prometheus.io/docs/practices/naming/): the fipsctl_ prefix, base units
 * (seconds), no unit in a label.
 *
 * A state set (OpenMetrics' "stateset", a gauge in the text format) has
 * one sample per possible state, 1 for the state held and 0 for the
 * others, so that "which hosts fail" is fipsctl_verdict{state="fail"} ==
 * 1 and a state that vanished reads 0, not "no data".  A value fipsctl
 * could not tell (the kernel flag unread, the run time of a stored
 * report) has no sample: "could not tell" is never written as 0.
 */
#include "render/render.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "base/utf8.h"
#include "base/util.h"

/* A label value: UTF-8, with backslash, double quote and line feed
 * escaped as the format requires. */
static void put_label(FILE *out, const char *name, const char *value,
		      bool first)
{
	_cleanup_free_ char *clean = fc_utf8_clean(value, false);
	fprintf(out, "%s%s=\"", first ? "" : ",", name);
	for (const char *p = clean; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", out);
		else if (*p == '"')
			fputs("\\\"", out);
		else if (*p == '\n')
			fputs("\\n", out);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void family(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* The report's time (RFC 3339, UTC) in seconds since 1970, or -1. */
static long long report_epoch(const char *t)
{
	struct tm tm = { 0 };
	const char *end = t ? strptime(t, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!end || (*end != 'Z' && *end != '\0'))
		return -1;
	time_t e = timegm(&tm);
	return e == (time_t)-1 ? -1 : (long long)e;
}

static void check_status(FILE *out, const struct fc_report *r)
{
	family(out, "fipsctl_check_status",
	       "Status of each finding of the check, as a state set: 1 for "
	       "its status (pass, warn, skip, fail, error), 0 for the others.");
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		_cleanup_free_ char *area =
			fc_render_area(f->check_id ? f->check_id : f->id);
		for (int s = 0; s < FC_STATUS_COUNT_; s++) {
			fputs("fipsctl_check_status{", out);
			put_label(out, "check", f->id, true);
			put_label(out, "area", area, false);
			put_label(out, "state", fc_status_name((enum fc_status)s),
				  false);
			fprintf(out, "} %d\n", f->status == (enum fc_status)s);
		}
	}
}

/*
 * One sample per module judged against the validated-module table (the
 * validated.* findings that name a module): 1 when its finding passed
 * (a validated build runs), else 0, with the certificate the table names
 * for it ("" when none) and the finding's status.
 */
static void module_validated(FILE *out, const struct fc_report *r)
{
	family(out, "fipsctl_module_validated",
	       "1 when the module runs a build the validated-module table "
	       "lists, else 0; certificate is the CMVP certificate number "
	       "(empty when unknown), verdict the finding's status.");
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		if (!fc_startswith(f->id, "validated.") ||
		    !fc_finding_get_fact(f, "module"))
			continue;
		const char *cert = fc_finding_get_fact(f, "certificate");
		if (!cert || fc_streq(cert, "unknown"))
			cert = "";
		else if (*cert == '#')
			cert++;
		fputs("fipsctl_module_validated{", out);
		put_label(out, "module", f->id + strlen("validated."), true);
		put_label(out, "certificate", cert, false);
		put_label(out, "verdict", fc_status_name(f->status), false);
		fprintf(out, "} %d\n", f->status == FC_STATUS_PASS);
	}
}

static int render_prometheus(const struct fc_report *r, FILE *out,
			     const struct fc_render_opts *o)
{
	const char *verdict = fc_render_verdict(r);
	family(out, "fipsctl_verdict",
	       "Overall verdict of the check, as a state set: 1 for the "
	       "verdict reached, 0 for the others.");
	for (size_t i = 0; fc_render_verdicts[i]; i++) {
		fputs("fipsctl_verdict{", out);
		put_label(out, "state", fc_render_verdicts[i], true);
		fprintf(out, "} %d\n", fc_streq(verdict, fc_render_verdicts[i]));
	}
	check_status(out, r);
	module_validated(out, r);

	family(out, "fipsctl_kernel_fips_enabled",
	       "The kernel FIPS mode flag, /proc/sys/crypto/fips_enabled "
	       "(no sample when it could not be read).");
	const struct fc_finding *k = fc_report_find(r, "kernel.fips_enabled");
	const char *flag = k ? fc_finding_get_fact(k, "fips_enabled") : NULL;
	if (fc_streq(flag, "0") || fc_streq(flag, "1"))
		fprintf(out, "fipsctl_kernel_fips_enabled %s\n", flag);

	family(out, "fipsctl_last_run_timestamp_seconds",
	       "When the check ran, in seconds since 1970 (the report's "
	       "time).");
	long long t = report_epoch(r->host.time_utc);
	if (t >= 0)
		fprintf(out, "fipsctl_last_run_timestamp_seconds %lld\n", t);

	family(out, "fipsctl_run_duration_seconds",
	       "Wall time of the check run, in seconds.");
	if (o->run_seconds > 0)
		fprintf(out, "fipsctl_run_duration_seconds %.3f\n",
			o->run_seconds);
	return ferror(out) ? -EIO : 0;
}

const struct fc_renderer fc_render_prometheus = {
	.name = "prometheus",
	.render = render_prometheus,
};
