// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The OpenSSL 3 adapter of the self-test core (src/kat/kat.h), run by
 * fipsctl-probe-openssl for the check selftest.openssl.
 *
 * Everything goes through EVP in the default library context, as the
 * system configuration sets it up (OPENSSL_CONF or openssl.cnf), so the
 * vectors test what applications get: with an active FIPS provider every
 * fetch asks for "fips=yes" and only the FIPS provider answers; without
 * one, "provider=default".  The finding names which.
 *
 * OpenSSL's conventions are turned into the core's here, once: 1 is
 * success, 0 a refusal (a signature or tag that does not verify), and the
 * error queue says why; a failed fetch means the provider does not offer
 * the algorithm (skipped), and the FIPS provider's SP 800-132 lower bounds
 * on PBKDF2 are a policy refusal, not a wrong answer (skipped too).
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/proverr.h>
#include <openssl/provider.h>
#include <openssl/rsa.h>

#include "kat-probe.h"
#include "probe-module.h"

enum fetch_kind { FETCH_MD, FETCH_MAC, FETCH_CIPHER, FETCH_KDF };

struct fetched {
	enum fetch_kind kind;
	char *name;
	void *alg;
};

struct ossl_kat {
	const char *propq;    /* "fips=yes" or "provider=default" */
	const char *provider; /* "fips" or "default" */
	/* The algorithms fetched so far, held for the run: a fetch per
	 * vector (a method-store lookup under a lock and the property query
	 * parsed again) took most of the core's time on HMAC and AES-GCM
	 * (make bench: core / direct-API baseline). */
	struct fetched *fetched;
	size_t n_fetched;
};

/* The algorithm kind/name as fetch_free() releases it, kept in k for the
 * run; NULL when the provider has none (the error queue says why). */
static void *fetch(struct ossl_kat *k, enum fetch_kind kind, const char *name)
{
	for (size_t i = 0; i < k->n_fetched; i++)
		if (k->fetched[i].kind == kind && fc_streq(k->fetched[i].name, name))
			return k->fetched[i].alg;
	void *alg = NULL;
	switch (kind) {
	case FETCH_MD: alg = EVP_MD_fetch(NULL, name, k->propq); break;
	case FETCH_MAC: alg = EVP_MAC_fetch(NULL, name, k->propq); break;
	case FETCH_CIPHER: alg = EVP_CIPHER_fetch(NULL, name, k->propq); break;
	case FETCH_KDF: alg = EVP_KDF_fetch(NULL, name, k->propq); break;
	}
	if (!alg)
		return NULL;
	k->fetched = fc_realloc(k->fetched, (k->n_fetched + 1) * sizeof(*k->fetched));
	k->fetched[k->n_fetched++] =
		(struct fetched){ .kind = kind, .name = fc_strdup(name), .alg = alg };
	return alg;
}

static void fetch_free(struct ossl_kat *k)
{
	for (size_t i = 0; i < k->n_fetched; i++) {
		struct fetched *f = &k->fetched[i];
		switch (f->kind) {
		case FETCH_MD: EVP_MD_free(f->alg); break;
		case FETCH_MAC: EVP_MAC_free(f->alg); break;
		case FETCH_CIPHER: EVP_CIPHER_free(f->alg); break;
		case FETCH_KDF: EVP_KDF_free(f->alg); break;
		}
		free(f->name);
	}
	free(k->fetched);
	k->fetched = NULL;
	k->n_fetched = 0;
}

static const char *md_name(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return "SHA1";
	case FC_KAT_SHA224: return "SHA2-224";
	case FC_KAT_SHA256: return "SHA2-256";
	case FC_KAT_SHA384: return "SHA2-384";
	case FC_KAT_SHA512: return "SHA2-512";
	case FC_KAT_SHA512_224: return "SHA2-512/224";
	case FC_KAT_SHA512_256: return "SHA2-512/256";
	case FC_KAT_SHA3_224: return "SHA3-224";
	case FC_KAT_SHA3_256: return "SHA3-256";
	case FC_KAT_SHA3_384: return "SHA3-384";
	case FC_KAT_SHA3_512: return "SHA3-512";
	default: return NULL;
	}
}

static const char *curve_name(enum fc_kat_curve c)
{
	return c == FC_KAT_P256 ? "P-256" : c == FC_KAT_P384 ? "P-384" : "P-521";
}

