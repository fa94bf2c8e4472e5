// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/stock-glob.c: which version-release patterns
 * would also match a stock EL build, each checked against fnmatch(3) on
 * the example build it returns.
 */
#include <fnmatch.h>

#include "harness.h"

#include "policy/policy-lint.h"

static const struct {
	const char *glob;
	bool stock;
	const char *example;
} cases[] = {
	/* CIQ's 9.6 patterns before the tables named exact builds. */
	{ "1.10.0-11.*", true, "1.10.0-11.el9" },
	{ "5.14.0-570.*", true, "5.14.0-570.el9" },
	{ "3.0.7-27.*", true, "3.0.7-27.el9" },
	{ "*", true, NULL },
	{ "*-*.el9_?", true, NULL },
	/* AlmaLinux's and Rocky's rebuild suffixes are stock builds too. */
	{ "3.0.7-27.el9.alma*", true, "3.0.7-27.el9.alma" },
	{ "*.rocky.[0-9]", true, NULL },
	{ "1.0-1.el9_6.1", true, "1.0-1.el9_6.1" },
	{ "1:3.0.7-*", true, "1:3.0.7-9.el9" },
	/* A vendor suffix after the dist tag: never a stock build. */
	{ "5.14.0-284.*.el9_2.tuxcare.*", false, NULL },
	{ "1.10.0-11.el9_6ciqfips.*", false, NULL },
	{ "3.7.6-23.el9_2.ciqfips.[0-9]*", false, NULL },
	{ "1.10.0-11.el9_[!0-9]*", false, NULL },
	{ "1.10.0-11", false, NULL },
	{ "1.10.0-11.el*.x", false, NULL },
};

static void test_stock(void)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(cases); i++) {
		char *w = NULL;
		bool got = fc_policy_glob_matches_stock(cases[i].glob, &w);
		if (got != cases[i].stock) {
			fprintf(stderr, "%s: %d, expected %d\n", cases[i].glob,
				got, cases[i].stock);
			fc_t_fail_now++;
		}
		if (got) {
			/* The example really matches the pattern. */
			CHECK(w && fnmatch(cases[i].glob, w, 0) == 0);
			if (cases[i].example)
				CHECK_STR(w, cases[i].example);
		} else {
			CHECK(w == NULL);
		}
		free(w);
	}
}

int main(void)
{
	RUN(test_stock);
	TEST_MAIN_END();
}
