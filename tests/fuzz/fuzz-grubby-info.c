// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/grubby-info.c, the parser of grubby --info output.
 * Invariants: a refusal says where (a line of the input) and why and
 * hands out nothing; an accepted output's values hold no newline or NUL,
 * and printed again the way EL9's grubby prints them (key="value") they
 * parse back to the same entries.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/grubby-info.h"

static size_t lines(const char *s, size_t n)
{
	size_t l = 1;
	for (size_t i = 0; i < n; i++)
		l += s[i] == '\n';
	return l;
}

#define FIELDS(e)                                                              \
	{                                                                      \
		{ "kernel", (e)->kernel }, { "args", (e)->args },              \
			{ "root", (e)->root }, { "initrd", (e)->initrd },      \
			{ "title", (e)->title },                               \
		{                                                              \
			"id", (e)->id                                          \
		}                                                              \
	}

struct field {
	const char *key;
	const char *value;
};

static void check_entry(const struct fc_grubby_entry *e)
{
	struct field f[] = FIELDS(e);
	if (e->index < 0 || e->index > 999999999)
		abort();
	for (size_t i = 0; i < FC_ARRAY_SIZE(f); i++)
		if (f[i].value && strchr(f[i].value, '\n'))
			abort();
}

static void round_trip(const struct fc_grubby_info *info)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < info->n; i++) {
		const struct fc_grubby_entry *e = &info->v[i];
		struct field f[] = FIELDS(e);
		fc_buf_addf(&b, "index=%ld\n", e->index);
		for (size_t k = 0; k < FC_ARRAY_SIZE(f); k++)
			if (f[k].value)
				fc_buf_addf(&b, "%s=\"%s\"\n", f[k].key,
					    f[k].value);
	}
	struct fc_grubby_info again;
	struct fc_parse_err err = { 0 };
	if (fc_grubby_info_parse(b.data ? b.data : "", b.len, &again, &err) !=
		    0 ||
	    again.n != info->n)
		abort();
	for (size_t i = 0; i < info->n; i++) {
		struct field x[] = FIELDS(&info->v[i]);
		struct field y[] = FIELDS(&again.v[i]);
		if (info->v[i].index != again.v[i].index)
			abort();
		for (size_t k = 0; k < FC_ARRAY_SIZE(x); k++)
			if (!x[k].value != !y[k].value ||
			    (x[k].value && strcmp(x[k].value, y[k].value) != 0))
				abort();
	}
	fc_grubby_info_free(&again);
	fc_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct fc_grubby_info info = { 0 };
	struct fc_parse_err err = { 0 };
	if (fc_grubby_info_parse(text, size, &info, &err) < 0) {
		if (!err.what || err.line == 0 ||
		    err.line > lines(text, size) || info.v || info.n)
			abort();
		return 0;
	}
	for (size_t i = 0; i < info.n; i++)
		check_entry(&info.v[i]);
	round_trip(&info);
	fc_grubby_info_free(&info);
	return 0;
}
