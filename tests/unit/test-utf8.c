// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/base/utf8.c. */
#include "harness.h"

#include "base/utf8.h"

#define FFFD "\xef\xbf\xbd"

static void expect(const char *in, bool xml, const char *want)
{
	char *got = fc_utf8_clean(in, xml);
	CHECK_STR(got, want);
	free(got);
}

static void test_valid_kept(void)
{
	expect("plain ASCII", false, "plain ASCII");
	expect("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92", true,
	       "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92");
	expect("tab\tnl\ncr\r", true, "tab\tnl\ncr\r");
	expect(NULL, false, "");
}

static void test_invalid_replaced(void)
{
	expect("a\xff" "b", false, "a" FFFD "b");
	expect("\xc0\xaf", false, FFFD FFFD);         /* overlong '/' */
	expect("\xed\xa0\x80", false, FFFD FFFD FFFD); /* a surrogate */
	expect("\xf4\x90\x80\x80", false, FFFD FFFD FFFD FFFD); /* > U+10FFFF */
	expect("\xe2\x82", false, FFFD FFFD);          /* cut short */
}

static void test_xml_controls(void)
{
	expect("a\x01" "b\x1f", true, "a" FFFD "b" FFFD);
	expect("a\x01" "b", false, "a\x01" "b");
	expect("\xef\xbf\xbe", true, FFFD);  /* U+FFFE */
	expect("\xef\xbf\xbe", false, "\xef\xbf\xbe");
}

static void safe(const char *in, size_t max, const char *want)
{
	char *got = fc_term_safe(in, max);
	CHECK_STR(got, want);
	free(got);
}

/* What a terminal acts on is shown as a visible escape; text is kept. */
static void test_term_safe(void)
{
	safe("plain caf\xc3\xa9 \xe2\x9c\x93", 100,
	     "plain caf\xc3\xa9 \xe2\x9c\x93");
	safe("a\x1b[2Jb", 100, "a\\x1B[2Jb");
	safe("\x1b]0;t\x07", 100, "\\x1B]0;t\\x07");
	safe("l1\nl2\r\t", 100, "l1\\x0Al2\\x0D\\x09");
	safe("del\x7f", 100, "del\\x7F");
	safe("c1 \xc2\x9b" "31m", 100, "c1 \\u009B31m"); /* one-byte CSI */
	safe("rlo \xe2\x80\xae" "gnp.exe", 100, "rlo \\u202Egnp.exe");
	safe("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 100,
	     "\\u202A\\u202B\\u202C\\u202D");
	safe("\xe2\x81\xa6x\xe2\x81\xa9", 100, "\\u2066x\\u2069");
	safe("bad \xff\xc0\x80 end", 100, "bad \\xFF\\xC0\\x80 end");
	safe("abcdef", 3, "abc...");
	safe(NULL, 10, "");
}

static void safe_lines(const char *in, const char *want)
{
	char *got = fc_term_safe_lines(in);
	CHECK_STR(got, want);
	free(got);
}

/* Several lines: the breaks stay, every other control is shown. */
static void test_term_safe_lines(void)
{
	safe_lines("a\nb\n", "a\nb\n");
	safe_lines("a\x1b[2J\nb\r\n\n", "a\\x1B[2J\nb\\x0D\n\n");
	safe_lines("no break \xe2\x80\xae", "no break \\u202E");
	safe_lines("", "");
	safe_lines(NULL, "");
}

static void test_csv_guard(void)
{
	CHECK(fc_csv_needs_guard("=HYPERLINK(\"x\")"));
	CHECK(fc_csv_needs_guard("+1"));
	CHECK(fc_csv_needs_guard("-1+2"));
	CHECK(fc_csv_needs_guard("@SUM(A1)"));
	CHECK(fc_csv_needs_guard("\tx"));
	CHECK(fc_csv_needs_guard("\rx"));
	CHECK(!fc_csv_needs_guard("host=1"));
	CHECK(!fc_csv_needs_guard(""));
	CHECK(!fc_csv_needs_guard(NULL));
}

int main(void)
{
	RUN(test_term_safe);
	RUN(test_term_safe_lines);
	RUN(test_csv_guard);
	RUN(test_valid_kept);
	RUN(test_invalid_replaced);
	RUN(test_xml_controls);
	TEST_MAIN_END();
}
