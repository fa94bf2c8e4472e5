// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/elf-arch.h"

#include <string.h>

/* e_ident indices and values (elf.h, System V ABI). */
#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2

static const struct {
	unsigned machine;
	int class;
	int data; /* 0: either byte order */
	const char *arch;
} machines[] = {
	{ 62, ELFCLASS64, ELFDATA2LSB, "x86_64" },   /* EM_X86_64 */
	{ 183, ELFCLASS64, ELFDATA2LSB, "aarch64" }, /* EM_AARCH64 */
	{ 3, ELFCLASS32, ELFDATA2LSB, "i686" },      /* EM_386 */
	{ 21, ELFCLASS64, ELFDATA2LSB, "ppc64le" },  /* EM_PPC64 */
	{ 21, ELFCLASS64, ELFDATA2MSB, "ppc64" },
	{ 22, ELFCLASS64, ELFDATA2MSB, "s390x" },    /* EM_S390 */
	{ 40, ELFCLASS32, ELFDATA2LSB, "armv7hl" },  /* EM_ARM */
};

const char *fc_elf_arch(const unsigned char *hdr, size_t n, const char **why)
{
	if (n < FC_ELF_ARCH_HEADER || memcmp(hdr, "\x7f" "ELF", 4) != 0) {
		*why = "not an ELF file";
		return NULL;
	}
	int cls = hdr[EI_CLASS], data = hdr[EI_DATA];
	if ((cls != ELFCLASS32 && cls != ELFCLASS64) ||
	    (data != ELFDATA2LSB && data != ELFDATA2MSB)) {
		*why = "malformed ELF identification";
		return NULL;
	}
	/* e_machine follows e_type, in the file's byte order. */
	unsigned m = data == ELFDATA2LSB ? (unsigned)hdr[18] | (unsigned)hdr[19] << 8
					 : (unsigned)hdr[18] << 8 | (unsigned)hdr[19];
	for (size_t i = 0; i < FC_ARRAY_SIZE(machines); i++)
		if (machines[i].machine == m && machines[i].class == cls &&
		    machines[i].data == data)
			return machines[i].arch;
	*why = "an ELF machine fipsctl does not know";
	return NULL;
}
