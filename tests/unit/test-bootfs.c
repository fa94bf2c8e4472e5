// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/boot/bootfs.c against fixture roots holding real ext4 and
 * FAT filesystem images (made with mkfs.ext4 and mkfs.vfat), probed by the
 * real libblkid, plus /dev/disk/by-* links; and against this live host.
 * Reading the mount table once per run and its errors are the host facts'
 * (tests/unit/test-hostfacts.c).
 */
#include "harness.h"

#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

#include "boot/bootfs.h"

#define U_BOOT "6a1f3c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
#define U_ROOT "0b9e4a57-2c61-4d3f-8e7a-5f6b7c8d9e0f"
#define U_OTHER "11111111-2222-3333-4444-555555555555"
#define ESP_ID "1234ABCD"
#define ESP_UUID "1234-ABCD"

static char top[] = "/tmp/fc-bootfs-XXXXXX";
static bool have_ext4, have_vfat;

static int sh(const char *fmt, ...) FC_PRINTF(1, 2);
static int sh(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = fc_vasprintf(fmt, ap);
	va_end(ap);
	char *full = fc_asprintf("PATH=$PATH:/usr/sbin:/sbin; %s", cmd);
	int r = system(full);
	free(full);
	free(cmd);
	return r;
}

static void put(const char *root, const char *rel, const char *text)
{
	char *p = fc_asprintf("%s/%s/%s", top, root, rel);
	FILE *f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(p);
		exit(2);
	}
	free(p);
}

static void mkroot(const char *root)
{
	if (sh("mkdir -p '%s/%s/proc/self' '%s/%s/dev/disk/by-uuid' "
	       "'%s/%s/dev/disk/by-label' '%s/%s/boot/efi'",
	       top, root, top, root, top, root, top, root) != 0)
		exit(2);
}

static void ext4_image(const char *root, const char *rel, const char *uuid,
		       const char *label)
{
	if (sh("truncate -s 8M '%s/%s/%s' && mkfs.ext4 -q -F -U %s -L %s "
	       "'%s/%s/%s'",
	       top, root, rel, uuid, label, top, root, rel) != 0)
		exit(2);
}

static void vfat_image(const char *root, const char *rel, const char *id)
{
	if (sh("mkfs.vfat -C -i %s -n ESP '%s/%s/%s' 8192 >/dev/null", id, top,
	       root, rel) != 0)
		exit(2);
}

static void lnk(const char *root, const char *target, const char *rel)
{
	char *p = fc_asprintf("%s/%s/%s", top, root, rel);
	if (symlink(target, p) < 0) {
		perror(p);
		exit(2);
	}
	free(p);
}

/* One fixture root, its mount table as read and parsed, its mounts. */
struct env {
	struct fc_root *root;
	int read_err; /* reading its /proc/self/mountinfo */
	struct fc_mountinfo mi;
	struct fc_mounts m;
	struct fc_bootfs b;
};

static void env_open(struct env *e, const char *root)
{
	char *p = root[0] == '/' ? fc_strdup(root)
				 : fc_asprintf("%s/%s", top, root);
	memset(e, 0, sizeof(*e));
	if (fc_root_new(p, &e->root) < 0) {
		perror(p);
		exit(2);
	}
	char *text = NULL;
	size_t len = 0;
	e->read_err = fc_root_read(e->root, "/proc/self/mountinfo",
				   FC_READ_TABLE, &text, &len);
	struct fc_parse_err pe = { 0 };
	if (e->read_err == 0 &&
	    fc_mountinfo_parse(text, len, &e->mi, &pe) < 0) {
		fprintf(stderr, "%s: mountinfo:%u: %s\n", p, pe.line, pe.what);
		exit(2);
	}
	fc_mounts_init(&e->m, e->root, &e->mi);
	free(text);
	free(p);
}

/* The /boot filesystem of the env's root. */
static int bootfs_get(struct env *e, const struct fc_bootfs **out, char **why)
{
	fc_bootfs_clear(&e->b);
	int r = fc_bootfs_find(&e->m, &e->b, why);
	if (r == 0)
		*out = &e->b;
	return r;
}

static void env_close(struct env *e)
{
	fc_bootfs_clear(&e->b);
	fc_mounts_free(&e->m);
	fc_mountinfo_free(&e->mi);
	fc_root_free(e->root);
}

static enum fc_bootarg judge(struct env *e, const struct fc_bootfs *b,
			     const char *value, const char *why_has)
{
	char *why = NULL;
	enum fc_bootarg v = fc_bootarg_judge(&e->m, b, value, &why);
	if (!why || (why_has && !strstr(why, why_has))) {
		fprintf(stderr, "boot=%s: why '%s' lacks '%s'\n",
			value ? value : "(absent)", why ? why : "(null)",
			why_has);
		fc_t_fail_now++;
	}
	free(why);
	return v;
}

