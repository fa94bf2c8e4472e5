// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/mountinfo.h"

#include <errno.h>
#include <string.h>

/* Fields before the optional ones, and after the "-" separator. */
#define MI_FIXED 6
#define MI_TAIL 3

/* Strict unsigned decimal: digits only, no sign, no overflow. */
static bool parse_uint(const char *s, size_t n, unsigned *out)
{
	unsigned long long v = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > 0xffffffffULL)
			return false;
	}
	*out = (unsigned)v;
	return true;
}

static bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * Decode the kernel's mangle() escapes: a backslash is always followed by
 * three octal digits.  Anything else (or \000, which no C string can
 * hold) is a malformed line.
 */
static char *unescape(const char *s, size_t n)
{
	char *out = fc_malloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		if (n - i < 4 || !is_octal(s[i + 1]) || !is_octal(s[i + 2]) ||
		    !is_octal(s[i + 3])) {
			free(out);
			return NULL;
		}
		unsigned v = (unsigned)(s[i + 1] - '0') * 64 +
			     (unsigned)(s[i + 2] - '0') * 8 +
			     (unsigned)(s[i + 3] - '0');
		if (v == 0 || v > 0xff) {
			free(out);
			return NULL;
		}
		out[o++] = (char)v;
		i += 3;
	}
	out[o] = '\0';
	return out;
}

struct span {
	const char *p;
	size_t n;
};

static void mount_free(struct fc_mount *m)
{
	free(m->root);
	free(m->mount_point);
	free(m->options);
	free(m->optional);
	free(m->fstype);
	free(m->source);
	free(m->super_options);
}

/* Parse one line (without its newline) into *m; NULL or the reason. */
static const char *parse_line(const char *line, size_t len, struct fc_mount *m)
{
	/* Split on single spaces; empty fields are kept so that an empty
	 * source cannot shift the fields after it. */
	struct span f[64];
	size_t nf = 0;
	size_t s = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != ' ')
			continue;
		if (nf == FC_ARRAY_SIZE(f))
			return "too many fields";
		f[nf].p = line + s;
		f[nf].n = i - s;
		nf++;
		s = i + 1;
	}
	size_t sep = 0;
	for (size_t i = MI_FIXED; i < nf; i++)
		if (f[i].n == 1 && f[i].p[0] == '-') {
			sep = i;
			break;
		}
	if (nf < MI_FIXED + 1 + MI_TAIL)
		return "too few fields";
	if (!sep)
		return "no '-' separator after the optional fields";
	if (nf != sep + 1 + MI_TAIL)
		return "expected fstype, source and super options after '-'";
	for (size_t i = 0; i < sep + 2; i++)
		if (f[i].n == 0)
			return "empty field (two spaces in a row)";
	if (!parse_uint(f[0].p, f[0].n, &m->id))
		return "mount ID is not a number";
	if (!parse_uint(f[1].p, f[1].n, &m->parent))
		return "parent ID is not a number";
	const char *colon = memchr(f[2].p, ':', f[2].n);
	if (!colon ||
	    !parse_uint(f[2].p, (size_t)(colon - f[2].p), &m->major) ||
	    !parse_uint(colon + 1, f[2].n - (size_t)(colon + 1 - f[2].p),
			&m->minor))
		return "major:minor is not two numbers";

	m->root = unescape(f[3].p, f[3].n);
	m->mount_point = unescape(f[4].p, f[4].n);
	m->fstype = unescape(f[sep + 1].p, f[sep + 1].n);
	m->source = unescape(f[sep + 2].p, f[sep + 2].n);
	if (!m->root || !m->mount_point || !m->fstype || !m->source)
		return "bad \\ooo escape";
	if (m->mount_point[0] != '/')
		return "mount point is not an absolute path";
	m->options = fc_strndup(f[5].p, f[5].n);
	m->super_options = fc_strndup(f[sep + 3].p, f[sep + 3].n);
	struct fc_buf opt = { 0 };
	for (size_t i = MI_FIXED; i < sep; i++) {
		if (opt.len)
			fc_buf_adds(&opt, " ");
		fc_buf_add(&opt, f[i].p, f[i].n);
	}
	m->optional = fc_buf_steal(&opt);
	return NULL;
}

int fc_mountinfo_parse(const char *text, size_t len, struct fc_mountinfo *out,
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
		if (ll == 0)
			continue;
		const char *what = NULL;
		struct fc_mount m = { .line = lineno };
		if (memchr(line, '\0', ll))
			what = "NUL byte";
		else
			what = parse_line(line, ll, &m);
		if (what) {
			mount_free(&m);
			fc_mountinfo_free(out);
			err->line = lineno;
			err->what = what;
			return -EBADMSG;
		}
		out->mounts = fc_realloc(out->mounts,
					 (out->n + 1) * sizeof(*out->mounts));
		out->mounts[out->n++] = m;
	}
	return 0;
}

void fc_mountinfo_free(struct fc_mountinfo *mi)
{
	for (size_t i = 0; i < mi->n; i++)
		mount_free(&mi->mounts[i]);
	free(mi->mounts);
	mi->mounts = NULL;
	mi->n = 0;
}

const struct fc_mount *fc_mountinfo_find(const struct fc_mountinfo *mi,
					 const char *path)
{
	const struct fc_mount *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < mi->n; i++) {
		const char *mp = mi->mounts[i].mount_point;
		size_t l = strlen(mp);
		while (l > 1 && mp[l - 1] == '/')
			l--;
		bool holds = (l == 1 && mp[0] == '/') ||
			     (strncmp(path, mp, l) == 0 &&
			      (path[l] == '\0' || path[l] == '/'));
		/* ">=": of mounts stacked on one point the last is on top. */
		if (holds && (!best || l >= best_len)) {
			best = &mi->mounts[i];
			best_len = l;
		}
	}
	return best;
}
