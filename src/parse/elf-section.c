// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/elf-section.h"

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <string.h>
#include <sys/stat.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_ELFDATA ELFDATA2LSB
#else
#define HOST_ELFDATA ELFDATA2MSB
#endif
#if __ELF_NATIVE_CLASS == 64
#define HOST_ELFCLASS ELFCLASS64
#else
#define HOST_ELFCLASS ELFCLASS32
#endif

/* [off, off + n) lies inside a file of size file_size. */
static int in_file(uint64_t off, uint64_t n, uint64_t file_size)
{
	return off <= file_size && n <= file_size - off;
}

static int read_shdr(fc_elf_read_fn read_at, void *opaque,
		     const ElfW(Ehdr) *eh, uint64_t index, ElfW(Shdr) *sh)
{
	return read_at(opaque, eh->e_shoff + index * eh->e_shentsize, sh,
		       sizeof(*sh));
}

int fc_elf_find_section(fc_elf_read_fn read_at, void *opaque,
			uint64_t file_size, const char *name,
			struct fc_elf_section *out, const char **why)
{
	ElfW(Ehdr) eh;
	ElfW(Shdr) sh;
	int r;

	*why = NULL;
	if (file_size < sizeof(eh)) {
		*why = "shorter than an ELF header";
		return -EINVAL;
	}
	r = read_at(opaque, 0, &eh, sizeof(eh));
	if (r < 0)
		return r;
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
		*why = "no ELF magic";
		return -EINVAL;
	}
	if (eh.e_ident[EI_CLASS] != HOST_ELFCLASS ||
	    eh.e_ident[EI_DATA] != HOST_ELFDATA) {
		*why = "ELF class or byte order of another machine";
		return -EINVAL;
	}
	if (eh.e_shoff == 0)
		return 0; /* no section header table: nothing to find */
	if (eh.e_shentsize != sizeof(ElfW(Shdr))) {
		*why = "unexpected section header size";
		return -EINVAL;
	}

	/* Extended numbering (gABI): the real count and string table index
	 * live in section header 0 when they do not fit the ELF header. */
	uint64_t shnum = eh.e_shnum;
	uint64_t strndx = eh.e_shstrndx;
	if (shnum == 0 || strndx == SHN_XINDEX) {
		if (!in_file(eh.e_shoff, sizeof(sh), file_size)) {
			*why = "section header table outside the file";
			return -EINVAL;
		}
		r = read_shdr(read_at, opaque, &eh, 0, &sh);
		if (r < 0)
			return r;
		if (shnum == 0)
			shnum = sh.sh_size;
		if (strndx == SHN_XINDEX)
			strndx = sh.sh_link;
	}
	if (shnum > FC_ELF_MAX_SECTIONS) {
		*why = "too many sections";
		return -EINVAL;
	}
	if (!in_file(eh.e_shoff, shnum * sizeof(sh), file_size)) {
		*why = "section header table outside the file";
		return -EINVAL;
	}
	if (strndx == SHN_UNDEF)
		return 0; /* sections without names */
	if (strndx >= shnum) {
		*why = "section name table index out of range";
		return -EINVAL;
	}

	r = read_shdr(read_at, opaque, &eh, strndx, &sh);
	if (r < 0)
		return r;
	if (sh.sh_type != SHT_STRTAB || sh.sh_size == 0 ||
	    sh.sh_size > FC_ELF_MAX_SHSTRTAB ||
	    !in_file(sh.sh_offset, sh.sh_size, file_size)) {
		*why = "bad section name table";
		return -EINVAL;
	}
	size_t strsz = (size_t)sh.sh_size;
	_cleanup_free_ char *names = fc_malloc(strsz + 1);
	r = read_at(opaque, sh.sh_offset, names, strsz);
	if (r < 0)
		return r;
	names[strsz] = '\0'; /* a name running off the end stops here */

	for (uint64_t i = 1; i < shnum; i++) {
		r = read_shdr(read_at, opaque, &eh, i, &sh);
		if (r < 0)
			return r;
		if (sh.sh_name >= strsz) {
			*why = "section name outside the name table";
			return -EINVAL;
		}
		if (!fc_streq(names + sh.sh_name, name))
			continue;
		/* SHT_NOBITS occupies no file space; anything else must fit. */
		if (sh.sh_type != SHT_NOBITS &&
		    !in_file(sh.sh_offset, sh.sh_size, file_size)) {
			*why = "section outside the file";
			return -EINVAL;
		}
		out->offset = sh.sh_offset;
		out->size = sh.sh_size;
		out->type = sh.sh_type;
		return 1;
	}
	return 0;
}

int fc_elf_find_section_fd(int fd, const char *name,
			   struct fc_elf_section *out, const char **why)
{
	struct stat st;
	*why = NULL;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		return -EINVAL;
	}
	return fc_elf_find_section(fc_pread_at, &fd, (uint64_t)st.st_size,
				   name, out, why);
}
