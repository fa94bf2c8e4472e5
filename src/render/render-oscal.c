// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * OSCAL 1.1.3 Assessment Results, valid against NIST's
 * oscal_assessment-results_schema.json (tests/schemas/).
 *
 * Mapping:
 *   every check    -> a local objective of SC-13 (top-level
 *                     local-definitions), its requirement as the prose
 *   every finding  -> an observation (its facts as props, the host as the
 *                     subject, method TEST for library probes and EXAMINE
 *                     for files read) and, unless it was skipped, a
 *                     finding on its check's objective: pass and warn are
 *                     "satisfied", fail "not-satisfied" (reason fail),
 *                     error "not-satisfied" (reason other: fipsctl could
 *                     not tell, and an objective not shown to hold is not
 *                     satisfied; the remarks say so)
 *   the validated-module table -> a back-matter resource (with its
 *                     SHA-256 when the report comes from a bundle), linked
 *                     from reviewed-controls and cited as relevant
 *                     evidence by the validated.* observations
 *
 * UUIDs are version 5, derived from the host, the report time and (in a
 * bundle) the bundle id, so the same report renders to the same document.
 */
#include "render/render.h"

#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "engine/check.h"
#include "base/utf8.h"
#include "base/uuid5.h"

#define OSCAL_VERSION "1.1.3"
/* Namespace of fipsctl's own props (OSCAL requires one for names it
 * does not define). */
#define NS "https://fipsctl.invalid/ns/oscal"
/* NIST SP 800-53 Rev. 5 SC-13 Cryptographic Protection: the control
 * whose FIPS-validated-cryptography requirement fipsctl assesses. */
#define CONTROL_ID "sc-13"

struct oscal {
	const struct fc_report *r;
	char seed[FC_UUID_LEN]; /* this report: host, time, bundle */
	char host_uuid[FC_UUID_LEN];
	char table_uuid[FC_UUID_LEN];
	const char *table_name; /* NULL: no validated-module table known */
	const char *table_href;
	const char *table_sha256;
	const char *time;
};

/* A string as the schema's text types take it: valid UTF-8. */
static struct json_object *text(const char *s)
{
	_cleanup_free_ char *c = fc_utf8_clean(s, false);
	return json_object_new_string(c);
}

static bool unicode_space(const unsigned char *p, size_t *n)
{
	/* U+0085, U+00A0 */
	if (p[0] == 0xc2 && (p[1] == 0x85 || p[1] == 0xa0)) {
		*n = 2;
		return true;
	}
	/* U+1680 */
	if (p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80) {
		*n = 3;
		return true;
	}
	/* U+2000-U+200A, U+2028, U+2029, U+202F, U+205F */
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xa8 || p[2] == 0xa9 ||
	     p[2] == 0xaf)) {
		*n = 3;
		return true;
	}
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f) {
		*n = 3;
		return true;
	}
	/* U+3000 */
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
		*n = 3;
		return true;
	}
	return false;
}

/* StringDatatype: non-empty, one line, no white space at either end:
 * white space runs become one space. */
static struct json_object *one_line(const char *s)
{
	_cleanup_free_ char *c = fc_utf8_clean(s, false);
	struct fc_buf b = { 0 };
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)c; *p;) {
		size_t n = 1;
		if ((*p && strchr(" \t\n\r\f\v", *p)) || unicode_space(p, &n)) {
			space = true;
			p += n;
			continue;
		}
		if (space && b.len)
			fc_buf_adds(&b, " ");
		space = false;
		fc_buf_add(&b, p, 1);
		p++;
	}
	if (!b.len)
		fc_buf_adds(&b, "(empty)");
	char *v = fc_buf_steal(&b);
	struct json_object *o = json_object_new_string(v);
	free(v);
	return o;
}

/* TokenDatatype (an XML NCName), ASCII: other characters become '_'. */
static char *token(const char *s)
{
	struct fc_buf b = { 0 };
	if (!s || !*s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			   *s == '_'))
		fc_buf_adds(&b, "_");
	for (const char *p = s ? s : ""; *p; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '-' ||
			  c == '_';
		fc_buf_add(&b, ok ? &c : "_", 1);
	}
	return fc_buf_steal(&b);
}

