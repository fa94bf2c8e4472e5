// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat.c, the self-test core: names, hex, the DER and
 * SubjectPublicKeyInfo decoding it does for the adapters, and the runner's
 * verdicts.
 *
 * TEST DOUBLE: the verdict tests use an adapter whose answers the test
 * sets (struct fake), because a real library cannot be made to answer
 * wrongly on demand; the real libraries run in tests/selftest/.
 */
#include "harness.h"

#include "kat/kat.h"

static void test_names(void)
{
	enum fc_kat_hash h;
	enum fc_kat_curve c;
	CHECK_STR(fc_kat_hash_name(FC_KAT_SHA256), "SHA2-256");
	CHECK_INT(fc_kat_hash_len(FC_KAT_SHA512_256), 32);
	CHECK_INT(fc_kat_hash_len(FC_KAT_SHA3_384), 48);
	CHECK_INT(fc_kat_hash_from_name("SHA2-384", &h), 0);
	CHECK_INT(h, FC_KAT_SHA384);
	/* Wycheproof's and ACVP's spellings */
	CHECK_INT(fc_kat_hash_from_name("SHA-256", &h), 0);
	CHECK_INT(h, FC_KAT_SHA256);
	CHECK_INT(fc_kat_hash_from_name("SHA-512/256", &h), 0);
	CHECK_INT(h, FC_KAT_SHA512_256);
	CHECK_INT(fc_kat_hash_from_name("sha-1", &h), 0);
	CHECK_INT(h, FC_KAT_SHA1);
	CHECK_INT(fc_kat_hash_from_name("MD5", &h), -EINVAL);
	CHECK_INT(fc_kat_curve_from_name("secp384r1", &c), 0);
	CHECK_INT(c, FC_KAT_P384);
	CHECK_INT(fc_kat_curve_from_name("P-521", &c), 0);
	CHECK_INT(fc_kat_curve_len(c), 66);
	CHECK_INT(fc_kat_curve_from_name("brainpoolP256r1", &c), -EINVAL);
	CHECK_STR(fc_kat_fid_name(FC_KAT_F_QX), "qx");
}

static void test_unhex(void)
{
	uint8_t *b = NULL;
	size_t n = 99;
	CHECK_INT(fc_kat_unhex("00aAfF", &b, &n), 0);
	CHECK_INT(n, 3);
	CHECK(b && b[0] == 0 && b[1] == 0xaa && b[2] == 0xff);
	free(b);
	CHECK_INT(fc_kat_unhex("", &b, &n), 0);
	CHECK_INT(n, 0);
	free(b);
	CHECK_INT(fc_kat_unhex("abc", &b, &n), -EBADMSG);
	CHECK_INT(fc_kat_unhex("0g", &b, &n), -EBADMSG);
}

static void test_der_sig(void)
{
	/* r with its high bit set needs a 00; s with leading zeros loses them. */
	static const uint8_t r[] = { 0x80, 0x01 }, s[] = { 0x00, 0x00, 0x7f };
	uint8_t der[64];
	size_t n = fc_kat_der_sig_encode(r, sizeof(r), s, sizeof(s), der);
	static const uint8_t want[] = { 0x30, 0x08, 0x02, 0x03, 0x00, 0x80, 0x01,
					0x02, 0x01, 0x7f };
	CHECK_INT(n, sizeof(want));
	CHECK(memcmp(der, want, sizeof(want)) == 0);
	const uint8_t *pr, *ps;
	size_t rl, sl;
	CHECK_INT(fc_kat_der_sig_decode(der, n, &pr, &rl, &ps, &sl), 0);
	CHECK_INT(rl, 2);
	CHECK(pr[0] == 0x80 && pr[1] == 0x01);
	CHECK_INT(sl, 1);
	CHECK(ps[0] == 0x7f);

	/* What strict DER refuses. */
	static const struct {
		const char *why;
		uint8_t der[16];
		size_t len;
	} bad[] = {
		{ "long form for a short length",
		  { 0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 }, 9 },
		{ "integer with a needless 00",
		  { 0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01 }, 9 },
		{ "negative integer (MissingZero)",
		  { 0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01 }, 8 },
		{ "trailing byte",
		  { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00 }, 9 },
		{ "s missing", { 0x30, 0x03, 0x02, 0x01, 0x01 }, 5 },
		{ "empty integer", { 0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01 }, 7 },
		{ "not a SEQUENCE", { 0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 }, 8 },
		{ "length past the end", { 0x30, 0x09, 0x02, 0x01, 0x01 }, 5 },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		int rc = fc_kat_der_sig_decode(bad[i].der, bad[i].len, &pr, &rl,
					       &ps, &sl);
		if (rc != -EBADMSG)
			fprintf(stderr, "accepted: %s\n", bad[i].why);
		CHECK_INT(rc, -EBADMSG);
	}
}

