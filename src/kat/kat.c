// SPDX-License-Identifier: GPL-2.0-or-later
#include "kat/kat.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <string.h>

/* --- names ----------------------------------------------------------------- */

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
 * (src/kat/kat-load.c makes them) is here, so that --algorithm can be checked
 * before anything runs.
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

/* --- encodings ------------------------------------------------------------- */

int fc_kat_unhex(const char *hex, uint8_t **out, size_t *len)
{
	size_t n = strlen(hex);
	if (n % 2)
		return -EBADMSG;
	uint8_t *b = fc_malloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char c = hex[2 * i + k];
			int d = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			if (d < 0) {
				free(b);
				return -EBADMSG;
			}
			v = v * 16 + d;
		}
		b[i] = (uint8_t)v;
	}
	*out = b;
	*len = n / 2;
	return 0;
}

/* One DER TLV at *p (end e): tag t, definite minimal length. */
static int der_take(const uint8_t **p, const uint8_t *e, uint8_t t,
		    const uint8_t **val, size_t *len)
{
	const uint8_t *q = *p;
	if (e - q < 2 || q[0] != t)
		return -EBADMSG;
	size_t n = q[1];
	q += 2;
	if (n & 0x80) {
		size_t k = n & 0x7f;
		if (k == 0 || k > 3 || (size_t)(e - q) < k || q[0] == 0)
			return -EBADMSG;
		n = 0;
		for (size_t i = 0; i < k; i++)
			n = n << 8 | q[i];
		q += k;
		if (n < 0x80) /* the short form was required */
			return -EBADMSG;
	}
	if ((size_t)(e - q) < n)
		return -EBADMSG;
	*val = q;
	*len = n;
	*p = q + n;
	return 0;
}

/* A non-negative INTEGER in minimal form; v is returned without the sign
 * byte. */
static int der_uint(const uint8_t **p, const uint8_t *e, const uint8_t **v,
		    size_t *len)
{
	const uint8_t *x;
	size_t n;
	if (der_take(p, e, 0x02, &x, &n) < 0 || n == 0)
		return -EBADMSG;
	if (x[0] & 0x80)
		return -EBADMSG; /* negative */
	if (n > 1 && x[0] == 0 && !(x[1] & 0x80))
		return -EBADMSG; /* not minimal */
	if (x[0] == 0 && n > 1) {
		x++;
		n--;
	}
	*v = x;
	*len = n;
	return 0;
}

int fc_kat_der_sig_decode(const uint8_t *der, size_t len, const uint8_t **r,
			  size_t *r_len, const uint8_t **s, size_t *s_len)
{
	const uint8_t *p = der, *e = der + len, *seq;
	size_t n;
	if (der_take(&p, e, 0x30, &seq, &n) < 0 || p != e)
		return -EBADMSG;
	const uint8_t *q = seq, *qe = seq + n;
	if (der_uint(&q, qe, r, r_len) < 0 || der_uint(&q, qe, s, s_len) < 0 ||
	    q != qe)
		return -EBADMSG;
	return 0;
}

static size_t der_put_len(uint8_t *out, size_t n)
{
	if (n < 0x80) {
		out[0] = (uint8_t)n;
		return 1;
	}
	if (n < 0x100) {
		out[0] = 0x81;
		out[1] = (uint8_t)n;
		return 2;
	}
	out[0] = 0x82;
	out[1] = (uint8_t)(n >> 8);
	out[2] = (uint8_t)n;
	return 3;
}

static size_t der_put_uint(uint8_t *out, const uint8_t *v, size_t n)
{
	while (n > 1 && v[0] == 0) {
		v++;
		n--;
	}
	bool pad = n == 0 || (v[0] & 0x80);
	size_t k = 0;
	out[k++] = 0x02;
	k += der_put_len(out + k, n + pad + (n == 0 ? 0 : 0));
	if (pad)
		out[k++] = 0;
	memcpy(out + k, v, n);
	return k + n;
}

size_t fc_kat_der_sig_encode(const uint8_t *r, size_t r_len, const uint8_t *s,
			     size_t s_len, uint8_t *out)
{
	uint8_t body[2 * 140 + 16];
	if (r_len > 132 || s_len > 132)
		return 0;
	size_t n = der_put_uint(body, r, r_len);
	n += der_put_uint(body + n, s, s_len);
	size_t k = 0;
	out[k++] = 0x30;
	k += der_put_len(out + k, n);
	memcpy(out + k, body, n);
	return k + n;
}

