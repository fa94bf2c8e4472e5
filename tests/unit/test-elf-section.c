// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/elf-section.c: section lookup with bounds checks. */
#include "harness.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <unistd.h>

#include "parse/elf-section.h"

struct mem {
	const unsigned char *p;
	size_t n;
	int reads;
};

static int mem_read(void *opaque, uint64_t off, void *buf, size_t n)
{
	struct mem *m = opaque;
	m->reads++;
	/* The parser must never ask for bytes outside the file. */
	if (off > m->n || n > m->n - off)
		return -EFAULT;
	memcpy(buf, m->p + off, n);
	return 0;
}

static int failing_read(void *opaque, uint64_t off, void *buf, size_t n)
{
	(void)opaque, (void)off, (void)buf, (void)n;
	return -EIO;
}

/*
 * A minimal ELF image of the host's class: header, name table, then the
 * section header table with sections "", .shstrtab, .text and (when
 * with_note) .note.fdo.integrity holding 8 bytes at offset 0x40.
 */
static const char names[] = "\0.shstrtab\0.text\0.note.fdo.integrity";
#define NAMES_OFF 0x80
#define SHDR_OFF 0x100

static size_t build(unsigned char *img, size_t cap, int with_note)
{
	memset(img, 0, cap);
	ElfW(Ehdr) *eh = (ElfW(Ehdr) *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = __ELF_NATIVE_CLASS == 64 ? ELFCLASS64 : ELFCLASS32;
	eh->e_ident[EI_DATA] = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				       ? ELFDATA2LSB
				       : ELFDATA2MSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_DYN;
	eh->e_shoff = SHDR_OFF;
	eh->e_shentsize = sizeof(ElfW(Shdr));
	eh->e_shnum = with_note ? 4 : 3;
	eh->e_shstrndx = 1;
	memcpy(img + NAMES_OFF, names, sizeof(names));

	ElfW(Shdr) *sh = (ElfW(Shdr) *)(img + SHDR_OFF);
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_STRTAB;
	sh[1].sh_offset = NAMES_OFF;
	sh[1].sh_size = sizeof(names);
	sh[2].sh_name = 11;
	sh[2].sh_type = SHT_PROGBITS;
	sh[2].sh_offset = 0x40;
	sh[2].sh_size = 0x10;
	sh[3].sh_name = 17;
	sh[3].sh_type = SHT_NOTE;
	sh[3].sh_offset = 0x40;
	sh[3].sh_size = 8;
	return SHDR_OFF + (size_t)eh->e_shnum * sizeof(ElfW(Shdr));
}

static unsigned char img[SHDR_OFF + 8 * sizeof(ElfW(Shdr))];

static int find(size_t len, const char *name, struct fc_elf_section *s,
		const char **why)
{
	struct mem m = { img, len, 0 };
	return fc_elf_find_section(mem_read, &m, len, name, s, why);
}

static void finds_note(void)
{
	struct fc_elf_section s;
	const char *why = "x";
	size_t len = build(img, sizeof(img), 1);
	CHECK_INT(find(len, ".note.fdo.integrity", &s, &why), 1);
	CHECK_INT(s.type, SHT_NOTE);
	CHECK_INT(s.offset, 0x40);
	CHECK_INT(s.size, 8);
	CHECK(why == NULL);
	CHECK_INT(find(len, ".text", &s, &why), 1);
	CHECK_INT(s.type, SHT_PROGBITS);
}

static void absent_section(void)
{
	struct fc_elf_section s;
	const char *why;
	size_t len = build(img, sizeof(img), 0);
	CHECK_INT(find(len, ".note.fdo.integrity", &s, &why), 0);
	/* A prefix of a real name is not a match. */
	CHECK_INT(find(len, ".tex", &s, &why), 0);
}

static void not_elf(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	size_t len = build(img, sizeof(img), 1);
	img[1] = 'X';
	CHECK_INT(find(len, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "no ELF magic");
	CHECK_INT(find(10, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "shorter than an ELF header");
}

static void truncated_table(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	size_t len = build(img, sizeof(img), 1);
	CHECK_INT(find(len - 1, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "section header table outside the file");
}

static void bad_name_table(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	size_t len = build(img, sizeof(img), 1);
	ElfW(Shdr) *sh = (ElfW(Shdr) *)(img + SHDR_OFF);
	sh[1].sh_type = SHT_PROGBITS;
	CHECK_INT(find(len, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "bad section name table");

	build(img, sizeof(img), 1);
	sh[2].sh_name = sizeof(names) + 5;
	CHECK_INT(find(len, ".note.fdo.integrity", &s, &why), -EINVAL);
	CHECK_STR(why, "section name outside the name table");

	build(img, sizeof(img), 1);
	((ElfW(Ehdr) *)img)->e_shstrndx = 9;
	CHECK_INT(find(len, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "section name table index out of range");
}

static void section_outside_file(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	size_t len = build(img, sizeof(img), 1);
	ElfW(Shdr) *sh = (ElfW(Shdr) *)(img + SHDR_OFF);
	sh[3].sh_size = (ElfW(Xword))-1;
	CHECK_INT(find(len, ".note.fdo.integrity", &s, &why), -EINVAL);
	CHECK_STR(why, "section outside the file");
	/* NOBITS sections occupy no file space. */
	sh[3].sh_type = SHT_NOBITS;
	CHECK_INT(find(len, ".note.fdo.integrity", &s, &why), 1);
}

static void extended_numbering(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	size_t len = build(img, sizeof(img), 1);
	ElfW(Ehdr) *eh = (ElfW(Ehdr) *)img;
	ElfW(Shdr) *sh = (ElfW(Shdr) *)(img + SHDR_OFF);
	eh->e_shnum = 0;
	eh->e_shstrndx = SHN_XINDEX;
	sh[0].sh_size = 4;
	sh[0].sh_link = 1;
	CHECK_INT(find(len, ".note.fdo.integrity", &s, &why), 1);
	sh[0].sh_size = FC_ELF_MAX_SECTIONS + 1;
	CHECK_INT(find(len, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "too many sections");
}

static void reader_error(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	CHECK_INT(fc_elf_find_section(failing_read, NULL, 4096, ".text", &s, &why),
		  -EIO);
}

/* The real thing: this test program is an ELF file of the host. */
static void real_file(void)
{
	struct fc_elf_section s;
	const char *why = NULL;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		SKIP("/proc/self/exe cannot be opened");
	CHECK_INT(fc_elf_find_section_fd(fd, ".text", &s, &why), 1);
	CHECK(s.size > 0);
	CHECK_INT(fc_elf_find_section_fd(fd, ".note.fdo.integrity", &s, &why), 0);
	close(fd);

	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	CHECK_INT(fc_elf_find_section_fd(fd, ".text", &s, &why), -EINVAL);
	CHECK_STR(why, "not a regular file");
	close(fd);
}

int main(void)
{
	RUN(finds_note);
	RUN(absent_section);
	RUN(not_elf);
	RUN(truncated_table);
	RUN(bad_name_table);
	RUN(section_outside_file);
	RUN(extended_numbering);
	RUN(reader_error);
	RUN(real_file);
	TEST_MAIN_END();
}
