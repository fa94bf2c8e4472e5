// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * AES ECB, CBC and CTR (the core pads CBC with PKCS#7 itself, so that
 * every adapter sees whole blocks) and AES-GCM: a valid case runs both
 * ways, an invalid one must be refused on decryption.
 */
#include "kat/kat-run.h"

#include <string.h>

/* Compare got (n bytes) with want, ignoring the unused low bits of the
 * last byte when bits is set (CTR over a bit string). */
static bool same(const uint8_t *got, const uint8_t *want, size_t n,
		 uint32_t bits)
{
	if (!bits || bits % 8 == 0)
		return memcmp(got, want, n) == 0;
	if (n == 0 || memcmp(got, want, n - 1) != 0)
		return false;
	uint8_t mask = (uint8_t)(0xff << (8 - bits % 8));
	return (got[n - 1] & mask) == (want[n - 1] & mask);
}

/*
 * After the encryption half of a valid case: go on to decrypt when it
 * passed, or when the library refused only the encryption by policy (in
 * FIPS mode libgcrypt encrypts GCM only under its own IV): decryption is
 * a complete known-answer test by itself.
 */
static bool decrypt_anyway(struct fc_kat_outcome *o)
{
	if (o->v == FC_KAT_V_SKIP) {
		free(o->why);
		o->why = NULL;
		o->v = FC_KAT_V_PASS;
	}
	return o->v == FC_KAT_V_PASS;
}

static void pkcs7_pad(const uint8_t *in, size_t n, uint8_t *out, size_t *out_n)
{
	size_t pad = 16 - n % 16;
	memcpy(out, in, n);
	memset(out + n, (int)pad, pad);
	*out_n = n + pad;
}

/* Length of the plain text inside a padded block string, or -1. */
static long pkcs7_unpad(const uint8_t *p, size_t n)
{
	if (n == 0 || n % 16)
		return -1;
	uint8_t pad = p[n - 1];
	if (pad == 0 || pad > 16)
		return -1;
	for (size_t i = n - pad; i < n; i++)
		if (p[i] != pad)
			return -1;
	return (long)(n - pad);
}

void fc_kat_run_cipher(const struct fc_kat_ops *ops, void *a,
		       const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->cipher, v->alg))
		return;
	size_t kl, il = 0, pl, cl;
	const uint8_t *key = fc_kat_field_data(v, FC_KAT_F_KEY, &kl);
	const uint8_t *iv = fc_kat_has(v, FC_KAT_F_IV)
				    ? fc_kat_field_data(v, FC_KAT_F_IV, &il)
				    : NULL;
	const uint8_t *pt = fc_kat_field_data(v, FC_KAT_F_MSG, &pl);
	const uint8_t *ct = fc_kat_field_data(v, FC_KAT_F_OUT, &cl);
	enum fc_kat_cipher_mode m = v->mode;
	bool pkcs7 = v->flags & FC_KAT_PKCS7;
	struct fc_kat_why why = { { 0 } };
	uint8_t *buf = fc_malloc(pl + cl + 32), *out = fc_malloc(pl + cl + 32);
	size_t bn = pl;
	int rc;

	if (m != FC_KAT_ECB && (!iv || il != 16)) {
		fc_kat_outcome_set(o, FC_KAT_V_SKIP, "the IV is not 16 bytes");
		goto out;
	}
	if (v->expect == FC_KAT_VALID) {
		/* Encrypt (with the core's padding) ... */
		if (pkcs7)
			pkcs7_pad(pt, pl, buf, &bn);
		else
			memcpy(buf, pt, pl);
		if (m != FC_KAT_CTR && bn % 16) {
			fc_kat_outcome_set(
				o, FC_KAT_V_SKIP,
				"the text is not a whole number of blocks");
			goto out;
		}
		rc = ops->cipher(a, m, false, key, kl, iv, buf, bn, out, &why);
		bool ok = rc == FC_KAT_OK && bn == cl &&
			  same(out, ct, cl, v->out_bits);
		if (rc == FC_KAT_OK && !ok)
			fc_kat_mismatch(o, "cipher text", out, ct,
					bn < cl ? bn : cl);
		fc_kat_settle(o, v, rc, ok, false, "encryption", &why);
		if (!decrypt_anyway(o))
			goto out;
	}
	/* ... and decrypt; an invalid case must be refused here. */
	if (m != FC_KAT_CTR && cl % 16) {
		if (v->expect == FC_KAT_VALID)
			fc_kat_outcome_set(
				o, FC_KAT_V_SKIP,
				"the text is not a whole number of blocks");
		else
			o->v = FC_KAT_V_PASS; /* no block cipher takes it */
		goto out;
	}
	rc = ops->cipher(a, m, true, key, kl, iv, ct, cl, out, &why);
	long got_len = (long)cl;
	if (rc == FC_KAT_OK && pkcs7) {
		got_len = pkcs7_unpad(out, cl);
		if (got_len < 0) {
			rc = FC_KAT_REJECTED;
			fc_kat_whyf(&why,
				    "bad PKCS#7 padding after decryption");
		}
	}
	bool ok = rc == FC_KAT_OK && (size_t)got_len == pl &&
		  same(out, pt, pl, v->out_bits);
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		fc_kat_mismatch(o, "plain text", out, pt, pl < cl ? pl : cl);
	fc_kat_settle(o, v, rc, ok, pkcs7, "decryption", &why);
