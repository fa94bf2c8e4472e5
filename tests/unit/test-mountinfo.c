// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/mountinfo.c: fields, escapes, errors, lookup. */
#include "harness.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "core/sysroot.h"
#include "parse/mountinfo.h"

static const char sample[] =
	"22 27 0:21 / /proc rw,relatime - proc proc rw\n"
	"27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard\n"
	"40 27 253:1 / /boot rw,relatime shared:5 master:2 - xfs /dev/vdb1 "
	"rw,attr2,inode64\n"
	"\n"
	"41 40 8:2 / /boot/efi rw,relatime - vfat /dev/sda2 "
	"rw,fmask=0077,codepage=437\n"
	"50 27 0:40 /sub\\040dir /mnt/my\\040disk\\011x rw - fuse.sshfs "
	"host:/a\\134b rw,user_id=0\n"
	"51 27 0:41 / /empty rw - tmpfs  rw\n"
	"52 27 0:42 net:[4026531840] /run/netns/x rw - nsfs nsfs rw\n";

static void test_fields(void)
{
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_mountinfo_parse(sample, sizeof(sample) - 1, &mi, &pe), 0);
	CHECK_INT(mi.n, 7);
	if (mi.n != 7)
		return;
	const struct fc_mount *m = &mi.mounts[2];
	CHECK_INT(m->id, 40);
	CHECK_INT(m->parent, 27);
	CHECK_INT(m->major, 253);
	CHECK_INT(m->minor, 1);
	CHECK_STR(m->root, "/");
	CHECK_STR(m->mount_point, "/boot");
	CHECK_STR(m->options, "rw,relatime");
	CHECK_STR(m->optional, "shared:5 master:2");
	CHECK_STR(m->fstype, "xfs");
	CHECK_STR(m->source, "/dev/vdb1");
	CHECK_STR(m->super_options, "rw,attr2,inode64");
	CHECK_INT(m->line, 3);
	CHECK_STR(mi.mounts[0].optional, "");
	/* The blank line still counts. */
	CHECK_INT(mi.mounts[3].line, 5);
	/* Escapes decode in root, mount point and source. */
	m = &mi.mounts[4];
	CHECK_STR(m->root, "/sub dir");
	CHECK_STR(m->mount_point, "/mnt/my disk\tx");
	CHECK_STR(m->fstype, "fuse.sshfs");
	CHECK_STR(m->source, "host:/a\\b");
	/* An empty source does not shift the fields after it. */
	CHECK_STR(mi.mounts[5].source, "");
	CHECK_STR(mi.mounts[5].super_options, "rw");
	CHECK_STR(mi.mounts[6].root, "net:[4026531840]");
	fc_mountinfo_free(&mi);
	CHECK(mi.mounts == NULL && mi.n == 0);
}

static void test_no_final_newline(void)
{
	static const char t[] = "1 0 8:1 / / rw - ext4 /dev/sda1 rw";
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_mountinfo_parse(t, sizeof(t) - 1, &mi, &pe), 0);
	CHECK_INT(mi.n, 1);
	fc_mountinfo_free(&mi);
	CHECK_INT(fc_mountinfo_parse("", 0, &mi, &pe), 0);
	CHECK_INT(mi.n, 0);
}

