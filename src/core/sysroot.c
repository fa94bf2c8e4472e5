// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Chroot-like path resolution done in user space, so that it works without
 * privileges, on any kernel, and the same way for the live host and for a
 * fixture tree.  Every intermediate path handed to the kernel consists only
 * of components already checked not to be symlinks, so the kernel never
 * follows a link on our behalf.
 */
#include "core/sysroot.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

struct fc_root {
	char *dir;
	int fd;
	bool live;
	fc_root_tap_fn tap;
	void *tap_ud;
};

void fc_root_set_tap(struct fc_root *root, fc_root_tap_fn fn, void *ud)
{
	root->tap = fn;
	root->tap_ud = ud;
}

int fc_root_new(const char *dir, struct fc_root **out)
{
	if (!dir || !*dir)
		dir = "/";
	int fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct fc_root *r = fc_calloc(1, sizeof(*r));
	r->fd = fd;
	r->dir = fc_strdup(dir);
	/* Strip trailing slashes so display paths join cleanly. */
	size_t n = strlen(r->dir);
	while (n > 1 && r->dir[n - 1] == '/')
		r->dir[--n] = '\0';
	struct stat a, b;
	r->live = fstat(fd, &a) == 0 && stat("/", &b) == 0 &&
		  a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	*out = r;
	return 0;
}

void fc_root_free(struct fc_root *root)
{
	if (!root)
		return;
	close(root->fd);
	free(root->dir);
	free(root);
}

const char *fc_root_dir(const struct fc_root *root)
{
	return root->dir;
}

bool fc_root_is_live(const struct fc_root *root)
{
	return root->live;
}

char *fc_root_display(const struct fc_root *root, const char *path)
{
	if (root->live)
		return fc_strdup(path);
	return fc_asprintf("%s%s%s", root->dir, path[0] == '/' ? "" : "/",
			   path);
}

/* Drop the last component of a resolved relative path ("a/b" -> "a"). */
static void rel_pop(struct fc_buf *rel)
{
	char *slash = rel->len ? strrchr(rel->data, '/') : NULL;
	rel->len = slash ? (size_t)(slash - rel->data) : 0;
	if (rel->data)
		rel->data[rel->len] = '\0';
}

int fc_root_resolve(const struct fc_root *root, const char *path,
		    bool follow_last, char **out)
{
	if (!path || path[0] != '/')
		return -EINVAL;
	struct fc_buf rel = { 0 };
	/* todo holds the part of the path still to walk. */
	_cleanup_free_ char *todo = fc_strdup(path);
	unsigned links = 0;
	int r = 0;
	char *p = todo;

	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		char *end = strchr(p, '/');
		size_t clen = end ? (size_t)(end - p) : strlen(p);
		const char *rest = p + clen;
		while (*rest == '/')
			rest++;
		bool last = *rest == '\0';
		_cleanup_free_ char *comp = fc_strndup(p, clen);

		if (fc_streq(comp, ".")) {
			p += clen;
			continue;
		}
		if (fc_streq(comp, "..")) {
			rel_pop(&rel);
			p += clen;
			continue;
		}
		size_t save = rel.len;
		if (rel.len)
			fc_buf_adds(&rel, "/");
		fc_buf_adds(&rel, comp);

		struct stat st;
		if (fstatat(root->fd, rel.data, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT && last)
				break; /* the last component may be missing */
			r = -errno;
			goto out;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow_last)) {
			if (++links > FC_ROOT_MAX_LINKS) {
				r = -ELOOP;
				goto out;
			}
			char target[4096];
			ssize_t n = readlinkat(root->fd, rel.data, target,
					       sizeof(target) - 1);
			if (n < 0) {
				r = -errno;
				goto out;
			}
			target[n] = '\0';
			rel.len = save;
			rel.data[rel.len] = '\0';
			if (target[0] == '/') {
				rel.len = 0;
				rel.data[0] = '\0';
			}
			char *next = fc_asprintf("%s/%s", target, rest);
			free(todo);
			todo = next;
			p = todo;
			continue;
		}
		if (!last && !S_ISDIR(st.st_mode)) {
			r = -ENOTDIR;
			goto out;
		}
		p += clen;
	}
	*out = fc_asprintf("/%s", rel.len ? rel.data : "");
