// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Wycheproof files (testvectors_v1): one "algorithm" per file, test groups
 * of one "type" each.  What a group's type means (the cell, the operation)
 * and where each value of a case is read from are the table wp_types
 * below, one row per type; only RSA-PSS's mask function needs code.
 */
#include "kat/kat-load-fmt.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* --- the expected result ---------------------------------------------------- */

/*
 * One policy by flag: a case that is invalid only for flags whose note
 * has bugType LEGACY is acceptable: an encoding that "some libraries are
 * accepting ... for compatibility" (MissingZero, MissingNull), of
 * otherwise valid values.  Every other invalid case must be rejected.
 */
int fc_kat_wycheproof_expect(const char *result, size_t n_flags,
			     size_t n_legacy, enum fc_kat_expect *out)
{
	if (fc_streq(result, "valid"))
		*out = FC_KAT_VALID;
	else if (fc_streq(result, "invalid"))
		*out = n_flags && n_legacy == n_flags ? FC_KAT_ACCEPTABLE
						      : FC_KAT_INVALID;
	else if (fc_streq(result, "acceptable"))
		*out = FC_KAT_ACCEPTABLE;
	else
		return -EINVAL;
	return 0;
}

/* How many of the case's flags the file's notes give bugType type; *first
 * the first such flag. */
static size_t wp_flags_of(struct json_object *notes, struct json_object *flags,
			  const char *type, const char **first)
{
	size_t nf = flags ? json_object_array_length(flags) : 0, n = 0;
	*first = NULL;
	for (size_t i = 0; i < nf; i++) {
		bool bad = false;
		struct json_object *fl = json_object_array_get_idx(flags, i);
		const char *name = json_object_is_type(fl, json_type_string)
					   ? json_object_get_string(fl)
					   : NULL;
		const char *bug =
			name ? fc_kat_jstr(fc_kat_jget(notes, name), "bugType",
					   &bad)
			     : NULL;
		if (bug && fc_streq(bug, type)) {
			n++;
			*first = *first ? *first : name;
		}
	}
	return n;
}

static int wp_result(struct fc_kat_ld *l, struct json_object *notes,
		     struct json_object *t, uint32_t tc)
{
	const char *r;
	if (fc_kat_jstr_req(l, t, "result", 0, tc, &r) < 0)
		return -EBADMSG;
	struct json_object *flags = fc_kat_jarray(t, "flags");
	size_t nf = flags ? json_object_array_length(flags) : 0;
	const char *legacy = NULL, *edge = NULL;
	size_t n_legacy = wp_flags_of(notes, flags, "LEGACY", &legacy);
	/* Wycheproof's own classification of a valid case's flags: an
	 * EDGE_CASE one marks extreme intermediate values (PointDuplication,
	 * ArithmeticError, EdgeCaseShamirMultiplication, SpecialCaseHash,
	 * ModularInverse, SmallRandS, MaximalOutputSize, ...). */
	wp_flags_of(notes, flags, "EDGE_CASE", &edge);
	enum fc_kat_expect e;
	if (fc_kat_wycheproof_expect(r, nf, n_legacy, &e) < 0)
		return fc_kat_ld_fail(l, 0, tc,
				      "'result' is '%s', not valid, invalid or "
				      "acceptable",
				      r);
	l->cur.expect = (uint8_t)e;
	if (e == FC_KAT_VALID && edge)
		l->cur.edge_case = fc_kat_ld_own(l->set, fc_strdup(edge));
	return 0;
}

/* --- the types -------------------------------------------------------------- */

/* Where a value of a case is. */
enum wp_at {
	WP_TEST,   /* the test case */
	WP_GROUP,  /* its test group */
	WP_PUBKEY, /* the group's "publicKey" object */
	/* The group's publicKey (testvectors_v1) when it has one, else the
	 * group itself under old_key (the older layout). */
	WP_KEY,
};

/* What it is and where it goes; every value but WP_UINT_OPT's must be
 * there. */
enum wp_as {
	WP_HEX,      /* a hex string: field fid */
	WP_UINT,     /* an integer: the vector's uint32_t member at off */
	WP_UINT_OPT, /* the same, when present */
	WP_CURVE,    /* a curve name: the vector's curve */
	WP_HASH,     /* a hash name: the vector's hash */
};

struct wp_member {
	enum wp_at at;
	const char *key, *old_key;
	enum wp_as as;
	enum fc_kat_fid fid;
	size_t off;
};

#define HEX(at, key, fid) { at, key, NULL, WP_HEX, fid, 0 }
#define U32(at, key, member)                                                   \
	{ at, key, NULL, WP_UINT, 0, offsetof(struct fc_kat_vector, member) }

