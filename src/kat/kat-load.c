// SPDX-License-Identifier: GPL-2.0-or-later
#include "kat/kat-load.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "core/sysroot.h"

/* --- the set ---------------------------------------------------------------- */

static void *own(struct fc_kat_set *s, void *p)
{
	if (s->n_owned == s->cap_owned) {
		s->cap_owned = s->cap_owned ? 2 * s->cap_owned : 64;
		s->owned = fc_realloc(s->owned, s->cap_owned * sizeof(void *));
	}
	s->owned[s->n_owned++] = p;
	return p;
}

void fc_kat_set_free(struct fc_kat_set *s)
{
	for (size_t i = 0; i < s->n_owned; i++)
		free(s->owned[i]);
	free(s->owned);
	free(s->v);
	free(s->group);
	*s = (struct fc_kat_set){ 0 };
}

/* --- building one vector ---------------------------------------------------- */

struct ld {
	struct fc_kat_set *set;
	const char *src; /* display name, owned by the set */
	char **err;
	uint32_t group;
	struct fc_kat_vector cur;
	struct fc_kat_field f[FC_KAT_F_COUNT_];
	unsigned nf;
};

static int fail(struct ld *l, uint32_t tg, uint32_t tc, const char *fmt, ...)
	FC_PRINTF(4, 5);
static int fail(struct ld *l, uint32_t tg, uint32_t tc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *what = fc_vasprintf(fmt, ap);
	va_end(ap);
	if (l->err && !*l->err) {
		if (tg && tc)
			*l->err = fc_asprintf("%s: tgId %u tcId %u: %s", l->src,
					      (unsigned)tg, (unsigned)tc, what);
		else if (tc)
			*l->err = fc_asprintf("%s: tcId %u: %s", l->src,
					      (unsigned)tc, what);
		else if (tg)
			*l->err = fc_asprintf("%s: tgId %u: %s", l->src,
					      (unsigned)tg, what);
		else
			*l->err = fc_asprintf("%s: %s", l->src, what);
	}
	return -EBADMSG;
}

static void begin(struct ld *l, const char *alg, enum fc_kat_op op,
		  uint32_t tg, uint32_t tc)
{
	memset(&l->cur, 0, sizeof(l->cur));
	l->nf = 0;
	l->cur.alg = alg;
	l->cur.source = l->src;
	l->cur.op = (uint8_t)op;
	l->cur.tg_id = tg;
	l->cur.tc_id = tc;
}

static void add_field(struct ld *l, enum fc_kat_fid id, const uint8_t *p,
		      size_t n)
{
	for (unsigned i = 0; i < l->nf; i++)
		if (l->f[i].id == id) {
			l->f[i].data = p;
			l->f[i].len = (uint32_t)n;
			return;
		}
	l->f[l->nf].id = (uint8_t)id;
	l->f[l->nf].data = p;
	l->f[l->nf].len = (uint32_t)n;
	l->nf++;
}

/* A field of the vector being built. */
static const struct fc_kat_field *cur_get(const struct ld *l,
					  enum fc_kat_fid id)
{
	for (unsigned i = 0; i < l->nf; i++)
		if (l->f[i].id == id)
			return &l->f[i];
	return NULL;
}

static void skip(struct ld *l, const char *fmt, ...) FC_PRINTF(2, 3);
static void skip(struct ld *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!l->cur.skip)
		l->cur.skip = own(l->set, fc_vasprintf(fmt, ap));
	va_end(ap);
}

static void commit(struct ld *l)
{
	struct fc_kat_set *s = l->set;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = fc_realloc(s->v, s->cap * sizeof(*s->v));
		s->group = fc_realloc(s->group, s->cap * sizeof(*s->group));
	}
	struct fc_kat_field *f = own(s, fc_calloc(l->nf + 1, sizeof(*f)));
	memcpy(f, l->f, l->nf * sizeof(*f));
	l->cur.fields = f;
	l->cur.n_fields = (uint8_t)l->nf;
	s->group[s->n] = l->group;
	s->v[s->n++] = l->cur;
}

/* The cell name as the core lists it (static storage). */
static const char *cell(const char *name)
{
	for (size_t i = 0; fc_kat_algorithms[i]; i++)
		if (fc_streq(fc_kat_algorithms[i], name))
			return fc_kat_algorithms[i];
	return NULL;
}

static const char *hmac_cell(enum fc_kat_hash h)
{
	_cleanup_free_ char *n = fc_asprintf("HMAC-%s", fc_kat_hash_name(h));
	return cell(n);
}

/* The hash or curve a vector names; NONE, and the vector skipped, for one
 * the core does not run. */
static enum fc_kat_hash hash_or_skip(struct ld *l, const char *name)
{
	enum fc_kat_hash h;
	if (fc_kat_hash_from_name(name, &h) == 0)
		return h;
	skip(l, "hash %s is not one the core runs", name);
	return FC_KAT_HASH_NONE;
}

static enum fc_kat_curve curve_or_skip(struct ld *l, const char *name)
{
	enum fc_kat_curve c;
	if (fc_kat_curve_from_name(name, &c) == 0)
		return c;
	skip(l, "curve %s is not one the core runs", name);
	return FC_KAT_CURVE_NONE;
}

/* --- JSON access ------------------------------------------------------------ */

