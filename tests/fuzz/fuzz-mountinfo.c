// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/mountinfo.c.  Invariants: a rejected table names a
 * line inside the text and leaves nothing allocated; every parsed mount
 * has an absolute mount point, and looking that point up finds a mount on
 * the same point (itself or one stacked on it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/mountinfo.h"

static size_t trimmed_len(const char *mp)
{
	size_t l = strlen(mp);
	while (l > 1 && mp[l - 1] == '/')
		l--;
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	if (fc_mountinfo_parse(text, size, &mi, &pe) < 0) {
		size_t lines = 1;
		for (size_t i = 0; i < size; i++)
			lines += text[i] == '\n';
		if (!pe.what || pe.line == 0 || pe.line > lines || mi.mounts ||
		    mi.n)
			abort();
		return 0;
	}
	for (size_t i = 0; i < mi.n; i++) {
		const struct fc_mount *m = &mi.mounts[i];
		if (m->mount_point[0] != '/' || !m->root || !m->fstype ||
		    !m->source || !m->options || !m->optional ||
		    !m->super_options)
			abort();
		const struct fc_mount *found = fc_mountinfo_find(&mi,
								 m->mount_point);
		if (!found || trimmed_len(found->mount_point) !=
				      trimmed_len(m->mount_point))
			abort();
	}
	fc_mountinfo_free(&mi);
	return 0;
}
