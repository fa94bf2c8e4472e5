// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/bls.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "base/vercmp.h"

static void add_line(struct fc_bls_entry *e, const char *key, size_t kn,
		     const char *value, size_t vn, unsigned line)
{
	e->lines = fc_realloc(e->lines, (e->n_lines + 1) * sizeof(*e->lines));
	e->lines[e->n_lines].key = fc_strndup(key, kn);
	e->lines[e->n_lines].value = fc_strndup(value, vn);
	e->lines[e->n_lines].line = line;
	e->n_lines++;
}

int fc_bls_parse(const char *id, const char *text, size_t len,
		 struct fc_bls_entry *out, struct fc_parse_err *err)
{
	struct fc_bls_entry e = { .id = fc_strdup(id) };
	unsigned line = 0;
	size_t pos = 0;

	const char *start;
	size_t n;
	while (fc_next_line(text, len, &pos, &start, &n)) {
		line++;

		if (memchr(start, '\0', n)) {
			*err = (struct fc_parse_err){ line, "NUL byte" };
			fc_bls_entry_free(&e);
			return -EBADMSG;
		}
		/* GRUB's getline drops every carriage return. */
		_cleanup_free_ char *buf = fc_malloc(n + 1);
		size_t bn = 0;
		for (size_t i = 0; i < n; i++)
			if (start[i] != '\r')
				buf[bn++] = start[i];
		buf[bn] = '\0';

		const char *s = buf;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#')
			continue;
		if (e.stopped_at) {
			/* Past GRUB's stop: only note that keys follow. */
			if (*s)
				e.ignored_keys = true;
			continue;
		}
		/* blscfg splits at the first space, at a tab only when the
		 * line has no space at all. */
		const char *sep = strchr(s, ' ');
		if (!sep)
			sep = strchr(s, '\t');
		if (!sep || sep[1] == '\0') {
			e.stopped_at = line;
			continue;
		}
		const char *v = sep + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		add_line(&e, s, (size_t)(sep - s), v, strlen(v), line);
	}
	*out = e;
	return 0;
}

void fc_bls_entry_free(struct fc_bls_entry *e)
{
	for (size_t i = 0; i < e->n_lines; i++) {
		free(e->lines[i].key);
		free(e->lines[i].value);
	}
	free(e->lines);
	free(e->id);
	free(e->path);
	memset(e, 0, sizeof(*e));
}

const char *fc_bls_get(const struct fc_bls_entry *e, const char *key)
{
	for (size_t i = 0; i < e->n_lines; i++)
		if (fc_streq(e->lines[i].key, key))
			return e->lines[i].value;
	return NULL;
}

size_t fc_bls_count(const struct fc_bls_entry *e, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n_lines; i++)
		n += fc_streq(e->lines[i].key, key);
	return n;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool fc_bls_is_rescue(const struct fc_bls_entry *e)
{
	/* dracut's 51-dracut-rescue.install names the entry
	 * <machine-id>-0-rescue.conf and the image vmlinuz-0-rescue-<id>. */
	const char *linux_path = fc_bls_get(e, "linux");
	return ends_with(e->id, "-0-rescue") ||
	       (linux_path && strstr(linux_path, "vmlinuz-0-rescue-"));
}

char *fc_bls_kernel_version(const struct fc_bls_entry *e)
{
	const char *v = fc_bls_get(e, "version");
	if (v && *v)
		return fc_strdup(v);
	const char *linux_path = fc_bls_get(e, "linux");
	if (!linux_path)
		return NULL;
	const char *base = strrchr(linux_path, '/');
	base = base ? base + 1 : linux_path;
	if (!fc_startswith(base, "vmlinuz-") || !base[8])
		return NULL;
	return fc_strdup(base + 8);
}

/* blscfg's split of an id into name, version and release at its last two
 * dashes; missing parts are empty. */
struct nvr {
	char *buf;
	const char *name, *version, *release;
};

static void split_nvr(const char *id, struct nvr *p)
{
	p->buf = fc_strdup(id);
	char *rel = strrchr(p->buf, '-');
	if (rel)
		*rel++ = '\0';
	char *ver = strrchr(p->buf, '-');
	if (ver)
		*ver++ = '\0';
	p->name = p->buf;
	if (ver) {
		p->version = ver;
		p->release = rel;
	} else {
		/* "a-b": the one dash separates name and version. */
		p->version = rel ? rel : "";
		p->release = "";
	}
}

int fc_bls_id_cmp(const char *a, const char *b)
{
	struct nvr x, y;
	split_nvr(a, &x);
	split_nvr(b, &y);
	int r = fc_rpmvercmp(x.name, y.name);
	if (!r)
		r = fc_rpmvercmp(x.version, y.version);
	if (!r)
		r = fc_rpmvercmp(x.release, y.release);
	free(x.buf);
	free(y.buf);
	return r;
}

static int entry_order(const void *pa, const void *pb)
{
	const struct fc_bls_entry *a = *(const struct fc_bls_entry *const *)pa;
	const struct fc_bls_entry *b = *(const struct fc_bls_entry *const *)pb;
	int r = fc_bls_id_cmp(b->id, a->id);
	/* GRUB drops the later of two ids that compare equal; we keep
	 * both in a stable order so that neither goes unaudited. */
	return r ? r : strcmp(a->id, b->id);
}

static void add_bad(struct fc_bls_dir *d, const char *file, char *why)
{
	d->bad = fc_realloc(d->bad, (d->n_bad + 1) * sizeof(*d->bad));
	d->bad[d->n_bad].file = fc_strdup(file);
	d->bad[d->n_bad].why = why;
	d->n_bad++;
}

