// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The filesystem that holds /boot and what dracut's boot= must say about
 * it.  dracut's fips module (modules.d/01fips) mounts the boot= device as
 * /boot in the initramfs to verify .vmlinuz-<version>.hmac; when boot=
 * names another filesystem (the EFI system partition is the usual
 * mistake) the integrity check fails and a FIPS boot stops.
 *
 * Everything is read through the sysroot layer: the mount table is the
 * root's /proc/self/mountinfo, devices and /dev/disk links are looked up
 * inside the root, so a fixture can stand in for a host.
 */
#include "boot/bootfs.h"

#include <blkid.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "parse/mountinfo.h"

/*
 * EXT4_IOC_GETFSUUID (Linux 6.3, fs/ext4/ioctl.c): the filesystem UUID
 * without opening the block device, which a container may forbid.  Not
 * in Debian 12's uapi headers, so defined here from the kernel's ABI:
 * struct fsuuid { __u32 fsu_len; __u32 fsu_flags; __u8 fsu_uuid[]; }.
 */
struct fc_ext4_fsuuid {
	uint32_t fsu_len;
	uint32_t fsu_flags;
};
#define FC_EXT4_IOC_GETFSUUID _IOR('f', 44, struct fc_ext4_fsuuid)

static void blkid_probep(blkid_probe *p)
{
	if (*p)
		blkid_free_probe(*p);
}
#define _cleanup_blkid_probe_ __attribute__((cleanup(blkid_probep)))

struct probe_result {
	char *uuid;
	char *label;
	char *type;
};

static void probe_result_free(struct probe_result *p)
{
	free(p->uuid);
	free(p->label);
	free(p->type);
	memset(p, 0, sizeof(*p));
}

/*
 * Probe the filesystem superblock on dev (a path inside the root) with
 * libblkid.  libblkid's convention (0 found, 1 nothing, -2 ambiguous, -1
 * error) is turned into ours here, once.  Only block devices and image
 * files are opened: opening a FIFO or a character device could block or
 * have side effects.
 */
static int probe_device(const struct fc_root *root, const char *dev,
			struct probe_result *res, char **why)
{
	_cleanup_free_ char *shown = fc_root_display(root, dev);
	if (dev[0] != '/') {
		*why = fc_asprintf("mount source '%s' is not a device path",
				   dev);
		return -ENODEV;
	}
	struct stat st, fst;
	int r = fc_root_stat(root, dev, &st);
	if (r < 0) {
		*why = fc_asprintf("cannot stat %s: %s", shown, strerror(-r));
		return r;
	}
	if (!S_ISBLK(st.st_mode) && !S_ISREG(st.st_mode)) {
		*why = fc_asprintf("%s is neither a block device nor an image "
				   "file",
				   shown);
		return -ENODEV;
	}
	_cleanup_close_ int fd = fc_root_open(root, dev, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		*why = fc_asprintf("cannot open %s: %s", shown, strerror(-fd));
		return fd;
	}
	if (fstat(fd, &fst) < 0 || fst.st_dev != st.st_dev ||
	    fst.st_ino != st.st_ino) {
		*why = fc_asprintf("%s changed while it was opened", shown);
		return -EAGAIN;
	}
	_cleanup_blkid_probe_ blkid_probe pr = blkid_new_probe();
	if (!pr)
		fc_oom();
	if (blkid_probe_set_device(pr, fd, 0, 0) != 0) {
		*why = fc_asprintf("libblkid cannot use %s", shown);
		return -EIO;
	}
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_UUID |
						      BLKID_SUBLKS_LABEL |
						      BLKID_SUBLKS_TYPE);
	int br = blkid_do_safeprobe(pr);
	if (br == 1) {
		*why = fc_asprintf("libblkid found no filesystem on %s", shown);
		return -ENOENT;
	}
	if (br == -2) {
		*why = fc_asprintf("libblkid found conflicting filesystem "
				   "signatures on %s",
				   shown);
		return -EBADMSG;
	}
	if (br != 0) {
		*why = fc_asprintf("libblkid could not probe %s", shown);
		return -EIO;
	}
	const char *v = NULL;
	if (blkid_probe_lookup_value(pr, "UUID", &v, NULL) == 0 && v && *v)
		res->uuid = fc_strdup(v);
	if (blkid_probe_lookup_value(pr, "LABEL", &v, NULL) == 0 && v && *v)
		res->label = fc_strdup(v);
	if (blkid_probe_lookup_value(pr, "TYPE", &v, NULL) == 0 && v && *v)
		res->type = fc_strdup(v);
	return 0;
}

