// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading and checking the certificate data (src/policy/cmvp.h), with the
 * table checker's helpers (src/policy/policy-lint.h): every problem as
 * "file:line:column: message".
 */
#include "policy/cmvp.h"

#include <errno.h>
#include <string.h>

#include "base/date.h"
#include "policy/policy-lint.h"

#define CMVP_FORMAT "fipsctl-cmvp/1"
#define IN_PROCESS_PREFIX "in-process:"

/* NIST's Modules In Process list names these states. */
static const char *const nist_states[] = {
	"Pending Review",	    "Review",
	"Comment Resolution - Lab", "Comment Resolution - CMVP",
	"Finalization",		    "Cost Recovery",
	"Pending Resubmission",
};

void fc_cmvp_free(struct fc_cmvp *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->n; i++) {
		struct fc_cmvp_entry *e = &db->v[i];
		free(e->number);
		free(e->id);
		free(e->module);
		free(e->vendor);
		free(e->state);
		free(e->note);
		fc_provenance_clear(&e->prov);
	}
	free(db->v);
	free(db->path);
	fc_provenance_clear(&db->prov);
	free(db);
}

/* A "YYYY-MM-DD" member as a day, -1 when absent (an error when wrong). */
static long get_day(struct fc_lint *l, struct json_object *o, const char *key,
		    const char *path)
{
	struct json_object *v = fc_lint_get(o, key, FC_LINT_STRING);
	long day;
	if (!v)
		return -1;
	if (fc_date_parse(json_object_get_string(v), &day) < 0) {
		_cleanup_free_ char *kp = fc_lint_sub(path, key);
		_cleanup_free_ char *shown =
			fc_printable(json_object_get_string(v), 64);
		fc_lint_err(l, kp, false, "\"%s\" is not a date (YYYY-MM-DD)",
			    shown);
		return -1;
	}
	return day;
}

static bool status_parse(const char *s, enum fc_cmvp_status *st,
			 char **state)
{
	*state = NULL;
	if (fc_streq(s, "active"))
		*st = FC_CMVP_ACTIVE;
	else if (fc_streq(s, "historical"))
		*st = FC_CMVP_HISTORICAL;
	else if (fc_streq(s, "revoked"))
		*st = FC_CMVP_REVOKED;
	else if (fc_startswith(s, IN_PROCESS_PREFIX)) {
		const char *name = s + strlen(IN_PROCESS_PREFIX);
		for (size_t i = 0; i < FC_ARRAY_SIZE(nist_states); i++)
			if (fc_streq(nist_states[i], name)) {
				*st = FC_CMVP_IN_PROCESS;
				*state = fc_strdup(name);
				return true;
			}
		return false;
	} else
		return false;
	return true;
}

