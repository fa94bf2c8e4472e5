/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Looking into a loaded vector set (src/kat/kat-load.h), for the tests of
 * the vector readers: tests/unit/test-kat-load*.c.
 */
#ifndef FC_TEST_KAT_SET_H
#define FC_TEST_KAT_SET_H

#include "kat/kat-load.h"

/* The vector with these ids, or NULL. */
static inline const struct fc_kat_vector *
t_kat_find(const struct fc_kat_set *s, uint32_t tg, uint32_t tc)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].tg_id == tg && s->v[i].tc_id == tc)
			return &s->v[i];
	return NULL;
}

/* The length of a field of v; (size_t)-1 when v or the field is missing. */
static inline size_t t_kat_field_len(const struct fc_kat_vector *v,
				     enum fc_kat_fid id)
{
	const struct fc_kat_field *f = v ? fc_kat_get(v, id) : NULL;
	return f ? f->len : (size_t)-1;
}

#endif