/* A path as a URI reference: unreserved characters and '/' as they are,
 * everything else percent-encoded (RFC 3986). */
static char *uri_ref(const char *path)
{
	struct fc_buf b = { 0 };
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			fc_buf_add(&b, p, 1);
		else
			fc_buf_addf(&b, "%%%02X", *p);
	}
	return fc_buf_steal(&b);
}

static void add(struct json_object *o, const char *k, struct json_object *v)
{
	json_object_object_add(o, k, v);
}

static struct json_object *prop(const char *name, const char *value,
				const char *cls)
{
	struct json_object *p = json_object_new_object();
	_cleanup_free_ char *n = token(name);
	add(p, "name", json_object_new_string(n));
	add(p, "ns", json_object_new_string(NS));
	add(p, "value", one_line(value));
	if (cls)
		add(p, "class", json_object_new_string(cls));
	return p;
}

static void add_prop(struct json_object *arr, const char *name,
		     const char *value)
{
	if (value && *value)
		json_object_array_add(arr, prop(name, value, NULL));
}

static const char *fact(const struct fc_report *r, const char *finding,
			const char *key)
{
	const struct fc_finding *f = fc_report_find(r, finding);
	return f ? fc_finding_get_fact(f, key) : NULL;
}

/* Which table the verdicts used: the bundle's record, else what the
 * checks said (the rpmdb helper's choice first, as validated.* do). */
static void find_table(struct oscal *o)
{
	const struct fc_report_evidence *ev = o->r->evidence;
	if (ev && ev->policy_name) {
		o->table_name = ev->policy_name;
		o->table_href = ev->policy_member ? ev->policy_member
						  : ev->policy_file;
		o->table_sha256 = ev->policy_sha256;
	} else {
		o->table_name = fact(o->r, "validated.rpmdb", "policy");
		o->table_href = fact(o->r, "validated.rpmdb", "policy_file");
		if (!o->table_name || fc_streq(o->table_name, "none")) {
			o->table_name = fact(o->r, "validated.policy", "policy");
			o->table_href = fact(o->r, "validated.policy",
					     "policy_file");
		}
		if (o->table_name && fc_streq(o->table_name, "none"))
			o->table_name = NULL;
	}
	if (o->table_name)
		fc_uuid_v5(o->table_uuid, "table|%s|%s", o->seed, o->table_name);
}

static struct json_object *host_props(const struct oscal *o)
{
	const struct fc_report *r = o->r;
	const struct fc_host *h = &r->host;
	struct json_object *a = json_object_new_array();
	add_prop(a, "hostname", h->hostname);
	add_prop(a, "os-id", h->os_id);
	add_prop(a, "os-version-id", h->os_version_id);
	add_prop(a, "os-pretty-name", h->os_pretty_name);
	add_prop(a, "arch", h->arch);
	add_prop(a, "kernel-release", h->kernel_release);
	if (r->evidence) {
		add_prop(a, "machine-id", r->evidence->machine_id);
		add_prop(a, "boot-id", r->evidence->boot_id);
	}
	add_prop(a, "root", r->root);
	return a;
}

static const char *check_title(const struct fc_finding *f)
{
	if (f->title)
		return f->title;
	const struct fc_check *c = fc_check_find(f->check_id);
	return c ? c->title : f->check_id;
}

