// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/uuid5.h"

#include <stdarg.h>
#include <string.h>

#include <uuid.h>

void fc_uuid_v5(char out[FC_UUID_LEN], const char *fmt, ...)
{
	uuid_t ns, u;
	/* RFC 9562's URL namespace, then ours beneath it. */
	uuid_generate_sha1(ns, *uuid_get_template("url"),
			   FC_UUID_NAMESPACE_URL,
			   strlen(FC_UUID_NAMESPACE_URL));
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *name = fc_vasprintf(fmt, ap);
	va_end(ap);
	uuid_generate_sha1(u, ns, name, strlen(name));
	uuid_unparse_lower(u, out);
}

void fc_uuid_v4(char out[FC_UUID_LEN])
{
	uuid_t u;
	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}