static const struct wp_member mac_members[] = {
	HEX(WP_TEST, "key", FC_KAT_F_KEY),
	HEX(WP_TEST, "msg", FC_KAT_F_MSG),
	HEX(WP_TEST, "tag", FC_KAT_F_OUT),
};
static const struct wp_member cbc_members[] = {
	HEX(WP_TEST, "key", FC_KAT_F_KEY),
	HEX(WP_TEST, "iv", FC_KAT_F_IV),
	HEX(WP_TEST, "msg", FC_KAT_F_MSG),
	HEX(WP_TEST, "ct", FC_KAT_F_OUT),
};
static const struct wp_member gcm_members[] = {
	HEX(WP_TEST, "key", FC_KAT_F_KEY), HEX(WP_TEST, "iv", FC_KAT_F_IV),
	HEX(WP_TEST, "aad", FC_KAT_F_AAD), HEX(WP_TEST, "msg", FC_KAT_F_MSG),
	HEX(WP_TEST, "ct", FC_KAT_F_OUT),  HEX(WP_TEST, "tag", FC_KAT_F_TAG),
};
static const struct wp_member hkdf_members[] = {
	HEX(WP_TEST, "ikm", FC_KAT_F_MSG),
	HEX(WP_TEST, "salt", FC_KAT_F_SALT),
	HEX(WP_TEST, "info", FC_KAT_F_INFO),
	HEX(WP_TEST, "okm", FC_KAT_F_OUT),
	U32(WP_TEST, "size", out_len),
};
static const struct wp_member pbkdf2_members[] = {
	HEX(WP_TEST, "password", FC_KAT_F_MSG),
	HEX(WP_TEST, "salt", FC_KAT_F_SALT),
	HEX(WP_TEST, "dk", FC_KAT_F_OUT),
	U32(WP_TEST, "iterationCount", count),
	U32(WP_TEST, "dkLen", out_len),
};
static const struct wp_member ecdsa_members[] = {
	{ WP_PUBKEY, "curve", NULL, WP_CURVE, 0, 0 },
	{ WP_GROUP, "sha", NULL, WP_HASH, 0, 0 },
	HEX(WP_PUBKEY, "wx", FC_KAT_F_QX),
	HEX(WP_PUBKEY, "wy", FC_KAT_F_QY),
	HEX(WP_TEST, "msg", FC_KAT_F_MSG),
	HEX(WP_TEST, "sig", FC_KAT_F_SIG),
};
static const struct wp_member ecdh_members[] = {
	{ WP_GROUP, "curve", NULL, WP_CURVE, 0, 0 },
	HEX(WP_TEST, "public", FC_KAT_F_PUB),
	HEX(WP_TEST, "private", FC_KAT_F_PRIV),
	HEX(WP_TEST, "shared", FC_KAT_F_OUT),
};
static const struct wp_member rsa_members[] = {
	{ WP_KEY, "modulus", "n", WP_HEX, FC_KAT_F_N, 0 },
	{ WP_KEY, "publicExponent", "e", WP_HEX, FC_KAT_F_E, 0 },
	{ WP_GROUP, "sha", NULL, WP_HASH, 0, 0 },
	HEX(WP_TEST, "msg", FC_KAT_F_MSG),
	HEX(WP_TEST, "sig", FC_KAT_F_SIG),
	{ WP_GROUP, "keySize", NULL, WP_UINT_OPT, 0,
	  offsetof(struct fc_kat_vector, key_bits) },
};

#undef HEX
#undef U32

static int wp_pss(struct fc_kat_ld *l, struct json_object *g, uint32_t tc);