/* A filesystem as mountinfo names it: its source path and device number. */
struct fs_ref {
	const char *source;
	unsigned major, minor;
	bool has_devno;
};

static struct fs_ref ref_of(const struct fc_bootfs *b)
{
	struct fs_ref ref = { .source = b->source };
	ref.has_devno = b->majmin &&
			sscanf(b->majmin, "%u:%u", &ref.major, &ref.minor) == 2;
	return ref;
}

/*
 * Does path (inside the root) lead to the filesystem ref?  Either both
 * resolve to the same place in the root (a fixture's image file, or
 * /dev/mapper/x and /dev/dm-0), or path is the block device whose number
 * mountinfo shows (this also covers a source such as /dev/root that has
 * no node).
 */
static bool path_is_fs(const struct fc_root *root, const char *path,
		       const struct fs_ref *ref)
{
	_cleanup_free_ char *a = NULL, *b = NULL;
	if (ref->source[0] == '/' &&
	    fc_root_resolve(root, path, true, &a) == 0 &&
	    fc_root_resolve(root, ref->source, true, &b) == 0 && fc_streq(a, b))
		return true;
	struct stat st;
	return ref->has_devno && fc_root_stat(root, path, &st) == 0 &&
	       S_ISBLK(st.st_mode) && major(st.st_rdev) == ref->major &&
	       minor(st.st_rdev) == ref->minor;
}

/*
 * The name of the link in dir that leads to ref; of several, the smallest
 * name, so that the answer does not depend on readdir order.
 */
static int scan_links(const struct fc_root *root, const char *dir,
		      const struct fs_ref *ref, char **name, char **why)
{
	_cleanup_free_ char *shown = fc_root_display(root, dir);
	_cleanup_closedir_ DIR *d = NULL;
	int r = fc_root_opendir(root, dir, &d);
	if (r < 0) {
		*why = r == -ENOENT ? fc_asprintf("%s does not exist", shown)
				    : fc_asprintf("cannot read %s: %s", shown,
						  strerror(-r));
		return r;
	}
	char *best = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (fc_streq(e->d_name, ".") || fc_streq(e->d_name, ".."))
			continue;
		_cleanup_free_ char *p = fc_asprintf("%s/%s", dir, e->d_name);
		if (!path_is_fs(root, p, ref))
			continue;
		if (!best || strcmp(e->d_name, best) < 0) {
			free(best);
			best = fc_strdup(e->d_name);
		}
	}
	if (!best) {
		*why = fc_asprintf("no link in %s leads to %s", shown,
				   ref->source);
		return -ENOENT;
	}
	*name = best;
	return 0;
}

static char *format_uuid(const uint8_t u[16])
{
	return fc_asprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
			   "%02x%02x%02x%02x%02x%02x",
			   u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8],
			   u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

