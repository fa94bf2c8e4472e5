// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dates as day numbers (src/base/date.h).  The conversions are Howard
 * Hinnant's civil-from-days algorithms ("chrono-Compatible Low-Level Date
 * Algorithms"), which are exact for every Gregorian date and need no
 * tables and no time zone.
 */
#include "base/date.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long fc_days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

void fc_civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

/* n decimal digits at s: their value, or -1. */
static long digits(const char *s, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DD" at the start of s (exactly 10 characters). */
static int date_prefix(const char *s, long *days)
{
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -EINVAL;
	long y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
		return -EINVAL;
	long v = fc_days_from_civil(y, (unsigned)m, (unsigned)d);
	/* 2026-02-30 becomes March 2nd: a date that does not exist. */
	long ry;
	unsigned rm, rd;
	fc_civil_from_days(v, &ry, &rm, &rd);
	if (ry != y || rm != (unsigned)m || rd != (unsigned)d)
		return -EINVAL;
	*days = v;
	return 0;
}

int fc_date_parse(const char *s, long *days)
{
	if (!s || strlen(s) != 10)
		return -EINVAL;
	return date_prefix(s, days);
}

char *fc_date_format(long days)
{
	long y;
	unsigned m, d;
	fc_civil_from_days(days, &y, &m, &d);
	return fc_asprintf("%04ld-%02u-%02u", y, m, d);
}

int fc_time_parse(const char *s, long long *secs)
{
	long days;
	if (!s || date_prefix(s, &days) < 0)
		return -EINVAL;
	if (days < 0)
		return -EINVAL;
	long long t = (long long)days * 86400;
	if (s[10] == '\0') {
		*secs = t;
		return 0;
	}
	/* "THH:MM:SSZ" */
	const char *p = s + 10;
	if (strlen(p) != 10 || p[0] != 'T' || p[3] != ':' || p[6] != ':' ||
	    p[9] != 'Z')
		return -EINVAL;
	long h = digits(p + 1, 2), mi = digits(p + 4, 2), se = digits(p + 7, 2);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
		return -EINVAL;
	*secs = t + h * 3600 + mi * 60 + se;
	return 0;
}

long fc_time_day(long long secs)
{
	long long d = secs / 86400;
	if (secs < 0 && secs % 86400)
		d--;
	return (long)d;
}

char *fc_time_format(long long secs)
{
	long day = fc_time_day(secs);
	long long rem = secs - (long long)day * 86400;
	long y;
	unsigned m, d;
	fc_civil_from_days(day, &y, &m, &d);
	return fc_asprintf("%04ld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d,
			   rem / 3600, rem / 60 % 60, rem % 60);
}

const char *fc_time_source_name(enum fc_time_source s)
{
	switch (s) {
	case FC_TIME_AT:
		return "--at";
	case FC_TIME_SOURCE_DATE_EPOCH:
		return "SOURCE_DATE_EPOCH";
	case FC_TIME_CLOCK:
	default:
		return "clock";
	}
}

long long fc_time_now(enum fc_time_source *source)
{
	/* Reproducible output for tests and evidence: SOURCE_DATE_EPOCH. */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end = NULL;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!errno && end && !*end && v >= 0) {
			if (source)
				*source = FC_TIME_SOURCE_DATE_EPOCH;
			return v;
		}
	}
	if (source)
		*source = FC_TIME_CLOCK;
	return (long long)time(NULL);
}