/* What a group's "type" (with the file's "algorithm") means. */
struct wp_type {
	const char *type;
	/* The file's "algorithm": exact, or a prefix ending in '*' that
	 * the hash's name follows (read by hash_of; what names the
	 * family in the error for a hash the core does not know); NULL:
	 * any. */
	const char *algorithm;
	int (*hash_of)(const char *name, enum fc_kat_hash *h);
	const char *what;
	const char *cell; /* the report cell; NULL: HMAC of the hash */
	enum fc_kat_op op;
	uint8_t mode, flags;
	const struct wp_member *members;
	size_t n_members;
	/* What the table cannot say, after the members are read. */
	int (*finish)(struct fc_kat_ld *l, struct json_object *g, uint32_t tc);
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

#define MEMBERS(m) .members = m, .n_members = FC_ARRAY_SIZE(m)

static const struct wp_type wp_types[] = {
	{ "MacTest", "HMAC*", wp_hash, "MAC", NULL, FC_KAT_OP_HMAC,
	  MEMBERS(mac_members) },
	{ "MacTest", "AES-CMAC", .cell = "AES-CMAC", .op = FC_KAT_OP_CMAC,
	  MEMBERS(mac_members) },
	{ "IndCpaTest", "AES-CBC-PKCS5", .cell = "AES-CBC",
	  .op = FC_KAT_OP_CIPHER, .mode = FC_KAT_CBC, .flags = FC_KAT_PKCS7,
	  MEMBERS(cbc_members) },
	{ "AeadTest", "AES-GCM", .cell = "AES-GCM", .op = FC_KAT_OP_GCM,
	  MEMBERS(gcm_members) },
	{ "HkdfTest", "HKDF-*", fc_kat_hash_from_name, "KDF", "HKDF",
	  FC_KAT_OP_HKDF, MEMBERS(hkdf_members) },
	{ "PbkdfTest", "PBKDF2-HMAC*", wp_hash, "KDF", "PBKDF2",
	  FC_KAT_OP_PBKDF2, MEMBERS(pbkdf2_members) },
	{ "EcdsaVerify", .cell = "ECDSA-SigVer", .op = FC_KAT_OP_ECDSA_VERIFY,
	  MEMBERS(ecdsa_members) },
	/* The peer key as a DER SubjectPublicKeyInfo, or as a bare point. */
	{ "EcdhTest", .cell = "ECDH", .op = FC_KAT_OP_ECDH,
	  .flags = FC_KAT_SPKI, MEMBERS(ecdh_members) },
	{ "EcdhEcpointTest", .cell = "ECDH", .op = FC_KAT_OP_ECDH,
	  MEMBERS(ecdh_members) },
	{ "RsassaPkcs1Verify", .cell = "RSA-PKCS1v1.5-SigVer",
	  .op = FC_KAT_OP_RSA_VERIFY, .mode = FC_KAT_RSA_PKCS1,
	  MEMBERS(rsa_members) },
	{ "RsassaPssVerify", .cell = "RSA-PSS-SigVer",
	  .op = FC_KAT_OP_RSA_VERIFY, .mode = FC_KAT_RSA_PSS,
	  MEMBERS(rsa_members), .finish = wp_pss },
	{ "RsassaPkcs1Generate", .cell = "RSA-PKCS1v1.5-SigGen",
	  .op = FC_KAT_OP_RSA_VERIFY,
	  .skip = "RSA signature generation vectors are not run by fipsctl" },
};

#undef MEMBERS

/* RSA-PSS: the mask function and its hash, and the salt length. */
static int wp_pss(struct fc_kat_ld *l, struct json_object *g, uint32_t tc)
{
	const char *mgf, *mgf_sha;
	enum fc_kat_hash h;
	if (fc_kat_jstr_req(l, g, "mgf", 0, tc, &mgf) < 0 ||
	    fc_kat_jstr_req(l, g, "mgfSha", 0, tc, &mgf_sha) < 0 ||
	    fc_kat_jint_req(l, g, "sLen", 0, tc, &l->cur.salt_len) < 0)
		return -EBADMSG;
	if (!fc_streq(mgf, "MGF1"))
		fc_kat_ld_skip(l, "mask function %s is not one the core runs",
			       mgf);
	else if (fc_kat_hash_from_name(mgf_sha, &h) < 0)
		fc_kat_ld_skip(l, "MGF1 hash %s is not one the core runs",
			       mgf_sha);
	else
		l->cur.mgf_hash = (uint8_t)h;
	return 0;
}

/* A group's type, its cell and hash. */
struct wp_kind {
	const struct wp_type *type;
	const char *alg;
	enum fc_kat_hash hash;
};

static int wp_kind(struct fc_kat_ld *l, const char *algorithm,
		   const char *type, struct wp_kind *k)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(wp_types); i++) {
		const struct wp_type *w = &wp_types[i];
		size_t n = w->algorithm ? strlen(w->algorithm) : 0;
		bool prefix = n && w->algorithm[n - 1] == '*';
		if (!fc_streq(type, w->type) ||
		    (n && !prefix && !fc_streq(algorithm, w->algorithm)) ||
		    (prefix && strncmp(algorithm, w->algorithm, n - 1) != 0))
			continue;
		*k = (struct wp_kind){ .type = w, .hash = FC_KAT_HASH_NONE };
		if (prefix && w->hash_of(algorithm + n - 1, &k->hash) < 0)
			return fc_kat_ld_fail(l, 0, 0, "unsupported %s '%s'",
					      w->what, algorithm);
		k->alg = w->cell ? fc_kat_cell_name(w->cell)
				 : fc_kat_hmac_cell(k->hash);
		return 0;
	}
	return fc_kat_ld_fail(l, 0, 0,
			      "unsupported test group type '%s' "
			      "(algorithm '%s')",
			      type, algorithm);
}