static int ext4_ioctl_uuid(const struct fc_root *root, const char *mount_point,
			   const struct fs_ref *ref, char **uuid, char **why)
{
	_cleanup_close_ int fd = fc_root_open(root, mount_point,
					      O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		*why = fc_asprintf("cannot open %s: %s", mount_point,
				   strerror(-fd));
		return fd;
	}
	/* The directory must be the mounted filesystem, not one below. */
	struct stat st;
	if (fstat(fd, &st) < 0 || !ref->has_devno ||
	    major(st.st_dev) != ref->major || minor(st.st_dev) != ref->minor) {
		*why = fc_asprintf("%s is not on device %u:%u", mount_point,
				   ref->major, ref->minor);
		return -ENODEV;
	}
	struct {
		struct fc_ext4_fsuuid h;
		uint8_t uuid[16];
	} arg = { .h = { .fsu_len = 16 } };
	if (ioctl(fd, FC_EXT4_IOC_GETFSUUID, &arg) < 0) {
		int e = errno;
		*why = fc_asprintf("EXT4_IOC_GETFSUUID on %s: %s", mount_point,
				   strerror(e));
		return -e;
	}
	static const uint8_t zero[16];
	if (arg.h.fsu_len != 16 || memcmp(arg.uuid, zero, 16) == 0) {
		*why = fc_asprintf("EXT4_IOC_GETFSUUID on %s returned no UUID",
				   mount_point);
		return -ENODATA;
	}
	*uuid = format_uuid(arg.uuid);
	return 0;
}

void fc_bootfs_clear(struct fc_bootfs *b)
{
	free(b->mount_point);
	free(b->source);
	free(b->fstype);
	free(b->majmin);
	free(b->uuid);
	free(b->label);
	free(b->partuuid);
	free(b->uuid_via);
	free(b->unknown_reason);
	memset(b, 0, sizeof(*b));
}

/* Fill b for mount m: where it is and, by the first way that works, its
 * UUID; every way that failed is named in unknown_reason. */
static void identify(const struct fc_root *root, const struct fc_mount *m,
		     struct fc_bootfs *b)
{
	b->mount_point = fc_strdup(m->mount_point);
	b->source = fc_strdup(m->source);
	b->fstype = fc_strdup(m->fstype);
	b->majmin = m->no_devno ? fc_strdup("unknown")
				: fc_asprintf("%u:%u", m->major, m->minor);
	b->from_fstab = m->no_devno;
	struct fs_ref ref = ref_of(b);
	struct fc_buf reasons = { 0 };