static struct json_object *objectives(const struct oscal *o)
{
	const struct fc_report *r = o->r;
	struct json_object *parts = json_object_new_array();
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = fc_streq(r->findings[k]->check_id, f->check_id);
		if (seen)
			continue;
		struct json_object *p = json_object_new_object();
		_cleanup_free_ char *id = token(f->check_id);
		const struct fc_check *c = fc_check_find(f->check_id);
		const char *req = f->requirement ? f->requirement
				  : c		 ? c->requirement
						 : NULL;
		add(p, "id", json_object_new_string(id));
		add(p, "name", json_object_new_string("objective"));
		add(p, "title", text(check_title(f)));
		add(p, "prose", text(req ? req : check_title(f)));
		json_object_array_add(parts, p);
	}
	struct json_object *obj = json_object_new_object();
	add(obj, "control-id", json_object_new_string(CONTROL_ID));
	add(obj, "description",
	    json_object_new_string("Each fipsctl check is an objective of "
				   "SC-13: the host runs its cryptographic "
				   "modules in FIPS 140-3 mode and they are "
				   "CMVP-validated builds."));
	if (json_object_array_length(parts) == 0) {
		/* parts needs one item even for a report without findings. */
		struct json_object *p = json_object_new_object();
		add(p, "name", json_object_new_string("objective"));
		add(p, "prose", json_object_new_string("No check was run."));
		json_object_array_add(parts, p);
	}
	add(obj, "parts", parts);
	struct json_object *arr = json_object_new_array();
	json_object_array_add(arr, obj);
	struct json_object *ld = json_object_new_object();
	add(ld, "objectives-and-methods", arr);
	return ld;
}

/* What an observation and a finding of f both start with; *props is
 * their props array, with the status. */
static struct json_object *about(const char *uuid, const struct fc_finding *f,
				 struct json_object **props)
{
	struct json_object *ob = json_object_new_object();
	add(ob, "uuid", json_object_new_string(uuid));
	_cleanup_free_ char *title = fc_asprintf("%s: %s", f->id, check_title(f));
	add(ob, "title", text(title));
	add(ob, "description", text(f->summary));
	*props = json_object_new_array();
	json_object_array_add(*props, prop("status", fc_status_name(f->status),
					   NULL));
	if (f->status == FC_STATUS_SKIP)
		json_object_array_add(*props,
				      prop("skip-kind",
					   fc_skip_kind_name(f->skip_kind),
					   NULL));
	add(ob, "props", *props);
	return ob;
}

/* The fix, as remarks: OSCAL has no field of its own for it. */
static void add_remedy(struct json_object *o, const struct fc_finding *f)
{
	if (!f->remediation)
		return;
	_cleanup_free_ char *rem = fc_asprintf("Remediation: %s", f->remediation);
	add(o, "remarks", text(rem));
}

static struct json_object *observation(const struct oscal *o,
				       const struct fc_finding *f,
				       const char *uuid)
{
	struct json_object *props;
	struct json_object *ob = about(uuid, f, &props);
	json_object_array_add(props, prop("check", f->check_id, NULL));
	for (size_t i = 0; i < f->n_facts; i++)
		json_object_array_add(props, prop(f->facts[i].key,
						  f->facts[i].value, "fact"));
	const struct fc_check *c = fc_check_find(f->check_id);
	struct json_object *methods = json_object_new_array();
	/* A probe exercises the library; other checks examine files. */
	json_object_array_add(methods, json_object_new_string(
					       c && c->probe ? "TEST" : "EXAMINE"));
	add(ob, "methods", methods);
	struct json_object *subj = json_object_new_object();
	add(subj, "subject-uuid", json_object_new_string(o->host_uuid));
	add(subj, "type", json_object_new_string("inventory-item"));
	if (o->r->host.hostname)
		add(subj, "title", text(o->r->host.hostname));
	struct json_object *subjects = json_object_new_array();
	json_object_array_add(subjects, subj);
	add(ob, "subjects", subjects);
	if (o->table_name && fc_startswith(f->check_id, "validated.")) {
		struct json_object *ev = json_object_new_object();
		_cleanup_free_ char *href = fc_asprintf("#%s", o->table_uuid);
		_cleanup_free_ char *d = fc_asprintf(
			"The validated-module table %s%s%s%s, which lists the "
			"CMVP-validated builds this verdict compares against.",
			o->table_name, o->table_sha256 ? " (SHA-256 " : "",
			o->table_sha256 ? o->table_sha256 : "",
			o->table_sha256 ? ")" : "");
		add(ev, "href", json_object_new_string(href));
		add(ev, "description", text(d));
		struct json_object *arr = json_object_new_array();
		json_object_array_add(arr, ev);
		add(ob, "relevant-evidence", arr);
	}
	add(ob, "collected", json_object_new_string(o->time));
	add_remedy(ob, f);
	return ob;
}