/* The library's reason for the last failure; the queue is emptied. */
static int fail(struct fc_kat_why *why, int rc, const char *what)
{
	unsigned long e = ERR_peek_last_error();
	char buf[160] = "no error reported";
	if (e)
		ERR_error_string_n(e, buf, sizeof(buf));
	fc_kat_whyf(why, "%s: %s", what, buf);
	ERR_clear_error();
	return rc;
}

/* A fetch that failed: the provider does not offer it. */
static int not_offered(const struct ossl_kat *k, struct fc_kat_why *why,
		       const char *name)
{
	ERR_clear_error();
	fc_kat_whyf(why, "%s is not offered by the %s provider", name,
		    k->provider);
	return FC_KAT_UNSUPPORTED;
}

static int digest(void *a, enum fc_kat_hash h, const uint8_t *msg, size_t len,
		  uint8_t *md, struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	EVP_MD *m = md_name(h) ? fetch(k, FETCH_MD, md_name(h)) : NULL;
	if (!m)
		return not_offered(k, why, fc_kat_hash_name(h));
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n = 0;
	int rc = c && EVP_DigestInit_ex2(c, m, NULL) == 1 &&
			 EVP_DigestUpdate(c, msg, len) == 1 &&
			 EVP_DigestFinal_ex(c, md, &n) == 1
		 ? FC_KAT_OK
		 : fail(why, FC_KAT_ERROR, "digest");
	EVP_MD_CTX_free(c);
	return rc;
}

/* HMAC and CMAC through EVP_MAC. */
static int mac(struct ossl_kat *k, const char *alg, const char *pkey,
	       const char *pval, const uint8_t *key, size_t key_len,
	       const uint8_t *msg, size_t len, uint8_t *out,
	       struct fc_kat_why *why)
{
	EVP_MAC *m = fetch(k, FETCH_MAC, alg);
	if (!m)
		return not_offered(k, why, alg);
	EVP_MAC_CTX *c = EVP_MAC_CTX_new(m);
	OSSL_PARAM p[] = {
		OSSL_PARAM_construct_utf8_string(pkey, (char *)pval, 0),
		OSSL_PARAM_construct_end(),
	};
	size_t n = 0;
	int rc = c && EVP_MAC_init(c, key, key_len, p) == 1 &&
			 EVP_MAC_update(c, msg, len) == 1 &&
			 EVP_MAC_final(c, out, &n, 64) == 1
		 ? FC_KAT_OK
		 : fail(why, FC_KAT_ERROR, alg);
	EVP_MAC_CTX_free(c);
	return rc;
}

static int hmac(void *a, enum fc_kat_hash h, const uint8_t *key,
		size_t key_len, const uint8_t *msg, size_t len, uint8_t *out,
		struct fc_kat_why *why)
{
	if (!md_name(h))
		return not_offered(a, why, fc_kat_hash_name(h));
	return mac(a, "HMAC", OSSL_MAC_PARAM_DIGEST, md_name(h), key, key_len,
		   msg, len, out, why);
}

static const char *aes_name(size_t key_len, const char *mode)
{
	static char name[32];
	snprintf(name, sizeof(name), "AES-%zu-%s", key_len * 8, mode);
	return name;
}

static int cmac(void *a, const uint8_t *key, size_t key_len,
		const uint8_t *msg, size_t len, uint8_t out[16],
		struct fc_kat_why *why)
{
	if (key_len != 16 && key_len != 24 && key_len != 32) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	return mac(a, "CMAC", OSSL_MAC_PARAM_CIPHER, aes_name(key_len, "CBC"),
		   key, key_len, msg, len, out, why);
}

static int cipher(void *a, enum fc_kat_cipher_mode m, bool decrypt,
		  const uint8_t *key, size_t key_len, const uint8_t *iv,
		  const uint8_t *in, size_t len, uint8_t *out,
		  struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	const char *name = aes_name(key_len, m == FC_KAT_ECB   ? "ECB"
					     : m == FC_KAT_CBC ? "CBC"
							       : "CTR");
	EVP_CIPHER *ci = fetch(k, FETCH_CIPHER, name);
	if (!ci)
		return not_offered(k, why, name);
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n1 = 0, n2 = 0;
	int rc = c && EVP_CipherInit_ex2(c, ci, key, iv, !decrypt, NULL) == 1 &&
			 EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
			 EVP_CipherUpdate(c, out, &n1, in, (int)len) == 1 &&
			 EVP_CipherFinal_ex(c, out + n1, &n2) == 1
		 ? FC_KAT_OK
		 : fail(why, FC_KAT_ERROR, name);
	EVP_CIPHER_CTX_free(c);
	return rc;
}

