// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/grubby-info.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

static void entry_clear(struct fc_grubby_entry *e)
{
	free(e->kernel);
	free(e->args);
	free(e->root);
	free(e->initrd);
	free(e->title);
	free(e->id);
	memset(e, 0, sizeof(*e));
}

void fc_grubby_info_free(struct fc_grubby_info *info)
{
	for (size_t i = 0; i < info->n; i++)
		entry_clear(&info->v[i]);
	free(info->v);
	memset(info, 0, sizeof(*info));
}

static bool parse_index(const char *s, long *out)
{
	if (!*s || strlen(s) > 9)
		return false;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* The slot for key in e, or NULL for a key fipsctl does not use. */
static char **slot(struct fc_grubby_entry *e, const char *key)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "kernel", offsetof(struct fc_grubby_entry, kernel) },
		{ "args", offsetof(struct fc_grubby_entry, args) },
		{ "root", offsetof(struct fc_grubby_entry, root) },
		{ "initrd", offsetof(struct fc_grubby_entry, initrd) },
		{ "title", offsetof(struct fc_grubby_entry, title) },
		{ "id", offsetof(struct fc_grubby_entry, id) },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(keys); i++)
		if (fc_streq(keys[i].key, key))
			return (char **)((char *)e + keys[i].off);
	return NULL;
}

/* "..." is the value between the first and the last quote; a bare value
 * is taken as it is.  NULL for an opening quote without a closing one. */
static char *unquote(const char *v)
{
	size_t n = strlen(v);
	if (v[0] != '"')
		return fc_strdup(v);
	if (n < 2 || v[n - 1] != '"')
		return NULL;
	return fc_strndup(v + 1, n - 2);
}

int fc_grubby_info_parse(const char *text, size_t len,
			 struct fc_grubby_info *out, struct fc_parse_err *err)
{
	struct fc_grubby_info info = { 0 };
	struct fc_grubby_entry *cur = NULL;
	unsigned line = 0;
	size_t pos = 0;
	const char *what = NULL;

	if (memchr(text, '\0', len)) {
		/* Say which line holds it. */
		const char *nul = memchr(text, '\0', len);
		line = 1;
		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		*err = (struct fc_parse_err){ line, "NUL byte" };
		return -EBADMSG;
	}
	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;
		pos += n + (nl ? 1 : 0);
		line++;
		_cleanup_free_ char *l = fc_strndup(start, n);
		if (n && l[n - 1] == '\r')
			l[n - 1] = '\0';
		if (!*l)
			continue;
		char *eq = strchr(l, '=');
		if (!eq || eq == l) {
			what = "not key=value";
			goto bad;
		}
		*eq = '\0';
		const char *key = l, *raw = eq + 1;
		if (fc_streq(key, "index")) {
			long idx;
			if (!parse_index(raw, &idx)) {
				what = "index is not a number";
				goto bad;
			}
			info.v = fc_realloc(info.v,
					    (info.n + 1) * sizeof(*info.v));
			cur = &info.v[info.n++];
			memset(cur, 0, sizeof(*cur));
			cur->index = idx;
			continue;
		}
		if (!cur) {
			what = "a key before the first index=";
			goto bad;
		}
		char **dst = slot(cur, key);
		if (!dst)
			continue;
		if (*dst) {
			what = "a key given twice in one entry";
			goto bad;
		}
		*dst = unquote(raw);
		if (!*dst) {
			what = "unterminated quote";
			goto bad;
		}
	}
	*out = info;
	return 0;
bad:
	*err = (struct fc_parse_err){ line, what };
	fc_grubby_info_free(&info);
	return -EBADMSG;
}
