// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The vector and its names: hashes, curves, fields, the report cells,
 * and how a vector is named in messages (src/kat/kat.h).
 */
#include "kat/kat.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

static const struct {
	const char *name; /* ACVP */
	size_t len;
} hashes[FC_KAT_HASH_COUNT_] = {
	[FC_KAT_HASH_NONE] = { "none", 0 },
	[FC_KAT_SHA1] = { "SHA-1", 20 },
	[FC_KAT_SHA224] = { "SHA2-224", 28 },
	[FC_KAT_SHA256] = { "SHA2-256", 32 },
	[FC_KAT_SHA384] = { "SHA2-384", 48 },
	[FC_KAT_SHA512] = { "SHA2-512", 64 },
	[FC_KAT_SHA512_224] = { "SHA2-512/224", 28 },
	[FC_KAT_SHA512_256] = { "SHA2-512/256", 32 },
	[FC_KAT_SHA3_224] = { "SHA3-224", 28 },
	[FC_KAT_SHA3_256] = { "SHA3-256", 32 },
	[FC_KAT_SHA3_384] = { "SHA3-384", 48 },
	[FC_KAT_SHA3_512] = { "SHA3-512", 64 },
};

const char *fc_kat_hash_name(enum fc_kat_hash h)
{
	return (unsigned)h < FC_KAT_HASH_COUNT_ ? hashes[h].name : NULL;
}

size_t fc_kat_hash_len(enum fc_kat_hash h)
{
	return (unsigned)h < FC_KAT_HASH_COUNT_ ? hashes[h].len : 0;
}

int fc_kat_hash_from_name(const char *s, enum fc_kat_hash *out)
{
	/* Wycheproof writes "SHA-256" and "SHA-512/256"; ACVP "SHA2-256". */
	static const struct {
		const char *alias;
		enum fc_kat_hash h;
	} aliases[] = {
		{ "SHA-224", FC_KAT_SHA224 },	  { "SHA-256", FC_KAT_SHA256 },
		{ "SHA-384", FC_KAT_SHA384 },	  { "SHA-512", FC_KAT_SHA512 },
		{ "SHA-512/224", FC_KAT_SHA512_224 },
		{ "SHA-512/256", FC_KAT_SHA512_256 },
		{ "SHA1", FC_KAT_SHA1 },
	};
	for (unsigned i = 1; i < FC_KAT_HASH_COUNT_; i++)
		if (s && strcasecmp(s, hashes[i].name) == 0) {
			*out = i;
			return 0;
		}
	for (size_t i = 0; i < FC_ARRAY_SIZE(aliases); i++)
		if (s && strcasecmp(s, aliases[i].alias) == 0) {
			*out = aliases[i].h;
			return 0;
		}
	return -EINVAL;
}

static const struct {
	const char *name, *sec;
	size_t len;
} curves[FC_KAT_CURVE_COUNT_] = {
	[FC_KAT_CURVE_NONE] = { "none", "none", 0 },
	[FC_KAT_P256] = { "P-256", "secp256r1", 32 },
	[FC_KAT_P384] = { "P-384", "secp384r1", 48 },
	[FC_KAT_P521] = { "P-521", "secp521r1", 66 },
};

const char *fc_kat_curve_name(enum fc_kat_curve c)
{
	return (unsigned)c < FC_KAT_CURVE_COUNT_ ? curves[c].name : NULL;
}

size_t fc_kat_curve_len(enum fc_kat_curve c)
{
	return (unsigned)c < FC_KAT_CURVE_COUNT_ ? curves[c].len : 0;
}

int fc_kat_curve_from_name(const char *s, enum fc_kat_curve *out)
{
	for (unsigned i = 1; i < FC_KAT_CURVE_COUNT_; i++)
		if (s && (strcasecmp(s, curves[i].name) == 0 ||
			  strcasecmp(s, curves[i].sec) == 0)) {
			*out = i;
			return 0;
		}
	return -EINVAL;
}

const char *fc_kat_fid_name(enum fc_kat_fid id)
{
	static const char *const names[FC_KAT_F_COUNT_] = {
		[FC_KAT_F_KEY] = "key",	       [FC_KAT_F_IV] = "iv",
		[FC_KAT_F_MSG] = "msg",	       [FC_KAT_F_AAD] = "aad",
		[FC_KAT_F_OUT] = "out",	       [FC_KAT_F_TAG] = "tag",
		[FC_KAT_F_SALT] = "salt",      [FC_KAT_F_INFO] = "info",
		[FC_KAT_F_QX] = "qx",	       [FC_KAT_F_QY] = "qy",
		[FC_KAT_F_PUB] = "pub",	       [FC_KAT_F_PRIV] = "priv",
		[FC_KAT_F_SIG] = "sig",	       [FC_KAT_F_R] = "r",
		[FC_KAT_F_S] = "s",	       [FC_KAT_F_N] = "n",
		[FC_KAT_F_E] = "e",	       [FC_KAT_F_ENTROPY] = "entropy",
		[FC_KAT_F_NONCE] = "nonce",    [FC_KAT_F_PERS] = "pers",
		[FC_KAT_F_ADD0] = "add0",      [FC_KAT_F_ADD1] = "add1",
		[FC_KAT_F_ADD2] = "add2",      [FC_KAT_F_ENT0] = "ent0",
		[FC_KAT_F_ENT1] = "ent1",      [FC_KAT_F_ENT2] = "ent2",
	};
	return (unsigned)id < FC_KAT_F_COUNT_ ? names[id] : "?";
}

/*
 * The report cells, in report order.  Every name a vector may carry
 * (the readers in src/kat/kat-load*.c make them) is here, so that
 * --algorithm can be checked before anything runs.
 */
const char *const fc_kat_algorithms[] = {
	"SHA-1", "SHA2-224", "SHA2-256", "SHA2-384", "SHA2-512",
	"SHA2-512/224", "SHA2-512/256",
	"SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512",
	"HMAC-SHA-1", "HMAC-SHA2-224", "HMAC-SHA2-256", "HMAC-SHA2-384",
	"HMAC-SHA2-512", "HMAC-SHA2-512/224", "HMAC-SHA2-512/256",
	"HMAC-SHA3-224", "HMAC-SHA3-256", "HMAC-SHA3-384", "HMAC-SHA3-512",
	"AES-ECB", "AES-CBC", "AES-CTR", "AES-GCM", "AES-CMAC",
	"HKDF", "PBKDF2",
	"ECDSA-SigVer", "ECDSA-SigGen",
	"RSA-PKCS1v1.5-SigVer", "RSA-PSS-SigVer", "RSA-PKCS1v1.5-SigGen",
	"ECDH",
	"Hash_DRBG", "HMAC_DRBG", "CTR_DRBG",
	NULL,
};

const struct fc_kat_field *fc_kat_get(const struct fc_kat_vector *v,
				      enum fc_kat_fid id)
{
	for (unsigned i = 0; i < v->n_fields; i++)
		if (v->fields[i].id == id)
			return &v->fields[i];
	return NULL;
}

char *fc_kat_vector_name(const struct fc_kat_vector *v)
{
	if (v->tg_id)
		return fc_asprintf("%s tgId %u tcId %u", v->source,
				   (unsigned)v->tg_id, (unsigned)v->tc_id);
	return fc_asprintf("%s tcId %u", v->source, (unsigned)v->tc_id);
}

void fc_kat_whyf(struct fc_kat_why *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->text, sizeof(w->text), fmt, ap);
	va_end(ap);
}
