// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-encoding.c: hex, and the DER and
 * SubjectPublicKeyInfo decoding the core does for the adapters.
 */
#include "harness.h"

#include "kat/kat.h"

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

int main(void)
{
	RUN(test_unhex);
	RUN(test_der_sig);
	RUN(test_spki);
	TEST_MAIN_END();
}