static int gcm(void *a, bool decrypt, const uint8_t *key, size_t key_len,
	       const uint8_t *iv, size_t iv_len, const uint8_t *aad,
	       size_t aad_len, const uint8_t *in, size_t len, uint8_t *tag,
	       size_t tag_len, uint8_t *out, struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	const char *name = aes_name(key_len, "GCM");
	if (key_len != 16 && key_len != 24 && key_len != 32) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	/* GCM needs an IV; OpenSSL keeps at most 128 bytes of one. */
	if (iv_len == 0) {
		fc_kat_whyf(why, "empty IV");
		return FC_KAT_REJECTED;
	}
	if (iv_len > 128) {
		fc_kat_whyf(why, "OpenSSL takes GCM IVs of up to 128 bytes, "
				 "not %zu", iv_len);
		return FC_KAT_UNSUPPORTED;
	}
	EVP_CIPHER *ci = fetch(k, FETCH_CIPHER, name);
	if (!ci)
		return not_offered(k, why, name);
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	size_t ivl = iv_len;
	OSSL_PARAM p[] = {
		OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &ivl),
		OSSL_PARAM_construct_end(),
	};
	int n = 0, rc = FC_KAT_ERROR;
	const char *step = "set up";
	if (!c || EVP_CipherInit_ex2(c, ci, NULL, NULL, !decrypt, NULL) != 1 ||
	    EVP_CIPHER_CTX_set_params(c, p) != 1 ||
	    EVP_CipherInit_ex2(c, NULL, key, iv, -1, NULL) != 1)
		goto out;
	step = "aad";
	if (aad_len && EVP_CipherUpdate(c, NULL, &n, aad, (int)aad_len) != 1)
		goto out;
	step = "update";
	if (len && EVP_CipherUpdate(c, out, &n, in, (int)len) != 1)
		goto out;
	if (decrypt) {
		step = "set tag";
		if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, (int)tag_len,
					tag) != 1)
			goto out;
		/* Final fails exactly when the tag does not match. */
		rc = EVP_CipherFinal_ex(c, out + n, &n) == 1 ? FC_KAT_OK
							     : FC_KAT_REJECTED;
		step = "tag check";
	} else {
		step = "final";
		if (EVP_CipherFinal_ex(c, out + n, &n) != 1 ||
		    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, (int)tag_len,
					tag) != 1)
			goto out;
		rc = FC_KAT_OK;
	}
out:
	if (rc != FC_KAT_OK)
		rc = fail(why, rc, step);
	EVP_CIPHER_CTX_free(c);
	return rc;
}

/* The FIPS provider refuses PBKDF2 outside SP 800-132's bounds. */
static bool policy_refusal(void)
{
	unsigned long e = ERR_peek_last_error();
	int r = ERR_GET_REASON(e);
	return ERR_GET_LIB(e) == ERR_LIB_PROV &&
	       (r == PROV_R_INVALID_ITERATION_COUNT ||
		r == PROV_R_INVALID_SALT_LENGTH || r == PROV_R_KEY_SIZE_TOO_SMALL);
}

static int kdf(struct ossl_kat *k, const char *alg, OSSL_PARAM *p,
	       uint8_t *out, size_t out_len, struct fc_kat_why *why)
{
	EVP_KDF *kd = fetch(k, FETCH_KDF, alg);
	if (!kd)
		return not_offered(k, why, alg);
	EVP_KDF_CTX *c = EVP_KDF_CTX_new(kd);
	int rc = FC_KAT_OK;
	if (!c || EVP_KDF_derive(c, out, out_len, p) != 1)
		rc = fail(why, policy_refusal() ? FC_KAT_UNSUPPORTED : FC_KAT_ERROR,
			  k->propq && fc_streq(k->provider, "fips")
				  ? "refused by the FIPS provider"
				  : alg);
	EVP_KDF_CTX_free(c);
	return rc;
}