static void test_spki(void)
{
	/* SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING } */
	uint8_t der[91] = { 0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48,
			    0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
			    0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04 };
	for (size_t i = 27; i < sizeof(der); i++)
		der[i] = (uint8_t)i;
	const uint8_t *pt;
	size_t pl;
	CHECK_INT(fc_kat_spki_ec_point(der, sizeof(der), FC_KAT_P256, &pt, &pl), 0);
	CHECK_INT(pl, 65);
	CHECK(pt == der + 26 && pt[0] == 0x04);
	/* Another curve than the vector's, and trailing data, are refused. */
	CHECK_INT(fc_kat_spki_ec_point(der, sizeof(der), FC_KAT_P384, &pt, &pl),
		  -EBADMSG);
	uint8_t longer[92];
	memcpy(longer, der, sizeof(der));
	longer[91] = 0;
	CHECK_INT(fc_kat_spki_ec_point(longer, sizeof(longer), FC_KAT_P256, &pt,
				       &pl),
		  -EBADMSG);
}

static void test_selection(void)
{
	const char *const globs[] = { "sha2-*", "AES-GCM", NULL };
	struct fc_kat_opts o = { .algorithms = globs };
	CHECK(fc_kat_alg_selected(&o, "SHA2-256"));
	CHECK(fc_kat_alg_selected(&o, "aes-gcm"));
	CHECK(!fc_kat_alg_selected(&o, "SHA-1"));
	CHECK(fc_kat_alg_selected(NULL, "anything"));
	/* Every cell the loader makes is a known algorithm. */
	size_t n = 0;
	while (fc_kat_algorithms[n])
		n++;
	CHECK(n >= 30);
}

/* --- the verdicts, against an adapter the test controls ---------------- */

struct fake {
	int rc;          /* what computations and verifications return */
	uint8_t out[64]; /* what computations produce */
	int calls;
	/* the ECDSA round trip */
	bool accept_all;
	uint8_t r[66], s[66];
};

static int fake_hmac(void *a, enum fc_kat_hash h, const uint8_t *key,
		     size_t key_len, const uint8_t *msg, size_t len, uint8_t *mac,
		     struct fc_kat_why *why)
{
	(void)h, (void)key, (void)key_len, (void)msg, (void)len;
	struct fake *f = a;
	f->calls++;
	memcpy(mac, f->out, 64);
	if (f->rc != FC_KAT_OK)
		fc_kat_whyf(why, "fake says %d", f->rc);
	return f->rc;
}

static int fake_verify(void *a, const struct fc_kat_ec_key *k,
		       enum fc_kat_hash h, const uint8_t *msg, size_t len,
		       const struct fc_kat_ecdsa_sig *sig, struct fc_kat_why *why)
{
	(void)h, (void)msg, (void)len, (void)why;
	struct fake *f = a;
	size_t cl = fc_kat_curve_len(k->curve);
	f->calls++;
	if (f->rc != FC_KAT_OK || f->accept_all || !sig->r)
		return f->accept_all ? FC_KAT_OK : f->rc;
	/* The round trip: only the signature the fake made verifies. */
	uint8_t r[66] = { 0 }, s[66] = { 0 };
	memcpy(r + cl - sig->r_len, sig->r, sig->r_len);
	memcpy(s + cl - sig->s_len, sig->s, sig->s_len);
	return memcmp(r, f->r, cl) == 0 && memcmp(s, f->s, cl) == 0
		       ? FC_KAT_OK
		       : FC_KAT_REJECTED;
}

