// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-load.c: the entry points, which choose a
 * file's format and read directories and ACVP vector sets, and the errors
 * that must name the file and the test case whatever the format.  Each
 * format's own tests: tests/unit/test-kat-load-{wycheproof,acvp,cavp}.c.
 */
#include <sys/stat.h>

#include "harness.h"
#include "kat-set.h"

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
	CHECK_INT(t_kat_field_len(t_kat_find(&s, 1, 2), FC_KAT_F_OUT), 4);
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
	RUN(test_errors);
	RUN(test_acvp_dir);
	TEST_MAIN_END();
}
