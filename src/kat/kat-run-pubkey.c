// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Public-key operations: ECDSA verification and signing (a round trip
 * through the vector's public key, and the known answer when the nonce is
 * RFC 6979's), RSA verification, ECDH.  Keys and signatures reach the
 * adapters in the fixed sizes src/kat/kat.h promises.
 */
#include "kat/kat-run.h"

#include <string.h>

/* Fixed-size big-endian copy of a (possibly zero-prefixed) integer;
 * false when it does not fit. */
static bool fit(const uint8_t *p, size_t n, uint8_t *out, size_t size)
{
	while (n > 0 && p[0] == 0) {
		p++;
		n--;
	}
	if (n > size)
		return false;
	memset(out, 0, size - n);
	memcpy(out + size - n, p, n);
	return true;
}

/* Minimal big-endian (no leading zero bytes, but at least one byte). */
static void minimal(const uint8_t **p, size_t *n)
{
	while (*n > 1 && (*p)[0] == 0) {
		(*p)++;
		(*n)--;
	}
}

struct ec_buf {
	uint8_t qx[66], qy[66], d[66];
	struct fc_kat_ec_key key;
};

static bool ec_key(const struct fc_kat_vector *v, struct ec_buf *b, bool priv)
{
	size_t cl = fc_kat_curve_len(v->curve), xl, yl, dl;
	const uint8_t *x = fc_kat_field_data(v, FC_KAT_F_QX, &xl),
		      *y = fc_kat_field_data(v, FC_KAT_F_QY, &yl);
	b->key.curve = v->curve;
	b->key.qx = b->qx;
	b->key.qy = b->qy;
	b->key.d = NULL;
	if (!cl || !fit(x, xl, b->qx, cl) || !fit(y, yl, b->qy, cl))
		return false;
	if (priv) {
		const uint8_t *d = fc_kat_field_data(v, FC_KAT_F_PRIV, &dl);
		if (!fit(d, dl, b->d, cl))
			return false;
		b->key.d = b->d;
	}
	return true;
}

void fc_kat_run_ecdsa_verify(const struct fc_kat_ops *ops, void *a,
			     const struct fc_kat_vector *v,
			     struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->ecdsa_verify, "ECDSA verification"))
		return;
	struct ec_buf kb;
	if (!ec_key(v, &kb, false)) {
		/* A coordinate longer than the field: no library takes it. */
		if (v->expect == FC_KAT_VALID)
			fc_kat_outcome_set(o, FC_KAT_V_SKIP,
					   "public key coordinates do not fit %s",
					   fc_kat_curve_name(v->curve));
		else
			o->v = FC_KAT_V_PASS;
		return;
	}
	size_t ml, dl;
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	struct fc_kat_ecdsa_sig sig = { 0 };
	uint8_t der[2 * 140 + 16];
	if (fc_kat_has(v, FC_KAT_F_SIG)) {
		sig.der = fc_kat_field_data(v, FC_KAT_F_SIG, &dl);
		sig.der_len = dl;
	} else {
		size_t rl, sl;
		const uint8_t *r = fc_kat_field_data(v, FC_KAT_F_R, &rl),
			      *s = fc_kat_field_data(v, FC_KAT_F_S, &sl);
		sig.der = der;
		sig.der_len = fc_kat_der_sig_encode(r, rl, s, sl, der);
	}
	if (fc_kat_der_sig_decode(sig.der, sig.der_len, &sig.r, &sig.r_len,
				  &sig.s, &sig.s_len) < 0)
		sig.r = sig.s = NULL;
	struct fc_kat_why why = { { 0 } };
	int rc = ops->ecdsa_verify(a, &kb.key, v->hash, msg, ml, &sig, &why);
	fc_kat_settle(o, v, rc, true, true, "signature verified", &why);
}