static struct json_object *jget(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* A string member; NULL when absent or null.  *bad when of another type. */
static const char *jstr(struct json_object *o, const char *key, bool *bad)
{
	struct json_object *v = jget(o, key);
	if (!v || json_object_is_type(v, json_type_null))
		return NULL;
	if (!json_object_is_type(v, json_type_string)) {
		*bad = true;
		return NULL;
	}
	return json_object_get_string(v);
}

static int jstr_req(struct ld *l, struct json_object *o, const char *key,
		    uint32_t tg, uint32_t tc, const char **out)
{
	bool bad = false;
	*out = jstr(o, key, &bad);
	if (!*out)
		return fail(l, tg, tc, "'%s' %s", key,
			    bad ? "is not a string" : "is missing");
	return 0;
}

/* An integer member (0..UINT32_MAX); 1 present, 0 absent, <0 error. */
static int jint(struct ld *l, struct json_object *o, const char *key,
		uint32_t tg, uint32_t tc, uint32_t *out)
{
	struct json_object *v = jget(o, key);
	if (!v || json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return fail(l, tg, tc, "'%s' is not an integer", key);
	int64_t x = json_object_get_int64(v);
	if (x < 0 || x > (int64_t)UINT32_MAX)
		return fail(l, tg, tc, "'%s' is out of range (%lld)", key,
			    (long long)x);
	*out = (uint32_t)x;
	return 1;
}

static int jint_req(struct ld *l, struct json_object *o, const char *key,
		    uint32_t tg, uint32_t tc, uint32_t *out)
{
	int r = jint(l, o, key, tg, tc, out);
	if (r == 0)
		return fail(l, tg, tc, "'%s' is missing", key);
	return r < 0 ? r : 0;
}

/* A boolean member; 1 present, 0 absent, <0 error. */
static int jbool(struct ld *l, struct json_object *o, const char *key,
		 uint32_t tg, uint32_t tc, bool *out)
{
	struct json_object *v = jget(o, key);
	if (!v || json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return fail(l, tg, tc, "'%s' is not true or false", key);
	*out = json_object_get_boolean(v);
	return 1;
}

/* A hex string member into field id; 1 added, 0 absent, <0 error. */
static int jhex(struct ld *l, struct json_object *o, const char *key,
		enum fc_kat_fid id, uint32_t tg, uint32_t tc)
{
	bool bad = false;
	const char *s = jstr(o, key, &bad);
	if (bad)
		return fail(l, tg, tc, "'%s' is not a string", key);
	if (!s)
		return 0;
	uint8_t *b;
	size_t n;
	if (fc_kat_unhex(s, &b, &n) < 0)
		return fail(l, tg, tc, "'%s' is not a hex string", key);
	add_field(l, id, own(l->set, b), n);
	return 1;
}

static int jhex_req(struct ld *l, struct json_object *o, const char *key,
		    enum fc_kat_fid id, uint32_t tg, uint32_t tc)
{
	int r = jhex(l, o, key, id, tg, tc);
	if (r == 0)
		return fail(l, tg, tc, "'%s' is missing", key);
	return r < 0 ? r : 0;
}

/* key from the first object, else from the second; <0 when in neither. */
static int jhex_either(struct ld *l, struct json_object *first,
		       struct json_object *second, const char *key,
		       enum fc_kat_fid id, uint32_t tg, uint32_t tc)
{
	int r = jhex(l, first, key, id, tg, tc);
	if (r == 0)
		r = jhex_req(l, second, key, id, tg, tc);
	return r;
}

/* s as exactly n bytes (malloc'ed); NULL when not hex or another length. */
static uint8_t *unhex_exact(const char *s, size_t n)
{
	uint8_t *b = NULL;
	size_t bl = 0;
	if (fc_kat_unhex(s, &b, &bl) == 0 && bl != n) {
		free(b);
		b = NULL;
	}
	return b;
}

static struct json_object *jarray(struct json_object *o, const char *key)
{
	struct json_object *v = jget(o, key);
	return v && json_object_is_type(v, json_type_array) ? v : NULL;
}

/* --- Wycheproof ------------------------------------------------------------- */

/*
 * The result, with one policy by flag: a case that is invalid only for
 * flags whose note has bugType LEGACY is acceptable: an encoding that
 * "some libraries are accepting ... for compatibility" (MissingZero,
 * MissingNull), of otherwise valid values.  Every other invalid case
 * must be rejected.
 */
static int wp_result(struct ld *l, struct json_object *notes,
		     struct json_object *t, uint32_t tc)
{
	const char *r;
	if (jstr_req(l, t, "result", 0, tc, &r) < 0)
		return -EBADMSG;
	if (fc_streq(r, "valid"))
		l->cur.expect = FC_KAT_VALID;
	else if (fc_streq(r, "invalid"))
		l->cur.expect = FC_KAT_INVALID;
	else if (fc_streq(r, "acceptable"))
		l->cur.expect = FC_KAT_ACCEPTABLE;
	else
		return fail(l, 0, tc, "'result' is '%s', not valid, invalid or "
				      "acceptable", r);
	struct json_object *flags = jarray(t, "flags");
	size_t nf = flags ? json_object_array_length(flags) : 0, legacy = 0;
	for (size_t i = 0; i < nf; i++) {
		bool bad = false;
		struct json_object *fl = json_object_array_get_idx(flags, i);
		const char *name = json_object_is_type(fl, json_type_string)
					   ? json_object_get_string(fl)
					   : NULL;
		const char *bug = name ? jstr(jget(notes, name), "bugType", &bad)
				       : NULL;
		legacy += bug && fc_streq(bug, "LEGACY");
	}
	if (l->cur.expect == FC_KAT_INVALID && nf && legacy == nf)
		l->cur.expect = FC_KAT_ACCEPTABLE;
	return 0;
}

/* What a Wycheproof file's "algorithm" and a group's "type" mean. */
struct wp_kind {
	const char *alg;
	enum fc_kat_op op;
	enum fc_kat_hash hash;
	const char *skip; /* a known type the core does not run */
};

/* The hash in Wycheproof's algorithm names: "SHA256", "SHA512/256",
 * "SHA3-256" (after "HMAC" or "PBKDF2-HMAC"). */
static int wp_hash(const char *name, enum fc_kat_hash *h)
{
	if (fc_startswith(name, "SHA3-"))
		return fc_kat_hash_from_name(name, h);
	if (!fc_startswith(name, "SHA"))
		return -EINVAL;
	_cleanup_free_ char *n = fc_asprintf("SHA-%s", name + 3);
	return fc_kat_hash_from_name(n, h);
}

static int wp_kind(struct ld *l, const char *algorithm, const char *type,
		   struct wp_kind *k)
{
	enum fc_kat_hash h = FC_KAT_HASH_NONE;
	memset(k, 0, sizeof(*k));
	if (fc_streq(type, "MacTest") && fc_startswith(algorithm, "HMAC")) {
		/* "HMACSHA256", "HMACSHA3-256", "HMACSHA512/256" */
		if (wp_hash(algorithm + 4, &h) < 0)
			return fail(l, 0, 0, "unsupported MAC '%s'", algorithm);
		*k = (struct wp_kind){ .alg = hmac_cell(h), .op = FC_KAT_OP_HMAC, .hash = h };
	} else if (fc_streq(type, "MacTest") && fc_streq(algorithm, "AES-CMAC")) {
		*k = (struct wp_kind){ .alg = cell("AES-CMAC"), .op = FC_KAT_OP_CMAC, .hash = h };
	} else if (fc_streq(type, "IndCpaTest") &&
		   fc_streq(algorithm, "AES-CBC-PKCS5")) {
		*k = (struct wp_kind){ .alg = cell("AES-CBC"), .op = FC_KAT_OP_CIPHER, .hash = h };
	} else if (fc_streq(type, "AeadTest") && fc_streq(algorithm, "AES-GCM")) {
		*k = (struct wp_kind){ .alg = cell("AES-GCM"), .op = FC_KAT_OP_GCM, .hash = h };
	} else if (fc_streq(type, "HkdfTest") &&
		   fc_startswith(algorithm, "HKDF-")) {
		if (fc_kat_hash_from_name(algorithm + 5, &h) < 0)
			return fail(l, 0, 0, "unsupported KDF '%s'", algorithm);
		*k = (struct wp_kind){ .alg = cell("HKDF"), .op = FC_KAT_OP_HKDF, .hash = h };
	} else if (fc_streq(type, "PbkdfTest") &&
		   fc_startswith(algorithm, "PBKDF2-HMAC")) {
		if (wp_hash(algorithm + 11, &h) < 0)
			return fail(l, 0, 0, "unsupported KDF '%s'", algorithm);
		*k = (struct wp_kind){ .alg = cell("PBKDF2"), .op = FC_KAT_OP_PBKDF2, .hash = h };
	} else if (fc_streq(type, "EcdsaVerify")) {
		*k = (struct wp_kind){ .alg = cell("ECDSA-SigVer"), .op = FC_KAT_OP_ECDSA_VERIFY, .hash = h };
	} else if (fc_streq(type, "EcdhTest") || fc_streq(type, "EcdhEcpointTest")) {
		*k = (struct wp_kind){ .alg = cell("ECDH"), .op = FC_KAT_OP_ECDH, .hash = h };
	} else if (fc_streq(type, "RsassaPkcs1Verify")) {
		*k = (struct wp_kind){ .alg = cell("RSA-PKCS1v1.5-SigVer"), .op = FC_KAT_OP_RSA_VERIFY, .hash = h };
	} else if (fc_streq(type, "RsassaPssVerify")) {
		*k = (struct wp_kind){ .alg = cell("RSA-PSS-SigVer"), .op = FC_KAT_OP_RSA_VERIFY, .hash = h };
	} else if (fc_streq(type, "RsassaPkcs1Generate")) {
		*k = (struct wp_kind){ .alg = cell("RSA-PKCS1v1.5-SigGen"), .op = FC_KAT_OP_RSA_VERIFY, .hash = h, .skip = "RSA signature generation vectors are "
				       "not run by fipsctl" };
	} else {
		return fail(l, 0, 0, "unsupported test group type '%s' "
				     "(algorithm '%s')", type, algorithm);
	}
	return 0;
}

static int wp_test(struct ld *l, const struct wp_kind *k,
		   struct json_object *notes, struct json_object *g,
		   const char *type, struct json_object *t)
{
	uint32_t tc, v;
	bool bad = false;
	if (jint_req(l, t, "tcId", 0, 0, &tc) < 0)
		return -EBADMSG;
	begin(l, k->alg, k->op, 0, tc);
	l->cur.hash = (uint8_t)k->hash;
	if (wp_result(l, notes, t, tc) < 0)
		return -EBADMSG;
	if (k->skip) {
		skip(l, "%s", k->skip);
		commit(l);
		return 0;
	}
	switch (k->op) {
	case FC_KAT_OP_HMAC:
	case FC_KAT_OP_CMAC:
		if (jhex_req(l, t, "key", FC_KAT_F_KEY, 0, tc) < 0 ||
		    jhex_req(l, t, "msg", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "tag", FC_KAT_F_OUT, 0, tc) < 0)
			return -EBADMSG;
		break;
	case FC_KAT_OP_CIPHER:
		l->cur.mode = FC_KAT_CBC;
		l->cur.flags = FC_KAT_PKCS7;
		if (jhex_req(l, t, "key", FC_KAT_F_KEY, 0, tc) < 0 ||
		    jhex_req(l, t, "iv", FC_KAT_F_IV, 0, tc) < 0 ||
		    jhex_req(l, t, "msg", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "ct", FC_KAT_F_OUT, 0, tc) < 0)
			return -EBADMSG;
		break;
	case FC_KAT_OP_GCM:
		if (jhex_req(l, t, "key", FC_KAT_F_KEY, 0, tc) < 0 ||
		    jhex_req(l, t, "iv", FC_KAT_F_IV, 0, tc) < 0 ||
		    jhex_req(l, t, "aad", FC_KAT_F_AAD, 0, tc) < 0 ||
		    jhex_req(l, t, "msg", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "ct", FC_KAT_F_OUT, 0, tc) < 0 ||
		    jhex_req(l, t, "tag", FC_KAT_F_TAG, 0, tc) < 0)
			return -EBADMSG;
		break;
	case FC_KAT_OP_HKDF:
		if (jhex_req(l, t, "ikm", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "salt", FC_KAT_F_SALT, 0, tc) < 0 ||
		    jhex_req(l, t, "info", FC_KAT_F_INFO, 0, tc) < 0 ||
		    jhex_req(l, t, "okm", FC_KAT_F_OUT, 0, tc) < 0 ||
		    jint_req(l, t, "size", 0, tc, &l->cur.out_len) < 0)
			return -EBADMSG;
		break;
	case FC_KAT_OP_PBKDF2:
		if (jhex_req(l, t, "password", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "salt", FC_KAT_F_SALT, 0, tc) < 0 ||
		    jhex_req(l, t, "dk", FC_KAT_F_OUT, 0, tc) < 0 ||
		    jint_req(l, t, "iterationCount", 0, tc, &l->cur.count) < 0 ||
		    jint_req(l, t, "dkLen", 0, tc, &l->cur.out_len) < 0)
			return -EBADMSG;
		break;
	case FC_KAT_OP_ECDSA_VERIFY: {
		struct json_object *pk = jget(g, "publicKey");
		const char *curve, *sha;
		if (jstr_req(l, pk, "curve", 0, tc, &curve) < 0 ||
		    jstr_req(l, g, "sha", 0, tc, &sha) < 0 ||
		    jhex_req(l, pk, "wx", FC_KAT_F_QX, 0, tc) < 0 ||
		    jhex_req(l, pk, "wy", FC_KAT_F_QY, 0, tc) < 0 ||
		    jhex_req(l, t, "msg", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "sig", FC_KAT_F_SIG, 0, tc) < 0)
			return -EBADMSG;
		l->cur.curve = (uint8_t)curve_or_skip(l, curve);
		l->cur.hash = (uint8_t)hash_or_skip(l, sha);
		break;
	}
	case FC_KAT_OP_ECDH: {
		const char *curve;
		if (jstr_req(l, g, "curve", 0, tc, &curve) < 0 ||
		    jhex_req(l, t, "public", FC_KAT_F_PUB, 0, tc) < 0 ||
		    jhex_req(l, t, "private", FC_KAT_F_PRIV, 0, tc) < 0 ||
		    jhex_req(l, t, "shared", FC_KAT_F_OUT, 0, tc) < 0)
			return -EBADMSG;
		l->cur.curve = (uint8_t)curve_or_skip(l, curve);
		if (fc_streq(type, "EcdhTest"))
			l->cur.flags = FC_KAT_SPKI;
		break;
	}
	case FC_KAT_OP_RSA_VERIFY: {
		struct json_object *pk = jget(g, "publicKey");
		const char *sha;
		enum fc_kat_hash h;
		/* testvectors_v1 keeps the key under publicKey; the older
		 * layout had n and e on the group. */
		struct json_object *ko = pk ? pk : g;
		if (jhex_req(l, ko, pk ? "modulus" : "n", FC_KAT_F_N, 0, tc) < 0 ||
		    jhex_req(l, ko, pk ? "publicExponent" : "e", FC_KAT_F_E, 0,
			     tc) < 0 ||
		    jstr_req(l, g, "sha", 0, tc, &sha) < 0 ||
		    jhex_req(l, t, "msg", FC_KAT_F_MSG, 0, tc) < 0 ||
		    jhex_req(l, t, "sig", FC_KAT_F_SIG, 0, tc) < 0 ||
		    jint(l, g, "keySize", 0, tc, &l->cur.key_bits) < 0)
			return -EBADMSG;
		l->cur.hash = (uint8_t)hash_or_skip(l, sha);
		l->cur.mode = FC_KAT_RSA_PKCS1;
		if (fc_streq(type, "RsassaPssVerify")) {
			const char *mgf, *mgf_sha;
			l->cur.mode = FC_KAT_RSA_PSS;
			if (jstr_req(l, g, "mgf", 0, tc, &mgf) < 0 ||
			    jstr_req(l, g, "mgfSha", 0, tc, &mgf_sha) < 0 ||
			    jint_req(l, g, "sLen", 0, tc, &v) < 0)
				return -EBADMSG;
			l->cur.salt_len = v;
			if (!fc_streq(mgf, "MGF1"))
				skip(l, "mask function %s is not one the core runs",
				     mgf);
			else if (fc_kat_hash_from_name(mgf_sha, &h) < 0)
				skip(l, "MGF1 hash %s is not one the core runs",
				     mgf_sha);
			else
				l->cur.mgf_hash = (uint8_t)h;
		}
		break;
	}
	default:
		break;
	}
	(void)bad;
	commit(l);
	return 0;
}

static int load_wycheproof(struct ld *l, struct json_object *top)
{
	const char *algorithm;
	if (jstr_req(l, top, "algorithm", 0, 0, &algorithm) < 0)
		return -EBADMSG;
	struct json_object *groups = jarray(top, "testGroups");
	if (!groups)
		return fail(l, 0, 0, "'testGroups' is missing or not an array");
	for (size_t gi = 0; gi < json_object_array_length(groups); gi++) {
		struct json_object *g = json_object_array_get_idx(groups, gi);
		const char *type;
		struct wp_kind k;
		l->group = (uint32_t)gi + 1;
		if (!json_object_is_type(g, json_type_object))
			return fail(l, 0, 0, "test group %zu is not an object",
				    gi + 1);
		if (jstr_req(l, g, "type", 0, 0, &type) < 0 ||
		    wp_kind(l, algorithm, type, &k) < 0)
			return -EBADMSG;
		struct json_object *tests = jarray(g, "tests");
		if (!tests)
			return fail(l, 0, 0, "test group %zu has no 'tests' array",
				    gi + 1);
		for (size_t ti = 0; ti < json_object_array_length(tests); ti++) {
			struct json_object *t = json_object_array_get_idx(tests, ti);
			if (!json_object_is_type(t, json_type_object))
				return fail(l, 0, 0, "test %zu of group %zu is "
						     "not an object", ti + 1, gi + 1);
			if (wp_test(l, &k, jget(top, "notes"), g, type, t) < 0)
				return -EBADMSG;
		}
	}
	return 0;
}

/* --- ACVP ------------------------------------------------------------------- */

struct acvp {
	struct json_object *prompt, *expected, *internal;
};

/* The member of array arr (of objects) whose key equals id. */
static struct json_object *by_id(struct json_object *arr, const char *key,
				 uint32_t id)
{
	for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct json_object *v = jget(o, key);
		if (v && json_object_is_type(v, json_type_int) &&
		    json_object_get_int64(v) == (int64_t)id)
			return o;
	}
	return NULL;
}

/* Group and test of the answer key (or internalProjection) for tg/tc. */
static int answer(struct ld *l, struct json_object *doc, const char *docname,
		  uint32_t tg, uint32_t tc, struct json_object **ag,
		  struct json_object **at)
{
	*ag = by_id(jarray(doc, "testGroups"), "tgId", tg);
	*at = *ag ? by_id(jarray(*ag, "tests"), "tcId", tc) : NULL;
	if (!*at)
		return fail(l, tg, tc, "no answer in %s", docname);
	return 0;
}

/* testPassed true/false -> valid/invalid. */
static int acvp_passed(struct ld *l, struct json_object *at, uint32_t tg,
		       uint32_t tc)
{
	bool p;
	int r = jbool(l, at, "testPassed", tg, tc, &p);
	if (r == 0)
		return fail(l, tg, tc, "'testPassed' is missing");
	if (r < 0)
		return r;
	l->cur.expect = p ? FC_KAT_VALID : FC_KAT_INVALID;
	return 0;
}

/* A length in bits that must be whole bytes; skips the case otherwise. */
static void bytes_only(struct ld *l, uint32_t bits, const char *what)
{
	if (bits % 8)
		skip(l, "bit-oriented %s (%u bits)", what, (unsigned)bits);
}

static int acvp_hash_from(struct ld *l, struct json_object *o, const char *key,
			  uint32_t tg, uint32_t tc, enum fc_kat_hash *h)
{
	const char *s;
	if (jstr_req(l, o, key, tg, tc, &s) < 0)
		return -EBADMSG;
	*h = hash_or_skip(l, s);
	return 0;
}

/* One ACVP test case: the prompt's group and test, the answer key's, and
 * internalProjection's (NULL without that file). */
struct acvp_case {
	const char *algorithm, *mode;
	struct json_object *g, *t, *ag, *at, *ig, *it;
	uint32_t tg, tc;
};

typedef int (*acvp_test_fn)(struct ld *l, const struct acvp_case *c);

static int acvp_sha(struct ld *l, const struct acvp_case *c)
{
	enum fc_kat_hash h;
	const char *tt;
	uint32_t len = 0;
	bool bad = false;
	if (fc_kat_hash_from_name(c->algorithm, &h) < 0)
		return fail(l, 0, 0, "unsupported algorithm '%s'",
			    c->algorithm);
	begin(l, fc_kat_hash_name(h), FC_KAT_OP_DIGEST, c->tg, c->tc);
	l->cur.alg = cell(fc_kat_hash_name(h));
	l->cur.hash = (uint8_t)h;
	if (jstr_req(l, c->g, "testType", c->tg, c->tc, &tt) < 0)
		return -EBADMSG;
	if (fc_streq(tt, "LDT")) {
		skip(l, "large-data test (a 1 GiB message) not run");
		commit(l);
		return 0;
	}
	if (jhex_req(l, c->t, "msg", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    jint_req(l, c->t, "len", c->tg, c->tc, &len) < 0)
		return -EBADMSG;
	const struct fc_kat_field *m = cur_get(l, FC_KAT_F_MSG);
	if (len % 8 == 0 && len / 8 <= m->len)
		add_field(l, FC_KAT_F_MSG, m->data, len / 8);
	else if (len % 8 == 0)
		return fail(l, c->tg, c->tc, "'len' %u exceeds 'msg'",
			    (unsigned)len);
	bytes_only(l, len, "message");
	if (fc_streq(tt, "AFT")) {
		if (jhex_req(l, c->at, "md", FC_KAT_F_OUT, c->tg, c->tc) < 0)
			return -EBADMSG;
	} else if (fc_streq(tt, "MCT")) {
		const char *ver = jstr(c->g, "mctVersion", &bad);
		struct json_object *ra = jarray(c->at, "resultsArray");
		size_t hl = fc_kat_hash_len(h);
		if (!ra || json_object_array_length(ra) == 0)
			return fail(l, c->tg, c->tc,
				    "'resultsArray' is missing");
		size_t n = json_object_array_length(ra);
		uint8_t *all = own(l->set, fc_malloc(n * hl + 1));
		for (size_t i = 0; i < n; i++) {
			struct json_object *rec = json_object_array_get_idx(ra, i);
			const char *md;
			if (jstr_req(l, rec, "md", c->tg, c->tc, &md) < 0)
				return -EBADMSG;
			uint8_t *b = unhex_exact(md, hl);
			if (!b)
				return fail(l, c->tg, c->tc,
					    "resultsArray[%zu].md is "
					    "not a %zu-byte hex string",
					    i, hl);
			memcpy(all + i * hl, b, hl);
			free(b);
		}
		add_field(l, FC_KAT_F_OUT, all, n * hl);
		l->cur.flags |= FC_KAT_MCT;
		l->cur.count = (uint32_t)n;
		if (ver && fc_streq(ver, "alternate") && h < FC_KAT_SHA3_224)
			l->cur.flags |= FC_KAT_MCT_ALT;
		else if (ver && !fc_streq(ver, "standard"))
			skip(l, "Monte-Carlo version '%s' not run", ver);
	} else {
		skip(l, "test type %s not run", tt);
	}
	commit(l);
	return 0;
}

static int acvp_hmac(struct ld *l, const struct acvp_case *c)
{
	enum fc_kat_hash h;
	uint32_t mac_len = 0, msg_len = 0, key_len = 0;
	if (fc_kat_hash_from_name(c->algorithm + 5, &h) < 0 || !hmac_cell(h))
		return fail(l, 0, 0, "unsupported algorithm '%s'",
			    c->algorithm);
	begin(l, hmac_cell(h), FC_KAT_OP_HMAC, c->tg, c->tc);
	l->cur.hash = (uint8_t)h;
	if (jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->t, "msg", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->at, "mac", FC_KAT_F_OUT, c->tg, c->tc) < 0)
		return -EBADMSG;
	/* macLen lives on the test (2.0) or the group (1.0). */
	if (jint(l, c->t, "macLen", c->tg, c->tc, &mac_len) < 0 ||
	    (!mac_len && jint(l, c->g, "macLen", c->tg, c->tc, &mac_len) < 0) ||
	    jint(l, c->t, "msgLen", c->tg, c->tc, &msg_len) < 0 ||
	    jint(l, c->t, "keyLen", c->tg, c->tc, &key_len) < 0)
		return -EBADMSG;
	bytes_only(l, mac_len, "MAC");
	bytes_only(l, msg_len, "message");
	bytes_only(l, key_len, "key");
	commit(l);
	return 0;
}

static int acvp_aes(struct ld *l, const struct acvp_case *c)
{
	const char *dir, *tt;
	uint32_t key_bits = 0, pl = 0;
	enum fc_kat_cipher_mode m = fc_streq(c->algorithm, "ACVP-AES-ECB")
					    ? FC_KAT_ECB
				    : fc_streq(c->algorithm, "ACVP-AES-CBC")
					    ? FC_KAT_CBC
					    : FC_KAT_CTR;
	begin(l,
	      cell(m == FC_KAT_ECB   ? "AES-ECB"
		   : m == FC_KAT_CBC ? "AES-CBC"
				     : "AES-CTR"),
	      FC_KAT_OP_CIPHER, c->tg, c->tc);
	l->cur.mode = (uint8_t)m;
	if (jstr_req(l, c->g, "direction", c->tg, c->tc, &dir) < 0 ||
	    jstr_req(l, c->g, "testType", c->tg, c->tc, &tt) < 0 ||
	    jint(l, c->g, "keyLen", c->tg, c->tc, &key_bits) < 0)
		return -EBADMSG;
	l->cur.key_bits = key_bits;
	bool dec = fc_streq(dir, "decrypt");
	if (!dec && !fc_streq(dir, "encrypt"))
		return fail(l, c->tg, c->tc, "'direction' is '%s'", dir);
	if (dec)
		l->cur.flags |= FC_KAT_DECRYPT;
	if (fc_streq(tt, "MCT")) {
		skip(l, "AES Monte-Carlo tests are not run by fipsctl");
		commit(l);
		return 0;
	}
	if (!fc_streq(tt, "AFT") && !fc_streq(tt, "CTR")) {
		skip(l, "test type %s not run", tt);
		commit(l);
		return 0;
	}
	if (jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0)
		return -EBADMSG;
	/* The plain text is always MSG and the cipher text OUT. */
	struct json_object *in = c->t, *res = c->at;
	if (jhex_req(l, dec ? res : in, "pt", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    jhex_req(l, dec ? in : res, "ct", FC_KAT_F_OUT, c->tg, c->tc) < 0)
		return -EBADMSG;
	if (m != FC_KAT_ECB) {
		/* CTR encrypt: the initial counter is part of the answer. */
		if (jhex_either(l, c->t, c->at, "iv", FC_KAT_F_IV, c->tg,
				c->tc) < 0)
			return -EBADMSG;
	}
	if (m == FC_KAT_CTR &&
	    jint(l, c->t, "payloadLen", c->tg, c->tc, &pl) < 0)
		return -EBADMSG;
	if (m == FC_KAT_CTR && pl % 8) {
		const struct fc_kat_field *pt = cur_get(l, FC_KAT_F_MSG);
		const struct fc_kat_field *ct = cur_get(l, FC_KAT_F_OUT);
		if (pt->len != (pl + 7) / 8 || ct->len != (pl + 7) / 8)
			return fail(l, c->tg, c->tc,
				    "'payloadLen' %u does not match "
				    "the text",
				    (unsigned)pl);
		l->cur.out_bits = pl;
	}
	commit(l);
	return 0;
}

static int acvp_gcm(struct ld *l, const struct acvp_case *c)
{
	const char *dir;
	bool bad = false;
	uint32_t ivl = 0, tagl = 0, pl = 0, al = 0, kl = 0;
	begin(l, cell("AES-GCM"), FC_KAT_OP_GCM, c->tg, c->tc);
	if (jstr_req(l, c->g, "direction", c->tg, c->tc, &dir) < 0 ||
	    jint(l, c->g, "ivLen", c->tg, c->tc, &ivl) < 0 ||
	    jint_req(l, c->g, "tagLen", c->tg, c->tc, &tagl) < 0 ||
	    jint(l, c->g, "payloadLen", c->tg, c->tc, &pl) < 0 ||
	    jint(l, c->g, "aadLen", c->tg, c->tc, &al) < 0 ||
	    jint(l, c->g, "keyLen", c->tg, c->tc, &kl) < 0)
		return -EBADMSG;
	l->cur.key_bits = kl;
	bool dec = fc_streq(dir, "decrypt");
	if (dec)
		l->cur.flags |= FC_KAT_DECRYPT;
	const char *ivgen = jstr(c->g, "ivGen", &bad);
	if (ivgen && fc_streq(ivgen, "internal") && !dec) {
		skip(l, "the module chooses the IV (ivGen internal): no "
			"known answer");
		commit(l);
		return 0;
	}
	bytes_only(l, ivl, "IV");
	bytes_only(l, tagl, "tag");
	bytes_only(l, pl, "payload");
	bytes_only(l, al, "AAD");
	if (jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->t, "iv", FC_KAT_F_IV, c->tg, c->tc) < 0 ||
	    jhex(l, c->t, "aad", FC_KAT_F_AAD, c->tg, c->tc) < 0)
		return -EBADMSG;
	if (!dec) {
		if (jhex_req(l, c->t, "pt", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
		    jhex_req(l, c->at, "ct", FC_KAT_F_OUT, c->tg, c->tc) < 0 ||
		    jhex_req(l, c->at, "tag", FC_KAT_F_TAG, c->tg, c->tc) < 0)
			return -EBADMSG;
	} else {
		bool passed = true;
		if (jhex_req(l, c->t, "ct", FC_KAT_F_OUT, c->tg, c->tc) < 0 ||
		    jhex_req(l, c->t, "tag", FC_KAT_F_TAG, c->tg, c->tc) < 0 ||
		    jbool(l, c->at, "testPassed", c->tg, c->tc, &passed) < 0)
			return -EBADMSG;
		l->cur.expect = passed ? FC_KAT_VALID : FC_KAT_INVALID;
		if (passed &&
		    jhex_req(l, c->at, "pt", FC_KAT_F_MSG, c->tg, c->tc) < 0)
			return -EBADMSG;
	}
	commit(l);
	return 0;
}

static int acvp_cmac(struct ld *l, const struct acvp_case *c)
{
	const char *dir;
	uint32_t ml = 0, macl = 0;
	begin(l, cell("AES-CMAC"), FC_KAT_OP_CMAC, c->tg, c->tc);
	if (jstr_req(l, c->g, "direction", c->tg, c->tc, &dir) < 0 ||
	    jint(l, c->g, "msgLen", c->tg, c->tc, &ml) < 0 ||
	    jint(l, c->g, "macLen", c->tg, c->tc, &macl) < 0 ||
	    jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg, c->tc) < 0)
		return -EBADMSG;
	bytes_only(l, ml, "message");
	bytes_only(l, macl, "MAC");
	if (fc_streq(dir, "gen")) {
		if (jhex_req(l, c->at, "mac", FC_KAT_F_OUT, c->tg, c->tc) < 0)
			return -EBADMSG;
	} else if (fc_streq(dir, "ver")) {
		if (jhex_req(l, c->t, "mac", FC_KAT_F_OUT, c->tg, c->tc) < 0 ||
		    acvp_passed(l, c->at, c->tg, c->tc) < 0)
			return -EBADMSG;
	} else {
		return fail(l, c->tg, c->tc, "'direction' is '%s'", dir);
	}
	commit(l);
	return 0;
}

static int acvp_pbkdf(struct ld *l, const struct acvp_case *c)
{
	enum fc_kat_hash h;
	const char *pw;
	uint32_t kl;
	begin(l, cell("PBKDF2"), FC_KAT_OP_PBKDF2, c->tg, c->tc);
	if (acvp_hash_from(l, c->g, "hmacAlg", c->tg, c->tc, &h) < 0 ||
	    jstr_req(l, c->t, "password", c->tg, c->tc, &pw) < 0 ||
	    jhex_req(l, c->t, "salt", FC_KAT_F_SALT, c->tg, c->tc) < 0 ||
	    jint_req(l, c->t, "iterationCount", c->tg, c->tc,
		     &l->cur.count) < 0 ||
	    jint_req(l, c->t, "keyLen", c->tg, c->tc, &kl) < 0 ||
	    jhex_req(l, c->at, "derivedKey", FC_KAT_F_OUT, c->tg, c->tc) < 0)
		return -EBADMSG;
	l->cur.hash = (uint8_t)h;
	/* ACVP's password is text, not hex. */
	char *p = own(l->set, fc_strdup(pw));
	add_field(l, FC_KAT_F_MSG, (const uint8_t *)p, strlen(p));
	bytes_only(l, kl, "key");
	l->cur.out_len = kl / 8;
	commit(l);
	return 0;
}

static int ec_curve_hash(struct ld *l, struct json_object *g, uint32_t tg,
			 uint32_t tc)
{
	const char *curve;
	enum fc_kat_hash h;
	bool bad = false;
	if (jstr_req(l, g, "curve", tg, tc, &curve) < 0 ||
	    acvp_hash_from(l, g, "hashAlg", tg, tc, &h) < 0)
		return -EBADMSG;
	l->cur.hash = (uint8_t)h;
	l->cur.curve = (uint8_t)curve_or_skip(l, curve);
	const char *conf = jstr(g, "conformance", &bad);
	if (conf && *conf)
		skip(l, "%s randomized hashing is not run", conf);
	return 0;
}

static int acvp_ecdsa(struct ld *l, const struct acvp_case *c)
{
	bool det = fc_streq(c->algorithm, "DetECDSA");
	if (!c->mode || (!det && !fc_streq(c->mode, "sigVer")) ||
	    (det && !fc_streq(c->mode, "sigGen")))
		return fail(l, 0, 0,
			    "unsupported mode '%s' of %s (only "
			    "ECDSA sigVer and DetECDSA sigGen)",
			    c->mode ? c->mode : "(none)", c->algorithm);
	if (!det) {
		begin(l, cell("ECDSA-SigVer"), FC_KAT_OP_ECDSA_VERIFY, c->tg,
		      c->tc);
		if (ec_curve_hash(l, c->g, c->tg, c->tc) < 0 ||
		    jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg,
			     c->tc) < 0 ||
		    jhex_req(l, c->t, "r", FC_KAT_F_R, c->tg, c->tc) < 0 ||
		    jhex_req(l, c->t, "s", FC_KAT_F_S, c->tg, c->tc) < 0 ||
		    acvp_passed(l, c->at, c->tg, c->tc) < 0)
			return -EBADMSG;
		/* 1.0 and 186-5 carry the key on the test, some on the group. */
		if (jhex_either(l, c->t, c->g, "qx", FC_KAT_F_QX, c->tg,
				c->tc) < 0 ||
		    jhex_either(l, c->t, c->g, "qy", FC_KAT_F_QY, c->tg,
				c->tc) < 0)
			return -EBADMSG;
		commit(l);
		return 0;
	}
	begin(l, cell("ECDSA-SigGen"), FC_KAT_OP_ECDSA_SIGN, c->tg, c->tc);
	if (ec_curve_hash(l, c->g, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->ag, "qx", FC_KAT_F_QX, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->ag, "qy", FC_KAT_F_QY, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->at, "r", FC_KAT_F_R, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->at, "s", FC_KAT_F_S, c->tg, c->tc) < 0)
		return -EBADMSG;
	if (!c->ig)
		skip(l, "the private key d is only in internalProjection.json, "
			"which is missing");
	else if (jhex_req(l, c->ig, "d", FC_KAT_F_PRIV, c->tg, c->tc) < 0)
		return -EBADMSG;
	commit(l);
	return 0;
}

static int acvp_rsa(struct ld *l, const struct acvp_case *c)
{
	const char *st;
	bool bad = false;
	enum fc_kat_hash h;
	if (!c->mode || !fc_streq(c->mode, "sigVer"))
		return fail(l, 0, 0,
			    "unsupported mode '%s' of RSA (only sigVer)",
			    c->mode ? c->mode : "(none)");
	if (jstr_req(l, c->g, "sigType", c->tg, c->tc, &st) < 0)
		return -EBADMSG;
	bool pss = fc_streq(st, "pss");
	begin(l, cell(pss ? "RSA-PSS-SigVer" : "RSA-PKCS1v1.5-SigVer"),
	      FC_KAT_OP_RSA_VERIFY, c->tg, c->tc);
	l->cur.mode = pss ? FC_KAT_RSA_PSS : FC_KAT_RSA_PKCS1;
	if (acvp_hash_from(l, c->g, "hashAlg", c->tg, c->tc, &h) < 0 ||
	    jint(l, c->g, "modulo", c->tg, c->tc, &l->cur.key_bits) < 0 ||
	    jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->t, "signature", FC_KAT_F_SIG, c->tg, c->tc) < 0 ||
	    acvp_passed(l, c->at, c->tg, c->tc) < 0)
		return -EBADMSG;
	l->cur.hash = (uint8_t)h;
	if (jhex_either(l, c->g, c->t, "n", FC_KAT_F_N, c->tg, c->tc) < 0 ||
	    jhex_either(l, c->g, c->t, "e", FC_KAT_F_E, c->tg, c->tc) < 0)
		return -EBADMSG;
	if (pss) {
		const char *mgf = jstr(c->g, "maskFunction", &bad);
		if (jint(l, c->g, "saltLen", c->tg, c->tc,
			 &l->cur.salt_len) < 0)
			return -EBADMSG;
		/* FIPS 186-4 PSS uses MGF1 with the message hash. */
		l->cur.mgf_hash = (uint8_t)h;
		if (mgf && !fc_streq(mgf, "mgf1"))
			skip(l, "mask function %s is not run", mgf);
	} else if (!fc_streq(st, "pkcs1v1.5")) {
		skip(l, "signature type %s is not run", st);
	}
	commit(l);
	return 0;
}

