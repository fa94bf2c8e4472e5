// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/proc-crypto.c.  Invariants: a rejected file names a
 * line inside the text and leaves nothing allocated; every parsed block
 * has a name and a driver, its shortcuts agree with its fields, and its
 * first line lies inside the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/proc-crypto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += text[i] == '\n';
	struct fc_proc_crypto pc;
	struct fc_parse_err pe = { 0 };
	if (fc_proc_crypto_parse(text, size, &pc, &pe) < 0) {
		if (!pe.what || pe.line == 0 || pe.line > lines || pc.algs ||
		    pc.n)
			abort();
		return 0;
	}
	for (size_t i = 0; i < pc.n; i++) {
		const struct fc_crypto_alg *a = &pc.algs[i];
		if (!a->name || !a->driver || a->line == 0 || a->line > lines ||
		    a->name != fc_crypto_alg_get(a, "name") ||
		    a->selftest != fc_crypto_alg_get(a, "selftest") ||
		    (a->priority < 0 && fc_crypto_alg_get(a, "priority") &&
		     strtol(fc_crypto_alg_get(a, "priority"), NULL, 10) >= 0))
			abort();
	}
	fc_proc_crypto_free(&pc);
	return 0;
}
