// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/cmdline.c: the kernel's own splitting rules
 * (lib/cmdline.c next_arg, kernel/params.c parse_args) and fips=.
 */
#include "harness.h"

#include "parse/cmdline.h"

static struct fc_cmdline parse_ok(const char *text)
{
	struct fc_cmdline c;
	int r = fc_cmdline_parse(text, strlen(text), &c);
	if (r != 0) {
		fprintf(stderr, "parse of <%s> failed: %d\n", text, r);
		fc_t_fail_now++;
	}
	return c;
}

/* key and value of argument i; value NULL means a bare argument. */
#define CHECK_ARG(c, i, k, v)                                                  \
	do {                                                                   \
		CHECK((c).n > (i));                                            \
		if ((c).n > (i)) {                                             \
			CHECK_STR((c).args[i].key, k);                         \
			if ((v) == NULL)                                       \
				CHECK((c).args[i].value == NULL);              \
			else                                                   \
				CHECK_STR((c).args[i].value, (v));             \
		}                                                              \
	} while (0)

static void test_split_on_kernel_white_space(void)
{
	struct fc_cmdline c = parse_ok("  ro\troot=/dev/vda1  quiet\n");
	CHECK_INT(c.n, 3);
	CHECK_ARG(c, 0, "ro", NULL);
	CHECK_ARG(c, 1, "root", "/dev/vda1");
	CHECK_ARG(c, 2, "quiet", NULL);
	CHECK(c.init_args == NULL);
	fc_cmdline_free(&c);

	/* The kernel's isspace() includes 0xa0. */
	c = parse_ok("a\xa0"
		     "b=c");
	CHECK_INT(c.n, 2);
	CHECK_ARG(c, 0, "a", NULL);
	CHECK_ARG(c, 1, "b", "c");
	fc_cmdline_free(&c);

	c = parse_ok("");
	CHECK_INT(c.n, 0);
	fc_cmdline_free(&c);
	c = parse_ok(" \n");
	CHECK_INT(c.n, 0);
	fc_cmdline_free(&c);
}

static void test_values(void)
{
	struct fc_cmdline c = parse_ok("a= b=c=d =x =y=z");
	CHECK_INT(c.n, 4);
	CHECK_ARG(c, 0, "a", "");
	CHECK_ARG(c, 1, "b", "c=d");
	/* next_arg() ignores '=' in the first position. */
	CHECK_ARG(c, 2, "=x", NULL);
	CHECK_ARG(c, 3, "=y", "z");
	fc_cmdline_free(&c);
}

static void test_quotes(void)
{
	struct fc_cmdline c = parse_ok(
		"\"a b\" k=\"v w\" \"x=y z\" m=\"p q\"r \"\" e=\"\" "
		"\"fips=1\"");
	CHECK_INT(c.n, 7);
	CHECK_ARG(c, 0, "a b", NULL);
	CHECK_ARG(c, 1, "k", "v w");
	CHECK_ARG(c, 2, "x", "y z");
	/* Only the value's first quote goes when the last char is no quote. */
	CHECK_ARG(c, 3, "m", "p q\"r");
	CHECK_ARG(c, 4, "", NULL);
	CHECK_ARG(c, 5, "e", "");
	CHECK_ARG(c, 6, "fips", "1");
	CHECK_INT(fc_cmdline_fips(&c), FC_FIPS_ARG_ON);
	fc_cmdline_free(&c);

	/* Inner quotes stay; they only protect white space. */
	c = parse_ok("dyndbg=\"file x.c +p\"  a\"b c\"d");
	CHECK_INT(c.n, 2);
	CHECK_ARG(c, 0, "dyndbg", "file x.c +p");
	CHECK_ARG(c, 1, "a\"b c\"d", NULL);
	fc_cmdline_free(&c);
}

static void test_double_dash_ends_kernel_part(void)
{
	struct fc_cmdline c = parse_ok("ro -- fips=1  single \n");
	CHECK_INT(c.n, 1);
	CHECK_ARG(c, 0, "ro", NULL);
	CHECK_STR(c.init_args, "fips=1  single");
	CHECK_INT(fc_cmdline_fips(&c), FC_FIPS_ARG_ABSENT);
	fc_cmdline_free(&c);

	/* A quoted "--" is still the separator; "--x" and "--=1" are not. */
	c = parse_ok("--x --=1 \"--\" a");
	CHECK_INT(c.n, 2);
	CHECK_ARG(c, 0, "--x", NULL);
	CHECK_ARG(c, 1, "--", "1");
	CHECK_STR(c.init_args, "a");
	fc_cmdline_free(&c);

	c = parse_ok("a --");
	CHECK_INT(c.n, 1);
	CHECK_STR(c.init_args, "");
	fc_cmdline_free(&c);
}

