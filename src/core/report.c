// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/report.h"

#include <errno.h>
#include <string.h>

static const char *const status_names[FC_STATUS_COUNT_] = {
	[FC_STATUS_PASS] = "pass", [FC_STATUS_WARN] = "warn",
	[FC_STATUS_SKIP] = "skip", [FC_STATUS_FAIL] = "fail",
	[FC_STATUS_ERROR] = "error",
};

const char *fc_status_name(enum fc_status s)
{
	return (unsigned)s < FC_STATUS_COUNT_ ? status_names[s] : "error";
}

int fc_status_from_name(const char *name, enum fc_status *out)
{
	for (unsigned i = 0; i < FC_STATUS_COUNT_; i++)
		if (fc_streq(name, status_names[i])) {
			*out = (enum fc_status)i;
			return 0;
		}
	return -EINVAL;
}

static const char *const skip_kind_names[] = {
	[FC_SKIP_NOT_APPLICABLE] = "not-applicable",
	[FC_SKIP_NOT_EXAMINED] = "not-examined",
};

const char *fc_skip_kind_name(enum fc_skip_kind k)
{
	return k == FC_SKIP_NOT_APPLICABLE || k == FC_SKIP_NOT_EXAMINED
		       ? skip_kind_names[k]
		       : NULL;
}

const char *fc_skip_kind_text(enum fc_skip_kind k)
{
	switch (k) {
	case FC_SKIP_NOT_APPLICABLE:
		return "not applicable";
	case FC_SKIP_NOT_EXAMINED:
		return "not examined";
	default:
		return NULL;
	}
}

int fc_skip_kind_from_name(const char *name, enum fc_skip_kind *out)
{
	for (unsigned i = FC_SKIP_NOT_APPLICABLE; i <= FC_SKIP_NOT_EXAMINED;
	     i++)
		if (fc_streq(name, skip_kind_names[i])) {
			*out = (enum fc_skip_kind)i;
			return 0;
		}
	return -EINVAL;
}

const char *fc_outcome_name(enum fc_outcome v)
{
	switch (v) {
	case FC_OUTCOME_PASS:
		return "pass";
	case FC_OUTCOME_INCOMPLETE:
		return "incomplete";
	case FC_OUTCOME_FAIL:
	default:
		return "fail";
	}
}

struct fc_report *fc_report_new(void)
{
	return fc_calloc(1, sizeof(struct fc_report));
}

void fc_finding_free(struct fc_finding *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_facts; i++) {
		free(f->facts[i].key);
		free(f->facts[i].value);
	}
	free(f->facts);
	free(f->id);
	free(f->check_id);
	free(f->title);
	free(f->requirement);
	free(f->summary);
	free(f->remediation);
	free(f);
}

void fc_report_free(struct fc_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_findings; i++)
		fc_finding_free(r->findings[i]);
	free(r->findings);
	free(r->fipsctl_version);
	free(r->root);
	free(r->host.hostname);
	free(r->host.os_id);
	free(r->host.os_version_id);
	free(r->host.os_pretty_name);
	free(r->host.arch);
	free(r->host.arch_source);
	free(r->host.kernel_release);
	free(r->host.time_utc);
	free(r->fips_mode_setup_verdict);
	free(r->fips_mode_setup_output);
	if (r->evidence) {
		free(r->evidence->bundle_id);
		free(r->evidence->machine_id);
		free(r->evidence->boot_id);
		free(r->evidence->policy_name);
		free(r->evidence->policy_file);
		free(r->evidence->policy_member);
		free(r->evidence->policy_sha256);
		free(r->evidence);
	}
	free(r);
}

struct fc_finding *fc_report_add(struct fc_report *r, const char *id,
				 const char *check_id)
{
	struct fc_finding *f = fc_calloc(1, sizeof(*f));
	f->id = fc_strdup(id);
	f->check_id = fc_strdup(check_id ? check_id : id);
	f->status = FC_STATUS_ERROR;
	f->summary = fc_strdup("check produced no result");
	r->findings = fc_realloc(r->findings,
				 (r->n_findings + 1) * sizeof(*r->findings));
	r->findings[r->n_findings++] = f;
	return f;
}

