// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/fstab.c.  Invariants: a rejected file names a
 * line inside the text and leaves nothing allocated; every entry kept has
 * an absolute mount point, no device number, every field set, and looking
 * its mount point up finds an entry on that point.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/fstab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	if (fc_fstab_parse(text, size, &mi, &pe) < 0) {
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
		if (m->mount_point[0] != '/' || !m->no_devno || !m->source ||
		    !m->fstype || !m->options || !m->root)
			abort();
		const struct fc_mount *found = fc_mountinfo_find(&mi,
								 m->mount_point);
		if (!found)
			abort();
	}
	fc_mountinfo_free(&mi);
	return 0;
}
