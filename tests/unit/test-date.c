// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/base/date.c: day numbers, dates and the check time. */
#include "harness.h"

#include "base/date.h"

static void test_known_days(void)
{
	CHECK_INT(fc_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(fc_days_from_civil(2000, 3, 1), 11017);
	/* 2026-12-01T00:00:00Z is 1796083200 s. */
	CHECK_INT(fc_days_from_civil(2026, 12, 1), 1796083200 / 86400);
	CHECK_INT(fc_days_from_civil(1969, 12, 31), -1);
	long y;
	unsigned m, d;
	fc_civil_from_days(fc_days_from_civil(2024, 2, 29), &y, &m, &d);
	CHECK_INT(y, 2024);
	CHECK_INT(m, 2);
	CHECK_INT(d, 29);
}

static void test_round_trip(void)
{
	/* Every day of four centuries around the epoch. */
	for (long z = -80000; z < 80000; z++) {
		long y;
		unsigned m, d;
		fc_civil_from_days(z, &y, &m, &d);
		if (fc_days_from_civil(y, m, d) != z) {
			CHECK_INT(fc_days_from_civil(y, m, d), z);
			return;
		}
	}
}

static void test_parse(void)
{
	long days;
	CHECK_INT(fc_date_parse("2029-08-01", &days), 0);
	CHECK_INT(days, fc_days_from_civil(2029, 8, 1));
	_cleanup_free_ char *s = fc_date_format(days);
	CHECK_STR(s, "2029-08-01");
	static const char *const bad[] = {
		"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10",
		"2026-1-01",  "2026/01/01", "26-01-01",   "2026-01-01x",
		"",           "2026-01-0a",
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++)
		if (fc_date_parse(bad[i], &days) != -EINVAL) {
			fprintf(stderr, "accepted %s\n", bad[i]);
			CHECK(0);
		}
	CHECK_INT(fc_date_parse("2024-02-29", &days), 0);
}

static void test_time(void)
{
	long long t;
	CHECK_INT(fc_time_parse("2026-12-01", &t), 0);
	CHECK_INT(t, 1796083200LL);
	CHECK_INT(fc_time_parse("2023-11-14T22:13:20Z", &t), 0);
	CHECK_INT(t, 1700000000LL);
	_cleanup_free_ char *s = fc_time_format(1700000000LL);
	CHECK_STR(s, "2023-11-14T22:13:20Z");
	CHECK_INT(fc_time_day(1700000000LL), fc_days_from_civil(2023, 11, 14));
	CHECK_INT(fc_time_parse("2023-11-14T24:00:00Z", &t), -EINVAL);
	CHECK_INT(fc_time_parse("2023-11-14T22:13:20", &t), -EINVAL);
	CHECK_INT(fc_time_parse("2023-11-14 22:13:20Z", &t), -EINVAL);
	CHECK_INT(fc_time_parse("1969-12-31", &t), -EINVAL);
}

static void test_now(void)
{
	enum fc_time_source src;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK_INT(fc_time_now(&src), 1700000000LL);
	CHECK_INT(src, FC_TIME_SOURCE_DATE_EPOCH);
	setenv("SOURCE_DATE_EPOCH", "17e8", 1);
	(void)fc_time_now(&src);
	CHECK_INT(src, FC_TIME_CLOCK);
	unsetenv("SOURCE_DATE_EPOCH");
	CHECK(fc_time_now(&src) > 1700000000LL);
	CHECK_STR(fc_time_source_name(FC_TIME_AT), "--at");
}

int main(void)
{
	RUN(test_known_days);
	RUN(test_round_trip);
	RUN(test_parse);
	RUN(test_time);
	RUN(test_now);
	TEST_MAIN_END();
}
