// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-verdict.c: the decision on an adapter's
 * answer, one row per case (expected result x what the library did x
 * whether it computed the expected output x whether the operation can
 * refuse), and what each judgement writes.
 */
#include "harness.h"

#include "kat/kat-run.h"

static void test_judge(void)
{
	static const struct {
		enum fc_kat_expect expect;
		int rc;
		bool matched, checking;
		enum fc_kat_judgement want;
	} rows[] = {
		/* the library computed or accepted */
		{ FC_KAT_VALID, FC_KAT_OK, true, false, FC_KAT_J_PASS },
		{ FC_KAT_VALID, FC_KAT_OK, false, false, FC_KAT_J_WRONG_OUTPUT },
		{ FC_KAT_VALID, FC_KAT_OK, true, true, FC_KAT_J_PASS },
		{ FC_KAT_VALID, FC_KAT_OK, false, true, FC_KAT_J_WRONG_OUTPUT },
		{ FC_KAT_INVALID, FC_KAT_OK, true, false, FC_KAT_J_PRODUCED_INVALID },
		{ FC_KAT_INVALID, FC_KAT_OK, false, false, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_OK, true, true, FC_KAT_J_ACCEPTED_INVALID },
		{ FC_KAT_INVALID, FC_KAT_OK, false, true, FC_KAT_J_ACCEPTED_INVALID },
		{ FC_KAT_ACCEPTABLE, FC_KAT_OK, true, false, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_OK, false, false, FC_KAT_J_WRONG_OUTPUT },
		{ FC_KAT_ACCEPTABLE, FC_KAT_OK, true, true, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_OK, false, true, FC_KAT_J_WRONG_OUTPUT },
		/* it refused the input: right for all but a valid case */
		{ FC_KAT_VALID, FC_KAT_REJECTED, true, false, FC_KAT_J_REJECTED_VALID },
		{ FC_KAT_VALID, FC_KAT_REJECTED, false, false, FC_KAT_J_REJECTED_VALID },
		{ FC_KAT_VALID, FC_KAT_REJECTED, true, true, FC_KAT_J_REJECTED_VALID },
		{ FC_KAT_VALID, FC_KAT_REJECTED, false, true, FC_KAT_J_REJECTED_VALID },
		{ FC_KAT_INVALID, FC_KAT_REJECTED, true, false, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_REJECTED, false, false, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_REJECTED, true, true, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_REJECTED, false, true, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_REJECTED, true, false, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_REJECTED, false, false, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_REJECTED, true, true, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_REJECTED, false, true, FC_KAT_J_PASS },
		/* it failed: the same as a refusal */
		{ FC_KAT_VALID, FC_KAT_ERROR, true, false, FC_KAT_J_FAILED_VALID },
		{ FC_KAT_VALID, FC_KAT_ERROR, false, false, FC_KAT_J_FAILED_VALID },
		{ FC_KAT_VALID, FC_KAT_ERROR, true, true, FC_KAT_J_FAILED_VALID },
		{ FC_KAT_VALID, FC_KAT_ERROR, false, true, FC_KAT_J_FAILED_VALID },
		{ FC_KAT_INVALID, FC_KAT_ERROR, true, false, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_ERROR, false, false, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_ERROR, true, true, FC_KAT_J_PASS },
		{ FC_KAT_INVALID, FC_KAT_ERROR, false, true, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_ERROR, true, false, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_ERROR, false, false, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_ERROR, true, true, FC_KAT_J_PASS },
		{ FC_KAT_ACCEPTABLE, FC_KAT_ERROR, false, true, FC_KAT_J_PASS },
		/* not offered: skipped, whatever the case */
		{ FC_KAT_VALID, FC_KAT_UNSUPPORTED, true, false, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_VALID, FC_KAT_UNSUPPORTED, false, false, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_VALID, FC_KAT_UNSUPPORTED, true, true, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_VALID, FC_KAT_UNSUPPORTED, false, true, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_INVALID, FC_KAT_UNSUPPORTED, true, false, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_INVALID, FC_KAT_UNSUPPORTED, false, false, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_INVALID, FC_KAT_UNSUPPORTED, true, true, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_INVALID, FC_KAT_UNSUPPORTED, false, true, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_ACCEPTABLE, FC_KAT_UNSUPPORTED, true, false, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_ACCEPTABLE, FC_KAT_UNSUPPORTED, false, false, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_ACCEPTABLE, FC_KAT_UNSUPPORTED, true, true, FC_KAT_J_NOT_OFFERED },
		{ FC_KAT_ACCEPTABLE, FC_KAT_UNSUPPORTED, false, true, FC_KAT_J_NOT_OFFERED },
		/* no fc_kat_rc at all */
		{ FC_KAT_VALID, 99, true, false, FC_KAT_J_BAD_RC },
		{ FC_KAT_VALID, 99, false, false, FC_KAT_J_BAD_RC },
		{ FC_KAT_VALID, 99, true, true, FC_KAT_J_BAD_RC },
		{ FC_KAT_VALID, 99, false, true, FC_KAT_J_BAD_RC },
		{ FC_KAT_INVALID, 99, true, false, FC_KAT_J_BAD_RC },
		{ FC_KAT_INVALID, 99, false, false, FC_KAT_J_BAD_RC },
		{ FC_KAT_INVALID, 99, true, true, FC_KAT_J_BAD_RC },
		{ FC_KAT_INVALID, 99, false, true, FC_KAT_J_BAD_RC },
		{ FC_KAT_ACCEPTABLE, 99, true, false, FC_KAT_J_BAD_RC },
		{ FC_KAT_ACCEPTABLE, 99, false, false, FC_KAT_J_BAD_RC },
		{ FC_KAT_ACCEPTABLE, 99, true, true, FC_KAT_J_BAD_RC },
		{ FC_KAT_ACCEPTABLE, 99, false, true, FC_KAT_J_BAD_RC },
	};
	CHECK_INT(FC_ARRAY_SIZE(rows), 3 * 5 * 2 * 2);
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		enum fc_kat_judgement j = fc_kat_judge(
			rows[i].expect, rows[i].rc, rows[i].matched,
			rows[i].checking);
		if (j != rows[i].want) {
			fprintf(stderr, "row %zu: judgement %d, expected %d\n", i,
				(int)j, (int)rows[i].want);
			fc_t_fail_now++;
		}
	}
}

