// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/bls.c (and rpm version order, which sorts entries):
 * the input is parsed as a BLS entry, what GRUB passes for it is worked
 * out with the input read as a grubenv too, and its two halves are compared as entry
 * ids and as versions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bls.h"
#include "parse/grub-cfg.h"
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
		struct fc_grubcfg cfg = { 0 };
		fc_grubcfg_assume_stock(&cfg);
		struct fc_grub_env ge = { have_env ? &env : NULL, &cfg };
		struct fc_grub_vars vars = { fc_grub_env_get, &ge };
		const char *initrd[] = { fc_bls_get(&e, "initrd"), NULL };
		struct fc_grub_entry_in in = {
			.linux_path = fc_bls_get(&e, "linux"),
			.options = fc_bls_get(&e, "options"),
			.initrds = initrd,
			.devicetree = fc_bls_get(&e, "devicetree"),
		};
		if (in.linux_path) {
			struct fc_grub_boot b;
			fc_grub_entry_boot(&in, &vars, &b);
			fc_grub_boot_free(&b);
		}
		fc_grubcfg_free(&cfg);
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