static void parse_entry(struct fc_lint *l, struct json_object *e,
			const char *ip, bool cert, struct fc_cmvp *db)
{
	static const struct fc_lint_key cert_spec[] = {
		{ "number", FC_LINT_INT_OR_NULL, true },
		{ "module", FC_LINT_STRING, true },
		{ "vendor", FC_LINT_STRING, true },
		{ "status", FC_LINT_STRING, true },
		{ "validation_date", FC_LINT_STRING, true },
		{ "sunset_date", FC_LINT_STRING, true },
		{ "note", FC_LINT_STRING, false },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	static const struct fc_lint_key ip_spec[] = {
		{ "id", FC_LINT_STRING, true },
		{ "module", FC_LINT_STRING, true },
		{ "vendor", FC_LINT_STRING, true },
		{ "status", FC_LINT_STRING, true },
		{ "since", FC_LINT_STRING, true },
		{ "note", FC_LINT_STRING, false },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	if (!fc_lint_object(l, e, ip, cert ? "a certificate" : "a module in process",
			    cert ? cert_spec : ip_spec,
			    cert ? FC_ARRAY_SIZE(cert_spec)
				 : FC_ARRAY_SIZE(ip_spec)))
		return;
	struct fc_cmvp_entry *x = &db->v[db->n++];
	*x = (struct fc_cmvp_entry){ .validated = -1, .sunset = -1,
				     .since = -1 };
	x->module = fc_lint_get_str(e, "module");
	x->vendor = fc_lint_get_str(e, "vendor");
	x->note = fc_lint_get_str(e, "note");
	fc_lint_prov(l, e, ip, &x->prov);
	_cleanup_free_ char *sp = fc_lint_sub(ip, "status");
	const char *st = json_object_get_string(
		fc_lint_get(e, "status", FC_LINT_STRING));
	if (st && !status_parse(st, &x->status, &x->state)) {
		_cleanup_free_ char *shown = fc_printable(st, 64);
		fc_lint_err(l, sp, false,
			    "\"%s\" is not a CMVP status (active, historical, "
			    "revoked, or in-process:STATE with NIST's state: "
			    "Pending Review, Review, Comment Resolution - Lab, "
			    "Comment Resolution - CMVP, Finalization, Cost "
			    "Recovery, Pending Resubmission)",
			    shown);
		return;
	}
	if (cert) {
		struct json_object *num = fc_lint_get(e, "number",
						      FC_LINT_INT_OR_NULL);
		if (num && json_object_is_type(num, json_type_int))
			x->number = fc_asprintf(
				"%lld", (long long)json_object_get_int64(num));
		else
			fc_lint_err(l, ip, false,
				    "a certificate needs its number");
		x->validated = get_day(l, e, "validation_date", ip);
		x->sunset = get_day(l, e, "sunset_date", ip);
		if (st && x->status == FC_CMVP_IN_PROCESS)
			fc_lint_err(l, sp, false,
				    "a certificate is active, historical or "
				    "revoked; a module in review goes under "
				    "\"in_process\"");
		if (x->validated >= 0 && x->sunset >= 0 &&
		    x->sunset <= x->validated) {
			_cleanup_free_ char *dp = fc_lint_sub(ip, "sunset_date");
			fc_lint_err(l, dp, false,
				    "the sunset date is not after the "
				    "validation date");
		}
	} else {
		x->id = fc_lint_get_str(e, "id");
		if (x->id && !fc_policy_table_name_valid(x->id)) {
			_cleanup_free_ char *kp = fc_lint_sub(ip, "id");
			fc_lint_err(l, kp, false,
				    "an id is letters, digits, '.', '_' and "
				    "'-'");
		}
		x->since = get_day(l, e, "since", ip);
		if (st && x->status != FC_CMVP_IN_PROCESS)
			fc_lint_err(l, sp, false,
				    "a module in process has the status "
				    "in-process:STATE");
	}
	/* The same certificate or id twice: which one would count? */
	for (size_t j = 0; j + 1 < db->n; j++) {
		const struct fc_cmvp_entry *o = &db->v[j];
		if ((x->number && fc_streq(o->number, x->number)) ||
		    (x->id && fc_streq(o->id, x->id))) {
			fc_lint_err(l, ip, false,
				    "duplicate entry: %s %s is listed twice",
				    x->number ? "certificate" : "in-process id",
				    x->number ? x->number : x->id);
			break;
		}
	}
}

static void parse_list(struct fc_lint *l, struct json_object *top,
		       const char *key, bool cert, struct fc_cmvp *db)
{
	struct json_object *a = fc_lint_get(top, key, FC_LINT_ARRAY);
	if (!a)
		return;
	size_t n = json_object_array_length(a);
	db->v = fc_realloc(db->v, (db->n + n + 1) * sizeof(*db->v));
	for (size_t i = 0; i < n; i++) {
		_cleanup_free_ char *ip = fc_lint_item(key, i);
		parse_entry(l, json_object_array_get_idx(a, i), ip, cert, db);
	}
}

static void lint_cmvp(struct fc_lint *l, struct json_object *top, void *ud)
{
	static const struct fc_lint_key spec[] = {
		{ "format", FC_LINT_STRING, true },
		{ "data_as_of", FC_LINT_STRING, true },
		{ "provenance", FC_LINT_OBJECT, true },
		{ "certificates", FC_LINT_ARRAY, true },
		{ "in_process", FC_LINT_ARRAY, false },
	};
	struct fc_cmvp *db = ud;
	if (!fc_lint_object(l, top, "", "the certificate data", spec,
			    FC_ARRAY_SIZE(spec)))
		return;
	struct json_object *fmt = fc_lint_get(top, "format", FC_LINT_STRING);
	if (fmt && !fc_streq(json_object_get_string(fmt), CMVP_FORMAT)) {
		_cleanup_free_ char *shown =
			fc_printable(json_object_get_string(fmt), 64);
		fc_lint_err(l, "format", false,
			    "unsupported format \"%s\" (this fipsctl reads %s)",
			    shown, CMVP_FORMAT);
	}
	db->data_as_of = get_day(l, top, "data_as_of", "");
	fc_lint_prov(l, top, "", &db->prov);
	parse_list(l, top, "certificates", true, db);
	parse_list(l, top, "in_process", false, db);
}

int fc_cmvp_parse(const char *text, size_t len, const char *file,
		  struct fc_cmvp **out, struct fc_diags *diags)
{
	*out = NULL;
	struct fc_cmvp *db = fc_calloc(1, sizeof(*db));
	db->path = fc_strdup(file);
	db->data_as_of = -1;
	int r = fc_lint_document(text, len, file, "the certificate data",
				 diags, lint_cmvp, db);
	if (r < 0) {
		fc_cmvp_free(db);
		return r;
	}
	*out = db;
	return 0;
}

int fc_cmvp_load(const char *path, struct fc_cmvp **out,
		 struct fc_diags *diags)
{
	*out = NULL;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_policy_read_diag(path, &text, &len, diags);
	if (r < 0)
		return r;
	return fc_cmvp_parse(text, len, path, out, diags);
}

int fc_cmvp_load_default(struct fc_cmvp **out, struct fc_diags *diags)
{
	*out = NULL;
	_cleanup_free_ char *path = fc_policy_data_path(FC_CMVP_FILE);
	if (!path)
		return -ENOENT;
	return fc_cmvp_load(path, out, diags);
}

const struct fc_cmvp_entry *fc_cmvp_find_cert(const struct fc_cmvp *db,
					      const char *number)
{
	for (size_t i = 0; db && number && i < db->n; i++)
		if (fc_streq(db->v[i].number, number))
			return &db->v[i];
	return NULL;
}

const struct fc_cmvp_entry *fc_cmvp_find_in_process(const struct fc_cmvp *db,
						    const char *id)
{
	for (size_t i = 0; db && id && i < db->n; i++)
		if (fc_streq(db->v[i].id, id))
			return &db->v[i];
	return NULL;
}

size_t fc_cmvp_check_refs(const struct fc_policy *p, const struct fc_cmvp *db,
			  struct fc_diags *diags)
{
	size_t n = 0;
	for (int m = 0; m < FC_MODULE_COUNT_; m++) {
		const struct fc_policy_module *mo = &p->modules[m];
		for (size_t i = 0; i < mo->n_builds; i++) {
			const struct fc_policy_cert *c = &mo->builds[i].cert;
			if (!c->number && !c->in_process)
				continue;
			if (c->number ? fc_cmvp_find_cert(db, c->number)
				      : fc_cmvp_find_in_process(db, c->in_process))
				continue;
			if (!db)
				fc_diags_add(diags, p->path, c->line, c->col,
					     "%s %s: no certificate data (%s) "
					     "in the policy search path",
					     c->number ? "certificate"
						       : "in-process module",
					     c->number ? c->number
						       : c->in_process,
					     FC_CMVP_FILE);
			else if (c->number)
				fc_diags_add(diags, p->path, c->line, c->col,
					     "certificate #%s is not in %s",
					     c->number, db->path);
			else
				fc_diags_add(diags, p->path, c->line, c->col,
					     "in-process module \"%s\" is not "
					     "in %s",
					     c->in_process, db->path);
			n++;
		}
	}
	return n;
}
