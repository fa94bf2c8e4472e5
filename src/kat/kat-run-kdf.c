// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Key derivation: HKDF and PBKDF2.
 */
#include "kat/kat-run.h"

#include <string.h>

void fc_kat_run_kdf(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	bool hkdf = v->op == FC_KAT_OP_HKDF;
	if (!fc_kat_offered(o,
			    hkdf ? (const void *)ops->hkdf
				 : (const void *)ops->pbkdf2,
			    v->alg))
		return;
	size_t ml, sl, il, ol;
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	const uint8_t *salt = fc_kat_field_data(v, FC_KAT_F_SALT, &sl);
	const uint8_t *info = fc_kat_field_data(v, FC_KAT_F_INFO, &il);
	const uint8_t *want = fc_kat_field_data(v, FC_KAT_F_OUT, &ol);
	size_t n = v->out_len;
	uint8_t *out = fc_malloc(n + 1);
	struct fc_kat_why why = { { 0 } };
	int rc = hkdf ? ops->hkdf(a, v->hash, msg, ml, salt, sl, info, il, out,
				  n, &why)
		      : ops->pbkdf2(a, v->hash, msg, ml, salt, sl, v->count,
				    out, n, &why);
	bool ok = rc == FC_KAT_OK && n == ol && memcmp(out, want, n) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		fc_kat_mismatch(o, "derived key", out, want, n < ol ? n : ol);
	/* HKDF refuses sizes beyond 255 digests: a checking operation. */
	fc_kat_settle(o, v, rc, ok, hkdf, "derived key", &why);
	free(out);
}
