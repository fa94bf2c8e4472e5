/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * os-release(5): the operating system's identity, which chooses the
 * validated-module tables (ID, VERSION_ID) and names the host in reports
 * and evidence bundles.  One rule for every reader: /etc/os-release, and
 * /usr/lib/os-release only when the former does not exist (os-release(5)
 * "Applications should check for the former, and exclusively use its data
 * if it exists"); at most FC_OS_RELEASE_MAX bytes; shell-like quoting
 * (src/base/kv.h).
 */
#ifndef FC_OS_RELEASE_H
#define FC_OS_RELEASE_H

#include <stddef.h>

#include "base/kv.h"
#include "base/util.h"
#include "core/sysroot.h"

#define FC_OS_RELEASE_PATH "/etc/os-release"
#define FC_OS_RELEASE_FALLBACK "/usr/lib/os-release"
#define FC_OS_RELEASE_MAX FC_READ_SMALL

/* Parse len bytes: -EFBIG beyond FC_OS_RELEASE_MAX, -EBADMSG (with *line)
 * for a line that is not KEY=VALUE.  Free *out with fc_kv_free(). */
int fc_os_release_parse(const char *text, size_t len, struct fc_kv_list *out,
			unsigned *line) FC_WUR;

/* Read root's os-release by the rule above and parse it: -errno of the
 * read or the parse. */
int fc_os_release_read(const struct fc_root *root, struct fc_kv_list *out)
	FC_WUR;

#endif