int fc_kat_spki_ec_point(const uint8_t *der, size_t len, enum fc_kat_curve c,
			 const uint8_t **point, size_t *point_len)
{
	/* id-ecPublicKey 1.2.840.10045.2.1 and the named curves (RFC 5480). */
	static const uint8_t ec_pub[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
	static const uint8_t p256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
	static const uint8_t p384[] = { 0x2b, 0x81, 0x04, 0x00, 0x22 };
	static const uint8_t p521[] = { 0x2b, 0x81, 0x04, 0x00, 0x23 };
	const uint8_t *want = c == FC_KAT_P256 ? p256 : c == FC_KAT_P384 ? p384 : p521;
	size_t want_len = c == FC_KAT_P256 ? sizeof(p256) : sizeof(p384);
	const uint8_t *p = der, *e = der + len, *spki, *alg, *oid, *bits;
	size_t n, an, on, bn;
	if (der_take(&p, e, 0x30, &spki, &n) < 0 || p != e)
		return -EBADMSG;
	const uint8_t *q = spki, *qe = spki + n;
	if (der_take(&q, qe, 0x30, &alg, &an) < 0 ||
	    der_take(&q, qe, 0x03, &bits, &bn) < 0 || q != qe)
		return -EBADMSG;
	const uint8_t *a = alg, *ae = alg + an;
	if (der_take(&a, ae, 0x06, &oid, &on) < 0 || on != sizeof(ec_pub) ||
	    memcmp(oid, ec_pub, on) != 0)
		return -EBADMSG;
	if (der_take(&a, ae, 0x06, &oid, &on) < 0 || a != ae ||
	    on != want_len || memcmp(oid, want, on) != 0)
		return -EBADMSG;
	if (bn < 2 || bits[0] != 0) /* no unused bits in a point */
		return -EBADMSG;
	*point = bits + 1;
	*point_len = bn - 1;
	return 0;
}

/* --- selection -------------------------------------------------------------- */

bool fc_kat_alg_selected(const struct fc_kat_opts *o, const char *alg)
{
	if (!o || !o->algorithms || !o->algorithms[0])
		return true;
	for (size_t i = 0; o->algorithms[i]; i++)
		if (fnmatch(o->algorithms[i], alg, FNM_CASEFOLD) == 0)
			return true;
	return false;
}

/* --- one vector ------------------------------------------------------------- */

enum verdict { V_PASS, V_FAIL, V_SKIP };

struct outcome {
	enum verdict v;
	char *why; /* for FAIL and SKIP */
};

static void set(struct outcome *o, enum verdict v, const char *fmt, ...)
	FC_PRINTF(3, 4);
static void set(struct outcome *o, enum verdict v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(o->why);
	o->why = fc_vasprintf(fmt, ap);
	o->v = v;
	va_end(ap);
}

/* A short hex rendering for messages. */
static char *hexs(const uint8_t *p, size_t n)
{
	struct fc_buf b = { 0 };
	size_t shown = n > 24 ? 24 : n;
	for (size_t i = 0; i < shown; i++)
		fc_buf_addf(&b, "%02x", p[i]);
	if (shown < n)
		fc_buf_addf(&b, "...(%zu bytes)", n);
	if (!n)
		fc_buf_adds(&b, "(empty)");
	return fc_buf_steal(&b);
}

static const uint8_t empty[1];

/* Field data and length; absent fields read as empty. */
static const uint8_t *fd(const struct fc_kat_vector *v, enum fc_kat_fid id,
			 size_t *len)
{
	const struct fc_kat_field *f = fc_kat_get(v, id);
	*len = f ? f->len : 0;
	return f && f->data ? f->data : empty;
}

static bool has(const struct fc_kat_vector *v, enum fc_kat_fid id)
{
	return fc_kat_get(v, id) != NULL;
}

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

static void mismatch(struct outcome *o, const char *what, const uint8_t *got,
		     const uint8_t *want, size_t n)
{
	_cleanup_free_ char *g = hexs(got, n), *w = hexs(want, n);
	set(o, V_FAIL, "%s differs: got %s, expected %s", what, g, w);
}

/*
 * What a library's answer means for the vector.  rc is the adapter's;
 * matched tells, when it computed something, whether that was the
 * expected output.  checking: the operation can refuse (verification,
 * decryption, key agreement, a size limit): there an invalid case must be
 * refused.  For plain computations an invalid case must merely not
 * produce the given output.
 */
static void judge(struct outcome *o, const struct fc_kat_vector *v, int rc,
		  bool matched, bool checking, const char *what,
		  const struct fc_kat_why *why)
{
	switch (rc) {
	case FC_KAT_UNSUPPORTED:
		set(o, V_SKIP, "%s", why->text[0] ? why->text : "not offered");
		return;
	case FC_KAT_REJECTED:
	case FC_KAT_ERROR:
		if (v->expect == FC_KAT_VALID)
			set(o, V_FAIL, "%s a valid case: %s",
			    rc == FC_KAT_REJECTED ? "rejected" : "failed on",
			    why->text[0] ? why->text : what);
		else
			o->v = V_PASS;
		return;
	case FC_KAT_OK:
		break;
	default:
		set(o, V_FAIL, "adapter returned %d", rc);
		return;
	}
	if (v->expect == FC_KAT_INVALID && checking)
		set(o, V_FAIL, "accepted an invalid case (%s)", what);
	else if (v->expect == FC_KAT_INVALID && matched)
		set(o, V_FAIL, "produced the output of an invalid case (%s)",
		    what);
	else if (v->expect != FC_KAT_INVALID && !matched)
		o->v = V_FAIL; /* the caller described the mismatch */
	else
		o->v = V_PASS;
}

static void need(struct outcome *o, const void *fn, const char *what)
{
	if (!fn)
		set(o, V_SKIP, "%s is not offered by this library", what);
}

static void run_digest_mct(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v, struct outcome *o)
{
	enum fc_kat_hash h = v->hash;
	size_t hl = fc_kat_hash_len(h), ml, ol;
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = fd(v, FC_KAT_F_OUT, &ol);
	bool sha3 = h >= FC_KAT_SHA3_224;
	/* A, B, C (SHA-1/2) and the chaining value, each up to max(ml, hl). */
	size_t cap = (ml > hl ? ml : hl) * 3 + 64;
	uint8_t *buf = fc_malloc(cap), *seed = fc_malloc(cap), *md = fc_malloc(64);
	uint8_t *abc[3] = { fc_malloc(cap), fc_malloc(cap), fc_malloc(cap) };
	size_t abc_len[3], seed_len = ml;
	struct fc_kat_why why = { { 0 } };
	int rc = FC_KAT_OK;
	memcpy(seed, msg, ml);
	o->v = V_PASS;
	for (uint32_t rec = 0; rec < v->count && o->v == V_PASS; rec++) {
		if (sha3) {
			/* MD = seed; 1000 times MD = H(MD) */
			for (int i = 0; i < 1000 && rc == FC_KAT_OK; i++) {
				rc = ops->digest(a, h, seed, seed_len, md, &why);
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
			judge(o, v, rc, false, false, "Monte-Carlo digest", &why);
			break;
		}
		if ((rec + 1) * hl > ol || memcmp(md, want + rec * hl, hl) != 0) {
			_cleanup_free_ char *g = hexs(md, hl);
			set(o, V_FAIL, "Monte-Carlo record %u differs: got %s",
			    (unsigned)rec, g);
		}
	}
	free(buf);
	free(seed);
	free(md);
	for (int k = 0; k < 3; k++)
		free(abc[k]);
}

static void run_digest(const struct fc_kat_ops *ops, void *a,
		       const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->digest, fc_kat_hash_name(v->hash));
	if (o->v == V_SKIP)
		return;
	if (v->flags & FC_KAT_MCT) {
		run_digest_mct(ops, a, v, o);
		return;
	}
	size_t ml, ol, hl = fc_kat_hash_len(v->hash);
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = fd(v, FC_KAT_F_OUT, &ol);
	uint8_t md[64];
	struct fc_kat_why why = { { 0 } };
	int rc = ops->digest(a, v->hash, msg, ml, md, &why);
	bool ok = rc == FC_KAT_OK && ol == hl && memcmp(md, want, hl) == 0;
	if (rc == FC_KAT_OK && !ok)
		mismatch(o, "digest", md, want, ol < hl ? ol : hl);
	judge(o, v, rc, ok, false, "digest", &why);
}

static void run_mac(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct outcome *o)
{
	bool cmac = v->op == FC_KAT_OP_CMAC;
	need(o, cmac ? (const void *)ops->cmac : (const void *)ops->hmac,
	     v->alg);
	if (o->v == V_SKIP)
		return;
	size_t kl, ml, ol;
	const uint8_t *key = fd(v, FC_KAT_F_KEY, &kl);
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = fd(v, FC_KAT_F_OUT, &ol);
	size_t full = cmac ? 16 : fc_kat_hash_len(v->hash);
	uint8_t mac[64];
	struct fc_kat_why why = { { 0 } };
	int rc = cmac ? ops->cmac(a, key, kl, msg, ml, mac, &why)
		      : ops->hmac(a, v->hash, key, kl, msg, ml, mac, &why);
	/* The expected tag may be a prefix (truncated MAC). */
	bool ok = rc == FC_KAT_OK && ol <= full && memcmp(mac, want, ol) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		mismatch(o, "MAC", mac, want, ol < full ? ol : full);
	judge(o, v, rc, ok, false, "MAC", &why);
}

/*
 * After the encryption half of a valid case: go on to decrypt when it
 * passed, or when the library refused only the encryption by policy (in
 * FIPS mode libgcrypt encrypts GCM only under its own IV): decryption is
 * a complete known-answer test by itself.
 */
static bool decrypt_anyway(struct outcome *o)
{
	if (o->v == V_SKIP) {
		free(o->why);
		o->why = NULL;
		o->v = V_PASS;
	}
	return o->v == V_PASS;
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

static void run_cipher(const struct fc_kat_ops *ops, void *a,
		       const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->cipher, v->alg);
	if (o->v == V_SKIP)
		return;
	size_t kl, il = 0, pl, cl;
	const uint8_t *key = fd(v, FC_KAT_F_KEY, &kl);
	const uint8_t *iv = has(v, FC_KAT_F_IV) ? fd(v, FC_KAT_F_IV, &il) : NULL;
	const uint8_t *pt = fd(v, FC_KAT_F_MSG, &pl);
	const uint8_t *ct = fd(v, FC_KAT_F_OUT, &cl);
	enum fc_kat_cipher_mode m = v->mode;
	bool pkcs7 = v->flags & FC_KAT_PKCS7;
	struct fc_kat_why why = { { 0 } };
	uint8_t *buf = fc_malloc(pl + cl + 32), *out = fc_malloc(pl + cl + 32);
	size_t bn = pl;
	int rc;

	if (m != FC_KAT_ECB && (!iv || il != 16)) {
		set(o, V_SKIP, "the IV is not 16 bytes");
		goto out;
	}
	if (v->expect == FC_KAT_VALID) {
		/* Encrypt (with the core's padding) ... */
		if (pkcs7)
			pkcs7_pad(pt, pl, buf, &bn);
		else
			memcpy(buf, pt, pl);
		if (m != FC_KAT_CTR && bn % 16) {
			set(o, V_SKIP, "the text is not a whole number of blocks");
			goto out;
		}
		rc = ops->cipher(a, m, false, key, kl, iv, buf, bn, out, &why);
		bool ok = rc == FC_KAT_OK && bn == cl && same(out, ct, cl, v->out_bits);
		if (rc == FC_KAT_OK && !ok)
			mismatch(o, "cipher text", out, ct, bn < cl ? bn : cl);
		judge(o, v, rc, ok, false, "encryption", &why);
		if (!decrypt_anyway(o))
			goto out;
	}
	/* ... and decrypt; an invalid case must be refused here. */
	if (m != FC_KAT_CTR && cl % 16) {
		if (v->expect == FC_KAT_VALID)
			set(o, V_SKIP, "the text is not a whole number of blocks");
		else
			o->v = V_PASS; /* no block cipher takes it */
		goto out;
	}
	rc = ops->cipher(a, m, true, key, kl, iv, ct, cl, out, &why);
	long got_len = (long)cl;
	if (rc == FC_KAT_OK && pkcs7) {
		got_len = pkcs7_unpad(out, cl);
		if (got_len < 0) {
			rc = FC_KAT_REJECTED;
			fc_kat_whyf(&why, "bad PKCS#7 padding after decryption");
		}
	}
	bool ok = rc == FC_KAT_OK && (size_t)got_len == pl &&
		  same(out, pt, pl, v->out_bits);
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		mismatch(o, "plain text", out, pt, pl < cl ? pl : cl);
	judge(o, v, rc, ok, pkcs7, "decryption", &why);
out:
	free(buf);
	free(out);
}

static void run_gcm(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->gcm, "AES-GCM");
	if (o->v == V_SKIP)
		return;
	size_t kl, il, al, pl, cl, tl;
	const uint8_t *key = fd(v, FC_KAT_F_KEY, &kl);
	const uint8_t *iv = fd(v, FC_KAT_F_IV, &il);
	const uint8_t *aad = fd(v, FC_KAT_F_AAD, &al);
	const uint8_t *pt = fd(v, FC_KAT_F_MSG, &pl);
	const uint8_t *ct = fd(v, FC_KAT_F_OUT, &cl);
	const uint8_t *tag = fd(v, FC_KAT_F_TAG, &tl);
	struct fc_kat_why why = { { 0 } };
	uint8_t *out = fc_malloc(pl + cl + 1), t[16];
	int rc;
	if (tl > 16 || tl == 0) {
		if (v->expect == FC_KAT_VALID)
			set(o, V_SKIP, "tag of %zu bytes", tl);
		else
			o->v = V_PASS;
		goto out;
	}
	if (v->expect == FC_KAT_VALID) {
		rc = ops->gcm(a, false, key, kl, iv, il, aad, al, pt, pl, t, tl,
			      out, &why);
		bool ok = rc == FC_KAT_OK && pl == cl && memcmp(out, ct, cl) == 0 &&
			  memcmp(t, tag, tl) == 0;
		if (rc == FC_KAT_OK && !ok) {
			if (pl == cl && memcmp(out, ct, cl) != 0)
				mismatch(o, "cipher text", out, ct, cl);
			else
				mismatch(o, "tag", t, tag, tl);
		}
		judge(o, v, rc, ok, false, "encryption", &why);
		if (!decrypt_anyway(o))
			goto out;
	}
	memcpy(t, tag, tl);
	rc = ops->gcm(a, true, key, kl, iv, il, aad, al, ct, cl, t, tl, out, &why);
	bool ok = rc == FC_KAT_OK && pl == cl && memcmp(out, pt, pl) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		mismatch(o, "plain text", out, pt, pl < cl ? pl : cl);
	judge(o, v, rc, ok, true, "tag accepted", &why);
out:
	free(out);
}

