// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/strv.h"

#include <string.h>

#include "base/util.h"

/* Room for one more item and the terminating NULL. */
static void *grow(void *v, size_t n)
{
	return fc_realloc(v, (n + 2) * sizeof(char *));
}

void fc_strv_add(char ***v, size_t *n, char *s)
{
	*v = grow(*v, *n);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

bool fc_strv_add_unique(char ***v, size_t *n, char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (fc_streq((*v)[i], s)) {
			free(s);
			return false;
		}
	fc_strv_add(v, n, s);
	return true;
}

char **fc_strv_split(const char *s, char sep, size_t *n)
{
	char **v = fc_calloc(1, sizeof(char *));
	*n = 0;
	for (;;) {
		const char *end = strchr(s, sep);
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (len)
			fc_strv_add(&v, n, fc_strndup(s, len));
		if (!end)
			break;
		s = end + 1;
	}
	return v;
}

static int item_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void fc_strv_sort(char **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), item_cmp);
}

void fc_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

bool fc_strv_contains(char *const *v, const char *s)
{
	for (size_t i = 0; v && v[i]; i++)
		if (fc_streq(v[i], s))
			return true;
	return false;
}

char *fc_strv_join(char *const *v, size_t n, const char *sep)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		fc_buf_addf(&b, "%s%s", i ? sep : "", v[i]);
	return fc_buf_steal(&b);
}

void fc_strv_push(const char ***v, size_t *n, const char *s)
{
	*v = grow(*v, *n);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

void fc_strv_push_list(const char ***v, size_t *n, char *arg)
{
	for (char *save = NULL, *t = strtok_r(arg, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		fc_strv_push(v, n, t);
}
