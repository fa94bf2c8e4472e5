// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/policy-lint.c and policy-table.c: a table's
 * text checked, with every problem reported in file order at its
 * position.
 */
#include <errno.h>
#include <string.h>

#include "harness.h"
#include "policy-table.h"

/* Every problem is reported, in file order, with its position. */
static void test_lint_collects(void)
{
	static const char text[] =
		"{\"format\": \"fipsctl-policy/1\", \"name\": \"-x\",\n"
		" \"title\": \"\", \"vendor\": \"v\", \"applies_to\": {\"os\": [],"
		" \"arches\": [\"x86_64\"]},\n"
		" \"provenance\": {\"source\": \"s\", \"date\": \"2026-13\", "
		"\"confidence\": \"sure\"},\n"
		" \"modules\": {\"kernel\": {\"builds\": [{\"arches\": "
		"[\"s390x\"], \"packages\": [], \"certificate\": {\"number\": 5, "
		"\"in_process\": \"x\", " PROV "}}]},\n"
		" \"gnutls\": {\"builds\": [{\"arches\": [\"x86_64\"], "
		"\"packages\": [{\"name\": \"gnutls\", \"evr_glob\": "
		"\"3.8.3-6.*\"}], " CERT("null") ", " PROV "}]}}}\n";
	struct fc_policy *p = NULL;
	struct fc_diags d = { 0 };
	CHECK_INT(fc_policy_parse(text, strlen(text), "t.json", &p, &d),
		  -EBADMSG);
	CHECK(p == NULL);
	static const char *const want[] = {
		"1:12 format fipsctl-policy/1 is no longer read",
		"1:40 \"-x\" is not a valid table name",
		"2:11 \"title\" must not be empty",
		"2:51 \"os\" must not be empty",
		"3:40 \"2026-13\" is not a date",
		"3:65 \"sure\" is not a valid confidence",
		"4:36 a build has no \"provenance\"",
		"4:36 a build must name its packages",
		"4:48 architecture \"s390x\" is not one of",
		"4:89 a certificate names its \"number\"",
		"5:91 pattern \"3.8.3-6.*\" also matches the stock distribution "
		"build gnutls-3.8.3-6.el9:",
	};
	CHECK_INT(d.n, FC_ARRAY_SIZE(want));
	for (size_t i = 0; i < d.n && i < FC_ARRAY_SIZE(want); i++) {
		_cleanup_free_ char *got = fc_asprintf("%u:%u %s", d.v[i].line,
						       d.v[i].col, d.v[i].msg);
		if (strncmp(got, want[i], strlen(want[i])) != 0) {
			fprintf(stderr, "diag %zu: \"%s\", expected \"%s...\"\n",
				i, got, want[i]);
			fc_t_fail_now++;
		}
	}
	fc_diags_free(&d);
}

int main(void)
{
	RUN(test_lint_collects);
	TEST_MAIN_END();
}
