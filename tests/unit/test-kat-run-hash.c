// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-run-hash.c: the verdicts on a MAC, a plain
 * computation, against an adapter the test controls (tests/unit/kat-fake.h).
 */
#include "harness.h"
#include "kat-fake.h"

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

int main(void)
{
	RUN(test_verdicts_computation);
	TEST_MAIN_END();
}
