// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The GnuTLS adapter of the self-test core (src/kat/kat.h), run by
 * fipsctl-probe-gnutls for the check selftest.gnutls, in the FIPS mode the
 * library chose at load time (gnutls_fips140_mode_enabled).
 *
 * Only GnuTLS's public API is used, so an algorithm it does not expose is
 * "not offered": AES-ECB and AES-CTR (no such gnutls_cipher_algorithm_t),
 * AES-192-CMAC, HMAC-SHA3 (reserved, unimplemented), ECDH (no public
 * key-agreement call before 3.8.2) and the DRBGs (no deterministic
 * instantiation).  GnuTLS's negative error codes are turned into the
 * core's here; a signature that does not verify is a refusal, a policy
 * refusal (insufficient security, an algorithm FIPS mode disallows) is
 * "not offered".
 *
 * ECDSA signatures are checked for strict DER by the core first, as for
 * libgcrypt and NSS, so that the vectors test the arithmetic: GnuTLS's
 * reader (libtasn1) also takes BER lengths and high-tag-number INTEGER
 * tags (Wycheproof's BerEncodedSignature and InvalidEncoding cases), which
 * FIPS 186 does not cover.
 */
#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "kat-probe.h"
#include "probe-module.h"

struct gnutls_kat {
	unsigned fips; /* gnutls_fips140_mode_enabled() */
};

static gnutls_digest_algorithm_t dig_of(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return GNUTLS_DIG_SHA1;
	case FC_KAT_SHA224: return GNUTLS_DIG_SHA224;
	case FC_KAT_SHA256: return GNUTLS_DIG_SHA256;
	case FC_KAT_SHA384: return GNUTLS_DIG_SHA384;
	case FC_KAT_SHA512: return GNUTLS_DIG_SHA512;
	case FC_KAT_SHA3_224: return GNUTLS_DIG_SHA3_224;
	case FC_KAT_SHA3_256: return GNUTLS_DIG_SHA3_256;
	case FC_KAT_SHA3_384: return GNUTLS_DIG_SHA3_384;
	case FC_KAT_SHA3_512: return GNUTLS_DIG_SHA3_512;
	default: return GNUTLS_DIG_UNKNOWN;
	}
}

/* HMAC: GnuTLS implements the SHA-1 and SHA-2 ones only. */
static gnutls_mac_algorithm_t mac_of(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return GNUTLS_MAC_SHA1;
	case FC_KAT_SHA224: return GNUTLS_MAC_SHA224;
	case FC_KAT_SHA256: return GNUTLS_MAC_SHA256;
	case FC_KAT_SHA384: return GNUTLS_MAC_SHA384;
	case FC_KAT_SHA512: return GNUTLS_MAC_SHA512;
	default: return GNUTLS_MAC_UNKNOWN;
	}
}

static gnutls_ecc_curve_t curve_of(enum fc_kat_curve c)
{
	return c == FC_KAT_P256	  ? GNUTLS_ECC_CURVE_SECP256R1
	       : c == FC_KAT_P384 ? GNUTLS_ECC_CURVE_SECP384R1
				  : GNUTLS_ECC_CURVE_SECP521R1;
}

static int not_offered(struct fc_kat_why *why, const char *what)
{
	fc_kat_whyf(why, "%s is not offered by GnuTLS's API%s", what,
		    gnutls_fips140_mode_enabled() ? " in FIPS mode" : "");
	return FC_KAT_UNSUPPORTED;
}

/* GnuTLS's code and text; refusals by policy are "not offered". */
static int gfail(struct fc_kat_why *why, int rc, const char *what, int e)
{
	fc_kat_whyf(why, "%s: %s (%d)", what, gnutls_strerror(e), e);
	if (e == GNUTLS_E_INSUFFICIENT_SECURITY ||
	    e == GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM ||
	    e == GNUTLS_E_UNKNOWN_CIPHER_TYPE || e == GNUTLS_E_UNKNOWN_HASH_ALGORITHM ||
	    e == GNUTLS_E_UNWANTED_ALGORITHM)
		return FC_KAT_UNSUPPORTED;
	return rc;
}

