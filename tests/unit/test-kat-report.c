// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-report.c: the findings of a run, one per
 * algorithm cell in the core's order (the run against an adapter the test
 * controls, tests/unit/kat-fake.h).
 */
#include "harness.h"
#include "kat-fake.h"

static void test_report(void)
{
	struct fake f = { 0 };
	memcpy(f.out, tag, sizeof(tag));
	struct fc_kat_vector good = mac_vec(FC_KAT_VALID);
	struct fc_kat_vector bad = mac_vec(FC_KAT_INVALID);
	bad.alg = "HMAC-SHA2-512";
	bad.tg_id = 2;
	bad.tc_id = 9;
	struct fc_kat_vector nope = mac_vec(FC_KAT_VALID);
	nope.alg = "AES-CMAC";
	nope.op = FC_KAT_OP_CMAC;
	const struct fc_kat_vector *list[] = { &bad, &good, &nope };
	struct fc_kat_tally t = { 0 };
	struct fc_kat_opts o = { 0 };
	fc_kat_run(&fake_ops, &f, list, 3, &o, &t);
	struct fc_report *r = fc_report_new();
	CHECK_INT(fc_kat_report(r, "selftest.fake", "Fake 1.0", &t, &o), 1);
	const struct fc_finding *f256 = fc_report_find(r, "selftest.fake.hmac-sha2-256");
	const struct fc_finding *f512 = fc_report_find(r, "selftest.fake.hmac-sha2-512");
	const struct fc_finding *fcm = fc_report_find(r, "selftest.fake.aes-cmac");
	CHECK(f256 && f256->status == FC_STATUS_PASS);
	CHECK(f512 && f512->status == FC_STATUS_FAIL);
	CHECK(fcm && fcm->status == FC_STATUS_SKIP);
	CHECK(f512 && strstr(f512->summary, "unit/mac.json tgId 2 tcId 9"));
	CHECK_STR(f512 ? fc_finding_get_fact(f512, "failed") : NULL, "1");
	/* Report order is the core's list: SHA2-256 before SHA2-512. */
	CHECK(r->n_findings == 3 && r->findings[0] == f256);
	fc_report_free(r);
	fc_kat_tally_free(&t);
}

int main(void)
{
	RUN(test_report);
	TEST_MAIN_END();
}
