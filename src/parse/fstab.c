// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/fstab.h"

#include <errno.h>
#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* fstab(5): "\040" (space), "\011" (tab), "\\" ... as three octal digits
 * (util-linux unmangle); a backslash not followed by three of them stays
 * as written, as util-linux leaves it. */
static char *unmangle(const char *s, size_t n)
{
	char *out = fc_malloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && n - i >= 4 && s[i + 1] >= '0' &&
		    s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			unsigned v = (unsigned)(s[i + 1] - '0') * 64 +
				     (unsigned)(s[i + 2] - '0') * 8 +
				     (unsigned)(s[i + 3] - '0');
			if (v) {
				out[o++] = (char)v;
				i += 3;
				continue;
			}
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

static void mount_clear(struct fc_mount *m)
{
	free(m->root);
	free(m->mount_point);
	free(m->options);
	free(m->optional);
	free(m->fstype);
	free(m->source);
	free(m->super_options);
}

/* One line: NULL and *keep false for one that names no mount point. */
static const char *parse_line(const char *line, size_t len, struct fc_mount *m,
			      bool *keep)
{
	const char *f[6];
	size_t fn[6], nf = 0;
	size_t i = 0;
	*keep = false;
	while (i < len && nf < FC_ARRAY_SIZE(f)) {
		while (i < len && blank(line[i]))
			i++;
		if (i == len)
			break;
		size_t s = i;
		while (i < len && !blank(line[i]))
			i++;
		f[nf] = line + s;
		fn[nf++] = i - s;
	}
	if (nf == 0 || f[0][0] == '#')
		return NULL;
	if (nf < 3)
		return "fewer than three fields (spec, mount point, type)";
	m->source = unmangle(f[0], fn[0]);
	m->mount_point = unmangle(f[1], fn[1]);
	m->fstype = unmangle(f[2], fn[2]);
	m->options = nf > 3 ? unmangle(f[3], fn[3]) : fc_strdup("defaults");
	m->root = fc_strdup("/");
	m->optional = fc_strdup("");
	m->super_options = fc_strdup("");
	m->no_devno = true;
	*keep = m->mount_point[0] == '/' && !fc_streq(m->fstype, "swap");
	return NULL;
}

int fc_fstab_parse(const char *text, size_t len, struct fc_mountinfo *out,
		   struct fc_parse_err *err)
{
	memset(out, 0, sizeof(*out));
	unsigned lineno = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (text + pos)) : len - pos;
		const char *line = text + pos;
		pos += ll + (nl ? 1 : 0);
		lineno++;
		struct fc_mount m = { .line = lineno, .id = lineno };
		bool keep = false;
		const char *what = memchr(line, '\0', ll)
					   ? "NUL byte"
					   : parse_line(line, ll, &m, &keep);
		if (what) {
			mount_clear(&m);
			fc_mountinfo_free(out);
			err->line = lineno;
			err->what = what;
			return -EBADMSG;
		}
		if (!keep) {
			mount_clear(&m);
			continue;
		}
		out->mounts = fc_realloc(out->mounts,
					 (out->n + 1) * sizeof(*out->mounts));
		out->mounts[out->n++] = m;
	}
	return 0;
}
