// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/base/jsonpos.c: where each value of a JSON text
 * starts (line and column in characters), the last of repeated keys, and
 * what strict JSON refuses.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "base/jsonpos.h"

static void test_positions(void)
{
	static const char text[] = "{\n"
				   "  \"a\": [1, {\"b\": \"x\"}],\n"
				   "  \"\\u00e9t\\u00e9\": \"\xc3\xa9\", \"c\": 2,\n"
				   "  \"a\": null\n"
				   "}\n";
	struct fc_jpos p;
	CHECK_INT(fc_jpos_index(text, strlen(text), &p), 0);
	unsigned l, c;
	fc_jpos_find(&p, "a[1].b", false, &l, &c);
	CHECK_INT(l, 2);
	CHECK_INT(c, 18);
	fc_jpos_find(&p, "a[1].b", true, &l, &c);
	CHECK_INT(c, 13);
	/* Columns count characters: "é" is one. */
	fc_jpos_find(&p, "c", true, &l, &c);
	CHECK_INT(l, 3);
	CHECK_INT(c, 25);
	fc_jpos_find(&p, "\xc3\xa9t\xc3\xa9", false, &l, &c);
	CHECK_INT(c, 20);
	/* The last of repeated keys is the one json-c keeps. */
	fc_jpos_find(&p, "a", false, &l, &c);
	CHECK_INT(l, 4);
	/* A path not indexed falls back to its nearest ancestor. */
	fc_jpos_find(&p, "c.x[3]", false, &l, &c);
	CHECK_INT(l, 3);
	fc_jpos_find(&p, "nothing.here", true, &l, &c);
	CHECK_INT(l, 1);
	CHECK_INT(c, 1);
	CHECK_INT(p.n_dups, 1);
	if (p.n_dups) {
		CHECK_STR(p.dups[0].path, "a");
		CHECK_INT(p.dups[0].line, 4);
		CHECK_INT(p.dups[0].fline, 2);
	}
	fc_jpos_free(&p);

	static const char *const bad[] = { "{'a': 1}", "[NaN]", "[1.]",
					   "{\"a\" 1}", "[1] x", "[\"\t\"]" };
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		CHECK_INT(fc_jpos_index(bad[i], strlen(bad[i]), &p), -EBADMSG);
		CHECK(p.err_what != NULL);
		fc_jpos_free(&p);
	}
	fc_text_linecol("ab\ncd", 5, 4, &l, &c);
	CHECK_INT(l, 2);
	CHECK_INT(c, 2);
}

/* Item paths with many-digit indexes, nested, and the same path under
 * two parents; a document of many values (the hash grows). */
static void test_paths(void)
{
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, "{\"x\": [");
	for (int i = 0; i < 120; i++)
		fc_buf_addf(&b, "%s{\"k\": [%d, %d]}", i ? ",\n" : "", i, -i);
	fc_buf_adds(&b, "], \"y\": {\"k\": [0, 7]}}");
	struct fc_jpos p;
	CHECK_INT(fc_jpos_index(b.data, b.len, &p), 0);
	CHECK_INT(p.n, 2 + 120 * 4 + 4);
	unsigned l, c;
	fc_jpos_find(&p, "x[119].k[1]", false, &l, &c);
	CHECK_INT(l, 120);
	CHECK_INT(c, 13);
	fc_jpos_find(&p, "x[10].k", true, &l, &c);
	CHECK_INT(l, 11);
	CHECK_INT(c, 2);
	fc_jpos_find(&p, "y.k[1]", false, &l, &c);
	CHECK_INT(l, 120);
	CHECK_INT(c, 37);
	fc_jpos_free(&p);
	fc_buf_free(&b);

	char d[FC_DEC_MAX];
	size_t n;
	const char *s = fc_dec(d, 0, &n);
	CHECK(n == 1 && s[0] == '0');
	s = fc_dec(d, SIZE_MAX, &n);
	CHECK(n == 20 && memcmp(s, "18446744073709551615", 20) == 0);
}

int main(void)
{
	RUN(test_positions);
	RUN(test_paths);
	TEST_MAIN_END();
}