static int hkdf(void *a, enum fc_kat_hash h, const uint8_t *ikm, size_t ikm_len,
		const uint8_t *salt, size_t salt_len, const uint8_t *info,
		size_t info_len, uint8_t *out, size_t out_len,
		struct fc_kat_why *why)
{
	if (!md_name(h))
		return not_offered(a, why, fc_kat_hash_name(h));
	OSSL_PARAM p[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						 (char *)md_name(h), 0),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						  (void *)ikm, ikm_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						  (void *)salt, salt_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						  (void *)info, info_len),
		OSSL_PARAM_construct_end(),
	};
	return kdf(a, "HKDF", p, out, out_len, why);
}

static int pbkdf2(void *a, enum fc_kat_hash h, const uint8_t *pw,
		  size_t pw_len, const uint8_t *salt, size_t salt_len,
		  unsigned iterations, uint8_t *out, size_t out_len,
		  struct fc_kat_why *why)
{
	if (!md_name(h))
		return not_offered(a, why, fc_kat_hash_name(h));
	uint64_t iter = iterations;
	OSSL_PARAM p[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						 (char *)md_name(h), 0),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
						  (void *)pw, pw_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						  (void *)salt, salt_len),
		OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iter),
		OSSL_PARAM_construct_end(),
	};
	return kdf(a, "PBKDF2", p, out, out_len, why);
}

/* An EVP_PKEY from parameters built by fill(); NULL with why set. */
static EVP_PKEY *pkey_from(struct ossl_kat *k, const char *type, int selection,
			   OSSL_PARAM_BLD *b, struct fc_kat_why *why)
{
	OSSL_PARAM *p = b ? OSSL_PARAM_BLD_to_param(b) : NULL;
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, type, k->propq);
	EVP_PKEY *pk = NULL;
	if (!p || !c || EVP_PKEY_fromdata_init(c) != 1 ||
	    EVP_PKEY_fromdata(c, &pk, selection, p) != 1) {
		fail(why, 0, "key refused");
		pk = NULL;
	}
	EVP_PKEY_CTX_free(c);
	OSSL_PARAM_free(p);
	OSSL_PARAM_BLD_free(b);
	return pk;
}

static EVP_PKEY *ec_pkey(struct ossl_kat *k, const struct fc_kat_ec_key *key,
			 struct fc_kat_why *why)
{
	size_t cl = fc_kat_curve_len(key->curve);
	uint8_t pub[1 + 2 * 66];
	pub[0] = 0x04;
	memcpy(pub + 1, key->qx, cl);
	memcpy(pub + 1 + cl, key->qy, cl);
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	BIGNUM *d = key->d ? BN_bin2bn(key->d, (int)cl, NULL) : NULL;
	if (!b || !OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME,
						   curve_name(key->curve), 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, pub,
					      1 + 2 * cl) ||
	    (d && !OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_PRIV_KEY, d))) {
		OSSL_PARAM_BLD_free(b);
		b = NULL;
	}
	EVP_PKEY *pk = pkey_from(k, "EC", d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
				 b, why);
	BN_clear_free(d);
	return pk;
}

/* 1 verified, 0 refused, <0 error: OpenSSL's verify convention. */
static int verify_rc(int r, struct fc_kat_why *why)
{
	if (r == 1)
		return FC_KAT_OK;
	return fail(why, FC_KAT_REJECTED,
		    r == 0 ? "signature does not verify" : "signature refused");
}

static int ecdsa_verify(void *a, const struct fc_kat_ec_key *key,
			enum fc_kat_hash h, const uint8_t *msg, size_t len,
			const struct fc_kat_ecdsa_sig *sig, struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	if (!md_name(h))
		return not_offered(k, why, fc_kat_hash_name(h));
	EVP_PKEY *pk = ec_pkey(k, key, why);
	if (!pk)
		return FC_KAT_REJECTED;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int rc = c && EVP_DigestVerifyInit_ex(c, NULL, md_name(h), NULL,
					      k->propq, pk, NULL) == 1
			 ? verify_rc(EVP_DigestVerify(c, sig->der, sig->der_len,
						      msg, len),
				     why)
			 : fail(why, FC_KAT_ERROR, "verify setup");
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(pk);
	return rc;
}

