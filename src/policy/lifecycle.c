// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a certificate is on a given day (src/policy/cmvp.h).  CMVP's data
 * says a certificate's status and its validation and sunset dates; the
 * status of a past or future day follows from the dates: before the
 * validation date the module was not yet validated, and from the sunset
 * date on CMVP lists the certificate as historical.
 * A revoked certificate and one CMVP moved to the historical list early
 * stay so whatever the day.
 */
#include "policy/cmvp.h"

#include "base/date.h"

static const char *const life_names[] = {
	[FC_LIFE_ACTIVE] = "active",
	[FC_LIFE_NOT_YET] = "not-yet-validated",
	[FC_LIFE_HISTORICAL] = "historical",
	[FC_LIFE_REVOKED] = "revoked",
	[FC_LIFE_IN_PROCESS] = "in-process",
	[FC_LIFE_UNKNOWN] = "unknown",
};

const char *fc_life_name(enum fc_life l)
{
	return (unsigned)l < FC_ARRAY_SIZE(life_names) ? life_names[l] : "?";
}

bool fc_life_validated(enum fc_life l)
{
	return l == FC_LIFE_ACTIVE;
}

enum fc_life fc_cmvp_entry_life(const struct fc_cmvp_entry *e, long day)
{
	switch (e->status) {
	case FC_CMVP_IN_PROCESS:
		return FC_LIFE_IN_PROCESS;
	case FC_CMVP_REVOKED:
		return FC_LIFE_REVOKED;
	case FC_CMVP_HISTORICAL:
		return FC_LIFE_HISTORICAL;
	case FC_CMVP_ACTIVE:
	default:
		if (e->validated >= 0 && day < e->validated)
			return FC_LIFE_NOT_YET;
		if (e->sunset >= 0 && day >= e->sunset)
			return FC_LIFE_HISTORICAL;
		return FC_LIFE_ACTIVE;
	}
}

void fc_cert_life(const struct fc_cmvp *db, const struct fc_policy_cert *c,
		  long day, struct fc_life_at *out)
{
	*out = (struct fc_life_at){ .life = FC_LIFE_UNKNOWN, .day = day,
				    .db = db };
	out->e = c->number ? fc_cmvp_find_cert(db, c->number)
			   : fc_cmvp_find_in_process(db, c->in_process);
	if (out->e)
		out->life = fc_cmvp_entry_life(out->e, day);
	else if (c->in_process)
		/* Listed as in review by the table, even without the data. */
		out->life = FC_LIFE_IN_PROCESS;
}

char *fc_life_status(const struct fc_life_at *a)
{
	if (a->life == FC_LIFE_IN_PROCESS && a->e && a->e->state)
		return fc_asprintf("in-process:%s", a->e->state);
	return fc_strdup(fc_life_name(a->life));
}

bool fc_cmvp_stale(const struct fc_cmvp *db, long day)
{
	return db && db->data_as_of >= 0 &&
	       day - db->data_as_of > FC_CMVP_STALE_DAYS;
}

char *fc_life_phrase(const struct fc_life_at *a, const struct fc_policy_cert *c)
{
	const struct fc_cmvp_entry *e = a->e;
	_cleanup_free_ char *day = fc_date_format(a->day);
	_cleanup_free_ char *sunset = e && e->sunset >= 0
					      ? fc_date_format(e->sunset)
					      : NULL;
	_cleanup_free_ char *valid = e && e->validated >= 0
					     ? fc_date_format(e->validated)
					     : NULL;
	switch (a->life) {
	case FC_LIFE_ACTIVE:
		return fc_asprintf("certificate #%s, active as of %s%s%s%s",
				   c->number, day, sunset ? " (sunset " : "",
				   sunset ? sunset : "", sunset ? ")" : "");
	case FC_LIFE_NOT_YET:
		return fc_asprintf("certificate #%s, not yet validated on %s "
				   "(validated %s)",
				   c->number, day, valid);
	case FC_LIFE_HISTORICAL:
		if (sunset && a->day >= e->sunset)
			return fc_asprintf("certificate #%s, historical since "
					   "its sunset date %s (as of %s)",
					   c->number, sunset, day);
		return fc_asprintf("certificate #%s, historical (as of %s)",
				   c->number, day);
	case FC_LIFE_REVOKED:
		return fc_asprintf("certificate #%s, revoked (as of %s)",
				   c->number, day);
	case FC_LIFE_IN_PROCESS:
		if (e) {
			_cleanup_free_ char *since =
				e->since >= 0 ? fc_date_format(e->since) : NULL;
			return fc_asprintf("in CMVP review (%s: %s%s%s), not "
					   "validated",
					   e->module, e->state,
					   since ? " since " : "",
					   since ? since : "");
		}
		return fc_strdup("in CMVP review, not validated");
	case FC_LIFE_UNKNOWN:
	default:
		if (c->number)
			return fc_asprintf("certificate #%s, status unknown (not "
					   "in the certificate data)",
					   c->number);
		return fc_strdup("certificate number and status unknown");
	}
}
