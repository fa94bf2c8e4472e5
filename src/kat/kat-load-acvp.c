// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ACVP vector sets: prompt.json holds the inputs, expectedResults.json
 * the answers, joined on tgId and tcId; internalProjection.json, where a
 * set has it, the private values some answers need (DetECDSA's d).  One
 * function per algorithm family, chosen from the table acvp_algs by the
 * prompt's "algorithm".
 */
#include "kat/kat-load-fmt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The member of array arr (of objects) whose key equals id. */
static struct json_object *by_id(struct json_object *arr, const char *key,
				 uint32_t id)
{
	for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct json_object *v = fc_kat_jget(o, key);
		if (v && json_object_is_type(v, json_type_int) &&
		    json_object_get_int64(v) == (int64_t)id)
			return o;
	}
	return NULL;
}

/* Group and test of the answer key (or internalProjection) for tg/tc. */
static int answer(struct fc_kat_ld *l, struct json_object *doc,
		  const char *docname, uint32_t tg, uint32_t tc,
		  struct json_object **ag, struct json_object **at)
{
	*ag = by_id(fc_kat_jarray(doc, "testGroups"), "tgId", tg);
	*at = *ag ? by_id(fc_kat_jarray(*ag, "tests"), "tcId", tc) : NULL;
	if (!*at)
		return fc_kat_ld_fail(l, tg, tc, "no answer in %s", docname);
	return 0;
}

/* testPassed true/false -> valid/invalid. */
static int acvp_passed(struct fc_kat_ld *l, struct json_object *at, uint32_t tg,
		       uint32_t tc)
{
	bool p;
	int r = fc_kat_jbool(l, at, "testPassed", tg, tc, &p);
	if (r == 0)
		return fc_kat_ld_fail(l, tg, tc, "'testPassed' is missing");
	if (r < 0)
		return r;
	l->cur.expect = p ? FC_KAT_VALID : FC_KAT_INVALID;
	return 0;
}

static int acvp_hash_from(struct fc_kat_ld *l, struct json_object *o,
			  const char *key, uint32_t tg, uint32_t tc,
			  enum fc_kat_hash *h)
{
	const char *s;
	if (fc_kat_jstr_req(l, o, key, tg, tc, &s) < 0)
		return -EBADMSG;
	*h = fc_kat_ld_hash(l, s);
	return 0;
}

/* One ACVP test case: the prompt's group and test, the answer key's, and
 * internalProjection's (NULL without that file). */
struct acvp_case {
	const char *algorithm, *mode;
	struct json_object *g, *t, *ag, *at, *ig, *it;
	uint32_t tg, tc;
};

typedef int (*acvp_test_fn)(struct fc_kat_ld *l, const struct acvp_case *c);

