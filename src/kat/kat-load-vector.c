// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A load in progress: the vector being built, the allocations the set
 * owns, the skip reasons and the errors that name the file and the case.
 * Shared by every format reader (src/kat/kat-load-fmt.h).
 */
#include "kat/kat-load-fmt.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

/* --- the set ---------------------------------------------------------------- */

void *fc_kat_ld_own(struct fc_kat_set *s, void *p)
{
	if (s->n_owned == s->cap_owned) {
		s->cap_owned = s->cap_owned ? 2 * s->cap_owned : 64;
		s->owned = fc_realloc(s->owned, s->cap_owned * sizeof(void *));
	}
	s->owned[s->n_owned++] = p;
	return p;
}

const char *fc_kat_ld_name(struct fc_kat_set *s, const char *name)
{
	return fc_kat_ld_own(s, fc_strdup(name));
}

void fc_kat_set_free(struct fc_kat_set *s)
{
	for (size_t i = 0; i < s->n_owned; i++)
		free(s->owned[i]);
	free(s->owned);
	free(s->v);
	free(s->group);
	*s = (struct fc_kat_set){ 0 };
}

/* --- building one vector ---------------------------------------------------- */

int fc_kat_ld_fail(struct fc_kat_ld *l, uint32_t tg, uint32_t tc,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *what = fc_vasprintf(fmt, ap);
	va_end(ap);
	if (l->err && !*l->err) {
		if (tg && tc)
			*l->err = fc_asprintf("%s: tgId %u tcId %u: %s", l->src,
					      (unsigned)tg, (unsigned)tc, what);
		else if (tc)
			*l->err = fc_asprintf("%s: tcId %u: %s", l->src,
					      (unsigned)tc, what);
		else if (tg)
			*l->err = fc_asprintf("%s: tgId %u: %s", l->src,
					      (unsigned)tg, what);
		else
			*l->err = fc_asprintf("%s: %s", l->src, what);
	}
	return -EBADMSG;
}

void fc_kat_ld_begin(struct fc_kat_ld *l, const char *alg, enum fc_kat_op op,
		     uint32_t tg, uint32_t tc)
{
	memset(&l->cur, 0, sizeof(l->cur));
	l->nf = 0;
	l->cur.alg = alg;
	l->cur.source = l->src;
	l->cur.op = (uint8_t)op;
	l->cur.tg_id = tg;
	l->cur.tc_id = tc;
}

void fc_kat_ld_add(struct fc_kat_ld *l, enum fc_kat_fid id, const uint8_t *p,
		   size_t n)
{
	for (unsigned i = 0; i < l->nf; i++)
		if (l->f[i].id == id) {
			l->f[i].data = p;
			l->f[i].len = (uint32_t)n;
			return;
		}
	l->f[l->nf].id = (uint8_t)id;
	l->f[l->nf].data = p;
	l->f[l->nf].len = (uint32_t)n;
	l->nf++;
}

const struct fc_kat_field *fc_kat_ld_get(const struct fc_kat_ld *l,
					 enum fc_kat_fid id)
{
	for (unsigned i = 0; i < l->nf; i++)
		if (l->f[i].id == id)
			return &l->f[i];
	return NULL;
}

void fc_kat_ld_skip(struct fc_kat_ld *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!l->cur.skip)
		l->cur.skip = fc_kat_ld_own(l->set, fc_vasprintf(fmt, ap));
	va_end(ap);
}

void fc_kat_ld_commit(struct fc_kat_ld *l)
{
	struct fc_kat_set *s = l->set;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = fc_realloc(s->v, s->cap * sizeof(*s->v));
		s->group = fc_realloc(s->group, s->cap * sizeof(*s->group));
	}
	struct fc_kat_field *f =
		fc_kat_ld_own(s, fc_calloc(l->nf + 1, sizeof(*f)));
	memcpy(f, l->f, l->nf * sizeof(*f));
	l->cur.fields = f;
	l->cur.n_fields = (uint8_t)l->nf;
	s->group[s->n] = l->group;
	s->v[s->n++] = l->cur;
}

/* --- names and sizes -------------------------------------------------------- */

const char *fc_kat_cell_name(const char *name)
{
	for (size_t i = 0; fc_kat_algorithms[i]; i++)
		if (fc_streq(fc_kat_algorithms[i], name))
			return fc_kat_algorithms[i];
	return NULL;
}

const char *fc_kat_hmac_cell(enum fc_kat_hash h)
{
	_cleanup_free_ char *n = fc_asprintf("HMAC-%s", fc_kat_hash_name(h));
	return fc_kat_cell_name(n);
}

enum fc_kat_hash fc_kat_ld_hash(struct fc_kat_ld *l, const char *name)
{
	enum fc_kat_hash h;
	if (fc_kat_hash_from_name(name, &h) == 0)
		return h;
	fc_kat_ld_skip(l, "hash %s is not one the core runs", name);
	return FC_KAT_HASH_NONE;
}

enum fc_kat_curve fc_kat_ld_curve(struct fc_kat_ld *l, const char *name)
{
	enum fc_kat_curve c;
	if (fc_kat_curve_from_name(name, &c) == 0)
		return c;
	fc_kat_ld_skip(l, "curve %s is not one the core runs", name);
	return FC_KAT_CURVE_NONE;
}

void fc_kat_ld_bytes_only(struct fc_kat_ld *l, uint32_t bits, const char *what)
{
	if (bits % 8)
		fc_kat_ld_skip(l, "bit-oriented %s (%u bits)", what,
			       (unsigned)bits);
}

uint8_t *fc_kat_unhex_exact(const char *s, size_t n)
{
	uint8_t *b = NULL;
	size_t bl = 0;
	if (fc_kat_unhex(s, &b, &bl) == 0 && bl != n) {
		free(b);
		b = NULL;
	}
	return b;
}
