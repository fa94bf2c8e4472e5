// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/policy-syntax.c: the syntax of a table's
 * values.
 */
#include "harness.h"
#include "policy/policy.h"
#include "policy/policy-lint.h"

static void test_evr_syntax(void)
{
	CHECK(fc_evr_valid("1:3.0.7-20.el9_2.tuxcare.1"));
	CHECK(fc_evr_valid("5.14.0-284.11.1.el9_2"));
	CHECK(fc_evr_valid("1.0~rc1-1^git2"));
	CHECK(!fc_evr_valid("3.0.7"));        /* no release */
	CHECK(!fc_evr_valid("3.0.7-1-2"));    /* two dashes */
	CHECK(!fc_evr_valid("x:3.0.7-1"));    /* epoch not a number */
	CHECK(!fc_evr_valid(":3.0.7-1"));
	CHECK(!fc_evr_valid("3.0 7-1"));
	CHECK(!fc_evr_valid("-1"));
	CHECK(!fc_evr_valid("1-"));
	CHECK(!fc_evr_valid("1234567890:1-1")); /* epoch beyond 32 bits */
	CHECK_STR(fc_evr_no_epoch("1:3.0.7-20"), "3.0.7-20");
	CHECK_STR(fc_evr_no_epoch("3.0.7-20"), "3.0.7-20");
}

/* The other values, one row each: the validator, the value, the verdict. */
static void test_value_syntax(void)
{
	static const struct {
		bool (*valid)(const char *s);
		const char *value;
		bool want;
	} rows[] = {
		{ fc_policy_date_valid, "2026", true },
		{ fc_policy_date_valid, "2026-11", true },
		{ fc_policy_date_valid, "2026-11-30", true },
		{ fc_policy_date_valid, "2026-13", false },
		{ fc_policy_date_valid, "2026-00", false },
		{ fc_policy_date_valid, "2026-11-32", false },
		{ fc_policy_date_valid, "2026/11", false },
		{ fc_policy_date_valid, "26-11", false },
		{ fc_policy_table_name_valid, "tuxcare-esu-9.6", true },
		{ fc_policy_table_name_valid, "-x", false },
		{ fc_policy_table_name_valid, ".hidden", false },
		{ fc_policy_table_name_valid, "a/b", false },
		{ fc_policy_arch_valid, "x86_64", true },
		{ fc_policy_arch_valid, "x86-64", false },
		{ fc_policy_arch_valid, "", false },
		{ fc_policy_pkg_name_valid, "openssl-libs", true },
		{ fc_policy_pkg_name_valid, "libstdc++", true },
		{ fc_policy_pkg_name_valid, "a b", false },
		{ fc_policy_evr_glob_valid, "3.7.6-23.*", true },
		{ fc_policy_evr_glob_valid, "1:3.0.7-[0-9]*", true },
		{ fc_policy_evr_glob_valid, "3.7.6", false }, /* no release */
		{ fc_policy_evr_glob_valid, "3.7.6-2 3", false },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++)
		if (rows[i].valid(rows[i].value) != rows[i].want) {
			fprintf(stderr, "row %zu: \"%s\" is %s\n", i,
				rows[i].value,
				rows[i].want ? "refused" : "accepted");
			fc_t_fail_now++;
		}
}

int main(void)
{
	RUN(test_evr_syntax);
	RUN(test_value_syntax);
	TEST_MAIN_END();
}
