/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Find a section by name in an ELF file.  libgcrypt built with
 * --enable-hmac-binary-check (1.10.1 and later) carries its integrity HMAC
 * in the ELF note section ".note.fdo.integrity", which is not loaded into
 * memory, so the only way to tell such a build from one without any
 * integrity check is to read the section headers of the library file.
 *
 * Only the host's own ELF class and byte order are accepted: the file is a
 * library loaded into the calling process.  Every offset and size is
 * checked against the file size before it is read.
 */
#ifndef FC_ELF_SECTION_H
#define FC_ELF_SECTION_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Read exactly n bytes at off; 0 or -errno (src/base/util.h). */
typedef fc_read_at_fn fc_elf_read_fn;

struct fc_elf_section {
	uint64_t offset;
	uint64_t size;
	uint32_t type; /* SHT_NOTE, ... */
};

/* Upper bounds that keep a hostile file from costing time or memory. */
#define FC_ELF_MAX_SECTIONS 65536
#define FC_ELF_MAX_SHSTRTAB (1024 * 1024)

/*
 * Look up the section called name.  Returns 1 and fills *out when found,
 * 0 when the file has no such section, -EINVAL when the file is not a
 * well-formed ELF file of the host's class and byte order (*why then names
 * the problem, a static string), or the reader's -errno.
 */
int fc_elf_find_section(fc_elf_read_fn read_at, void *opaque,
			uint64_t file_size, const char *name,
			struct fc_elf_section *out, const char **why) FC_WUR;

/* fc_elf_find_section on an open file descriptor (pread). */
int fc_elf_find_section_fd(int fd, const char *name,
			   struct fc_elf_section *out, const char **why) FC_WUR;

#endif
