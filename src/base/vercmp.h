/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rpm's version comparison (rpmvercmp): what dnf uses to order package
 * versions and what GRUB's blscfg uses to order boot entries on EL8/EL9.
 * Written from rpm's documented semantics (rpm.org "Package version
 * comparison"), not copied.
 */
#ifndef FC_VERCMP_H
#define FC_VERCMP_H

/*
 * Compare two version (or release) strings the way rpm does: alternating
 * runs of digits and letters compared one by one, digits numerically and
 * newer than letters; other characters only separate runs; '~' sorts
 * before anything (even the end: 1.0~rc1 < 1.0) and '^' after the end but
 * before anything else (1.0 < 1.0^git1 < 1.0.1).  Returns 1 when a is
 * newer, -1 when b is newer, 0 when they are equal.
 */
int fc_rpmvercmp(const char *a, const char *b);

#endif