static int acvp_drbg(struct ld *l, const struct acvp_case *c)
{
	enum fc_kat_drbg_kind k = fc_streq(c->algorithm, "hashDRBG")
					  ? FC_KAT_HASH_DRBG
				  : fc_streq(c->algorithm, "hmacDRBG")
					  ? FC_KAT_HMAC_DRBG
					  : FC_KAT_CTR_DRBG;
	const char *dm;
	bool df = false, pr = false;
	uint32_t bits;
	begin(l,
	      cell(k == FC_KAT_HASH_DRBG   ? "Hash_DRBG"
		   : k == FC_KAT_HMAC_DRBG ? "HMAC_DRBG"
					   : "CTR_DRBG"),
	      FC_KAT_OP_DRBG, c->tg, c->tc);
	l->cur.mode = (uint8_t)k;
	if (jstr_req(l, c->g, "mode", c->tg, c->tc, &dm) < 0 ||
	    jbool(l, c->g, "derFunc", c->tg, c->tc, &df) < 0 ||
	    jbool(l, c->g, "predResistance", c->tg, c->tc, &pr) < 0 ||
	    jint_req(l, c->g, "returnedBitsLen", c->tg, c->tc, &bits) < 0 ||
	    jhex_req(l, c->t, "entropyInput", FC_KAT_F_ENTROPY, c->tg,
		     c->tc) < 0 ||
	    jhex(l, c->t, "nonce", FC_KAT_F_NONCE, c->tg, c->tc) < 0 ||
	    jhex(l, c->t, "persoString", FC_KAT_F_PERS, c->tg, c->tc) < 0 ||
	    jhex_req(l, c->at, "returnedBits", FC_KAT_F_OUT, c->tg, c->tc) < 0)
		return -EBADMSG;
	l->cur.flags = (uint8_t)((df ? FC_KAT_DF : 0) | (pr ? FC_KAT_PR : 0));
	bytes_only(l, bits, "output");
	l->cur.out_len = bits / 8;
	if (k == FC_KAT_CTR_DRBG) {
		if (fc_startswith(dm, "AES-") && (fc_streq(dm + 4, "128") ||
						  fc_streq(dm + 4, "192") ||
						  fc_streq(dm + 4, "256")))
			l->cur.key_bits = (uint32_t)atoi(dm + 4);
		else
			skip(l, "CTR_DRBG with %s is not run", dm);
	} else {
		enum fc_kat_hash h;
		if (fc_kat_hash_from_name(dm, &h) < 0)
			skip(l, "%s with %s is not run", c->algorithm, dm);
		else
			l->cur.hash = (uint8_t)h;
	}
	struct json_object *oi = jarray(c->t, "otherInput");
	size_t n = oi ? json_object_array_length(oi) : 0;
	if (n > FC_KAT_DRBG_STEPS_MAX) {
		skip(l, "%zu DRBG steps (at most %d are run)", n,
		     FC_KAT_DRBG_STEPS_MAX);
		n = 0;
	}
	l->cur.n_steps = (uint8_t)n;
	for (size_t i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(oi, i);
		const char *use;
		if (jstr_req(l, s, "intendedUse", c->tg, c->tc, &use) < 0 ||
		    jhex(l, s, "additionalInput", FC_KAT_F_ADD0 + i, c->tg,
			 c->tc) < 0 ||
		    jhex(l, s, "entropyInput", FC_KAT_F_ENT0 + i, c->tg,
			 c->tc) < 0)
			return -EBADMSG;
		if (fc_streq(use, "reSeed"))
			l->cur.reseed_mask |= (uint8_t)(1u << i);
		else if (!fc_streq(use, "generate"))
			return fail(l, c->tg, c->tc,
				    "otherInput[%zu].intendedUse is "
				    "'%s'",
				    i, use);
	}
	commit(l);
	return 0;
}