static void test_errors(void)
{
	struct fc_cmdline c;
	static const char unterminated[] = "ro k=\"abc def";
	CHECK_INT(fc_cmdline_parse(unterminated, strlen(unterminated), &c),
		  -EBADMSG);
	CHECK_INT(c.err_offset, 5);
	CHECK_STR(c.err_what, "unterminated quote");
	CHECK(c.args == NULL && c.n == 0);

	CHECK_INT(fc_cmdline_parse("\"a", 2, &c), -EBADMSG);
	CHECK_INT(c.err_offset, 0);

	/* An unterminated quote after "--" is init's business. */
	c = parse_ok("a -- \"b");
	CHECK_STR(c.init_args, "\"b");
	fc_cmdline_free(&c);

	static const char nul[] = "fips=1\0 boot=x";
	CHECK_INT(fc_cmdline_parse(nul, sizeof(nul) - 1, &c), -EBADMSG);
	CHECK_INT(c.err_offset, 6);
	CHECK_STR(c.err_what, "NUL byte");
}

static void test_bounded_by_len(void)
{
	static const char text[] = "fips=1 boot=/dev/vda1";
	struct fc_cmdline c;
	CHECK_INT(fc_cmdline_parse(text, 6, &c), 0);
	CHECK_INT(c.n, 1);
	CHECK_ARG(c, 0, "fips", "1");
	fc_cmdline_free(&c);
}

static void test_find_last_wins(void)
{
	struct fc_cmdline c = parse_ok("boot=/dev/a x boot=UUID=1 boot");
	CHECK_INT(fc_cmdline_count(&c, "boot"), 3);
	const struct fc_cmdarg *a = fc_cmdline_find(&c, "boot");
	CHECK(a && a->value == NULL);
	CHECK(fc_cmdline_find(&c, "nope") == NULL);
	CHECK_INT(fc_cmdline_count(&c, "nope"), 0);
	fc_cmdline_free(&c);
}

static void test_fips_argument(void)
{
	static const struct {
		const char *text;
		enum fc_fips_arg want;
	} cases[] = {
		{ "fips=1", FC_FIPS_ARG_ON },
		{ "fips=0", FC_FIPS_ARG_OFF },
		{ "quiet", FC_FIPS_ARG_ABSENT },
		{ "", FC_FIPS_ARG_ABSENT },
		{ "fips", FC_FIPS_ARG_INVALID },
		{ "fips=yes", FC_FIPS_ARG_INVALID },
		{ "fips=", FC_FIPS_ARG_INVALID },
		{ "fips=01", FC_FIPS_ARG_INVALID },
		{ "fips=0 fips=1", FC_FIPS_ARG_ON },
		{ "fips=1 fips=0", FC_FIPS_ARG_OFF },
		/* The kernel's fips= handler never sees a bare "fips". */
		{ "fips=1 fips", FC_FIPS_ARG_ON },
		{ "fips -- fips=1", FC_FIPS_ARG_INVALID },
		{ "-- fips=1", FC_FIPS_ARG_ABSENT },
		{ "fips=\"1\"", FC_FIPS_ARG_ON },
		{ "FIPS=1", FC_FIPS_ARG_ABSENT },
		{ "nofips=1 fips_x=1", FC_FIPS_ARG_ABSENT },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(cases); i++) {
		struct fc_cmdline c = parse_ok(cases[i].text);
		enum fc_fips_arg got = fc_cmdline_fips(&c);
		if (got != cases[i].want) {
			fprintf(stderr, "<%s>: fips %d, expected %d\n",
				cases[i].text, (int)got, (int)cases[i].want);
			fc_t_fail_now++;
		}
		fc_cmdline_free(&c);
	}
}

int main(void)
{
	RUN(test_split_on_kernel_white_space);
	RUN(test_values);
	RUN(test_quotes);
	RUN(test_double_dash_ends_kernel_part);
	RUN(test_errors);
	RUN(test_bounded_by_len);
	RUN(test_find_last_wins);
	RUN(test_fips_argument);
	TEST_MAIN_END();
}
