// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-run.c: the selection by --algorithm, and a
 * vector the loader marked skipped, which no adapter sees.
 */
#include "harness.h"
#include "kat-fake.h"

static void test_selection(void)
{
	const char *const globs[] = { "sha2-*", "AES-GCM", NULL };
	struct fc_kat_opts o = { .algorithms = globs };
	CHECK(fc_kat_alg_selected(&o, "SHA2-256"));
	CHECK(fc_kat_alg_selected(&o, "aes-gcm"));
	CHECK(!fc_kat_alg_selected(&o, "SHA-1"));
	CHECK(fc_kat_alg_selected(NULL, "anything"));
	/* Every cell the loader makes is a known algorithm. */
	size_t n = 0;
	while (fc_kat_algorithms[n])
		n++;
	CHECK(n >= 30);
}

static void test_marked_and_unknown(void)
{
	struct fake f = { 0 };
	char msg[512];
	memcpy(f.out, tag, sizeof(tag));
	struct fc_kat_vector v = mac_vec(FC_KAT_VALID);
	v.skip = "bit-oriented message (5 bits)";
	CHECK(verdict(&f, &v, msg, sizeof(msg)) == 's');
	CHECK_STR(msg, "bit-oriented message (5 bits)");
	CHECK_INT(f.calls, 0);
	/* An operation this core does not know is skipped, never passed. */
	v.skip = NULL;
	v.op = FC_KAT_OP_COUNT_;
	CHECK(verdict(&f, &v, msg, sizeof(msg)) == 's');
	CHECK(strstr(msg, "unknown operation") != NULL);
	CHECK_INT(f.calls, 0);
}

int main(void)
{
	RUN(test_selection);
	RUN(test_marked_and_unknown);
	TEST_MAIN_END();
}