static const struct {
	const char *algorithm; /* exact, or a prefix when it ends in '*' */
	acvp_test_fn fn;
} acvp_algs[] = {
	{ "SHA-1", acvp_sha },
	{ "SHA2-*", acvp_sha },
	{ "SHA3-*", acvp_sha },
	{ "HMAC-SHA*", acvp_hmac },
	{ "ACVP-AES-ECB", acvp_aes },
	{ "ACVP-AES-CBC", acvp_aes },
	{ "ACVP-AES-CTR", acvp_aes },
	{ "ACVP-AES-GCM", acvp_gcm },
	{ "CMAC-AES", acvp_cmac },
	{ "PBKDF", acvp_pbkdf },
	{ "ECDSA", acvp_ecdsa },
	{ "DetECDSA", acvp_ecdsa },
	{ "RSA", acvp_rsa },
	{ "hashDRBG", acvp_drbg },
	{ "hmacDRBG", acvp_drbg },
	{ "ctrDRBG", acvp_drbg },
};

static acvp_test_fn acvp_find(const char *algorithm)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(acvp_algs); i++) {
		const char *a = acvp_algs[i].algorithm;
		size_t n = strlen(a);
		if (a[n - 1] == '*' ? strncmp(algorithm, a, n - 1) == 0
				    : fc_streq(algorithm, a))
			return acvp_algs[i].fn;
	}
	return NULL;
}

