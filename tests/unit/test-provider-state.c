// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of helpers/openssl/provider-state.c: where the fips provider
 * stands, one row per state and the rows that pin down which fact wins
 * when several apply.  The decision is pure (no OpenSSL call), so the
 * rows are the facts themselves; the probe that gathers them from a real
 * libcrypto and a real fips.so is tested end to end in
 * tests/probes/test-openssl.sh.
 */
#include "harness.h"

#include "base/util.h"
#include "provider-state.h"

/* Columns: the fields of struct fc_ossl_provider_facts in order. */
static const struct row {
	const char *name;
	struct fc_ossl_provider_facts facts;
	enum fc_ossl_provider_state want;
} rows[] = {
	/* configured, activate, available, active, have_status, status,
	 * module_missing, default_props_fips */
	{ "active, default properties fips=yes",
	  { 1, 1, 1, 1, 1, 1, 0, 1 },
	  FC_OSSL_SELECTED },
	{ "active, default properties without fips=yes",
	  { 1, 1, 1, 1, 1, 1, 0, 0 },
	  FC_OSSL_NOT_SELECTED },
	{ "active, status 0", { 1, 1, 1, 1, 1, 0, 0, 1 }, FC_OSSL_ERROR_STATE },
	/* A status that could not be read is not 1, whatever it holds. */
	{ "active, status unreadable",
	  { 1, 1, 1, 1, 0, 1, 0, 1 },
	  FC_OSSL_ERROR_STATE },
	/* The error state wins over the default properties. */
	{ "active, status 0, default properties without fips=yes",
	  { 1, 1, 1, 1, 1, 0, 0, 0 },
	  FC_OSSL_ERROR_STATE },
	/* Loaded is what counts, not what the file says (a program may load
	 * it itself). */
	{ "active though the configuration names none",
	  { 0, 0, 1, 1, 1, 1, 0, 1 },
	  FC_OSSL_SELECTED },
	/* 3.0 reports a broken provider available: it must be active too. */
	{ "available but not among the active providers",
	  { 1, 1, 1, 0, 0, 0, 0, 1 },
	  FC_OSSL_LOAD_FAILED },
	{ "active but not available",
	  { 1, 1, 0, 1, 1, 1, 0, 1 },
	  FC_OSSL_LOAD_FAILED },
	{ "configured and activated, fips.so missing",
	  { 1, 1, 0, 0, 0, 0, 1, 1 },
	  FC_OSSL_NOT_INSTALLED },
	{ "configured without activate, fips.so missing",
	  { 1, 0, 0, 0, 0, 0, 1, 0 },
	  FC_OSSL_NOT_INSTALLED },
	{ "configured and activated, failed to load",
	  { 1, 1, 0, 0, 0, 0, 0, 1 },
	  FC_OSSL_LOAD_FAILED },
	{ "configured without activate",
	  { 1, 0, 0, 0, 0, 0, 0, 0 },
	  FC_OSSL_NOT_ACTIVATED },
	{ "not configured", { 0, 0, 0, 0, 0, 0, 0, 0 }, FC_OSSL_NOT_CONFIGURED },
	{ "not configured, no fips.so",
	  { 0, 0, 0, 0, 0, 0, 1, 0 },
	  FC_OSSL_NOT_CONFIGURED },
	/* The default properties alone load nothing. */
	{ "not configured, default properties fips=yes",
	  { 0, 0, 0, 0, 0, 0, 0, 1 },
	  FC_OSSL_NOT_CONFIGURED },
};

static void test_states(void)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		enum fc_ossl_provider_state got = fc_ossl_provider_state(
			&rows[i].facts);
		if (got != rows[i].want) {
			fprintf(stderr, "%s: state %d, expected %d\n",
				rows[i].name, (int)got, (int)rows[i].want);
			fc_t_fail_now++;
		}
	}
}

static void test_active(void)
{
	CHECK(fc_ossl_provider_active(FC_OSSL_SELECTED));
	CHECK(fc_ossl_provider_active(FC_OSSL_NOT_SELECTED));
	CHECK(!fc_ossl_provider_active(FC_OSSL_ERROR_STATE));
	CHECK(!fc_ossl_provider_active(FC_OSSL_NOT_INSTALLED));
	CHECK(!fc_ossl_provider_active(FC_OSSL_LOAD_FAILED));
	CHECK(!fc_ossl_provider_active(FC_OSSL_NOT_ACTIVATED));
	CHECK(!fc_ossl_provider_active(FC_OSSL_NOT_CONFIGURED));
}

int main(void)
{
	RUN(test_states);
	RUN(test_active);
	TEST_MAIN_END();
}
