/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rpm's own EVR comparison as an fc_evr_cmp_fn (src/policy/policy.h).  Only the
 * rpmdb helper (helpers/rpmdb/probe.c) and the unit tests include this and
 * link librpmio: the parent process must not load librpmio, which pulls
 * in libgcrypt (Debian) or libcrypto (EL9).  It is a header so that no
 * object file in the parent's library refers to librpm.
 */
#ifndef FC_RPM_EVR_H
#define FC_RPM_EVR_H

#include <errno.h>

#include <rpm/rpmver.h>

#include "policy/policy.h"

/* rpmverParse() accepts "[epoch:]version[-release]"; the tables and the
 * rpmdb always carry a release.  Epochs compare first, then version and
 * release with rpmvercmp (~ sorts before everything, ^ after the end). */
static inline int fc_rpm_evr_cmp(const char *a, const char *b, int *res)
{
	rpmver va = rpmverParse(a);
	rpmver vb = rpmverParse(b);
	int r = 0;
	if (!va || !vb)
		r = -EINVAL;
	else
		*res = rpmverCmp(va, vb);
	rpmverFree(va);
	rpmverFree(vb);
	return r;
}

#endif
