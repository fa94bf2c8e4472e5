// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The libgcrypt adapter of the self-test core (src/kat/kat.h), run by
 * fipsctl-probe-libgcrypt for the check selftest.libgcrypt, in whatever
 * mode the library decided for this process (FIPS mode when the kernel,
 * /etc/gcrypt/fips_enabled or LIBGCRYPT_FORCE_FIPS_MODE ask for it).
 *
 * gcry_error_t is turned into the core's codes here, once.  What FIPS
 * mode forbids by policy is "not offered" (skipped), never a wrong answer:
 * HMAC keys and PBKDF2 passphrases under 112 bits, SHA-1 signatures, and
 * GCM encryption under an IV the caller chose (libgcrypt 1.10 encrypts GCM
 * in FIPS mode only with an IV it generates; decryption still runs).
 *
 * Two things the library leaves to its callers are done here the way
 * callers must: an ECDSA signature arrives as r and s (the core decodes
 * the DER strictly; an undecodable one is rejected), and an RSA signature
 * must be exactly as long as the modulus (RFC 8017 8.2.2 step 1; libgcrypt
 * reads it as a number, leading zeros and all).
 *
 * DRBGs: libgcrypt instantiates a DRBG from given entropy only through its
 * CAVS test hook (PRIV_CTL_RUN_EXTRNG_TEST, struct gcry_drbg_test_vector in
 * its source tree's src/gcrypt-testapi.h, declared below with the same
 * layout).  It runs exactly ACVP's shape: instantiate, optional reseed,
 * two generates.
 */
#include <errno.h>
#include <string.h>

#include <gcrypt.h>

#include "kat-probe.h"
#include "probe-module.h"

struct gcry_kat {
	bool fips;
};

static int gcry_md_of(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return GCRY_MD_SHA1;
	case FC_KAT_SHA224: return GCRY_MD_SHA224;
	case FC_KAT_SHA256: return GCRY_MD_SHA256;
	case FC_KAT_SHA384: return GCRY_MD_SHA384;
	case FC_KAT_SHA512: return GCRY_MD_SHA512;
	case FC_KAT_SHA512_224: return GCRY_MD_SHA512_224;
	case FC_KAT_SHA512_256: return GCRY_MD_SHA512_256;
	case FC_KAT_SHA3_224: return GCRY_MD_SHA3_224;
	case FC_KAT_SHA3_256: return GCRY_MD_SHA3_256;
	case FC_KAT_SHA3_384: return GCRY_MD_SHA3_384;
	case FC_KAT_SHA3_512: return GCRY_MD_SHA3_512;
	default: return 0;
	}
}

static int gcry_hmac_of(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return GCRY_MAC_HMAC_SHA1;
	case FC_KAT_SHA224: return GCRY_MAC_HMAC_SHA224;
	case FC_KAT_SHA256: return GCRY_MAC_HMAC_SHA256;
	case FC_KAT_SHA384: return GCRY_MAC_HMAC_SHA384;
	case FC_KAT_SHA512: return GCRY_MAC_HMAC_SHA512;
	case FC_KAT_SHA512_224: return GCRY_MAC_HMAC_SHA512_224;
	case FC_KAT_SHA512_256: return GCRY_MAC_HMAC_SHA512_256;
	case FC_KAT_SHA3_224: return GCRY_MAC_HMAC_SHA3_224;
	case FC_KAT_SHA3_256: return GCRY_MAC_HMAC_SHA3_256;
	case FC_KAT_SHA3_384: return GCRY_MAC_HMAC_SHA3_384;
	case FC_KAT_SHA3_512: return GCRY_MAC_HMAC_SHA3_512;
	default: return 0;
	}
}

static int aes_of(size_t key_len)
{
	return key_len == 16   ? GCRY_CIPHER_AES128
	       : key_len == 24 ? GCRY_CIPHER_AES192
	       : key_len == 32 ? GCRY_CIPHER_AES256
			       : 0;
}

static const char *curve_name(enum fc_kat_curve c)
{
	return c == FC_KAT_P256	  ? "NIST P-256"
	       : c == FC_KAT_P384 ? "NIST P-384"
				  : "NIST P-521";
}

/* libgcrypt's code and text for a failed call. */
static int gfail(struct fc_kat_why *why, int rc, const char *what,
		 gcry_error_t e)
{
	fc_kat_whyf(why, "%s: %s", what, gcry_strerror(e));
	return rc;
}