/*
 * "sep": separate /boot on an ext4 image with a FAT ESP at /boot/efi,
 * an unmounted FAT image, and by-uuid/by-label links as udev makes them.
 */
static void setup_separate(void)
{
	mkroot("sep");
	ext4_image("sep", "dev/vdb1", U_BOOT, "fixboot");
	vfat_image("sep", "dev/vda2", ESP_ID);
	vfat_image("sep", "dev/vda4", "5678ABCD");
	lnk("sep", "../../vdb1", "dev/disk/by-uuid/" U_BOOT);
	lnk("sep", "../../vda2", "dev/disk/by-uuid/" ESP_UUID);
	lnk("sep", "../../vdb1", "dev/disk/by-label/fixboot");
	put("sep", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	    "2 1 253:1 / /boot rw - ext4 /dev/vdb1 rw\n"
	    "3 2 253:2 / /boot/efi rw - vfat /dev/vda2 rw,fmask=0077\n");
}

static void test_separate_boot_libblkid(void)
{
	if (!have_ext4 || !have_vfat)
		SKIP("mkfs.ext4 or mkfs.vfat missing (e2fsprogs, dosfstools)");
	struct env e;
	env_open(&e, "sep");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	if (!b) {
		free(why);
		env_close(&e);
		return;
	}
	CHECK(b->separate);
	CHECK_STR(b->mount_point, "/boot");
	CHECK_STR(b->source, "/dev/vdb1");
	CHECK_STR(b->fstype, "ext4");
	CHECK_STR(b->majmin, "253:1");
	CHECK_STR(b->uuid, U_BOOT);
	CHECK_STR(b->uuid_via, "libblkid");
	CHECK_STR(b->label, "fixboot");
	CHECK(b->unknown_reason == NULL);

	CHECK_INT(judge(&e, b, "UUID=" U_BOOT, "names the /boot"),
		  FC_BOOTARG_OK);
	CHECK_INT(judge(&e, b, "UUID=6A1F3C2E-5B7D-4E8F-9A0B-1C2D3E4F5A6B",
			NULL),
		  FC_BOOTARG_OK);
	CHECK_INT(judge(&e, b, "LABEL=fixboot", NULL), FC_BOOTARG_OK);
	CHECK_INT(judge(&e, b, "/dev/vdb1", NULL), FC_BOOTARG_OK);
	CHECK_INT(judge(&e, b, "/dev/disk/by-uuid/" U_BOOT, NULL),
		  FC_BOOTARG_OK);
	CHECK_INT(judge(&e, b, NULL, "no boot= argument"), FC_BOOTARG_MISSING);
	CHECK_INT(judge(&e, b, "", "empty"), FC_BOOTARG_MISSING);
	CHECK_INT(judge(&e, b, "UUID=" ESP_UUID, "EFI system partition"),
		  FC_BOOTARG_EFI);
	CHECK_INT(judge(&e, b, "UUID=1234-abcd", "/boot/efi"), FC_BOOTARG_EFI);
	CHECK_INT(judge(&e, b, "/dev/vda2", "/boot/efi"), FC_BOOTARG_EFI);
	/* Not mounted anywhere, but a FAT filesystem: an ESP. */
	CHECK_INT(judge(&e, b, "/dev/vda4", "FAT"), FC_BOOTARG_EFI);
	CHECK_INT(judge(&e, b, "UUID=" U_OTHER, "another filesystem"),
		  FC_BOOTARG_WRONG);
	CHECK_INT(judge(&e, b, "LABEL=other", "another filesystem"),
		  FC_BOOTARG_WRONG);
	CHECK_INT(judge(&e, b, "vdb1", "not a form dracut accepts"),
		  FC_BOOTARG_WRONG);
	CHECK_INT(judge(&e, b, "UUID=", "not a form"), FC_BOOTARG_WRONG);
	/* A /dev path missing from a fixture cannot be judged. */
	CHECK_INT(judge(&e, b, "/dev/sdz9", "cannot verify"),
		  FC_BOOTARG_UNVERIFIED);
	free(why);
	env_close(&e);
}