/* --- one case --------------------------------------------------------------- */

static int wp_member(struct fc_kat_ld *l, const struct wp_member *m,
		     struct json_object *g, struct json_object *t, uint32_t tc)
{
	struct json_object *pk = fc_kat_jget(g, "publicKey");
	struct json_object *o = m->at == WP_TEST    ? t
				: m->at == WP_GROUP ? g
				: m->at == WP_KEY   ? (pk ? pk : g)
						    : pk;
	const char *key = m->at == WP_KEY && !pk ? m->old_key : m->key;
	uint32_t *u = (uint32_t *)((char *)&l->cur + m->off);
	const char *s;
	switch (m->as) {
	case WP_HEX:
		return fc_kat_jhex_req(l, o, key, m->fid, 0, tc);
	case WP_UINT:
		return fc_kat_jint_req(l, o, key, 0, tc, u);
	case WP_UINT_OPT:
		return fc_kat_jint(l, o, key, 0, tc, u) < 0 ? -EBADMSG : 0;
	case WP_CURVE:
		if (fc_kat_jstr_req(l, o, key, 0, tc, &s) < 0)
			return -EBADMSG;
		l->cur.curve = (uint8_t)fc_kat_ld_curve(l, s);
		return 0;
	case WP_HASH:
		if (fc_kat_jstr_req(l, o, key, 0, tc, &s) < 0)
			return -EBADMSG;
		l->cur.hash = (uint8_t)fc_kat_ld_hash(l, s);
		return 0;
	}
	return fc_kat_ld_fail(l, 0, tc, "internal error: member kind %d",
			      (int)m->as);
}

static int wp_test(struct fc_kat_ld *l, const struct wp_kind *k,
		   struct json_object *notes, struct json_object *g,
		   struct json_object *t)
{
	const struct wp_type *w = k->type;
	uint32_t tc;
	if (fc_kat_jint_req(l, t, "tcId", 0, 0, &tc) < 0)
		return -EBADMSG;
	fc_kat_ld_begin(l, k->alg, w->op, 0, tc);
	l->cur.hash = (uint8_t)k->hash;
	l->cur.mode = w->mode;
	l->cur.flags = w->flags;
	if (wp_result(l, notes, t, tc) < 0)
		return -EBADMSG;
	if (w->skip) {
		fc_kat_ld_skip(l, "%s", w->skip);
		fc_kat_ld_commit(l);
		return 0;
	}
	for (size_t i = 0; i < w->n_members; i++)
		if (wp_member(l, &w->members[i], g, t, tc) < 0)
			return -EBADMSG;
	if (w->finish && w->finish(l, g, tc) < 0)
		return -EBADMSG;
	fc_kat_ld_commit(l);
	return 0;
}

int fc_kat_load_wycheproof(struct fc_kat_ld *l, struct json_object *top)
{
	const char *algorithm;
	if (fc_kat_jstr_req(l, top, "algorithm", 0, 0, &algorithm) < 0)
		return -EBADMSG;
	struct json_object *groups = fc_kat_jarray(top, "testGroups");
	if (!groups)
		return fc_kat_ld_fail(l, 0, 0,
				      "'testGroups' is missing or not an array");
	for (size_t gi = 0; gi < json_object_array_length(groups); gi++) {
		struct json_object *g = json_object_array_get_idx(groups, gi);
		const char *type;
		struct wp_kind k;
		l->group = (uint32_t)gi + 1;
		if (!json_object_is_type(g, json_type_object))
			return fc_kat_ld_fail(l, 0, 0,
					      "test group %zu is not an object",
					      gi + 1);
		if (fc_kat_jstr_req(l, g, "type", 0, 0, &type) < 0 ||
		    wp_kind(l, algorithm, type, &k) < 0)
			return -EBADMSG;
		struct json_object *tests = fc_kat_jarray(g, "tests");
		if (!tests)
			return fc_kat_ld_fail(l, 0, 0,
					      "test group %zu has no 'tests' "
					      "array",
					      gi + 1);
		for (size_t ti = 0; ti < json_object_array_length(tests); ti++) {
			struct json_object *t =
				json_object_array_get_idx(tests, ti);
			if (!json_object_is_type(t, json_type_object))
				return fc_kat_ld_fail(l, 0, 0,
						      "test %zu of group %zu is "
						      "not an object",
						      ti + 1, gi + 1);
			if (wp_test(l, &k, fc_kat_jget(top, "notes"), g, t) < 0)
				return -EBADMSG;
		}
	}
	return 0;
}