static int load_acvp(struct ld *l, const struct acvp *d)
{
	const char *algorithm;
	bool bad = false;
	if (jstr_req(l, d->prompt, "algorithm", 0, 0, &algorithm) < 0)
		return -EBADMSG;
	const char *mode = jstr(d->prompt, "mode", &bad);
	acvp_test_fn fn = acvp_find(algorithm);
	if (!fn)
		return fail(l, 0, 0, "unsupported ACVP algorithm '%s'", algorithm);
	struct json_object *groups = jarray(d->prompt, "testGroups");
	if (!groups)
		return fail(l, 0, 0, "'testGroups' is missing or not an array");
	if (!jarray(d->expected, "testGroups"))
		return fail(l, 0, 0, "expectedResults.json has no 'testGroups'");
	for (size_t gi = 0; gi < json_object_array_length(groups); gi++) {
		struct json_object *g = json_object_array_get_idx(groups, gi);
		uint32_t tg;
		if (jint_req(l, g, "tgId", 0, 0, &tg) < 0)
			return -EBADMSG;
		l->group = tg;
		struct json_object *tests = jarray(g, "tests");
		if (!tests)
			return fail(l, tg, 0, "no 'tests' array");
		for (size_t ti = 0; ti < json_object_array_length(tests); ti++) {
			struct json_object *t = json_object_array_get_idx(tests, ti);
			struct acvp_case c = { .algorithm = algorithm,
					       .mode = mode,
					       .g = g,
					       .t = t,
					       .tg = tg };
			if (jint_req(l, t, "tcId", tg, 0, &c.tc) < 0 ||
			    answer(l, d->expected, "expectedResults.json", tg,
				   c.tc, &c.ag, &c.at) < 0)
				return -EBADMSG;
			if (d->internal &&
			    answer(l, d->internal, "internalProjection.json",
				   tg, c.tc, &c.ig, &c.it) < 0)
				return -EBADMSG;
			if (fn(l, &c) < 0)
				return -EBADMSG;
		}
	}
	return 0;
}