static int fake_sign(void *a, const struct fc_kat_ec_key *k, enum fc_kat_hash h,
		     const uint8_t *msg, size_t len, bool *det, uint8_t *r,
		     uint8_t *s, struct fc_kat_why *why)
{
	(void)h, (void)msg, (void)len, (void)why;
	struct fake *f = a;
	size_t cl = fc_kat_curve_len(k->curve);
	*det = false;
	memset(f->r, 0x11, cl);
	memset(f->s, 0x22, cl);
	memcpy(r, f->r, cl);
	memcpy(s, f->s, cl);
	return FC_KAT_OK;
}

/* ECB "encryption" that is the identity: the core's padding is visible. */
static int fake_cipher(void *a, enum fc_kat_cipher_mode m, bool decrypt,
		       const uint8_t *key, size_t key_len, const uint8_t *iv,
		       const uint8_t *in, size_t len, uint8_t *out,
		       struct fc_kat_why *why)
{
	(void)m, (void)decrypt, (void)key, (void)key_len, (void)iv, (void)why;
	struct fake *f = a;
	f->calls++;
	memcpy(out, in, len);
	return f->rc;
}

static const struct fc_kat_ops fake_ops = {
	.hmac = fake_hmac,
	.ecdsa_verify = fake_verify,
	.ecdsa_sign = fake_sign,
	.cipher = fake_cipher,
};

static const uint8_t tag[4] = { 0xde, 0xad, 0xbe, 0xef };
static const uint8_t key16[16], qx[32] = { 1 }, qy[32] = { 2 }, d32[32] = { 3 };
static const uint8_t der_sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };

static const struct fc_kat_field mac_fields[] = {
	{ FC_KAT_F_KEY, 16, key16 },
	{ FC_KAT_F_MSG, 0, (const uint8_t *)"" },
	{ FC_KAT_F_OUT, 4, tag },
};

static const struct fc_kat_field sig_fields[] = {
	{ FC_KAT_F_QX, 32, qx },
	{ FC_KAT_F_QY, 32, qy },
	{ FC_KAT_F_MSG, 0, (const uint8_t *)"" },
	{ FC_KAT_F_SIG, sizeof(der_sig), der_sig },
};

static struct fc_kat_vector mac_vec(enum fc_kat_expect e)
{
	return (struct fc_kat_vector){ .alg = "HMAC-SHA2-256",
				       .source = "unit/mac.json",
				       .tc_id = 7,
				       .op = FC_KAT_OP_HMAC,
				       .expect = (uint8_t)e,
				       .hash = FC_KAT_SHA256,
				       .n_fields = 3,
				       .fields = mac_fields };
}

/* Run one vector; returns 'p', 'f' or 's', and the cell's message. */
static char verdict(struct fake *f, const struct fc_kat_vector *v,
		    char *msg, size_t msg_size)
{
	const struct fc_kat_vector *list[] = { v };
	struct fc_kat_tally t = { 0 };
	fc_kat_run(&fake_ops, f, list, 1, NULL, &t);
	char r = t.n != 1		 ? '?'
		 : t.cells[0].passed  ? 'p'
		 : t.cells[0].failed  ? 'f'
		 : t.cells[0].skipped ? 's'
				      : '?';
	if (msg) {
		const char *m = t.n ? (t.cells[0].first_failure
					       ? t.cells[0].first_failure
					       : t.cells[0].skip_reason)
				    : NULL;
		snprintf(msg, msg_size, "%s", m ? m : "");
	}
	fc_kat_tally_free(&t);
	return r;
}

