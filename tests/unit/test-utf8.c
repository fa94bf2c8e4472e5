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

int main(void)
{
	RUN(test_valid_kept);
	RUN(test_invalid_replaced);
	RUN(test_xml_controls);
	TEST_MAIN_END();
}
