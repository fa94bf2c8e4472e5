/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What "the validated kernel is pinned as the boot default" means, shared
 * by 'fipsctl pin-kernel' (src/cli/cmd-pin-kernel.c) and the boot.pinned check
 * (checks/pinned.c), so that the command and the check can never disagree
 * about it:
 *  - which kernel release a validated-module table names for an
 *    architecture, and which of those are installed in /boot;
 *  - whether the boot configuration (src/boot/boot-conf.h) has a kernel
 *    pinned as the default;
 *  - the arguments the kernel's entry must carry (fips=1, and boot= naming
 *    the /boot filesystem by UUID, none when /boot is on /);
 *  - UPDATEDEFAULT in /etc/sysconfig/kernel and the dnf versionlock list,
 *    which decide whether the default stays put when kernels are updated.
 * And the validators for every value derived from input that reaches
 * grubby's argv (a kernel release, a filesystem UUID).
 */
#ifndef FC_PIN_H
#define FC_PIN_H

#include <stdbool.h>
#include <stddef.h>

#include "boot/boot-conf.h"
#include "boot/bootfs.h"
#include "policy/policy.h"
#include "base/util.h"

/* The kernel's own bound on a release (utsname: __NEW_UTS_LEN). */
#define FC_KERNEL_RELEASE_MAX 64
#define FC_SYSCONFIG_KERNEL "/etc/sysconfig/kernel"
#define FC_VERSIONLOCK_LIST "/etc/dnf/plugins/versionlock.list"
/* The package that ships /boot/vmlinuz-<release> on EL9. */
#define FC_KERNEL_PACKAGE "kernel-core"

/* --- validators ----------------------------------------------------------- */

/*
 * A kernel release as EL9 names /boot/vmlinuz-<release>: starts with a
 * digit, then only letters, digits and . _ + -, a '-' between version and
 * release, no "..", at most FC_KERNEL_RELEASE_MAX characters.  False with
 * *why (caller frees) naming what is wrong, never echoing the value.
 */
bool fc_kernel_release_valid(const char *s, char **why);
/* A filesystem UUID as blkid prints it: 8-4-4-4-12 hex digits, or the
 * XXXX-XXXX volume id of FAT. */
bool fc_fs_uuid_valid(const char *s);

/* --- versions ------------------------------------------------------------- */

/* rpm's EVR order ([epoch:]version-release) on fc_rpmvercmp: an
 * fc_evr_cmp_fn for fc_policy_classify in the parent process. */
int fc_evr_cmp(const char *a, const char *b, int *res) FC_WUR;

/* "5.14.0-284.11.1.el9_2.x86_64" from an EVR (epoch dropped) and arch. */
char *fc_release_of(const char *evr, const char *arch);
/* The EVR part of a release of arch, or NULL when it does not end in
 * ".<arch>". */
char *fc_release_evr(const char *release, const char *arch);

/*
 * Is the kernel release of arch the package of a validated build by the
 * table (its exact EVR, or a validated build's pattern)?  *build is that
 * build.  Only "validated" is decided here: whether another build is a
 * FIPS-compliant patched one needs rpm's own ordering, which is the
 * rpmdb helper's (src/policy/policy.h); a release not ending in ".<arch>" is
 * not validated.
 */
bool fc_kernel_is_validated(const struct fc_policy *t, const char *arch,
			    const char *release,
			    const struct fc_policy_build **build);

/* --- kernels in /boot ------------------------------------------------------ */

struct fc_boot_kernel {
	char *release;
	bool has_initramfs; /* /boot/initramfs-<release>.img */
	bool has_hmac;	    /* /boot/.vmlinuz-<release>.hmac */
};

struct fc_boot_kernels {
	struct fc_boot_kernel *v;
	size_t n;
};

/* Every /boot/vmlinuz-<release> with a valid release name (the rescue
 * image excluded).  -errno when /boot cannot be listed. */
int fc_boot_kernels_list(const struct fc_root *root,
			 struct fc_boot_kernels *out) FC_WUR;
void fc_boot_kernels_free(struct fc_boot_kernels *k);
const struct fc_boot_kernel *
fc_boot_kernel_find(const struct fc_boot_kernels *k, const char *release);

/*
 * The validated kernel to pin on arch: of the installed kernels (image and
 * initramfs) the table classifies as validated, the one of the build the
 * table lists first (tables list the build the vendor names now first),
 * the newest of that build.  NULL when none is installed.
 */
const struct fc_boot_kernel *fc_pin_pick(const struct fc_policy *t,
					 const char *arch,
					 const struct fc_boot_kernels *k);
/* The first exact validated kernel EVR the table names for arch (the one
 * to install), or NULL. */
const char *fc_pin_first_evr(const struct fc_policy *t, const char *arch);

/* --- kernel arguments ------------------------------------------------------ */

/*
 * What an entry's (expanded) options need for FIPS mode: the arguments to
 * remove (each exactly as it stands: "fips=0", "boot=/dev/vda2", "fips")
 * and to add ("fips=1", "boot=UUID=<uuid>").  wanted_boot is the boot=
 * value the entry must have ("UUID=..."), or NULL when /boot is on / (then
 * every boot= goes).
 */
struct fc_arg_plan {
	char **remove; /* string vectors (base/strv.h) */
	size_t n_remove;
	char **add;
	size_t n_add;
	char *problem; /* why the options could not be judged, or NULL */
};
void fc_arg_plan_make(const char *options, const char *wanted_boot,
		      struct fc_arg_plan *out);
void fc_arg_plan_free(struct fc_arg_plan *p);
/* Add what from removes and adds to into (each once). */
void fc_arg_plan_merge(struct fc_arg_plan *into,
		       const struct fc_arg_plan *from);
static inline bool fc_arg_plan_empty(const struct fc_arg_plan *p)
{
	return !p->problem && !p->n_remove && !p->n_add;
}

/*
 * The boot= value the kernel needs: "UUID=<uuid of b>" when b, the /boot
 * filesystem of m, is separate, NULL (*out) when /boot is on /.  -errno
 * with *why when b's UUID is unknown, is not a form fipsctl passes on, or
 * would not name b (fc_bootarg_judge()).
 */
int fc_pin_wanted_boot(struct fc_mounts *m, const struct fc_bootfs *b,
		       char **out, char **why) FC_WUR;

/* --- staying the default ---------------------------------------------------- */

/*
 * UPDATEDEFAULT in /etc/sysconfig/kernel: 0 with *value (NULL when the
 * file does not set it), -ENOENT when there is no file, other -errno
 * (with *why) when it cannot be read or parsed.
 */
int fc_updatedefault_get(const struct fc_root *root, char **value, char **why)
	FC_WUR;
/* The file's text with every UPDATEDEFAULT= line set to "no" (one added
 * when there is none); every other byte kept. */
char *fc_updatedefault_set_no(const char *text, size_t len, size_t *out_len);

enum fc_lock_state {
	FC_VLOCK_NO_LIST, /* dnf versionlock is not in use */
	FC_VLOCK_LOCKED,  /* a line locks this build */
	FC_VLOCK_MISSING, /* the list exists without such a line */
	FC_VLOCK_UNKNOWN, /* the list cannot be read (*why) */
};
enum fc_lock_state fc_versionlock_state(const struct fc_root *root,
					const char *evr, const char *arch,
					char **why);
/* The command the vendors give to lock the kernel packages to evr. */
char *fc_versionlock_command(const char *evr);

#endif