static void test_verdicts_computation(void)
{
	struct fake f = { 0 };
	char msg[512];
	struct fc_kat_vector valid = mac_vec(FC_KAT_VALID);
	struct fc_kat_vector invalid = mac_vec(FC_KAT_INVALID);
	struct fc_kat_vector acc = mac_vec(FC_KAT_ACCEPTABLE);

	memcpy(f.out, tag, sizeof(tag)); /* the MAC matches the vector's */
	CHECK(verdict(&f, &valid, NULL, 0) == 'p');
	CHECK(verdict(&f, &acc, NULL, 0) == 'p');
	CHECK(verdict(&f, &invalid, msg, sizeof(msg)) == 'f');
	CHECK(strstr(msg, "unit/mac.json tcId 7") != NULL);

	f.out[0] ^= 1; /* a wrong MAC */
	CHECK(verdict(&f, &valid, msg, sizeof(msg)) == 'f');
	CHECK(strstr(msg, "MAC differs") != NULL);
	CHECK(verdict(&f, &invalid, NULL, 0) == 'p');
	CHECK(verdict(&f, &acc, NULL, 0) == 'f');

	f.rc = FC_KAT_ERROR; /* the library fails */
	CHECK(verdict(&f, &valid, msg, sizeof(msg)) == 'f');
	CHECK(strstr(msg, "fake says") != NULL);
	CHECK(verdict(&f, &invalid, NULL, 0) == 'p');

	f.rc = FC_KAT_UNSUPPORTED; /* not offered: skipped, never passed */
	CHECK(verdict(&f, &valid, msg, sizeof(msg)) == 's');
	CHECK(verdict(&f, &invalid, NULL, 0) == 's');

	/* A vector the loader marked, and an operation with no adapter. */
	struct fc_kat_vector marked = valid;
	marked.skip = "bit-oriented message (5 bits)";
	f.calls = 0;
	CHECK(verdict(&f, &marked, msg, sizeof(msg)) == 's');
	CHECK_STR(msg, "bit-oriented message (5 bits)");
	CHECK_INT(f.calls, 0);
	struct fc_kat_vector cmac = valid;
	cmac.op = FC_KAT_OP_CMAC;
	CHECK(verdict(&f, &cmac, msg, sizeof(msg)) == 's');
	CHECK(strstr(msg, "not offered") != NULL);
}

static void test_verdicts_verification(void)
{
	struct fake f = { 0 };
	struct fc_kat_vector v = { .alg = "ECDSA-SigVer",
				   .source = "unit/ecdsa.json",
				   .tc_id = 3,
				   .op = FC_KAT_OP_ECDSA_VERIFY,
				   .hash = FC_KAT_SHA256,
				   .curve = FC_KAT_P256,
				   .n_fields = 4,
				   .fields = sig_fields };
	char msg[512];
	f.accept_all = true;
	v.expect = FC_KAT_VALID;
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
	v.expect = FC_KAT_INVALID; /* an invalid signature was accepted */
	CHECK(verdict(&f, &v, msg, sizeof(msg)) == 'f');
	CHECK(strstr(msg, "accepted an invalid case") != NULL);
	v.expect = FC_KAT_ACCEPTABLE;
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
	f.accept_all = false;
	f.rc = FC_KAT_REJECTED;
	v.expect = FC_KAT_VALID;
	CHECK(verdict(&f, &v, msg, sizeof(msg)) == 'f');
	CHECK(strstr(msg, "rejected a valid case") != NULL);
	v.expect = FC_KAT_INVALID;
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
	v.expect = FC_KAT_ACCEPTABLE;
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
}

static void test_sign_round_trip(void)
{
	static const struct fc_kat_field f_sign[] = {
		{ FC_KAT_F_QX, 32, qx },
		{ FC_KAT_F_QY, 32, qy },
		{ FC_KAT_F_PRIV, 32, d32 },
		{ FC_KAT_F_MSG, 0, (const uint8_t *)"" },
	};
	struct fc_kat_vector v = { .alg = "ECDSA-SigGen",
				   .source = "unit/sign.json",
				   .tc_id = 1,
				   .op = FC_KAT_OP_ECDSA_SIGN,
				   .hash = FC_KAT_SHA256,
				   .curve = FC_KAT_P256,
				   .n_fields = 4,
				   .fields = f_sign };
	struct fake f = { 0 };
	char msg[512];
	/* Its own signature verifies, with a bit of s flipped it does not. */
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
	/* A verifier that accepts everything is caught by the flipped bit. */
	f.accept_all = true;
	CHECK(verdict(&f, &v, msg, sizeof(msg)) == 'f');
	CHECK(strstr(msg, "bit of s flipped") != NULL);
}

