/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The boot configuration as GRUB reads it on EL9: grub.cfg (and the
 * user.cfg and custom.cfg it sources; EL9's stock one when the root has
 * none), the grubenv it loads, the Boot Loader Specification entries in
 * the directory blscfg reads ($blsdir, else /boot/loader/entries), the
 * entry GRUB boots by default, and for each entry the arguments its
 * kernel receives (src/parse/grub-script.h: GRUB's expansion, lexing and
 * command line).  Every boot check reads it, 'fipsctl pin-kernel' plans
 * and verifies with it (src/boot/pin.h), and validated.boot_kernel judges
 * the image it names, so none of them can disagree about what boots.
 */
#ifndef FC_BOOT_CONF_H
#define FC_BOOT_CONF_H

#include <stdbool.h>

#include "base/util.h"
#include "boot/bootfs.h"
#include "core/sysroot.h"
#include "parse/bls.h"
#include "parse/grub-cfg.h"
#include "parse/grub-script.h"
#include "parse/grubenv.h"

struct fc_boot_conf {
	char *bls_dir; /* the entries directory GRUB reads, inside the root */
	struct fc_bls_dir dir;
	struct fc_grub_boot *boots; /* dir.entries[i]'s arguments */
	bool have_env;
	int env_err; /* 0, or why the grubenv could not be used */
	char *env_why;
	struct fc_grubenv env;
	struct fc_grubcfg cfg;
	const char *saved_entry;  /* grubenv's, or NULL */
	const char *default_spec; /* what GRUB's default names; NULL: the
				   * first entry */
	const char *default_from; /* "saved_entry", "next_entry" or NULL */
	char *default_why;        /* why the default is not known, or NULL */
	enum fc_bls_default_via via;
	const struct fc_bls_entry *def; /* what GRUB boots, or NULL */
};

/*
 * Read the boot configuration of root as GRUB reads it.  bfs is the
 * filesystem of /boot (NULL when unknown): a grubenv blsdir names a
 * directory on it.  -errno with *why when the entries directory cannot
 * be read (-ENOENT: there is none) or its place is not known; a grubenv
 * or grub.cfg that is missing, malformed or does what fipsctl does not
 * follow is recorded (default_why, cfg.menu_unknowns).
 */
int fc_boot_conf_load(const struct fc_root *root, const struct fc_bootfs *bfs,
		      struct fc_boot_conf *out, char **why) FC_WUR;
void fc_boot_conf_free(struct fc_boot_conf *c);
bool fc_boot_conf_default_known(const struct fc_boot_conf *c);
/* Why the default entry is not known ("" when it is). */
const char *fc_boot_conf_default_why(const struct fc_boot_conf *c);

/* The release of a kernel image path (".../vmlinuz-<release>"), or NULL. */
char *fc_vmlinuz_release(const char *path);
/* Is path the image of release (".../vmlinuz-<release>")? */
bool fc_vmlinuz_is(const char *path, const char *release);
/* What GRUB does with entry e of c: its kernel arguments and image. */
const struct fc_grub_boot *fc_boot_conf_boot(const struct fc_boot_conf *c,
					     const struct fc_bls_entry *e);
/* The release of the image GRUB boots for e (its vmlinuz-<release>), or
 * NULL when the image is not certain or not so named. */
char *fc_boot_conf_release(const struct fc_boot_conf *c,
			   const struct fc_bls_entry *e);
/* Does entry e boot /boot/vmlinuz-<release>? */
bool fc_boot_conf_boots(const struct fc_boot_conf *c,
			const struct fc_bls_entry *e, const char *release);
/* Is the default named explicitly (saved_entry names it), so that a new
 * kernel's entry, which sorts first, does not take over? */
bool fc_boot_conf_pinned_to(const struct fc_boot_conf *c, const char *release);

#endif
