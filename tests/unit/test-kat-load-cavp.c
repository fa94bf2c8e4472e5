// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-load-cavp.c: SHAVS response files, and the
 * hash their name says.
 */
#include "harness.h"
#include "kat-set.h"

#include "kat/kat-load-fmt.h"

static void test_cavp(void)
{
	static const char text[] =
		"#  CAVS 11.0\r\n[L = 20]\r\n\r\n"
		"Len = 0\r\nMsg = 00\r\nMD = da39a3ee5e6b4b0d3255bfef95601890afd80709\r\n\r\n"
		"Len = 8\r\nMsg = 36\r\nMD = c1dfd96eea8cc2b62785275bca38ac261256e278\r\n";
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	CHECK_INT(fc_kat_load_text(&s, "cavp/SHA1ShortMsg.rsp", text,
				   sizeof(text) - 1, &err),
		  0);
	CHECK_INT(s.n, 2);
	const struct fc_kat_vector *v = t_kat_find(&s, 0, 1);
	CHECK(v && fc_streq(v->alg, "SHA-1"));
	/* "Len = 0" comes with "Msg = 00", which is no message. */
	CHECK_INT(t_kat_field_len(v, FC_KAT_F_MSG), 0);
	CHECK_INT(t_kat_field_len(t_kat_find(&s, 0, 2), FC_KAT_F_MSG), 1);
	fc_kat_set_free(&s);
	free(err);
}

static void test_rsp_hash(void)
{
	static const struct {
		const char *path;
		enum fc_kat_hash want;
	} rows[] = {
		{ "SHA1ShortMsg.rsp", FC_KAT_SHA1 },
		{ "cavp/SHA1LongMsg.rsp", FC_KAT_SHA1 },
		{ "SHA224ShortMsg.rsp", FC_KAT_SHA224 },
		{ "SHA256LongMsg.rsp", FC_KAT_SHA256 },
		{ "SHA384ShortMsg.rsp", FC_KAT_SHA384 },
		{ "SHA512ShortMsg.rsp", FC_KAT_SHA512 },
		/* the longer prefix wins over SHA512 */
		{ "SHA512_224ShortMsg.rsp", FC_KAT_SHA512_224 },
		{ "SHA512_256LongMsg.rsp", FC_KAT_SHA512_256 },
		{ "SHA3_224ShortMsg.rsp", FC_KAT_SHA3_224 },
		{ "a/b/SHA3_256LongMsg.rsp", FC_KAT_SHA3_256 },
		{ "SHA3_384ShortMsg.rsp", FC_KAT_SHA3_384 },
		{ "SHA3_512ShortMsg.rsp", FC_KAT_SHA3_512 },
		/* Monte-Carlo files and other names say no hash */
		{ "SHA1Monte.rsp", FC_KAT_HASH_NONE },
		{ "MD5ShortMsg.rsp", FC_KAT_HASH_NONE },
		{ "ShortMsg/SHA1.rsp", FC_KAT_HASH_NONE },
		{ "x.rsp", FC_KAT_HASH_NONE },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		enum fc_kat_hash h = fc_kat_rsp_hash(rows[i].path);
		if (h != rows[i].want) {
			fprintf(stderr, "%s: %d, expected %d\n", rows[i].path,
				(int)h, (int)rows[i].want);
			fc_t_fail_now++;
		}
	}
}

int main(void)
{
	RUN(test_cavp);
	RUN(test_rsp_hash);
	TEST_MAIN_END();
}
