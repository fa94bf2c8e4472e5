/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * UUIDs for machine-readable reports: name-based (version 5, RFC 9562
 * section 5.5) so that the same inputs give the same document, and random
 * (version 4) where an identifier must be new each time (a bundle id).
 *
 * libuuid computes both.  Version 5 hashes with SHA-1 inside libuuid;
 * that is an identifier function here (no secret, no integrity claim), so
 * it does not break the rule that the parent loads no crypto library
 * (src/engine/probe.h): libuuid links none.
 */
#ifndef FC_UUID5_H
#define FC_UUID5_H

#include "base/util.h"

#define FC_UUID_LEN 37 /* 36 characters and the NUL */

/* Version 5 UUID of the formatted name in fipsctl's namespace, which is
 * itself the version 5 UUID of the URL FC_UUID_NAMESPACE_URL. */
void fc_uuid_v5(char out[FC_UUID_LEN], const char *fmt, ...) FC_PRINTF(2, 3);
#define FC_UUID_NAMESPACE_URL "https://fipsctl.invalid/ns/uuid"

/* Version 4 (random) UUID. */
void fc_uuid_v4(char out[FC_UUID_LEN]);

#endif
