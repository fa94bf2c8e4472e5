/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Proof that a module's files are the vendor's (helpers/rpmdb/verify.c):
 * the files of an installed package that make up its module, checked
 * against the size and digest the rpmdb holds for them, as rpm -V does.
 */
#ifndef FC_RPMDB_VERIFY_H
#define FC_RPMDB_VERIFY_H

#include <rpm/header.h>
#include <rpm/rpmts.h>

#include "core/sysroot.h"
#include "policy/policy.h"

/*
 * Verify the module-m files of the installed package h (nevra) under
 * root; each is appended to *files (*n of them).  Files the package
 * marks %ghost are not installed by rpm, so they are not verified.
 */
void fc_rpmdb_verify_module(const struct fc_root *root, rpmts ts, Header h,
			    enum fc_module m, const char *nevra,
			    struct fc_module_file **files, size_t *n);

#endif