/* An algorithm the library (or its FIPS mode) does not offer. */
static int not_offered(struct fc_kat_why *why, const char *what)
{
	fc_kat_whyf(why, "%s is not offered by libgcrypt%s", what,
		    gcry_fips_mode_active() ? " in FIPS mode" : "");
	return FC_KAT_UNSUPPORTED;
}

static int digest(void *a, enum fc_kat_hash h, const uint8_t *msg, size_t len,
		  uint8_t *md, struct fc_kat_why *why)
{
	(void)a;
	int algo = gcry_md_of(h);
	gcry_md_hd_t hd;
	if (!algo || gcry_md_test_algo(algo))
		return not_offered(why, fc_kat_hash_name(h));
	gcry_error_t e = gcry_md_open(&hd, algo, 0);
	if (e)
		return gfail(why, FC_KAT_ERROR, "gcry_md_open", e);
	gcry_md_write(hd, msg, len);
	const unsigned char *d = gcry_md_read(hd, algo);
	int rc = FC_KAT_OK;
	if (d)
		memcpy(md, d, fc_kat_hash_len(h));
	else
		rc = gfail(why, FC_KAT_ERROR, "gcry_md_read", GPG_ERR_DIGEST_ALGO);
	gcry_md_close(hd);
	return rc;
}

static int mac(int algo, const uint8_t *key, size_t key_len,
	       const uint8_t *msg, size_t len, uint8_t *out, size_t out_len,
	       struct fc_kat_why *why)
{
	gcry_mac_hd_t hd;
	gcry_error_t e = gcry_mac_open(&hd, algo, 0, NULL);
	if (e)
		return gfail(why, FC_KAT_ERROR, "gcry_mac_open", e);
	size_t n = out_len;
	const char *step = "gcry_mac_setkey";
	if (!(e = gcry_mac_setkey(hd, key, key_len))) {
		step = "gcry_mac_write";
		if (!(e = gcry_mac_write(hd, msg, len))) {
			step = "gcry_mac_read";
			e = gcry_mac_read(hd, out, &n);
		}
	}
	gcry_mac_close(hd);
	return e ? gfail(why, FC_KAT_ERROR, step, e) : FC_KAT_OK;
}

static int hmac(void *a, enum fc_kat_hash h, const uint8_t *key,
		size_t key_len, const uint8_t *msg, size_t len, uint8_t *out,
		struct fc_kat_why *why)
{
	struct gcry_kat *k = a;
	int algo = gcry_hmac_of(h);
	if (!algo || gcry_mac_test_algo(algo))
		return not_offered(why, fc_kat_hash_name(h));
	if (k->fips && key_len < 14) {
		fc_kat_whyf(why, "libgcrypt in FIPS mode refuses HMAC keys "
				 "shorter than 112 bits");
		return FC_KAT_UNSUPPORTED;
	}
	return mac(algo, key, key_len, msg, len, out, fc_kat_hash_len(h), why);
}

static int cmac(void *a, const uint8_t *key, size_t key_len,
		const uint8_t *msg, size_t len, uint8_t out[16],
		struct fc_kat_why *why)
{
	(void)a;
	if (!aes_of(key_len)) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	return mac(GCRY_MAC_CMAC_AES, key, key_len, msg, len, out, 16, why);
}

static int cipher(void *a, enum fc_kat_cipher_mode m, bool decrypt,
		  const uint8_t *key, size_t key_len, const uint8_t *iv,
		  const uint8_t *in, size_t len, uint8_t *out,
		  struct fc_kat_why *why)
{
	(void)a;
	int algo = aes_of(key_len);
	int mode = m == FC_KAT_ECB   ? GCRY_CIPHER_MODE_ECB
		   : m == FC_KAT_CBC ? GCRY_CIPHER_MODE_CBC
				     : GCRY_CIPHER_MODE_CTR;
	gcry_cipher_hd_t hd;
	if (!algo) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	gcry_error_t e = gcry_cipher_open(&hd, algo, mode, 0);
	if (e)
		return gfail(why, FC_KAT_ERROR, "gcry_cipher_open", e);
	const char *step = "gcry_cipher_setkey";
	if (!(e = gcry_cipher_setkey(hd, key, key_len))) {
		step = "set the IV";
		e = m == FC_KAT_CBC   ? gcry_cipher_setiv(hd, iv, 16)
		    : m == FC_KAT_CTR ? gcry_cipher_setctr(hd, iv, 16)
				      : 0;
	}
	if (!e) {
		step = decrypt ? "gcry_cipher_decrypt" : "gcry_cipher_encrypt";
		e = decrypt ? gcry_cipher_decrypt(hd, out, len, in, len)
			    : gcry_cipher_encrypt(hd, out, len, in, len);
	}
	gcry_cipher_close(hd);
	return e ? gfail(why, FC_KAT_ERROR, step, e) : FC_KAT_OK;
}

