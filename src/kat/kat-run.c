// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The run (src/kat/kat.h): the vectors selected by --algorithm, each
 * through the runner of its operation, counted per algorithm cell.  Never
 * stops early: every vector is tried and counted.
 */
#include "kat/kat-run.h"

#include <fnmatch.h>
#include <string.h>

bool fc_kat_alg_selected(const struct fc_kat_opts *o, const char *alg)
{
	if (!o || !o->algorithms || !o->algorithms[0])
		return true;
	for (size_t i = 0; o->algorithms[i]; i++)
		if (fnmatch(o->algorithms[i], alg, FNM_CASEFOLD) == 0)
			return true;
	return false;
}

/* --- one vector ------------------------------------------------------------- */

static const uint8_t empty[1];

const uint8_t *fc_kat_field_data(const struct fc_kat_vector *v,
				 enum fc_kat_fid id, size_t *len)
{
	const struct fc_kat_field *f = fc_kat_get(v, id);
	*len = f ? f->len : 0;
	return f && f->data ? f->data : empty;
}

bool fc_kat_has(const struct fc_kat_vector *v, enum fc_kat_fid id)
{
	return fc_kat_get(v, id) != NULL;
}

bool fc_kat_offered(struct fc_kat_outcome *o, const void *fn,
		    const char *what)
{
	if (!fn)
		fc_kat_outcome_set(o, FC_KAT_V_SKIP,
				   "%s is not offered by this library", what);
	return fn != NULL;
}

static fc_kat_runner *const runners[FC_KAT_OP_COUNT_] = {
	[FC_KAT_OP_DIGEST] = fc_kat_run_digest,
	[FC_KAT_OP_HMAC] = fc_kat_run_mac,
	[FC_KAT_OP_CMAC] = fc_kat_run_mac,
	[FC_KAT_OP_CIPHER] = fc_kat_run_cipher,
	[FC_KAT_OP_GCM] = fc_kat_run_gcm,
	[FC_KAT_OP_HKDF] = fc_kat_run_kdf,
	[FC_KAT_OP_PBKDF2] = fc_kat_run_kdf,
	[FC_KAT_OP_ECDSA_VERIFY] = fc_kat_run_ecdsa_verify,
	[FC_KAT_OP_ECDSA_SIGN] = fc_kat_run_ecdsa_sign,
	[FC_KAT_OP_RSA_VERIFY] = fc_kat_run_rsa_verify,
	[FC_KAT_OP_ECDH] = fc_kat_run_ecdh,
	[FC_KAT_OP_DRBG] = fc_kat_run_drbg,
};

void fc_kat_run_one(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	o->v = FC_KAT_V_PASS;
	o->why = NULL;
	if (v->skip)
		fc_kat_outcome_set(o, FC_KAT_V_SKIP, "%s", v->skip);
	else if (v->op < FC_KAT_OP_COUNT_ && runners[v->op])
		runners[v->op](ops, a, v, o);
	else
		fc_kat_outcome_set(o, FC_KAT_V_SKIP, "unknown operation %u",
				   v->op);
}

/* --- the run ---------------------------------------------------------------- */

static struct fc_kat_cell *cell_get(struct fc_kat_tally *t, const char *alg)
{
	for (size_t i = 0; i < t->n; i++)
		if (fc_streq(t->cells[i].alg, alg))
			return &t->cells[i];
	t->cells = fc_realloc(t->cells, (t->n + 1) * sizeof(*t->cells));
	struct fc_kat_cell *c = &t->cells[t->n++];
	memset(c, 0, sizeof(*c));
	c->alg = fc_strdup(alg);
	return c;
}

void fc_kat_tally_free(struct fc_kat_tally *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->cells[i].alg);
		free(t->cells[i].first_failure);
		free(t->cells[i].first_warning);
		free(t->cells[i].skip_reason);
	}
	free(t->cells);
	*t = (struct fc_kat_tally){ 0 };
}

/* Count outcome out of vector v in its cell; true when it ran. */
static bool tally(struct fc_kat_cell *c, const struct fc_kat_vector *v,
		  const struct fc_kat_outcome *out)
{
	switch (out->v) {
	case FC_KAT_V_PASS:
		c->passed++;
		return true;
	case FC_KAT_V_FAIL:
		c->failed++;
		if (!c->first_failure) {
			_cleanup_free_ char *name = fc_kat_vector_name(v);
			c->first_failure = fc_asprintf(
				"%s: %s", name,
				out->why ? out->why : "wrong result");
		}
		return true;
	case FC_KAT_V_WARN:
		c->warned++;
		if (!c->first_warning) {
			_cleanup_free_ char *name = fc_kat_vector_name(v);
			c->first_warning = fc_asprintf("%s: %s", name,
						       out->why ? out->why
								: "rejected");
		}
		return true;
	case FC_KAT_V_SKIP:
		c->skipped++;
		if (!c->skip_reason)
			c->skip_reason = fc_strdup(out->why ? out->why : "");
		return false;
	}
	return false;
}

void fc_kat_run(const struct fc_kat_ops *ops, void *a,
		const struct fc_kat_vector *const *v, size_t n,
		const struct fc_kat_opts *o, struct fc_kat_tally *t)
{
	bool *ran = fc_calloc(n + 1, sizeof(bool));
	unsigned long long t0 = fc_now_ns();
	for (size_t i = 0; i < n; i++) {
		if (!fc_kat_alg_selected(o, v[i]->alg))
			continue;
		struct fc_kat_cell *c = cell_get(t, v[i]->alg);
		struct fc_kat_outcome out;
		fc_kat_run_one(ops, a, v[i], &out);
		t->kats++;
		ran[i] = tally(c, v[i], &out);
		free(out.why);
	}
	t->run_ms = (double)(fc_now_ns() - t0) / 1e6;
	if (o && o->bench)
		for (size_t i = 0; i < t->n; i++)
			fc_kat_bench_cell(ops, a, v, n, ran, &t->cells[i],
					  o->seconds > 0 ? o->seconds : 0.1);
	free(ran);
}