static void test_errors(void)
{
	static const struct {
		const char *line;
		const char *what;
	} bad[] = {
		{ "1 0 8:1 / / rw shared:1 ext4 /dev/sda1 rw",
		  "no '-' separator" },
		{ "1 0 8:1 / / rw ext4 /dev/sda1 rw", "too few fields" },
		{ "1 0 8:1 / / rw - ext4", "too few fields" },
		{ "1 0 8:1 / / rw - ext4 /dev/sda1 rw extra",
		  "expected fstype, source" },
		{ "x 0 8:1 / / rw - ext4 /dev/sda1 rw", "mount ID" },
		{ "1 -1 8:1 / / rw - ext4 /dev/sda1 rw", "parent ID" },
		{ "1 0 8-1 / / rw - ext4 /dev/sda1 rw", "major:minor" },
		{ "1 0 8: / / rw - ext4 /dev/sda1 rw", "major:minor" },
		{ "1 0 99999999999:1 / / rw - ext4 /dev/sda1 rw",
		  "major:minor" },
		{ "1 0 8:1 / /a\\04 rw - ext4 /dev/sda1 rw", "escape" },
		{ "1 0 8:1 / /a\\999 rw - ext4 /dev/sda1 rw", "escape" },
		{ "1 0 8:1 / /a\\000 rw - ext4 /dev/sda1 rw", "escape" },
		{ "1 0 8:1 / /a\\x20 rw - ext4 /dev/sda1 rw", "escape" },
		{ "1 0 8:1 / /a rw - ext4 /dev/sd\\ rw", "escape" },
		{ "1 0 8:1 / relative rw - ext4 /dev/sda1 rw", "absolute" },
		{ "1 0 8:1 /  / rw - ext4 /dev/sda1 rw", "empty field" },
		{ "1 0 8:1 / / rw -  /dev/sda1 rw", "empty field" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		/* The bad line is the second one. */
		char *text = fc_asprintf("1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
					 "%s\n",
					 bad[i].line);
		struct fc_mountinfo mi;
		struct fc_parse_err pe = { 0 };
		int r = fc_mountinfo_parse(text, strlen(text), &mi, &pe);
		if (r != -EBADMSG || pe.line != 2 || !pe.what ||
		    !strstr(pe.what, bad[i].what)) {
			fprintf(stderr, "<%s>: r=%d line=%u what=%s\n",
				bad[i].line, r, pe.line,
				pe.what ? pe.what : "(null)");
			fc_t_fail_now++;
		}
		CHECK(mi.mounts == NULL && mi.n == 0);
		free(text);
	}
	static const char nul[] = "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n\0\n";
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_mountinfo_parse(nul, sizeof(nul) - 1, &mi, &pe), -EBADMSG);
	CHECK_INT(pe.line, 2);
	CHECK_STR(pe.what, "NUL byte");
}

static void test_find(void)
{
	static const char t[] = "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
				"2 1 8:2 / /boot rw - xfs /dev/sda2 rw\n"
				"3 2 8:3 / /boot/efi rw - vfat /dev/sda3 rw\n"
				"4 1 8:4 / /bootx rw - ext4 /dev/sda4 rw\n"
				"5 2 8:5 / /boot rw - ext4 /dev/sda5 rw\n";
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_mountinfo_parse(t, sizeof(t) - 1, &mi, &pe), 0);
	const struct fc_mount *m;
	m = fc_mountinfo_find(&mi, "/boot");
	/* Stacked on /boot: the last one listed is visible. */
	CHECK(m && m->id == 5);
	m = fc_mountinfo_find(&mi, "/boot/grub2/grub.cfg");
	CHECK(m && m->id == 5);
	m = fc_mountinfo_find(&mi, "/boot/efi/EFI");
	CHECK(m && m->id == 3);
	m = fc_mountinfo_find(&mi, "/boot/efix");
	CHECK(m && m->id == 5);
	m = fc_mountinfo_find(&mi, "/bootx/a");
	CHECK(m && m->id == 4);
	m = fc_mountinfo_find(&mi, "/boo");
	CHECK(m && m->id == 1);
	m = fc_mountinfo_find(&mi, "/");
	CHECK(m && m->id == 1);
	fc_mountinfo_free(&mi);

	static const char noroot[] = "2 1 8:2 / /boot rw - xfs /dev/sda2 rw\n";
	CHECK_INT(fc_mountinfo_parse(noroot, sizeof(noroot) - 1, &mi, &pe), 0);
	CHECK(fc_mountinfo_find(&mi, "/etc") == NULL);
	CHECK(fc_mountinfo_find(&mi, "/boot") != NULL);
	fc_mountinfo_free(&mi);
}

/* The live host's own table parses, and the mount holding / is the
 * device stat() reports for / (not for btrfs, whose subvolumes have
 * their own st_dev). */
static void test_live_host(void)
{
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new("/", &root), 0);
	char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, "/proc/self/mountinfo", FC_READ_TABLE, &text,
			     &len);
	fc_root_free(root);
	if (r == -ENOENT)
		SKIP("no /proc/self/mountinfo on this host");
	CHECK_INT(r, 0);
	struct fc_mountinfo mi = { 0 };
	struct fc_parse_err pe = { 0 };
	if (r == 0)
		CHECK_INT(fc_mountinfo_parse(text, len, &mi, &pe), 0);
	free(text);
	CHECK(mi.n > 0);
	const struct fc_mount *m = fc_mountinfo_find(&mi, "/");
	struct stat st;
	CHECK(m != NULL);
	CHECK_INT(stat("/", &st), 0);
	if (m && !fc_streq(m->fstype, "btrfs")) {
		CHECK_INT(m->major, major(st.st_dev));
		CHECK_INT(m->minor, minor(st.st_dev));
	}
	fc_mountinfo_free(&mi);
}

int main(void)
{
	RUN(test_fields);
	RUN(test_no_final_newline);
	RUN(test_errors);
	RUN(test_find);
	RUN(test_live_host);
	TEST_MAIN_END();
}
