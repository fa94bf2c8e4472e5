// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/bls.c (and rpm version order, which sorts entries):
 * the input is parsed as a BLS entry, its options are expanded with the
 * input read as a grubenv too, and its two halves are compared as entry
 * ids and as versions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bls.h"
#include "base/vercmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct fc_grubenv env;
	struct fc_parse_err err;
	bool have_env = fc_grubenv_parse(text, size, &env, &err) == 0;

	struct fc_bls_entry e;
	if (fc_bls_parse("fuzz-1.0-1", text, size, &e, &err) == 0) {
		struct fc_bls_options o;
		fc_bls_expand_options(&e, have_env ? &env : NULL, &o);
		fc_bls_options_free(&o);
		free(fc_bls_kernel_version(&e));
		(void)fc_bls_is_rescue(&e);
		(void)fc_bls_count(&e, "initrd");
		fc_bls_entry_free(&e);
	}
	if (have_env)
		fc_grubenv_free(&env);

	char *a = strndup(text, size / 2);
	char *b = strndup(text + size / 2, size - size / 2);
	if (a && b) {
		int ab = fc_bls_id_cmp(a, b), ba = fc_bls_id_cmp(b, a);
		int v = fc_rpmvercmp(a, b), w = fc_rpmvercmp(b, a);
		/* Both orders must be antisymmetric, or sorting is undefined. */
		if (ab != -ba || v != -w)
			abort();
	}
	free(a);
	free(b);
	return 0;
}
