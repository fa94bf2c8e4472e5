// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/utf8.h"

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
