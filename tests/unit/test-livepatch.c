// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/livepatch.c on scratch roots laid out as Linux
 * documents /sys/kernel/livepatch (Documentation/ABI/testing/
 * sysfs-kernel-livepatch) and as TuxCare documents KernelCare's
 * /proc/kcare/effective_version.
 */
#include "harness.h"

#include "core/sysroot.h"
#include "parse/livepatch.h"

static void read_root(const char *dir, struct fc_livepatches *lp)
{
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new(dir, &root), 0);
	fc_livepatches_read(root, lp);
	fc_root_free(root);
}

/* No livepatch core and no KernelCare: nothing, and nothing active. */
static void test_none(void)
{
	char dir[] = "/tmp/fipsctl-livepatch.XXXXXX";
	t_tree(dir);
	struct fc_livepatches lp;
	read_root(dir, &lp);
	CHECK_INT(lp.n, 0);
	CHECK_INT(lp.sys_err, -ENOENT);
	CHECK(lp.kcare_version == NULL);
	CHECK_INT(lp.kcare_err, -ENOENT);
	CHECK_INT(fc_livepatches_active(&lp), 0);
	CHECK(fc_livepatches_phrase(&lp) == NULL);
	fc_livepatches_free(&lp);
	t_rmtree(dir);
}

/* Patches sorted by name; a disabled one is listed but not active; one in
 * transition and one whose state cannot be read count. */
static void test_patches(void)
{
	char dir[] = "/tmp/fipsctl-livepatch.XXXXXX";
	t_tree(dir);
	t_put(dir, "sys/kernel/livepatch/kpatch_b/enabled", "0\n");
	t_put(dir, "sys/kernel/livepatch/kpatch_b/transition", "0\n");
	t_put(dir, "sys/kernel/livepatch/kpatch_a/enabled", "1\n");
	t_put(dir, "sys/kernel/livepatch/kpatch_a/transition", "0\n");
	t_mkdirs(dir, "sys/kernel/livepatch/kpatch_a/vmlinux/cmdline_proc_show,1");
	t_put(dir, "sys/kernel/livepatch/kpatch_c/enabled", "0\n");
	t_put(dir, "sys/kernel/livepatch/kpatch_c/transition", "1\n");
	/* No "transition" (before Linux 4.12), "enabled" not 0/1. */
	t_put(dir, "sys/kernel/livepatch/kpatch_d/enabled", "yes\n");
	/* Not a patch directory. */
	t_put(dir, "sys/kernel/livepatch/stray", "1\n");
	struct fc_livepatches lp;
	read_root(dir, &lp);
	CHECK_INT(lp.sys_err, 0);
	CHECK_INT(lp.n, 4);
	if (lp.n == 4) {
		CHECK_STR(lp.v[0].name, "kpatch_a");
		CHECK_INT(lp.v[0].enabled, 1);
		CHECK_INT(lp.v[0].transition, 0);
		CHECK_STR(lp.v[1].name, "kpatch_b");
		CHECK_INT(lp.v[1].enabled, 0);
		CHECK_STR(lp.v[2].name, "kpatch_c");
		CHECK_INT(lp.v[2].transition, 1);
		CHECK_STR(lp.v[3].name, "kpatch_d");
		CHECK_INT(lp.v[3].enabled, -1);
		CHECK_INT(lp.v[3].transition, -1);
	}
	CHECK_INT(fc_livepatches_active(&lp), 3);
	char *s = fc_livepatches_phrase(&lp);
	CHECK_STR(s, "kpatch_a (enabled), kpatch_c (in transition), "
		     "kpatch_d (state unreadable)");
	free(s);
	fc_livepatches_free(&lp);
	t_rmtree(dir);
}

/* KernelCare's effective kernel, first line only, printable. */
static void test_kernelcare(void)
{
	char dir[] = "/tmp/fipsctl-livepatch.XXXXXX";
	t_tree(dir);
	t_put(dir, "proc/kcare/effective_version",
	      "5.14.0-284.30.1.el9_2\nsecond line\n");
	t_mkdirs(dir, "sys/kernel/livepatch");
	struct fc_livepatches lp;
	read_root(dir, &lp);
	CHECK_INT(lp.sys_err, 0);
	CHECK_INT(lp.n, 0);
	CHECK_STR(lp.kcare_version, "5.14.0-284.30.1.el9_2");
	CHECK_INT(fc_livepatches_active(&lp), 1);
	char *s = fc_livepatches_phrase(&lp);
	CHECK_STR(s, "KernelCare (effective kernel 5.14.0-284.30.1.el9_2)");
	free(s);
	fc_livepatches_free(&lp);
	t_rmtree(dir);
}

int main(void)
{
	RUN(test_none);
	RUN(test_patches);
	RUN(test_kernelcare);
	TEST_MAIN_END();
}
