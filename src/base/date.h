/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Calendar dates and the check time.  A validated-module certificate is
 * judged as of a day (CMVP publishes validation and sunset dates, no
 * times), so dates are whole days since 1970-01-01 in UTC, computed
 * without the C library's time zone machinery.  The check time is
 * --at DATE when given, else SOURCE_DATE_EPOCH (reproducible output,
 * reproducible-builds.org's specification), else the clock.
 */
#ifndef FC_DATE_H
#define FC_DATE_H

#include "base/util.h"

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (no check). */
long fc_days_from_civil(long y, unsigned m, unsigned d);
/* The date of a day number. */
void fc_civil_from_days(long days, long *y, unsigned *m, unsigned *d);

/* "YYYY-MM-DD" (a real date: 2026-02-30 is refused) to a day number:
 * 0, or -EINVAL. */
int fc_date_parse(const char *s, long *days) FC_WUR;
/* "YYYY-MM-DD" (allocated). */
char *fc_date_format(long days);

/*
 * A check time given on the command line: "YYYY-MM-DD" (midnight UTC) or
 * "YYYY-MM-DDTHH:MM:SSZ", to seconds since 1970: 0, or -EINVAL.
 */
int fc_time_parse(const char *s, long long *secs) FC_WUR;
/* "YYYY-MM-DDTHH:MM:SSZ" (allocated). */
char *fc_time_format(long long secs);
/* The day a time falls on (UTC). */
long fc_time_day(long long secs);

/* Where a check time came from. */
enum fc_time_source {
	FC_TIME_CLOCK,             /* the system clock */
	FC_TIME_SOURCE_DATE_EPOCH, /* the SOURCE_DATE_EPOCH variable */
	FC_TIME_AT,                /* --at */
};
const char *fc_time_source_name(enum fc_time_source s);

/* SOURCE_DATE_EPOCH when it is a valid number of seconds, else the clock. */
long long fc_time_now(enum fc_time_source *source);

#endif