static void run_kdf(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct outcome *o)
{
	bool hkdf = v->op == FC_KAT_OP_HKDF;
	need(o, hkdf ? (const void *)ops->hkdf : (const void *)ops->pbkdf2,
	     v->alg);
	if (o->v == V_SKIP)
		return;
	size_t ml, sl, il, ol;
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	const uint8_t *salt = fd(v, FC_KAT_F_SALT, &sl);
	const uint8_t *info = fd(v, FC_KAT_F_INFO, &il);
	const uint8_t *want = fd(v, FC_KAT_F_OUT, &ol);
	size_t n = v->out_len;
	uint8_t *out = fc_malloc(n + 1);
	struct fc_kat_why why = { { 0 } };
	int rc = hkdf ? ops->hkdf(a, v->hash, msg, ml, salt, sl, info, il, out,
				  n, &why)
		      : ops->pbkdf2(a, v->hash, msg, ml, salt, sl, v->count,
				    out, n, &why);
	bool ok = rc == FC_KAT_OK && n == ol && memcmp(out, want, n) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		mismatch(o, "derived key", out, want, n < ol ? n : ol);
	/* HKDF refuses sizes beyond 255 digests: a checking operation. */
	judge(o, v, rc, ok, hkdf, "derived key", &why);
	free(out);
}

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
	const uint8_t *x = fd(v, FC_KAT_F_QX, &xl), *y = fd(v, FC_KAT_F_QY, &yl);
	b->key.curve = v->curve;
	b->key.qx = b->qx;
	b->key.qy = b->qy;
	b->key.d = NULL;
	if (!cl || !fit(x, xl, b->qx, cl) || !fit(y, yl, b->qy, cl))
		return false;
	if (priv) {
		const uint8_t *d = fd(v, FC_KAT_F_PRIV, &dl);
		if (!fit(d, dl, b->d, cl))
			return false;
		b->key.d = b->d;
	}
	return true;
}