static void test_cbc_padding(void)
{
	/* PKCS#7 is the core's: "abc" pads to abc0d0d..0d. */
	uint8_t padded[16] = { 'a', 'b', 'c' };
	memset(padded + 3, 13, 13);
	uint8_t bad[16];
	memcpy(bad, padded, 16);
	bad[15] = 0x11; /* a padding byte beyond the block */
	const struct fc_kat_field ok_f[] = {
		{ FC_KAT_F_KEY, 16, key16 },
		{ FC_KAT_F_IV, 16, key16 },
		{ FC_KAT_F_MSG, 3, (const uint8_t *)"abc" },
		{ FC_KAT_F_OUT, 16, padded },
	};
	const struct fc_kat_field bad_f[] = {
		{ FC_KAT_F_KEY, 16, key16 },
		{ FC_KAT_F_IV, 16, key16 },
		{ FC_KAT_F_MSG, 0, (const uint8_t *)"" },
		{ FC_KAT_F_OUT, 16, bad },
	};
	struct fc_kat_vector v = { .alg = "AES-CBC",
				   .source = "unit/cbc.json",
				   .op = FC_KAT_OP_CIPHER,
				   .mode = FC_KAT_CBC,
				   .flags = FC_KAT_PKCS7,
				   .n_fields = 4,
				   .fields = ok_f };
	struct fake f = { 0 };
	char msg[512];
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
	CHECK_INT(f.calls, 2); /* encrypted and decrypted */
	v.fields = bad_f;
	v.expect = FC_KAT_INVALID;
	CHECK(verdict(&f, &v, NULL, 0) == 'p');
	v.expect = FC_KAT_VALID;
	CHECK(verdict(&f, &v, msg, sizeof(msg)) == 'f');
}

static void test_report(void)
{
	struct fake f = { 0 };
	memcpy(f.out, tag, sizeof(tag));
	struct fc_kat_vector good = mac_vec(FC_KAT_VALID);
	struct fc_kat_vector bad = mac_vec(FC_KAT_INVALID);
	bad.alg = "HMAC-SHA2-512";
	bad.tg_id = 2;
	bad.tc_id = 9;
	struct fc_kat_vector nope = mac_vec(FC_KAT_VALID);
	nope.alg = "AES-CMAC";
	nope.op = FC_KAT_OP_CMAC;
	const struct fc_kat_vector *list[] = { &bad, &good, &nope };
	struct fc_kat_tally t = { 0 };
	struct fc_kat_opts o = { 0 };
	fc_kat_run(&fake_ops, &f, list, 3, &o, &t);
	struct fc_report *r = fc_report_new();
	CHECK_INT(fc_kat_report(r, "selftest.fake", "Fake 1.0", &t, &o), 1);
	const struct fc_finding *f256 = fc_report_find(r, "selftest.fake.hmac-sha2-256");
	const struct fc_finding *f512 = fc_report_find(r, "selftest.fake.hmac-sha2-512");
	const struct fc_finding *fcm = fc_report_find(r, "selftest.fake.aes-cmac");
	CHECK(f256 && f256->status == FC_STATUS_PASS);
	CHECK(f512 && f512->status == FC_STATUS_FAIL);
	CHECK(fcm && fcm->status == FC_STATUS_SKIP);
	CHECK(f512 && strstr(f512->summary, "unit/mac.json tgId 2 tcId 9"));
	CHECK_STR(f512 ? fc_finding_get_fact(f512, "failed") : NULL, "1");
	/* Report order is the core's list: SHA2-256 before SHA2-512. */
	CHECK(r->n_findings == 3 && r->findings[0] == f256);
	fc_report_free(r);
	fc_kat_tally_free(&t);
}

int main(void)
{
	RUN(test_names);
	RUN(test_unhex);
	RUN(test_der_sig);
	RUN(test_spki);
	RUN(test_selection);
	RUN(test_verdicts_computation);
	RUN(test_verdicts_verification);
	RUN(test_sign_round_trip);
	RUN(test_cbc_padding);
	RUN(test_report);
	TEST_MAIN_END();
}
