// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rootwrite.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Split a resolved path ("/a/b/c") into its directory and last name. */
static void split(const char *res, char **dir, char **base)
{
	const char *slash = strrchr(res, '/');
	*dir = slash == res ? fc_strdup("/")
			    : fc_strndup(res, (size_t)(slash - res));
	*base = fc_strdup(slash + 1);
}

/* The directory holding path (resolved inside the root), opened, and the
 * name of the file in it.  follow_last: resolve a link at the end too. */
static int open_parent(const struct fc_root *root, const char *path,
		       bool follow_last, int *dfd, char **base, char **why)
{
	_cleanup_free_ char *res = NULL, *dir = NULL;
	_cleanup_free_ char *shown = fc_root_display(root, path);
	int r = fc_root_resolve(root, path, follow_last, &res);
	if (r < 0) {
		*why = fc_asprintf("cannot resolve %s: %s", shown,
				   strerror(-r));
		return r;
	}
	if (fc_streq(res, "/")) {
		*why = fc_asprintf("%s is the root directory", shown);
		return -EISDIR;
	}
	split(res, &dir, base);
	int fd = fc_root_open(root, dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		*why = fc_asprintf("cannot open the directory of %s: %s", shown,
				   strerror(-fd));
		free(*base);
		*base = NULL;
		return fd;
	}
	*dfd = fd;
	return 0;
}

int fc_root_write_atomic(const struct fc_root *root, const char *path,
			 const void *data, size_t len, mode_t mode, char **why)
{
	_cleanup_close_ int dfd = -1;
	_cleanup_free_ char *base = NULL, *tmp = NULL;
	_cleanup_free_ char *shown = fc_root_display(root, path);
	int r = open_parent(root, path, true, &dfd, &base, why);
	if (r < 0)
		return r;
	struct stat old;
	bool had = fstatat(dfd, base, &old, AT_SYMLINK_NOFOLLOW) == 0;
	if (had && !S_ISREG(old.st_mode)) {
		*why = fc_asprintf("%s is not a regular file", shown);
		return -EINVAL;
	}
	_cleanup_close_ int fd = -1;
	for (unsigned i = 0; fd < 0 && i < 100; i++) {
		free(tmp);
		tmp = fc_asprintf(".%s.fipsctl-%ld-%u", base, (long)getpid(),
				  i);
		fd = openat(dfd, tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
				    O_NOFOLLOW,
			    0600);
		if (fd < 0 && errno != EEXIST) {
			r = -errno;
			*why = fc_asprintf("cannot create a file beside %s: %s",
					   shown, strerror(errno));
			return r;
		}
	}
	if (fd < 0) {
		*why = fc_asprintf("cannot create a temporary file beside %s",
				   shown);
		return -EEXIST;
	}
	const char *step = "write";
	r = fc_write_all(fd, data, len);
	/* The old file's owner and mode carry over; a non-root user can
	 * only own what it writes, which is then what it had. */
	if (r == 0 && had && fchown(fd, old.st_uid, old.st_gid) < 0 &&
	    (errno != EPERM || geteuid() == 0)) {
		r = -errno;
		step = "chown";
	}
	if (r == 0 && fchmod(fd, had ? (old.st_mode & 07777) : mode) < 0) {
		r = -errno;
		step = "chmod";
	}
	if (r == 0 && fsync(fd) < 0) {
		r = -errno;
		step = "fsync";
	}
	if (r == 0) {
		int c = close(fd);
		fd = -1;
		if (c < 0) {
			r = -errno;
			step = "close";
		}
	}
	if (r == 0 && renameat(dfd, tmp, dfd, base) < 0) {
		r = -errno;
		step = "rename";
	}
	if (r < 0) {
		*why = fc_asprintf("cannot write %s (%s): %s", shown, step,
				   strerror(-r));
		(void)unlinkat(dfd, tmp, 0);
		return r;
	}
	/* The rename is durable only once the directory is. */
	if (fsync(dfd) < 0) {
		r = -errno;
		*why = fc_asprintf("cannot sync the directory of %s: %s", shown,
				   strerror(errno));
		return r;
	}
	return 0;
}

int fc_root_unlink(const struct fc_root *root, const char *path, char **why)
{
	_cleanup_close_ int dfd = -1;
	_cleanup_free_ char *base = NULL;
	int r = open_parent(root, path, false, &dfd, &base, why);
	if (r < 0)
		return r;
	if (unlinkat(dfd, base, 0) < 0) {
		r = -errno;
		_cleanup_free_ char *shown = fc_root_display(root, path);
		*why = fc_asprintf("cannot remove %s: %s", shown,
				   strerror(errno));
		return r;
	}
	if (fsync(dfd) < 0) {
		r = -errno;
		_cleanup_free_ char *shown = fc_root_display(root, path);
		*why = fc_asprintf("cannot sync the directory of %s: %s", shown,
				   strerror(errno));
		return r;
	}
	return 0;
}

