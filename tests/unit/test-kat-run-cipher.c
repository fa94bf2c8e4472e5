// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-run-cipher.c: the core's PKCS#7 padding
 * around an adapter the test controls (tests/unit/kat-fake.h).
 */
#include "harness.h"
#include "kat-fake.h"

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

int main(void)
{
	RUN(test_cbc_padding);
	TEST_MAIN_END();
}