/* A valid edge case (vector edge_case) the library refuses is a warning
 * naming the flag; the same refusal without the flag, a wrong output and
 * an accepted invalid case stay failures. */
static void test_edge_case(void)
{
	static const struct {
		const char *edge;
		enum fc_kat_expect expect;
		int rc;
		bool matched, checking;
		enum fc_kat_verdict want;
	} rows[] = {
		{ "PointDuplication", FC_KAT_VALID, FC_KAT_REJECTED, true, true,
		  FC_KAT_V_WARN },
		{ "ArithmeticError", FC_KAT_VALID, FC_KAT_ERROR, true, true,
		  FC_KAT_V_WARN },
		{ NULL, FC_KAT_VALID, FC_KAT_REJECTED, true, true,
		  FC_KAT_V_FAIL },
		{ "PointDuplication", FC_KAT_VALID, FC_KAT_OK, false, false,
		  FC_KAT_V_FAIL },
		{ "PointDuplication", FC_KAT_INVALID, FC_KAT_OK, true, true,
		  FC_KAT_V_FAIL },
		{ "PointDuplication", FC_KAT_VALID, FC_KAT_OK, true, true,
		  FC_KAT_V_PASS },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		struct fc_kat_vector v = {
			.alg = "ECDSA-SigVer",
			.source = "wycheproof/ecdsa_secp521r1_sha512_test.json",
			.tc_id = 494,
			.op = FC_KAT_OP_ECDSA_VERIFY,
			.expect = (uint8_t)rows[i].expect,
			.edge_case = rows[i].edge,
		};
		struct fc_kat_outcome o = { FC_KAT_V_PASS, NULL };
		struct fc_kat_why why;
		fc_kat_whyf(&why, "%s", "verification has failed");
		fc_kat_settle(&o, &v, rows[i].rc, rows[i].matched,
			      rows[i].checking, "signature verified", &why);
		if (o.v != rows[i].want) {
			fprintf(stderr, "row %zu: verdict %d, expected %d\n", i,
				(int)o.v, (int)rows[i].want);
			fc_t_fail_now++;
		}
		if (rows[i].want == FC_KAT_V_WARN)
			CHECK(o.why && strstr(o.why, "the library rejects a valid "
						     "signature in a rare edge "
						     "case (Wycheproof flag ") &&
			      strstr(o.why, rows[i].edge));
		free(o.why);
	}
}

