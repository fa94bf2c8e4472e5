// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/os-release.c: which file is read (os-release(5)),
 * the bound, and the parse, shared by the report and the evidence bundle.
 */
#include "harness.h"

#include "parse/os-release.h"

static int read_in(const char *dir, struct fc_kv_list *kv)
{
	struct fc_root *root = NULL;
	if (fc_root_new(dir, &root) < 0)
		t_die(dir);
	int r = fc_os_release_read(root, kv);
	fc_root_free(root);
	return r;
}

static void test_which_file(void)
{
	char dir[] = "/tmp/fc-os-release-XXXXXX";
	t_tree(dir);
	struct fc_kv_list kv = { 0 };
	CHECK_INT(read_in(dir, &kv), -ENOENT);

	/* Only the fallback: it is read. */
	t_put(dir, "usr/lib/os-release", "ID=rocky\nVERSION_ID=\"9.2\"\n");
	CHECK_INT(read_in(dir, &kv), 0);
	CHECK_STR(fc_kv_get(&kv, "ID"), "rocky");
	CHECK_STR(fc_kv_get(&kv, "VERSION_ID"), "9.2");
	fc_kv_free(&kv);

	/* Both: /etc/os-release alone counts. */
	t_put(dir, "etc/os-release", "ID=almalinux\n");
	CHECK_INT(read_in(dir, &kv), 0);
	CHECK_STR(fc_kv_get(&kv, "ID"), "almalinux");
	CHECK(fc_kv_get(&kv, "VERSION_ID") == NULL);
	fc_kv_free(&kv);

	/* /etc/os-release exists but cannot be read: no fallback. */
	char *p = fc_asprintf("%s/etc/os-release", dir);
	CHECK_INT(unlink(p), 0);
	CHECK_INT(mkdir(p, 0755), 0);
	CHECK_INT(read_in(dir, &kv), -EISDIR);
	CHECK_INT(kv.n, 0);
	free(p);
	t_rmtree(dir);
}

static void test_parse_bound(void)
{
	struct fc_kv_list kv = { 0 };
	unsigned line = 0;
	size_t big = FC_OS_RELEASE_MAX + 1;
	char *text = fc_malloc(big);
	memset(text, '#', big);
	CHECK_INT(fc_os_release_parse(text, big, &kv, &line), -EFBIG);
	text[0] = '\n';
	CHECK_INT(fc_os_release_parse(text, big - 1, &kv, &line), 0);
	fc_kv_free(&kv);
	free(text);

	static const char bad[] = "ID=rhel\nnot a line\n";
	CHECK_INT(fc_os_release_parse(bad, sizeof(bad) - 1, &kv, &line),
		  -EBADMSG);
	CHECK_INT(line, 2);
	static const char ok[] = "PRETTY_NAME='Red Hat Enterprise Linux 9.2'\n";
	CHECK_INT(fc_os_release_parse(ok, sizeof(ok) - 1, &kv, &line), 0);
	CHECK_STR(fc_kv_get(&kv, "PRETTY_NAME"),
		  "Red Hat Enterprise Linux 9.2");
	fc_kv_free(&kv);
}

int main(void)
{
	RUN(test_which_file);
	RUN(test_parse_bound);
	TEST_MAIN_END();
}
