// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/kv.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

static bool key_char(char c, bool first)
{
	return c == '_' || isalpha((unsigned char)c) ||
	       (!first && isdigit((unsigned char)c));
}

/* Unquote a shell-style value as os-release(5) specifies. */
static int unquote(const char *s, size_t n, char **out)
{
	struct fc_buf b = { 0 };
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!quote && (c == '"' || c == '\'')) {
			quote = c;
			continue;
		}
		if (quote && c == quote) {
			quote = 0;
			continue;
		}
		if (c == '\\' && quote != '\'' && i + 1 < n) {
			fc_buf_add(&b, &s[++i], 1);
			continue;
		}
		if (!quote && isspace((unsigned char)c)) {
			/* Unquoted white space ends the value (comments). */
			break;
		}
		fc_buf_add(&b, &c, 1);
	}
	if (quote) {
		fc_buf_free(&b);
		return -EBADMSG;
	}
	*out = fc_buf_steal(&b);
	return 0;
}

int fc_kv_parse(const char *text, size_t len, enum fc_kv_mode mode,
		struct fc_kv_list *out, unsigned *err_line)
{
	struct fc_kv_list l = { 0 };
	unsigned line = 0;
	size_t pos = 0;
	int r = 0;

	const char *start;
	size_t n;
	while (fc_next_line(text, len, &pos, &start, &n)) {
		line++;

		/* Trim leading blanks and a trailing CR. */
		while (n && (*start == ' ' || *start == '\t')) {
			start++;
			n--;
		}
		while (n && (start[n - 1] == '\r' ||
			     (mode == FC_KV_SHELL && isspace((unsigned char)start[n - 1]))))
			n--;
		if (n == 0 || start[0] == '#')
			continue;
		if (memchr(start, '\0', n)) {
			r = -EBADMSG;
			goto fail;
		}
		const char *eq = memchr(start, '=', n);
		if (!eq || eq == start) {
			r = -EBADMSG;
			goto fail;
		}
		for (const char *k = start; k < eq; k++)
			if (!key_char(*k, k == start)) {
				r = -EBADMSG;
				goto fail;
			}
		char *value;
		const char *v = eq + 1;
		size_t vn = n - (size_t)(v - start);
		if (mode == FC_KV_SHELL) {
			if (unquote(v, vn, &value) < 0) {
				r = -EBADMSG;
				goto fail;
			}
		} else {
			value = fc_strndup(v, vn);
		}
		l.items = fc_realloc(l.items, (l.n + 1) * sizeof(*l.items));
		l.items[l.n].key = fc_strndup(start, (size_t)(eq - start));
		l.items[l.n].value = value;
		l.items[l.n].line = line;
		l.n++;
	}
	*out = l;
	return 0;
fail:
	if (err_line)
		*err_line = line;
	fc_kv_free(&l);
	return r;
}

void fc_kv_free(struct fc_kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

const char *fc_kv_get(const struct fc_kv_list *l, const char *key)
{
	for (size_t i = l->n; i > 0; i--)
		if (fc_streq(l->items[i - 1].key, key))
			return l->items[i - 1].value;
	return NULL;
}
