/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Boot Loader Specification entries as EL9 writes them
 * (/boot/loader/entries/<machine-id>-<version>.conf) and as EL9's GRUB
 * (the blscfg module of grub2 2.06) reads, orders and expands them.
 *
 * GRUB's reading differs from the specification in ways that matter for an
 * audit, and we follow GRUB since it is what boots:
 *  - the key ends at the first space (a tab only when the line has no
 *    space); leading blanks and lines starting with '#' are skipped;
 *  - the first line without a key and a value (a blank line too) ends the
 *    entry: GRUB ignores everything after it;
 *  - a key given twice: GRUB uses the first (initrd, grub_arg and
 *    grub_class may repeat and all count);
 *  - an entry without a "linux" line is not put in the menu;
 *  - what GRUB passes to the kernel is not the options line as written:
 *    src/parse/grub-script.h follows GRUB's expansion and script rules;
 *  - entries are ordered by file name read as name-version-release, each
 *    part compared with rpm's rule, newest first (blscfg's bls_cmp since
 *    grub2-2.02-55, "sort everything with rpm *package* comparison").
 */
#ifndef FC_BLS_H
#define FC_BLS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/sysroot.h"
#include "base/util.h"

#define FC_BLS_DIR "/boot/loader/entries"
/* GRUB refuses entry files above 1 MiB; so do we. */
#define FC_BLS_MAX_SIZE (1024 * 1024)

struct fc_bls_line {
	char *key;
	char *value;
	unsigned line; /* 1-based */
};

struct fc_bls_entry {
	char *id;   /* file name without ".conf": GRUB's menu entry id */
	char *path; /* where it was read, inside the root */
	struct fc_bls_line *lines;
	size_t n_lines;
	/* The line where GRUB stopped reading (0: it read the whole file),
	 * and whether keys followed it that GRUB therefore ignores. */
	unsigned stopped_at;
	bool ignored_keys;
};

/*
 * Parse one entry's text.  -EBADMSG for a NUL byte (GRUB would cut the
 * line there; fipsctl refuses to guess), with *err set.
 */
int fc_bls_parse(const char *id, const char *text, size_t len,
		 struct fc_bls_entry *out, struct fc_parse_err *err) FC_WUR;
void fc_bls_entry_free(struct fc_bls_entry *e);

/* The value GRUB uses for key (its first occurrence), or NULL. */
const char *fc_bls_get(const struct fc_bls_entry *e, const char *key);
size_t fc_bls_count(const struct fc_bls_entry *e, const char *key);
/* The dracut rescue entry (<machine-id>-0-rescue.conf). */
bool fc_bls_is_rescue(const struct fc_bls_entry *e);

/*
 * The kernel version the entry boots: its "version" line, else what
 * follows "vmlinuz-" in the linux path; NULL when neither says.
 */
char *fc_bls_kernel_version(const struct fc_bls_entry *e);

/* GRUB's order of two entry ids: > 0 when a comes first (is newer). */
int fc_bls_id_cmp(const char *a, const char *b);

struct fc_bls_bad {
	char *file; /* file name in the directory */
	char *why;
};

struct fc_bls_dir {
	struct fc_bls_entry **entries; /* GRUB's order, newest first */
	size_t n;
	struct fc_bls_bad *bad;        /* files that could not be read */
	size_t n_bad;
};

/*
 * Read every "*.conf" of dir (not starting with '.') inside root, in
 * GRUB's order.  A file that cannot be read or parsed goes to bad[] with
 * the reason.  -errno when the directory itself cannot be read (-ENOENT:
 * there is none), with *why set (caller frees).
 */
int fc_bls_load_dir(const struct fc_root *root, const char *dir,
		    struct fc_bls_dir *out, char **why) FC_WUR;
void fc_bls_dir_free(struct fc_bls_dir *d);

/* How the default entry was chosen (GRUB's normal/menu.c rules). */
enum fc_bls_default_via {
	FC_BLS_DEFAULT_SAVED_INDEX, /* saved_entry is a number */
	FC_BLS_DEFAULT_SAVED_ID,    /* saved_entry names an entry id */
	FC_BLS_DEFAULT_SAVED_TITLE, /* ... or an entry title */
	FC_BLS_DEFAULT_FIRST,       /* no saved_entry: the first entry */
	FC_BLS_DEFAULT_SAVED_MISSING, /* saved_entry names no menu entry:
				       * GRUB falls back to the first */
	FC_BLS_DEFAULT_NONE,        /* no menu entry at all */
};

/*
 * The entry GRUB boots by default given saved_entry (NULL when unset or
 * empty).  Only entries with a linux line are in GRUB's menu.  *out is the
 * entry GRUB would boot (NULL only for FC_BLS_DEFAULT_NONE).
 */
enum fc_bls_default_via fc_bls_default(const struct fc_bls_dir *d,
				       const char *saved_entry,
				       const struct fc_bls_entry **out);
const char *fc_bls_default_via_name(enum fc_bls_default_via v);

#endif
