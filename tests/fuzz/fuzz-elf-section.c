// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/elf-section.c, the ELF section-name lookup the
 * libgcrypt probe runs on the library file.  Invariants checked on every
 * input: no read outside the input, a found section lies inside the input
 * (unless it occupies no file space), a rejection always says why, and an
 * answer never comes with a reason.
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/elf-section.h"
#include "read-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { ".note.fdo.integrity", ".text",
					     ".shstrtab", "" };
	struct input in = { data, size };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct fc_elf_section s;
		const char *why = NULL;
		int r = fc_elf_find_section(read_input, &in, size, names[i], &s,
					    &why);
		if (r == 1) {
			if (why || (s.type != SHT_NOBITS &&
				    (s.offset > size || s.size > size - s.offset)))
				abort();
		} else if (r == 0) {
			if (why)
				abort();
		} else if (r != -EINVAL || !why) {
			abort();
		}
	}
	return 0;
}