static int ecdsa_sign(void *a, const struct fc_kat_ec_key *key,
		      enum fc_kat_hash h, const uint8_t *msg, size_t len,
		      bool *deterministic, uint8_t *r, uint8_t *s,
		      struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	size_t cl = fc_kat_curve_len(key->curve);
	if (!md_name(h))
		return not_offered(k, why, fc_kat_hash_name(h));
	EVP_PKEY *pk = ec_pkey(k, key, why);
	if (!pk)
		return FC_KAT_REJECTED;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pc = NULL;
	uint8_t der[2 * 140 + 16];
	size_t dl = sizeof(der);
	int rc = FC_KAT_ERROR;
	*deterministic = false;
	if (!c || EVP_DigestSignInit_ex(c, &pc, md_name(h), NULL, k->propq, pk,
					NULL) != 1) {
		rc = fail(why, FC_KAT_ERROR, "sign setup");
		goto out;
	}
#ifdef OSSL_SIGNATURE_PARAM_NONCE_TYPE
	/* OpenSSL >= 3.2: RFC 6979 nonces make r and s known answers. */
	unsigned int nt = 1;
	OSSL_PARAM np[] = {
		OSSL_PARAM_construct_uint(OSSL_SIGNATURE_PARAM_NONCE_TYPE, &nt),
		OSSL_PARAM_construct_end(),
	};
	*deterministic = EVP_PKEY_CTX_set_params(pc, np) == 1;
	ERR_clear_error();
#endif
	const uint8_t *pr, *ps;
	size_t rl, sl;
	if (EVP_DigestSign(c, der, &dl, msg, len) != 1) {
		rc = fail(why, FC_KAT_ERROR, "sign");
	} else if (fc_kat_der_sig_decode(der, dl, &pr, &rl, &ps, &sl) < 0 ||
		   rl > cl || sl > cl) {
		fc_kat_whyf(why, "the signature is not a DER ECDSA-Sig-Value");
	} else {
		memset(r, 0, cl - rl);
		memcpy(r + cl - rl, pr, rl);
		memset(s, 0, cl - sl);
		memcpy(s + cl - sl, ps, sl);
		rc = FC_KAT_OK;
	}
out:
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(pk);
	return rc;
}

static int rsa_verify(void *a, const struct fc_kat_rsa_pub *key,
		      enum fc_kat_rsa_pad pad, enum fc_kat_hash h,
		      enum fc_kat_hash mgf, size_t salt_len, const uint8_t *msg,
		      size_t len, const uint8_t *sig, size_t sig_len,
		      struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	if (!md_name(h) || (pad == FC_KAT_RSA_PSS && !md_name(mgf)))
		return not_offered(k, why, fc_kat_hash_name(md_name(h) ? mgf : h));
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	BIGNUM *n = BN_bin2bn(key->n, (int)key->n_len, NULL);
	BIGNUM *e = BN_bin2bn(key->e, (int)key->e_len, NULL);
	if (!b || !n || !e || !OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_N, n) ||
	    !OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, e)) {
		OSSL_PARAM_BLD_free(b);
		b = NULL;
	}
	EVP_PKEY *pk = pkey_from(k, "RSA", EVP_PKEY_PUBLIC_KEY, b, why);
	BN_free(n);
	BN_free(e);
	if (!pk)
		return FC_KAT_REJECTED;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pc = NULL;
	int rc;
	if (!c || EVP_DigestVerifyInit_ex(c, &pc, md_name(h), NULL, k->propq, pk,
					  NULL) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(pc, pad == FC_KAT_RSA_PSS
						     ? RSA_PKCS1_PSS_PADDING
						     : RSA_PKCS1_PADDING) != 1 ||
	    (pad == FC_KAT_RSA_PSS &&
	     (EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, (int)salt_len) != 1 ||
	      EVP_PKEY_CTX_set_rsa_mgf1_md_name(pc, md_name(mgf), NULL) != 1)))
		rc = fail(why, FC_KAT_ERROR, "verify setup");
	else
		rc = verify_rc(EVP_DigestVerify(c, sig, sig_len, msg, len), why);
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(pk);
	return rc;
}

