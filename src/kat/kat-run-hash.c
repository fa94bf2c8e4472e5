// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Digests (one message, or an ACVP Monte-Carlo chain of 1000 hashes per
 * record), HMAC and CMAC (the expected tag may be a prefix).
 */
#include "kat/kat-run.h"

#include <string.h>

static void run_digest_mct(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v,
			   struct fc_kat_outcome *o)
{
	enum fc_kat_hash h = v->hash;
	size_t hl = fc_kat_hash_len(h), ml, ol;
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = fc_kat_field_data(v, FC_KAT_F_OUT, &ol);
	bool sha3 = h >= FC_KAT_SHA3_224;
	/* A, B, C (SHA-1/2) and the chaining value, each up to max(ml, hl). */
	size_t cap = (ml > hl ? ml : hl) * 3 + 64;
	uint8_t *buf = fc_malloc(cap), *seed = fc_malloc(cap),
		*md = fc_malloc(64);
	uint8_t *abc[3] = { fc_malloc(cap), fc_malloc(cap), fc_malloc(cap) };
	size_t abc_len[3], seed_len = ml;
	struct fc_kat_why why = { { 0 } };
	int rc = FC_KAT_OK;
	memcpy(seed, msg, ml);
	o->v = FC_KAT_V_PASS;
	for (uint32_t rec = 0; rec < v->count && o->v == FC_KAT_V_PASS; rec++) {
		if (sha3) {
			/* MD = seed; 1000 times MD = H(MD) */
			for (int i = 0; i < 1000 && rc == FC_KAT_OK; i++) {
				rc = ops->digest(a, h, seed, seed_len, md,
						 &why);
				memcpy(seed, md, hl);
				seed_len = hl;
			}
		} else {
			for (int k = 0; k < 3; k++) {
				memcpy(abc[k], seed, seed_len);
				abc_len[k] = seed_len;
			}
			for (int i = 0; i < 1000 && rc == FC_KAT_OK; i++) {
				size_t n = 0;
				for (int k = 0; k < 3; k++) {
					memcpy(buf + n, abc[k], abc_len[k]);
					n += abc_len[k];
				}
				if (v->flags & FC_KAT_MCT_ALT) {
					/* cut or zero-pad to the seed length */
					if (n < ml)
						memset(buf + n, 0, ml - n);
					n = ml;
				}
				rc = ops->digest(a, h, buf, n, md, &why);
				memcpy(abc[0], abc[1], abc_len[1]);
				abc_len[0] = abc_len[1];
				memcpy(abc[1], abc[2], abc_len[2]);
				abc_len[1] = abc_len[2];
				memcpy(abc[2], md, hl);
				abc_len[2] = hl;
			}
			memcpy(seed, md, hl);
			seed_len = hl;
		}
		if (rc != FC_KAT_OK) {
			fc_kat_settle(o, v, rc, false, false,
				      "Monte-Carlo digest", &why);
			break;
		}
		if ((rec + 1) * hl > ol ||
		    memcmp(md, want + rec * hl, hl) != 0) {
			_cleanup_free_ char *g = fc_kat_hex_short(md, hl);
			fc_kat_outcome_set(o, FC_KAT_V_FAIL,
					   "Monte-Carlo record %u differs: got %s",
					   (unsigned)rec, g);
		}
	}
	free(buf);
	free(seed);
	free(md);
	for (int k = 0; k < 3; k++)
		free(abc[k]);
}

void fc_kat_run_digest(const struct fc_kat_ops *ops, void *a,
		       const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->digest, fc_kat_hash_name(v->hash)))
		return;
	if (v->flags & FC_KAT_MCT) {
		run_digest_mct(ops, a, v, o);
		return;
	}
	size_t ml, ol, hl = fc_kat_hash_len(v->hash);
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = fc_kat_field_data(v, FC_KAT_F_OUT, &ol);
	uint8_t md[64];
	struct fc_kat_why why = { { 0 } };
	int rc = ops->digest(a, v->hash, msg, ml, md, &why);
	bool ok = rc == FC_KAT_OK && ol == hl && memcmp(md, want, hl) == 0;
	if (rc == FC_KAT_OK && !ok)
		fc_kat_mismatch(o, "digest", md, want, ol < hl ? ol : hl);
	fc_kat_settle(o, v, rc, ok, false, "digest", &why);
}

void fc_kat_run_mac(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	bool cmac = v->op == FC_KAT_OP_CMAC;
	if (!fc_kat_offered(o,
			    cmac ? (const void *)ops->cmac
				 : (const void *)ops->hmac,
			    v->alg))
		return;
	size_t kl, ml, ol;
	const uint8_t *key = fc_kat_field_data(v, FC_KAT_F_KEY, &kl);
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = fc_kat_field_data(v, FC_KAT_F_OUT, &ol);
	size_t full = cmac ? 16 : fc_kat_hash_len(v->hash);
	uint8_t mac[64];
	struct fc_kat_why why = { { 0 } };
	int rc = cmac ? ops->cmac(a, key, kl, msg, ml, mac, &why)
		      : ops->hmac(a, v->hash, key, kl, msg, ml, mac, &why);
	/* The expected tag may be a prefix (truncated MAC). */
	bool ok = rc == FC_KAT_OK && ol <= full && memcmp(mac, want, ol) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		fc_kat_mismatch(o, "MAC", mac, want, ol < full ? ol : full);
	fc_kat_settle(o, v, rc, ok, false, "MAC", &why);
}
