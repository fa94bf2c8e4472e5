// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-load.c: the three vector formats, the skip
 * reasons, the LEGACY policy, and the errors that must name the file and
 * the test case.
 */
#include <sys/stat.h>

#include "harness.h"

#include "kat/kat-load.h"

static const struct fc_kat_vector *find(const struct fc_kat_set *s,
					uint32_t tg, uint32_t tc)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].tg_id == tg && s->v[i].tc_id == tc)
			return &s->v[i];
	return NULL;
}

static size_t field_len(const struct fc_kat_vector *v, enum fc_kat_fid id)
{
	const struct fc_kat_field *f = v ? fc_kat_get(v, id) : NULL;
	return f ? f->len : (size_t)-1;
}

static void test_wycheproof(void)
{
	static const char text[] =
		"{\"algorithm\": \"HMACSHA256\", \"schema\": \"mac_test_schema_v1.json\",\n"
		" \"numberOfTests\": 3,\n"
		" \"notes\": {\"Old\": {\"bugType\": \"LEGACY\"},\n"
		"           \"Bad\": {\"bugType\": \"AUTH_BYPASS\"}},\n"
		" \"testGroups\": [{\"type\": \"MacTest\", \"keySize\": 128, \"tagSize\": 32,\n"
		"   \"tests\": [\n"
		"    {\"tcId\": 1, \"flags\": [], \"key\": \"00112233445566778899aabbccddeeff\",\n"
		"     \"msg\": \"\", \"tag\": \"01020304\", \"result\": \"valid\"},\n"
		"    {\"tcId\": 2, \"flags\": [\"Bad\"], \"key\": \"00\", \"msg\": \"ff\",\n"
		"     \"tag\": \"01020304\", \"result\": \"invalid\"},\n"
		"    {\"tcId\": 3, \"flags\": [\"Old\"], \"key\": \"00\", \"msg\": \"ff\",\n"
		"     \"tag\": \"01020304\", \"result\": \"invalid\"}]}]}\n";
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	CHECK_INT(fc_kat_load_text(&s, "hmac_sha256_test.json", text,
				   sizeof(text) - 1, &err),
		  0);
	CHECK(err == NULL);
	CHECK_INT(s.n, 3);
	const struct fc_kat_vector *v = find(&s, 0, 1);
	CHECK(v && fc_streq(v->alg, "HMAC-SHA2-256"));
	CHECK(v && v->op == FC_KAT_OP_HMAC && v->hash == FC_KAT_SHA256);
	CHECK_INT(field_len(v, FC_KAT_F_KEY), 16);
	CHECK_INT(field_len(v, FC_KAT_F_MSG), 0);
	CHECK_INT(field_len(v, FC_KAT_F_OUT), 4);
	CHECK(v && fc_streq(v->source, "hmac_sha256_test.json"));
	v = find(&s, 0, 2);
	CHECK(v && v->expect == FC_KAT_INVALID);
	/* Invalid only for a LEGACY flag: acceptable. */
	v = find(&s, 0, 3);
	CHECK(v && v->expect == FC_KAT_ACCEPTABLE);
	fc_kat_set_free(&s);
	free(err);
}

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
	const struct fc_kat_vector *v = find(&s, 1, 1);
	CHECK(v && fc_streq(v->alg, "SHA2-256") && !v->skip);
	CHECK_INT(field_len(v, FC_KAT_F_OUT), 32);
	v = find(&s, 1, 2);
	CHECK(v && v->skip && strstr(v->skip, "bit-oriented message (1 bits)"));
	v = find(&s, 2, 3);
	CHECK(v && (v->flags & FC_KAT_MCT) && (v->flags & FC_KAT_MCT_ALT));
	CHECK(v && v->count == 2);
	CHECK_INT(field_len(v, FC_KAT_F_OUT), 64);
	v = find(&s, 3, 4);
	CHECK(v && v->skip && strstr(v->skip, "large-data"));
	fc_kat_set_free(&s);
	free(err);
}

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
	const struct fc_kat_vector *v = find(&s, 0, 1);
	CHECK(v && fc_streq(v->alg, "SHA-1"));
	/* "Len = 0" comes with "Msg = 00", which is no message. */
	CHECK_INT(field_len(v, FC_KAT_F_MSG), 0);
	CHECK_INT(field_len(find(&s, 0, 2), FC_KAT_F_MSG), 1);
	fc_kat_set_free(&s);
	free(err);
}

/* Each malformed input is refused with the file and, where there is
 * one, the test case in the message. */