out:
	fc_buf_free(&rel);
	return r;
}

int fc_root_open(const struct fc_root *root, const char *path, int flags)
{
	_cleanup_free_ char *res = NULL;
	int r = fc_root_resolve(root, path, true, &res);
	if (r < 0)
		return r;
	const char *rel = res + 1;
	int fd = openat(root->fd, *rel ? rel : ".",
			flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	return fd < 0 ? -errno : fd;
}

static int root_read(const struct fc_root *root, const char *path,
		     size_t limit, char **out, size_t *len)
{
	/* O_NONBLOCK: opening a FIFO planted in a hostile root must not wait
	 * for a writer that never comes. */
	_cleanup_close_ int fd = fc_root_open(root, path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fd;
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	/* /proc and /sys files are regular files too; a FIFO, socket or
	 * device where one is expected is refused, never read. */
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	/* /proc files report size 0: bound the read itself, not the stat. */
	if (S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size > limit)
		return -EFBIG;
	struct fc_buf b = { 0 };
	char chunk[16384];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = -errno;
			fc_buf_free(&b);
			return e;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > limit) {
			fc_buf_free(&b);
			return -EFBIG;
		}
		fc_buf_add(&b, chunk, (size_t)n);
	}
	if (len)
		*len = b.len;
	*out = fc_buf_steal(&b);
	return 0;
}

int fc_root_read(const struct fc_root *root, const char *path, size_t limit,
		 char **out, size_t *len)
{
	size_t n = 0;
	int r = root_read(root, path, limit, out, &n);
	if (len && r == 0)
		*len = n;
	if (root->tap)
		root->tap(root->tap_ud, path, r == 0 ? *out : NULL, n, r);
	return r;
}

int fc_root_readlink(const struct fc_root *root, const char *path, char **out)
{
	_cleanup_free_ char *res = NULL;
	int r = fc_root_resolve(root, path, false, &res);
	if (r < 0)
		return r;
	char target[4096];
	ssize_t n = readlinkat(root->fd, res[1] ? res + 1 : ".", target,
			       sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	*out = fc_strdup(target);
	return 0;
}

static int root_stat(const struct fc_root *root, const char *path,
		     bool follow, struct stat *st)
{
	_cleanup_free_ char *res = NULL;
	int r = fc_root_resolve(root, path, follow, &res);
	if (r < 0)
		return r;
	if (fstatat(root->fd, res[1] ? res + 1 : ".", st,
		    AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	return 0;
}

int fc_root_stat(const struct fc_root *root, const char *path, struct stat *st)
{
	return root_stat(root, path, true, st);
}

int fc_root_lstat(const struct fc_root *root, const char *path,
		  struct stat *st)
{
	return root_stat(root, path, false, st);
}

int fc_root_opendir(const struct fc_root *root, const char *path, DIR **out)
{
	int fd = fc_root_open(root, path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fd;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = -errno;
		close(fd);
		return e;
	}
	*out = d;
	return 0;
}

int fc_read_input(const char *path, size_t limit, char **out, size_t *len)
{
	_cleanup_free_ char *abs = NULL;
	if (path[0] == '/') {
		abs = fc_strdup(path);
	} else {
		_cleanup_free_ char *cwd = getcwd(NULL, 0);
		if (!cwd)
			return -errno;
		abs = fc_asprintf("%s/%s", cwd, path);
	}
	_cleanup_root_ struct fc_root *live = NULL;
	int r = fc_root_new(NULL, &live);
	if (r < 0)
		return r;
	return fc_root_read(live, abs, limit, out, len);
}