static int gcm(void *a, bool decrypt, const uint8_t *key, size_t key_len,
	       const uint8_t *iv, size_t iv_len, const uint8_t *aad,
	       size_t aad_len, const uint8_t *in, size_t len, uint8_t *tag,
	       size_t tag_len, uint8_t *out, struct fc_kat_why *why)
{
	struct gcry_kat *k = a;
	int algo = aes_of(key_len);
	gcry_cipher_hd_t hd;
	if (!algo) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	if (k->fips && !decrypt) {
		fc_kat_whyf(why, "libgcrypt in FIPS mode encrypts GCM only "
				 "under an IV it generates itself");
		return FC_KAT_UNSUPPORTED;
	}
	gcry_error_t e = gcry_cipher_open(&hd, algo, GCRY_CIPHER_MODE_GCM, 0);
	if (e)
		return gfail(why, FC_KAT_ERROR, "gcry_cipher_open", e);
	int rc = FC_KAT_ERROR;
	const char *step = "gcry_cipher_setkey";
	if ((e = gcry_cipher_setkey(hd, key, key_len)))
		goto out;
	step = "gcry_cipher_setiv";
	if ((e = gcry_cipher_setiv(hd, iv, iv_len)))
		goto out;
	step = "gcry_cipher_authenticate";
	if ((e = gcry_cipher_authenticate(hd, aad, aad_len)))
		goto out;
	step = decrypt ? "gcry_cipher_decrypt" : "gcry_cipher_encrypt";
	/* The last piece of text tells GCM where the data ends. */
	gcry_cipher_final(hd);
	if ((e = decrypt ? gcry_cipher_decrypt(hd, out, len, in, len)
			 : gcry_cipher_encrypt(hd, out, len, in, len)))
		goto out;
	if (decrypt) {
		step = "gcry_cipher_checktag";
		e = gcry_cipher_checktag(hd, tag, tag_len);
		if (gcry_err_code(e) == GPG_ERR_CHECKSUM) {
			rc = FC_KAT_REJECTED;
			goto out;
		}
	} else {
		step = "gcry_cipher_gettag";
		e = gcry_cipher_gettag(hd, tag, tag_len);
	}
	if (!e)
		rc = FC_KAT_OK;
out:
	gcry_cipher_close(hd);
	return rc == FC_KAT_OK ? rc : gfail(why, rc, step, e);
}

static int pbkdf2(void *a, enum fc_kat_hash h, const uint8_t *pw,
		  size_t pw_len, const uint8_t *salt, size_t salt_len,
		  unsigned iterations, uint8_t *out, size_t out_len,
		  struct fc_kat_why *why)
{
	struct gcry_kat *k = a;
	int algo = gcry_md_of(h);
	if (!algo || gcry_md_test_algo(algo))
		return not_offered(why, fc_kat_hash_name(h));
	/* The passphrase is PBKDF2's HMAC key. */
	if (k->fips && pw_len < 14) {
		fc_kat_whyf(why, "libgcrypt in FIPS mode refuses PBKDF2 "
				 "passphrases shorter than 112 bits");
		return FC_KAT_UNSUPPORTED;
	}
	if (salt_len == 0) {
		fc_kat_whyf(why, "libgcrypt refuses an empty PBKDF2 salt");
		return FC_KAT_UNSUPPORTED;
	}
	gcry_error_t e = gcry_kdf_derive(pw, pw_len, GCRY_KDF_PBKDF2, algo, salt,
					 salt_len, iterations, out_len, out);
	return e ? gfail(why, FC_KAT_ERROR, "gcry_kdf_derive", e) : FC_KAT_OK;
}

