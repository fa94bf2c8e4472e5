// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

#include "base/util.h"

/* Length of the well-formed sequence at p (RFC 3629), 0 when it is not
 * one; *cp gets the code point. */
static size_t utf8_seq(const unsigned char *p, unsigned *cp)
{
	unsigned c = p[0];
	size_t n;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		min = 0x80;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		min = 0x800;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		/* A NUL ends the string: it is never a continuation byte. */
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static bool xml_char_ok(unsigned c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	       (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

char *fc_utf8_clean(const char *s, bool xml)
{
	static const char replacement[] = "\xef\xbf\xbd";
	struct fc_buf b = { 0 };
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		unsigned cp = 0;
		size_t n = utf8_seq(p, &cp);
		if (n == 0 || (xml && !xml_char_ok(cp))) {
			fc_buf_add(&b, replacement, 3);
			p += n ? n : 1;
			continue;
		}
		fc_buf_add(&b, p, n);
		p += n;
	}
	return fc_buf_steal(&b);
}

/* Characters a terminal acts on rather than shows: C0 and C1 controls
 * (ESC starts the sequences that move the cursor, recolour, retitle;
 * U+009B is a one-character CSI), DEL, and the Unicode bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and
 * marks (U+200E, U+200F, U+061C) that reorder what follows them. */
static bool term_acts_on(unsigned c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x61c ||
	       c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

char *fc_term_safe(const char *s, size_t maxlen)
{
	struct fc_buf b = { 0 };
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *start = p;
	while (*p) {
		if ((size_t)(p - start) >= maxlen) {
			fc_buf_adds(&b, "...");
			break;
		}
		unsigned cp = 0;
		size_t n = utf8_seq(p, &cp);
		if (n == 0) {
			fc_buf_addf(&b, "\\x%02X", *p);
			p++;
		} else if (term_acts_on(cp)) {
			if (cp < 0x80)
				fc_buf_addf(&b, "\\x%02X", cp);
			else
				fc_buf_addf(&b, "\\u%04X", cp);
			p += n;
		} else {
			fc_buf_add(&b, p, n);
			p += n;
		}
	}
	if (!b.data)
		return fc_strdup("");
	return fc_buf_steal(&b);
}

char *fc_term_safe_lines(const char *s)
{
	struct fc_buf b = { 0 };
	const char *line = s ? s : "";
	for (;;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		_cleanup_free_ char *part = fc_strndup(line, n);
		_cleanup_free_ char *safe = fc_term_safe(part, SIZE_MAX);
		fc_buf_adds(&b, safe);
		if (!nl)
			break;
		fc_buf_adds(&b, "\n");
		line = nl + 1;
	}
	if (!b.data)
		return fc_strdup("");
	return fc_buf_steal(&b);
}

bool fc_csv_needs_guard(const char *s)
{
	/* OWASP "CSV Injection": a spreadsheet reads a cell that starts
	 * with one of these as a formula. */
	return s && *s && strchr("=+-@\t\r", *s) != NULL;
}
