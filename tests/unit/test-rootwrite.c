// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/core/rootwrite.c: atomic writes keep mode and land on
 * the file a link names inside the root, leave no temporary file, and
 * file images restore a file byte for byte (or remove it).
 */
#include "harness.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/rootwrite.h"

static char dir[] = "/tmp/fc-rootwrite-XXXXXX";

static char *at(const char *rel)
{
	return fc_asprintf("%s%s", dir, rel);
}

static char *slurp(const char *rel)
{
	char *p = at(rel);
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return NULL;
	char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return fc_strdup(buf);
}

static size_t entries(const char *rel)
{
	char *p = at(rel);
	DIR *d = opendir(p);
	free(p);
	size_t n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.' || strstr(e->d_name, "fipsctl");
	if (d)
		closedir(d);
	return n;
}

static void test_write_atomic(void)
{
	CHECK(mkdtemp(dir) != NULL);
	char *cmd = fc_asprintf("mkdir -p %s/etc/sysconfig %s/boot/efi/EFI "
				"%s/boot/grub2",
				dir, dir, dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new(dir, &root), 0);
	char *why = NULL;

	/* A new file gets the mode asked for. */
	CHECK_INT(fc_root_write_atomic(root, "/etc/sysconfig/kernel", "A\n", 2,
				       0640, &why),
		  0);
	char *p = at("/etc/sysconfig/kernel");
	struct stat st;
	CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0640);
	/* Rewriting keeps the file's own mode, not the one passed. */
	CHECK(chmod(p, 0600) == 0);
	CHECK_INT(fc_root_write_atomic(root, "/etc/sysconfig/kernel", "B\n", 2,
				       0644, &why),
		  0);
	CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0600);
	char *s = slurp("/etc/sysconfig/kernel");
	CHECK_STR(s, "B\n");
	free(s);
	free(p);
	CHECK_INT(entries("/etc/sysconfig"), 1); /* no temporary file left */

	/* Through an absolute link: the image's target, not the host's. */
	p = at("/boot/grub2/grubenv");
	CHECK(symlink("/boot/efi/EFI/grubenv", p) == 0);
	CHECK_INT(fc_root_write_atomic(root, "/boot/grub2/grubenv", "env", 3,
				       0644, &why),
		  0);
	s = slurp("/boot/efi/EFI/grubenv");
	CHECK_STR(s, "env");
	free(s);
	CHECK(lstat(p, &st) == 0 && S_ISLNK(st.st_mode));
	free(p);

	/* Not over a directory. */
	CHECK_INT(fc_root_write_atomic(root, "/boot/efi", "x", 1, 0644, &why),
		  -EINVAL);
	CHECK(why && strstr(why, "is not a regular file"));
	free(why);
	why = NULL;
	/* Not into a missing directory. */
	CHECK(fc_root_write_atomic(root, "/nodir/x", "x", 1, 0644, &why) < 0);
	CHECK(why != NULL);
	free(why);
	why = NULL;

	/* mkdirs says which directory it made first. */
	char *made = NULL;
	CHECK_INT(fc_root_mkdirs(root, "/var/lib/fipsctl", 0700, &made, &why),
		  0);
	CHECK_STR(made, "/var");
	free(made);
	p = at("/var/lib");
	CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0755);
	free(p);
	p = at("/var/lib/fipsctl");
	CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0700);
	free(p);
	CHECK_INT(fc_root_mkdirs(root, "/var/lib/fipsctl", 0700, &made, &why),
		  0);
	CHECK(made == NULL);
	CHECK_INT(fc_root_mkdirs(root, "/etc/sysconfig/kernel/x", 0700, &made,
				 &why),
		  -ENOTDIR);
	free(why);
	why = NULL;
	CHECK_INT(fc_root_rmdir(root, "/var/lib/fipsctl"), 0);
	CHECK_INT(fc_root_rmdir(root, "/var"), -ENOTEMPTY);

	/* Images: read, change, restore byte for byte, and remove. */
	struct fc_file_image before, now, none;
	CHECK_INT(fc_file_image_read(root, "/etc/sysconfig/kernel", 4096,
				     &before, &why),
		  0);
	CHECK(before.exists && before.mode == 0600);
	CHECK_INT(fc_root_write_atomic(root, "/etc/sysconfig/kernel", "C\n", 2,
				       0644, &why),
		  0);
	CHECK_INT(fc_file_image_read(root, "/etc/sysconfig/kernel", 4096, &now,
				     &why),
		  0);
	CHECK(!fc_file_image_same(&before, &now));
	fc_file_image_clear(&now);
	CHECK_INT(fc_file_image_apply(root, &before, &why), 0);
	CHECK_INT(fc_file_image_read(root, "/etc/sysconfig/kernel", 4096, &now,
				     &why),
		  0);
	CHECK(fc_file_image_same(&before, &now));
	fc_file_image_clear(&now);
	CHECK_INT(fc_file_image_read(root, "/etc/absent", 4096, &none, &why),
		  0);
	CHECK(!none.exists);
	CHECK_INT(fc_root_write_atomic(root, "/etc/absent", "", 0, 0644, &why),
		  0);
	CHECK_INT(fc_file_image_apply(root, &none, &why), 0);
	p = at("/etc/absent");
	CHECK(access(p, F_OK) < 0);
	free(p);
	/* Removing what is already gone is fine. */
	CHECK_INT(fc_file_image_apply(root, &none, &why), 0);
	fc_file_image_clear(&none);
	fc_file_image_clear(&before);

	/* A path for a program run on the host stays inside the image. */
	char *hp = NULL;
	CHECK_INT(fc_root_host_path(root, "/boot/grub2/grubenv", &hp, &why), 0);
	char *real = realpath(dir, NULL);
	char *want = fc_asprintf("%s/boot/efi/EFI/grubenv", real);
	CHECK_STR(hp, want);
	free(want);
	free(real);
	free(hp);

	fc_root_free(root);
	cmd = fc_asprintf("rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
}

int main(void)
{
	RUN(test_write_atomic);
	TEST_MAIN_END();
}
