// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-load-acvp.c: an ACVP vector set read as one
 * document (prompt and answers merged), its skip reasons and Monte-Carlo
 * records.  Sets read from their directory: tests/unit/test-kat-load.c.
 */
#include "harness.h"
#include "kat-set.h"

/* ACVP in one document (prompt and answers merged), as the fuzz target
 * and internalProjection-style files give it. */
static void test_acvp_sha(void)
{
	static const char text[] =
		"{\"vsId\": 1, \"algorithm\": \"SHA2-256\", \"revision\": \"1.0\",\n"
		" \"testGroups\": [\n"
		"  {\"tgId\": 1, \"testType\": \"AFT\", \"tests\": [\n"
		"    {\"tcId\": 1, \"msg\": \"616263\", \"len\": 24, \"md\": \"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\"},\n"
		"    {\"tcId\": 2, \"msg\": \"80\", \"len\": 1, \"md\": \"00\"}]},\n"
		"  {\"tgId\": 2, \"testType\": \"MCT\", \"mctVersion\": \"alternate\", \"tests\": [\n"
		"    {\"tcId\": 3, \"msg\": \"00\", \"len\": 8, \"resultsArray\": [\n"
		"      {\"md\": \"0000000000000000000000000000000000000000000000000000000000000000\"},\n"
		"      {\"md\": \"1111111111111111111111111111111111111111111111111111111111111111\"}]}]},\n"
		"  {\"tgId\": 3, \"testType\": \"LDT\", \"tests\": [{\"tcId\": 4}]}]}\n";
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	CHECK_INT(fc_kat_load_text(&s, "acvp/SHA2-256-1.0", text, sizeof(text) - 1,
				   &err),
		  0);
	CHECK_INT(s.n, 4);
	const struct fc_kat_vector *v = t_kat_find(&s, 1, 1);
	CHECK(v && fc_streq(v->alg, "SHA2-256") && !v->skip);
	CHECK_INT(t_kat_field_len(v, FC_KAT_F_OUT), 32);
	v = t_kat_find(&s, 1, 2);
	CHECK(v && v->skip && strstr(v->skip, "bit-oriented message (1 bits)"));
	v = t_kat_find(&s, 2, 3);
	CHECK(v && (v->flags & FC_KAT_MCT) && (v->flags & FC_KAT_MCT_ALT));
	CHECK(v && v->count == 2);
	CHECK_INT(t_kat_field_len(v, FC_KAT_F_OUT), 64);
	v = t_kat_find(&s, 3, 4);
	CHECK(v && v->skip && strstr(v->skip, "large-data"));
	fc_kat_set_free(&s);
	free(err);
}

int main(void)
{
	RUN(test_acvp_sha);
	TEST_MAIN_END();
}
