// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a library's answer means for a vector: one decision, fc_kat_judge,
 * from the vector's expected result (valid, invalid, acceptable) and what
 * the library did (computed the expected output or another, refused,
 * failed, does not offer it); then one small writer per judgement for the
 * outcome's verdict and message (src/kat/kat-run.h).
 */
#include "kat/kat-run.h"

#include <stdarg.h>

void fc_kat_outcome_set(struct fc_kat_outcome *o, enum fc_kat_verdict v,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(o->why);
	o->why = fc_vasprintf(fmt, ap);
	o->v = v;
	va_end(ap);
}

enum fc_kat_judgement fc_kat_judge(enum fc_kat_expect expect, int rc,
				   bool matched, bool checking)
{
	switch (rc) {
	case FC_KAT_UNSUPPORTED:
		return FC_KAT_J_NOT_OFFERED;
	case FC_KAT_REJECTED:
		return expect == FC_KAT_VALID ? FC_KAT_J_REJECTED_VALID
					      : FC_KAT_J_PASS;
	case FC_KAT_ERROR:
		return expect == FC_KAT_VALID ? FC_KAT_J_FAILED_VALID
					      : FC_KAT_J_PASS;
	case FC_KAT_OK:
		break;
	default:
		return FC_KAT_J_BAD_RC;
	}
	if (expect == FC_KAT_INVALID && checking)
		return FC_KAT_J_ACCEPTED_INVALID;
	if (expect == FC_KAT_INVALID)
		return matched ? FC_KAT_J_PRODUCED_INVALID : FC_KAT_J_PASS;
	return matched ? FC_KAT_J_PASS : FC_KAT_J_WRONG_OUTPUT;
}

/* --- one writer per judgement ----------------------------------------------- */

typedef void writer_fn(struct fc_kat_outcome *o, int rc, const char *what,
		       const struct fc_kat_why *why);

/* The library's own words when it gave any, else what. */
static const char *reason(const struct fc_kat_why *why, const char *what)
{
	return why->text[0] ? why->text : what;
}

static void write_pass(struct fc_kat_outcome *o, int rc, const char *what,
		       const struct fc_kat_why *why)
{
	(void)rc, (void)what, (void)why;
	o->v = FC_KAT_V_PASS;
}

static void write_not_offered(struct fc_kat_outcome *o, int rc,
			      const char *what, const struct fc_kat_why *why)
{
	(void)rc, (void)what;
	fc_kat_outcome_set(o, FC_KAT_V_SKIP, "%s", reason(why, "not offered"));
}

static void write_rejected_valid(struct fc_kat_outcome *o, int rc,
				 const char *what,
				 const struct fc_kat_why *why)
{
	(void)rc;
	fc_kat_outcome_set(o, FC_KAT_V_FAIL, "rejected a valid case: %s",
			   reason(why, what));
}

static void write_failed_valid(struct fc_kat_outcome *o, int rc,
			       const char *what, const struct fc_kat_why *why)
{
	(void)rc;
	fc_kat_outcome_set(o, FC_KAT_V_FAIL, "failed on a valid case: %s",
			   reason(why, what));
}

static void write_accepted_invalid(struct fc_kat_outcome *o, int rc,
				   const char *what,
				   const struct fc_kat_why *why)
{
	(void)rc, (void)why;
	fc_kat_outcome_set(o, FC_KAT_V_FAIL, "accepted an invalid case (%s)",
			   what);
}

static void write_produced_invalid(struct fc_kat_outcome *o, int rc,
				   const char *what,
				   const struct fc_kat_why *why)
{
	(void)rc, (void)why;
	fc_kat_outcome_set(o, FC_KAT_V_FAIL,
			   "produced the output of an invalid case (%s)", what);
}

/* The runner described the mismatch (fc_kat_mismatch). */
static void write_wrong_output(struct fc_kat_outcome *o, int rc,
			       const char *what, const struct fc_kat_why *why)
{
	(void)rc, (void)what, (void)why;
	o->v = FC_KAT_V_FAIL;
}

static void write_bad_rc(struct fc_kat_outcome *o, int rc, const char *what,
			 const struct fc_kat_why *why)
{
	(void)what, (void)why;
	fc_kat_outcome_set(o, FC_KAT_V_FAIL, "adapter returned %d", rc);
}

static writer_fn *const writers[FC_KAT_J_COUNT_] = {
	[FC_KAT_J_PASS] = write_pass,
	[FC_KAT_J_NOT_OFFERED] = write_not_offered,
	[FC_KAT_J_REJECTED_VALID] = write_rejected_valid,
	[FC_KAT_J_FAILED_VALID] = write_failed_valid,
	[FC_KAT_J_ACCEPTED_INVALID] = write_accepted_invalid,
	[FC_KAT_J_PRODUCED_INVALID] = write_produced_invalid,
	[FC_KAT_J_WRONG_OUTPUT] = write_wrong_output,
	[FC_KAT_J_BAD_RC] = write_bad_rc,
};

void fc_kat_outcome_write(struct fc_kat_outcome *o, enum fc_kat_judgement j,
			  int rc, const char *what,
			  const struct fc_kat_why *why)
{
	if ((unsigned)j >= FC_KAT_J_COUNT_)
		j = FC_KAT_J_BAD_RC;
	writers[j](o, rc, what, why);
}

/* What a case of operation op checks, for the edge-case message. */
static const char *valid_what(enum fc_kat_op op)
{
	switch (op) {
	case FC_KAT_OP_ECDSA_VERIFY:
	case FC_KAT_OP_RSA_VERIFY:
		return "signature";
	case FC_KAT_OP_ECDH:
		return "public key";
	default:
		return "input";
	}
}

void fc_kat_settle(struct fc_kat_outcome *o, const struct fc_kat_vector *v,
		   int rc, bool matched, bool checking, const char *what,
		   const struct fc_kat_why *why)
{
	enum fc_kat_judgement j = fc_kat_judge(v->expect, rc, matched, checking);
	/* Refusing a valid edge case is a defect for rare inputs, not a
	 * wrong known answer; a wrong output or an accepted invalid case
	 * stays a failure whatever the flags. */
	if (v->edge_case &&
	    (j == FC_KAT_J_REJECTED_VALID || j == FC_KAT_J_FAILED_VALID)) {
		fc_kat_outcome_set(o, FC_KAT_V_WARN,
				   "the library rejects a valid %s in a rare "
				   "edge case (Wycheproof flag %s): %s",
				   valid_what((enum fc_kat_op)v->op),
				   v->edge_case, reason(why, what));
		return;
	}
	fc_kat_outcome_write(o, j, rc, what, why);
}

/* --- describing a wrong output ---------------------------------------------- */

char *fc_kat_hex_short(const uint8_t *p, size_t n)
{
	struct fc_buf b = { 0 };
	size_t shown = n > 24 ? 24 : n;
	for (size_t i = 0; i < shown; i++)
		fc_buf_addf(&b, "%02x", p[i]);
	if (shown < n)
		fc_buf_addf(&b, "...(%zu bytes)", n);
	if (!n)
		fc_buf_adds(&b, "(empty)");
	return fc_buf_steal(&b);
}

void fc_kat_mismatch(struct fc_kat_outcome *o, const char *what,
		     const uint8_t *got, const uint8_t *want, size_t n)
{
	_cleanup_free_ char *g = fc_kat_hex_short(got, n),
			    *w = fc_kat_hex_short(want, n);
	fc_kat_outcome_set(o, FC_KAT_V_FAIL, "%s differs: got %s, expected %s",
			   what, g, w);
}
