// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "core/log.h"

/*
 * Messages name paths, bundle members, releases and table fields: text
 * from the audited system, a bundle or a table.  Each line is escaped as
 * every text output is (fc_term_safe), so no byte of it can move the
 * cursor or recolour the operator's terminal; the message's own line
 * breaks stay line breaks.
 */
FC_PRINTF(2, 0)
static void say(const char *prefix, const char *fmt, va_list ap)
{
	char *msg = fc_vasprintf(fmt, ap);
	char *safe = fc_term_safe_lines(msg);
	size_t n = strlen(safe);
	fprintf(stderr, "%s%s%s", prefix, safe,
		n && safe[n - 1] == '\n' ? "" : "\n");
	free(safe);
	free(msg);
}

void fc_err(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("fipsctl: ", fmt, ap);
	va_end(ap);
}

void fc_err_more(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("", fmt, ap);
	va_end(ap);
}