/* Verify or sign through gcry_pk_hash_*, which hashes msg itself (the
 * approved way in FIPS mode).  tmpl holds the library's %s and %b. */
static gcry_error_t pk_hash(gcry_sexp_t *sig, const char *tmpl,
			    gcry_sexp_t key, enum fc_kat_hash h,
			    const uint8_t *msg, size_t len, bool sign)
{
	gcry_md_hd_t hd;
	gcry_error_t e = gcry_md_open(&hd, gcry_md_of(h), 0);
	if (e)
		return e;
	gcry_md_write(hd, msg, len);
	e = sign ? gcry_pk_hash_sign(sig, tmpl, key, hd, NULL)
		 : gcry_pk_hash_verify(*sig, tmpl, key, hd, NULL);
	gcry_md_close(hd);
	return e;
}

static int hash_usable(struct gcry_kat *k, enum fc_kat_hash h,
		       struct fc_kat_why *why)
{
	int algo = gcry_md_of(h);
	if (!algo || gcry_md_test_algo(algo))
		return not_offered(why, fc_kat_hash_name(h));
	if (k->fips && h == FC_KAT_SHA1) {
		fc_kat_whyf(why, "libgcrypt in FIPS mode refuses SHA-1 "
				 "signatures");
		return FC_KAT_UNSUPPORTED;
	}
	return FC_KAT_OK;
}

/* A verification result: a signature that does not match is a refusal;
 * any other error is the library failing. */
static int verified(gcry_error_t e, struct fc_kat_why *why)
{
	if (!e)
		return FC_KAT_OK;
	return gfail(why, gcry_err_code(e) == GPG_ERR_BAD_SIGNATURE
				  ? FC_KAT_REJECTED
				  : FC_KAT_ERROR,
		     "gcry_pk_hash_verify", e);
}

static gcry_error_t ec_key(gcry_sexp_t *key, const struct fc_kat_ec_key *k)
{
	size_t cl = fc_kat_curve_len(k->curve);
	uint8_t q[1 + 2 * 66];
	q[0] = 0x04;
	memcpy(q + 1, k->qx, cl);
	memcpy(q + 1 + cl, k->qy, cl);
	if (k->d)
		return gcry_sexp_build(key, NULL,
				       "(private-key (ecc (curve %s) (q %b) (d %b)))",
				       curve_name(k->curve), (int)(1 + 2 * cl), q,
				       (int)cl, k->d);
	return gcry_sexp_build(key, NULL, "(public-key (ecc (curve %s) (q %b)))",
			       curve_name(k->curve), (int)(1 + 2 * cl), q);
}

static int ecdsa_verify(void *a, const struct fc_kat_ec_key *key,
			enum fc_kat_hash h, const uint8_t *msg, size_t len,
			const struct fc_kat_ecdsa_sig *sig, struct fc_kat_why *why)
{
	int rc = hash_usable(a, h, why);
	if (rc != FC_KAT_OK)
		return rc;
	if (!sig->r) {
		fc_kat_whyf(why, "the signature is not strict DER (decoded by "
				 "fipsctl for libgcrypt)");
		return FC_KAT_REJECTED;
	}
	gcry_sexp_t k = NULL, s = NULL;
	gcry_error_t e = ec_key(&k, key);
	if (e) {
		gcry_sexp_release(k);
		return gfail(why, FC_KAT_REJECTED, "public key", e);
	}
	e = gcry_sexp_build(&s, NULL, "(sig-val (ecdsa (r %b) (s %b)))",
			    (int)sig->r_len, sig->r, (int)sig->s_len, sig->s);
	rc = e ? gfail(why, FC_KAT_ERROR, "gcry_sexp_build", e)
	       : verified(pk_hash(&s, "(data (flags raw) (hash %s %b))", k, h,
				  msg, len, false),
			  why);
	gcry_sexp_release(s);
	gcry_sexp_release(k);
	return rc;
}

/* An unsigned MPI named tok in sexp, as size bytes big-endian. */
static bool sexp_uint(gcry_sexp_t sexp, const char *tok, uint8_t *out,
		      size_t size)
{
	gcry_sexp_t t = gcry_sexp_find_token(sexp, tok, 0);
	gcry_mpi_t m = t ? gcry_sexp_nth_mpi(t, 1, GCRYMPI_FMT_USG) : NULL;
	size_t n = 0;
	bool ok = m && gcry_mpi_print(GCRYMPI_FMT_USG, out, size, &n, m) == 0 &&
		  n <= size;
	if (ok) {
		memmove(out + size - n, out, n);
		memset(out, 0, size - n);
	}
	gcry_mpi_release(m);
	gcry_sexp_release(t);
	return ok;
}

