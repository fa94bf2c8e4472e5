// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the vector readers (src/kat/kat-load*.c): vector files
 * given to 'fipsctl selftest --vectors' (Wycheproof and ACVP JSON, CAVP
 * .rsp).  An input that starts like a response file ('#', '[' or 'L') is
 * read as SHA256ShortMsg.rsp, anything else as JSON (an ACVP document
 * serves as its own answers).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kat/kat-load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *name = size && (data[0] == '#' || data[0] == '[' ||
				    data[0] == 'L')
				   ? "SHA256ShortMsg.rsp"
				   : "fuzz.json";
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	if (fc_kat_load_text(&s, name, (const char *)data, size, &err) < 0) {
		/* A refusal must name the file. */
		if (!err || strncmp(err, name, strlen(name)) != 0)
			abort();
	} else {
		for (size_t i = 0; i < s.n; i++) {
			char *n = fc_kat_vector_name(&s.v[i]);
			free(n);
			for (unsigned f = 0; f < s.v[i].n_fields; f++)
				if (s.v[i].fields[f].len && !s.v[i].fields[f].data)
					abort();
		}
	}
	free(err);
	fc_kat_set_free(&s);
	return 0;
}