static gnutls_datum_t datum(const uint8_t *p, size_t n)
{
	return (gnutls_datum_t){ (unsigned char *)p, (unsigned int)n };
}

static int digest(void *a, enum fc_kat_hash h, const uint8_t *msg, size_t len,
		  uint8_t *md, struct fc_kat_why *why)
{
	(void)a;
	gnutls_digest_algorithm_t d = dig_of(h);
	if (d == GNUTLS_DIG_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	int e = gnutls_hash_fast(d, msg, len, md);
	return e < 0 ? gfail(why, FC_KAT_ERROR, "gnutls_hash_fast", e) : FC_KAT_OK;
}

static int hmac(void *a, enum fc_kat_hash h, const uint8_t *key,
		size_t key_len, const uint8_t *msg, size_t len, uint8_t *out,
		struct fc_kat_why *why)
{
	(void)a;
	gnutls_mac_algorithm_t m = mac_of(h);
	if (m == GNUTLS_MAC_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	int e = gnutls_hmac_fast(m, key, key_len, msg, len, out);
	return e < 0 ? gfail(why, FC_KAT_ERROR, "gnutls_hmac_fast", e) : FC_KAT_OK;
}

static int cmac(void *a, const uint8_t *key, size_t key_len,
		const uint8_t *msg, size_t len, uint8_t out[16],
		struct fc_kat_why *why)
{
	(void)a;
	if (key_len == 24)
		return not_offered(why, "AES-192-CMAC");
	if (key_len != 16 && key_len != 32) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	int e = gnutls_hmac_fast(key_len == 16 ? GNUTLS_MAC_AES_CMAC_128
					       : GNUTLS_MAC_AES_CMAC_256,
				 key, key_len, msg, len, out);
	return e < 0 ? gfail(why, FC_KAT_ERROR, "gnutls_hmac_fast", e) : FC_KAT_OK;
}

static int cipher(void *a, enum fc_kat_cipher_mode m, bool decrypt,
		  const uint8_t *key, size_t key_len, const uint8_t *iv,
		  const uint8_t *in, size_t len, uint8_t *out,
		  struct fc_kat_why *why)
{
	(void)a;
	if (m != FC_KAT_CBC)
		return not_offered(why, m == FC_KAT_ECB ? "AES-ECB" : "AES-CTR");
	gnutls_cipher_algorithm_t c = key_len == 16   ? GNUTLS_CIPHER_AES_128_CBC
				      : key_len == 24 ? GNUTLS_CIPHER_AES_192_CBC
				      : key_len == 32 ? GNUTLS_CIPHER_AES_256_CBC
						      : GNUTLS_CIPHER_UNKNOWN;
	if (c == GNUTLS_CIPHER_UNKNOWN) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	gnutls_cipher_hd_t hd;
	gnutls_datum_t k = datum(key, key_len), v = datum(iv, 16);
	int e = gnutls_cipher_init(&hd, c, &k, &v);
	if (e < 0)
		return gfail(why, FC_KAT_ERROR, "gnutls_cipher_init", e);
	e = decrypt ? gnutls_cipher_decrypt2(hd, in, len, out, len)
		    : gnutls_cipher_encrypt2(hd, in, len, out, len);
	gnutls_cipher_deinit(hd);
	return e < 0 ? gfail(why, FC_KAT_ERROR, decrypt ? "decrypt" : "encrypt", e)
		     : FC_KAT_OK;
}

static int gcm(void *a, bool decrypt, const uint8_t *key, size_t key_len,
	       const uint8_t *iv, size_t iv_len, const uint8_t *aad,
	       size_t aad_len, const uint8_t *in, size_t len, uint8_t *tag,
	       size_t tag_len, uint8_t *out, struct fc_kat_why *why)
{
	(void)a;
	gnutls_cipher_algorithm_t c = key_len == 16   ? GNUTLS_CIPHER_AES_128_GCM
				      : key_len == 24 ? GNUTLS_CIPHER_AES_192_GCM
				      : key_len == 32 ? GNUTLS_CIPHER_AES_256_GCM
						      : GNUTLS_CIPHER_UNKNOWN;
	if (c == GNUTLS_CIPHER_UNKNOWN) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	/* The nonce size GnuTLS declares for GCM (12 bytes).  Others are
	 * outside its interface: 3.7.9's AES-NI path ignores the refusal of
	 * its own setiv and computes a wrong result without an error. */
	size_t declared = (size_t)gnutls_cipher_get_iv_size(c);
	if (iv_len != declared) {
		fc_kat_whyf(why, "GnuTLS declares %zu-byte GCM nonces "
				 "(gnutls_cipher_get_iv_size), not %zu",
			    declared, iv_len);
		return FC_KAT_UNSUPPORTED;
	}
	gnutls_aead_cipher_hd_t hd;
	gnutls_datum_t k = datum(key, key_len);
	int e = gnutls_aead_cipher_init(&hd, c, &k);
	if (e < 0)
		return gfail(why, FC_KAT_ERROR, "gnutls_aead_cipher_init", e);
	/* GnuTLS's AEAD calls carry the tag after the text. */
	uint8_t *buf = fc_malloc(len + 16 + 1);
	size_t n = len + tag_len;
	int rc;
	if (decrypt) {
		memcpy(buf, in, len);
		memcpy(buf + len, tag, tag_len);
		e = gnutls_aead_cipher_decrypt(hd, iv, iv_len, aad, aad_len, tag_len,
					       buf, len + tag_len, out, &n);
		rc = e == GNUTLS_E_DECRYPTION_FAILED
			     ? gfail(why, FC_KAT_REJECTED, "tag check", e)
		     : e < 0 ? gfail(why, FC_KAT_ERROR, "decrypt", e)
			     : FC_KAT_OK;
	} else {
		e = gnutls_aead_cipher_encrypt(hd, iv, iv_len, aad, aad_len, tag_len,
					       in, len, buf, &n);
		rc = e < 0 ? gfail(why, FC_KAT_ERROR, "encrypt", e) : FC_KAT_OK;
		if (rc == FC_KAT_OK && n == len + tag_len) {
			memcpy(out, buf, len);
			memcpy(tag, buf + len, tag_len);
		} else if (rc == FC_KAT_OK) {
			fc_kat_whyf(why, "encrypt returned %zu bytes", n);
			rc = FC_KAT_ERROR;
		}
	}
	free(buf);
	gnutls_aead_cipher_deinit(hd);
	return rc;
}

static int hkdf(void *a, enum fc_kat_hash h, const uint8_t *ikm, size_t ikm_len,
		const uint8_t *salt, size_t salt_len, const uint8_t *info,
		size_t info_len, uint8_t *out, size_t out_len,
		struct fc_kat_why *why)
{
	(void)a;
	gnutls_mac_algorithm_t m = mac_of(h);
	if (m == GNUTLS_MAC_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	uint8_t prk[64];
	gnutls_datum_t k = datum(ikm, ikm_len), s = datum(salt, salt_len),
		       in = datum(info, info_len), p = datum(prk, fc_kat_hash_len(h));
	int e = gnutls_hkdf_extract(m, &k, &s, prk);
	if (e < 0)
		return gfail(why, FC_KAT_ERROR, "gnutls_hkdf_extract", e);
	e = gnutls_hkdf_expand(m, &p, &in, out, out_len);
	return e < 0 ? gfail(why, FC_KAT_ERROR, "gnutls_hkdf_expand", e) : FC_KAT_OK;
}

static int pbkdf2(void *a, enum fc_kat_hash h, const uint8_t *pw,
		  size_t pw_len, const uint8_t *salt, size_t salt_len,
		  unsigned iterations, uint8_t *out, size_t out_len,
		  struct fc_kat_why *why)
{
	(void)a;
	gnutls_mac_algorithm_t m = mac_of(h);
	if (m == GNUTLS_MAC_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	gnutls_datum_t k = datum(pw, pw_len), s = datum(salt, salt_len);
	int e = gnutls_pbkdf2(m, &k, &s, iterations, out, out_len);
	return e < 0 ? gfail(why, FC_KAT_ERROR, "gnutls_pbkdf2", e) : FC_KAT_OK;
}

/* 0 verified; a mismatch is a refusal, anything else the library's. */
static int verified(int e, struct fc_kat_why *why)
{
	if (e >= 0)
		return FC_KAT_OK;
	return gfail(why, e == GNUTLS_E_PK_SIG_VERIFY_FAILED ? FC_KAT_REJECTED
							     : FC_KAT_ERROR,
		     "gnutls_pubkey_verify_data2", e);
}

static int ecdsa_verify(void *a, const struct fc_kat_ec_key *key,
			enum fc_kat_hash h, const uint8_t *msg, size_t len,
			const struct fc_kat_ecdsa_sig *sig, struct fc_kat_why *why)
{
	(void)a;
	size_t cl = fc_kat_curve_len(key->curve);
	gnutls_digest_algorithm_t d = dig_of(h);
	gnutls_sign_algorithm_t sa = gnutls_pk_to_sign(GNUTLS_PK_ECDSA, d);
	if (d == GNUTLS_DIG_UNKNOWN || sa == GNUTLS_SIGN_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	if (!sig->r) {
		fc_kat_whyf(why, "the signature is not strict DER (checked by "
				 "fipsctl)");
		return FC_KAT_REJECTED;
	}
	gnutls_pubkey_t pk;
	int e = gnutls_pubkey_init(&pk);
	if (e < 0)
		return gfail(why, FC_KAT_ERROR, "gnutls_pubkey_init", e);
	gnutls_datum_t x = datum(key->qx, cl), y = datum(key->qy, cl),
		       m = datum(msg, len), s = datum(sig->der, sig->der_len);
	int rc;
	e = gnutls_pubkey_import_ecc_raw(pk, curve_of(key->curve), &x, &y);
	if (e < 0)
		rc = gfail(why, FC_KAT_REJECTED, "public key", e);
	else
		rc = verified(gnutls_pubkey_verify_data2(
				      pk, sa, GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1,
				      &m, &s),
			      why);
	gnutls_pubkey_deinit(pk);
	return rc;
}

static int ecdsa_sign(void *a, const struct fc_kat_ec_key *key,
		      enum fc_kat_hash h, const uint8_t *msg, size_t len,
		      bool *deterministic, uint8_t *r, uint8_t *s,
		      struct fc_kat_why *why)
{
	(void)a;
	size_t cl = fc_kat_curve_len(key->curve);
	gnutls_digest_algorithm_t d = dig_of(h);
	gnutls_sign_algorithm_t sa = gnutls_pk_to_sign(GNUTLS_PK_ECDSA, d);
	*deterministic = false;
	if (d == GNUTLS_DIG_UNKNOWN || sa == GNUTLS_SIGN_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	gnutls_privkey_t pk;
	int e = gnutls_privkey_init(&pk);
	if (e < 0)
		return gfail(why, FC_KAT_ERROR, "gnutls_privkey_init", e);
	gnutls_datum_t x = datum(key->qx, cl), y = datum(key->qy, cl),
		       k = datum(key->d, cl), m = datum(msg, len), sig = { 0 };
	int rc = FC_KAT_ERROR;
	e = gnutls_privkey_import_ecc_raw(pk, curve_of(key->curve), &x, &y, &k);
	if (e < 0) {
		rc = gfail(why, FC_KAT_ERROR, "private key", e);
		goto out;
	}
	/* REPRODUCIBLE: RFC 6979 nonces (GnuTLS >= 3.6.10); a FIPS build
	 * may refuse them, then an ordinary signature is round-tripped. */
	e = gnutls_privkey_sign_data2(pk, sa, GNUTLS_PRIVKEY_FLAG_REPRODUCIBLE,
				      &m, &sig);
	*deterministic = e >= 0;
	if (e < 0)
		e = gnutls_privkey_sign_data2(pk, sa, 0, &m, &sig);
	if (e < 0) {
		rc = gfail(why, FC_KAT_ERROR, "gnutls_privkey_sign_data2", e);
		goto out;
	}
	const uint8_t *pr, *ps;
	size_t rl, sl;
	if (fc_kat_der_sig_decode(sig.data, sig.size, &pr, &rl, &ps, &sl) < 0 ||
	    rl > cl || sl > cl) {
		fc_kat_whyf(why, "the signature is not a DER ECDSA-Sig-Value");
		goto out;
	}
	memset(r, 0, cl - rl);
	memcpy(r + cl - rl, pr, rl);
	memset(s, 0, cl - sl);
	memcpy(s + cl - sl, ps, sl);
	rc = FC_KAT_OK;
out:
	gnutls_free(sig.data);
	gnutls_privkey_deinit(pk);
	return rc;
}

static int rsa_verify(void *a, const struct fc_kat_rsa_pub *key,
		      enum fc_kat_rsa_pad pad, enum fc_kat_hash h,
		      enum fc_kat_hash mgf, size_t salt_len, const uint8_t *msg,
		      size_t len, const uint8_t *sig, size_t sig_len,
		      struct fc_kat_why *why)
{
	(void)a;
	gnutls_digest_algorithm_t d = dig_of(h);
	bool pss = pad == FC_KAT_RSA_PSS;
	gnutls_sign_algorithm_t sa =
		gnutls_pk_to_sign(pss ? GNUTLS_PK_RSA_PSS : GNUTLS_PK_RSA, d);
	if (d == GNUTLS_DIG_UNKNOWN || sa == GNUTLS_SIGN_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	if (pss && mgf != h) {
		fc_kat_whyf(why, "GnuTLS's PSS uses the message hash for MGF1");
		return FC_KAT_UNSUPPORTED;
	}
	gnutls_pubkey_t pk;
	gnutls_x509_spki_t spki = NULL;
	int e = gnutls_pubkey_init(&pk);
	if (e < 0)
		return gfail(why, FC_KAT_ERROR, "gnutls_pubkey_init", e);
	gnutls_datum_t n = datum(key->n, key->n_len), ex = datum(key->e, key->e_len),
		       m = datum(msg, len), s = datum(sig, sig_len);
	int rc;
	e = gnutls_pubkey_import_rsa_raw(pk, &n, &ex);
	if (e < 0) {
		rc = gfail(why, FC_KAT_REJECTED, "public key", e);
		goto out;
	}
	if (pss) {
		/* The salt length travels with the key's parameters. */
		if ((e = gnutls_x509_spki_init(&spki)) < 0) {
			rc = gfail(why, FC_KAT_ERROR, "gnutls_x509_spki_init", e);
			goto out;
		}
		gnutls_x509_spki_set_rsa_pss_params(spki, d, (unsigned)salt_len);
		if ((e = gnutls_pubkey_set_spki(pk, spki, 0)) < 0) {
			rc = gfail(why, FC_KAT_ERROR, "gnutls_pubkey_set_spki", e);
			goto out;
		}
	}
	rc = verified(gnutls_pubkey_verify_data2(pk, sa,
						 GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1,
						 &m, &s),
		      why);
out:
	if (spki)
		gnutls_x509_spki_deinit(spki);
	gnutls_pubkey_deinit(pk);
	return rc;
}

static const struct fc_kat_ops gnutls_ops = {
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
	/* No public key agreement call (gnutls_privkey_derive_secret is
	 * 3.8.2) and no deterministic DRBG. */
	.ecdh = NULL,
	.drbg = NULL,
};

int fc_selftest_gnutls(struct fc_probe_ctx *ctx)
{
	struct gnutls_kat k = { .fips = gnutls_fips140_mode_enabled() };
	/* The library constructor initialised it already; this only takes a
	 * reference, as an application does. */
	int init = gnutls_global_init();
	_cleanup_free_ char *module = fc_asprintf(
		"GnuTLS %s, %s", gnutls_check_version(NULL),
		k.fips ? "FIPS 140 mode" : "not in FIPS mode");
	struct fc_finding *f = fc_kat_probe_run(ctx, "selftest.gnutls", module,
						&gnutls_ops, &k);
	fc_finding_fact(f, "fips140_mode_enabled", "%u", k.fips);
	if (init == 0)
		gnutls_global_deinit();
	return 0;
}