void fc_kat_run_ecdsa_sign(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v,
			   struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->ecdsa_sign, "ECDSA signing"))
		return;
	if (!fc_kat_offered(o, ops->ecdsa_verify,
			    "ECDSA verification (for the round trip)"))
		return;
	struct ec_buf kb;
	size_t cl = fc_kat_curve_len(v->curve), ml, rl, sl;
	if (!ec_key(v, &kb, true)) {
		fc_kat_outcome_set(o, FC_KAT_V_SKIP, "key does not fit %s",
				   fc_kat_curve_name(v->curve));
		return;
	}
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	const uint8_t *wr = fc_kat_field_data(v, FC_KAT_F_R, &rl),
		      *ws = fc_kat_field_data(v, FC_KAT_F_S, &sl);
	uint8_t r[66], s[66], er[66], es[66];
	bool det = false;
	struct fc_kat_why why = { { 0 } };
	int rc = ops->ecdsa_sign(a, &kb.key, v->hash, msg, ml, &det, r, s,
				 &why);
	if (rc != FC_KAT_OK) {
		fc_kat_settle(o, v, rc, false, false, "signing", &why);
		return;
	}
	if (det && fc_kat_has(v, FC_KAT_F_R)) {
		/* RFC 6979 nonce: the signature itself is the known answer. */
		if (!fit(wr, rl, er, cl) || !fit(ws, sl, es, cl)) {
			fc_kat_outcome_set(
				o, FC_KAT_V_SKIP,
				"expected signature does not fit the curve");
			return;
		}
		if (memcmp(r, er, cl) != 0) {
			fc_kat_mismatch(o, "deterministic signature r", r, er,
					cl);
			return;
		}
		if (memcmp(s, es, cl) != 0) {
			fc_kat_mismatch(o, "deterministic signature s", s, es,
					cl);
			return;
		}
	}
	/* Round trip: the vector's public key must accept the signature and
	 * refuse it with one bit of s flipped. */
	uint8_t der[2 * 140 + 16];
	struct fc_kat_ecdsa_sig sig = { .der = der };
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			s[cl - 1] ^= 0x01;
		sig.der_len = fc_kat_der_sig_encode(r, cl, s, cl, der);
		sig.r = r;
		sig.r_len = cl;
		sig.s = s;
		sig.s_len = cl;
		minimal(&sig.r, &sig.r_len);
		minimal(&sig.s, &sig.s_len);
		memset(&why, 0, sizeof(why));
		rc = ops->ecdsa_verify(a, &kb.key, v->hash, msg, ml, &sig,
				       &why);
		if (pass == 0 && rc != FC_KAT_OK) {
			fc_kat_outcome_set(o, FC_KAT_V_FAIL,
					   "its own signature does not verify with the "
					   "vector's public key: %s",
					   why.text[0] ? why.text : "rejected");
			return;
		}
		if (pass == 1 && rc == FC_KAT_OK) {
			fc_kat_outcome_set(o, FC_KAT_V_FAIL,
					   "accepted its own signature with a bit of "
					   "s flipped");
			return;
		}
	}
	o->v = FC_KAT_V_PASS;
}

void fc_kat_run_rsa_verify(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v,
			   struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->rsa_verify, v->alg))
		return;
	struct fc_kat_rsa_pub k;
	size_t ml, sl;
	k.n = fc_kat_field_data(v, FC_KAT_F_N, &k.n_len);
	k.e = fc_kat_field_data(v, FC_KAT_F_E, &k.e_len);
	minimal(&k.n, &k.n_len);
	minimal(&k.e, &k.e_len);
	const uint8_t *msg = fc_kat_field_data(v, FC_KAT_F_MSG, &ml);
	const uint8_t *sig = fc_kat_field_data(v, FC_KAT_F_SIG, &sl);
	struct fc_kat_why why = { { 0 } };
	int rc = ops->rsa_verify(a, &k, v->mode, v->hash, v->mgf_hash,
				 v->salt_len, msg, ml, sig, sl, &why);
	fc_kat_settle(o, v, rc, true, true, "signature verified", &why);
}

void fc_kat_run_ecdh(const struct fc_kat_ops *ops, void *a,
		     const struct fc_kat_vector *v, struct fc_kat_outcome *o)
{
	if (!fc_kat_offered(o, ops->ecdh, "ECDH"))
		return;
	size_t cl = fc_kat_curve_len(v->curve), pl, dl, ol;
	const uint8_t *pub = fc_kat_field_data(v, FC_KAT_F_PUB, &pl);
	const uint8_t *d = fc_kat_field_data(v, FC_KAT_F_PRIV, &dl);
	const uint8_t *want = fc_kat_field_data(v, FC_KAT_F_OUT, &ol);
	uint8_t priv[66], out[66];
	if (!fit(d, dl, priv, cl)) {
		fc_kat_outcome_set(o, FC_KAT_V_SKIP,
				   "private key does not fit %s",
				   fc_kat_curve_name(v->curve));
		return;
	}
	if (v->flags & FC_KAT_SPKI &&
	    fc_kat_spki_ec_point(pub, pl, v->curve, &pub, &pl) < 0) {
		/* Not a named-curve key of this curve: fipsctl itself refuses
		 * it, so the library never sees it. */
		if (v->expect == FC_KAT_VALID)
			fc_kat_outcome_set(o, FC_KAT_V_SKIP,
					   "fipsctl cannot take the peer key out "
					   "of its SubjectPublicKeyInfo");
		else
			o->v = FC_KAT_V_PASS;
		return;
	}
	struct fc_kat_why why = { { 0 } };
	int rc = ops->ecdh(a, v->curve, priv, pub, pl, out, &why);
	bool ok = rc == FC_KAT_OK && ol == cl && memcmp(out, want, cl) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		fc_kat_mismatch(o, "shared secret", out, want,
				ol < cl ? ol : cl);
	fc_kat_settle(o, v, rc, ok, true, "peer key accepted", &why);
}