static int acvp_sha(struct fc_kat_ld *l, const struct acvp_case *c)
{
	enum fc_kat_hash h;
	const char *tt;
	uint32_t len = 0;
	bool bad = false;
	if (fc_kat_hash_from_name(c->algorithm, &h) < 0)
		return fc_kat_ld_fail(l, 0, 0, "unsupported algorithm '%s'",
			    c->algorithm);
	fc_kat_ld_begin(l, fc_kat_hash_name(h), FC_KAT_OP_DIGEST, c->tg, c->tc);
	l->cur.alg = fc_kat_cell_name(fc_kat_hash_name(h));
	l->cur.hash = (uint8_t)h;
	if (fc_kat_jstr_req(l, c->g, "testType", c->tg, c->tc, &tt) < 0)
		return -EBADMSG;
	if (fc_streq(tt, "LDT")) {
		fc_kat_ld_skip(l, "large-data test (a 1 GiB message) not run");
		fc_kat_ld_commit(l);
		return 0;
	}
	if (fc_kat_jhex_req(l, c->t, "msg", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    fc_kat_jint_req(l, c->t, "len", c->tg, c->tc, &len) < 0)
		return -EBADMSG;
	const struct fc_kat_field *m = fc_kat_ld_get(l, FC_KAT_F_MSG);
	if (len % 8 == 0 && len / 8 <= m->len)
		fc_kat_ld_add(l, FC_KAT_F_MSG, m->data, len / 8);
	else if (len % 8 == 0)
		return fc_kat_ld_fail(l, c->tg, c->tc, "'len' %u exceeds 'msg'",
			    (unsigned)len);
	fc_kat_ld_bytes_only(l, len, "message");
	if (fc_streq(tt, "AFT")) {
		if (fc_kat_jhex_req(l, c->at, "md", FC_KAT_F_OUT, c->tg,
				    c->tc) < 0)
			return -EBADMSG;
	} else if (fc_streq(tt, "MCT")) {
		const char *ver = fc_kat_jstr(c->g, "mctVersion", &bad);
		struct json_object *ra = fc_kat_jarray(c->at, "resultsArray");
		size_t hl = fc_kat_hash_len(h);
		if (!ra || json_object_array_length(ra) == 0)
			return fc_kat_ld_fail(l, c->tg, c->tc,
				    "'resultsArray' is missing");
		size_t n = json_object_array_length(ra);
		uint8_t *all = fc_kat_ld_own(l->set, fc_malloc(n * hl + 1));
		for (size_t i = 0; i < n; i++) {
			struct json_object *rec = json_object_array_get_idx(ra, i);
			const char *md;
			if (fc_kat_jstr_req(l, rec, "md", c->tg, c->tc,
					    &md) < 0)
				return -EBADMSG;
			uint8_t *b = fc_kat_unhex_exact(md, hl);
			if (!b)
				return fc_kat_ld_fail(l, c->tg, c->tc,
					    "resultsArray[%zu].md is "
					    "not a %zu-byte hex string",
					    i, hl);
			memcpy(all + i * hl, b, hl);
			free(b);
		}
		fc_kat_ld_add(l, FC_KAT_F_OUT, all, n * hl);
		l->cur.flags |= FC_KAT_MCT;
		l->cur.count = (uint32_t)n;
		if (ver && fc_streq(ver, "alternate") && h < FC_KAT_SHA3_224)
			l->cur.flags |= FC_KAT_MCT_ALT;
		else if (ver && !fc_streq(ver, "standard"))
			fc_kat_ld_skip(l, "Monte-Carlo version '%s' not run",
				       ver);
	} else {
		fc_kat_ld_skip(l, "test type %s not run", tt);
	}
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_hmac(struct fc_kat_ld *l, const struct acvp_case *c)
{
	enum fc_kat_hash h;
	uint32_t mac_len = 0, msg_len = 0, key_len = 0;
	if (fc_kat_hash_from_name(c->algorithm + 5, &h) < 0 ||
	    !fc_kat_hmac_cell(h))
		return fc_kat_ld_fail(l, 0, 0, "unsupported algorithm '%s'",
			    c->algorithm);
	fc_kat_ld_begin(l, fc_kat_hmac_cell(h), FC_KAT_OP_HMAC, c->tg, c->tc);
	l->cur.hash = (uint8_t)h;
	if (fc_kat_jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->t, "msg", FC_KAT_F_MSG, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->at, "mac", FC_KAT_F_OUT, c->tg, c->tc) < 0)
		return -EBADMSG;
	/* macLen lives on the test (2.0) or the group (1.0). */
	if (fc_kat_jint(l, c->t, "macLen", c->tg, c->tc, &mac_len) < 0 ||
	    (!mac_len &&
	     fc_kat_jint(l, c->g, "macLen", c->tg, c->tc, &mac_len) < 0) ||
	    fc_kat_jint(l, c->t, "msgLen", c->tg, c->tc, &msg_len) < 0 ||
	    fc_kat_jint(l, c->t, "keyLen", c->tg, c->tc, &key_len) < 0)
		return -EBADMSG;
	fc_kat_ld_bytes_only(l, mac_len, "MAC");
	fc_kat_ld_bytes_only(l, msg_len, "message");
	fc_kat_ld_bytes_only(l, key_len, "key");
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_aes(struct fc_kat_ld *l, const struct acvp_case *c)
{
	const char *dir, *tt;
	uint32_t key_bits = 0, pl = 0;
	enum fc_kat_cipher_mode m = fc_streq(c->algorithm, "ACVP-AES-ECB")
					    ? FC_KAT_ECB
				    : fc_streq(c->algorithm, "ACVP-AES-CBC")
					    ? FC_KAT_CBC
					    : FC_KAT_CTR;
	fc_kat_ld_begin(l,
	      fc_kat_cell_name(m == FC_KAT_ECB   ? "AES-ECB"
		   : m == FC_KAT_CBC ? "AES-CBC"
				     : "AES-CTR"),
	      FC_KAT_OP_CIPHER, c->tg, c->tc);
	l->cur.mode = (uint8_t)m;
	if (fc_kat_jstr_req(l, c->g, "direction", c->tg, c->tc, &dir) < 0 ||
	    fc_kat_jstr_req(l, c->g, "testType", c->tg, c->tc, &tt) < 0 ||
	    fc_kat_jint(l, c->g, "keyLen", c->tg, c->tc, &key_bits) < 0)
		return -EBADMSG;
	l->cur.key_bits = key_bits;
	bool dec = fc_streq(dir, "decrypt");
	if (!dec && !fc_streq(dir, "encrypt"))
		return fc_kat_ld_fail(l, c->tg, c->tc, "'direction' is '%s'",
				      dir);
	if (dec)
		l->cur.flags |= FC_KAT_DECRYPT;
	if (fc_streq(tt, "MCT")) {
		fc_kat_ld_skip(l,
			       "AES Monte-Carlo tests are not run by fipsctl");
		fc_kat_ld_commit(l);
		return 0;
	}
	if (!fc_streq(tt, "AFT") && !fc_streq(tt, "CTR")) {
		fc_kat_ld_skip(l, "test type %s not run", tt);
		fc_kat_ld_commit(l);
		return 0;
	}
	if (fc_kat_jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0)
		return -EBADMSG;
	/* The plain text is always MSG and the cipher text OUT. */
	struct json_object *in = c->t, *res = c->at;
	if (fc_kat_jhex_req(l, dec ? res : in, "pt", FC_KAT_F_MSG, c->tg,
			    c->tc) < 0 ||
	    fc_kat_jhex_req(l, dec ? in : res, "ct", FC_KAT_F_OUT, c->tg,
			    c->tc) < 0)
		return -EBADMSG;
	if (m != FC_KAT_ECB) {
		/* CTR encrypt: the initial counter is part of the answer. */
		if (fc_kat_jhex_either(l, c->t, c->at, "iv", FC_KAT_F_IV, c->tg,
				c->tc) < 0)
			return -EBADMSG;
	}
	if (m == FC_KAT_CTR &&
	    fc_kat_jint(l, c->t, "payloadLen", c->tg, c->tc, &pl) < 0)
		return -EBADMSG;
	if (m == FC_KAT_CTR && pl % 8) {
		const struct fc_kat_field *pt = fc_kat_ld_get(l, FC_KAT_F_MSG);
		const struct fc_kat_field *ct = fc_kat_ld_get(l, FC_KAT_F_OUT);
		if (pt->len != (pl + 7) / 8 || ct->len != (pl + 7) / 8)
			return fc_kat_ld_fail(l, c->tg, c->tc,
				    "'payloadLen' %u does not match "
				    "the text",
				    (unsigned)pl);
		l->cur.out_bits = pl;
	}
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_gcm(struct fc_kat_ld *l, const struct acvp_case *c)
{
	const char *dir;
	bool bad = false;
	uint32_t ivl = 0, tagl = 0, pl = 0, al = 0, kl = 0;
	fc_kat_ld_begin(l, fc_kat_cell_name("AES-GCM"), FC_KAT_OP_GCM, c->tg,
			c->tc);
	if (fc_kat_jstr_req(l, c->g, "direction", c->tg, c->tc, &dir) < 0 ||
	    fc_kat_jint(l, c->g, "ivLen", c->tg, c->tc, &ivl) < 0 ||
	    fc_kat_jint_req(l, c->g, "tagLen", c->tg, c->tc, &tagl) < 0 ||
	    fc_kat_jint(l, c->g, "payloadLen", c->tg, c->tc, &pl) < 0 ||
	    fc_kat_jint(l, c->g, "aadLen", c->tg, c->tc, &al) < 0 ||
	    fc_kat_jint(l, c->g, "keyLen", c->tg, c->tc, &kl) < 0)
		return -EBADMSG;
	l->cur.key_bits = kl;
	bool dec = fc_streq(dir, "decrypt");
	if (dec)
		l->cur.flags |= FC_KAT_DECRYPT;
	const char *ivgen = fc_kat_jstr(c->g, "ivGen", &bad);
	if (ivgen && fc_streq(ivgen, "internal") && !dec) {
		fc_kat_ld_skip(l,
			       "the module chooses the IV (ivGen internal): no "
			       "known answer");
		fc_kat_ld_commit(l);
		return 0;
	}
	fc_kat_ld_bytes_only(l, ivl, "IV");
	fc_kat_ld_bytes_only(l, tagl, "tag");
	fc_kat_ld_bytes_only(l, pl, "payload");
	fc_kat_ld_bytes_only(l, al, "AAD");
	if (fc_kat_jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->t, "iv", FC_KAT_F_IV, c->tg, c->tc) < 0 ||
	    fc_kat_jhex(l, c->t, "aad", FC_KAT_F_AAD, c->tg, c->tc) < 0)
		return -EBADMSG;
	if (!dec) {
		if (fc_kat_jhex_req(l, c->t, "pt", FC_KAT_F_MSG, c->tg,
				    c->tc) < 0 ||
		    fc_kat_jhex_req(l, c->at, "ct", FC_KAT_F_OUT, c->tg,
				    c->tc) < 0 ||
		    fc_kat_jhex_req(l, c->at, "tag", FC_KAT_F_TAG, c->tg,
				    c->tc) < 0)
			return -EBADMSG;
	} else {
		bool passed = true;
		if (fc_kat_jhex_req(l, c->t, "ct", FC_KAT_F_OUT, c->tg,
				    c->tc) < 0 ||
		    fc_kat_jhex_req(l, c->t, "tag", FC_KAT_F_TAG, c->tg,
				    c->tc) < 0 ||
		    fc_kat_jbool(l, c->at, "testPassed", c->tg, c->tc,
				 &passed) < 0)
			return -EBADMSG;
		l->cur.expect = passed ? FC_KAT_VALID : FC_KAT_INVALID;
		if (passed && fc_kat_jhex_req(l, c->at, "pt", FC_KAT_F_MSG,
					      c->tg, c->tc) < 0)
			return -EBADMSG;
	}
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_cmac(struct fc_kat_ld *l, const struct acvp_case *c)
{
	const char *dir;
	uint32_t ml = 0, macl = 0;
	fc_kat_ld_begin(l, fc_kat_cell_name("AES-CMAC"), FC_KAT_OP_CMAC, c->tg,
			c->tc);
	if (fc_kat_jstr_req(l, c->g, "direction", c->tg, c->tc, &dir) < 0 ||
	    fc_kat_jint(l, c->g, "msgLen", c->tg, c->tc, &ml) < 0 ||
	    fc_kat_jint(l, c->g, "macLen", c->tg, c->tc, &macl) < 0 ||
	    fc_kat_jhex_req(l, c->t, "key", FC_KAT_F_KEY, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg, c->tc) < 0)
		return -EBADMSG;
	fc_kat_ld_bytes_only(l, ml, "message");
	fc_kat_ld_bytes_only(l, macl, "MAC");
	if (fc_streq(dir, "gen")) {
		if (fc_kat_jhex_req(l, c->at, "mac", FC_KAT_F_OUT, c->tg,
				    c->tc) < 0)
			return -EBADMSG;
	} else if (fc_streq(dir, "ver")) {
		if (fc_kat_jhex_req(l, c->t, "mac", FC_KAT_F_OUT, c->tg,
				    c->tc) < 0 ||
		    acvp_passed(l, c->at, c->tg, c->tc) < 0)
			return -EBADMSG;
	} else {
		return fc_kat_ld_fail(l, c->tg, c->tc, "'direction' is '%s'",
				      dir);
	}
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_pbkdf(struct fc_kat_ld *l, const struct acvp_case *c)
{
	enum fc_kat_hash h;
	const char *pw;
	uint32_t kl;
	fc_kat_ld_begin(l, fc_kat_cell_name("PBKDF2"), FC_KAT_OP_PBKDF2, c->tg,
			c->tc);
	if (acvp_hash_from(l, c->g, "hmacAlg", c->tg, c->tc, &h) < 0 ||
	    fc_kat_jstr_req(l, c->t, "password", c->tg, c->tc, &pw) < 0 ||
	    fc_kat_jhex_req(l, c->t, "salt", FC_KAT_F_SALT, c->tg, c->tc) < 0 ||
	    fc_kat_jint_req(l, c->t, "iterationCount", c->tg, c->tc,
			    &l->cur.count) < 0 ||
	    fc_kat_jint_req(l, c->t, "keyLen", c->tg, c->tc, &kl) < 0 ||
	    fc_kat_jhex_req(l, c->at, "derivedKey", FC_KAT_F_OUT, c->tg,
			    c->tc) < 0)
		return -EBADMSG;
	l->cur.hash = (uint8_t)h;
	/* ACVP's password is text, not hex. */
	char *p = fc_kat_ld_own(l->set, fc_strdup(pw));
	fc_kat_ld_add(l, FC_KAT_F_MSG, (const uint8_t *)p, strlen(p));
	fc_kat_ld_bytes_only(l, kl, "key");
	l->cur.out_len = kl / 8;
	fc_kat_ld_commit(l);
	return 0;
}

static int ec_curve_hash(struct fc_kat_ld *l, struct json_object *g,
			 uint32_t tg, uint32_t tc)
{
	const char *curve;
	enum fc_kat_hash h;
	bool bad = false;
	if (fc_kat_jstr_req(l, g, "curve", tg, tc, &curve) < 0 ||
	    acvp_hash_from(l, g, "hashAlg", tg, tc, &h) < 0)
		return -EBADMSG;
	l->cur.hash = (uint8_t)h;
	l->cur.curve = (uint8_t)fc_kat_ld_curve(l, curve);
	const char *conf = fc_kat_jstr(g, "conformance", &bad);
	if (conf && *conf)
		fc_kat_ld_skip(l, "%s randomized hashing is not run", conf);
	return 0;
}

static int acvp_ecdsa(struct fc_kat_ld *l, const struct acvp_case *c)
{
	bool det = fc_streq(c->algorithm, "DetECDSA");
	if (!c->mode || (!det && !fc_streq(c->mode, "sigVer")) ||
	    (det && !fc_streq(c->mode, "sigGen")))
		return fc_kat_ld_fail(l, 0, 0,
			    "unsupported mode '%s' of %s (only "
			    "ECDSA sigVer and DetECDSA sigGen)",
			    c->mode ? c->mode : "(none)", c->algorithm);
	if (!det) {
		fc_kat_ld_begin(l, fc_kat_cell_name("ECDSA-SigVer"),
				FC_KAT_OP_ECDSA_VERIFY, c->tg, c->tc);
		if (ec_curve_hash(l, c->g, c->tg, c->tc) < 0 ||
		    fc_kat_jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg,
				    c->tc) < 0 ||
		    fc_kat_jhex_req(l, c->t, "r", FC_KAT_F_R, c->tg,
				    c->tc) < 0 ||
		    fc_kat_jhex_req(l, c->t, "s", FC_KAT_F_S, c->tg,
				    c->tc) < 0 ||
		    acvp_passed(l, c->at, c->tg, c->tc) < 0)
			return -EBADMSG;
		/* 1.0 and 186-5 carry the key on the test, some on the group. */
		if (fc_kat_jhex_either(l, c->t, c->g, "qx", FC_KAT_F_QX, c->tg,
				c->tc) < 0 ||
		    fc_kat_jhex_either(l, c->t, c->g, "qy", FC_KAT_F_QY, c->tg,
				c->tc) < 0)
			return -EBADMSG;
		fc_kat_ld_commit(l);
		return 0;
	}
	fc_kat_ld_begin(l, fc_kat_cell_name("ECDSA-SigGen"),
			FC_KAT_OP_ECDSA_SIGN, c->tg, c->tc);
	if (ec_curve_hash(l, c->g, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg,
			    c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->ag, "qx", FC_KAT_F_QX, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->ag, "qy", FC_KAT_F_QY, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->at, "r", FC_KAT_F_R, c->tg, c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->at, "s", FC_KAT_F_S, c->tg, c->tc) < 0)
		return -EBADMSG;
	if (!c->ig)
		fc_kat_ld_skip(l,
			       "the private key d is only in internalProjection.json, "
			       "which is missing");
	else if (fc_kat_jhex_req(l, c->ig, "d", FC_KAT_F_PRIV, c->tg,
				 c->tc) < 0)
		return -EBADMSG;
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_rsa(struct fc_kat_ld *l, const struct acvp_case *c)
{
	const char *st;
	bool bad = false;
	enum fc_kat_hash h;
	if (!c->mode || !fc_streq(c->mode, "sigVer"))
		return fc_kat_ld_fail(l, 0, 0,
			    "unsupported mode '%s' of RSA (only sigVer)",
			    c->mode ? c->mode : "(none)");
	if (fc_kat_jstr_req(l, c->g, "sigType", c->tg, c->tc, &st) < 0)
		return -EBADMSG;
	bool pss = fc_streq(st, "pss");
	fc_kat_ld_begin(l,
			fc_kat_cell_name(pss ? "RSA-PSS-SigVer"
					     : "RSA-PKCS1v1.5-SigVer"),
			FC_KAT_OP_RSA_VERIFY, c->tg, c->tc);
	l->cur.mode = pss ? FC_KAT_RSA_PSS : FC_KAT_RSA_PKCS1;
	if (acvp_hash_from(l, c->g, "hashAlg", c->tg, c->tc, &h) < 0 ||
	    fc_kat_jint(l, c->g, "modulo", c->tg, c->tc,
			&l->cur.key_bits) < 0 ||
	    fc_kat_jhex_req(l, c->t, "message", FC_KAT_F_MSG, c->tg,
			    c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->t, "signature", FC_KAT_F_SIG, c->tg,
			    c->tc) < 0 ||
	    acvp_passed(l, c->at, c->tg, c->tc) < 0)
		return -EBADMSG;
	l->cur.hash = (uint8_t)h;
	if (fc_kat_jhex_either(l, c->g, c->t, "n", FC_KAT_F_N, c->tg,
			       c->tc) < 0 ||
	    fc_kat_jhex_either(l, c->g, c->t, "e", FC_KAT_F_E, c->tg,
			       c->tc) < 0)
		return -EBADMSG;
	if (pss) {
		const char *mgf = fc_kat_jstr(c->g, "maskFunction", &bad);
		if (fc_kat_jint(l, c->g, "saltLen", c->tg, c->tc,
			 &l->cur.salt_len) < 0)
			return -EBADMSG;
		/* FIPS 186-4 PSS uses MGF1 with the message hash. */
		l->cur.mgf_hash = (uint8_t)h;
		if (mgf && !fc_streq(mgf, "mgf1"))
			fc_kat_ld_skip(l, "mask function %s is not run", mgf);
	} else if (!fc_streq(st, "pkcs1v1.5")) {
		fc_kat_ld_skip(l, "signature type %s is not run", st);
	}
	fc_kat_ld_commit(l);
	return 0;
}

static int acvp_drbg(struct fc_kat_ld *l, const struct acvp_case *c)
{
	enum fc_kat_drbg_kind k = fc_streq(c->algorithm, "hashDRBG")
					  ? FC_KAT_HASH_DRBG
				  : fc_streq(c->algorithm, "hmacDRBG")
					  ? FC_KAT_HMAC_DRBG
					  : FC_KAT_CTR_DRBG;
	const char *dm;
	bool df = false, pr = false;
	uint32_t bits;
	fc_kat_ld_begin(l,
	      fc_kat_cell_name(k == FC_KAT_HASH_DRBG   ? "Hash_DRBG"
		   : k == FC_KAT_HMAC_DRBG ? "HMAC_DRBG"
					   : "CTR_DRBG"),
	      FC_KAT_OP_DRBG, c->tg, c->tc);
	l->cur.mode = (uint8_t)k;
	if (fc_kat_jstr_req(l, c->g, "mode", c->tg, c->tc, &dm) < 0 ||
	    fc_kat_jbool(l, c->g, "derFunc", c->tg, c->tc, &df) < 0 ||
	    fc_kat_jbool(l, c->g, "predResistance", c->tg, c->tc, &pr) < 0 ||
	    fc_kat_jint_req(l, c->g, "returnedBitsLen", c->tg, c->tc,
			    &bits) < 0 ||
	    fc_kat_jhex_req(l, c->t, "entropyInput", FC_KAT_F_ENTROPY, c->tg,
			    c->tc) < 0 ||
	    fc_kat_jhex(l, c->t, "nonce", FC_KAT_F_NONCE, c->tg, c->tc) < 0 ||
	    fc_kat_jhex(l, c->t, "persoString", FC_KAT_F_PERS, c->tg,
			c->tc) < 0 ||
	    fc_kat_jhex_req(l, c->at, "returnedBits", FC_KAT_F_OUT, c->tg,
			    c->tc) < 0)
		return -EBADMSG;
	l->cur.flags = (uint8_t)((df ? FC_KAT_DF : 0) | (pr ? FC_KAT_PR : 0));
	fc_kat_ld_bytes_only(l, bits, "output");
	l->cur.out_len = bits / 8;
	if (k == FC_KAT_CTR_DRBG) {
		if (fc_startswith(dm, "AES-") && (fc_streq(dm + 4, "128") ||
						  fc_streq(dm + 4, "192") ||
						  fc_streq(dm + 4, "256")))
			l->cur.key_bits = (uint32_t)atoi(dm + 4);
		else
			fc_kat_ld_skip(l, "CTR_DRBG with %s is not run", dm);
	} else {
		enum fc_kat_hash h;
		if (fc_kat_hash_from_name(dm, &h) < 0)
			fc_kat_ld_skip(l, "%s with %s is not run", c->algorithm,
				       dm);
		else
			l->cur.hash = (uint8_t)h;
	}
	struct json_object *oi = fc_kat_jarray(c->t, "otherInput");
	size_t n = oi ? json_object_array_length(oi) : 0;
	if (n > FC_KAT_DRBG_STEPS_MAX) {
		fc_kat_ld_skip(l, "%zu DRBG steps (at most %d are run)", n,
		     FC_KAT_DRBG_STEPS_MAX);
		n = 0;
	}
	l->cur.n_steps = (uint8_t)n;
	for (size_t i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(oi, i);
		const char *use;
		if (fc_kat_jstr_req(l, s, "intendedUse", c->tg, c->tc,
				    &use) < 0 ||
		    fc_kat_jhex(l, s, "additionalInput", FC_KAT_F_ADD0 + i,
				c->tg, c->tc) < 0 ||
		    fc_kat_jhex(l, s, "entropyInput", FC_KAT_F_ENT0 + i, c->tg,
				c->tc) < 0)
			return -EBADMSG;
		if (fc_streq(use, "reSeed"))
			l->cur.reseed_mask |= (uint8_t)(1u << i);
		else if (!fc_streq(use, "generate"))
			return fc_kat_ld_fail(l, c->tg, c->tc,
				    "otherInput[%zu].intendedUse is "
				    "'%s'",
				    i, use);
	}
	fc_kat_ld_commit(l);
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

int fc_kat_load_acvp(struct fc_kat_ld *l, struct json_object *prompt,
		     struct json_object *expected, struct json_object *internal)
{
	const char *algorithm;
	bool bad = false;
	if (fc_kat_jstr_req(l, prompt, "algorithm", 0, 0, &algorithm) < 0)
		return -EBADMSG;
	const char *mode = fc_kat_jstr(prompt, "mode", &bad);
	acvp_test_fn fn = acvp_find(algorithm);
	if (!fn)
		return fc_kat_ld_fail(l, 0, 0,
				      "unsupported ACVP algorithm '%s'",
				      algorithm);
	struct json_object *groups = fc_kat_jarray(prompt, "testGroups");
	if (!groups)
		return fc_kat_ld_fail(l, 0, 0,
				      "'testGroups' is missing or not an array");
	if (!fc_kat_jarray(expected, "testGroups"))
		return fc_kat_ld_fail(l, 0, 0,
				      "expectedResults.json has no 'testGroups'");
	for (size_t gi = 0; gi < json_object_array_length(groups); gi++) {
		struct json_object *g = json_object_array_get_idx(groups, gi);
		uint32_t tg;
		if (fc_kat_jint_req(l, g, "tgId", 0, 0, &tg) < 0)
			return -EBADMSG;
		l->group = tg;
		struct json_object *tests = fc_kat_jarray(g, "tests");
		if (!tests)
			return fc_kat_ld_fail(l, tg, 0, "no 'tests' array");
		for (size_t ti = 0; ti < json_object_array_length(tests);
		     ti++) {
			struct json_object *t = json_object_array_get_idx(tests,
									  ti);
			struct acvp_case c = { .algorithm = algorithm,
					       .mode = mode,
					       .g = g,
					       .t = t,
					       .tg = tg };
			if (fc_kat_jint_req(l, t, "tcId", tg, 0, &c.tc) < 0 ||
			    answer(l, expected, "expectedResults.json", tg,
				   c.tc, &c.ag, &c.at) < 0)
				return -EBADMSG;
			if (internal &&
			    answer(l, internal, "internalProjection.json",
				   tg, c.tc, &c.ig, &c.it) < 0)
				return -EBADMSG;
			if (fn(l, &c) < 0)
				return -EBADMSG;
		}
	}
	return 0;
}

bool fc_kat_is_acvp(struct json_object *top)
{
	return fc_kat_jget(top, "vsId") != NULL ||
	       (fc_kat_jget(top, "testGroups") &&
		!fc_kat_jget(top, "numberOfTests") &&
		!fc_kat_jget(top, "schema") && fc_kat_jget(top, "revision"));
}
