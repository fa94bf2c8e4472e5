// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/report-json.h"

#include <errno.h>
#include <string.h>

#include "core/version.h"

static void add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v)
				       : json_object_new_null());
}

struct json_object *fc_finding_to_json(const struct fc_finding *f)
{
	struct json_object *o = json_object_new_object();
	add_str(o, "id", f->id);
	add_str(o, "check", f->check_id);
	add_str(o, "title", f->title);
	add_str(o, "requirement", f->requirement);
	add_str(o, "status", fc_status_name(f->status));
	/* Schema 1.1: which kind of skip (null unless status is "skip"). */
	add_str(o, "skip_kind", f->status == FC_STATUS_SKIP
					? fc_skip_kind_name(f->skip_kind)
					: NULL);
	add_str(o, "summary", f->summary);
	add_str(o, "remediation", f->remediation);
	/* Facts keep their order: an array of pairs, not an object. */
	struct json_object *facts = json_object_new_array();
	for (size_t i = 0; i < f->n_facts; i++) {
		struct json_object *p = json_object_new_object();
		add_str(p, "key", f->facts[i].key);
		add_str(p, "value", f->facts[i].value);
		json_object_array_add(facts, p);
	}
	json_object_object_add(o, "facts", facts);
	return o;
}

struct json_object *fc_report_to_json(const struct fc_report *r)
{
	struct json_object *o = json_object_new_object();
	add_str(o, "schema", FC_REPORT_SCHEMA_ID);
	add_str(o, "schema_version", FC_REPORT_SCHEMA_VERSION);
	add_str(o, "fipsctl_version", r->fipsctl_version);
	add_str(o, "root", r->root);

	struct json_object *h = json_object_new_object();
	add_str(h, "hostname", r->host.hostname);
	add_str(h, "os_id", r->host.os_id);
	add_str(h, "os_version_id", r->host.os_version_id);
	add_str(h, "os_pretty_name", r->host.os_pretty_name);
	add_str(h, "arch", r->host.arch);
	add_str(h, "arch_source", r->host.arch_source);
	add_str(h, "kernel_release", r->host.kernel_release);
	add_str(h, "time", r->host.time_utc);
	json_object_object_add(o, "host", h);

	size_t counts[FC_STATUS_COUNT_];
	fc_report_count(r, counts);
	struct json_object *s = json_object_new_object();
	add_str(s, "verdict", fc_outcome_name(fc_report_verdict(r)));
	for (unsigned i = 0; i < FC_STATUS_COUNT_; i++)
		json_object_object_add(s, fc_status_name((enum fc_status)i),
				       json_object_new_int64((int64_t)counts[i]));
	/* The skips by kind (schema 1.1). */
	json_object_object_add(s, "not_applicable",
			       json_object_new_int64((int64_t)fc_report_count_skips(
				       r, FC_SKIP_NOT_APPLICABLE)));
	json_object_object_add(s, "not_examined",
			       json_object_new_int64((int64_t)fc_report_count_skips(
				       r, FC_SKIP_NOT_EXAMINED)));
	add_str(s, "fips_mode_setup", r->fips_mode_setup_verdict);
	add_str(s, "fips_mode_setup_output", r->fips_mode_setup_output);
	json_object_object_add(o, "summary", s);

	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < r->n_findings; i++)
		json_object_array_add(arr, fc_finding_to_json(r->findings[i]));
	json_object_object_add(o, "findings", arr);
	return o;
}

/* A string member, or NULL when absent or null; -EBADMSG when mistyped. */
static int get_str(struct json_object *o, const char *k, const char **out,
		   bool required, char **err)
{
	struct json_object *v = NULL;
	*out = NULL;
	if (!json_object_object_get_ex(o, k, &v) || !v) {
		if (required) {
			*err = fc_asprintf("missing member \"%s\"", k);
			return -EBADMSG;
		}
		return 0;
	}
	if (!json_object_is_type(v, json_type_string)) {
		*err = fc_asprintf("member \"%s\" is not a string", k);
		return -EBADMSG;
	}
	*out = json_object_get_string(v);
	return 0;
}