static void run_ecdsa_verify(const struct fc_kat_ops *ops, void *a,
			     const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->ecdsa_verify, "ECDSA verification");
	if (o->v == V_SKIP)
		return;
	struct ec_buf kb;
	if (!ec_key(v, &kb, false)) {
		/* A coordinate longer than the field: no library takes it. */
		if (v->expect == FC_KAT_VALID)
			set(o, V_SKIP, "public key coordinates do not fit %s",
			    fc_kat_curve_name(v->curve));
		else
			o->v = V_PASS;
		return;
	}
	size_t ml, dl;
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	struct fc_kat_ecdsa_sig sig = { 0 };
	uint8_t der[2 * 140 + 16];
	if (has(v, FC_KAT_F_SIG)) {
		sig.der = fd(v, FC_KAT_F_SIG, &dl);
		sig.der_len = dl;
	} else {
		size_t rl, sl;
		const uint8_t *r = fd(v, FC_KAT_F_R, &rl), *s = fd(v, FC_KAT_F_S, &sl);
		sig.der = der;
		sig.der_len = fc_kat_der_sig_encode(r, rl, s, sl, der);
	}
	if (fc_kat_der_sig_decode(sig.der, sig.der_len, &sig.r, &sig.r_len,
				  &sig.s, &sig.s_len) < 0)
		sig.r = sig.s = NULL;
	struct fc_kat_why why = { { 0 } };
	int rc = ops->ecdsa_verify(a, &kb.key, v->hash, msg, ml, &sig, &why);
	judge(o, v, rc, true, true, "signature verified", &why);
}