static int ecdsa_sign(void *a, const struct fc_kat_ec_key *key,
		      enum fc_kat_hash h, const uint8_t *msg, size_t len,
		      bool *deterministic, uint8_t *r, uint8_t *s,
		      struct fc_kat_why *why)
{
	size_t cl = fc_kat_curve_len(key->curve);
	*deterministic = false;
	int rc = hash_usable(a, h, why);
	if (rc != FC_KAT_OK)
		return rc;
	gcry_sexp_t k = NULL, sig = NULL;
	gcry_error_t e = ec_key(&k, key);
	if (e) {
		gcry_sexp_release(k);
		return gfail(why, FC_KAT_ERROR, "private key", e);
	}
	/* rfc6979: the nonce of RFC 6979, so r and s are known answers. */
	e = pk_hash(&sig, "(data (flags rfc6979) (hash %s %b))", k, h, msg, len,
		    true);
	if (e) {
		rc = gfail(why, FC_KAT_ERROR, "gcry_pk_hash_sign", e);
	} else if (!sexp_uint(sig, "r", r, cl) || !sexp_uint(sig, "s", s, cl)) {
		fc_kat_whyf(why, "no r and s in the signature");
		rc = FC_KAT_ERROR;
	} else {
		*deterministic = true;
		rc = FC_KAT_OK;
	}
	gcry_sexp_release(sig);
	gcry_sexp_release(k);
	return rc;
}

static int rsa_verify(void *a, const struct fc_kat_rsa_pub *key,
		      enum fc_kat_rsa_pad pad, enum fc_kat_hash h,
		      enum fc_kat_hash mgf, size_t salt_len, const uint8_t *msg,
		      size_t len, const uint8_t *sig, size_t sig_len,
		      struct fc_kat_why *why)
{
	int rc = hash_usable(a, h, why);
	if (rc != FC_KAT_OK)
		return rc;
	if (pad == FC_KAT_RSA_PSS && mgf != h) {
		fc_kat_whyf(why, "libgcrypt's PSS uses the message hash for MGF1");
		return FC_KAT_UNSUPPORTED;
	}
	if (sig_len != key->n_len) {
		fc_kat_whyf(why, "signature of %zu bytes for a %zu-byte modulus "
				 "(checked by fipsctl for libgcrypt)",
			    sig_len, key->n_len);
		return FC_KAT_REJECTED;
	}
	gcry_sexp_t k = NULL, s = NULL;
	gcry_error_t e = gcry_sexp_build(&k, NULL, "(public-key (rsa (n %b) (e %b)))",
					 (int)key->n_len, key->n, (int)key->e_len,
					 key->e);
	if (!e)
		e = gcry_sexp_build(&s, NULL, "(sig-val (rsa (s %b)))",
				    (int)sig_len, sig);
	char tmpl[96], sl[24];
	/* A number in an S-expression is a string with its length. */
	snprintf(sl, sizeof(sl), "%zu", salt_len);
	if (pad == FC_KAT_RSA_PSS)
		snprintf(tmpl, sizeof(tmpl),
			 "(data (flags pss) (hash %%s %%b) (salt-length %zu:%s))",
			 strlen(sl), sl);
	else
		snprintf(tmpl, sizeof(tmpl), "(data (flags pkcs1) (hash %%s %%b))");
	rc = e ? gfail(why, FC_KAT_REJECTED, "key or signature", e)
	       : verified(pk_hash(&s, tmpl, k, h, msg, len, false), why);
	gcry_sexp_release(s);
	gcry_sexp_release(k);
	return rc;
}

/*
 * ECDH as libgcrypt offers it (and GnuPG uses it): "encrypting" the
 * private scalar to the peer's key gives the shared point d*Q.  That call
 * does not check that Q lies on the curve; SP 800-56A's partial public-key
 * validation is the caller's, so it is done here with the library's own
 * gcry_mpi_ec_curve_point, as a correct caller does.
 */
