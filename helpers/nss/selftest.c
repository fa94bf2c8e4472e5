// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The NSS adapter of the self-test core (src/kat/kat.h), run by
 * fipsctl-probe-nss for the check selftest.nss, through the PK11 API of
 * NSS's internal module in a child of the probe: in the database named by
 * the first --nssdb (read-only), else with no database (NSS_NoDB_Init: no
 * file is opened or created).  The finding says whether that module is in
 * FIPS mode (PK11_IsFIPS: a database switched with 'modutil -fips true',
 * or the kernel in FIPS mode, puts it there).
 *
 * The FIPS token takes no plaintext secret or private key and gives out
 * no sensitive key's value, so keys go in by C_UnwrapKey and derived keys
 * come out wrapped (see seal()); the non-FIPS module takes the same path.
 * What the FIPS module refuses by its rules (an HMAC key shorter than half
 * the digest) is skipped with that reason, only after it did refuse.
 *
 * SECStatus and the NSS error are turned into the core's codes here.  Not
 * offered through PK11 in NSS 3.87: SHA-3 and SHA-512/t (no OIDs), and the
 * DRBGs (no deterministic instantiation).  ECDSA signatures reach
 * PK11_Verify as r||s, so the core's strict DER decoding comes first, as
 * for libgcrypt and GnuTLS; RSA PKCS#1 v1.5 goes through VFY, which checks
 * the DigestInfo itself.
 */
#include <string.h>

#include <cryptohi.h>
#include <keyhi.h>
#include <nss.h>
#include <pk11pub.h>
#include <prerror.h>
#include <secerr.h>
#include <secoid.h>

#include "kat-probe.h"
#include "probe-module.h"

struct nss_kat {
	PK11SlotInfo *slot;
	bool fips; /* PK11_IsFIPS: the FIPS token's rules apply */
	/* An AES-256 key generated inside the token, made on first use:
	 * every known key goes in, and every derived key comes out, wrapped
	 * with it (see seal()). */
	PK11SymKey *wrap;
	PRErrorCode err; /* of the last failed MAC or HKDF (see below) */
};

static SECOidTag oid_of(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return SEC_OID_SHA1;
	case FC_KAT_SHA224: return SEC_OID_SHA224;
	case FC_KAT_SHA256: return SEC_OID_SHA256;
	case FC_KAT_SHA384: return SEC_OID_SHA384;
	case FC_KAT_SHA512: return SEC_OID_SHA512;
	default: return SEC_OID_UNKNOWN;
	}
}

static CK_MECHANISM_TYPE hmac_mech(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return CKM_SHA_1_HMAC;
	case FC_KAT_SHA224: return CKM_SHA224_HMAC;
	case FC_KAT_SHA256: return CKM_SHA256_HMAC;
	case FC_KAT_SHA384: return CKM_SHA384_HMAC;
	case FC_KAT_SHA512: return CKM_SHA512_HMAC;
	default: return CKM_INVALID_MECHANISM;
	}
}

static CK_MECHANISM_TYPE hash_mech(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return CKM_SHA_1;
	case FC_KAT_SHA224: return CKM_SHA224;
	case FC_KAT_SHA256: return CKM_SHA256;
	case FC_KAT_SHA384: return CKM_SHA384;
	case FC_KAT_SHA512: return CKM_SHA512;
	default: return CKM_INVALID_MECHANISM;
	}
}

static CK_RSA_PKCS_MGF_TYPE mgf_of(enum fc_kat_hash h)
{
	switch (h) {
	case FC_KAT_SHA1: return CKG_MGF1_SHA1;
	case FC_KAT_SHA224: return CKG_MGF1_SHA224;
	case FC_KAT_SHA256: return CKG_MGF1_SHA256;
	case FC_KAT_SHA384: return CKG_MGF1_SHA384;
	case FC_KAT_SHA512: return CKG_MGF1_SHA512;
	default: return 0;
	}
}

static SECOidTag curve_oid(enum fc_kat_curve c)
{
	return c == FC_KAT_P256	  ? SEC_OID_ANSIX962_EC_PRIME256V1
	       : c == FC_KAT_P384 ? SEC_OID_SECG_EC_SECP384R1
				  : SEC_OID_SECG_EC_SECP521R1;
}

/* The NSS error of the last failed call. */
static int nfail(struct fc_kat_why *why, int rc, const char *what)
{
	PRErrorCode e = PR_GetError();
	const char *name = PR_ErrorToName(e);
	fc_kat_whyf(why, "%s: %s (%d)", what, name ? name : "unknown error",
		    (int)e);
	/* NSS's policy and missing mechanisms: not a wrong answer. */
	if (e == SEC_ERROR_INVALID_ALGORITHM || e == SEC_ERROR_NO_TOKEN ||
	    e == SEC_ERROR_SIGNATURE_ALGORITHM_DISABLED ||
	    e == SEC_ERROR_UNSUPPORTED_KEYALG)
		return FC_KAT_UNSUPPORTED;
	return rc;
}