static void run_ecdsa_sign(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->ecdsa_sign, "ECDSA signing");
	if (o->v == V_SKIP)
		return;
	need(o, ops->ecdsa_verify, "ECDSA verification (for the round trip)");
	if (o->v == V_SKIP)
		return;
	struct ec_buf kb;
	size_t cl = fc_kat_curve_len(v->curve), ml, rl, sl;
	if (!ec_key(v, &kb, true)) {
		set(o, V_SKIP, "key does not fit %s", fc_kat_curve_name(v->curve));
		return;
	}
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	const uint8_t *wr = fd(v, FC_KAT_F_R, &rl), *ws = fd(v, FC_KAT_F_S, &sl);
	uint8_t r[66], s[66], er[66], es[66];
	bool det = false;
	struct fc_kat_why why = { { 0 } };
	int rc = ops->ecdsa_sign(a, &kb.key, v->hash, msg, ml, &det, r, s, &why);
	if (rc != FC_KAT_OK) {
		judge(o, v, rc, false, false, "signing", &why);
		return;
	}
	if (det && has(v, FC_KAT_F_R)) {
		/* RFC 6979 nonce: the signature itself is the known answer. */
		if (!fit(wr, rl, er, cl) || !fit(ws, sl, es, cl)) {
			set(o, V_SKIP, "expected signature does not fit the curve");
			return;
		}
		if (memcmp(r, er, cl) != 0) {
			mismatch(o, "deterministic signature r", r, er, cl);
			return;
		}
		if (memcmp(s, es, cl) != 0) {
			mismatch(o, "deterministic signature s", s, es, cl);
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
		rc = ops->ecdsa_verify(a, &kb.key, v->hash, msg, ml, &sig, &why);
		if (pass == 0 && rc != FC_KAT_OK) {
			set(o, V_FAIL, "its own signature does not verify with the "
				       "vector's public key: %s",
			    why.text[0] ? why.text : "rejected");
			return;
		}
		if (pass == 1 && rc == FC_KAT_OK) {
			set(o, V_FAIL, "accepted its own signature with a bit of "
				       "s flipped");
			return;
		}
	}
	o->v = V_PASS;
}