static int ecdh(void *a, enum fc_kat_curve c, const uint8_t *priv,
		const uint8_t *peer, size_t peer_len, uint8_t *out,
		struct fc_kat_why *why)
{
	(void)a;
	size_t cl = fc_kat_curve_len(c);
	gcry_sexp_t k = NULL, d = NULL, res = NULL, st = NULL;
	gcry_mpi_t dm = NULL;
	gcry_ctx_t ec = NULL;
	gcry_mpi_point_t q = NULL;
	int rc = FC_KAT_ERROR;
	gcry_error_t e = gcry_sexp_build(&k, NULL,
					 "(public-key (ecc (curve %s) (q %b)))",
					 curve_name(c), (int)peer_len, peer);
	if (e) {
		rc = gfail(why, FC_KAT_REJECTED, "peer key", e);
		goto out;
	}
	if ((e = gcry_mpi_ec_new(&ec, k, NULL))) {
		rc = gfail(why, FC_KAT_REJECTED, "peer key", e);
		goto out;
	}
	q = gcry_mpi_ec_get_point("q", ec, 1);
	if (!q || !gcry_mpi_ec_curve_point(q, ec)) {
		fc_kat_whyf(why, "the peer point is not on %s "
				 "(gcry_mpi_ec_curve_point)", curve_name(c));
		rc = FC_KAT_REJECTED;
		goto out;
	}
	if ((e = gcry_mpi_scan(&dm, GCRYMPI_FMT_USG, priv, cl, NULL)) ||
	    (e = gcry_sexp_build(&d, NULL, "(data (flags raw) (value %m))", dm))) {
		rc = gfail(why, FC_KAT_ERROR, "private key", e);
		goto out;
	}
	if ((e = gcry_pk_encrypt(&res, d, k))) {
		/* An invalid peer point fails here. */
		rc = gfail(why, FC_KAT_REJECTED, "gcry_pk_encrypt", e);
		goto out;
	}
	st = gcry_sexp_find_token(res, "s", 0);
	size_t n = 0;
	const char *p = st ? gcry_sexp_nth_data(st, 1, &n) : NULL;
	if (!p || n != 1 + 2 * cl || p[0] != 0x04) {
		fc_kat_whyf(why, "the shared point is not an uncompressed point");
		goto out;
	}
	memcpy(out, p + 1, cl);
	rc = FC_KAT_OK;
out:
	gcry_sexp_release(st);
	gcry_sexp_release(res);
	gcry_sexp_release(d);
	gcry_sexp_release(k);
	gcry_mpi_release(dm);
	gcry_mpi_point_release(q);
	gcry_ctx_release(ec);
	return rc;
}

/* libgcrypt's CAVS test interface (see the top of this file). */
#define PRIV_CTL_RUN_EXTRNG_TEST 59
struct gcry_drbg_test_vector {
	const char *flagstr;
	unsigned char *entropy;
	size_t entropylen;
	unsigned char *entpra;
	unsigned char *entprb;
	size_t entprlen;
	unsigned char *addtla;
	unsigned char *addtlb;
	size_t addtllen;
	unsigned char *pers;
	size_t perslen;
	unsigned char *expected;
	size_t expectedlen;
	unsigned char *entropyreseed;
	size_t entropyreseed_len;
	unsigned char *addtl_reseed;
	size_t addtl_reseed_len;
};

