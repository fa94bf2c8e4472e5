// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/manifest.c: member names and the MANIFEST format. */
#include "harness.h"

#include "parse/manifest.h"

#define HEX_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HEX_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void test_names(void)
{
	CHECK(fc_ev_member_name_ok("report.json"));
	CHECK(fc_ev_member_name_ok("sources/boot/.vmlinuz-5.14.hmac"));
	CHECK(fc_ev_member_name_ok("sources/a%20b"));
	CHECK(!fc_ev_member_name_ok(""));
	CHECK(!fc_ev_member_name_ok("/etc/passwd"));
	CHECK(!fc_ev_member_name_ok("sources/../x"));
	CHECK(!fc_ev_member_name_ok("sources/./x"));
	CHECK(!fc_ev_member_name_ok(".."));
	CHECK(!fc_ev_member_name_ok("a//b"));
	CHECK(!fc_ev_member_name_ok("a/"));
	CHECK(!fc_ev_member_name_ok("a b"));
	CHECK(!fc_ev_member_name_ok("a\nb"));
	CHECK(!fc_ev_member_name_ok("a\\b"));
	CHECK(!fc_ev_member_name_ok("caf\xc3\xa9"));
}

static void test_member_for(void)
{
	char *m = fc_ev_member_for(FC_EV_SOURCES, "/proc/sys/crypto/fips_enabled");
	CHECK_STR(m, "sources/proc/sys/crypto/fips_enabled");
	free(m);
	/* Odd bytes, '%' and ".." are escaped, never resolved. */
	m = fc_ev_member_for(FC_EV_SOURCES, "//etc/./a b/%/../x\n");
	CHECK_STR(m, "sources/etc/a%20b/%25/%2E%2E/x%0A");
	CHECK(fc_ev_member_name_ok(m));
	free(m);
	m = fc_ev_member_for(FC_EV_POLICY, "el9.json");
	CHECK_STR(m, "policy/el9.json");
	free(m);
}

static void test_parse_ok(void)
{
	const char *text = HEX_A "  a\n" HEX_B "  b/c\n";
	struct fc_manifest m;
	struct fc_parse_err pe;
	CHECK_INT(fc_manifest_parse(text, strlen(text), &m, &pe), 0);
	CHECK_INT(m.n, 2);
	CHECK_STR(m.v[1].name, "b/c");
	CHECK_STR(m.v[1].sha256, HEX_B);
	CHECK(fc_manifest_find(&m, "a") == &m.v[0]);
	CHECK(fc_manifest_find(&m, "b") == NULL);
	char *back = fc_manifest_format(&m);
	CHECK_STR(back, text);
	free(back);
	fc_manifest_free(&m);
	CHECK_INT(fc_manifest_parse("", 0, &m, &pe), 0);
	CHECK_INT(m.n, 0);
	fc_manifest_free(&m);
}

static void expect_bad(const char *text, unsigned line, const char *what)
{
	struct fc_manifest m;
	struct fc_parse_err pe;
	CHECK_INT(fc_manifest_parse(text, strlen(text), &m, &pe), -EBADMSG);
	CHECK_INT(pe.line, line);
	CHECK(pe.what && strstr(pe.what, what));
	if (pe.what && !strstr(pe.what, what))
		fprintf(stderr, "  got: %s\n", pe.what);
	CHECK_INT(m.n, 0);
}

static void test_parse_bad(void)
{
	expect_bad(HEX_A "  a", 1, "newline");
	expect_bad(HEX_A " a\n", 1, "expected");
	expect_bad("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA  a\n",
		   1, "expected");
	expect_bad(HEX_A "  \n", 1, "expected");
	expect_bad(HEX_A "  b\n" HEX_A "  a\n", 2, "sorted");
	expect_bad(HEX_A "  a\n" HEX_A "  a\n", 2, "sorted");
	expect_bad(HEX_A "  MANIFEST\n", 1, "itself");
	expect_bad(HEX_A "  ../x\n", 1, "name");
	/* A NUL inside a name (the length differs from strlen). */
	static const char nul[] = HEX_A "  ab\0c\n";
	struct fc_manifest m;
	struct fc_parse_err pe;
	CHECK_INT(fc_manifest_parse(nul, sizeof(nul) - 1, &m, &pe), -EBADMSG);
}

static void test_sort(void)
{
	struct fc_manifest m = { 0 };
	fc_manifest_add(&m, "z", HEX_A);
	fc_manifest_add(&m, "MANIFEST.x", HEX_B);
	fc_manifest_add(&m, "a", HEX_B);
	fc_manifest_sort(&m);
	CHECK_STR(m.v[0].name, "MANIFEST.x");
	CHECK_STR(m.v[2].name, "z");
	char *text = fc_manifest_format(&m);
	struct fc_manifest back;
	struct fc_parse_err pe;
	CHECK_INT(fc_manifest_parse(text, strlen(text), &back, &pe), 0);
	CHECK_INT(back.n, 3);
	free(text);
	fc_manifest_free(&back);
	fc_manifest_free(&m);
}

int main(void)
{
	RUN(test_names);
	RUN(test_member_for);
	RUN(test_parse_ok);
	RUN(test_parse_bad);
	RUN(test_sort);
	TEST_MAIN_END();
}