	/* An fstab entry names its filesystem by a tag, as findmnt --fstab
	 * shows it: that is what boot= is compared with. */
	if (m->no_devno) {
		const char *v = NULL;
		if ((v = fc_startswith(m->source, "UUID=") ? m->source + 5
							   : NULL) &&
		    *v) {
			b->uuid = fc_strdup(v);
			for (char *p = b->uuid; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			b->uuid_via = fc_strdup("/etc/fstab");
			return;
		}
		if (fc_startswith(m->source, "LABEL=") && m->source[6])
			b->label = fc_strdup(m->source + 6);
		else if (fc_startswith(m->source, "PARTUUID=") &&
			 m->source[9])
			b->partuuid = fc_strdup(m->source + 9);
	}

	struct probe_result pr = { 0 };
	_cleanup_free_ char *why = NULL;
	if (probe_device(root, m->source, &pr, &why) == 0) {
		b->label = FC_TAKE(pr.label);
		if (pr.uuid) {
			b->uuid = FC_TAKE(pr.uuid);
			b->uuid_via = fc_strdup("libblkid");
		} else {
			fc_buf_addf(&reasons, "libblkid: %s (%s) has no UUID",
				    m->source, pr.type ? pr.type : "?");
		}
	} else {
		fc_buf_addf(&reasons, "libblkid: %s", why);
	}
	probe_result_free(&pr);

	if (!b->uuid) {
		free(why);
		why = NULL;
		char *name = NULL;
		if (scan_links(root, "/dev/disk/by-uuid", &ref, &name, &why) ==
		    0) {
			b->uuid = name;
			b->uuid_via = fc_strdup("/dev/disk/by-uuid");
		} else {
			fc_buf_addf(&reasons, "; %s", why);
		}
	}

	if (!b->uuid) {
		free(why);
		why = NULL;
		if (!fc_root_is_live(root))
			fc_buf_adds(&reasons, "; ext4 ioctl: only on the live "
					      "host");
		else if (!fc_streq(m->fstype, "ext4"))
			fc_buf_addf(&reasons,
				    "; ext4 ioctl: %s is %s, not ext4",
				    m->mount_point, m->fstype);
		else if (ext4_ioctl_uuid(root, m->mount_point, &ref, &b->uuid,
					 &why) == 0)
			b->uuid_via = fc_strdup("ext4 ioctl");
		else
			fc_buf_addf(&reasons, "; ext4 ioctl: %s", why);
	}
	if (!b->uuid)
		b->unknown_reason = fc_buf_steal(&reasons);
	fc_buf_free(&reasons);
}

void fc_mounts_init(struct fc_mounts *m, const struct fc_root *root,
		    const struct fc_mountinfo *mi)
{
	memset(m, 0, sizeof(*m));
	m->root = root;
	m->mi = mi;
}

void fc_mounts_free(struct fc_mounts *m)
{
	for (size_t i = 0; i < m->n_esp; i++)
		fc_bootfs_clear(&m->esp[i]);
	free(m->esp);
	memset(m, 0, sizeof(*m));
}

int fc_bootfs_find(const struct fc_mounts *m, struct fc_bootfs *b, char **why)
{
	memset(b, 0, sizeof(*b));
	/* /boot may itself be a symlink; it need not exist in a fixture. */
	_cleanup_free_ char *boot = NULL;
	if (fc_root_resolve(m->root, "/boot", true, &boot) < 0)
		boot = fc_strdup("/boot");
	const struct fc_mount *mb = fc_mountinfo_find(m->mi, boot);
	const struct fc_mount *mr = fc_mountinfo_find(m->mi, "/");
	if (!mb || !mr) {
		_cleanup_free_ char *shown =
			fc_root_display(m->root, "/proc/self/mountinfo");
		*why = fc_asprintf("%s has no mount for /", shown);
		return -EBADMSG;
	}
	identify(m->root, mb, b);
	/* A bind mount of a directory of / is not a filesystem of its own;
	 * fstab entries have no device numbers, only their sources. */
	if (mb->no_devno || mr->no_devno)
		b->separate = mb != mr && !fc_streq(mb->source, mr->source);
	else
		b->separate = mb != mr && (mb->major != mr->major ||
					   mb->minor != mr->minor);
	return 0;
}

/* The EFI system partitions, identified on first need. */
static void esp_list(struct fc_mounts *m)
{
	if (m->esp_listed)
		return;
	m->esp_listed = true;
	const struct fc_mountinfo *mi = m->mi;
	for (size_t i = mi->n; i > 0; i--) {
		const struct fc_mount *mt = &mi->mounts[i - 1];
		if (!fc_streq(mt->fstype, "vfat") &&
		    !fc_streq(mt->mount_point, "/boot/efi") &&
		    !fc_streq(mt->mount_point, "/efi"))
			continue;
		/* One entry per filesystem (the last mount). */
		bool seen = false;
		for (size_t j = 0; j < m->n_esp && !seen; j++) {
			struct fs_ref r = ref_of(&m->esp[j]);
			seen = r.major == mt->major && r.minor == mt->minor &&
			       fc_streq(r.source, mt->source);
		}
		if (seen)
			continue;
		m->esp = fc_realloc(m->esp, (m->n_esp + 1) * sizeof(*m->esp));
		memset(&m->esp[m->n_esp], 0, sizeof(*m->esp));
		identify(m->root, mt, &m->esp[m->n_esp]);
		m->n_esp++;
	}
}

/* A boot= value, as dracut reads it (dracut-lib.sh label_uuid_to_dev). */
enum tag { TAG_UUID, TAG_LABEL, TAG_PARTUUID, TAG_PARTLABEL, TAG_DEV };

static const struct {
	const char *prefix;
	const char *dir;
	bool lower; /* dracut lower-cases UUIDs before the lookup */
} tag_forms[] = {
	[TAG_UUID] = { "UUID=", "/dev/disk/by-uuid", true },
	[TAG_LABEL] = { "LABEL=", "/dev/disk/by-label", false },
	[TAG_PARTUUID] = { "PARTUUID=", "/dev/disk/by-partuuid", true },
	[TAG_PARTLABEL] = { "PARTLABEL=", "/dev/disk/by-partlabel", false },
};

struct target {
	enum tag tag;
	const char *val; /* after "UUID=", or the /dev path */
	char *link;	 /* the path dracut waits for */
	bool exists;
	bool probed;
	struct probe_result probe;
};

static void target_free(struct target *t)
{
	free(t->link);
	probe_result_free(&t->probe);
}

/* udev's link name for a label: dracut escapes '/' and ' ' the same way. */
static char *label_link(const char *dir, const char *label)
{
	struct fc_buf b = { 0 };
	fc_buf_addf(&b, "%s/", dir);
	for (const char *p = label; *p; p++) {
		if (*p == '/' || *p == ' ')
			fc_buf_addf(&b, "\\x%02x", (unsigned char)*p);
		else
			fc_buf_add(&b, p, 1);
	}
	return fc_buf_steal(&b);
}

/* 0, or -EINVAL when dracut would refuse the value. */
static int target_parse(const struct fc_root *root, const char *value,
			struct target *t)
{
	memset(t, 0, sizeof(*t));
	if (fc_startswith(value, "/dev/")) {
		t->tag = TAG_DEV;
		t->val = value;
		t->link = fc_strdup(value);
	} else {
		size_t i;
		for (i = 0; i < FC_ARRAY_SIZE(tag_forms); i++)
			if (fc_startswith(value, tag_forms[i].prefix))
				break;
		if (i == FC_ARRAY_SIZE(tag_forms))
			return -EINVAL;
		t->tag = (enum tag)i;
		t->val = value + strlen(tag_forms[i].prefix);
		if (!*t->val)
			return -EINVAL;
		if (tag_forms[i].lower) {
			_cleanup_free_ char *low = fc_strdup(t->val);
			for (char *p = low; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			t->link = fc_asprintf("%s/%s", tag_forms[i].dir, low);
		} else {
			t->link = label_link(tag_forms[i].dir, t->val);
		}
	}
	struct stat st;
	t->exists = fc_root_stat(root, t->link, &st) == 0;
	_cleanup_free_ char *why = NULL;
	t->probed = t->exists &&
		    probe_device(root, t->link, &t->probe, &why) == 0;
	return 0;
}

enum match { MATCH_NO, MATCH_YES, MATCH_UNKNOWN };

/* Does the boot= target name filesystem fs? */
static enum match target_names(const struct fc_root *root,
			       const struct target *t,
			       const struct fc_bootfs *fs)
{
	struct fs_ref ref = ref_of(fs);
	if (t->tag == TAG_DEV && fc_streq(t->val, fs->source))
		return MATCH_YES;
	/* The path dracut waits for leads to fs (even when a fixture's
	 * link dangles: the link itself is the identity udev gave it). */
	if (path_is_fs(root, t->link, &ref))
		return MATCH_YES;
	if (t->tag == TAG_UUID && fs->uuid)
		return strcasecmp(fs->uuid, t->val) == 0 ? MATCH_YES : MATCH_NO;
	if (t->tag == TAG_LABEL && fc_streq(fs->uuid_via, "libblkid"))
		/* libblkid read the superblock: no label means none. */
		return fc_streq(fs->label, t->val) ? MATCH_YES : MATCH_NO;
	/* fstab's own tag for the filesystem: the same tag is the same
	 * filesystem, another value of it another one. */
	if (t->tag == TAG_LABEL && fs->from_fstab && fs->label)
		return fc_streq(fs->label, t->val) ? MATCH_YES : MATCH_NO;
	if (t->tag == TAG_PARTUUID && fs->partuuid)
		return strcasecmp(fs->partuuid, t->val) == 0 ? MATCH_YES
							     : MATCH_NO;
	if (!t->exists) {
		/* The live host's /dev is complete: a missing node names
		 * nothing.  A fixture's or image's /dev may be partial. */
		return t->tag == TAG_DEV && fc_root_is_live(root)
			       ? MATCH_NO
			       : MATCH_UNKNOWN;
	}
	if (t->probe.uuid && fs->uuid)
		return strcasecmp(t->probe.uuid, fs->uuid) == 0 ? MATCH_YES
								: MATCH_NO;
	/* Two different existing devices. */
	struct stat st;
	if (fs->source[0] == '/' && fc_root_stat(root, fs->source, &st) == 0)
		return MATCH_NO;
	return MATCH_UNKNOWN;
}

enum fc_bootarg fc_bootarg_judge(struct fc_mounts *m, const struct fc_bootfs *b,
				 const char *value, char **why)
{
	if (!value || !*value) {
		const char *empty = value ? " (boot= is empty: dracut "
					    "ignores it)"
					  : "";
		if (!b->separate) {
			*why = fc_asprintf("/boot is on the root filesystem "
					   "(%s); no boot= is needed%s",
					   b->source, empty);
			return FC_BOOTARG_OK;
		}
		*why = fc_asprintf("/boot is a separate filesystem (%s, %s) "
				   "but there is no boot= argument%s: dracut "
				   "cannot find the kernel's .hmac file",
				   b->source, b->fstype, empty);
		return FC_BOOTARG_MISSING;
	}

	struct target t;
	if (target_parse(m->root, value, &t) < 0) {
		target_free(&t);
		*why = fc_asprintf("boot=%s is not a form dracut accepts "
				   "(UUID=, LABEL=, PARTUUID=, PARTLABEL= or "
				   "/dev/...): a FIPS boot stops in the "
				   "initramfs",
				   value);
		return FC_BOOTARG_WRONG;
	}
	enum fc_bootarg verdict;
	enum match named = target_names(m->root, &t, b);
	if (named == MATCH_YES) {
		if (b->separate) {
			*why = fc_asprintf("boot=%s names the /boot filesystem "
					   "(%s)",
					   value, b->source);
			verdict = FC_BOOTARG_OK;
		} else {
			*why = fc_asprintf("/boot is on the root filesystem "
					   "(%s); boot=%s is not needed",
					   b->source, value);
			verdict = FC_BOOTARG_NEEDLESS;
		}
		goto out;
	}
	esp_list(m);
	for (size_t i = 0; i < m->n_esp; i++) {
		const struct fc_bootfs *e = &m->esp[i];
		if (fc_streq(e->majmin, b->majmin) &&
		    fc_streq(e->source, b->source))
			continue; /* /boot is itself the FAT filesystem */
		if (target_names(m->root, &t, e) == MATCH_YES) {
			*why = fc_asprintf("boot=%s names the EFI system "
					   "partition mounted at %s (%s), not "
					   "the /boot filesystem (%s)",
					   value, e->mount_point, e->source,
					   b->source);
			verdict = FC_BOOTARG_EFI;
			goto out;
		}
	}
	if (t.probed && fc_streq(t.probe.type, "vfat")) {
		*why = fc_asprintf("boot=%s names a FAT filesystem (%s, an EFI "
				   "system partition), not the /boot "
				   "filesystem (%s)",
				   value, t.link, b->source);
		verdict = FC_BOOTARG_EFI;
		goto out;
	}
	if (named == MATCH_NO) {
		*why = fc_asprintf("boot=%s names another filesystem than the "
				   "one holding /boot (%s%s%s): dracut would "
				   "not find the kernel's .hmac file",
				   value, b->source, b->uuid ? ", UUID=" : "",
				   b->uuid ? b->uuid : "");
		verdict = FC_BOOTARG_WRONG;
		goto out;
	}
	if (!b->separate) {
		*why = fc_asprintf("/boot is on the root filesystem (%s); "
				   "boot=%s is not needed (which filesystem "
				   "it names cannot be verified)",
				   b->source, value);
		verdict = FC_BOOTARG_NEEDLESS;
		goto out;
	}
	*why = fc_asprintf("cannot verify boot=%s: %s does not lead to a "
			   "known device and the /boot filesystem's identity "
			   "is incomplete (%s)",
			   value, t.link,
			   b->unknown_reason
				   ? b->unknown_reason
				   : "UUID known, tag not comparable");
	verdict = FC_BOOTARG_UNVERIFIED;
out:
	target_free(&t);
	return verdict;
}
