// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writing a bundle with libarchive (src/parse/manifest.h for the layout).
 *
 * Deterministic: members sorted by name, pax (restricted: a pax header
 * only for names ustar cannot hold) with fixed owner, mode and mtime, and
 * no timestamp in the gzip header; the same members give the same bytes.
 * Atomic: written to a temporary file in the target directory, fsynced,
 * renamed over the target, the directory fsynced; any failure removes the
 * temporary file, so no partial bundle is ever left behind.
 */
#include "ev.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

/* The archive's error, or errno's when libarchive has none. */
static char *archive_why(struct archive *a)
{
	const char *s = archive_error_string(a);
	int e = archive_errno(a);
	if (e > 0 && s && !strstr(s, strerror(e)))
		return fc_asprintf("%s (%s)", strerror(e), s);
	if (e > 0)
		return fc_strdup(strerror(e));
	return fc_strdup(s ? s : "unknown libarchive error");
}

static int add_manifest(const struct ev_pack *o, struct ev_members *m,
			struct ev_packed *res, char **err)
{
	int r;
	if (o->key) {
		char *pem = NULL;
		size_t len = 0;
		r = ev_key_public_pem(o->key, &pem, &len, err);
		if (r < 0)
			return r;
		ev_members_add(m, FC_EV_SIGNER, (unsigned char *)pem, len);
	}
	ev_members_sort(m);
	struct fc_manifest man = { 0 };
	for (size_t i = 0; i < m->n; i++) {
		struct ev_member *e = &m->v[i];
		if (!fc_ev_member_name_ok(e->name) ||
		    fc_streq(e->name, FC_EV_MANIFEST) ||
		    fc_streq(e->name, FC_EV_SIGNATURE) ||
		    (i && fc_streq(m->v[i - 1].name, e->name))) {
			*err = fc_asprintf("invalid or repeated member name "
					   "\"%s\"",
					   e->name);
			fc_manifest_free(&man);
			return -EINVAL;
		}
		r = ev_sha256_hex(e->data, e->len, e->sha256, err);
		if (r < 0) {
			fc_manifest_free(&man);
			return r;
		}
		fc_manifest_add(&man, e->name, e->sha256);
	}
	char *text = fc_manifest_format(&man);
	fc_manifest_free(&man);
	size_t tlen = strlen(text);
	r = ev_sha256_hex(text, tlen, res->manifest_sha256, err);
	if (r < 0) {
		free(text);
		return r;
	}
	if (o->key) {
		unsigned char *sig = NULL;
		size_t slen = 0;
		r = ev_sign(o->key, text, tlen, &sig, &slen, err);
		if (r < 0) {
			free(text);
			return r;
		}
		ev_members_add(m, FC_EV_SIGNATURE, sig, slen);
		res->algorithm = ev_key_algorithm(o->key);
		r = ev_key_fingerprint(o->key, res->key_sha256, err);
		if (r < 0) {
			free(text);
			return r;
		}
	}
	ev_members_add(m, FC_EV_MANIFEST, (unsigned char *)text, tlen);
	ev_members_sort(m);
	return 0;
}

