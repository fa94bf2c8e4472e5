/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The boot configuration as GRUB reads it on EL9: the Boot Loader
 * Specification entries in /boot/loader/entries, the grubenv with its
 * saved_entry and variables, and the entry GRUB boots by default (GRUB's
 * blscfg module; src/parse/bls.h, src/parse/grubenv.h).  Every boot check
 * reads it, 'fipsctl pin-kernel' plans and verifies with it
 * (src/boot/pin.h), so they cannot disagree about what boots.
 */
#ifndef FC_BOOT_CONF_H
#define FC_BOOT_CONF_H

#include <stdbool.h>

#include "base/util.h"
#include "core/sysroot.h"
#include "parse/bls.h"
#include "parse/grubenv.h"

struct fc_boot_conf {
	struct fc_bls_dir dir;
	bool have_env;
	int env_err; /* 0, or why the grubenv could not be used */
	char *env_why;
	struct fc_grubenv env;
	const char *saved_entry; /* in env, or NULL */
	enum fc_bls_default_via via;
	const struct fc_bls_entry *def; /* what GRUB boots, or NULL */
};

/*
 * Read the BLS entries and the grubenv of root as GRUB reads them.  -errno
 * with *why when the entries directory cannot be read; a grubenv that is
 * missing or malformed is recorded in env_err/env_why (the default is then
 * uncertain unless it is missing: GRUB has no saved_entry either).
 */
int fc_boot_conf_load(const struct fc_root *root, struct fc_boot_conf *out,
		      char **why) FC_WUR;
void fc_boot_conf_free(struct fc_boot_conf *c);
bool fc_boot_conf_default_known(const struct fc_boot_conf *c);

/* The release of a kernel image path (".../vmlinuz-<release>"), or NULL. */
char *fc_vmlinuz_release(const char *path);
/* Is path the image of release (".../vmlinuz-<release>")? */
bool fc_vmlinuz_is(const char *path, const char *release);
/* The options GRUB passes for e, with the grubenv's variables expanded. */
void fc_boot_conf_options(const struct fc_boot_conf *c,
			  const struct fc_bls_entry *e,
			  struct fc_bls_options *out);
/* Does entry e boot /boot/vmlinuz-<release> (its linux line's file)? */
bool fc_bls_entry_boots(const struct fc_bls_entry *e, const char *release);
/* Is the default named explicitly (saved_entry names it), so that a new
 * kernel's entry, which sorts first, does not take over? */
bool fc_boot_conf_pinned_to(const struct fc_boot_conf *c, const char *release);

#endif
