// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/boot/grubby.c: the options that point grubby at an
 * image, and how a failing grubby is reported (its --info parser:
 * test-grubby-info.c).
 */
#include "harness.h"

#include <sys/stat.h>
#include <unistd.h>

#include "boot/grubby.h"

static char dir[] = "/tmp/fc-grubby-XXXXXX";

static void test_root_options(void)
{
	CHECK(mkdtemp(dir) != NULL);
	char *p = fc_asprintf("%s/boot/grub2", dir);
	char *e = fc_asprintf("%s/boot/efi/EFI/almalinux", dir);
	char *cmd = fc_asprintf("mkdir -p %s %s %s/boot/loader/entries", p, e,
				dir);
	CHECK(system(cmd) == 0);
	/* An absolute link, as EL8-era EFI installs have: it must resolve
	 * inside the image, not on the host. */
	char *l = fc_asprintf("%s/grubenv", p);
	CHECK(symlink("/boot/efi/EFI/almalinux/grubenv", l) == 0);

	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new(dir, &root), 0);
	struct fc_grubby g;
	char *why = NULL;
	struct fc_exec_opts ex = { 0 };
	unsetenv(FC_GRUBBY_ENV);
	CHECK_INT(fc_grubby_open(&g, NULL, root, &ex, &why), 0);
	CHECK_STR(g.path, "/usr/sbin/grubby");
	char *want0 = fc_asprintf("--bls-directory=%s/boot/loader/entries",
				  dir);
	char *want1 = fc_asprintf("--env=%s/boot/efi/EFI/almalinux/grubenv",
				  dir);
	char *want2 = fc_asprintf("--config-file=%s/boot/grub2/grub.cfg", dir);
	CHECK(g.root_args != NULL);
	if (g.root_args) {
		CHECK_STR(g.root_args[0], want0);
		CHECK_STR(g.root_args[1], want1);
		CHECK_STR(g.root_args[2], want2);
		CHECK(g.root_args[3] == NULL);
	}
	fc_grubby_close(&g);

	/* A relative --grubby is refused. */
	CHECK_INT(fc_grubby_open(&g, "grubby", root, &ex, &why), -EINVAL);
	CHECK(why && strstr(why, "--grubby 'grubby' is not an absolute path"));
	free(why);
	why = NULL;

	/* A grubby that fails: its exit status and stderr in the message. */
	CHECK_INT(fc_grubby_open(&g, "/bin/false", root, &ex, &why), 0);
	char *path = NULL;
	CHECK_INT(fc_grubby_default_kernel(&g, &path, &why), -EIO);
	CHECK_STR(why, "grubby --default-kernel exited 1 (no message on "
		       "stderr)");
	free(why);
	why = NULL;
	struct fc_grubby_info info;
	CHECK_INT(fc_grubby_info(&g, "/boot/vmlinuz-x", &info, &why), -EIO);
	CHECK_STR(why, "grubby --info=/boot/vmlinuz-x exited 1 (no message on "
		       "stderr)");
	free(why);
	why = NULL;
	fc_grubby_close(&g);

	/* A grubby that succeeds but prints nonsense is not believed. */
	CHECK_INT(fc_grubby_open(&g, "/bin/echo", root, &ex, &why), 0);
	CHECK_INT(fc_grubby_default_kernel(&g, &path, &why), -EBADMSG);
	CHECK(why && strstr(why, "not one kernel path"));
	free(why);
	why = NULL;
	fc_grubby_close(&g);

	/* Dry run: nothing is asked. */
	struct fc_exec_opts dry = { .dry_run = true };
	CHECK_INT(fc_grubby_open(&g, "/bin/false", root, &dry, &why), 0);
	CHECK_INT(fc_grubby_default_kernel(&g, &path, &why), -ECANCELED);
	free(why);
	fc_grubby_close(&g);

	fc_root_free(root);
	free(want0);
	free(want1);
	free(want2);
	free(p);
	free(e);
	free(l);
	free(cmd);
	cmd = fc_asprintf("rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
}

static void test_live_root_has_no_options(void)
{
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new("/", &root), 0);
	struct fc_grubby g;
	char *why = NULL;
	struct fc_exec_opts ex = { 0 };
	setenv(FC_GRUBBY_ENV, "/opt/grubby", 1);
	CHECK_INT(fc_grubby_open(&g, NULL, root, &ex, &why), 0);
	CHECK_STR(g.path, "/opt/grubby");
	CHECK(g.root_args == NULL);
	fc_grubby_close(&g);
	unsetenv(FC_GRUBBY_ENV);
	fc_root_free(root);
}

int main(void)
{
	RUN(test_root_options);
	RUN(test_live_root_has_no_options);
	TEST_MAIN_END();
}
