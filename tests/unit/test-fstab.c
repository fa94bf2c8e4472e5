// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/fstab.c: fields, tags, escapes, what is left
 * out, errors, and the lookup of /boot in the result. */
#include "harness.h"

#include "parse/fstab.h"

/* As anaconda writes it on an EL9 LVM install, plus the other forms. */
static const char sample[] =
	"\n"
	"#\n"
	"# /etc/fstab\n"
	"# Created by anaconda on Mon May 15 09:12:44 2023\n"
	"#\n"
	"/dev/mapper/almalinux-root /                       xfs     defaults        0 0\n"
	"UUID=5F1D7C2A-93be-4e08-a6d4-2c7f0e9b1a35 /boot                   xfs     defaults        0 0\n"
	"UUID=7A3C-1F2E          /boot/efi               vfat    umask=0077,shortname=winnt 0 2\n"
	"/dev/mapper/almalinux-swap none                    swap    defaults        0 0\n"
	"LABEL=my\\040data\t/srv/my\\040data\text4\n"
	"PARTUUID=0a1b2c3d-02 /var xfs defaults\n"
	"   # an indented comment\n"
	"tmpfs /tmp tmpfs";

static void test_fields(void)
{
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	CHECK_INT(fc_fstab_parse(sample, sizeof(sample) - 1, &mi, &pe), 0);
	/* The swap line is left out. */
	CHECK_INT(mi.n, 6);
	if (mi.n != 6)
		return;
	const struct fc_mount *m = &mi.mounts[1];
	CHECK_STR(m->source, "UUID=5F1D7C2A-93be-4e08-a6d4-2c7f0e9b1a35");
	CHECK_STR(m->mount_point, "/boot");
	CHECK_STR(m->fstype, "xfs");
	CHECK_STR(m->options, "defaults");
	CHECK_INT(m->line, 7);
	CHECK(m->no_devno);
	CHECK_STR(mi.mounts[3].source, "LABEL=my data");
	CHECK_STR(mi.mounts[3].mount_point, "/srv/my data");
	/* Without options: "defaults", as mount(8) takes it. */
	CHECK_STR(mi.mounts[3].options, "defaults");
	CHECK_STR(mi.mounts[4].source, "PARTUUID=0a1b2c3d-02");
	CHECK_STR(mi.mounts[5].fstype, "tmpfs");
	CHECK_STR(fc_mountinfo_find(&mi, "/boot")->source, mi.mounts[1].source);
	CHECK_STR(fc_mountinfo_find(&mi, "/boot/efi/EFI")->fstype, "vfat");
	CHECK_STR(fc_mountinfo_find(&mi, "/etc")->mount_point, "/");
	fc_mountinfo_free(&mi);
}

static void test_errors(void)
{
	struct fc_mountinfo mi;
	struct fc_parse_err pe = { 0 };
	static const char short_line[] = "/dev/vda1 /\n/dev/vda2 /boot xfs\n";
	CHECK_INT(fc_fstab_parse(short_line, sizeof(short_line) - 1, &mi, &pe),
		  -EBADMSG);
	CHECK_INT(pe.line, 1);
	CHECK(mi.n == 0 && !mi.mounts);
	static const char nul[] = "/dev/vda1 / xfs\n/dev/v\0da2 /boot xfs\n";
	CHECK_INT(fc_fstab_parse(nul, sizeof(nul) - 1, &mi, &pe), -EBADMSG);
	CHECK_INT(pe.line, 2);
	/* Nothing but comments: an empty table. */
	static const char empty[] = "# nothing\n\n";
	CHECK_INT(fc_fstab_parse(empty, sizeof(empty) - 1, &mi, &pe), 0);
	CHECK_INT(mi.n, 0);
	fc_mountinfo_free(&mi);
}

int main(void)
{
	RUN(test_fields);
	RUN(test_errors);
	TEST_MAIN_END();
}