static struct json_object *finding(const struct oscal *o,
				   const struct fc_finding *f,
				   const char *obs_uuid)
{
	char uuid[FC_UUID_LEN];
	fc_uuid_v5(uuid, "finding|%s|%s", o->seed, f->id);
	struct json_object *props;
	struct json_object *fo = about(uuid, f, &props);

	bool ok = f->status == FC_STATUS_PASS || f->status == FC_STATUS_WARN;
	struct json_object *st = json_object_new_object();
	add(st, "state", json_object_new_string(ok ? "satisfied"
						   : "not-satisfied"));
	add(st, "reason", json_object_new_string(
				  ok ? "pass"
				     : f->status == FC_STATUS_FAIL ? "fail"
								   : "other"));
	if (f->status == FC_STATUS_SKIP)
		add(st, "remarks",
		    json_object_new_string("fipsctl could not examine this "
					   "objective here (see the "
					   "observation); it is not shown to "
					   "be satisfied."));
	else if (f->status == FC_STATUS_ERROR)
		add(st, "remarks",
		    json_object_new_string("fipsctl could not tell whether "
					   "this objective holds (see the "
					   "observation); it is not shown to "
					   "be satisfied."));
	struct json_object *target = json_object_new_object();
	_cleanup_free_ char *tid = token(f->check_id);
	add(target, "type", json_object_new_string("objective-id"));
	add(target, "target-id", json_object_new_string(tid));
	add(target, "status", st);
	add(fo, "target", target);
	struct json_object *rel = json_object_new_object();
	add(rel, "observation-uuid", json_object_new_string(obs_uuid));
	struct json_object *rels = json_object_new_array();
	json_object_array_add(rels, rel);
	add(fo, "related-observations", rels);
	add_remedy(fo, f);
	return fo;
}

static struct json_object *reviewed_controls(const struct oscal *o)
{
	struct json_object *rc = json_object_new_object();
	_cleanup_free_ char *d =
		o->table_name
			? fc_asprintf("SC-13 (NIST SP 800-53 Rev. 5), FIPS-"
				      "validated cryptography: module builds "
				      "were judged against the validated-module "
				      "table %s%s%s%s.",
				      o->table_name,
				      o->table_sha256 ? " (SHA-256 " : "",
				      o->table_sha256 ? o->table_sha256 : "",
				      o->table_sha256 ? ")" : "")
			: fc_strdup("SC-13 (NIST SP 800-53 Rev. 5), FIPS-"
				    "validated cryptography: no validated-module "
				    "table applied, so module builds were not "
				    "judged against validated ones.");
	add(rc, "description", text(d));
	if (o->table_name) {
		struct json_object *l = json_object_new_object();
		_cleanup_free_ char *href = fc_asprintf("#%s", o->table_uuid);
		_cleanup_free_ char *t = fc_asprintf("validated-module table %s",
						     o->table_name);
		add(l, "href", json_object_new_string(href));
		add(l, "rel", json_object_new_string("reference"));
		add(l, "text", text(t));
		struct json_object *links = json_object_new_array();
		json_object_array_add(links, l);
		add(rc, "links", links);
	}
	struct json_object *ctl = json_object_new_object();
	add(ctl, "control-id", json_object_new_string(CONTROL_ID));
	struct json_object *inc = json_object_new_array();
	json_object_array_add(inc, ctl);
	struct json_object *sel = json_object_new_object();
	add(sel, "include-controls", inc);
	struct json_object *sels = json_object_new_array();
	json_object_array_add(sels, sel);
	add(rc, "control-selections", sels);
	return rc;
}

