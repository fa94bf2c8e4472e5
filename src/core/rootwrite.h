/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Changing files inside a root (--root DIR or the live host), for the few
 * commands that change the audited system (pin-kernel).  Paths resolve
 * through the sysroot layer (src/core/sysroot.h), so an image's absolute
 * symlinks stay inside the image and a write lands on the file a link
 * names, as it would on the booted host.
 *
 * Writes are atomic: a temporary file in the same directory, written,
 * given the old file's mode and owner, fsync'ed, renamed over the old
 * file, and the directory fsync'ed; a crash leaves the old or the new
 * file, never a mix.  (SELinux: the new inode gets the directory's
 * default context, which for /etc/sysconfig and /boot is what the old
 * file had.)
 */
#ifndef FC_ROOTWRITE_H
#define FC_ROOTWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/sysroot.h"
#include "base/util.h"

/* Replace (or create, with mode) the regular file at path.  -errno with
 * *why (caller frees) naming the file and the step that failed. */
int fc_root_write_atomic(const struct fc_root *root, const char *path,
			 const void *data, size_t len, mode_t mode, char **why)
	FC_WUR;
/* Remove a file (-ENOENT when there is none). */
int fc_root_unlink(const struct fc_root *root, const char *path, char **why)
	FC_WUR;
/* mkdir -p (path with mode, missing parents 0755); *first_created is the
 * topmost directory made (NULL when all existed), so that an undo can
 * remove exactly what was made. */
int fc_root_mkdirs(const struct fc_root *root, const char *path, mode_t mode,
		   char **first_created, char **why) FC_WUR;
/* rmdir; -ENOTEMPTY is left to the caller to shrug off. */
int fc_root_rmdir(const struct fc_root *root, const char *path) FC_WUR;

/*
 * The path a program run on the host (grubby, lsinitrd) must be given for
 * path inside the root: the root's real directory joined with path
 * resolved inside the root, so that an image's absolute symlinks do not
 * lead the program out of the image.  -errno with *why.
 */
int fc_root_host_path(const struct fc_root *root, const char *path, char **out,
		      char **why) FC_WUR;

/* A file's bytes and mode at one moment (exists false: it did not). */
struct fc_file_image {
	char *path;
	bool exists;
	char *data;
	size_t len;
	mode_t mode; /* permission bits */
};

/* Read path as it is now (bounded by limit). */
int fc_file_image_read(const struct fc_root *root, const char *path,
		       size_t limit, struct fc_file_image *out, char **why)
	FC_WUR;
void fc_file_image_clear(struct fc_file_image *img);
/* Same existence and the same bytes (modes are not compared). */
bool fc_file_image_same(const struct fc_file_image *a,
			const struct fc_file_image *b);
/* Make the file what img holds: write it atomically, or remove it. */
int fc_file_image_apply(const struct fc_root *root,
			const struct fc_file_image *img, char **why) FC_WUR;

#endif
