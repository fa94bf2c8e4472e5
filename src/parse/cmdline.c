// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel command line splitting as the kernel does it (lib/cmdline.c
 * next_arg() and kernel/params.c parse_args()), so that fipsctl sees the
 * same arguments the running kernel saw.  Differences from the kernel are
 * deliberate and limited to refusing input the kernel would silently
 * mangle: an unterminated quote and an embedded NUL are errors here.
 */
#include "parse/cmdline.h"

#include <errno.h>
#include <string.h>

/*
 * The kernel's isspace(): its ctype table also marks 0xa0 (Latin-1
 * no-break space) as white space, so a UTF-8 byte 0xa0 splits arguments
 * on the kernel command line too.
 */
static bool kernel_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r' || c == 0xa0;
}

static void add_arg(struct fc_cmdline *c, const char *text, size_t key_start,
		    size_t key_end, bool has_value, size_t val_start,
		    size_t val_end)
{
	c->args = fc_realloc(c->args, (c->n + 1) * sizeof(*c->args));
	struct fc_cmdarg *a = &c->args[c->n++];
	a->key = fc_strndup(text + key_start, key_end - key_start);
	a->value = has_value ? fc_strndup(text + val_start, val_end - val_start)
			     : NULL;
}

static int parse_error(struct fc_cmdline *out, size_t offset, const char *what)
{
	fc_cmdline_free(out);
	out->err_offset = offset;
	out->err_what = what;
	return -EBADMSG;
}

int fc_cmdline_parse(const char *text, size_t len, struct fc_cmdline *out)
{
	memset(out, 0, sizeof(*out));
	const char *nul = memchr(text, '\0', len);
	if (nul)
		return parse_error(out, (size_t)(nul - text), "NUL byte");

	size_t p = 0;
	for (;;) {
		while (p < len && kernel_space((unsigned char)text[p]))
			p++;
		if (p == len)
			break;

		/* A leading quote is dropped, and so is the matching last
		 * character when it is a quote. */
		bool quoted = text[p] == '"';
		bool in_quote = quoted;
		size_t quote_at = p;
		if (quoted)
			p++;
		size_t start = p;
		size_t eq = 0;
		bool has_eq = false;
		for (; p < len; p++) {
			unsigned char ch = (unsigned char)text[p];
			if (kernel_space(ch) && !in_quote)
				break;
			/* next_arg() ignores a '=' in the first position. */
			if (!has_eq && ch == '=' && p > start) {
				has_eq = true;
				eq = p;
			}
			if (ch == '"') {
				in_quote = !in_quote;
				if (in_quote)
					quote_at = p;
			}
		}
		if (in_quote)
			return parse_error(out, quote_at, "unterminated quote");
		size_t end = p;
		bool last_is_quote = end > start && text[end - 1] == '"';

		if (has_eq) {
			size_t vs = eq + 1, ve = end;
			bool stripped = false;
			if (vs < end && text[vs] == '"') {
				vs++;
				if (last_is_quote) {
					ve--;
					stripped = true;
				}
			}
			if (quoted && last_is_quote && !stripped)
				ve--;
			if (ve < vs)
				ve = vs;
			add_arg(out, text, start, eq, true, vs, ve);
			continue;
		}

		size_t ke = end;
		if (quoted && last_is_quote)
			ke--;
		/* parse_args(): a bare "--" hands the rest to init. */
		if (ke - start == 2 && memcmp(text + start, "--", 2) == 0) {
			while (p < len && kernel_space((unsigned char)text[p]))
				p++;
			size_t rest_end = len;
			while (rest_end > p &&
			       kernel_space((unsigned char)text[rest_end - 1]))
				rest_end--;
			out->init_args = fc_strndup(text + p, rest_end - p);
			break;
		}
		add_arg(out, text, start, ke, false, 0, 0);
	}
	return 0;
}

void fc_cmdline_free(struct fc_cmdline *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->args[i].key);
		free(c->args[i].value);
	}
	free(c->args);
	free(c->init_args);
	c->args = NULL;
	c->init_args = NULL;
	c->n = 0;
}

const struct fc_cmdarg *fc_cmdline_find(const struct fc_cmdline *c,
					const char *key)
{
	for (size_t i = c->n; i > 0; i--)
		if (fc_streq(c->args[i - 1].key, key))
			return &c->args[i - 1];
	return NULL;
}

size_t fc_cmdline_count(const struct fc_cmdline *c, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += fc_streq(c->args[i].key, key);
	return n;
}

enum fc_fips_arg fc_cmdline_fips(const struct fc_cmdline *c)
{
	bool bare = false;
	for (size_t i = c->n; i > 0; i--) {
		const struct fc_cmdarg *a = &c->args[i - 1];
		if (!fc_streq(a->key, "fips"))
			continue;
		if (!a->value) {
			bare = true;
			continue;
		}
		if (fc_streq(a->value, "1"))
			return FC_FIPS_ARG_ON;
		if (fc_streq(a->value, "0"))
			return FC_FIPS_ARG_OFF;
		return FC_FIPS_ARG_INVALID;
	}
	return bare ? FC_FIPS_ARG_INVALID : FC_FIPS_ARG_ABSENT;
}
