// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/base/vercmp.c: rpm's version order, by known pairs and
 * against librpm's own rpmvercmp() (the parent cannot link librpm, whose
 * librpmio pulls in a crypto library; this test can).
 */
#include "harness.h"

#include <rpm/rpmver.h>

#include "base/vercmp.h"

struct vcase {
	const char *a, *b;
	int want;
};

/* Each pair is also checked the other way round (the result negated). */
static const struct vcase cases[] = {
	{ "1.0", "1.0", 0 },
	{ "1.0", "2.0", -1 },
	{ "2.0.1", "2.0", 1 },
	{ "2.0.1a", "2.0.1", 1 },
	{ "5.5p1", "5.5p10", -1 },
	{ "10xyz", "10.1xyz", -1 },
	{ "xyz10", "xyz10.1", -1 },
	{ "xyz.4", "8", -1 },         /* letters are older than digits */
	{ "6.0.rc1", "6.0", 1 },      /* no '~': rc1 is an extra part */
	{ "10b2", "10a1", 1 },
	{ "1.0a", "1.0aa", -1 },
	{ "10.0001", "10.1", 0 },     /* leading zeros do not count */
	{ "4.999.9", "5.0", -1 },
	{ "2.0", "2_0", 0 },          /* any separator is a separator */
	{ "a+", "a_", 0 },
	{ "1.0", "1.0.", 0 },
	{ "123456789012345678901234567890", "99", 1 }, /* no overflow */
	{ "1.0~rc1", "1.0", -1 },
	{ "1.0~rc1", "1.0~rc2", -1 },
	{ "1.0~rc1~git123", "1.0~rc1", -1 },
	{ "1.0^", "1.0", 1 },
	{ "1.0^git1", "1.0", 1 },
	{ "1.0^git1", "1.01", -1 },
	{ "1.0^20160101", "1.0.1", -1 },
	{ "1.0~rc1^git1", "1.0~rc1", 1 },
	{ "1.0^git1~pre", "1.0^git1", -1 },
	{ "1.0^git1", "1.0~rc1", 1 },
	/* EL9 kernels: the release decides, numerically. */
	{ "284.11.1.el9_2.x86_64", "70.13.1.el9_0.x86_64", 1 },
	{ "362.8.1.el9_3.x86_64", "362.13.1.el9_3.x86_64", -1 },
	{ "", "0", -1 },
	{ "", "", 0 },
};

static void test_rpm_order(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];
		int got = fc_rpmvercmp(c->a, c->b);
		int back = fc_rpmvercmp(c->b, c->a);
		if (got != c->want || back != -c->want) {
			fprintf(stderr, "rpmvercmp(%s, %s) = %d/%d, want %d\n",
				c->a, c->b, got, back, c->want);
			CHECK(0);
		}
	}
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Strings made of the pieces rpm treats differently, compared pairwise
 * with librpm.  A fixed LCG keeps the sample the same on every run. */
static void test_same_as_librpm(void)
{
	static const char *const pieces[] = { "1", "01", "10", "9", "a", "b",
					      "Z", "~", "^", ".", "-", "_",
					      "+", "rc", "el9" };
	const size_t np = sizeof(pieces) / sizeof(pieces[0]);
	unsigned long long seed = 0x5eed;
	size_t mismatches = 0;
	for (int i = 0; i < 200000; i++) {
		char s[2][64];
		for (int k = 0; k < 2; k++) {
			s[k][0] = '\0';
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			int n = (int)((seed >> 33) % 6);
			for (int j = 0; j < n; j++) {
				seed = seed * 6364136223846793005ULL +
				       1442695040888963407ULL;
				strcat(s[k], pieces[(seed >> 33) % np]);
			}
		}
		int ours = sign(fc_rpmvercmp(s[0], s[1]));
		int rpms = sign(rpmvercmp(s[0], s[1]));
		if (ours != rpms && mismatches++ < 10)
			fprintf(stderr, "'%s' vs '%s': ours %d, rpm %d\n", s[0],
				s[1], ours, rpms);
	}
	CHECK_INT(mismatches, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(sign(rpmvercmp(cases[i].a, cases[i].b)), cases[i].want);
}

int main(void)
{
	RUN(test_rpm_order);
	RUN(test_same_as_librpm);
	TEST_MAIN_END();
}
