// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/fips-flag.h"

#include <errno.h>
#include <string.h>

enum fc_fips_flag_state fc_fips_flag_classify(const char *text, size_t len)
{
	if (len == 2 && text[1] == '\n')
		len = 1;
	if (len != 1)
		return FC_FIPS_FLAG_MALFORMED;
	if (text[0] == '1')
		return FC_FIPS_FLAG_ENABLED;
	if (text[0] == '0')
		return FC_FIPS_FLAG_DISABLED;
	return FC_FIPS_FLAG_MALFORMED;
}

void fc_fips_flag_read(const struct fc_root *root, struct fc_fips_flag *out)
{
	memset(out, 0, sizeof(*out));
	out->err = fc_root_read(root, FC_FIPS_FLAG_PATH, FC_READ_SMALL,
				&out->text, &out->len);
	if (out->err == -ENOENT)
		out->state = FC_FIPS_FLAG_ABSENT;
	else if (out->err < 0)
		out->state = FC_FIPS_FLAG_UNREADABLE;
	else
		out->state = fc_fips_flag_classify(out->text, out->len);
}

void fc_fips_flag_free(struct fc_fips_flag *f)
{
	free(f->text);
	memset(f, 0, sizeof(*f));
}

char *fc_fips_flag_shown(const struct fc_fips_flag *f, size_t max)
{
	if (!f->text)
		return NULL;
	size_t n = f->len;
	if (n && f->text[n - 1] == '\n')
		n--;
	_cleanup_free_ char *s = fc_malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = f->text[i] ? f->text[i] : '?';
	s[n] = '\0';
	return fc_printable(s, max);
}
