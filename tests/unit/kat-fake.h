/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TEST DOUBLE: an adapter whose answers the test sets (struct fake), for
 * the tests of the runner's verdicts and of the findings
 * (tests/unit/test-kat-run*.c, test-kat-report.c), because a real library
 * cannot be made to answer wrongly on demand; the real libraries run in
 * tests/selftest/.
 */
#ifndef FC_TEST_KAT_FAKE_H
#define FC_TEST_KAT_FAKE_H

#include "kat/kat.h"

/* Not every test uses every vector part. */
#define FC_TEST_MAYBE_UNUSED __attribute__((unused))

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

static const uint8_t tag[4] FC_TEST_MAYBE_UNUSED = { 0xde, 0xad, 0xbe, 0xef };
static const uint8_t key16[16] FC_TEST_MAYBE_UNUSED;
static const uint8_t qx[32] FC_TEST_MAYBE_UNUSED = { 1 };
static const uint8_t qy[32] FC_TEST_MAYBE_UNUSED = { 2 };
static const uint8_t d32[32] FC_TEST_MAYBE_UNUSED = { 3 };
static const uint8_t der_sig[] FC_TEST_MAYBE_UNUSED = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };

static const struct fc_kat_field mac_fields[] FC_TEST_MAYBE_UNUSED = {
	{ FC_KAT_F_KEY, 16, key16 },
	{ FC_KAT_F_MSG, 0, (const uint8_t *)"" },
	{ FC_KAT_F_OUT, 4, tag },
};

static const struct fc_kat_field sig_fields[] FC_TEST_MAYBE_UNUSED = {
	{ FC_KAT_F_QX, 32, qx },
	{ FC_KAT_F_QY, 32, qy },
	{ FC_KAT_F_MSG, 0, (const uint8_t *)"" },
	{ FC_KAT_F_SIG, sizeof(der_sig), der_sig },
};

static inline struct fc_kat_vector mac_vec(enum fc_kat_expect e)
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
static inline char verdict(struct fake *f, const struct fc_kat_vector *v,
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

#endif
