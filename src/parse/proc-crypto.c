// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/proc-crypto.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

static void alg_free(struct fc_crypto_alg *a)
{
	for (size_t i = 0; i < a->n_fields; i++) {
		free(a->fields[i].key);
		free(a->fields[i].value);
	}
	free(a->fields);
}

const char *fc_crypto_alg_get(const struct fc_crypto_alg *a, const char *key)
{
	for (size_t i = 0; i < a->n_fields; i++)
		if (fc_streq(a->fields[i].key, key))
			return a->fields[i].value;
	return NULL;
}

static bool parse_long(const char *s, long *out)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || s[0] == ' ' || s[0] == '+')
		return false;
	*out = v;
	return true;
}

/* Fill the shortcut pointers once the block is complete; NULL or why not. */
static const char *alg_finish(struct fc_crypto_alg *a)
{
	a->name = fc_crypto_alg_get(a, "name");
	a->driver = fc_crypto_alg_get(a, "driver");
	a->module = fc_crypto_alg_get(a, "module");
	a->selftest = fc_crypto_alg_get(a, "selftest");
	a->internal = fc_crypto_alg_get(a, "internal");
	a->type = fc_crypto_alg_get(a, "type");
	a->fips = fc_crypto_alg_get(a, "fips");
	a->fips_allowed = fc_crypto_alg_get(a, "fips_allowed");
	if (!a->name || !a->driver)
		return "algorithm block without name or driver";
	const char *v = fc_crypto_alg_get(a, "priority");
	a->priority = -1;
	if (v && !parse_long(v, &a->priority))
		return "priority is not a number";
	v = fc_crypto_alg_get(a, "refcnt");
	a->refcnt = -1;
	if (v && !parse_long(v, &a->refcnt))
		return "refcnt is not a number";
	return NULL;
}

static void trim_span(const char **p, size_t *n)
{
	while (*n && (**p == ' ' || **p == '\t')) {
		(*p)++;
		(*n)--;
	}
	while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' ||
		      (*p)[*n - 1] == '\r'))
		(*n)--;
}

int fc_proc_crypto_parse(const char *text, size_t len,
			 struct fc_proc_crypto *out, struct fc_parse_err *err)
{
	memset(out, 0, sizeof(*out));
	struct fc_crypto_alg cur = { 0 };
	bool in_block = false;
	unsigned lineno = 0;
	size_t pos = 0;
	const char *what = NULL;

	for (;;) {
		bool at_end = pos >= len;
		const char *line = text + pos;
		size_t ll = 0;
		if (!at_end) {
			const char *nl = memchr(line, '\n', len - pos);
			ll = nl ? (size_t)(nl - line) : len - pos;
			pos += ll + (nl ? 1 : 0);
			lineno++;
		}
		const char *k = line;
		size_t kn = ll;
		trim_span(&k, &kn);
		if (at_end || kn == 0) {
			/* A blank line (or the end) closes the block. */
			if (in_block) {
				what = alg_finish(&cur);
				if (what) {
					lineno = cur.line;
					goto bad;
				}
				out->algs = fc_realloc(out->algs,
						       (out->n +
							1) * sizeof(*out->algs));
				out->algs[out->n++] = cur;
				memset(&cur, 0, sizeof(cur));
				in_block = false;
			}
			if (at_end)
				break;
			continue;
		}
		if (memchr(line, '\0', ll)) {
			what = "NUL byte";
			goto bad;
		}
		const char *colon = memchr(line, ':', ll);
		if (!colon) {
			what = "line without ':'";
			goto bad;
		}
		kn = (size_t)(colon - line);
		k = line;
		trim_span(&k, &kn);
		const char *v = colon + 1;
		size_t vn = ll - (size_t)(v - line);
		trim_span(&v, &vn);
		if (kn == 0) {
			what = "empty key";
			goto bad;
		}
		if (!in_block) {
			in_block = true;
			cur.line = lineno;
		}
		_cleanup_free_ char *key = fc_strndup(k, kn);
		if (fc_crypto_alg_get(&cur, key)) {
			what = "key given twice in one block";
			goto bad;
		}
		cur.fields = fc_realloc(cur.fields, (cur.n_fields +
						     1) * sizeof(*cur.fields));
		cur.fields[cur.n_fields].key = FC_TAKE(key);
		cur.fields[cur.n_fields].value = fc_strndup(v, vn);
		cur.n_fields++;
	}
	return 0;
bad:
	alg_free(&cur);
	fc_proc_crypto_free(out);
	err->line = lineno;
	err->what = what;
	return -EBADMSG;
}

void fc_proc_crypto_free(struct fc_proc_crypto *pc)
{
	for (size_t i = 0; i < pc->n; i++)
		alg_free(&pc->algs[i]);
	free(pc->algs);
	pc->algs = NULL;
	pc->n = 0;
}