static struct json_object *result(const struct oscal *o)
{
	const struct fc_report *r = o->r;
	const char *host = r->host.hostname ? r->host.hostname : "unknown host";
	struct json_object *res = json_object_new_object();
	char uuid[FC_UUID_LEN];
	fc_uuid_v5(uuid, "result|%s", o->seed);
	add(res, "uuid", json_object_new_string(uuid));
	_cleanup_free_ char *title = fc_asprintf(
		"FIPS 140-3 mode and validated modules on %s", host);
	add(res, "title", text(title));
	size_t c[FC_STATUS_COUNT_];
	fc_report_count(r, c);
	_cleanup_free_ char *desc = fc_asprintf(
		"fipsctl %s checked whether %s runs in FIPS 140-3 mode on "
		"CMVP-validated cryptographic modules. Verdict: %s (%zu passed, "
		"%zu warnings, %zu failed, %zu errors, %zu skipped: %zu not "
		"applicable, %zu not examined).",
		r->fipsctl_version ? r->fipsctl_version : "", host,
		fc_outcome_name(fc_report_verdict(r)), c[FC_STATUS_PASS],
		c[FC_STATUS_WARN], c[FC_STATUS_FAIL], c[FC_STATUS_ERROR],
		c[FC_STATUS_SKIP],
		fc_report_count_skips(r, FC_SKIP_NOT_APPLICABLE),
		fc_report_count_skips(r, FC_SKIP_NOT_EXAMINED));
	add(res, "description", text(desc));
	add(res, "start", json_object_new_string(o->time));
	add(res, "end", json_object_new_string(o->time));
	struct json_object *props = json_object_new_array();
	add_prop(props, "verdict", fc_outcome_name(fc_report_verdict(r)));
	add_prop(props, "fips-mode-setup", r->fips_mode_setup_verdict);
	if (r->evidence)
		add_prop(props, "bundle-id", r->evidence->bundle_id);
	add(res, "props", props);

	struct json_object *item = json_object_new_object();
	add(item, "uuid", json_object_new_string(o->host_uuid));
	_cleanup_free_ char *idesc = fc_asprintf(
		"%s: %s, %s, kernel %s", host,
		r->host.os_pretty_name ? r->host.os_pretty_name : "unknown OS",
		r->host.arch ? r->host.arch : "unknown architecture",
		r->host.kernel_release ? r->host.kernel_release : "unknown");
	add(item, "description", text(idesc));
	struct json_object *hp = host_props(o);
	if (json_object_array_length(hp))
		add(item, "props", hp);
	else
		json_object_put(hp);
	struct json_object *items = json_object_new_array();
	json_object_array_add(items, item);
	struct json_object *ld = json_object_new_object();
	add(ld, "inventory-items", items);
	add(res, "local-definitions", ld);
	add(res, "reviewed-controls", reviewed_controls(o));

	struct json_object *obs = json_object_new_array();
	struct json_object *fnd = json_object_new_array();
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		char ou[FC_UUID_LEN];
		fc_uuid_v5(ou, "observation|%s|%s", o->seed, f->id);
		json_object_array_add(obs, observation(o, f, ou));
		/* A skip of a requirement that does not apply here has no
		 * finding; one that applies but was not examined does. */
		if (f->status != FC_STATUS_SKIP ||
		    f->skip_kind != FC_SKIP_NOT_APPLICABLE)
			json_object_array_add(fnd, finding(o, f, ou));
	}
	if (json_object_array_length(obs))
		add(res, "observations", obs);
	else
		json_object_put(obs);
	if (json_object_array_length(fnd))
		add(res, "findings", fnd);
	else
		json_object_put(fnd);
	struct json_object *arr = json_object_new_array();
	json_object_array_add(arr, res);
	return arr;
}