static int ecdh(void *a, enum fc_kat_curve cv, const uint8_t *priv,
		const uint8_t *peer, size_t peer_len, uint8_t *out,
		struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	size_t cl = fc_kat_curve_len(cv), n = cl;
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	if (!b || !OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME,
						   curve_name(cv), 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, peer,
					      peer_len)) {
		OSSL_PARAM_BLD_free(b);
		b = NULL;
	}
	EVP_PKEY *pp = pkey_from(k, "EC", EVP_PKEY_PUBLIC_KEY, b, why);
	if (!pp)
		return FC_KAT_REJECTED;
	b = OSSL_PARAM_BLD_new();
	BIGNUM *d = BN_bin2bn(priv, (int)cl, NULL);
	if (!b || !d ||
	    !OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME,
					     curve_name(cv), 0) ||
	    !OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_PRIV_KEY, d)) {
		OSSL_PARAM_BLD_free(b);
		b = NULL;
	}
	EVP_PKEY *mine = pkey_from(k, "EC", EVP_PKEY_KEYPAIR, b, why);
	BN_clear_free(d);
	EVP_PKEY_CTX *c = mine ? EVP_PKEY_CTX_new_from_pkey(NULL, mine, k->propq)
			       : NULL;
	int rc;
	if (!mine)
		rc = FC_KAT_ERROR;
	else if (!c || EVP_PKEY_derive_init(c) != 1)
		rc = fail(why, FC_KAT_ERROR, "derive setup");
	/* set_peer validates the peer key (SP 800-56A partial validation). */
	else if (EVP_PKEY_derive_set_peer(c, pp) != 1)
		rc = fail(why, FC_KAT_REJECTED, "peer key refused");
	else if (EVP_PKEY_derive(c, out, &n) != 1 || n != cl)
		rc = fail(why, FC_KAT_ERROR, "derive");
	else
		rc = FC_KAT_OK;
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(mine);
	EVP_PKEY_free(pp);
	return rc;
}

/*
 * SP 800-90A DRBGs instantiated deterministically: the TEST-RAND
 * "entropy source" hands them exactly the vector's entropy and nonce, as
 * OpenSSL's own DRBG tests do.
 */
static int set_entropy(EVP_RAND_CTX *t, const uint8_t *e, size_t n,
		       const uint8_t *nonce, size_t nn)
{
	OSSL_PARAM p[3];
	size_t i = 0;
	p[i++] = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY,
						   (void *)e, n);
	if (nonce)
		p[i++] = OSSL_PARAM_construct_octet_string(
			OSSL_RAND_PARAM_TEST_NONCE, (void *)nonce, nn);
	p[i] = OSSL_PARAM_construct_end();
	return EVP_RAND_CTX_set_params(t, p);
}

static int drbg(void *a, const struct fc_kat_drbg *d, uint8_t *out,
		struct fc_kat_why *why)
{
	struct ossl_kat *k = a;
	const char *alg = d->kind == FC_KAT_HASH_DRBG   ? "HASH-DRBG"
			  : d->kind == FC_KAT_HMAC_DRBG ? "HMAC-DRBG"
							: "CTR-DRBG";
	char cipher_name[32];
	snprintf(cipher_name, sizeof(cipher_name), "AES-%u-CTR", d->key_bits);
	if (d->kind != FC_KAT_CTR_DRBG && !md_name(d->hash))
		return not_offered(k, why, fc_kat_hash_name(d->hash));
	/* TEST-RAND is unapproved by design: ask for it explicitly. */
	EVP_RAND *tr = EVP_RAND_fetch(NULL, "TEST-RAND",
				      fc_streq(k->provider, "fips") ? "fips=no"
								    : k->propq);
	EVP_RAND *dr = EVP_RAND_fetch(NULL, alg, k->propq);
	EVP_RAND_CTX *t = tr ? EVP_RAND_CTX_new(tr, NULL) : NULL;
	EVP_RAND_CTX *c = dr && t ? EVP_RAND_CTX_new(dr, t) : NULL;
	int rc = FC_KAT_ERROR, df = d->df;
	unsigned int strength = 1024;
	const char *step = "set up";
	if (!tr || !dr) {
		rc = not_offered(k, why, tr ? alg : "TEST-RAND");
		goto out;
	}
	OSSL_PARAM tp[] = {
		OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength),
		OSSL_PARAM_construct_end(),
	};
	OSSL_PARAM dp[4];
	size_t i = 0;
	if (d->kind == FC_KAT_CTR_DRBG) {
		dp[i++] = OSSL_PARAM_construct_utf8_string(
			OSSL_DRBG_PARAM_CIPHER, cipher_name, 0);
		dp[i++] = OSSL_PARAM_construct_int(
			OSSL_DRBG_PARAM_USE_DF, &df);
	} else {
		dp[i++] = OSSL_PARAM_construct_utf8_string(
			OSSL_DRBG_PARAM_DIGEST, (char *)md_name(d->hash), 0);
		if (d->kind == FC_KAT_HMAC_DRBG)
			dp[i++] = OSSL_PARAM_construct_utf8_string(
				OSSL_DRBG_PARAM_MAC, "HMAC", 0);
	}
	dp[i] = OSSL_PARAM_construct_end();
	if (!c || EVP_RAND_CTX_set_params(t, tp) != 1 ||
	    EVP_RAND_instantiate(t, 0, 0, NULL, 0, NULL) != 1 ||
	    EVP_RAND_CTX_set_params(c, dp) != 1)
		goto out;
	step = "instantiate";
	if (set_entropy(t, d->entropy, d->entropy_len, d->nonce,
			d->nonce_len) != 1 ||
	    EVP_RAND_instantiate(c, 0, d->pr, d->pers, d->pers_len, NULL) != 1)
		goto out;
	for (size_t s = 0; s < d->n_steps; s++) {
		const struct fc_kat_drbg_step *st = &d->steps[s];
		step = st->reseed ? "reseed" : "generate";
		if ((st->reseed || d->pr) &&
		    set_entropy(t, st->entropy, st->entropy_len, NULL, 0) != 1)
			goto out;
		if (st->reseed ? EVP_RAND_reseed(c, d->pr, NULL, 0, st->add,
						 st->add_len) != 1
			       : EVP_RAND_generate(c, out, d->out_len, 0, d->pr,
						   st->add, st->add_len) != 1)
			goto out;
	}
	rc = FC_KAT_OK;
