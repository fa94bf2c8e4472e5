/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text for strict consumers.  Facts are bytes as read from the audited
 * system; JSON and XML readers reject invalid UTF-8, and XML 1.0 also
 * forbids most control characters even when escaped.
 */
#ifndef FC_UTF8_H
#define FC_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A copy of s that is valid UTF-8: every byte that does not start a
 * well-formed sequence (overlong forms, surrogates and code points above
 * U+10FFFF included) becomes U+FFFD.  With xml, so do the characters XML
 * 1.0 does not allow (controls other than tab, newline and carriage
 * return, U+FFFE and U+FFFF).  NULL gives "".
 */
char *fc_utf8_clean(const char *s, bool xml);

/*
 * s for a terminal, the one escaping every text output uses for strings
 * from the audited system, a bundle or a table: bytes that are not
 * well-formed UTF-8 become "\xHH", C0/C1 controls and DEL "\xHH" or
 * "\uHHHH", the bidirectional overrides, isolates and marks "\uHHHH";
 * everything else is kept.  At most maxlen bytes of s are used, then
 * "...".  NULL gives "".
 */
char *fc_term_safe(const char *s, size_t maxlen);

/* fc_term_safe for text of several lines: each line escaped, its line
 * breaks kept (a "\n" stays a line break, every other control is shown). */
char *fc_term_safe_lines(const char *s);

/* Does a CSV cell with this text need a leading "'" so a spreadsheet
 * shows it instead of running it (it starts with = + - @ tab or CR)? */
bool fc_csv_needs_guard(const char *s);

#endif
