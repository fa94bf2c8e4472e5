// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz target for src/parse/grubenv.c: the GRUB environment block. */
#include <stdint.h>
#include <stdlib.h>

#include "parse/grubenv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_grubenv env;
	struct fc_parse_err err = { 0 };
	if (fc_grubenv_parse((const char *)data, size, &env, &err) == 0) {
		(void)fc_grubenv_get(&env, "saved_entry");
		(void)fc_grubenv_get(&env, "kernelopts");
		fc_grubenv_free(&env);
	} else if (err.line == 0 || !err.what) {
		/* A refusal must say where and why. */
		abort();
	}
	return 0;
}
