// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/core/report.c and src/core/report-json.c: the finding mapping
 * both ways (the probe helpers' pipe protocol relies on it). */
#include "harness.h"

#include "core/report-json.h"

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

/* A whole report both ways: what 'evidence show' renders again. */
static void test_report_roundtrip(void)
{
	struct fc_report *r = fc_report_new();
	r->fipsctl_version = fc_strdup("0.1.0");
	r->root = fc_strdup("/srv/img");
	r->host.hostname = fc_strdup("h1");
	r->host.os_id = fc_strdup("almalinux");
	r->host.time_utc = fc_strdup("2023-11-14T22:13:20Z");
	r->fips_mode_setup_verdict = fc_strdup("FIPS mode is enabled.");
	struct fc_finding *f = fc_report_add(r, "kernel.fips_enabled", NULL);
	f->title = fc_strdup("Kernel FIPS mode flag");
	f->requirement = fc_strdup("FIPS 140-3 OE");
	fc_finding_status(f, FC_STATUS_PASS, "on");
	fc_finding_fact(f, "fips_enabled", "1");
	fc_finding_status(fc_report_add(r, "boot.hmac", NULL), FC_STATUS_FAIL,
			  "no hmac");
	struct json_object *o = fc_report_to_json(r);
	struct fc_report *back = NULL;
	char *err = NULL;
	CHECK_INT(fc_report_from_json(o, &back, &err), 0);
	CHECK(err == NULL);
	CHECK_STR(back->fipsctl_version, "0.1.0");
	CHECK_STR(back->root, "/srv/img");
	CHECK_STR(back->host.hostname, "h1");
	CHECK(back->host.arch == NULL);
	CHECK_STR(back->host.time_utc, "2023-11-14T22:13:20Z");
	CHECK_STR(back->fips_mode_setup_verdict, "FIPS mode is enabled.");
	CHECK_INT(back->n_findings, 2);
	CHECK_STR(back->findings[0]->title, "Kernel FIPS mode flag");
	CHECK_STR(back->findings[0]->requirement, "FIPS 140-3 OE");
	CHECK_STR(fc_finding_get_fact(back->findings[0], "fips_enabled"), "1");
	CHECK_INT(fc_report_worst(back), FC_STATUS_FAIL);
	json_object_put(o);
	fc_report_free(back);
	fc_report_free(r);
}

static void expect_bad_report(const char *json, const char *msg_part)
{
	struct json_object *o = json_tokener_parse(json);
	struct fc_report *r = NULL;
	char *err = NULL;
	CHECK_INT(fc_report_from_json(o, &r, &err), -EBADMSG);
	CHECK(r == NULL);
	CHECK(err && strstr(err, msg_part));
	if (err && !strstr(err, msg_part))
		fprintf(stderr, "  got: %s\n", err);
	free(err);
	json_object_put(o);
}

static void test_report_malformed(void)
{
	expect_bad_report("[]", "not a JSON object");
	expect_bad_report("{\"schema\":\"https://fipsctl.invalid/schemas/"
			  "report-2.0.json\"}",
			  "unsupported");
	expect_bad_report("{\"schema\":\"https://fipsctl.invalid/schemas/"
			  "report-1.0.json\",\"findings\":[]}",
			  "\"host\"");
	expect_bad_report("{\"schema\":\"https://fipsctl.invalid/schemas/"
			  "report-1.0.json\",\"host\":{\"time\":\"t\"},"
			  "\"fipsctl_version\":\"1\",\"root\":\"/\","
			  "\"findings\":[{\"id\":\"a\"}]}",
			  "finding 1");
}

int main(void)
{
	RUN(test_roundtrip);
	RUN(test_report_roundtrip);
	RUN(test_report_malformed);
	RUN(test_malformed);
	RUN(test_worst_and_counts);
	TEST_MAIN_END();
}