static struct json_object *back_matter(const struct oscal *o,
				       const char *plan_uuid)
{
	const struct fc_report *r = o->r;
	struct json_object *res = json_object_new_array();
	struct json_object *plan = json_object_new_object();
	add(plan, "uuid", json_object_new_string(plan_uuid));
	_cleanup_free_ char *pt = fc_asprintf("fipsctl %s checks",
					      r->fipsctl_version
						      ? r->fipsctl_version
						      : "");
	add(plan, "title", text(pt));
	add(plan, "description",
	    json_object_new_string("The assessment plan is the set of checks "
				   "fipsctl runs ('fipsctl list-checks'); each "
				   "is an objective in this document's "
				   "local-definitions."));
	json_object_array_add(res, plan);
	if (o->table_name) {
		struct json_object *t = json_object_new_object();
		add(t, "uuid", json_object_new_string(o->table_uuid));
		_cleanup_free_ char *tt = fc_asprintf("Validated-module table %s",
						      o->table_name);
		add(t, "title", text(tt));
		add(t, "description",
		    json_object_new_string("The CMVP-validated module builds, "
					   "with certificate numbers and "
					   "sources, that fipsctl compared the "
					   "installed modules against."));
		if (o->table_href) {
			struct json_object *rl = json_object_new_object();
			_cleanup_free_ char *href = uri_ref(o->table_href);
			add(rl, "href", json_object_new_string(href));
			add(rl, "media-type",
			    json_object_new_string("application/json"));
			if (o->table_sha256) {
				struct json_object *hh = json_object_new_object();
				add(hh, "algorithm",
				    json_object_new_string("SHA-256"));
				add(hh, "value",
				    json_object_new_string(o->table_sha256));
				struct json_object *hs = json_object_new_array();
				json_object_array_add(hs, hh);
				add(rl, "hashes", hs);
			}
			struct json_object *rls = json_object_new_array();
			json_object_array_add(rls, rl);
			add(t, "rlinks", rls);
		}
		json_object_array_add(res, t);
	}
	struct json_object *bm = json_object_new_object();
	add(bm, "resources", res);
	return bm;
}

static int render_oscal(const struct fc_report *r, FILE *out,
			const struct fc_render_opts *opts)
{
	(void)opts;
	struct oscal o = { .r = r };
	const struct fc_report_evidence *ev = r->evidence;
	/* The schema wants a time zone: ours is UTC, "Z". */
	o.time = r->host.time_utc ? r->host.time_utc : "1970-01-01T00:00:00Z";
	fc_uuid_v5(o.seed, "report|%s|%s|%s|%s",
		   r->host.hostname ? r->host.hostname : "",
		   ev && ev->machine_id ? ev->machine_id : "", o.time,
		   ev && ev->bundle_id ? ev->bundle_id : "");
	fc_uuid_v5(o.host_uuid, "host|%s|%s",
		   r->host.hostname ? r->host.hostname : "",
		   ev && ev->machine_id ? ev->machine_id : "");
	find_table(&o);

	struct json_object *ar = json_object_new_object();
	char uuid[FC_UUID_LEN], plan_uuid[FC_UUID_LEN];
	fc_uuid_v5(uuid, "assessment-results|%s", o.seed);
	fc_uuid_v5(plan_uuid, "plan|%s", r->fipsctl_version ? r->fipsctl_version
							    : "");
	add(ar, "uuid", json_object_new_string(uuid));
	struct json_object *md = json_object_new_object();
	_cleanup_free_ char *title = fc_asprintf(
		"fipsctl FIPS 140-3 assessment of %s",
		r->host.hostname ? r->host.hostname : "an unnamed host");
	add(md, "title", text(title));
	add(md, "last-modified", json_object_new_string(o.time));
	add(md, "version", text(r->fipsctl_version && *r->fipsctl_version
					? r->fipsctl_version
					: "unknown"));
	add(md, "oscal-version", json_object_new_string(OSCAL_VERSION));
	add(ar, "metadata", md);
	struct json_object *ap = json_object_new_object();
	_cleanup_free_ char *aphref = fc_asprintf("#%s", plan_uuid);
	add(ap, "href", json_object_new_string(aphref));
	add(ar, "import-ap", ap);
	add(ar, "local-definitions", objectives(&o));
	add(ar, "results", result(&o));
	add(ar, "back-matter", back_matter(&o, plan_uuid));

	struct json_object *doc = json_object_new_object();
	add(doc, "assessment-results", ar);
	const char *s = json_object_to_json_string_ext(
		doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			     JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = fputs(s, out) < 0 || fputc('\n', out) == EOF ? -EIO : 0;
	json_object_put(doc);
	return rc;
}

const struct fc_renderer fc_render_oscal = {
	.name = "oscal",
	.render = render_oscal,
};
