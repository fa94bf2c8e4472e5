// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/cmdline.c.  Invariants checked on every input: a
 * rejected line points inside the text; a key never holds a '=' after its
 * first character (next_arg splits at the first one); find() returns the
 * last occurrence; and a line whose arguments need no quoting re-parses
 * from its own "key[=value]" words to the same arguments.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/cmdline.h"

static bool plain(const char *s)
{
	for (; *s; s++)
		if (*s == '"' || *s == ' ' || *s == '\t' || *s == '\n' ||
		    *s == '\v' || *s == '\f' || *s == '\r' ||
		    (unsigned char)*s == 0xa0)
			return false;
	return true;
}

static void check_round_trip(const struct fc_cmdline *c)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < c->n; i++) {
		const struct fc_cmdarg *a = &c->args[i];
		if (!*a->key || a->key[0] == '=' || fc_streq(a->key, "--") ||
		    !plain(a->key) || (a->value && !plain(a->value))) {
			fc_buf_free(&b);
			return;
		}
		fc_buf_addf(&b, "%s%s%s%s", i ? " " : "", a->key,
			    a->value ? "=" : "", a->value ? a->value : "");
	}
	struct fc_cmdline again;
	if (fc_cmdline_parse(b.data ? b.data : "", b.len, &again) != 0 ||
	    again.n != c->n)
		abort();
	for (size_t i = 0; i < c->n; i++) {
		const struct fc_cmdarg *x = &c->args[i], *y = &again.args[i];
		if (strcmp(x->key, y->key) != 0 || !x->value != !y->value ||
		    (x->value && strcmp(x->value, y->value) != 0))
			abort();
	}
	fc_cmdline_free(&again);
	fc_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct fc_cmdline c;
	if (fc_cmdline_parse(text, size, &c) < 0) {
		if (!c.err_what || c.err_offset >= size || c.args || c.n)
			abort();
		return 0;
	}
	for (size_t i = 0; i < c.n; i++) {
		const char *k = c.args[i].key;
		if (*k && strchr(k + 1, '='))
			abort();
		const struct fc_cmdarg *last = fc_cmdline_find(&c, k);
		if (!last || last < &c.args[i] || fc_cmdline_count(&c, k) == 0)
			abort();
	}
	enum fc_fips_arg f = fc_cmdline_fips(&c);
	if ((f == FC_FIPS_ARG_ABSENT) != (fc_cmdline_count(&c, "fips") == 0))
		abort();
	check_round_trip(&c);
	fc_cmdline_free(&c);
	return 0;
}