static int not_offered(struct fc_kat_why *why, const char *what)
{
	fc_kat_whyf(why, "%s is not offered by NSS's PK11 API", what);
	return FC_KAT_UNSUPPORTED;
}

static SECItem item(const uint8_t *p, size_t n)
{
	return (SECItem){ siBuffer, (unsigned char *)p, (unsigned int)n };
}

/*
 * Keys in and out of the token.  A FIPS 140 token refuses plaintext
 * secret and private keys (softoken's FC_CreateObject answers
 * CKR_ATTRIBUTE_VALUE_INVALID, PK11 reports SEC_ERROR_BAD_DATA) and the
 * value of a sensitive key (every secret key is sensitive there), so the
 * adapter does what a FIPS application does: a known key is encrypted
 * inside the token with a key the token generated, under AES Key Wrap
 * with Padding (SP 800-38F KWP, CKM_AES_KEY_WRAP_KWP), and unwrapped into
 * it (C_UnwrapKey); a derived key is wrapped with the same key and the
 * wrapped bytes decrypted by the token.  The same path serves the
 * non-FIPS module, so both modes run the same code.
 */
#define WRAP_MECH CKM_AES_KEY_WRAP_KWP
/* KWP adds an 8-byte block and pads to a multiple of 8 bytes. */
#define WRAPPED_LEN(n) ((((n) + 7) / 8) * 8 + 8)

static PK11SymKey *wrapping_key(struct nss_kat *k, struct fc_kat_why *why)
{
	if (!k->wrap) {
		k->wrap = PK11_TokenKeyGenWithFlags(
			k->slot, CKM_AES_KEY_GEN, NULL, 32, NULL,
			CKF_ENCRYPT | CKF_DECRYPT | CKF_WRAP | CKF_UNWRAP, 0,
			NULL);
		if (!k->wrap)
			nfail(why, 0, "generating the AES wrapping key");
	}
	return k->wrap;
}

/* p wrapped under the wrapping key, inside the token: out->data is
 * allocated.  Returns an FC_KAT code. */
static int seal(struct nss_kat *k, const uint8_t *p, size_t n, SECItem *out,
		struct fc_kat_why *why)
{
	*out = (SECItem){ siBuffer, NULL, 0 };
	if (!wrapping_key(k, why))
		return FC_KAT_ERROR;
	if (n == 0) {
		fc_kat_whyf(why, "a key of 0 bytes cannot be unwrapped into "
				 "the token (KWP wraps 1 byte at least)");
		return FC_KAT_UNSUPPORTED;
	}
	unsigned int len = 0;
	out->data = fc_malloc(WRAPPED_LEN(n));
	if (PK11_Encrypt(k->wrap, WRAP_MECH, NULL, out->data, &len,
			 WRAPPED_LEN(n), p, (unsigned)n) != SECSuccess) {
		free(out->data);
		out->data = NULL;
		return nfail(why, FC_KAT_ERROR, "wrapping the key (KWP)");
	}
	out->len = len;
	return FC_KAT_OK;
}

/* A known secret as a key for mech and operation op, unwrapped into the
 * token; NULL with why and *rc set. */
static PK11SymKey *sym_key(struct nss_kat *k, CK_MECHANISM_TYPE mech,
			   CK_ATTRIBUTE_TYPE op, const uint8_t *key,
			   size_t key_len, int *rc, struct fc_kat_why *why)
{
	SECItem wrapped;
	*rc = seal(k, key, key_len, &wrapped, why);
	if (*rc != FC_KAT_OK)
		return NULL;
	PK11SymKey *sk = PK11_UnwrapSymKeyWithFlags(k->wrap, WRAP_MECH, NULL,
						    &wrapped, mech, op,
						    (int)key_len, 0);
	if (!sk)
		*rc = nfail(why, FC_KAT_ERROR, "unwrapping the key into the token");
	free(wrapped.data);
	return sk;
}