FC_PRINTF(2, 0)
static void set_summary(struct fc_finding *f, const char *fmt, va_list ap)
{
	char *s = fc_vasprintf(fmt, ap);
	free(f->summary);
	f->summary = s;
}

void fc_finding_status(struct fc_finding *f, enum fc_status st,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_summary(f, fmt, ap);
	va_end(ap);
	f->status = st;
	if (st != FC_STATUS_SKIP)
		f->skip_kind = FC_SKIP_NONE;
	else if (f->skip_kind == FC_SKIP_NONE)
		f->skip_kind = FC_SKIP_NOT_EXAMINED;
}

void fc_finding_skip(struct fc_finding *f, enum fc_skip_kind k,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_summary(f, fmt, ap);
	va_end(ap);
	f->status = FC_STATUS_SKIP;
	f->skip_kind = k == FC_SKIP_NOT_APPLICABLE ? k : FC_SKIP_NOT_EXAMINED;
}

void fc_finding_fact(struct fc_finding *f, const char *key, const char *fmt,
		     ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *v = fc_vasprintf(fmt, ap);
	va_end(ap);
	/* A fact recorded twice keeps the latest value. */
	for (size_t i = 0; i < f->n_facts; i++)
		if (fc_streq(f->facts[i].key, key)) {
			free(f->facts[i].value);
			f->facts[i].value = v;
			return;
		}
	f->facts = fc_realloc(f->facts, (f->n_facts + 1) * sizeof(*f->facts));
	f->facts[f->n_facts].key = fc_strdup(key);
	f->facts[f->n_facts].value = v;
	f->n_facts++;
}

void fc_finding_remedy(struct fc_finding *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = fc_vasprintf(fmt, ap);
	va_end(ap);
	free(f->remediation);
	f->remediation = s;
}

const char *fc_finding_get_fact(const struct fc_finding *f, const char *key)
{
	for (size_t i = 0; i < f->n_facts; i++)
		if (fc_streq(f->facts[i].key, key))
			return f->facts[i].value;
	return NULL;
}

struct fc_finding *fc_report_find(const struct fc_report *r, const char *id)
{
	for (size_t i = 0; i < r->n_findings; i++)
		if (fc_streq(r->findings[i]->id, id))
			return r->findings[i];
	return NULL;
}

void fc_report_count(const struct fc_report *r, size_t *counts)
{
	memset(counts, 0, FC_STATUS_COUNT_ * sizeof(*counts));
	for (size_t i = 0; i < r->n_findings; i++)
		counts[r->findings[i]->status]++;
}

size_t fc_report_count_skips(const struct fc_report *r, enum fc_skip_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_findings; i++)
		n += r->findings[i]->status == FC_STATUS_SKIP &&
		     r->findings[i]->skip_kind == k;
	return n;
}

enum fc_outcome fc_report_verdict(const struct fc_report *r)
{
	enum fc_outcome v = FC_OUTCOME_PASS;
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fc_finding *f = r->findings[i];
		if (f->status == FC_STATUS_FAIL || f->status == FC_STATUS_ERROR)
			return FC_OUTCOME_FAIL;
		/* A skip of no known kind counts as not examined. */
		if (f->status == FC_STATUS_SKIP &&
		    f->skip_kind != FC_SKIP_NOT_APPLICABLE)
			v = FC_OUTCOME_INCOMPLETE;
	}
	return v;
}

enum fc_status fc_report_worst(const struct fc_report *r)
{
	enum fc_status worst = FC_STATUS_PASS;
	for (size_t i = 0; i < r->n_findings; i++)
		if (r->findings[i]->status > worst)
			worst = r->findings[i]->status;
	return worst;
}
