// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/lifecycle.c: what a certificate is on a given
 * day, every state, from the dates of the certificate data (read by
 * src/policy/cmvp.c from policy-table.h's cmvp_text).
 */
#include "harness.h"
#include "policy-table.h"

#include "base/date.h"
#include "policy/cmvp.h"

static long day(const char *s)
{
	long d = -1;
	CHECK_INT(fc_date_parse(s, &d), 0);
	return d;
}

static struct fc_cmvp *load_db(void)
{
	struct fc_cmvp *db = NULL;
	struct fc_diags d = { 0 };
	if (fc_cmvp_parse(cmvp_text, strlen(cmvp_text), "cmvp.json", &db,
			  &d) < 0)
		fc_diags_print(&d, stderr);
	fc_diags_free(&d);
	return db;
}

struct life_case {
	const char *number, *in_process, *day;
	enum fc_life want;
	const char *status, *phrase;
};

static const struct life_case cases[] = {
	{ "4750", NULL, "2026-12-01", FC_LIFE_ACTIVE, "active",
	  "certificate #4750, active as of 2026-12-01 (sunset 2029-08-01)" },
	/* The validation day itself counts; the day before does not. */
	{ "4750", NULL, "2024-08-02", FC_LIFE_ACTIVE, "active", NULL },
	{ "4750", NULL, "2024-08-01", FC_LIFE_NOT_YET, "not-yet-validated",
	  "certificate #4750, not yet validated on 2024-08-01 (validated "
	  "2024-08-02)" },
	/* On the sunset date CMVP moves it to the historical list. */
	{ "4750", NULL, "2029-07-31", FC_LIFE_ACTIVE, "active", NULL },
	{ "4750", NULL, "2029-08-01", FC_LIFE_HISTORICAL, "historical",
	  "certificate #4750, historical since its sunset date 2029-08-01 "
	  "(as of 2029-08-01)" },
	{ "99", NULL, "2025-01-01", FC_LIFE_REVOKED, "revoked",
	  "certificate #99, revoked (as of 2025-01-01)" },
	{ NULL, "review", "2026-12-01", FC_LIFE_IN_PROCESS,
	  "in-process:Pending Review",
	  "in CMVP review (GnuTLS next: Pending Review since 2025-11-25), not "
	  "validated" },
	{ "1234", NULL, "2026-12-01", FC_LIFE_UNKNOWN, "unknown",
	  "certificate #1234, status unknown (not in the certificate data)" },
	{ NULL, NULL, "2026-12-01", FC_LIFE_UNKNOWN, "unknown",
	  "certificate number and status unknown" },
};

static void test_states(void)
{
	struct fc_cmvp *db = load_db();
	CHECK(db != NULL);
	if (!db)
		return;
	CHECK_INT(db->data_as_of, day("2026-04-15"));
	for (size_t i = 0; i < FC_ARRAY_SIZE(cases); i++) {
		const struct life_case *c = &cases[i];
		struct fc_policy_cert cert = {
			.number = (char *)c->number,
			.in_process = (char *)c->in_process,
		};
		struct fc_life_at a;
		fc_cert_life(db, &cert, day(c->day), &a);
		if (a.life != c->want) {
			fprintf(stderr, "case %zu: %s, expected %s\n", i,
				fc_life_name(a.life), fc_life_name(c->want));
			fc_t_fail_now++;
		}
		_cleanup_free_ char *st = fc_life_status(&a);
		CHECK_STR(st, c->status);
		if (c->phrase) {
			_cleanup_free_ char *ph = fc_life_phrase(&a, &cert);
			CHECK_STR(ph, c->phrase);
		}
	}
	CHECK(fc_life_validated(FC_LIFE_ACTIVE));
	CHECK(!fc_life_validated(FC_LIFE_HISTORICAL));
	CHECK(!fc_life_validated(FC_LIFE_IN_PROCESS));
	fc_cmvp_free(db);
}

/* The data is stale 180 days after it was taken, not before. */
static void test_stale(void)
{
	struct fc_cmvp *db = load_db();
	if (!db)
		return;
	CHECK(!fc_cmvp_stale(db, day("2026-10-12")));
	CHECK(fc_cmvp_stale(db, day("2026-10-13")));
	fc_cmvp_free(db);
}

/* The data's own lint: a status that is not CMVP's, an in-process state
 * that is not NIST's, dates that do not exist or run backwards, the same
 * certificate twice. */
static void test_lint(void)
{
	static const char text[] =
		"{\"format\": \"fipsctl-cmvp/1\", \"data_as_of\": \"2026-02-30\", "
		PROV ",\n"
		" \"certificates\": [\n"
		"  {\"number\": 1, \"module\": \"m\", \"vendor\": \"v\", "
		"\"status\": \"expired\", \"validation_date\": \"2024-01-01\", "
		"\"sunset_date\": \"2029-01-01\", " PROV "},\n"
		"  {\"number\": 2, \"module\": \"m\", \"vendor\": \"v\", "
		"\"status\": \"active\", \"validation_date\": \"2024-01-01\", "
		"\"sunset_date\": \"2023-01-01\", " PROV "},\n"
		"  {\"number\": 2, \"module\": \"m\", \"vendor\": \"v\", "
		"\"status\": \"active\", \"validation_date\": \"2024-01-01\", "
		"\"sunset_date\": \"2029-01-01\", " PROV "}],\n"
		" \"in_process\": [\n"
		"  {\"id\": \"x\", \"module\": \"m\", \"vendor\": \"v\", "
		"\"status\": \"in-process:Waiting\", \"since\": \"2025-01-01\", "
		PROV "}]}\n";
	struct fc_cmvp *db = NULL;
	struct fc_diags d = { 0 };
	CHECK_INT(fc_cmvp_parse(text, strlen(text), "c.json", &db, &d),
		  -EBADMSG);
	CHECK(db == NULL);
	static const char *const want[] = {
		"1:44 \"2026-02-30\" is not a date",
		"3:57 \"expired\" is not a CMVP status",
		"4:115 the sunset date is not after the validation date",
		"5:3 duplicate entry: certificate 2",
		"7:55 \"in-process:Waiting\" is not a CMVP status",
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

/* A table's references resolve, or each is reported at its place. */
static void test_refs(void)
{
	struct fc_cmvp *db = load_db();
	struct fc_policy *p = load_table();
	CHECK(db && p);
	if (db && p) {
		struct fc_diags d = { 0 };
		CHECK_INT(fc_cmvp_check_refs(p, db, &d), 0);
		CHECK_INT(fc_cmvp_check_refs(p, NULL, &d), 4);
		CHECK(d.n == 4 && d.v[0].line > 0 &&
		      strstr(d.v[0].msg, "no certificate data"));
		fc_diags_free(&d);
	}
	fc_cmvp_free(db);
	fc_policy_free(p);
}

int main(void)
{
	RUN(test_states);
	RUN(test_stale);
	RUN(test_lint);
	RUN(test_refs);
	TEST_MAIN_END();
}