static int digest(void *a, enum fc_kat_hash h, const uint8_t *msg, size_t len,
		  uint8_t *md, struct fc_kat_why *why)
{
	(void)a;
	SECOidTag o = oid_of(h);
	if (o == SEC_OID_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	return PK11_HashBuf(o, md, msg, (PRInt32)len) == SECSuccess
		       ? FC_KAT_OK
		       : nfail(why, FC_KAT_ERROR, "PK11_HashBuf");
}

/*
 * NSS's FIPS module refuses an HMAC key shorter than half the digest
 * (freebl's hmac_initKey in FIPS mode).  PK11 reports it as
 * SEC_ERROR_INVALID_KEY for an HMAC and, as HKDF-Extract's salt, as
 * SEC_ERROR_NO_MEMORY (softoken's sftk_HKDF answers CKR_HOST_MEMORY).
 * When the module refused such a key with that error, the case is
 * skipped for that reason; any other refusal stays the failure it is.
 */
static int fips_short_hmac_key(const struct nss_kat *k, enum fc_kat_hash h,
			       size_t key_len, const char *what,
			       PRErrorCode refusal, int rc,
			       struct fc_kat_why *why)
{
	size_t min = fc_kat_hash_len(h) / 2;
	if (!k->fips || key_len >= min || rc != FC_KAT_ERROR ||
	    k->err != refusal)
		return rc;
	char said[sizeof(why->text)];
	memcpy(said, why->text, sizeof(said));
	fc_kat_whyf(why, "NSS's FIPS module refuses %s shorter than half the "
			 "%s digest (%zu < %zu bytes): %s", what,
		    fc_kat_hash_name(h), key_len, min, said);
	return FC_KAT_UNSUPPORTED;
}

/* HMAC and CMAC: a signing context on a key unwrapped into the token. */
static int mac(struct nss_kat *k, CK_MECHANISM_TYPE mech, const uint8_t *key,
	       size_t key_len, const uint8_t *msg, size_t len, uint8_t *out,
	       unsigned int out_len, struct fc_kat_why *why)
{
	int rc;
	PK11SymKey *sk = sym_key(k, mech, CKA_SIGN, key, key_len, &rc, why);
	if (!sk)
		return rc;
	SECItem noparams = { siBuffer, NULL, 0 };
	PK11Context *c = PK11_CreateContextBySymKey(mech, CKA_SIGN, sk, &noparams);
	unsigned int n = 0;
	k->err = 0;
	if (c && PK11_DigestBegin(c) == SECSuccess &&
	    PK11_DigestOp(c, msg, (unsigned)len) == SECSuccess &&
	    PK11_DigestFinal(c, out, &n, out_len) == SECSuccess) {
		rc = FC_KAT_OK;
	} else {
		k->err = PR_GetError();
		rc = nfail(why, FC_KAT_ERROR, "MAC");
	}
	if (c)
		PK11_DestroyContext(c, PR_TRUE);
	PK11_FreeSymKey(sk);
	return rc;
}

static int hmac(void *a, enum fc_kat_hash h, const uint8_t *key,
		size_t key_len, const uint8_t *msg, size_t len, uint8_t *out,
		struct fc_kat_why *why)
{
	CK_MECHANISM_TYPE m = hmac_mech(h);
	if (m == CKM_INVALID_MECHANISM)
		return not_offered(why, fc_kat_hash_name(h));
	int rc = mac(a, m, key, key_len, msg, len, out,
		     (unsigned)fc_kat_hash_len(h), why);
	return fips_short_hmac_key(a, h, key_len, "HMAC keys",
				   SEC_ERROR_INVALID_KEY, rc, why);
}

static int cmac(void *a, const uint8_t *key, size_t key_len,
		const uint8_t *msg, size_t len, uint8_t out[16],
		struct fc_kat_why *why)
{
	if (key_len != 16 && key_len != 24 && key_len != 32) {
		fc_kat_whyf(why, "AES key of %zu bytes", key_len);
		return FC_KAT_REJECTED;
	}
	return mac(a, CKM_AES_CMAC, key, key_len, msg, len, out, 16, why);
}

/* PK11_Encrypt or PK11_Decrypt with a raw key. */
static int pk11_crypt(struct nss_kat *k, CK_MECHANISM_TYPE mech, SECItem *param,
		 bool decrypt, const uint8_t *key, size_t key_len,
		 const uint8_t *in, size_t len, uint8_t *out, size_t max,
		 unsigned int *out_len, struct fc_kat_why *why)
{
	int rc;
	PK11SymKey *sk = sym_key(k, mech, decrypt ? CKA_DECRYPT : CKA_ENCRYPT,
				 key, key_len, &rc, why);
	if (!sk)
		return rc;
	SECStatus s = decrypt ? PK11_Decrypt(sk, mech, param, out, out_len,
					     (unsigned)max, in, (unsigned)len)
			      : PK11_Encrypt(sk, mech, param, out, out_len,
					     (unsigned)max, in, (unsigned)len);
	rc = FC_KAT_OK;
	if (s != SECSuccess)
		rc = nfail(why, PR_GetError() == SEC_ERROR_BAD_DATA && decrypt
					? FC_KAT_REJECTED
					: FC_KAT_ERROR,
			   decrypt ? "PK11_Decrypt" : "PK11_Encrypt");
	PK11_FreeSymKey(sk);
	return rc;
}

static int cipher(void *a, enum fc_kat_cipher_mode m, bool decrypt,
		  const uint8_t *key, size_t key_len, const uint8_t *iv,
		  const uint8_t *in, size_t len, uint8_t *out,
		  struct fc_kat_why *why)
{
	CK_AES_CTR_PARAMS ctr = { .ulCounterBits = 128 };
	SECItem param = { siBuffer, NULL, 0 };
	CK_MECHANISM_TYPE mech = CKM_AES_ECB;
	if (m == FC_KAT_CBC) {
		mech = CKM_AES_CBC;
		param = item(iv, 16);
	} else if (m == FC_KAT_CTR) {
		mech = CKM_AES_CTR;
		memcpy(ctr.cb, iv, 16);
		param = item((const uint8_t *)&ctr, sizeof(ctr));
	}
	unsigned int n = 0;
	int rc = pk11_crypt(a, mech, &param, decrypt, key, key_len, in, len, out, len,
		       &n, why);
	if (rc == FC_KAT_OK && n != len) {
		fc_kat_whyf(why, "%u bytes out of %zu", n, len);
		rc = FC_KAT_ERROR;
	}
	return rc;
}

static int gcm(void *a, bool decrypt, const uint8_t *key, size_t key_len,
	       const uint8_t *iv, size_t iv_len, const uint8_t *aad,
	       size_t aad_len, const uint8_t *in, size_t len, uint8_t *tag,
	       size_t tag_len, uint8_t *out, struct fc_kat_why *why)
{
	CK_NSS_GCM_PARAMS p = {
		.pIv = (CK_BYTE_PTR)iv,
		.ulIvLen = iv_len,
		.pAAD = (CK_BYTE_PTR)aad,
		.ulAADLen = aad_len,
		.ulTagBits = tag_len * 8,
	};
	SECItem param = item((const uint8_t *)&p, sizeof(p));
	/* PK11's GCM text carries the tag after the cipher text. */
	uint8_t *buf = fc_malloc(len + 16 + 1);
	unsigned int n = 0;
	int rc;
	if (decrypt) {
		memcpy(buf, in, len);
		memcpy(buf + len, tag, tag_len);
		rc = pk11_crypt(a, CKM_AES_GCM, &param, true, key, key_len, buf,
			   len + tag_len, out, len + 16, &n, why);
	} else {
		rc = pk11_crypt(a, CKM_AES_GCM, &param, false, key, key_len, in, len,
			   buf, len + 16, &n, why);
		if (rc == FC_KAT_OK && n == len + tag_len) {
			memcpy(out, buf, len);
			memcpy(tag, buf + len, tag_len);
		} else if (rc == FC_KAT_OK) {
			fc_kat_whyf(why, "encryption gave %u bytes", n);
			rc = FC_KAT_ERROR;
		}
	}
	free(buf);
	return rc;
}

/*
 * The value of a derived key: NSS's KDFs produce keys, not bytes, and a
 * FIPS token gives no sensitive key's value (PK11_ExtractKeyValue), so
 * the key is wrapped with the wrapping key and the token decrypts that.
 */
static int key_value(struct nss_kat *k, PK11SymKey *sk, uint8_t *out,
		     size_t out_len, struct fc_kat_why *why)
{
	if (!wrapping_key(k, why))
		return FC_KAT_ERROR;
	/* room for a key longer than expected, to report its length */
	size_t max = out_len + 64;
	_cleanup_free_ uint8_t *wrapped = fc_malloc(WRAPPED_LEN(max));
	_cleanup_free_ uint8_t *plain = fc_malloc(WRAPPED_LEN(max));
	SECItem w = { siBuffer, wrapped, (unsigned)WRAPPED_LEN(max) };
	unsigned int n = 0;
	if (PK11_WrapSymKey(WRAP_MECH, NULL, k->wrap, sk, &w) != SECSuccess)
		return nfail(why, FC_KAT_ERROR, "wrapping the derived key (KWP)");
	if (PK11_Decrypt(k->wrap, WRAP_MECH, NULL, plain, &n,
			 (unsigned)WRAPPED_LEN(max), w.data, w.len) != SECSuccess)
		return nfail(why, FC_KAT_ERROR,
			     "decrypting the wrapped derived key (KWP)");
	if (n != out_len) {
		fc_kat_whyf(why, "derived %u bytes, not %zu", n, out_len);
		return FC_KAT_ERROR;
	}
	memcpy(out, plain, out_len);
	return FC_KAT_OK;
}

static int hkdf(void *a, enum fc_kat_hash h, const uint8_t *ikm, size_t ikm_len,
		const uint8_t *salt, size_t salt_len, const uint8_t *info,
		size_t info_len, uint8_t *out, size_t out_len,
		struct fc_kat_why *why)
{
	CK_MECHANISM_TYPE hm = hash_mech(h);
	if (hm == CKM_INVALID_MECHANISM)
		return not_offered(why, fc_kat_hash_name(h));
	int rc;
	PK11SymKey *base = sym_key(a, CKM_HKDF_DERIVE, CKA_DERIVE, ikm, ikm_len,
				   &rc, why);
	if (!base)
		return rc;
	CK_HKDF_PARAMS p = {
		.bExtract = CK_TRUE,
		.bExpand = CK_TRUE,
		.prfHashMechanism = hm,
		.ulSaltType = salt_len ? CKF_HKDF_SALT_DATA : CKF_HKDF_SALT_NULL,
		.pSalt = salt_len ? (CK_BYTE_PTR)salt : NULL,
		.ulSaltLen = salt_len,
		.pInfo = (CK_BYTE_PTR)info,
		.ulInfoLen = info_len,
	};
	SECItem param = item((const uint8_t *)&p, sizeof(p));
	PK11SymKey *dk = PK11_Derive(base, CKM_HKDF_DERIVE, &param,
				     CKM_GENERIC_SECRET_KEY_GEN, CKA_DERIVE,
				     (int)out_len);
	struct nss_kat *k = a;
	k->err = dk ? 0 : PR_GetError();
	rc = dk ? key_value(k, dk, out, out_len, why)
		: fips_short_hmac_key(k, h, salt_len ? salt_len : SIZE_MAX,
				      "the HMAC key of HKDF-Extract (the salt)",
				      SEC_ERROR_NO_MEMORY,
				      nfail(why, FC_KAT_ERROR, "PK11_Derive"),
				      why);
	if (dk)
		PK11_FreeSymKey(dk);
	PK11_FreeSymKey(base);
	return rc;
}

static int pbkdf2(void *a, enum fc_kat_hash h, const uint8_t *pw,
		  size_t pw_len, const uint8_t *salt, size_t salt_len,
		  unsigned iterations, uint8_t *out, size_t out_len,
		  struct fc_kat_why *why)
{
	struct nss_kat *k = a;
	static const SECOidTag prf[] = {
		[FC_KAT_SHA1] = SEC_OID_HMAC_SHA1,
		[FC_KAT_SHA224] = SEC_OID_HMAC_SHA224,
		[FC_KAT_SHA256] = SEC_OID_HMAC_SHA256,
		[FC_KAT_SHA384] = SEC_OID_HMAC_SHA384,
		[FC_KAT_SHA512] = SEC_OID_HMAC_SHA512,
	};
	if ((unsigned)h >= FC_ARRAY_SIZE(prf) || !prf[h])
		return not_offered(why, fc_kat_hash_name(h));
	SECItem s = item(salt, salt_len), p = item(pw, pw_len);
	SECAlgorithmID *alg = PK11_CreatePBEV2AlgorithmID(
		SEC_OID_PKCS5_PBKDF2, prf[h], prf[h], (int)out_len,
		(int)iterations, &s);
	if (!alg)
		return nfail(why, FC_KAT_ERROR, "PK11_CreatePBEV2AlgorithmID");
	PK11SymKey *dk = PK11_PBEKeyGen(k->slot, alg, &p, PR_FALSE, NULL);
	int rc = dk ? key_value(k, dk, out, out_len, why)
		    : nfail(why, FC_KAT_ERROR, "PK11_PBEKeyGen");
	if (dk)
		PK11_FreeSymKey(dk);
	SECOID_DestroyAlgorithmID(alg, PR_TRUE);
	return rc;
}

/* An EC public key for a curve and an X9.62 point (as given). */
static SECKEYPublicKey *ec_pub(enum fc_kat_curve c, const uint8_t *pt,
			       size_t pt_len)
{
	SECOidData *od = SECOID_FindOIDByTag(curve_oid(c));
	PLArenaPool *arena = od ? PORT_NewArena(2048) : NULL;
	SECKEYPublicKey *pk = arena ? PORT_ArenaZNew(arena, SECKEYPublicKey) : NULL;
	if (!pk) {
		if (arena)
			PORT_FreeArena(arena, PR_FALSE);
		return NULL;
	}
	pk->arena = arena;
	pk->keyType = ecKey;
	pk->pkcs11ID = CK_INVALID_HANDLE;
	/* ECParameters: the named curve's OID, DER. */
	SECItem *params = SECITEM_AllocItem(arena, NULL, od->oid.len + 2);
	params->data[0] = 0x06;
	params->data[1] = (unsigned char)od->oid.len;
	memcpy(params->data + 2, od->oid.data, od->oid.len);
	pk->u.ec.DEREncodedParams = *params;
	SECItem *pv = SECITEM_AllocItem(arena, NULL, (unsigned)pt_len);
	if (pt_len)
		memcpy(pv->data, pt, pt_len);
	pk->u.ec.publicValue = *pv;
	pk->u.ec.size = (unsigned)fc_kat_curve_len(c) * 8;
	pk->u.ec.encoding = ECPoint_Uncompressed;
	return pk;
}

static int ecdsa_verify(void *a, const struct fc_kat_ec_key *key,
			enum fc_kat_hash h, const uint8_t *msg, size_t len,
			const struct fc_kat_ecdsa_sig *sig, struct fc_kat_why *why)
{
	size_t cl = fc_kat_curve_len(key->curve);
	uint8_t md[64], pt[1 + 2 * 66], rs[2 * 66];
	if (oid_of(h) == SEC_OID_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	if (!sig->r || sig->r_len > cl || sig->s_len > cl) {
		fc_kat_whyf(why, "the signature is not strict DER of two "
				 "%zu-byte integers (checked by fipsctl)", cl);
		return FC_KAT_REJECTED;
	}
	int rc = digest(a, h, msg, len, md, why);
	if (rc != FC_KAT_OK)
		return rc;
	pt[0] = 0x04;
	memcpy(pt + 1, key->qx, cl);
	memcpy(pt + 1 + cl, key->qy, cl);
	memset(rs, 0, 2 * cl);
	memcpy(rs + cl - sig->r_len, sig->r, sig->r_len);
	memcpy(rs + 2 * cl - sig->s_len, sig->s, sig->s_len);
	SECKEYPublicKey *pk = ec_pub(key->curve, pt, 1 + 2 * cl);
	if (!pk)
		return nfail(why, FC_KAT_ERROR, "public key");
	SECItem si = item(rs, 2 * cl), hi = item(md, fc_kat_hash_len(h));
	rc = PK11_Verify(pk, &si, &hi, NULL) == SECSuccess
		     ? FC_KAT_OK
		     : nfail(why, FC_KAT_REJECTED, "PK11_Verify");
	SECKEY_DestroyPublicKey(pk);
	return rc;
}

/* DER: tag, length, value appended to b. */
static void der(struct fc_buf *b, uint8_t tag, const void *v, size_t n)
{
	uint8_t h[4] = { tag };
	size_t k = 1;
	if (n < 0x80) {
		h[k++] = (uint8_t)n;
	} else if (n < 0x100) {
		h[k++] = 0x81;
		h[k++] = (uint8_t)n;
	} else {
		h[k++] = 0x82;
		h[k++] = (uint8_t)(n >> 8);
		h[k++] = (uint8_t)n;
	}
	fc_buf_add(b, h, k);
	fc_buf_add(b, v, n);
}

/* The curves' base points G (x || y, SEC 2 / FIPS 186-5 D.1.2). */
static const char *const generator[FC_KAT_CURVE_COUNT_] = {
	[FC_KAT_P256] = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a1"
			"3945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce3357"
			"6b315ececbb6406837bf51f5",
	[FC_KAT_P384] = "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f7"
			"41e082542a385502f25dbf55296c3a545e3872760ab73617de4a"
			"96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0"
			"b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
	[FC_KAT_P521] = "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521"
			"f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348"
			"b3c1856a429bf97e7e31c2e5bd66011839296a789a3bc0045c8a"
			"5fb42c7d1bd998f54449579b446817afbd17273e662c97ee7299"
			"5ef42640c550b9013fad0761353c7086a272c24088be94769fd1"
			"6650",
};

/*
 * An EC private key, unwrapped into the token: PKCS#8 PrivateKeyInfo
 * around an RFC 5915 ECPrivateKey, the form softoken unwraps private keys
 * from, encrypted inside the token first (seal()).  pub (x || y) is the
 * key's public point, carried in the ECPrivateKey.  ECDH vectors give d
 * alone: pub is NULL and the ECPrivateKey has no public point (RFC 5915
 * makes it optional).  PK11_UnwrapPrivKey still wants a public value for
 * the key's CKA_ID and softoken's CKA_NSS_DB, attributes that name the
 * key and never enter the derivation (softoken's ECDH multiplies
 * CKA_VALUE by the peer's point), so the curve's base point stands in
 * there.
 */
static SECKEYPrivateKey *ec_priv(struct nss_kat *k, enum fc_kat_curve c,
				 const uint8_t *d, const uint8_t *pub,
				 CK_ATTRIBUTE_TYPE usage, int *rc,
				 struct fc_kat_why *why)
{
	_cleanup_free_ uint8_t *g = NULL;
	size_t gl = 0;
	if (!pub && fc_kat_unhex(generator[c], &g, &gl) < 0) {
		fc_kat_whyf(why, "the base point of %s", fc_kat_curve_name(c));
		*rc = FC_KAT_ERROR; /* not reached: a constant */
		return NULL;
	}
	static const uint8_t ec_pub_oid[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
	static const uint8_t zero = 0, one = 1;
	size_t cl = fc_kat_curve_len(c);
	SECOidData *od = SECOID_FindOIDByTag(curve_oid(c));
	struct fc_buf alg = { 0 }, eck = { 0 }, eckseq = { 0 }, body = { 0 },
		      pki = { 0 }, bits = { 0 }, tagged = { 0 };
	der(&alg, 0x06, ec_pub_oid, sizeof(ec_pub_oid));
	der(&alg, 0x06, od->oid.data, od->oid.len);
	der(&eck, 0x02, &one, 1);
	der(&eck, 0x04, d, cl);
	fc_buf_add(&bits, &zero, 1); /* no unused bits */
	fc_buf_add(&bits, "\x04", 1);
	fc_buf_add(&bits, pub ? pub : g, 2 * cl);
	if (pub) {
		der(&tagged, 0x03, bits.data, bits.len);
		der(&eck, 0xa1, tagged.data, tagged.len);
	}
	der(&eckseq, 0x30, eck.data, eck.len);
	der(&body, 0x02, &zero, 1);
	der(&body, 0x30, alg.data, alg.len);
	der(&body, 0x04, eckseq.data, eckseq.len);
	der(&pki, 0x30, body.data, body.len);
	SECItem id = item((const uint8_t *)bits.data + 1, bits.len - 1);
	SECItem wrapped;
	SECKEYPrivateKey *key = NULL;
	*rc = seal(k, (const uint8_t *)pki.data, pki.len, &wrapped, why);
	if (*rc == FC_KAT_OK) {
		key = PK11_UnwrapPrivKey(k->slot, k->wrap, WRAP_MECH, NULL,
					 &wrapped, NULL, &id, PR_FALSE, PR_TRUE,
					 CKK_EC, &usage, 1, NULL);
		if (!key)
			*rc = nfail(why, FC_KAT_ERROR,
				    "unwrapping the private key into the token");
		free(wrapped.data);
	}
	fc_buf_free(&alg);
	fc_buf_free(&eck);
	fc_buf_free(&eckseq);
	fc_buf_free(&body);
	fc_buf_free(&pki);
	fc_buf_free(&bits);
	fc_buf_free(&tagged);
	return key;
}

static int ecdsa_sign(void *a, const struct fc_kat_ec_key *key,
		      enum fc_kat_hash h, const uint8_t *msg, size_t len,
		      bool *deterministic, uint8_t *r, uint8_t *s,
		      struct fc_kat_why *why)
{
	size_t cl = fc_kat_curve_len(key->curve);
	uint8_t md[64], pub[2 * 66], rs[2 * 66];
	/* NSS draws the nonce at random: a round trip, not a known answer. */
	*deterministic = false;
	if (oid_of(h) == SEC_OID_UNKNOWN)
		return not_offered(why, fc_kat_hash_name(h));
	int rc = digest(a, h, msg, len, md, why);
	if (rc != FC_KAT_OK)
		return rc;
	memcpy(pub, key->qx, cl);
	memcpy(pub + cl, key->qy, cl);
	SECKEYPrivateKey *pk = ec_priv(a, key->curve, key->d, pub, CKA_SIGN, &rc,
				       why);
	if (!pk)
		return rc;
	SECItem si = item(rs, 2 * cl), hi = item(md, fc_kat_hash_len(h));
	if (PK11_Sign(pk, &si, &hi) != SECSuccess || si.len != 2 * cl) {
		rc = nfail(why, FC_KAT_ERROR, "PK11_Sign");
	} else {
		memcpy(r, rs, cl);
		memcpy(s, rs + cl, cl);
	}
	SECKEY_DestroyPrivateKey(pk);
	return rc;
}

static int rsa_verify(void *a, const struct fc_kat_rsa_pub *key,
		      enum fc_kat_rsa_pad pad, enum fc_kat_hash h,
		      enum fc_kat_hash mgf, size_t salt_len, const uint8_t *msg,
		      size_t len, const uint8_t *sig, size_t sig_len,
		      struct fc_kat_why *why)
{
	if (oid_of(h) == SEC_OID_UNKNOWN ||
	    (pad == FC_KAT_RSA_PSS && !mgf_of(mgf)))
		return not_offered(why, fc_kat_hash_name(oid_of(h) ? mgf : h));
	PLArenaPool *arena = PORT_NewArena(2048);
	SECKEYPublicKey *pk = arena ? PORT_ArenaZNew(arena, SECKEYPublicKey) : NULL;
	if (!pk) {
		if (arena)
			PORT_FreeArena(arena, PR_FALSE);
		return nfail(why, FC_KAT_ERROR, "public key");
	}
	pk->arena = arena;
	pk->keyType = rsaKey;
	pk->pkcs11ID = CK_INVALID_HANDLE;
	pk->u.rsa.modulus = item(key->n, key->n_len);
	pk->u.rsa.publicExponent = item(key->e, key->e_len);
	SECItem si = item(sig, sig_len);
	int rc;
	if (pad == FC_KAT_RSA_PKCS1) {
		/* VFY decrypts and compares the whole DigestInfo. */
		rc = VFY_VerifyDataDirect(msg, (int)len, pk, &si,
					  SEC_OID_PKCS1_RSA_ENCRYPTION, oid_of(h),
					  NULL, NULL) == SECSuccess
			     ? FC_KAT_OK
			     : nfail(why, FC_KAT_REJECTED, "VFY_VerifyDataDirect");
	} else {
		uint8_t md[64];
		CK_RSA_PKCS_PSS_PARAMS p = {
			.hashAlg = hash_mech(h),
			.mgf = mgf_of(mgf),
			.sLen = salt_len,
		};
		SECItem param = item((const uint8_t *)&p, sizeof(p));
		SECItem hi = item(md, fc_kat_hash_len(h));
		rc = digest(a, h, msg, len, md, why);
		if (rc == FC_KAT_OK)
			rc = PK11_VerifyWithMechanism(pk, CKM_RSA_PKCS_PSS, &param,
						      &si, &hi, NULL) == SECSuccess
				     ? FC_KAT_OK
				     : nfail(why, FC_KAT_REJECTED,
					     "PK11_VerifyWithMechanism");
	}
	SECKEY_DestroyPublicKey(pk);
	return rc;
}

static int ecdh(void *a, enum fc_kat_curve c, const uint8_t *priv,
		const uint8_t *peer, size_t peer_len, uint8_t *out,
		struct fc_kat_why *why)
{
	size_t cl = fc_kat_curve_len(c);
	int rc;
	SECKEYPrivateKey *mine = ec_priv(a, c, priv, NULL, CKA_DERIVE, &rc, why);
	if (!mine)
		return rc;
	SECKEYPublicKey *theirs = ec_pub(c, peer, peer_len);
	rc = FC_KAT_ERROR;
	if (!theirs) {
		rc = nfail(why, FC_KAT_ERROR, "peer key");
		goto out;
	}
	/* softoken validates the peer point before it multiplies. */
	PK11SymKey *z = PK11_PubDeriveWithKDF(mine, theirs, PR_FALSE, NULL, NULL,
					      CKM_ECDH1_DERIVE,
					      CKM_GENERIC_SECRET_KEY_GEN,
					      CKA_DERIVE, 0, CKD_NULL, NULL, NULL);
	if (!z) {
		rc = nfail(why, FC_KAT_REJECTED, "PK11_PubDeriveWithKDF");
		goto out;
	}
	rc = key_value(a, z, out, cl, why);
	PK11_FreeSymKey(z);
out:
	if (theirs)
		SECKEY_DestroyPublicKey(theirs);
	SECKEY_DestroyPrivateKey(mine);
	return rc;
}

static const struct fc_kat_ops nss_ops = {
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
	.drbg = NULL, /* no deterministic instantiation in PK11 */
};

int fc_selftest_nss(struct fc_probe_ctx *ctx)
{
	struct fc_finding *f;
	struct fc_kat_why why;
	/* --nssdb: the first database named, opened read-only as the probe
	 * opens it (its pkcs11.txt says whether the FIPS module is used);
	 * else none: NSS_NoDB_Init opens or creates no file, and its module
	 * is the FIPS one when the kernel is in FIPS mode.  The probe's own
	 * checks run NSS in forked children; this process has not
	 * initialised it. */
	const char *db = ctx->nssdb && ctx->nssdb[0] ? ctx->nssdb[0] : NULL;
	SECStatus s = db ? NSS_Initialize(db, "", "", SECMOD_DB,
					  NSS_INIT_READONLY | NSS_INIT_NOROOTINIT)
			 : NSS_NoDB_Init(NULL);
	if (s != SECSuccess) {
		f = fc_probe_finding(ctx, "selftest.nss", NULL);
		nfail(&why, 0, db ? "NSS_Initialize" : "NSS_NoDB_Init");
		if (db)
			fc_finding_fact(f, "nssdb", "%s", db);
		fc_finding_status(f, FC_STATUS_ERROR, "NSS could not be "
						      "initialised%s%s: %s",
				  db ? " with the database " : "", db ? db : "",
				  why.text);
		return 0;
	}
	bool fips = PK11_IsFIPS();
	struct nss_kat k = { .slot = PK11_GetInternalSlot(), .fips = fips };
	_cleanup_free_ char *module = fc_asprintf(
		"NSS %s, %s", NSS_GetVersion(),
		fips ? "internal FIPS module" : "internal module (not FIPS)");
	if (k.slot && PK11_NeedLogin(k.slot) && !PK11_IsLoggedIn(k.slot, NULL)) {
		/* A FIPS token with a password refuses to make or use any key
		 * object, public ones included (softoken's sftk_fipsCheck:
		 * CKR_USER_NOT_LOGGED_IN), until the user logs in; fipsctl
		 * asks for no password.  Only digests would run. */
		f = fc_probe_finding(ctx, "selftest.nss", NULL);
		fc_finding_fact(f, "module", "%s", module);
		fc_finding_status(f, FC_STATUS_SKIP,
				  "%s: the token of NSS database %s has a "
				  "password and refuses every key until the user "
				  "logs in, which fipsctl does not do",
				  module, db ? db : "(none)");
	} else {
		f = fc_kat_probe_run(ctx, "selftest.nss", module, &nss_ops, &k);
	}
	fc_finding_fact(f, "nssdb", "%s", db ? db : "(none)");
	fc_finding_fact(f, "pk11_is_fips", "%d", fips ? 1 : 0);
	if (k.wrap)
		PK11_FreeSymKey(k.wrap);
	if (k.slot)
		PK11_FreeSlot(k.slot);
	if (NSS_Shutdown() != SECSuccess)
		fc_finding_fact(f, "shutdown", "NSS_Shutdown failed");
	return 0;
}