static void test_errors(void)
{
	static const struct {
		const char *name, *text, *want;
	} cases[] = {
		{ "broken.json", "{\"algorithm\": \"HMACSHA256\",\n \"testGroups\": [\n",
		  "broken.json: line 3: not valid JSON (unexpected end of file)" },
		{ "x.json", "[1, 2]", "x.json: not a vector file" },
		{ "w.json",
		  "{\"algorithm\": \"HMACSHA256\", \"schema\": \"s\", \"testGroups\": "
		  "[{\"type\": \"MacTest\", \"tests\": [{\"tcId\": 5, \"key\": \"0g\", "
		  "\"msg\": \"\", \"tag\": \"\", \"result\": \"valid\"}]}]}",
		  "w.json: tcId 5: 'key' is not a hex string" },
		{ "w.json",
		  "{\"algorithm\": \"HMACSHA256\", \"schema\": \"s\", \"testGroups\": "
		  "[{\"type\": \"MacTest\", \"tests\": [{\"tcId\": 6, \"key\": \"00\", "
		  "\"tag\": \"\", \"result\": \"valid\"}]}]}",
		  "w.json: tcId 6: 'msg' is missing" },
		{ "w.json",
		  "{\"algorithm\": \"XYZ\", \"schema\": \"s\", \"testGroups\": "
		  "[{\"type\": \"FooTest\", \"tests\": []}]}",
		  "w.json: unsupported test group type 'FooTest'" },
		{ "a", "{\"vsId\": 1, \"algorithm\": \"KAS-FFC\", \"testGroups\": []}",
		  "a: unsupported ACVP algorithm 'KAS-FFC'" },
		{ "a",
		  "{\"vsId\": 1, \"algorithm\": \"SHA2-256\", \"testGroups\": [{\"tgId\": 1, "
		  "\"testType\": \"AFT\", \"tests\": [{\"tcId\": 2, \"msg\": \"00\", "
		  "\"len\": 8, \"md\": true}]}]}",
		  "a: tgId 1 tcId 2: 'md' is not a string" },
		{ "SHA1ShortMsg.rsp", "Len = 8\nMsg = 00\nSeed = 00\n",
		  "SHA1ShortMsg.rsp: tcId 1: line 3: unexpected 'Seed'" },
		{ "Monte.rsp", "Len = 8\n", "Monte.rsp: not a SHAVS" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(cases); i++) {
		struct fc_kat_set s = { 0 };
		char *err = NULL;
		int r = fc_kat_load_text(&s, cases[i].name, cases[i].text,
					 strlen(cases[i].text), &err);
		CHECK_INT(r, -EBADMSG);
		if (!err || !fc_startswith(err, cases[i].want)) {
			fprintf(stderr, "case %zu: got '%s', want '%s...'\n", i,
				err ? err : "(none)", cases[i].want);
			CHECK(false);
		}
		free(err);
		fc_kat_set_free(&s);
	}
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* An ACVP vector set as two files, read from its directory. */
static void test_acvp_dir(void)
{
	char tmpl[] = "/tmp/test-kat-load.XXXXXX";
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	if (!dir)
		return;
	char set[600];
	snprintf(set, sizeof(set), "%s/HMAC-SHA2-256-2.0", dir);
	CHECK_INT(mkdir(set, 0700), 0);
	write_file(set, "prompt.json",
		   "{\"vsId\": 1, \"algorithm\": \"HMAC-SHA2-256\", \"revision\": \"2.0\",\n"
		   " \"testGroups\": [{\"tgId\": 1, \"testType\": \"AFT\", \"tests\": [\n"
		   "  {\"tcId\": 1, \"key\": \"00\", \"keyLen\": 8, \"msg\": \"01\", "
		   "\"msgLen\": 8, \"macLen\": 32},\n"
		   "  {\"tcId\": 2, \"key\": \"00\", \"keyLen\": 8, \"msg\": \"01\", "
		   "\"msgLen\": 8, \"macLen\": 32}]}]}\n");
	char *err = NULL;
	struct fc_kat_set s = { 0 };
	/* No answers yet: the missing file is named. */
	CHECK(fc_kat_load_path(&s, set, NULL, &err) < 0);
	CHECK(err && strstr(err, "expectedResults.json"));
	free(err);
	err = NULL;
	/* An answer key that lacks tcId 2. */
	write_file(set, "expectedResults.json",
		   "{\"vsId\": 1, \"algorithm\": \"HMAC-SHA2-256\", \"revision\": \"2.0\",\n"
		   " \"testGroups\": [{\"tgId\": 1, \"tests\": [{\"tcId\": 1, \"mac\": \"AABBCCDD\"}]}]}\n");
	fc_kat_set_free(&s);
	CHECK_INT(fc_kat_load_path(&s, dir, NULL, &err), -EBADMSG);
	CHECK(err && strstr(err, "tgId 1 tcId 2: no answer in expectedResults.json"));
	free(err);
	err = NULL;
	write_file(set, "expectedResults.json",
		   "{\"vsId\": 1, \"algorithm\": \"HMAC-SHA2-256\", \"revision\": \"2.0\",\n"
		   " \"testGroups\": [{\"tgId\": 1, \"tests\": [{\"tcId\": 1, \"mac\": \"AABBCCDD\"},\n"
		   "  {\"tcId\": 2, \"mac\": \"00112233\"}]}]}\n");
	fc_kat_set_free(&s);
	/* Named by the prompt file or by the directory above: the same set. */
	char prompt[700];
	snprintf(prompt, sizeof(prompt), "%s/prompt.json", set);
	CHECK_INT(fc_kat_load_path(&s, prompt, NULL, &err), 0);
	CHECK_INT(s.n, 2);
	CHECK(s.n == 2 && fc_streq(s.v[1].alg, "HMAC-SHA2-256"));
	CHECK_INT(field_len(find(&s, 1, 2), FC_KAT_F_OUT), 4);
	fc_kat_set_free(&s);
	CHECK_INT(fc_kat_load_path(&s, dir, "vectors", &err), 0);
	CHECK(s.n == 2 && fc_streq(s.v[0].source, "vectors/HMAC-SHA2-256-2.0"));
	fc_kat_set_free(&s);
	free(err);

	/* A directory without vector files is an error, not zero vectors. */
	char empty[600];
	snprintf(empty, sizeof(empty), "%s/empty", dir);
	CHECK_INT(mkdir(empty, 0700), 0);
	err = NULL;
	CHECK_INT(fc_kat_load_path(&s, empty, NULL, &err), -ENOENT);
	CHECK(err && strstr(err, "no vector files"));
	free(err);
	fc_kat_set_free(&s);
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
}

int main(void)
{
	RUN(test_wycheproof);
	RUN(test_acvp_sha);
	RUN(test_cavp);
	RUN(test_errors);
	RUN(test_acvp_dir);
	TEST_MAIN_END();
}
