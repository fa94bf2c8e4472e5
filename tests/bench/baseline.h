/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the direct-API baselines of the self-test core (ossl-baseline.c,
 * gcry-baseline.c) share: a vector's fields, the core's judgement of an
 * outcome, and the line they print.
 */
#ifndef FC_BENCH_BASELINE_H
#define FC_BENCH_BASELINE_H

#include <stdio.h>
#include <time.h>

#include "kat/kat.h"

static inline const uint8_t *field(const struct fc_kat_vector *v,
				   enum fc_kat_fid id, size_t *n)
{
	const struct fc_kat_field *f = fc_kat_get(v, id);
	*n = f ? f->len : 0;
	return f ? f->data : (const uint8_t *)"";
}

/* The outcome matches the expectation, as the core judges it. */
static inline bool judged(const struct fc_kat_vector *v, bool ok)
{
	return v->expect == FC_KAT_ACCEPTABLE ||
	       ok == (v->expect == FC_KAT_VALID);
}

static inline double elapsed_ms(const struct timespec *t0,
				const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) * 1e3 +
	       (double)(t1->tv_nsec - t0->tv_nsec) / 1e6;
}

/* "vectors N passed P failed F skipped S ms T"; the exit status (1 when
 * one failed).  count: passed, failed, skipped. */
static inline int baseline_report(const size_t count[3], double ms)
{
	printf("vectors %zu passed %zu failed %zu skipped %zu ms %.1f\n",
	       count[0] + count[1] + count[2], count[0], count[1], count[2],
	       ms);
	return count[1] ? 1 : 0;
}

#endif
