/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A validated-module table for the tests of src/policy/ (test-policy-*.c):
 * one entry of every kind, and the provenance and certificate every entry
 * needs.
 */
#ifndef FC_TEST_POLICY_TABLE_H
#define FC_TEST_POLICY_TABLE_H

#include <string.h>

#include "policy/policy.h"

#define PROV                                                                   \
	"\"provenance\": {\"source\": \"unit test\", \"date\": \"2026-11\", "   \
	"\"confidence\": \"verified\"}"
/* A certificate by number (null: none known); its status is the
 * certificate data's (src/policy/cmvp.h). */
#define CERT(num)                                                              \
	"\"certificate\": {\"number\": " num ", " PROV "}"
/* The module in CMVP review the build is. */
#define IN_PROCESS(id)                                                         \
	"\"certificate\": {\"in_process\": \"" id "\", " PROV "}"

/* A table exercising every kind of entry. */
static const char table_text[] __attribute__((unused)) =
	"{\"format\": \"fipsctl-policy/2\", \"name\": \"unit\",\n"
	" \"title\": \"Unit\", \"vendor\": \"Test\",\n"
	" \"applies_to\": {\"os\": [{\"id\": \"almalinux\", \"version_id\": "
	"\"9.2\", " PROV "}],\n"
	"   \"arches\": [\"x86_64\", \"aarch64\"]},\n"
	" " PROV ",\n"
	" \"modules\": {\n"
	"  \"kernel\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": "
	"\"kernel-core\", \"evr\": \"5.14.0-284.11.1.el9_2.tuxcare.6\"}], "
	CERT("4750") ", " PROV "}],\n"
	"   \"compliant\": [{\"arches\": [\"x86_64\"], \"package\": "
	"\"kernel-core\", \"evr_glob\": \"5.14.0-284.*.el9_2.tuxcare.*\", "
	"\"newer_than\": \"5.14.0-284.11.1.el9_2.tuxcare.6\", \"statement\": "
	"\"patched\", " PROV "}]},\n"
	"  \"openssl\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\", \"aarch64\"], \"module_version\": "
	"\"3.0.7-1d2bd88ee26b3c90\", \"packages\": [{\"name\": "
	"\"openssl-libs\", \"evr\": \"1:3.0.7-20.el9_2.tuxcare.1\"}], "
	CERT("4823") ", " PROV "}]},\n"
	"  \"libgcrypt\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"libgcrypt\", "
	"\"evr\": \"1.0-1\"}], " CERT("null") ", " PROV "},\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"libgcrypt\", "
	"\"evr\": \"1.0.1-1\"}], " CERT("null") ", " PROV "}],\n"
	"   \"not_covered\": [{\"arches\": [\"aarch64\"], \"reason\": \"not "
	"on arm\", " PROV "}]},\n"
	"  \"gnutls\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"gnutls\", "
	"\"evr_glob\": \"3.7.6-23.*\", \"matches_stock_builds\": true}], "
	IN_PROCESS("review") ", " PROV
	"},\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"gnutls\", "
	"\"evr\": \"3.7.6-23.el9_2.x\"}], " CERT("99") ", " PROV
	"}]}\n"
	" }}\n";

/* The certificate data table_text refers to (src/policy/cmvp.h). */
static const char cmvp_text[] __attribute__((unused)) =
	"{\"format\": \"fipsctl-cmvp/1\", \"data_as_of\": \"2026-04-15\", "
	PROV ",\n"
	" \"certificates\": [\n"
	"  {\"number\": 4750, \"module\": \"Kernel\", \"vendor\": \"V\", "
	"\"status\": \"active\", \"validation_date\": \"2024-08-02\", "
	"\"sunset_date\": \"2029-08-01\", " PROV "},\n"
	"  {\"number\": 4823, \"module\": \"OpenSSL\", \"vendor\": \"V\", "
	"\"status\": \"active\", \"validation_date\": \"2024-10-07\", "
	"\"sunset_date\": \"2029-10-06\", " PROV "},\n"
	"  {\"number\": 99, \"module\": \"GnuTLS\", \"vendor\": \"V\", "
	"\"status\": \"revoked\", \"validation_date\": \"2024-01-01\", "
	"\"sunset_date\": \"2026-07-30\", " PROV "}],\n"
	" \"in_process\": [\n"
	"  {\"id\": \"review\", \"module\": \"GnuTLS next\", \"vendor\": "
	"\"V\", \"status\": \"in-process:Pending Review\", \"since\": "
	"\"2025-11-25\", " PROV "}]}\n";

static inline struct fc_policy *load_table(void)
{
	struct fc_policy *p = NULL;
	struct fc_diags d = { 0 };
	int r = fc_policy_parse(table_text, strlen(table_text), "unit.json", &p,
				&d);
	if (r < 0)
		fc_diags_print(&d, stderr);
	fc_diags_free(&d);
	return p;
}

#endif
