// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DRBGs (Hash, HMAC, CTR): the whole ACVP procedure in the adapter,
 * the last generate compared here.
 */
#include "kat/kat-run.h"

#include <string.h>

void fc_kat_run_drbg(const struct fc_kat_ops *ops, void *a,
		     const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->drbg, v->alg))
		return;
	struct fc_kat_drbg d = {
		.kind = v->mode,
		.hash = v->hash,
		.key_bits = v->key_bits,
		.df = v->flags & FC_KAT_DF,
		.pr = v->flags & FC_KAT_PR,
		.n_steps = v->n_steps,
		.out_len = v->out_len,
	};
	d.entropy = fc_kat_field_data(v, FC_KAT_F_ENTROPY, &d.entropy_len);
	d.nonce = fc_kat_field_data(v, FC_KAT_F_NONCE, &d.nonce_len);
	d.pers = fc_kat_field_data(v, FC_KAT_F_PERS, &d.pers_len);
	for (size_t i = 0; i < d.n_steps && i < FC_KAT_DRBG_STEPS_MAX; i++) {
		d.steps[i].reseed = v->reseed_mask & (1u << i);
		d.steps[i].add = fc_kat_field_data(v, FC_KAT_F_ADD0 + i,
						   &d.steps[i].add_len);
		d.steps[i].entropy = fc_kat_field_data(v, FC_KAT_F_ENT0 + i,
					&d.steps[i].entropy_len);
	}
	size_t ol;
	const uint8_t *want = fc_kat_field_data(v, FC_KAT_F_OUT, &ol);
	uint8_t *out = fc_malloc(d.out_len + 1);
	struct fc_kat_why why = { { 0 } };
	int rc = ops->drbg(a, &d, out, &why);
	bool ok = rc == FC_KAT_OK && ol == d.out_len &&
		  memcmp(out, want, ol) == 0;
	if (rc == FC_KAT_OK && !ok)
		fc_kat_mismatch(o, "returned bits", out, want,
				ol < d.out_len ? ol : d.out_len);
	fc_kat_settle(o, v, rc, ok, false, "returned bits", &why);
	free(out);
}