/* No image: the UUID comes from the by-uuid link alone. */
static void test_by_uuid_links(void)
{
	mkroot("links");
	lnk("links", "../../vdb1", "dev/disk/by-uuid/" U_OTHER);
	lnk("links", "../../vdb1", "dev/disk/by-uuid/" U_BOOT);
	lnk("links", "../../vdc1", "dev/disk/by-uuid/" U_ROOT);
	put("links", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	    "2 1 253:1 / /boot rw - xfs /dev/vdb1 rw\n");
	struct env e;
	env_open(&e, "links");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	if (b) {
		CHECK(b->separate);
		/* Two links lead there: the smaller name, every time. */
		CHECK_STR(b->uuid, U_OTHER);
		CHECK_STR(b->uuid_via, "/dev/disk/by-uuid");
		CHECK(b->label == NULL);
		CHECK_INT(judge(&e, b, "UUID=" U_OTHER, NULL), FC_BOOTARG_OK);
		/* The link dracut would follow leads to /boot's device. */
		CHECK_INT(judge(&e, b, "UUID=" U_BOOT, NULL), FC_BOOTARG_OK);
		CHECK_INT(judge(&e, b, "UUID=" U_ROOT, NULL), FC_BOOTARG_WRONG);
		/* No label known and no by-label link: cannot tell. */
		CHECK_INT(judge(&e, b, "LABEL=boot", "cannot verify"),
			  FC_BOOTARG_UNVERIFIED);
	}
	free(why);
	env_close(&e);
}

/* Nothing to learn the UUID from: unknown, with every reason. */
static void test_uuid_unknown(void)
{
	mkroot("unknown");
	put("unknown", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	    "2 1 253:1 / /boot rw - ext4 /dev/vdb1 rw\n");
	if (sh("rmdir '%s/unknown/dev/disk/by-uuid'", top) != 0)
		exit(2);
	struct env e;
	env_open(&e, "unknown");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	if (b) {
		CHECK(b->separate);
		CHECK(b->uuid == NULL && b->uuid_via == NULL);
		CHECK(b->unknown_reason &&
		      strstr(b->unknown_reason, "libblkid: cannot stat") &&
		      strstr(b->unknown_reason, "by-uuid does not exist") &&
		      strstr(b->unknown_reason, "only on the live host"));
		CHECK_INT(judge(&e, b, "UUID=" U_BOOT, "cannot verify"),
			  FC_BOOTARG_UNVERIFIED);
		CHECK_INT(judge(&e, b, NULL, NULL), FC_BOOTARG_MISSING);
		CHECK_INT(judge(&e, b, "/dev/vdb1", NULL), FC_BOOTARG_OK);
	}
	free(why);
	env_close(&e);
}

/* /boot on /: no boot= needed; one given is a warning, the ESP a failure. */
static void test_boot_on_root(void)
{
	if (!have_ext4 || !have_vfat)
		SKIP("mkfs.ext4 or mkfs.vfat missing (e2fsprogs, dosfstools)");
	mkroot("onroot");
	ext4_image("onroot", "dev/vda3", U_ROOT, "root");
	vfat_image("onroot", "dev/vda2", ESP_ID);
	put("onroot", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - ext4 /dev/vda3 rw\n"
	    "3 1 253:2 / /boot/efi rw - vfat /dev/vda2 rw\n");
	struct env e;
	env_open(&e, "onroot");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	if (b) {
		CHECK(!b->separate);
		CHECK_STR(b->mount_point, "/");
		CHECK_STR(b->uuid, U_ROOT);
		CHECK_INT(judge(&e, b, NULL, "no boot= is needed"),
			  FC_BOOTARG_OK);
		CHECK_INT(judge(&e, b, "UUID=" U_ROOT, "not needed"),
			  FC_BOOTARG_NEEDLESS);
		CHECK_INT(judge(&e, b, "UUID=" ESP_UUID, "EFI"),
			  FC_BOOTARG_EFI);
		CHECK_INT(judge(&e, b, "UUID=" U_OTHER, "another"),
			  FC_BOOTARG_WRONG);
		CHECK_INT(judge(&e, b, "PARTUUID=abc", "not needed"),
			  FC_BOOTARG_NEEDLESS);
	}
	free(why);
	env_close(&e);
}

