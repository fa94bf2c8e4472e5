// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/fips-flag.c: the one rule for
 * /proc/sys/crypto/fips_enabled ("0" or "1", optionally one newline) and
 * its five classes, on bytes and read through a scratch root.
 */
#include "harness.h"

#include <fcntl.h>

#include "parse/fips-flag.h"

#define CLASSIFY(lit) fc_fips_flag_classify(lit, sizeof(lit) - 1)

static void test_classify_enabled_disabled(void)
{
	CHECK_INT(CLASSIFY("1\n"), FC_FIPS_FLAG_ENABLED);
	CHECK_INT(CLASSIFY("1"), FC_FIPS_FLAG_ENABLED);
	CHECK_INT(CLASSIFY("0\n"), FC_FIPS_FLAG_DISABLED);
	CHECK_INT(CLASSIFY("0"), FC_FIPS_FLAG_DISABLED);
}

static void test_classify_malformed(void)
{
	/* Everything a kernel does not write, whatever a lax reader (the
	 * first character, atoi, strtol after trimming) would make of it. */
	CHECK_INT(CLASSIFY("1\0garbage"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("1\0"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("2"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY(" 1"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("1 "), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY(""), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("\n"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("1\n\n"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("1\r\n"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("10"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("01\n"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("yes\n"), FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(CLASSIFY("\n1"), FC_FIPS_FLAG_MALFORMED);
}

/* Write len bytes (NULs included) to ROOT/proc/sys/crypto/fips_enabled. */
static void put_flag(const char *root, const char *data, size_t len)
{
	t_mkdirs(root, "proc/sys/crypto");
	char *p = fc_asprintf("%s/" FC_FIPS_FLAG_PATH, root);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || fc_write_all(fd, data, len) < 0 || close(fd) < 0)
		t_die(p);
	free(p);
}

static struct fc_fips_flag read_flag(const char *dir)
{
	struct fc_root *root = NULL;
	if (fc_root_new(dir, &root) < 0)
		t_die(dir);
	struct fc_fips_flag f;
	fc_fips_flag_read(root, &f);
	fc_root_free(root);
	return f;
}

static void test_read_classes(void)
{
	char dir[] = "/tmp/fc-fips-flag-XXXXXX";
	t_tree(dir);

	struct fc_fips_flag f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_ABSENT);
	CHECK_INT(f.err, -ENOENT);
	CHECK(f.text == NULL);
	CHECK(fc_fips_flag_shown(&f, 64) == NULL);
	fc_fips_flag_free(&f);

	put_flag(dir, "1\n", 2);
	f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_ENABLED);
	CHECK_INT(f.err, 0);
	CHECK_INT(f.len, 2);
	fc_fips_flag_free(&f);

	put_flag(dir, "0\n", 2);
	f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_DISABLED);
	fc_fips_flag_free(&f);

	/* A NUL byte does not end the value: the bytes after it count. */
	put_flag(dir, "1\0garbage", 9);
	f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_MALFORMED);
	CHECK_INT(f.err, 0);
	CHECK_INT(f.len, 9);
	fc_fips_flag_free(&f);

	put_flag(dir, "", 0);
	f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_MALFORMED);
	fc_fips_flag_free(&f);

	/* A directory where the file should be: it exists, read(2) fails. */
	char *p = fc_asprintf("%s/" FC_FIPS_FLAG_PATH, dir);
	CHECK_INT(unlink(p), 0);
	CHECK_INT(mkdir(p, 0755), 0);
	f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_UNREADABLE);
	CHECK_INT(f.err, -EISDIR);
	CHECK(f.text == NULL);
	fc_fips_flag_free(&f);
	CHECK_INT(rmdir(p), 0);
	free(p);

	/* Larger than fipsctl reads: refused, never slurped. */
	char *big = fc_malloc(FC_READ_SMALL + 2);
	memset(big, '1', FC_READ_SMALL + 2);
	put_flag(dir, big, FC_READ_SMALL + 2);
	free(big);
	f = read_flag(dir);
	CHECK_INT(f.state, FC_FIPS_FLAG_UNREADABLE);
	CHECK_INT(f.err, -EFBIG);
	fc_fips_flag_free(&f);
	t_rmtree(dir);
}

static char *shown_of(const char *data, size_t len, size_t max)
{
	struct fc_fips_flag f = { .state = fc_fips_flag_classify(data, len),
				  .text = fc_malloc(len + 1),
				  .len = len };
	/* Every byte, NULs included. */
	memcpy(f.text, data, len);
	f.text[len] = '\0';
	char *s = fc_fips_flag_shown(&f, max);
	fc_fips_flag_free(&f);
	return s;
}

static void test_shown(void)
{
	char *s = shown_of("1\n", 2, 64);
	CHECK_STR(s, "1");
	free(s);
	/* Only the one newline the kernel writes goes. */
	s = shown_of(" 1\n\n", 4, 64);
	CHECK_STR(s, " 1?");
	free(s);
	s = shown_of("yes\001\n", 5, 64);
	CHECK_STR(s, "yes?");
	free(s);
	s = shown_of("1\0garbage", 9, 64);
	CHECK_STR(s, "1?garbage");
	free(s);
	s = shown_of("alma92-fips.example.com\n", 24, 8);
	CHECK_STR(s, "alma92-f...");
	free(s);
}

int main(void)
{
	RUN(test_classify_enabled_disabled);
	RUN(test_classify_malformed);
	RUN(test_read_classes);
	RUN(test_shown);
	TEST_MAIN_END();
}