int fc_finding_from_json(struct json_object *o, struct fc_report *into,
			 char **err)
{
	const char *id, *check, *status, *summary, *remedy, *title, *req;
	const char *kind;
	enum fc_status st;
	enum fc_skip_kind sk = FC_SKIP_NOT_EXAMINED;
	int r;

	*err = NULL;
	if (!json_object_is_type(o, json_type_object)) {
		*err = fc_strdup("finding is not an object");
		return -EBADMSG;
	}
	if ((r = get_str(o, "id", &id, true, err)) < 0 ||
	    (r = get_str(o, "check", &check, true, err)) < 0 ||
	    (r = get_str(o, "status", &status, true, err)) < 0 ||
	    (r = get_str(o, "summary", &summary, true, err)) < 0 ||
	    (r = get_str(o, "remediation", &remedy, false, err)) < 0 ||
	    (r = get_str(o, "title", &title, false, err)) < 0 ||
	    (r = get_str(o, "requirement", &req, false, err)) < 0 ||
	    (r = get_str(o, "skip_kind", &kind, false, err)) < 0)
		return r;
	if (fc_status_from_name(status, &st) < 0) {
		*err = fc_asprintf("unknown status \"%s\"", status);
		return -EBADMSG;
	}
	/* A 1.0 report's skips have no kind: not examined, never a pass. */
	if (kind && fc_skip_kind_from_name(kind, &sk) < 0) {
		*err = fc_asprintf("unknown skip kind \"%s\"", kind);
		return -EBADMSG;
	}
	struct json_object *facts = NULL;
	if (json_object_object_get_ex(o, "facts", &facts) && facts &&
	    !json_object_is_type(facts, json_type_array)) {
		*err = fc_strdup("member \"facts\" is not an array");
		return -EBADMSG;
	}
	/* Validate the facts before anything is added to the report. */
	size_t n = facts ? json_object_array_length(facts) : 0;
	for (size_t i = 0; i < n; i++) {
		struct json_object *p = json_object_array_get_idx(facts, i);
		const char *k, *v;
		if (!json_object_is_type(p, json_type_object) ||
		    get_str(p, "key", &k, true, err) < 0 ||
		    get_str(p, "value", &v, true, err) < 0) {
			free(*err);
			*err = fc_asprintf("fact %zu is malformed", i);
			return -EBADMSG;
		}
	}
	struct fc_finding *f = fc_report_add(into, id, check);
	if (st == FC_STATUS_SKIP)
		fc_finding_skip(f, sk, "%s", summary);
	else
		fc_finding_status(f, st, "%s", summary);
	if (remedy)
		fc_finding_remedy(f, "%s", remedy);
	/* A stored report (an evidence bundle) keeps them; the probe
	 * protocol's are replaced from the check table. */
	if (title)
		f->title = fc_strdup(title);
	if (req)
		f->requirement = fc_strdup(req);
	for (size_t i = 0; i < n; i++) {
		struct json_object *p = json_object_array_get_idx(facts, i);
		const char *k = NULL, *v = NULL;
		char *e2 = NULL;
		if (get_str(p, "key", &k, true, &e2) < 0 ||
		    get_str(p, "value", &v, true, &e2) < 0) {
			free(e2);
			continue; /* validated above: cannot happen */
		}
		fc_finding_fact(f, k, "%s", v);
	}
	return 0;
}

const char *fc_json_str(struct json_object *o, const char *k)
{
	struct json_object *v = NULL;
	return o && json_object_object_get_ex(o, k, &v) &&
			       json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : NULL;
}

/* Copy a string-or-null member into *slot; absent stays NULL. */
static int take_str(struct json_object *o, const char *k, char **slot,
		    bool required, char **err)
{
	const char *v = NULL;
	int r = get_str(o, k, &v, required, err);
	if (r == 0 && v)
		*slot = fc_strdup(v);
	return r;
}

int fc_report_from_json(struct json_object *o, struct fc_report **out,
			char **err)
{
	*out = NULL;
	*err = NULL;
	if (!json_object_is_type(o, json_type_object)) {
		*err = fc_strdup("the report is not a JSON object");
		return -EBADMSG;
	}
	const char *schema = NULL;
	int r = get_str(o, "schema", &schema, true, err);
	if (r < 0)
		return r;
	/* Same major version only (docs/report.md: minor versions only
	 * add members, which this reader ignores). */
	if (!fc_startswith(schema, "https://fipsctl.invalid/schemas/report-1.")) {
		*err = fc_asprintf("unsupported report schema \"%s\"", schema);
		return -EBADMSG;
	}
	struct json_object *host = NULL, *summary = NULL, *findings = NULL;
	if (!json_object_object_get_ex(o, "host", &host) ||
	    !json_object_is_type(host, json_type_object)) {
		*err = fc_strdup("member \"host\" is missing or not an object");
		return -EBADMSG;
	}
	if (!json_object_object_get_ex(o, "findings", &findings) ||
	    !json_object_is_type(findings, json_type_array)) {
		*err = fc_strdup("member \"findings\" is missing or not an "
				 "array");
		return -EBADMSG;
	}
	struct fc_report *rep = fc_report_new();
	struct fc_host *h = &rep->host;
	if ((r = take_str(o, "fipsctl_version", &rep->fipsctl_version, true,
			  err)) < 0 ||
	    (r = take_str(o, "root", &rep->root, true, err)) < 0 ||
	    (r = take_str(host, "hostname", &h->hostname, false, err)) < 0 ||
	    (r = take_str(host, "os_id", &h->os_id, false, err)) < 0 ||
	    (r = take_str(host, "os_version_id", &h->os_version_id, false,
			  err)) < 0 ||
	    (r = take_str(host, "os_pretty_name", &h->os_pretty_name, false,
			  err)) < 0 ||
	    (r = take_str(host, "arch", &h->arch, false, err)) < 0 ||
	    (r = take_str(host, "arch_source", &h->arch_source, false,
			  err)) < 0 ||
	    (r = take_str(host, "kernel_release", &h->kernel_release, false,
			  err)) < 0 ||
	    (r = take_str(host, "time", &h->time_utc, true, err)) < 0)
		goto bad;
	if (json_object_object_get_ex(o, "summary", &summary) &&
	    json_object_is_type(summary, json_type_object) &&
	    ((r = take_str(summary, "fips_mode_setup",
			   &rep->fips_mode_setup_verdict, false, err)) < 0 ||
	     (r = take_str(summary, "fips_mode_setup_output",
			   &rep->fips_mode_setup_output, false, err)) < 0))
		goto bad;
	size_t n = json_object_array_length(findings);
	for (size_t i = 0; i < n; i++) {
		char *e = NULL;
		r = fc_finding_from_json(json_object_array_get_idx(findings, i),
					 rep, &e);
		if (r < 0) {
			*err = fc_asprintf("finding %zu: %s", i + 1, e);
			free(e);
			goto bad;
		}
	}
	*out = rep;
	return 0;
bad:
	fc_report_free(rep);
	return r;
}