int fc_root_mkdirs(const struct fc_root *root, const char *path, mode_t mode,
		   char **first_created, char **why)
{
	*first_created = NULL;
	struct fc_buf prefix = { 0 };
	_cleanup_free_ char *copy = fc_strdup(path);
	int r = 0;
	for (char *save = NULL, *c = strtok_r(copy, "/", &save); c;
	     c = strtok_r(NULL, "/", &save)) {
		_cleanup_free_ char *parent = fc_strdup(prefix.len ? prefix.data
								   : "/");
		fc_buf_addf(&prefix, "/%s", c);
		struct stat st;
		r = fc_root_stat(root, prefix.data, &st);
		if (r == 0 && S_ISDIR(st.st_mode))
			continue;
		_cleanup_free_ char *shown = fc_root_display(root, prefix.data);
		if (r == 0 || r != -ENOENT) {
			*why = r == 0 ? fc_asprintf("%s is not a directory",
						    shown)
				      : fc_asprintf("cannot reach %s: %s",
						    shown, strerror(-r));
			r = r == 0 ? -ENOTDIR : r;
			break;
		}
		_cleanup_close_ int pfd = fc_root_open(root, parent,
						       O_RDONLY | O_DIRECTORY);
		/* Parents get the usual 0755; the directory asked for, mode. */
		bool last = !save || !*save;
		if (pfd < 0 || mkdirat(pfd, c, last ? mode : 0755) < 0) {
			r = pfd < 0 ? pfd : -errno;
			*why = fc_asprintf("cannot create %s: %s", shown,
					   strerror(-r));
			break;
		}
		r = 0;
		if (!*first_created)
			*first_created = fc_strdup(prefix.data);
	}
	fc_buf_free(&prefix);
	return r;
}

int fc_root_rmdir(const struct fc_root *root, const char *path)
{
	_cleanup_close_ int dfd = -1;
	_cleanup_free_ char *base = NULL, *why = NULL;
	int r = open_parent(root, path, false, &dfd, &base, &why);
	if (r < 0)
		return r;
	return unlinkat(dfd, base, AT_REMOVEDIR) < 0 ? -errno : 0;
}

int fc_root_host_path(const struct fc_root *root, const char *path, char **out,
		      char **why)
{
	_cleanup_free_ char *res = NULL;
	int r = fc_root_resolve(root, path, true, &res);
	if (r < 0) {
		_cleanup_free_ char *shown = fc_root_display(root, path);
		*why = fc_asprintf("cannot resolve %s: %s", shown,
				   strerror(-r));
		return r;
	}
	if (fc_root_is_live(root)) {
		*out = FC_TAKE(res);
		return 0;
	}
	_cleanup_free_ char *real = realpath(fc_root_dir(root), NULL);
	if (!real) {
		r = -errno;
		*why = fc_asprintf("%s: %s", fc_root_dir(root),
				   strerror(errno));
		return r;
	}
	*out = fc_asprintf("%s%s", fc_streq(real, "/") ? "" : real, res);
	return 0;
}

/* ---- file images -------------------------------------------------------- */

int fc_file_image_read(const struct fc_root *root, const char *path,
		       size_t limit, struct fc_file_image *out, char **why)
{
	memset(out, 0, sizeof(*out));
	out->path = fc_strdup(path);
	int r = fc_root_read(root, path, limit, &out->data, &out->len);
	if (r == -ENOENT) {
		out->data = NULL;
		return 0;
	}
	_cleanup_free_ char *shown = fc_root_display(root, path);
	struct stat st;
	if (r == 0)
		r = fc_root_stat(root, path, &st);
	if (r < 0) {
		*why = fc_asprintf("cannot read %s: %s", shown, strerror(-r));
		fc_file_image_clear(out);
		return r;
	}
	out->exists = true;
	out->mode = st.st_mode & 07777;
	return 0;
}

void fc_file_image_clear(struct fc_file_image *img)
{
	free(img->path);
	free(img->data);
	memset(img, 0, sizeof(*img));
}

bool fc_file_image_same(const struct fc_file_image *a,
			const struct fc_file_image *b)
{
	if (a->exists != b->exists)
		return false;
	return !a->exists ||
	       (a->len == b->len && memcmp(a->data, b->data, a->len) == 0);
}

int fc_file_image_apply(const struct fc_root *root,
			const struct fc_file_image *img, char **why)
{
	if (!img->exists) {
		int r = fc_root_unlink(root, img->path, why);
		if (r == -ENOENT) {
			free(*why);
			*why = NULL;
			return 0;
		}
		return r;
	}
	return fc_root_write_atomic(root, img->path, img->data, img->len,
				    img->mode ? img->mode : 0644, why);
}