/* Bind mounts, stacking, a /boot symlink and a FIFO source. */
static void test_mount_shapes(void)
{
	mkroot("shapes");
	put("shapes", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	    "2 1 253:0 /srv/boot /boot rw - xfs /dev/vda3 rw\n");
	struct env e;
	env_open(&e, "shapes");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	/* A bind mount of a directory of / is the same filesystem. */
	CHECK(b && !b->separate);
	env_close(&e);

	put("shapes", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	    "2 1 253:1 / /boot rw - xfs /dev/vdb1 rw\n"
	    "3 1 253:5 / /boot rw - xfs /dev/vdb5 rw\n");
	env_open(&e, "shapes");
	b = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	CHECK(b && b->separate && fc_streq(b->source, "/dev/vdb5"));
	env_close(&e);

	/* /boot is a symlink into another mount. */
	if (sh("rm -rf '%s/shapes/boot' && mkdir -p '%s/shapes/mnt/b' && "
	       "ln -s /mnt/b '%s/shapes/boot' && mkfifo '%s/shapes/dev/vdb1'",
	       top, top, top, top) != 0)
		exit(2);
	put("shapes", "proc/self/mountinfo",
	    "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	    "2 1 253:1 / /mnt/b rw - ext4 /dev/vdb1 rw\n");
	env_open(&e, "shapes");
	b = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	if (b) {
		CHECK(b->separate);
		CHECK_STR(b->mount_point, "/mnt/b");
		/* The FIFO is never opened (that would block). */
		CHECK(b->uuid == NULL && b->unknown_reason &&
		      strstr(b->unknown_reason, "neither a block device"));
	}
	env_close(&e);
}

static void test_no_root_mount(void)
{
	mkroot("bad");
	put("bad", "proc/self/mountinfo",
	    "2 1 253:1 / /boot rw - xfs /dev/vdb1 rw\n");
	struct env e;
	env_open(&e, "bad");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	CHECK_INT(bootfs_get(&e, &b, &why), -EBADMSG);
	CHECK(why && strstr(why, "no mount for /"));
	free(why);
	env_close(&e);
}

/* ext4 derives statfs f_fsid from its UUID (ext4_statfs): the XOR of the
 * two little-endian 64-bit halves. */
static bool fsid_matches_uuid(const char *path, const char *uuid)
{
	unsigned char u[16];
	if (sscanf(uuid,
		   "%2hhx%2hhx%2hhx%2hhx-%2hhx%2hhx-%2hhx%2hhx-%2hhx%2hhx-"
		   "%2hhx%2hhx%2hhx%2hhx%2hhx%2hhx",
		   &u[0], &u[1], &u[2], &u[3], &u[4], &u[5], &u[6], &u[7],
		   &u[8], &u[9], &u[10], &u[11], &u[12], &u[13], &u[14],
		   &u[15]) != 16)
		return false;
	unsigned long long lo = 0, hi = 0;
	for (int i = 7; i >= 0; i--) {
		lo = lo << 8 | u[i];
		hi = hi << 8 | u[8 + i];
	}
	unsigned long long x = lo ^ hi;
	struct statfs sf;
	if (statfs(path, &sf) < 0)
		return false;
	int val[2];
	memcpy(val, &sf.f_fsid, sizeof(val));
	return (unsigned)val[0] == (unsigned)(x & 0xffffffffu) &&
	       (unsigned)val[1] == (unsigned)(x >> 32);
}

static void test_live_host(void)
{
	struct env e;
	env_open(&e, "/");
	const struct fc_bootfs *b = NULL;
	char *why = NULL;
	if (e.read_err == -ENOENT) {
		env_close(&e);
		SKIP("this host has no /proc/self/mountinfo");
	}
	CHECK_INT(e.read_err, 0);
	CHECK_INT(bootfs_get(&e, &b, &why), 0);
	struct stat sb, sr;
	if (b && stat("/boot", &sb) == 0 && stat("/", &sr) == 0 &&
	    !fc_streq(b->fstype, "btrfs")) {
		/* mountinfo agrees with what stat() says about /boot. */
		CHECK_INT(b->separate, sb.st_dev != sr.st_dev);
		char *mm = fc_asprintf("%u:%u", major(sb.st_dev),
				       minor(sb.st_dev));
		CHECK_STR(b->majmin, mm);
		free(mm);
	}
	if (b && b->uuid && fc_streq(b->fstype, "ext4"))
		CHECK(fsid_matches_uuid(b->mount_point, b->uuid));
	if (b && !b->uuid)
		CHECK(b->unknown_reason && *b->unknown_reason);
	if (b)
		fprintf(stderr, "live /boot: %s on %s (%s) uuid %s via %s\n",
			b->mount_point, b->source, b->fstype,
			b->uuid ? b->uuid : "unknown",
			b->uuid ? b->uuid_via : b->unknown_reason);
	free(why);
	env_close(&e);
}

int main(void)
{
	if (!mkdtemp(top)) {
		perror("mkdtemp");
		return 2;
	}
	have_ext4 = sh("command -v mkfs.ext4 >/dev/null") == 0;
	have_vfat = sh("command -v mkfs.vfat >/dev/null") == 0;
	if (have_ext4 && have_vfat)
		setup_separate();
	RUN(test_separate_boot_libblkid);
	RUN(test_by_uuid_links);
	RUN(test_uuid_unknown);
	RUN(test_boot_on_root);
	RUN(test_mount_shapes);
	RUN(test_no_root_mount);
	RUN(test_live_host);
	if (sh("rm -rf '%s'", top) != 0)
		fprintf(stderr, "cleanup of %s failed\n", top);
	TEST_MAIN_END();
}
