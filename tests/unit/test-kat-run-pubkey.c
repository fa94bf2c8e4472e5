// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-run-pubkey.c: the verdicts on a signature
 * verification, and the ECDSA signing round trip, against an adapter the
 * test controls (tests/unit/kat-fake.h).
 */
#include "harness.h"
#include "kat-fake.h"

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

int main(void)
{
	RUN(test_verdicts_verification);
	RUN(test_sign_round_trip);
	TEST_MAIN_END();
}
