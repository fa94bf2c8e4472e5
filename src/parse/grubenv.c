// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/grubenv.h"

#include <errno.h>
#include <string.h>

static const char signature[] = "# GRUB Environment Block\n";

/* Drop GRUB's escaping backslashes in place ("\\\\" -> "\\"). */
static void unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '\\' && r[1])
			r++;
		*w++ = *r;
	}
	*w = '\0';
}

/*
 * The first line (not a comment) that ends in an odd run of backslashes:
 * its newline is escaped, a value continues on the next line.  0: none.
 */
static unsigned escaped_newline(const char *text, size_t len)
{
	unsigned line = 1;
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n')
			continue;
		size_t run = 0;
		while (i - run > start && text[i - 1 - run] == '\\')
			run++;
		if (run % 2 == 1 && text[start] != '#')
			return line;
		line++;
		start = i + 1;
	}
	return 0;
}

static unsigned line_of(const char *text, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

int fc_grubenv_parse(const char *text, size_t len, struct fc_grubenv *out,
		     struct fc_parse_err *err)
{
	if (len < sizeof(signature) - 1 ||
	    memcmp(text, signature, sizeof(signature) - 1) != 0) {
		*err = (struct fc_parse_err){
			1, "no '# GRUB Environment Block' signature line"
		};
		return -EBADMSG;
	}
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		*err = (struct fc_parse_err){ line_of(text, (size_t)(nul - text)),
					      "NUL byte" };
		return -EBADMSG;
	}
	/* GRUB would join the next line into the value; we do not guess. */
	unsigned esc = escaped_newline(text, len);
	if (esc) {
		*err = (struct fc_parse_err){
			esc, "value continued over an escaped newline "
			     "(fipsctl does not read those)"
		};
		return -EBADMSG;
	}
	struct fc_kv_list l = { 0 };
	unsigned line = 0;
	if (fc_kv_parse(text, len, FC_KV_RAW, &l, &line) < 0) {
		*err = (struct fc_parse_err){ line, "not NAME=VALUE" };
		return -EBADMSG;
	}
	for (size_t i = 0; i < l.n; i++)
		unescape(l.items[i].value);
	out->vars = l;
	out->size = len;
	return 0;
}

void fc_grubenv_free(struct fc_grubenv *env)
{
	fc_kv_free(&env->vars);
	env->size = 0;
}

const char *fc_grubenv_get(const struct fc_grubenv *env, const char *name)
{
	return env ? fc_kv_get(&env->vars, name) : NULL;
}