out:
	free(buf);
	free(out);
}

void fc_kat_run_gcm(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->gcm, "AES-GCM"))
		return;
	size_t kl, il, al, pl, cl, tl;
	const uint8_t *key = fc_kat_field_data(v, FC_KAT_F_KEY, &kl);
	const uint8_t *iv = fc_kat_field_data(v, FC_KAT_F_IV, &il);
	const uint8_t *aad = fc_kat_field_data(v, FC_KAT_F_AAD, &al);
	const uint8_t *pt = fc_kat_field_data(v, FC_KAT_F_MSG, &pl);
	const uint8_t *ct = fc_kat_field_data(v, FC_KAT_F_OUT, &cl);
	const uint8_t *tag = fc_kat_field_data(v, FC_KAT_F_TAG, &tl);
	struct fc_kat_why why = { { 0 } };
	uint8_t *out = fc_malloc(pl + cl + 1), t[16];
	int rc;
	if (tl > 16 || tl == 0) {
		if (v->expect == FC_KAT_VALID)
			fc_kat_outcome_set(o, FC_KAT_V_SKIP, "tag of %zu bytes",
					   tl);
		else
			o->v = FC_KAT_V_PASS;
		goto out;
	}
	if (v->expect == FC_KAT_VALID) {
		rc = ops->gcm(a, false, key, kl, iv, il, aad, al, pt, pl, t, tl,
			      out, &why);
		bool ok = rc == FC_KAT_OK && pl == cl &&
			  memcmp(out, ct, cl) == 0 && memcmp(t, tag, tl) == 0;
		if (rc == FC_KAT_OK && !ok) {
			if (pl == cl && memcmp(out, ct, cl) != 0)
				fc_kat_mismatch(o, "cipher text", out, ct, cl);
			else
				fc_kat_mismatch(o, "tag", t, tag, tl);
		}
		fc_kat_settle(o, v, rc, ok, false, "encryption", &why);
		if (!decrypt_anyway(o))
			goto out;
	}
	memcpy(t, tag, tl);
	rc = ops->gcm(a, true, key, kl, iv, il, aad, al, ct, cl, t, tl, out,
		      &why);
	bool ok = rc == FC_KAT_OK && pl == cl && memcmp(out, pt, pl) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		fc_kat_mismatch(o, "plain text", out, pt, pl < cl ? pl : cl);
	fc_kat_settle(o, v, rc, ok, true, "tag accepted", &why);
out:
	free(out);
}
