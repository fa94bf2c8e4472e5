// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat.c: the names of hashes, curves and fields.
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

int main(void)
{
	RUN(test_names);
	TEST_MAIN_END();
}
