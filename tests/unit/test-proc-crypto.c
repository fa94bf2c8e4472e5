// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/proc-crypto.c: /proc/crypto blocks and errors. */
#include "harness.h"

#include "parse/proc-crypto.h"
#include "core/sysroot.h"

static const char sample[] =
	"name         : sha256\n"
	"driver       : sha256-generic\n"
	"module       : kernel\n"
	"priority     : 100\n"
	"refcnt       : 2\n"
	"selftest     : passed\n"
	"internal     : no\n"
	"type         : shash\n"
	"blocksize    : 64\n"
	"digestsize   : 32\n"
	"\n"
	"name         : ecdh-nist-p192\n"
	"driver       : ecdh-nist-p192-generic\n"
	"module       : ecdh_generic\n"
	"priority     : 100\n"
	"refcnt       : 1\n"
	"selftest     : unknown\n"
	"internal     : no\n"
	"type         : kpp\n"
	"fips         : no\n"
	"fips_allowed : 0\n"
	"\n"
	"name         : cbc(aes)\n"
	"driver       : cbc(ecb(aes-fixed-time))\n"
	"module       : kernel\n"
	"priority     : 101\n"
	"refcnt       : 1\n"
	"selftest     : passed\n"
	"internal     : no\n"
	"type         : lskcipher\n"
	"min keysize  : 16\n"
	"max keysize  : 32\n";

static void test_blocks(void)
{
	struct fc_proc_crypto pc;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_proc_crypto_parse(sample, sizeof(sample) - 1, &pc, &pe),
		  0);
	CHECK_INT(pc.n, 3);
	if (pc.n != 3)
		return;
	const struct fc_crypto_alg *a = &pc.algs[0];
	CHECK_STR(a->name, "sha256");
	CHECK_STR(a->driver, "sha256-generic");
	CHECK_STR(a->module, "kernel");
	CHECK_STR(a->selftest, "passed");
	CHECK_STR(a->internal, "no");
	CHECK_STR(a->type, "shash");
	CHECK_INT(a->priority, 100);
	CHECK_INT(a->refcnt, 2);
	CHECK(a->fips == NULL && a->fips_allowed == NULL);
	CHECK_STR(fc_crypto_alg_get(a, "digestsize"), "32");
	CHECK_INT(a->line, 1);
	CHECK_INT(a->n_fields, 10);

	a = &pc.algs[1];
	CHECK_STR(a->selftest, "unknown");
	CHECK_STR(a->fips, "no");
	CHECK_STR(a->fips_allowed, "0");
	CHECK_INT(a->line, 12);

	/* Keys with spaces; the last block ends without a blank line. */
	a = &pc.algs[2];
	CHECK_STR(a->driver, "cbc(ecb(aes-fixed-time))");
	CHECK_STR(fc_crypto_alg_get(a, "min keysize"), "16");
	CHECK_STR(fc_crypto_alg_get(a, "max keysize"), "32");
	CHECK(fc_crypto_alg_get(a, "nope") == NULL);
	fc_proc_crypto_free(&pc);
	CHECK(pc.algs == NULL && pc.n == 0);
}

static void test_blank_lines_and_empty(void)
{
	static const char t[] = "\n\nname : a\ndriver : b\nselftest :\n\n\n"
				"name:c\ndriver:d\n\n";
	struct fc_proc_crypto pc;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_proc_crypto_parse(t, sizeof(t) - 1, &pc, &pe), 0);
	CHECK_INT(pc.n, 2);
	if (pc.n == 2) {
		CHECK_STR(pc.algs[0].selftest, "");
		CHECK(pc.algs[1].selftest == NULL);
		CHECK_INT(pc.algs[1].priority, -1);
		CHECK_INT(pc.algs[1].line, 8);
	}
	fc_proc_crypto_free(&pc);
	CHECK_INT(fc_proc_crypto_parse("", 0, &pc, &pe), 0);
	CHECK_INT(pc.n, 0);
}

static void test_errors(void)
{
	static const struct {
		const char *text;
		unsigned line;
		const char *what;
	} bad[] = {
		{ "name : a\ndriver : b\nno colon here\n", 3, "without ':'" },
		{ "name : a\n : b\n", 2, "empty key" },
		{ "name : a\ndriver : b\nname : c\n", 3, "twice" },
		{ "name : a\ndriver : b\npriority : high\n", 1, "priority" },
		{ "name : a\ndriver : b\nrefcnt : 1x\n", 1, "refcnt" },
		{ "name : a\n\ndriver : b\n", 1, "without name or driver" },
		{ "name : a\ndriver : b\n\nname : c\nmodule : k", 4,
		  "without name or driver" },
		{ "name : a\ndri\0ver : b\n", 2, "NUL" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		struct fc_proc_crypto pc;
		struct fc_parse_err pe = { 0 };
		/* strlen stops at the NUL: give the length explicitly. */
		size_t len = strlen(bad[i].text);
		if (strstr(bad[i].what, "NUL"))
			len += 1 + strlen(bad[i].text + len + 1);
		int r = fc_proc_crypto_parse(bad[i].text, len, &pc, &pe);
		if (r != -EBADMSG || pe.line != bad[i].line || !pe.what ||
		    !strstr(pe.what, bad[i].what)) {
			fprintf(stderr, "case %zu: r=%d line=%u what=%s\n", i,
				r, pe.line, pe.what ? pe.what : "(null)");
			fc_t_fail_now++;
		}
		CHECK(pc.algs == NULL && pc.n == 0);
	}
}

/* This machine's /proc/crypto parses and every block is complete. */
static void test_live_proc_crypto(void)
{
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new("/", &root), 0);
	char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, "/proc/crypto", FC_READ_TABLE, &text, &len);
	fc_root_free(root);
	if (r == -ENOENT)
		SKIP("no /proc/crypto on this host");
	CHECK_INT(r, 0);
	struct fc_proc_crypto pc;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_proc_crypto_parse(text, len, &pc, &pe), 0);
	CHECK(pc.n > 0);
	/* Every block begins with "name", one per "name" line. */
	size_t names = 0;
	for (const char *p = text; (p = strstr(p, "name ")); p++)
		names += p == text || p[-1] == '\n';
	CHECK_INT(pc.n, names);
	for (size_t i = 0; i < pc.n; i++)
		CHECK(pc.algs[i].selftest && pc.algs[i].priority >= 0);
	fc_proc_crypto_free(&pc);
	free(text);
}

int main(void)
{
	RUN(test_blocks);
	RUN(test_blank_lines_and_empty);
	RUN(test_errors);
	RUN(test_live_proc_crypto);
	TEST_MAIN_END();
}
