// SPDX-License-Identifier: GPL-2.0-or-later
/* The in-memory member list both the writer and the reader use. */
#include "ev.h"

#include <string.h>

void ev_members_add(struct ev_members *m, const char *name,
		    unsigned char *data, size_t len)
{
	m->v = fc_realloc(m->v, (m->n + 1) * sizeof(*m->v));
	m->v[m->n++] = (struct ev_member){
		.name = fc_strdup(name),
		.data = data,
		.len = len,
		.regular = true,
	};
	m->total += len;
}

static int member_cmp(const void *a, const void *b)
{
	const struct ev_member *x = a, *y = b;
	return strcmp(x->name, y->name);
}

void ev_members_sort(struct ev_members *m)
{
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), member_cmp);
}

const struct ev_member *ev_members_find(const struct ev_members *m,
					const char *name)
{
	/* Readers keep archive order (which may be anything): linear. */
	for (size_t i = 0; i < m->n; i++)
		if (fc_streq(m->v[i].name, name))
			return &m->v[i];
	return NULL;
}

void ev_members_free(struct ev_members *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].name);
		free(m->v[i].data);
	}
	free(m->v);
	*m = (struct ev_members){ 0 };
}