/* What each judgement writes: the verdict and the message. */
static void test_write(void)
{
	static const struct {
		enum fc_kat_judgement j;
		int rc;
		const char *what, *why; /* why: the adapter's words */
		enum fc_kat_verdict want;
		const char *msg; /* NULL: the message before stays */
	} rows[] = {
		{ FC_KAT_J_PASS, FC_KAT_OK, "MAC", "", FC_KAT_V_PASS, NULL },
		{ FC_KAT_J_NOT_OFFERED, FC_KAT_UNSUPPORTED, "MAC", "",
		  FC_KAT_V_SKIP, "not offered" },
		{ FC_KAT_J_NOT_OFFERED, FC_KAT_UNSUPPORTED, "MAC",
		  "SHA-1 is not allowed", FC_KAT_V_SKIP, "SHA-1 is not allowed" },
		{ FC_KAT_J_REJECTED_VALID, FC_KAT_REJECTED, "signature verified",
		  "", FC_KAT_V_FAIL, "rejected a valid case: signature verified" },
		{ FC_KAT_J_REJECTED_VALID, FC_KAT_REJECTED, "signature verified",
		  "bad signature", FC_KAT_V_FAIL,
		  "rejected a valid case: bad signature" },
		{ FC_KAT_J_FAILED_VALID, FC_KAT_ERROR, "derived key", "",
		  FC_KAT_V_FAIL, "failed on a valid case: derived key" },
		{ FC_KAT_J_FAILED_VALID, FC_KAT_ERROR, "derived key", "EVP error",
		  FC_KAT_V_FAIL, "failed on a valid case: EVP error" },
		{ FC_KAT_J_ACCEPTED_INVALID, FC_KAT_OK, "tag accepted", "x",
		  FC_KAT_V_FAIL, "accepted an invalid case (tag accepted)" },
		{ FC_KAT_J_PRODUCED_INVALID, FC_KAT_OK, "MAC", "x", FC_KAT_V_FAIL,
		  "produced the output of an invalid case (MAC)" },
		/* the runner described the mismatch before */
		{ FC_KAT_J_WRONG_OUTPUT, FC_KAT_OK, "MAC", "", FC_KAT_V_FAIL,
		  NULL },
		{ FC_KAT_J_BAD_RC, 7, "MAC", "", FC_KAT_V_FAIL,
		  "adapter returned 7" },
		/* not a judgement: the adapter's fault, never a pass */
		{ FC_KAT_J_COUNT_, 7, "MAC", "", FC_KAT_V_FAIL,
		  "adapter returned 7" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		struct fc_kat_outcome o = { FC_KAT_V_PASS, fc_strdup("before") };
		struct fc_kat_why why;
		fc_kat_whyf(&why, "%s", rows[i].why);
		fc_kat_outcome_write(&o, rows[i].j, rows[i].rc, rows[i].what,
				     &why);
		const char *want = rows[i].msg ? rows[i].msg : "before";
		if (o.v != rows[i].want || !o.why || !fc_streq(o.why, want)) {
			fprintf(stderr, "row %zu: verdict %d \"%s\", expected %d "
				"\"%s\"\n", i, (int)o.v, o.why ? o.why : "(null)",
				(int)rows[i].want, want);
			fc_t_fail_now++;
		}
		free(o.why);
	}
}

static void test_mismatch(void)
{
	static const uint8_t a[30] = { 0xab }, b[30] = { 0xcd };
	struct fc_kat_outcome o = { FC_KAT_V_PASS, NULL };
	fc_kat_mismatch(&o, "tag", a, b, 2);
	CHECK_INT(o.v, FC_KAT_V_FAIL);
	CHECK_STR(o.why, "tag differs: got ab00, expected cd00");
	/* Long values are cut after 24 bytes, with their length. */
	fc_kat_mismatch(&o, "digest", a, b, 30);
	CHECK(o.why && strstr(o.why, "got ab0000") &&
	      strstr(o.why, "...(30 bytes), expected cd00"));
	fc_kat_mismatch(&o, "output", a, b, 0);
	CHECK_STR(o.why, "output differs: got (empty), expected (empty)");
	free(o.why);
}

int main(void)
{
	RUN(test_judge);
	RUN(test_write);
	RUN(test_edge_case);
	RUN(test_mismatch);
	TEST_MAIN_END();
}
