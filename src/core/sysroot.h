/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one sysroot layer (docs/style.md habit 9).  Every file
 * fipsctl reads about the audited system goes through here, so the same
 * binary audits the live host ("/"), a fixture tree or a mounted image.
 *
 * Paths are resolved component by component as the kernel would inside a
 * chroot: an absolute symlink restarts at the root, ".." never climbs above
 * it, and at most FC_ROOT_MAX_LINKS links are followed.  Reads are bounded:
 * a file larger than the caller's limit is refused with -EFBIG and never
 * read whole.
 */
#ifndef FC_SYSROOT_H
#define FC_SYSROOT_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "base/util.h"

#define FC_ROOT_MAX_LINKS 40
/* Default bound for small configuration and /proc files. */
#define FC_READ_SMALL (64 * 1024)
/* Bound for /proc/crypto, /proc/self/mountinfo and similar tables. */
#define FC_READ_TABLE (4 * 1024 * 1024)

struct fc_root;

/* dir NULL or "/" means the live host. */
int fc_root_new(const char *dir, struct fc_root **out) FC_WUR;
void fc_root_free(struct fc_root *root);
static inline void fc_root_freep(struct fc_root **r)
{
	fc_root_free(*r);
}
#define _cleanup_root_ __attribute__((cleanup(fc_root_freep)))

/* The directory given ("/" for the live host). */
const char *fc_root_dir(const struct fc_root *root);
bool fc_root_is_live(const struct fc_root *root);

/*
 * Resolve path (absolute, inside the root) to its canonical form inside the
 * root, following symlinks (the last one too when follow_last).  The last
 * component need not exist; the ones before it must.  *out is "/..." .
 */
int fc_root_resolve(const struct fc_root *root, const char *path,
		    bool follow_last, char **out) FC_WUR;

/* open(2) inside the root; returns an fd or -errno. */
int fc_root_open(const struct fc_root *root, const char *path,
		 int flags) FC_WUR;

/*
 * Read a whole file of at most limit bytes.  *out is NUL-terminated (the
 * data may hold NULs: use *len).  -EFBIG when the file holds more,
 * -EISDIR for a directory, -EINVAL for anything else that is not a
 * regular file (a FIFO, socket or device).
 */
int fc_root_read(const struct fc_root *root, const char *path, size_t limit,
		 char **out, size_t *len) FC_WUR;

/* readlink(2) of the path itself (its last component is not followed). */
int fc_root_readlink(const struct fc_root *root, const char *path,
		     char **out) FC_WUR;

int fc_root_stat(const struct fc_root *root, const char *path,
		 struct stat *st) FC_WUR;
int fc_root_lstat(const struct fc_root *root, const char *path,
		  struct stat *st) FC_WUR;
int fc_root_opendir(const struct fc_root *root, const char *path,
		    DIR **out) FC_WUR;

/*
 * A tap sees every fc_root_read(): the path as asked, then the bytes read
 * (err 0) or the error (-errno).  'evidence export' sets one to keep
 * exactly what the checks read; nothing else does.
 */
typedef void (*fc_root_tap_fn)(void *ud, const char *path, const char *data,
			       size_t len, int err);
void fc_root_set_tap(struct fc_root *root, fc_root_tap_fn fn, void *ud);

/*
 * Read a file fipsctl was given as input (a policy table, a vector file):
 * from the live filesystem, never under --root, bounded as fc_root_read;
 * a relative path is taken from the current directory.
 */
int fc_read_input(const char *path, size_t limit, char **out,
		  size_t *len) FC_WUR;

/* Path as the user should see it in messages: "<dir>/path" under --root. */
char *fc_root_display(const struct fc_root *root, const char *path);

#endif
