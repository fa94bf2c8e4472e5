// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The syntax of a table's values: rpm EVRs and their patterns, package
 * and table names, architectures, dates (src/policy/policy-lint.h).
 */
#include "policy/policy-lint.h"

#include <string.h>

static bool all_in(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9');
		if (!alnum && !(c && strchr(set, c)))
			return false;
	}
	return true;
}

/* rpm allows these in versions and releases ('-' only separates them). */
#define EVR_CHARS "._+~^"

bool fc_evr_valid(const char *evr)
{
	if (!evr)
		return false;
	const char *p = evr;
	const char *colon = strchr(evr, ':');
	if (colon) {
		size_t n = (size_t)(colon - evr);
		/* rpm keeps the epoch in a 32-bit tag */
		if (n == 0 || n > 9 || !all_in(evr, n, ""))
			return false;
		for (size_t i = 0; i < n; i++)
			if (evr[i] < '0' || evr[i] > '9')
				return false;
		p = colon + 1;
	}
	const char *dash = strchr(p, '-');
	if (!dash || strchr(dash + 1, '-'))
		return false;
	return all_in(p, (size_t)(dash - p), EVR_CHARS) &&
	       all_in(dash + 1, strlen(dash + 1), EVR_CHARS);
}

const char *fc_evr_no_epoch(const char *evr)
{
	const char *colon = strchr(evr, ':');
	return colon ? colon + 1 : evr;
}

bool fc_policy_evr_glob_valid(const char *g)
{
	return strchr(g, '-') && all_in(g, strlen(g), EVR_CHARS ":-*?[]!");
}

bool fc_policy_pkg_name_valid(const char *s)
{
	return all_in(s, strlen(s), "._+-");
}

bool fc_policy_arch_valid(const char *s)
{
	return all_in(s, strlen(s), "_");
}

bool fc_policy_table_name_valid(const char *s)
{
	return all_in(s, strlen(s), "._-") && s[0] != '.' && s[0] != '-';
}

bool fc_policy_date_valid(const char *s)
{
	/* YYYY, YYYY-MM or YYYY-MM-DD */
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	if (n >= 7) {
		int mo = (s[5] - '0') * 10 + (s[6] - '0');
		if (mo < 1 || mo > 12)
			return false;
	}
	if (n == 10) {
		int d = (s[8] - '0') * 10 + (s[9] - '0');
		if (d < 1 || d > 31)
			return false;
	}
	return true;
}

bool fc_policy_owner_valid(const char *s)
{
	/* "TuxCare", "Red Hat": what findings print, so no control bytes. */
	if (!*s)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}
