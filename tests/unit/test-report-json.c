// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/report.c and src/report-json.c: the finding mapping
 * both ways (the probe helpers' pipe protocol relies on it). */
#include "harness.h"

#include "report-json.h"

static void test_roundtrip(void)
{
	struct fc_report *r = fc_report_new();
	struct fc_finding *f = fc_report_add(r, "openssl.provider.x", "openssl.provider");
	fc_finding_status(f, FC_STATUS_FAIL, "provider %s", "dead");
	fc_finding_fact(f, "b", "2");
	fc_finding_fact(f, "a", "1");
	fc_finding_fact(f, "b", "3"); /* replaces, keeps position */
	fc_finding_remedy(f, "fips-mode-setup --enable");
	struct json_object *o = fc_finding_to_json(f);

	struct fc_report *back = fc_report_new();
	char *err = NULL;
	CHECK_INT(fc_finding_from_json(o, back, &err), 0);
	CHECK(err == NULL);
	CHECK_INT(back->n_findings, 1);
	struct fc_finding *g = back->findings[0];
	CHECK_STR(g->id, "openssl.provider.x");
	CHECK_STR(g->check_id, "openssl.provider");
	CHECK_INT(g->status, FC_STATUS_FAIL);
	CHECK_STR(g->summary, "provider dead");
	CHECK_STR(g->remediation, "fips-mode-setup --enable");
	CHECK_INT(g->n_facts, 2);
	CHECK_STR(g->facts[0].key, "b");
	CHECK_STR(g->facts[0].value, "3");
	CHECK_STR(fc_finding_get_fact(g, "a"), "1");
	json_object_put(o);
	fc_report_free(back);
	fc_report_free(r);
}

static void expect_bad(const char *json, const char *msg_part)
{
	struct json_object *o = json_tokener_parse(json);
	struct fc_report *r = fc_report_new();
	char *err = NULL;
	CHECK_INT(fc_finding_from_json(o, r, &err), -EBADMSG);
	CHECK(err && strstr(err, msg_part));
	if (err && !strstr(err, msg_part))
		fprintf(stderr, "  got: %s\n", err);
	/* Nothing half-added on error. */
	CHECK_INT(r->n_findings, 0);
	free(err);
	json_object_put(o);
	fc_report_free(r);
}

static void test_malformed(void)
{
	expect_bad("[]", "not an object");
	expect_bad("{\"check\":\"a\",\"status\":\"pass\",\"summary\":\"s\"}", "\"id\"");
	expect_bad("{\"id\":\"a\",\"check\":\"a\",\"status\":\"maybe\",\"summary\":\"s\"}",
		   "unknown status");
	expect_bad("{\"id\":1,\"check\":\"a\",\"status\":\"pass\",\"summary\":\"s\"}",
		   "not a string");
	expect_bad("{\"id\":\"a\",\"check\":\"a\",\"status\":\"pass\",\"summary\":\"s\","
		   "\"facts\":[{\"key\":\"k\"}]}",
		   "fact 0");
	expect_bad("{\"id\":\"a\",\"check\":\"a\",\"status\":\"pass\",\"summary\":\"s\","
		   "\"facts\":{}}",
		   "not an array");
}

static void test_worst_and_counts(void)
{
	struct fc_report *r = fc_report_new();
	CHECK_INT(fc_report_worst(r), FC_STATUS_PASS);
	fc_finding_status(fc_report_add(r, "a", NULL), FC_STATUS_WARN, "w");
	fc_finding_status(fc_report_add(r, "b", NULL), FC_STATUS_SKIP, "s");
	CHECK_INT(fc_report_worst(r), FC_STATUS_SKIP);
	fc_finding_status(fc_report_add(r, "c", NULL), FC_STATUS_ERROR, "e");
	fc_finding_status(fc_report_add(r, "d", NULL), FC_STATUS_FAIL, "f");
	CHECK_INT(fc_report_worst(r), FC_STATUS_ERROR);
	size_t c[FC_STATUS_COUNT_];
	fc_report_count(r, c);
	CHECK_INT(c[FC_STATUS_WARN], 1);
	CHECK_INT(c[FC_STATUS_FAIL], 1);
	CHECK_INT(c[FC_STATUS_PASS], 0);
	enum fc_status st;
	CHECK_INT(fc_status_from_name("warn", &st), 0);
	CHECK_INT(st, FC_STATUS_WARN);
	CHECK_INT(fc_status_from_name("WARN", &st), -EINVAL);
	fc_report_free(r);
}

int main(void)
{
	RUN(test_roundtrip);
	RUN(test_malformed);
	RUN(test_worst_and_counts);
	TEST_MAIN_END();
}