/* --- CAVP SHAVS ------------------------------------------------------------- */

static int load_rsp(struct ld *l, const char *text, size_t len)
{
	/* The hash is named by the file: SHA1ShortMsg.rsp, SHA256LongMsg.rsp,
	 * SHA3_256ShortMsg.rsp, SHA512_256ShortMsg.rsp. */
	static const struct {
		const char *prefix;
		enum fc_kat_hash h;
	} names[] = {
		{ "SHA512_224", FC_KAT_SHA512_224 }, { "SHA512_256", FC_KAT_SHA512_256 },
		{ "SHA3_224", FC_KAT_SHA3_224 },     { "SHA3_256", FC_KAT_SHA3_256 },
		{ "SHA3_384", FC_KAT_SHA3_384 },     { "SHA3_512", FC_KAT_SHA3_512 },
		{ "SHA1", FC_KAT_SHA1 },	     { "SHA224", FC_KAT_SHA224 },
		{ "SHA256", FC_KAT_SHA256 },	     { "SHA384", FC_KAT_SHA384 },
		{ "SHA512", FC_KAT_SHA512 },
	};
	const char *base = strrchr(l->src, '/');
	base = base ? base + 1 : l->src;
	enum fc_kat_hash h = FC_KAT_HASH_NONE;
	for (size_t i = 0; i < FC_ARRAY_SIZE(names) && !h; i++)
		if (fc_startswith(base, names[i].prefix) &&
		    (strstr(base, "ShortMsg") || strstr(base, "LongMsg")))
			h = names[i].h;
	if (!h)
		return fail(l, 0, 0, "not a SHAVS ShortMsg/LongMsg response "
				     "file (the name says which hash)");
	uint32_t rec = 0, len_bits = 0, line = 0;
	bool have_len = false, have_msg = false;
	const char *p;
	size_t pos = 0, n;
	l->group = 1;
	while (fc_next_line(text, len, &pos, &p, &n)) {
		_cleanup_free_ char *ln = fc_strndup(p, n);
		line++;
		fc_strstrip(ln);
		if (!*ln || ln[0] == '#')
			continue;
		if (ln[0] == '[') {
			unsigned dl;
			if (sscanf(ln, "[L = %u]", &dl) == 1 &&
			    dl != fc_kat_hash_len(h))
				return fail(l, 0, 0, "line %u: [L = %u] does not "
						     "match %s", (unsigned)line,
					    dl, fc_kat_hash_name(h));
			continue;
		}
		char *eq = strchr(ln, '=');
		if (!eq)
			return fail(l, 0, 0, "line %u: expected 'Name = value'",
				    (unsigned)line);
		*eq = '\0';
		char *key = fc_strstrip(ln), *val = fc_strstrip(eq + 1);
		if (fc_streq(key, "Len")) {
			char *end = NULL;
			unsigned long v = strtoul(val, &end, 10);
			if (!*val || *end || v > UINT32_MAX)
				return fail(l, 0, 0, "line %u: bad Len '%s'",
					    (unsigned)line, val);
			len_bits = (uint32_t)v;
			have_len = true;
			have_msg = false;
			rec++;
			begin(l, cell(fc_kat_hash_name(h)), FC_KAT_OP_DIGEST, 0, rec);
			l->cur.hash = (uint8_t)h;
		} else if (fc_streq(key, "Msg") && have_len) {
			uint8_t *b;
			size_t bl;
			if (fc_kat_unhex(val, &b, &bl) < 0)
				return fail(l, 0, rec, "line %u: Msg is not hex",
					    (unsigned)line);
			own(l->set, b);
			if (len_bits % 8 == 0 && bl < len_bits / 8)
				return fail(l, 0, rec, "line %u: Msg is shorter "
						       "than Len", (unsigned)line);
			/* "Len = 0" comes with "Msg = 00", to be ignored. */
			add_field(l, FC_KAT_F_MSG, b, len_bits / 8);
			bytes_only(l, len_bits, "message");
			have_msg = true;
		} else if (fc_streq(key, "MD") && have_msg) {
			uint8_t *b = unhex_exact(val, fc_kat_hash_len(h));
			if (!b)
				return fail(l, 0, rec, "line %u: MD is not a "
						       "%zu-byte hex string",
					    (unsigned)line, fc_kat_hash_len(h));
			add_field(l, FC_KAT_F_OUT, own(l->set, b),
				  fc_kat_hash_len(h));
			commit(l);
			have_len = have_msg = false;
		} else {
			return fail(l, 0, rec, "line %u: unexpected '%s' (only "
					       "Len, Msg, MD records are read)",
				    (unsigned)line, key);
		}
	}
	if (have_len)
		return fail(l, 0, rec, "record without MD at the end");
	if (!rec)
		return fail(l, 0, 0, "no records");
	return 0;
}

