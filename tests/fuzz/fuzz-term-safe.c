// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for fc_term_safe (src/base/utf8.c), the escaping of every
 * text output: whatever the input, the output is valid UTF-8 with no C0
 * or C1 control, DEL or bidirectional control in it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = strndup((const char *)data, size);
	if (!in)
		return 0;
	char *out = fc_term_safe(in, size ? data[0] : 0);
	char *again = fc_utf8_clean(out, false);
	if (strcmp(out, again) != 0)
		abort(); /* not valid UTF-8 */
	for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			abort();
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			abort();
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			abort();
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			abort();
	}
	free(again);
	free(out);
	free(in);
	return 0;
}