static void run_rsa_verify(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->rsa_verify, v->alg);
	if (o->v == V_SKIP)
		return;
	struct fc_kat_rsa_pub k;
	size_t ml, sl;
	k.n = fd(v, FC_KAT_F_N, &k.n_len);
	k.e = fd(v, FC_KAT_F_E, &k.e_len);
	minimal(&k.n, &k.n_len);
	minimal(&k.e, &k.e_len);
	const uint8_t *msg = fd(v, FC_KAT_F_MSG, &ml);
	const uint8_t *sig = fd(v, FC_KAT_F_SIG, &sl);
	struct fc_kat_why why = { { 0 } };
	int rc = ops->rsa_verify(a, &k, v->mode, v->hash, v->mgf_hash,
				 v->salt_len, msg, ml, sig, sl, &why);
	judge(o, v, rc, true, true, "signature verified", &why);
}

static void run_ecdh(const struct fc_kat_ops *ops, void *a,
		     const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->ecdh, "ECDH");
	if (o->v == V_SKIP)
		return;
	size_t cl = fc_kat_curve_len(v->curve), pl, dl, ol;
	const uint8_t *pub = fd(v, FC_KAT_F_PUB, &pl);
	const uint8_t *d = fd(v, FC_KAT_F_PRIV, &dl);
	const uint8_t *want = fd(v, FC_KAT_F_OUT, &ol);
	uint8_t priv[66], out[66];
	if (!fit(d, dl, priv, cl)) {
		set(o, V_SKIP, "private key does not fit %s",
		    fc_kat_curve_name(v->curve));
		return;
	}
	if (v->flags & FC_KAT_SPKI &&
	    fc_kat_spki_ec_point(pub, pl, v->curve, &pub, &pl) < 0) {
		/* Not a named-curve key of this curve: fipsctl itself refuses
		 * it, so the library never sees it. */
		if (v->expect == FC_KAT_VALID)
			set(o, V_SKIP, "fipsctl cannot take the peer key out "
				       "of its SubjectPublicKeyInfo");
		else
			o->v = V_PASS;
		return;
	}
	struct fc_kat_why why = { { 0 } };
	int rc = ops->ecdh(a, v->curve, priv, pub, pl, out, &why);
	bool ok = rc == FC_KAT_OK && ol == cl && memcmp(out, want, cl) == 0;
	if (rc == FC_KAT_OK && !ok && v->expect != FC_KAT_INVALID)
		mismatch(o, "shared secret", out, want, ol < cl ? ol : cl);
	judge(o, v, rc, ok, true, "peer key accepted", &why);
}