/* --- files and directories -------------------------------------------------- */

static int parse_json(struct ld *l, const char *text, size_t len,
		      struct json_object **out)
{
	struct json_tokener *tok = json_tokener_new_ex(64);
	if (!tok)
		fc_oom();
	*out = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error je = json_tokener_get_error(tok);
	size_t off = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (*out && je == json_tokener_success && off == len)
		return 0;
	if (*out && je == json_tokener_success) {
		/* Only white space may follow the value. */
		size_t k = off;
		while (k < len && strchr(" \t\r\n", text[k]))
			k++;
		if (k == len)
			return 0;
		je = json_tokener_error_parse_unexpected;
		off = k;
	}
	json_object_put(*out);
	*out = NULL;
	unsigned line = 1;
	for (size_t i = 0; i < off && i < len; i++)
		line += text[i] == '\n';
	return fail(l, 0, 0, "line %u: not valid JSON (%s)", line,
		    je == json_tokener_continue ? "unexpected end of file"
						: json_tokener_error_desc(je));
}

static bool is_acvp(struct json_object *top)
{
	return jget(top, "vsId") != NULL ||
	       (jget(top, "testGroups") && !jget(top, "numberOfTests") &&
		!jget(top, "schema") && jget(top, "revision"));
}

static const char *set_name(struct fc_kat_set *s, const char *name)
{
	return own(s, fc_strdup(name));
}

