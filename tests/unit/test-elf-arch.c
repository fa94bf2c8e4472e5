// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/elf-arch.c: real C libraries (this host's and
 * the arm64 sysroot's, when there) and headers that are not ELF. */
#include "harness.h"

#include <fcntl.h>
#include <unistd.h>

#include "parse/elf-arch.h"

/* The architecture of the file at path, or NULL (*why set). */
static const char *arch_of(const char *path, const char **why, bool *missing)
{
	unsigned char hdr[FC_ELF_ARCH_HEADER];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	*missing = fd < 0;
	if (fd < 0)
		return NULL;
	ssize_t n = read(fd, hdr, sizeof(hdr));
	close(fd);
	return fc_elf_arch(hdr, n > 0 ? (size_t)n : 0, why);
}

static void test_host_libc(void)
{
	const char *why = NULL;
	bool missing;
#if defined(__x86_64__)
	const char *a = arch_of("/lib/x86_64-linux-gnu/libc.so.6", &why,
				&missing);
	if (missing)
		a = arch_of("/lib64/libc.so.6", &why, &missing);
	if (missing)
		SKIP("no C library at a known path");
	CHECK_STR(a, "x86_64");
#elif defined(__aarch64__)
	const char *a = arch_of("/lib/aarch64-linux-gnu/libc.so.6", &why,
				&missing);
	if (missing)
		a = arch_of("/lib64/libc.so.6", &why, &missing);
	if (missing)
		SKIP("no C library at a known path");
	CHECK_STR(a, "aarch64");
#else
	(void)why;
	(void)missing;
	SKIP("an architecture this test does not name");
#endif
}

static void test_arm64_sysroot(void)
{
	const char *cache = getenv("FIPSCTL_CACHE");
	char path[4096];
	snprintf(path, sizeof(path), "%s/arm64-sysroot/lib/aarch64-linux-gnu/"
				     "libc.so.6",
		 cache && *cache ? cache : "/var/cache/fipsctl-test");
	const char *why = NULL;
	bool missing;
	const char *a = arch_of(path, &why, &missing);
	if (missing)
		SKIP("no arm64 sysroot (tests/setup)");
	CHECK_STR(a, "aarch64");
}

static void test_not_elf(void)
{
	const char *why = NULL;
	static const unsigned char text[FC_ELF_ARCH_HEADER] = "#!/bin/sh\necho";
	CHECK(fc_elf_arch(text, sizeof(text), &why) == NULL);
	CHECK_STR(why, "not an ELF file");
	/* Too short to hold e_machine. */
	static const unsigned char shorter[] = { 0x7f, 'E', 'L', 'F', 2, 1 };
	CHECK(fc_elf_arch(shorter, sizeof(shorter), &why) == NULL);
	/* EM_X86_64 in a 32-bit file is no machine fipsctl knows. */
	unsigned char odd[FC_ELF_ARCH_HEADER] = { 0x7f, 'E', 'L', 'F', 1, 1 };
	odd[18] = 62;
	CHECK(fc_elf_arch(odd, sizeof(odd), &why) == NULL);
	CHECK_STR(why, "an ELF machine fipsctl does not know");
	/* s390x is big-endian: e_machine 22 in its byte order. */
	unsigned char s390[FC_ELF_ARCH_HEADER] = { 0x7f, 'E', 'L', 'F', 2, 2 };
	s390[19] = 22;
	CHECK_STR(fc_elf_arch(s390, sizeof(s390), &why), "s390x");
}

int main(void)
{
	RUN(test_host_libc);
	RUN(test_arm64_sysroot);
	RUN(test_not_elf);
	TEST_MAIN_END();
}
