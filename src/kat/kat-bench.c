// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --bench: each cell's vectors again for a while (ns per known-answer
 * test), and the throughput of its bulk operation on 64 KiB.
 */
#include "kat/kat-run.h"

#include <string.h>

/* Throughput of one bulk operation on a 64 KiB buffer, as the cell's
 * first passing vector configures it; 0 when the op is not bulk. */
static double bulk_mb_per_s(const struct fc_kat_ops *ops, void *a,
			    const struct fc_kat_vector *v, double seconds)
{
	enum { LEN = 64 * 1024 };
	uint8_t *in = fc_calloc(1, LEN), *out = fc_malloc(LEN + 64), tag[16];
	uint8_t key[32] = { 0 }, iv[16] = { 0 };
	size_t kl = v->key_bits ? v->key_bits / 8 : 16;
	struct fc_kat_why why;
	unsigned long long n = 0, t0 = fc_now_ns(),
			   limit = (unsigned long long)(seconds * 1e9);
	unsigned long long el = 0;
	double r = 0;
	if (kl > sizeof(key))
		kl = 16;
	do {
		int rc;
		switch (v->op) {
		case FC_KAT_OP_DIGEST:
			rc = ops->digest(a, v->hash, in, LEN, out, &why);
			break;
		case FC_KAT_OP_HMAC:
			rc = ops->hmac(a, v->hash, key, 32, in, LEN, out, &why);
			break;
		case FC_KAT_OP_CMAC:
			rc = ops->cmac(a, key, kl, in, LEN, out, &why);
			break;
		case FC_KAT_OP_CIPHER:
			rc = ops->cipher(a, v->mode, false, key, kl, iv, in,
					 LEN, out, &why);
			break;
		case FC_KAT_OP_GCM:
			rc = ops->gcm(a, false, key, kl, iv, 12, NULL, 0, in,
				      LEN, tag, 16, out, &why);
			break;
		default:
			goto out;
		}
		if (rc != FC_KAT_OK)
			goto out;
		n++;
		el = fc_now_ns() - t0;
	} while (el < limit);
	r = el ? (double)n * LEN / 1e6 / ((double)el / 1e9) : 0;
out:
	free(in);
	free(out);
	return r;
}

void fc_kat_bench_cell(const struct fc_kat_ops *ops, void *a,
		       const struct fc_kat_vector *const *v, size_t n,
		       const bool *ran, struct fc_kat_cell *c, double seconds)
{
	unsigned long long limit = (unsigned long long)(seconds * 1e9);
	unsigned long long t0 = fc_now_ns(), el = 0, kats = 0;
	const struct fc_kat_vector *first = NULL;
	bool any = false, single = false;
	/* A Monte-Carlo vector is 1000 chained operations: ns per KAT
	 * counts the single ones when the cell has them. */
	for (size_t i = 0; i < n; i++) {
		bool mine = ran[i] && fc_streq(v[i]->alg, c->alg);
		any |= mine;
		single |= mine && !(v[i]->flags & FC_KAT_MCT);
	}
	if (!any)
		return;
	while (el < limit) {
		for (size_t i = 0; i < n && el < limit; i++) {
			if (!ran[i] || !fc_streq(v[i]->alg, c->alg) ||
			    (single && (v[i]->flags & FC_KAT_MCT)))
				continue;
			if (!first && !(v[i]->flags & FC_KAT_MCT))
				first = v[i];
			struct fc_kat_outcome o;
			fc_kat_run_one(ops, a, v[i], &o);
			free(o.why);
			kats++;
			el = fc_now_ns() - t0;
		}
	}
	c->bench_kats = kats;
	c->ns_per_kat = kats ? (double)el / (double)kats : 0;
	if (first)
		c->mb_per_s = bulk_mb_per_s(ops, a, first, seconds / 2);
}