int fc_kat_load_text(struct fc_kat_set *set, const char *name,
		     const char *text, size_t len, char **err)
{
	struct ld l = { .set = set, .src = set_name(set, name), .err = err };
	if (fc_startswith(name + (strlen(name) > 4 ? strlen(name) - 4 : 0), ".rsp"))
		return load_rsp(&l, text, len);
	struct json_object *top;
	if (parse_json(&l, text, len, &top) < 0)
		return -EBADMSG;
	int r;
	if (!json_object_is_type(top, json_type_object) || !jget(top, "testGroups"))
		r = fail(&l, 0, 0, "not a vector file: no 'testGroups' "
				   "(Wycheproof or ACVP JSON)");
	else if (is_acvp(top))
		/* One document as both prompt and answer: the fuzz target's
		 * and a merged (internalProjection-style) file's case. */
		r = load_acvp(&l, &(struct acvp){ top, top, NULL });
	else
		r = load_wycheproof(&l, top);
	json_object_put(top);
	return r;
}

/* Vector files are fipsctl's input, never the audited tree. */
static int read_file(const char *path, char **text, size_t *len)
{
	return fc_read_input(path, FC_KAT_FILE_MAX, text, len);
}

static int file_error(char **err, const char *shown, int r)
{
	if (err && !*err)
		*err = fc_asprintf("%s: %s", shown,
				   r == -EFBIG ? "larger than 64 MiB; refused"
					       : strerror(-r));
	return r;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? fc_strndup(path, (size_t)(slash - path)) : fc_strdup(".");
}

/* An ACVP vector set: the directory of prompt.json. */
static int load_acvp_dir(struct fc_kat_set *set, const char *dir,
			 const char *shown, char **err)
{
	static const char *const files[] = { "prompt.json", "expectedResults.json",
					     "internalProjection.json" };
	struct json_object *doc[3] = { NULL, NULL, NULL };
	struct ld l = { .set = set, .src = set_name(set, shown), .err = err };
	int r = 0;
	for (size_t i = 0; i < 3 && r == 0; i++) {
		_cleanup_free_ char *p = fc_asprintf("%s/%s", dir, files[i]);
		_cleanup_free_ char *text = NULL;
		size_t len = 0;
		r = read_file(p, &text, &len);
		if (r == -ENOENT && i == 2) {
			r = 0;
			break;
		}
		_cleanup_free_ char *sh = fc_asprintf("%s/%s", shown, files[i]);
		if (r < 0) {
			r = file_error(err, sh, r);
			break;
		}
		struct ld fl = { .set = set, .err = err, .src = set_name(set, sh) };
		r = parse_json(&fl, text, len, &doc[i]);
		if (r == 0 && !json_object_is_type(doc[i], json_type_object))
			r = fail(&fl, 0, 0, "not a JSON object");
	}
	if (r == 0)
		r = load_acvp(&l, &(struct acvp){ doc[0], doc[1], doc[2] });
	for (size_t i = 0; i < 3; i++)
		json_object_put(doc[i]);
	return r;
}

static bool is_acvp_name(const char *base)
{
	return fc_streq(base, "prompt.json") ||
	       fc_streq(base, "expectedResults.json") ||
	       fc_streq(base, "internalProjection.json");
}

static int load_file(struct fc_kat_set *set, const char *path,
		     const char *shown, char **err)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (is_acvp_name(base)) {
		_cleanup_free_ char *dir = dir_of(path), *sdir = dir_of(shown);
		return load_acvp_dir(set, dir, sdir, err);
	}
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = read_file(path, &text, &len);
	if (r < 0)
		return file_error(err, shown, r);
	return fc_kat_load_text(set, shown, text, len, err);
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int load_dir(struct fc_kat_set *set, const char *dir, const char *shown,
		    unsigned depth, char **err, size_t *found)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, name_cmp);
	if (n < 0)
		return file_error(err, shown, -errno);
	int r = 0;
	bool acvp_done = false;
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (r < 0 || nm[0] == '.') {
			free(ents[i]);
			continue;
		}
		_cleanup_free_ char *p = fc_asprintf("%s/%s", dir, nm);
		_cleanup_free_ char *sh = shown[0] ? fc_asprintf("%s/%s", shown, nm)
						   : fc_strdup(nm);
		struct stat st;
		size_t nl = strlen(nm);
		if (stat(p, &st) < 0) {
			r = file_error(err, sh, -errno);
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < FC_KAT_DIR_DEPTH)
				r = load_dir(set, p, sh, depth + 1, err, found);
		} else if (is_acvp_name(nm)) {
			if (!acvp_done) {
				acvp_done = true;
				(*found)++;
				r = load_acvp_dir(set, dir, shown, err);
			}
		} else if ((nl > 5 && fc_streq(nm + nl - 5, ".json")) ||
			   (nl > 4 && fc_streq(nm + nl - 4, ".rsp"))) {
			(*found)++;
			r = load_file(set, p, sh, err);
		}
		free(ents[i]);
	}
	free(ents);
	return r;
}

int fc_kat_load_path(struct fc_kat_set *set, const char *path,
		     const char *display_base, char **err)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return file_error(err, path, -errno);
	const char *shown = display_base ? display_base : path;
	if (!S_ISDIR(st.st_mode))
		return load_file(set, path, shown, err);
	size_t found = 0;
	int r = load_dir(set, path, display_base ? display_base : path, 0, err,
			 &found);
	if (r == 0 && found == 0) {
		if (err && !*err)
			*err = fc_asprintf("%s: no vector files (*.json, "
					   "ACVP prompt.json, *.rsp)", shown);
		return -ENOENT;
	}
	return r;
}