static int write_archive(const struct ev_pack *o, const struct ev_members *m,
			 int fd, char **err)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	int r = 0;
	if (!a || !e)
		fc_oom();
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK) {
		*err = archive_why(a);
		r = -EIO;
		goto out;
	}
	if (fc_streq(o->compress, "zstd")) {
		if (archive_write_add_filter_zstd(a) != ARCHIVE_OK) {
			_cleanup_free_ char *why = archive_why(a);
			*err = fc_asprintf("zstd compression is not available "
					   "in this libarchive: %s",
					   why);
			r = -ENOTSUP;
			goto out;
		}
	} else if (archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
		   /* No time in the gzip header: same input, same bytes. */
		   archive_write_set_filter_option(a, "gzip", "timestamp",
						   NULL) != ARCHIVE_OK) {
		_cleanup_free_ char *why = archive_why(a);
		*err = fc_asprintf("gzip compression: %s", why);
		r = -ENOTSUP;
		goto out;
	}
	if (archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		*err = archive_why(a);
		r = -EIO;
		goto out;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct ev_member *mb = &m->v[i];
		archive_entry_clear(e);
		archive_entry_set_pathname(e, mb->name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)mb->len);
		archive_entry_set_mtime(e, o->mtime, 0);
		archive_entry_set_uid(e, 0);
		archive_entry_set_gid(e, 0);
		archive_entry_set_uname(e, "root");
		archive_entry_set_gname(e, "root");
		if (archive_write_header(a, e) != ARCHIVE_OK) {
			_cleanup_free_ char *why = archive_why(a);
			*err = fc_asprintf("writing member %s: %s", mb->name, why);
			r = -EIO;
			goto out;
		}
		la_ssize_t w = mb->len ? archive_write_data(a, mb->data, mb->len)
				       : 0;
		if (w < 0 || (size_t)w != mb->len) {
			_cleanup_free_ char *why = archive_why(a);
			*err = fc_asprintf("writing member %s: %s", mb->name, why);
			r = -EIO;
			goto out;
		}
	}
	/* Compressed data is still buffered: close flushes it, and reports
	 * the disk that filled up while doing so. */
	if (archive_write_close(a) != ARCHIVE_OK) {
		_cleanup_free_ char *why = archive_why(a);
		*err = fc_asprintf("finishing the archive: %s", why);
		r = -EIO;
	}
out:
	archive_entry_free(e);
	archive_write_free(a);
	return r;
}

int ev_pack_write(const struct ev_pack *o, struct ev_members *m,
		  struct ev_packed *res, char **err)
{
	*res = (struct ev_packed){ 0 };
	int r = add_manifest(o, m, res, err);
	if (r < 0)
		return r;
	res->members = m->n;

	/* Only a regular file (or nothing) is replaced: "-o /dev/full"
	 * must fail, not swap the device node for a file. */
	struct stat st;
	if (lstat(o->out, &st) == 0 && !S_ISREG(st.st_mode)) {
		*err = fc_asprintf("%s exists and is not a regular file", o->out);
		return -EEXIST;
	}
	_cleanup_free_ char *dcopy = fc_strdup(o->out);
	_cleanup_free_ char *bcopy = fc_strdup(o->out);
	const char *dir = dirname(dcopy), *base = basename(bcopy);
	_cleanup_free_ char *tmp = fc_asprintf("%s/.%s.XXXXXX", dir, base);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		*err = fc_asprintf("cannot create a file in %s: %s", dir,
				   strerror(-r));
		return r;
	}
	if (fchmod(fd, 0600) < 0) {
		r = -errno;
		*err = fc_asprintf("%s: chmod: %s", tmp, strerror(-r));
		goto fail;
	}
	r = write_archive(o, m, fd, err);
	if (r < 0) {
		_cleanup_free_ char *why = FC_TAKE(*err);
		*err = fc_asprintf("cannot write %s: %s", o->out, why);
		goto fail;
	}
	struct stat fs;
	if (fsync(fd) < 0 || fstat(fd, &fs) < 0) {
		r = -errno;
		*err = fc_asprintf("cannot write %s: %s", o->out, strerror(-r));
		goto fail;
	}
	res->bytes = (uint64_t)fs.st_size;
	int c = close(fd);
	fd = -1;
	if (c < 0) {
		r = -errno;
		*err = fc_asprintf("cannot write %s: %s", o->out, strerror(-r));
		goto fail;
	}
	if (rename(tmp, o->out) < 0) {
		r = -errno;
		*err = fc_asprintf("cannot rename %s to %s: %s", tmp, o->out,
				   strerror(-r));
		goto fail;
	}
	/* The rename itself must survive a crash too. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) < 0) {
		r = -errno;
		*err = fc_asprintf("%s: fsync of the directory: %s", dir,
				   strerror(-r));
		if (dfd >= 0)
			close(dfd);
		/* The bundle is complete and in place; only its durability
		 * is in doubt, and that is reported. */
		return r;
	}
	close(dfd);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return r;
}

void ev_packed_clear(struct ev_packed *p)
{
	free(p->algorithm);
	*p = (struct ev_packed){ 0 };
}
