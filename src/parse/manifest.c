// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Member names and the MANIFEST of an evidence bundle (src/parse/manifest.h).
 * Pure C: the parent names members, the helper (which hashes) writes and
 * checks the MANIFEST, and tests/fuzz/fuzz-manifest.c fuzzes the parser.
 */
#include "parse/manifest.h"

#include <errno.h>
#include <string.h>

static bool name_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("._+@,:=~%-", c) != NULL;
}

bool fc_ev_member_name_ok(const char *name)
{
	if (!name || !*name || strlen(name) > 1024)
		return false;
	const char *p = name;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		/* No empty (leading, trailing, doubled '/'), "." or ".."
		 * component: a name never climbs out of the extraction dir. */
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!name_char_ok((unsigned char)p[i]))
				return false;
		if (!slash)
			return true;
		p = slash + 1;
	}
}

char *fc_ev_member_for(const char *dir, const char *path)
{
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, dir);
	/* Components as given, minus empty and "." ones; ".." is escaped
	 * like any other odd byte rather than resolved. */
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, "/");
		if (!(n == 1 && p[0] == '.')) {
			fc_buf_adds(&b, "/");
			bool dots = n == 2 && p[0] == '.' && p[1] == '.';
			for (size_t i = 0; i < n; i++) {
				unsigned char c = (unsigned char)p[i];
				if (name_char_ok(c) && c != '%' && !dots)
					fc_buf_add(&b, &p[i], 1);
				else
					fc_buf_addf(&b, "%%%02X", c);
			}
		}
		p += n;
	}
	return fc_buf_steal(&b);
}

static bool hex_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

void fc_manifest_add(struct fc_manifest *m, const char *name,
		     const char *sha256_hex)
{
	m->v = fc_realloc(m->v, (m->n + 1) * sizeof(*m->v));
	struct fc_manifest_entry *e = &m->v[m->n++];
	e->name = fc_strdup(name);
	snprintf(e->sha256, sizeof(e->sha256), "%s", sha256_hex);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct fc_manifest_entry *x = a, *y = b;
	return strcmp(x->name, y->name);
}

void fc_manifest_sort(struct fc_manifest *m)
{
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), entry_cmp);
}

int fc_manifest_parse(const char *data, size_t len, struct fc_manifest *out,
		      struct fc_parse_err *err)
{
	struct fc_manifest m = { 0 };
	size_t pos = 0;
	unsigned line = 0;
	*out = (struct fc_manifest){ 0 };
	*err = (struct fc_parse_err){ 0 };
	while (pos < len) {
		line++;
		const char *l = data + pos;
		const char *nl = memchr(l, '\n', len - pos);
		if (!nl) {
			err->what = "last line does not end with a newline";
			goto bad;
		}
		size_t n = (size_t)(nl - l);
		pos += n + 1;
		if (n < 67 || !hex_ok(l, 64) || l[64] != ' ' || l[65] != ' ') {
			err->what = "expected \"<64 lower-case hex digits>  <member>\"";
			goto bad;
		}
		_cleanup_free_ char *name = fc_strndup(l + 66, n - 66);
		if (strlen(name) != n - 66 || !fc_ev_member_name_ok(name)) {
			err->what = "invalid member name";
			goto bad;
		}
		if (fc_streq(name, FC_EV_MANIFEST) ||
		    fc_streq(name, FC_EV_SIGNATURE)) {
			err->what = "MANIFEST cannot list itself or its signature";
			goto bad;
		}
		if (m.n && strcmp(m.v[m.n - 1].name, name) >= 0) {
			err->what = "member names are not sorted or repeat";
			goto bad;
		}
		if (m.n >= FC_EV_MAX_MEMBERS) {
			err->what = "too many members";
			goto bad;
		}
		char hex[65];
		memcpy(hex, l, 64);
		hex[64] = '\0';
		fc_manifest_add(&m, name, hex);
	}
	*out = m;
	return 0;
bad:
	err->line = line;
	fc_manifest_free(&m);
	return -EBADMSG;
}

char *fc_manifest_format(const struct fc_manifest *m)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < m->n; i++)
		fc_buf_addf(&b, "%s  %s\n", m->v[i].sha256, m->v[i].name);
	return fc_buf_steal(&b);
}

const struct fc_manifest_entry *
fc_manifest_find(const struct fc_manifest *m, const char *name)
{
	struct fc_manifest_entry key = { .name = (char *)name };
	if (!m->n)
		return NULL;
	return bsearch(&key, m->v, m->n, sizeof(*m->v), entry_cmp);
}

void fc_manifest_free(struct fc_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	*m = (struct fc_manifest){ 0 };
}