out:
	if (rc == FC_KAT_ERROR)
		rc = fail(why, FC_KAT_ERROR, step);
	EVP_RAND_CTX_free(c);
	EVP_RAND_CTX_free(t);
	EVP_RAND_free(dr);
	EVP_RAND_free(tr);
	return rc;
}

static const struct fc_kat_ops ossl_ops = {
	.digest = digest,
	.hmac = hmac,
	.cmac = cmac,
	.cipher = cipher,
	.gcm = gcm,
	.hkdf = hkdf,
	.pbkdf2 = pbkdf2,
	.ecdsa_verify = ecdsa_verify,
	.ecdsa_sign = ecdsa_sign,
	.rsa_verify = rsa_verify,
	.ecdh = ecdh,
	.drbg = drbg,
};

/* The provider's "version" parameter, or NULL. */
static char *provider_version(OSSL_PROVIDER *p)
{
	char *v = NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_VERSION, &v, 0),
		OSSL_PARAM_construct_end(),
	};
	char *out = p && OSSL_PROVIDER_get_params(p, params) == 1 && v
			    ? fc_printable(v, 64)
			    : NULL;
	ERR_clear_error();
	return out;
}

int fc_selftest_openssl(struct fc_probe_ctx *ctx)
{
	/* The configuration as applications load it (probe-openssl.c reads
	 * it the same way; loading twice is a no-op). */
	OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL);
	ERR_clear_error();
	struct ossl_kat k;
	const char *how;
	if (OSSL_PROVIDER_available(NULL, "fips") == 1) {
		k = (struct ossl_kat){ .propq = "fips=yes", .provider = "fips" };
		how = "the FIPS provider is active: every fetch asks for fips=yes";
	} else {
		k = (struct ossl_kat){ .propq = "provider=default",
				       .provider = "default" };
		how = OSSL_PROVIDER_available(NULL, "default") == 1
			      ? "no FIPS provider is active: the default provider"
			      : "no FIPS provider is active and the configuration "
				"activates no default provider: fipsctl loaded it";
	}
	/* A reference for the run (loads the default one if need be). */
	OSSL_PROVIDER *prov = OSSL_PROVIDER_load(NULL, k.provider);
	ERR_clear_error();
	_cleanup_free_ char *pv = provider_version(prov);
	_cleanup_free_ char *module = fc_asprintf(
		"OpenSSL %s, %s provider%s%s", OpenSSL_version(OPENSSL_VERSION_STRING),
		k.provider, pv ? " " : "", pv ? pv : "");
	struct fc_finding *f =
		fc_kat_probe_run(ctx, "selftest.openssl", module, &ossl_ops, &k);
	fc_finding_fact(f, "provider", "%s", k.provider);
	fc_finding_fact(f, "provider_version", "%s", pv ? pv : "unknown");
	fc_finding_fact(f, "propq", "%s", k.propq);
	fc_finding_fact(f, "provider_choice", "%s", how);
	fetch_free(&k);
	if (prov)
		OSSL_PROVIDER_unload(prov);
	ERR_clear_error();
	return 0;
}
