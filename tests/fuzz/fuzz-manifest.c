// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz target for src/parse/manifest.c: an evidence bundle's MANIFEST. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_manifest m;
	struct fc_parse_err err;
	if (fc_manifest_parse((const char *)data, size, &m, &err) < 0) {
		/* A refusal must say where and why. */
		if (err.line == 0 || !err.what)
			abort();
		return 0;
	}
	/* What parses formats back to the same bytes, and every name is
	 * safe to extract. */
	char *text = fc_manifest_format(&m);
	if (strlen(text) != size || memcmp(text, data, size) != 0)
		abort();
	for (size_t i = 0; i < m.n; i++)
		if (!fc_ev_member_name_ok(m.v[i].name) ||
		    fc_manifest_find(&m, m.v[i].name) != &m.v[i])
			abort();
	free(text);
	fc_manifest_free(&m);
	return 0;
}
