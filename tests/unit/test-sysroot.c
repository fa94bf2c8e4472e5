// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/core/sysroot.c: chroot-like resolution and bounded reads. */
#include "harness.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sysroot.h"

static char dir[] = "/tmp/fc-sysroot-XXXXXX";

static void put(const char *rel, const char *data)
{
	t_put(dir, rel, data);
}

static void lnk(const char *target, const char *rel)
{
	t_link(dir, target, rel);
}

static void setup(void)
{
	t_tree(dir);
	t_mkdirs(dir, "etc/back-ends");
	put("usr/share/policy/openssl.txt", "FIPS policy\n");
	put("etc/plain", "hello\n");
	/* An absolute link must resolve inside the root. */
	lnk("/usr/share/policy/openssl.txt", "etc/back-ends/openssl.config");
	/* Relative with ".." climbing past the root is clamped. */
	lnk("../../../../../../etc/plain", "etc/back-ends/climb");
	lnk("/etc/passwd", "etc/escape");
	lnk("loop2", "etc/loop1");
	lnk("loop1", "etc/loop2");
}

static void test_absolute_link_stays_inside(void)
{
	struct fc_root *r = NULL;
	CHECK_INT(fc_root_new(dir, &r), 0);
	char *res = NULL;
	CHECK_INT(fc_root_resolve(r, "/etc/back-ends/openssl.config", true, &res), 0);
	CHECK_STR(res, "/usr/share/policy/openssl.txt");
	free(res);
	char *data = NULL;
	size_t len = 0;
	CHECK_INT(fc_root_read(r, "/etc/back-ends/openssl.config", 100, &data, &len), 0);
	CHECK_STR(data, "FIPS policy\n");
	CHECK_INT(len, 12);
	free(data);
	fc_root_free(r);
}

static void test_dotdot_clamped(void)
{
	struct fc_root *r = NULL;
	CHECK_INT(fc_root_new(dir, &r), 0);
	char *data = NULL;
	CHECK_INT(fc_root_read(r, "/etc/back-ends/climb", 100, &data, NULL), 0);
	CHECK_STR(data, "hello\n");
	free(data);
	data = NULL;
	CHECK_INT(fc_root_read(r, "/../../../etc/plain", 100, &data, NULL), 0);
	CHECK_STR(data, "hello\n");
	free(data);
	fc_root_free(r);
}

static void test_escape_never_reads_host(void)
{
	struct fc_root *r = NULL;
	CHECK_INT(fc_root_new(dir, &r), 0);
	char *data = NULL;
	/* /etc/passwd exists on the host, not in the root. */
	CHECK_INT(fc_root_read(r, "/etc/escape", 100000, &data, NULL), -ENOENT);
	CHECK(data == NULL);
	fc_root_free(r);
}

static void test_loop(void)
{
	struct fc_root *r = NULL;
	CHECK_INT(fc_root_new(dir, &r), 0);
	char *data = NULL;
	CHECK_INT(fc_root_read(r, "/etc/loop1", 100, &data, NULL), -ELOOP);
	fc_root_free(r);
}

static void test_bounded_read(void)
{
	struct fc_root *r = NULL;
	CHECK_INT(fc_root_new(dir, &r), 0);
	char *data = NULL;
	CHECK_INT(fc_root_read(r, "/etc/plain", 5, &data, NULL), -EFBIG);
	CHECK(data == NULL);
	CHECK_INT(fc_root_read(r, "/etc/plain", 6, &data, NULL), 0);
	free(data);
	/* /proc files report size 0: the bound holds on the read itself. */
	struct fc_root *live = NULL;
	CHECK_INT(fc_root_new("/", &live), 0);
	CHECK(fc_root_is_live(live));
	data = NULL;
	CHECK_INT(fc_root_read(live, "/proc/self/status", 16, &data, NULL), -EFBIG);
	CHECK_INT(fc_root_read(live, "/proc/self/status", 1 << 20, &data, NULL), 0);
	CHECK(data && strstr(data, "Name:"));
	free(data);
	fc_root_free(live);
	fc_root_free(r);
}

static void test_missing_and_notdir(void)
{
	struct fc_root *r = NULL;
	CHECK_INT(fc_root_new(dir, &r), 0);
	char *data = NULL;
	CHECK_INT(fc_root_read(r, "/nope/file", 100, &data, NULL), -ENOENT);
	CHECK_INT(fc_root_read(r, "/etc/plain/x", 100, &data, NULL), -ENOTDIR);
	CHECK_INT(fc_root_read(r, "/etc", 100, &data, NULL), -EISDIR);
	CHECK_INT(fc_root_read(r, "relative", 100, &data, NULL), -EINVAL);
	char *link = NULL;
	CHECK_INT(fc_root_readlink(r, "/etc/escape", &link), 0);
	CHECK_STR(link, "/etc/passwd");
	free(link);
	struct fc_root *bad = NULL;
	CHECK_INT(fc_root_new("/nonexistent-fipsctl-root", &bad), -ENOENT);
	fc_root_free(r);
}

int main(void)
{
	setup();
	RUN(test_absolute_link_stays_inside);
	RUN(test_dotdot_clamped);
	RUN(test_escape_never_reads_host);
	RUN(test_loop);
	RUN(test_bounded_read);
	RUN(test_missing_and_notdir);
	t_rmtree(dir);
	TEST_MAIN_END();
}