static int drbg(void *a, const struct fc_kat_drbg *d, uint8_t *out,
		struct fc_kat_why *why)
{
	(void)a;
	const char *core = NULL;
	/* The DRBG cores libgcrypt's flag strings can name. */
	if (d->kind == FC_KAT_CTR_DRBG)
		core = !d->df ? NULL
		       : d->key_bits == 128 ? "aes sym128"
		       : d->key_bits == 192 ? "aes sym192"
		       : d->key_bits == 256 ? "aes sym256"
					    : NULL;
	else
		core = d->hash == FC_KAT_SHA1	  ? "sha1"
		       : d->hash == FC_KAT_SHA256 ? "sha256"
		       : d->hash == FC_KAT_SHA512 ? "sha512"
						  : NULL;
	bool shape = d->n_steps == 2 ? !d->steps[0].reseed && !d->steps[1].reseed
		     : d->n_steps == 3 ? d->steps[0].reseed && !d->steps[1].reseed &&
					 !d->steps[2].reseed
				       : false;
	if (!core) {
		fc_kat_whyf(why, "libgcrypt has no %s DRBG core%s",
			    d->kind == FC_KAT_CTR_DRBG ? "CTR_DRBG"
			    : d->kind == FC_KAT_HASH_DRBG ? "Hash_DRBG"
							  : "HMAC_DRBG",
			    d->kind == FC_KAT_CTR_DRBG && !d->df
				    ? " without a derivation function"
				    : " with this hash or key size");
		return FC_KAT_UNSUPPORTED;
	}
	if (!shape ||
	    d->steps[d->n_steps - 1].add_len != d->steps[d->n_steps - 2].add_len) {
		fc_kat_whyf(why, "libgcrypt's test interface runs instantiate, "
				 "[reseed,] generate, generate only");
		return FC_KAT_UNSUPPORTED;
	}
	const struct fc_kat_drbg_step *ga = &d->steps[d->n_steps - 2];
	const struct fc_kat_drbg_step *gb = &d->steps[d->n_steps - 1];
	const struct fc_kat_drbg_step *rs = d->n_steps == 3 ? &d->steps[0] : NULL;
	char flags[48];
	snprintf(flags, sizeof(flags), "%s%s%s",
		 d->kind == FC_KAT_HMAC_DRBG ? "hmac " : "", core,
		 d->pr ? " pr" : "");
	/* SP 800-90A instantiates from entropy || nonce. */
	uint8_t *seed = fc_malloc(d->entropy_len + d->nonce_len + 1);
	memcpy(seed, d->entropy, d->entropy_len);
	memcpy(seed + d->entropy_len, d->nonce, d->nonce_len);
	struct gcry_drbg_test_vector t = {
		.flagstr = flags,
		.entropy = seed,
		.entropylen = d->entropy_len + d->nonce_len,
		.entpra = d->pr ? (unsigned char *)ga->entropy : NULL,
		.entprb = d->pr ? (unsigned char *)gb->entropy : NULL,
		.entprlen = d->pr ? ga->entropy_len : 0,
		.addtla = (unsigned char *)ga->add,
		.addtlb = (unsigned char *)gb->add,
		.addtllen = ga->add_len,
		.pers = (unsigned char *)d->pers,
		.perslen = d->pers_len,
		.expectedlen = d->out_len,
		.entropyreseed = rs ? (unsigned char *)rs->entropy : NULL,
		.entropyreseed_len = rs ? rs->entropy_len : 0,
		.addtl_reseed = rs ? (unsigned char *)rs->add : NULL,
		.addtl_reseed_len = rs ? rs->add_len : 0,
	};
	gcry_error_t e = gcry_control(PRIV_CTL_RUN_EXTRNG_TEST, &t, out);
	free(seed);
	return e ? gfail(why, FC_KAT_ERROR, "DRBG test interface", e) : FC_KAT_OK;
}

static const struct fc_kat_ops gcry_ops = {
	.digest = digest,
	.hmac = hmac,
	.cmac = cmac,
	.cipher = cipher,
	.gcm = gcm,
	/* libgcrypt 1.10 has no HKDF (GCRY_KDF_HKDF arrived in 1.11). */
	.hkdf = NULL,
	.pbkdf2 = pbkdf2,
	.ecdsa_verify = ecdsa_verify,
	.ecdsa_sign = ecdsa_sign,
	.rsa_verify = rsa_verify,
	.ecdh = ecdh,
	.drbg = drbg,
};

int fc_selftest_libgcrypt(struct fc_probe_ctx *ctx)
{
	/* The way an application starts it; a no-op when the probe already
	 * did (the decision on FIPS mode is the library's). */
	const char *ver = gcry_check_version(NULL);
	gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	struct gcry_kat k = { .fips = gcry_fips_mode_active() != 0 };
	_cleanup_free_ char *module = fc_asprintf("libgcrypt %s, %s", ver,
						  k.fips ? "FIPS mode"
							 : "not in FIPS mode");
	struct fc_finding *f = fc_kat_probe_run(ctx, "selftest.libgcrypt", module,
						&gcry_ops, &k);
	fc_finding_fact(f, "fips_mode", "%s", k.fips ? "true" : "false");
	fc_finding_fact(f, "operational", "%s",
			gcry_control(GCRYCTL_OPERATIONAL_P, 0) ? "true" : "false");
	return 0;
}