static void load_one(const struct fc_root *root, const char *dir,
		     const char *file, struct fc_bls_dir *d)
{
	_cleanup_free_ char *path = fc_asprintf("%s/%s", dir, file);
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, path, FC_BLS_MAX_SIZE, &text, &len);
	if (r < 0) {
		add_bad(d, file, r == -EFBIG ?
			fc_asprintf("larger than %d bytes (GRUB skips it too)",
				    FC_BLS_MAX_SIZE) :
			fc_asprintf("cannot read: %s", strerror(-r)));
		return;
	}
	_cleanup_free_ char *id = fc_strndup(file, strlen(file) - 5);
	struct fc_bls_entry *e = fc_calloc(1, sizeof(*e));
	struct fc_parse_err err = { 0 };
	r = fc_bls_parse(id, text, len, e, &err);
	if (r < 0) {
		free(e);
		add_bad(d, file, fc_asprintf("line %u: %s", err.line, err.what));
		return;
	}
	e->path = FC_TAKE(path);
	d->entries = fc_realloc(d->entries, (d->n + 1) * sizeof(*d->entries));
	d->entries[d->n++] = e;
}

int fc_bls_load_dir(const struct fc_root *root, const char *dir,
		    struct fc_bls_dir *out, char **why)
{
	struct fc_bls_dir d = { 0 };
	_cleanup_closedir_ DIR *dh = NULL;
	*why = NULL;
	int r = fc_root_opendir(root, dir, &dh);
	if (r < 0) {
		*why = fc_asprintf("cannot open %s: %s", dir, strerror(-r));
		return r;
	}
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dh);
		if (!de) {
			if (errno) {
				r = -errno;
				*why = fc_asprintf("cannot list %s: %s", dir,
						   strerror(errno));
				fc_bls_dir_free(&d);
				return r;
			}
			break;
		}
		/* blscfg's filter: hidden files and names that are only
		 * ".conf" are skipped. */
		const char *name = de->d_name;
		if (name[0] == '.' || strlen(name) <= 5 ||
		    !ends_with(name, ".conf"))
			continue;
		load_one(root, dir, name, &d);
	}
	if (d.n)
		qsort(d.entries, d.n, sizeof(*d.entries), entry_order);
	*out = d;
	return 0;
}

void fc_bls_dir_free(struct fc_bls_dir *d)
{
	for (size_t i = 0; i < d->n; i++) {
		fc_bls_entry_free(d->entries[i]);
		free(d->entries[i]);
	}
	for (size_t i = 0; i < d->n_bad; i++) {
		free(d->bad[i].file);
		free(d->bad[i].why);
	}
	free(d->entries);
	free(d->bad);
	memset(d, 0, sizeof(*d));
}

static bool in_menu(const struct fc_bls_entry *e)
{
	return fc_bls_get(e, "linux") != NULL;
}

/* GRUB's menu title: the title line, else the linux path. */
static const char *menu_title(const struct fc_bls_entry *e)
{
	const char *t = fc_bls_get(e, "title");
	return t ? t : fc_bls_get(e, "linux");
}

static bool parse_index(const char *s, size_t *out)
{
	if (!*s)
		return false;
	size_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return true;
}

enum fc_bls_default_via fc_bls_default(const struct fc_bls_dir *d,
				       const char *saved_entry,
				       const struct fc_bls_entry **out)
{
	const struct fc_bls_entry *first = NULL;
	size_t n_menu = 0;
	*out = NULL;
	for (size_t i = 0; i < d->n; i++)
		if (in_menu(d->entries[i])) {
			if (!first)
				first = d->entries[i];
			n_menu++;
		}
	if (!first)
		return FC_BLS_DEFAULT_NONE;
	if (!saved_entry || !*saved_entry) {
		*out = first;
		return FC_BLS_DEFAULT_FIRST;
	}
	/* A number is a menu position; otherwise the first entry whose id
	 * or title matches, in menu order. */
	size_t idx;
	if (parse_index(saved_entry, &idx)) {
		if (idx < n_menu)
			for (size_t i = 0; i < d->n; i++) {
				if (!in_menu(d->entries[i]))
					continue;
				if (idx-- == 0) {
					*out = d->entries[i];
					return FC_BLS_DEFAULT_SAVED_INDEX;
				}
			}
	} else {
		for (size_t i = 0; i < d->n; i++) {
			const struct fc_bls_entry *e = d->entries[i];
			if (!in_menu(e))
				continue;
			if (fc_streq(e->id, saved_entry)) {
				*out = e;
				return FC_BLS_DEFAULT_SAVED_ID;
			}
			if (fc_streq(menu_title(e), saved_entry)) {
				*out = e;
				return FC_BLS_DEFAULT_SAVED_TITLE;
			}
		}
	}
	*out = first;
	return FC_BLS_DEFAULT_SAVED_MISSING;
}

const char *fc_bls_default_via_name(enum fc_bls_default_via v)
{
	switch (v) {
	case FC_BLS_DEFAULT_SAVED_INDEX:
		return "saved_entry (menu position)";
	case FC_BLS_DEFAULT_SAVED_ID:
		return "saved_entry";
	case FC_BLS_DEFAULT_SAVED_TITLE:
		return "saved_entry (title)";
	case FC_BLS_DEFAULT_FIRST:
		return "first entry (no saved_entry)";
	case FC_BLS_DEFAULT_SAVED_MISSING:
		return "first entry (saved_entry names no entry)";
	case FC_BLS_DEFAULT_NONE:
		break;
	}
	return "none";
}