static void run_drbg(const struct fc_kat_ops *ops, void *a,
		     const struct fc_kat_vector *v, struct outcome *o)
{
	need(o, ops->drbg, v->alg);
	if (o->v == V_SKIP)
		return;
	struct fc_kat_drbg d = {
		.kind = v->mode,
		.hash = v->hash,
		.key_bits = v->key_bits,
		.df = v->flags & FC_KAT_DF,
		.pr = v->flags & FC_KAT_PR,
		.n_steps = v->n_steps,
		.out_len = v->out_len,
	};
	d.entropy = fd(v, FC_KAT_F_ENTROPY, &d.entropy_len);
	d.nonce = fd(v, FC_KAT_F_NONCE, &d.nonce_len);
	d.pers = fd(v, FC_KAT_F_PERS, &d.pers_len);
	for (size_t i = 0; i < d.n_steps && i < FC_KAT_DRBG_STEPS_MAX; i++) {
		d.steps[i].reseed = v->reseed_mask & (1u << i);
		d.steps[i].add = fd(v, FC_KAT_F_ADD0 + i, &d.steps[i].add_len);
		d.steps[i].entropy = fd(v, FC_KAT_F_ENT0 + i,
					&d.steps[i].entropy_len);
	}
	size_t ol;
	const uint8_t *want = fd(v, FC_KAT_F_OUT, &ol);
	uint8_t *out = fc_malloc(d.out_len + 1);
	struct fc_kat_why why = { { 0 } };
	int rc = ops->drbg(a, &d, out, &why);
	bool ok = rc == FC_KAT_OK && ol == d.out_len && memcmp(out, want, ol) == 0;
	if (rc == FC_KAT_OK && !ok)
		mismatch(o, "returned bits", out, want, ol < d.out_len ? ol : d.out_len);
	judge(o, v, rc, ok, false, "returned bits", &why);
	free(out);
}

static void run_one(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct outcome *o)
{
	o->v = V_PASS;
	o->why = NULL;
	if (v->skip) {
		set(o, V_SKIP, "%s", v->skip);
		return;
	}
	switch (v->op) {
	case FC_KAT_OP_DIGEST: run_digest(ops, a, v, o); break;
	case FC_KAT_OP_HMAC:
	case FC_KAT_OP_CMAC: run_mac(ops, a, v, o); break;
	case FC_KAT_OP_CIPHER: run_cipher(ops, a, v, o); break;
	case FC_KAT_OP_GCM: run_gcm(ops, a, v, o); break;
	case FC_KAT_OP_HKDF:
	case FC_KAT_OP_PBKDF2: run_kdf(ops, a, v, o); break;
	case FC_KAT_OP_ECDSA_VERIFY: run_ecdsa_verify(ops, a, v, o); break;
	case FC_KAT_OP_ECDSA_SIGN: run_ecdsa_sign(ops, a, v, o); break;
	case FC_KAT_OP_RSA_VERIFY: run_rsa_verify(ops, a, v, o); break;
	case FC_KAT_OP_ECDH: run_ecdh(ops, a, v, o); break;
	case FC_KAT_OP_DRBG: run_drbg(ops, a, v, o); break;
	default: set(o, V_SKIP, "unknown operation %u", v->op); break;
	}
}

/* --- the run ---------------------------------------------------------------- */

static struct fc_kat_cell *cell_get(struct fc_kat_tally *t, const char *alg)
{
	for (size_t i = 0; i < t->n; i++)
		if (fc_streq(t->cells[i].alg, alg))
			return &t->cells[i];
	t->cells = fc_realloc(t->cells, (t->n + 1) * sizeof(*t->cells));
	struct fc_kat_cell *c = &t->cells[t->n++];
	memset(c, 0, sizeof(*c));
	c->alg = fc_strdup(alg);
	return c;
}

void fc_kat_tally_free(struct fc_kat_tally *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->cells[i].alg);
		free(t->cells[i].first_failure);
		free(t->cells[i].skip_reason);
	}
	free(t->cells);
	*t = (struct fc_kat_tally){ 0 };
}

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
	unsigned long long n = 0, t0 = fc_now_ns(), limit = (unsigned long long)(seconds * 1e9);
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
			rc = ops->cipher(a, v->mode, false, key, kl, iv, in, LEN,
					 out, &why);
			break;
		case FC_KAT_OP_GCM:
			rc = ops->gcm(a, false, key, kl, iv, 12, NULL, 0, in, LEN,
				      tag, 16, out, &why);
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

