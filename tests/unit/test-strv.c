// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/base/strv.c: owning and borrowing string vectors. */
#include "harness.h"

#include "base/strv.h"
#include "base/util.h"

static void test_add_terminates(void)
{
	char **v = NULL;
	size_t n = 0;
	fc_strv_add(&v, &n, fc_strdup("a"));
	CHECK_INT(n, 1);
	CHECK(v && v[1] == NULL);
	fc_strv_add(&v, &n, fc_strdup("b"));
	fc_strv_add(&v, &n, fc_strdup("a"));
	CHECK_INT(n, 3);
	CHECK_STR(v[0], "a");
	CHECK_STR(v[1], "b");
	CHECK_STR(v[2], "a");
	CHECK(v[3] == NULL);
	fc_strv_free(v);
	/* An empty vector may be NULL, and freeing it is fine. */
	fc_strv_free(NULL);
}

static void test_add_unique(void)
{
	char **v = NULL;
	size_t n = 0;
	CHECK(fc_strv_add_unique(&v, &n, fc_strdup("fips=0")));
	CHECK(fc_strv_add_unique(&v, &n, fc_strdup("boot=/dev/vda1")));
	/* The duplicate is freed (ASan would report a leak otherwise). */
	CHECK(!fc_strv_add_unique(&v, &n, fc_strdup("fips=0")));
	CHECK_INT(n, 2);
	CHECK(v[2] == NULL);
	CHECK(fc_strv_contains(v, "boot=/dev/vda1"));
	CHECK(!fc_strv_contains(v, "fips"));
	CHECK(!fc_strv_contains(NULL, "fips"));
	fc_strv_free(v);
}

static void test_split(void)
{
	size_t n = 99;
	char **v = fc_strv_split("kernel.fips_enabled,,boot.hmac,", ',', &n);
	CHECK_INT(n, 2);
	CHECK_STR(v[0], "kernel.fips_enabled");
	CHECK_STR(v[1], "boot.hmac");
	CHECK(v[2] == NULL);
	fc_strv_free(v);
	v = fc_strv_split("", ',', &n);
	CHECK_INT(n, 0);
	CHECK(v != NULL && v[0] == NULL);
	fc_strv_free(v);
	v = fc_strv_split("/a:/b", ':', &n);
	CHECK_INT(n, 2);
	CHECK_STR(v[1], "/b");
	fc_strv_free(v);
}

static void test_sort_join(void)
{
	char **v = NULL;
	size_t n = 0;
	fc_strv_add(&v, &n, fc_strdup("rhel-9.json"));
	fc_strv_add(&v, &n, fc_strdup("alma-9.json"));
	fc_strv_add(&v, &n, fc_strdup("Rocky-9.json"));
	fc_strv_sort(v, n);
	char *s = fc_strv_join(v, n, " ");
	CHECK_STR(s, "Rocky-9.json alma-9.json rhel-9.json");
	free(s);
	s = fc_strv_join(v, 1, ",");
	CHECK_STR(s, "Rocky-9.json");
	free(s);
	s = fc_strv_join(v, 0, ",");
	CHECK_STR(s, "");
	free(s);
	fc_strv_free(v);
}

static void test_borrowing(void)
{
	char arg[] = "a,b,,c";
	const char **v = NULL;
	size_t n = 0;
	fc_strv_push(&v, &n, "first");
	fc_strv_push_list(&v, &n, arg);
	CHECK_INT(n, 4);
	CHECK_STR(v[0], "first");
	CHECK_STR(v[1], "a");
	CHECK_STR(v[3], "c");
	CHECK(v[4] == NULL);
	/* The items point into arg, split in place. */
	CHECK(v[1] == arg);
	free(v);
}

int main(void)
{
	RUN(test_add_terminates);
	RUN(test_add_unique);
	RUN(test_split);
	RUN(test_sort_join);
	RUN(test_borrowing);
	TEST_MAIN_END();
}
