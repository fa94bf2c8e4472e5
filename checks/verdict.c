// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What every validated-version check shares (checks/validated.h): the
 * verdicts and their statuses, what is known once the probes finished
 * (the table that applies, the rpmdb helper's packages), and the facts
 * and phrases every module finding carries.  The checks are
 * checks/validated-policy.c (the table), checks/validated.c (the
 * userspace modules) and checks/validated-kernel.c (running and default
 * boot kernel).
 */
#include "validated.h"

#include <errno.h>

#include "base/date.h"

static const char *const verdict_names[] = {
	[FC_V_VALIDATED] = "validated",
	[FC_V_COMPLIANT] = "compliant",
	[FC_V_IN_PROCESS] = "in-process",
	[FC_V_UNVALIDATED] = "unvalidated",
	[FC_V_NOT_COVERED] = "not-covered",
	[FC_V_NOT_INSTALLED] = "not-installed",
	[FC_V_UNKNOWN] = "unknown",
};

const char *fc_verdict_name(enum fc_verdict v)
{
	return (unsigned)v < FC_ARRAY_SIZE(verdict_names) ? verdict_names[v]
							  : "?";
}

/*
 * Default mode accepts patched builds that keep the validated crypto, with
 * a warning; --strict accepts only the exact validated builds (sites that
 * must run the certified builds).  "Could not judge" is a skip with its
 * reason, never a pass and never a "no".
 */
enum fc_status fc_verdict_status(bool strict, enum fc_verdict v)
{
	switch (v) {
	case FC_V_VALIDATED:
		return FC_STATUS_PASS;
	case FC_V_COMPLIANT:
	case FC_V_IN_PROCESS:
		/* Not validated yet: a strict site needs the certificate. */
		return strict ? FC_STATUS_FAIL : FC_STATUS_WARN;
	case FC_V_UNVALIDATED:
	case FC_V_NOT_COVERED:
		return FC_STATUS_FAIL;
	case FC_V_NOT_INSTALLED:
	case FC_V_UNKNOWN:
	default:
		return FC_STATUS_SKIP;
	}
}

enum fc_status fc_life_status_for(bool strict, enum fc_life l)
{
	switch (l) {
	case FC_LIFE_ACTIVE:
		return FC_STATUS_PASS;
	case FC_LIFE_UNKNOWN:
		return FC_STATUS_WARN;
	case FC_LIFE_REVOKED:
		return FC_STATUS_FAIL;
	case FC_LIFE_NOT_YET:
	case FC_LIFE_HISTORICAL:
	case FC_LIFE_IN_PROCESS:
	default:
		return strict ? FC_STATUS_FAIL : FC_STATUS_WARN;
	}
}

enum fc_status fc_status_worse(enum fc_status a, enum fc_status b)
{
	static const int rank[FC_STATUS_COUNT_] = {
		[FC_STATUS_PASS] = 0, [FC_STATUS_SKIP] = 0,
		[FC_STATUS_WARN] = 1, [FC_STATUS_FAIL] = 2,
		[FC_STATUS_ERROR] = 3,
	};
	return rank[b] > rank[a] ? b : a;
}

void fc_vstatus(struct fc_finding *f, enum fc_status st, enum fc_verdict v,
		const char *summary)
{
	if (st == FC_STATUS_SKIP)
		fc_finding_skip(f,
				v == FC_V_NOT_INSTALLED ? FC_SKIP_NOT_APPLICABLE
							: FC_SKIP_NOT_EXAMINED,
				"%s", summary);
	else
		fc_finding_status(f, st, "%s", summary);
}

/* --- what is known after the probes ------------------------------------ */

static void vstate_free(void *p)
{
	struct fc_vstate *st = p;
	for (size_t i = 0; i < st->n_tables; i++)
		fc_policy_free(st->tables[i]);
	free(st->tables);
	free(st->choice);
	free(st->load_error);
	free(st->rpm_why);
	free(st->data_error);
	for (size_t i = 0; i < st->n_pkgs; i++)
		fc_installed_pkg_clear(&st->pkgs[i]);
	free(st->pkgs);
	for (size_t i = 0; i < st->n_files; i++)
		fc_module_file_clear(&st->files[i]);
	free(st->files);
	free(st);
}

char *fc_vabsent_why(const struct fc_report *r, const char *id)
{
	const struct fc_finding *f = fc_report_find(r, id);
	if (!f)
		return fc_asprintf("check %s did not run (deselected)", id);
	return fc_asprintf("%s: %s", id, f->summary ? f->summary : "no summary");
}

static void read_rpmdb(struct fc_ctx *ctx, struct fc_vstate *st)
{
	const struct fc_finding *f =
		fc_report_find(ctx->report, "validated.rpmdb");
	if (!f || f->status != FC_STATUS_PASS) {
		st->rpm_why = fc_vabsent_why(ctx->report, "validated.rpmdb");
		return;
	}
	for (size_t i = 0; i < f->n_facts; i++) {
		if (fc_startswith(f->facts[i].key, "file.")) {
			struct fc_module_file mf;
			if (fc_module_file_parse(f->facts[i].value, &mf) < 0) {
				_cleanup_free_ char *shown =
					fc_printable(f->facts[i].value, 200);
				st->rpm_why = fc_asprintf("the rpmdb helper sent "
							  "a malformed file "
							  "fact: %s",
							  shown);
				return;
			}
			st->files = fc_realloc(st->files, (st->n_files + 1) *
								  sizeof(*st->files));
			st->files[st->n_files++] = mf;
			continue;
		}
		if (!fc_startswith(f->facts[i].key, "package."))
			continue;
		struct fc_installed_pkg p;
		if (fc_installed_pkg_parse(f->facts[i].value, &p) < 0) {
			_cleanup_free_ char *shown =
				fc_printable(f->facts[i].value, 200);
			st->rpm_why = fc_asprintf("the rpmdb helper sent a "
						  "malformed package fact: %s",
						  shown);
			return;
		}
		st->pkgs = fc_realloc(st->pkgs,
				      (st->n_pkgs + 1) * sizeof(*st->pkgs));
		st->pkgs[st->n_pkgs++] = p;
	}
	st->rpm_ok = true;
}

static void choose_table(struct fc_ctx *ctx, struct fc_vstate *st)
{
	const struct fc_finding *rf =
		fc_report_find(ctx->report, "validated.rpmdb");
	const char *name = rf && st->rpm_ok ? fc_finding_get_fact(rf, "policy")
					    : NULL;
	const char *why = rf ? fc_finding_get_fact(rf, "policy_choice") : NULL;
	if (name) {
		/* The helper saw the marker packages and chose. */
		for (size_t i = 0; i < st->n_tables; i++)
			if (fc_streq(st->tables[i]->name, name))
				st->table = st->tables[i];
		if (why)
			st->choice = fc_strdup(why);
		if (st->table || st->n_tables == 0 || fc_streq(name, "none"))
			return;
		free(st->choice);
		st->choice = fc_asprintf("the rpmdb helper chose table %s, "
					 "which is not among the candidates",
					 name);
		return;
	}
	long pick = fc_policy_choose(st->tables, st->n_tables, NULL, NULL,
				     &st->choice);
	if (pick >= 0)
		st->table = st->tables[pick];
}

const struct fc_vstate *fc_vstate_get(struct fc_ctx *ctx)
{
	static const char key[] = "validated.state";
	struct fc_vstate *st = fc_cache_get(ctx, key);
	if (st)
		return st;
	st = fc_calloc(1, sizeof(*st));
	st->host = &ctx->report->host;
	for (size_t i = 0; ctx->opts.policy_files && ctx->opts.policy_files[i];
	     i++) {
		struct fc_policy *p = NULL;
		struct fc_diags d = { 0 };
		if (fc_policy_load(ctx->opts.policy_files[i], &p, &d) < 0) {
			/* 'check' loaded it a moment ago: it changed. */
			if (!st->load_error)
				st->load_error = fc_asprintf(
					"%s: %s", ctx->opts.policy_files[i],
					d.n ? d.v[0].msg : "cannot load");
			fc_diags_free(&d);
			continue;
		}
		fc_diags_free(&d);
		st->tables = fc_realloc(st->tables,
					(st->n_tables + 1) * sizeof(*st->tables));
		st->tables[st->n_tables++] = p;
	}
	st->check_time = ctx->opts.check_time;
	st->time_source = ctx->opts.time_source;
	st->day = fc_time_day(st->check_time);
	/* 'check' loaded and checked them a moment ago. */
	struct fc_diags cd = { 0 }, kd = { 0 };
	struct fc_refdata ref;
	fc_policy_refdata(&ref, &cd, &kd);
	st->db = ref.db;
	st->keys = ref.keys;
	if (ref.cmvp_r < 0 && ref.cmvp_r != -ENOENT && !st->data_error)
		st->data_error = fc_strdup(cd.n ? cd.v[0].msg : "cannot load");
	if (ref.keys_r < 0 && ref.keys_r != -ENOENT && !st->data_error)
		st->data_error = fc_strdup(kd.n ? kd.v[0].msg : "cannot load");
	fc_diags_free(&cd);
	fc_diags_free(&kd);
	read_rpmdb(ctx, st);
	choose_table(ctx, st);
	fc_cache_put(ctx, key, st, vstate_free);
	return st;
}

/* --- facts and phrases --------------------------------------------------- */

static void fact_kv(struct fc_finding *f, const char *prefix,
		    const char *key, const char *value)
{
	_cleanup_free_ char *k = fc_asprintf("%s_%s", prefix, key);
	fc_finding_fact(f, k, "%s", value);
}

void fc_vfacts_prov(struct fc_finding *f, const char *prefix,
		    const struct fc_provenance *p)
{
	fact_kv(f, prefix, "source", p->source ? p->source : "unknown");
	fact_kv(f, prefix, "date", p->date ? p->date : "unknown");
	fact_kv(f, prefix, "confidence", fc_confidence_name(p->confidence));
	if (p->note)
		fact_kv(f, prefix, "note", p->note);
}

void fc_vfacts_table(struct fc_finding *f, const struct fc_vstate *st)
{
	fc_finding_fact(f, "policy", "%s", st->table->name);
	fc_finding_fact(f, "policy_file", "%s", st->table->path);
}

void fc_vlife(const struct fc_vstate *st, const struct fc_policy_build *b,
	      struct fc_life_at *out)
{
	fc_cert_life(st->db, &b->cert, st->day, out);
}

void fc_vfacts_build(struct fc_finding *f, const struct fc_vstate *st,
		     const struct fc_policy_build *b)
{
	if (b->module_name)
		fc_finding_fact(f, "validated_module_name", "%s",
				b->module_name);
	if (b->module_version)
		fc_finding_fact(f, "validated_module_version", "%s",
				b->module_version);
	struct fc_buf pk = { 0 };
	for (size_t i = 0; i < b->n_pkgs; i++)
		fc_buf_addf(&pk, "%s%s-%s", i ? " " : "", b->pkgs[i].name,
			    b->pkgs[i].evr ? b->pkgs[i].evr
					   : b->pkgs[i].evr_glob);
	if (pk.data)
		fc_finding_fact(f, "validated_packages", "%s", pk.data);
	fc_buf_free(&pk);
	struct fc_life_at life;
	fc_vlife(st, b, &life);
	if (b->cert.number)
		fc_finding_fact(f, "certificate", "#%s", b->cert.number);
	else if (b->cert.in_process)
		fc_finding_fact(f, "certificate", "none (in CMVP review)");
	else
		fc_finding_fact(f, "certificate", "unknown");
	_cleanup_free_ char *status = fc_life_status(&life);
	_cleanup_free_ char *day = fc_date_format(st->day);
	fc_finding_fact(f, "certificate_status", "%s", status);
	fc_finding_fact(f, "certificate_status_as_of", "%s", day);
	const struct fc_cmvp_entry *e = life.e;
	if (e) {
		fc_finding_fact(f, "certificate_module", "%s", e->module);
		fc_finding_fact(f, "certificate_vendor", "%s", e->vendor);
		if (e->validated >= 0) {
			_cleanup_free_ char *v = fc_date_format(e->validated);
			fc_finding_fact(f, "certificate_validation_date", "%s",
					v);
		}
		if (e->sunset >= 0) {
			_cleanup_free_ char *v = fc_date_format(e->sunset);
			fc_finding_fact(f, "certificate_sunset_date", "%s", v);
		}
		if (e->since >= 0) {
			_cleanup_free_ char *v = fc_date_format(e->since);
			fc_finding_fact(f, "in_process_since", "%s", v);
		}
		fc_vfacts_prov(f, "certificate_data", &e->prov);
		if (st->db && st->db->data_as_of >= 0) {
			_cleanup_free_ char *v = fc_date_format(st->db->data_as_of);
			fc_finding_fact(f, "certificate_data_as_of", "%s", v);
		}
	}
	fc_vfacts_prov(f, "certificate", &b->cert.prov);
	fc_vfacts_prov(f, "build", &b->prov);
	if (b->note)
		fc_finding_fact(f, "build_note", "%s", b->note);
}

void fc_vfacts_rule(struct fc_finding *f, const struct fc_policy_compliant *c)
{
	fc_finding_fact(f, "compliant_builds", "%s %s (newer than %s)",
			c->package, c->evr_glob, c->newer_than);
	fc_finding_fact(f, "compliant_statement", "%s", c->statement);
	fc_vfacts_prov(f, "compliant", &c->prov);
}

static const char *confidence_phrase(enum fc_confidence c)
{
	switch (c) {
	case FC_CONF_THIRD_PARTY:
		return "tied to this build by a third-party source";
	case FC_CONF_UNCONFIRMED:
		return "which builds it covers is not confirmed";
	case FC_CONF_VERIFIED:
	default:
		return NULL;
	}
}

char *fc_vcert_phrase(const struct fc_vstate *st,
		      const struct fc_policy_build *b)
{
	const char *conf = confidence_phrase(b->cert.prov.confidence);
	struct fc_life_at life;
	fc_vlife(st, b, &life);
	_cleanup_free_ char *ph = fc_life_phrase(&life, &b->cert);
	return fc_asprintf("%s%s%s%s", ph, conf ? " (" : "", conf ? conf : "",
			   conf ? ")" : "");
}

const char *fc_voe_phrase(const struct fc_vstate *st)
{
	const struct fc_policy_os *os = fc_policy_os_find(
		st->table, st->host->os_id, st->host->os_version_id);
	return os && os->vendor_affirmed
		       ? ", on a vendor-affirmed operating environment"
		       : "";
}

/* No table to judge by: f says why. */
static void no_table(struct fc_finding *f, const struct fc_vstate *st)
{
	const struct fc_host *h = st->host;
	if (st->load_error)
		fc_finding_status(f, FC_STATUS_ERROR,
				  "a validated-module table changed while "
				  "fipsctl ran: %s",
				  st->load_error);
	else if (st->n_tables)
		fc_finding_status(f, FC_STATUS_SKIP,
				  "not judged: which validated-module table "
				  "applies is not known (%s)",
				  st->choice);
	else
		fc_finding_status(f, FC_STATUS_SKIP,
				  "not judged: no validated-module table for "
				  "%s %s %s (see validated.policy)",
				  h->os_id ? h->os_id : "unknown",
				  h->os_version_id ? h->os_version_id : "unknown",
				  h->arch ? h->arch : "unknown");
	fc_finding_fact(f, "verdict", "%s", fc_verdict_name(FC_V_UNKNOWN));
}

bool fc_vstart(struct fc_ctx *ctx, enum fc_module m, struct fc_finding **f,
	       const struct fc_vstate **st)
{
	*st = fc_vstate_get(ctx);
	*f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(*f, "module", "%s", fc_module_name(m));
	fc_finding_fact(*f, "mode", "%s", ctx->opts.strict ? "strict" : "default");
	if ((*st)->table)
		return true;
	no_table(*f, *st);
	return false;
}