static void bench_cell(const struct fc_kat_ops *ops, void *a,
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
			struct outcome o;
			run_one(ops, a, v[i], &o);
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

void fc_kat_run(const struct fc_kat_ops *ops, void *a,
		const struct fc_kat_vector *const *v, size_t n,
		const struct fc_kat_opts *o, struct fc_kat_tally *t)
{
	bool *ran = fc_calloc(n + 1, sizeof(bool));
	unsigned long long t0 = fc_now_ns();
	for (size_t i = 0; i < n; i++) {
		if (!fc_kat_alg_selected(o, v[i]->alg))
			continue;
		struct fc_kat_cell *c = cell_get(t, v[i]->alg);
		struct outcome out;
		run_one(ops, a, v[i], &out);
		t->kats++;
		switch (out.v) {
		case V_PASS:
			c->passed++;
			ran[i] = true;
			break;
		case V_FAIL:
			c->failed++;
			ran[i] = true;
			if (!c->first_failure) {
				_cleanup_free_ char *name = fc_kat_vector_name(v[i]);
				c->first_failure = fc_asprintf(
					"%s: %s", name,
					out.why ? out.why : "wrong result");
			}
			break;
		case V_SKIP:
			c->skipped++;
			if (!c->skip_reason)
				c->skip_reason = fc_strdup(out.why ? out.why : "");
			break;
		}
		free(out.why);
	}
	t->run_ms = (double)(fc_now_ns() - t0) / 1e6;
	if (o && o->bench)
		for (size_t i = 0; i < t->n; i++)
			bench_cell(ops, a, v, n, ran, &t->cells[i],
				   o->seconds > 0 ? o->seconds : 0.1);
	free(ran);
}

/* --- findings --------------------------------------------------------------- */

static char *cell_id(const char *check_id, const char *alg)
{
	char *id = fc_asprintf("%s.%s", check_id, alg);
	for (char *p = id + strlen(check_id); *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return id;
}

static void report_cell(struct fc_report *r, const char *check_id,
			const char *module, const struct fc_kat_cell *c,
			const struct fc_kat_opts *o)
{
	_cleanup_free_ char *id = cell_id(check_id, c->alg);
	struct fc_finding *f = fc_report_add(r, id, check_id);
	fc_finding_fact(f, "module", "%s", module);
	fc_finding_fact(f, "algorithm", "%s", c->alg);
	fc_finding_fact(f, "passed", "%u", c->passed);
	fc_finding_fact(f, "failed", "%u", c->failed);
	fc_finding_fact(f, "skipped", "%u", c->skipped);
	if (c->first_failure)
		fc_finding_fact(f, "first_failure", "%s", c->first_failure);
	if (c->skip_reason)
		fc_finding_fact(f, "skip_reason", "%s", c->skip_reason);
	struct fc_buf extra = { 0 };
	if (c->skipped && c->passed)
		fc_buf_addf(&extra, ", %u skipped (%s)", c->skipped,
			    c->skip_reason);
	if (o && o->bench && c->ns_per_kat > 0) {
		fc_finding_fact(f, "ns_per_kat", "%.0f", c->ns_per_kat);
		fc_finding_fact(f, "bench_kats", "%llu", c->bench_kats);
		fc_buf_addf(&extra, "; %.0f ns/KAT", c->ns_per_kat);
		if (c->mb_per_s > 0) {
			fc_finding_fact(f, "mb_per_s", "%.1f", c->mb_per_s);
			fc_buf_addf(&extra, ", %.1f MB/s", c->mb_per_s);
		}
	}
	if (c->failed) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s: %u of %u vectors failed; first: %s",
				  c->alg, c->failed,
				  c->passed + c->failed, c->first_failure);
		fc_finding_remedy(f, "do not rely on this module's %s until it "
				     "passes: update or reinstall the library "
				     "(dnf upgrade / dnf reinstall), and report "
				     "the vector named to its maintainers if it "
				     "still fails",
				  c->alg);
	} else if (c->passed) {
		fc_finding_status(f, FC_STATUS_PASS, "%s: %u vectors passed%s",
				  c->alg, c->passed,
				  extra.data ? extra.data : "");
	} else {
		fc_finding_status(f, FC_STATUS_SKIP, "%s: not run: %s", c->alg,
				  c->skip_reason ? c->skip_reason : "no vectors");
	}
	fc_buf_free(&extra);
}

unsigned fc_kat_report(struct fc_report *r, const char *check_id,
		       const char *module, const struct fc_kat_tally *t,
		       const struct fc_kat_opts *o)
{
	unsigned failed = 0;
	/* Report order: the core's algorithm list, then anything else. */
	bool *done = fc_calloc(t->n + 1, sizeof(bool));
	for (size_t k = 0; fc_kat_algorithms[k]; k++)
		for (size_t i = 0; i < t->n; i++)
			if (!done[i] && fc_streq(t->cells[i].alg,
						 fc_kat_algorithms[k])) {
				done[i] = true;
				report_cell(r, check_id, module, &t->cells[i], o);
			}
	for (size_t i = 0; i < t->n; i++) {
		if (!done[i])
			report_cell(r, check_id, module, &t->cells[i], o);
		failed += t->cells[i].failed;
	}
	free(done);
	return failed;
}
