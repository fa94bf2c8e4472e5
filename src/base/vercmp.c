// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/vercmp.h"

#include <stdbool.h>
#include <string.h>

#include "base/util.h"

/* ASCII only, as rpm: the locale must not change an ordering. */
static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_sep(char c)
{
	return c && !is_digit(c) && !is_alpha(c) && c != '~' && c != '^';
}

/* Compare two digit runs as numbers of any length. */
static int cmp_numeric(const char *a, size_t an, const char *b, size_t bn)
{
	while (an && *a == '0') {
		a++;
		an--;
	}
	while (bn && *b == '0') {
		b++;
		bn--;
	}
	if (an != bn)
		return an > bn ? 1 : -1;
	int c = memcmp(a, b, an);
	return c > 0 ? 1 : c < 0 ? -1 : 0;
}

static int cmp_alpha(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c > 0 ? 1 : -1;
	return an == bn ? 0 : an > bn ? 1 : -1;
}

int fc_rpmvercmp(const char *a, const char *b)
{
	if (fc_streq(a, b))
		return 0;
	while (*a || *b) {
		while (is_sep(*a))
			a++;
		while (is_sep(*b))
			b++;

		/* '~' is older than everything, the end included. */
		if (*a == '~' || *b == '~') {
			if (*a != '~')
				return 1;
			if (*b != '~')
				return -1;
			a++;
			b++;
			continue;
		}
		/* '^' is newer than the end, older than anything else. */
		if (*a == '^' || *b == '^') {
			if (!*a)
				return -1;
			if (!*b)
				return 1;
			if (*a != '^')
				return 1;
			if (*b != '^')
				return -1;
			a++;
			b++;
			continue;
		}
		if (!*a || !*b)
			break;

		/* The run type is set by a; b's run of that type may be empty. */
		bool numeric = is_digit(*a);
		size_t an = 0, bn = 0;
		while (a[an] && (numeric ? is_digit(a[an]) : is_alpha(a[an])))
			an++;
		while (b[bn] && (numeric ? is_digit(b[bn]) : is_alpha(b[bn])))
			bn++;
		/* Digits against letters: the numeric one is newer. */
		if (bn == 0)
			return numeric ? 1 : -1;
		int c = numeric ? cmp_numeric(a, an, b, bn)
				: cmp_alpha(a, an, b, bn);
		if (c)
			return c;
		a += an;
		b += bn;
	}
	if (!*a && !*b)
		return 0;
	/* Whichever has something left is newer. */
	return *a ? 1 : -1;
}
