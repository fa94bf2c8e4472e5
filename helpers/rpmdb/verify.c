// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm -V for the files that make up a FIPS module (helpers/rpmdb/verify.h).
 * A module is identified at run time by a version label compiled into it
 * (REDHAT_FIPS_VERSION and the like): a rebuilt or patched fips.so keeps
 * the label.  What proves that the bytes on disk are the vendor's is the
 * file digest the signed package header records, compared here with the
 * file as it is now; the header's signer is reported beside it
 * (helpers/rpmdb/probe.c).
 *
 * Every file is read through the sysroot layer (src/core/sysroot.h), so
 * a symlink in the audited tree never leads outside it.
 */
#include "verify.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rpm/rpmcrypto.h>
#include <rpm/rpmfi.h>

/*
 * The files of each module, by name (fnmatch on the base name).  From the
 * EL9 spec files: openssl.spec (fips.so in ossl-modules; its MAC is
 * embedded, EL9 ships no fips.so.hmac, other builds do), libgcrypt.spec
 * (libgcrypt.so.20 and .libgcrypt.so.20.hmac), gnutls.spec and
 * nettle.spec (libgnutls.so.30 and .gnutls.hmac or .libgnutls.so.30.hmac;
 * nettle's libraries and their .hmac are inside GnuTLS's boundary), nss.spec
 * (libsoftokn3.so, libfreebl3.so, libfreeblpriv3.so and their .chk),
 * kernel.spec (/lib/modules/<release>/vmlinuz and .vmlinuz.hmac, which
 * kernel-install copies to /boot).
 */
static const char *const module_files[FC_MODULE_COUNT_][10] = {
	[FC_MODULE_KERNEL] = { "vmlinuz", ".vmlinuz.hmac", "vmlinuz-*",
			       ".vmlinuz-*.hmac" },
	[FC_MODULE_OPENSSL] = { "fips.so", "fips.so.hmac", ".fips.so.hmac" },
	[FC_MODULE_LIBGCRYPT] = { "libgcrypt.so.20*", ".libgcrypt.so.20*.hmac" },
	[FC_MODULE_GNUTLS] = { "libgnutls.so.30*", ".libgnutls.so.30*.hmac",
			       ".gnutls.hmac", "libnettle.so.8*",
			       ".libnettle.so.8*.hmac", "libhogweed.so.6*",
			       ".libhogweed.so.6*.hmac" },
	[FC_MODULE_NSS] = { "libsoftokn3.so", "libsoftokn3.chk",
			    "libfreebl*.so", "libfreebl*.chk" },
};

static bool is_module_file(enum fc_module m, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; i < FC_ARRAY_SIZE(module_files[m]) &&
			   module_files[m][i];
	     i++)
		if (fnmatch(module_files[m][i], base, 0) == 0)
			return true;
	return false;
}

/* The digest of what fd holds, as rpm writes it in the header (hex). */
static int digest_fd(int fd, int algo, char **hex)
{
	DIGEST_CTX ctx = rpmDigestInit(algo, RPMDIGEST_NONE);
	if (!ctx)
		return -ENOTSUP;
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = -errno;
			rpmDigestFinal(ctx, NULL, NULL, 0);
			return e;
		}
		if (n == 0)
			break;
		rpmDigestUpdate(ctx, buf, (size_t)n);
	}
	void *out = NULL;
	if (rpmDigestFinal(ctx, &out, NULL, 1) != 0 || !out)
		return -EIO;
	*hex = out;
	return 0;
}

/* "sha256" for rpm's digest algorithm numbers (RFC 4880, 9.4). */
static const char *algo_name(int algo)
{
	switch (algo) {
	case 8:
		return "sha256";
	case 9:
		return "sha384";
	case 10:
		return "sha512";
	case 11:
		return "sha224";
	case 2:
		return "sha1";
	case 1:
		return "md5";
	default:
		return "digest";
	}
}

static void verify_one(const struct fc_root *root, rpmfi fi,
		       struct fc_module_file *f)
{
	rpm_mode_t mode = rpmfiFMode(fi);
	f->size = (long long)rpmfiFSize(fi);
	struct stat st;
	int r = fc_root_lstat(root, f->path, &st);
	if (S_ISLNK(mode)) {
		const char *want = rpmfiFLink(fi);
		f->digest = fc_asprintf("link:%s", want ? want : "");
		if (r == -ENOENT) {
			f->result = FC_FILE_MISSING;
			return;
		}
		_cleanup_free_ char *got = NULL;
		if (r == 0 && !S_ISLNK(st.st_mode)) {
			f->result = FC_FILE_MODIFIED;
			f->what = fc_strdup("type");
			return;
		}
		if (r == 0)
			r = fc_root_readlink(root, f->path, &got);
		if (r < 0) {
			f->result = FC_FILE_UNREADABLE;
			f->err = -r;
			return;
		}
		if (!fc_streq(got, want)) {
			f->result = FC_FILE_MODIFIED;
			f->what = fc_strdup("link");
			f->found = fc_asprintf("link:%s", got);
		}
		return;
	}
	int algo = 0;
	_cleanup_free_ char *want = rpmfiFDigestHex(fi, &algo);
	f->digest = fc_asprintf("%s:%s", algo_name(algo), want ? want : "");
	if (r == -ENOENT) {
		f->result = FC_FILE_MISSING;
		return;
	}
	if (r < 0) {
		f->result = FC_FILE_UNREADABLE;
		f->err = -r;
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		f->result = FC_FILE_MODIFIED;
		f->what = fc_strdup("type");
		return;
	}
	int fd = fc_root_open(root, f->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		f->result = FC_FILE_UNREADABLE;
		f->err = -fd;
		return;
	}
	_cleanup_free_ char *got = NULL;
	r = digest_fd(fd, algo, &got);
	close(fd);
	if (r < 0) {
		f->result = FC_FILE_UNREADABLE;
		f->err = -r;
		return;
	}
	f->found = fc_asprintf("%s:%s", algo_name(algo), got);
	if ((long long)st.st_size != f->size) {
		f->result = FC_FILE_MODIFIED;
		f->what = fc_strdup("size");
	} else if (!want || !fc_streq(want, got)) {
		f->result = FC_FILE_MODIFIED;
		f->what = fc_strdup("digest");
	} else {
		/* As packaged: the digest on disk is the header's. */
		free(f->found);
		f->found = NULL;
	}
}

void fc_rpmdb_verify_module(const struct fc_root *root, rpmts ts, Header h,
			    enum fc_module m, const char *nevra,
			    struct fc_module_file **files, size_t *n)
{
	rpmfi fi = rpmfiNew(ts, h, RPMTAG_BASENAMES, RPMFI_FLAGS_VERIFY);
	if (!fi)
		return;
	rpmfiInit(fi, 0);
	while (rpmfiNext(fi) >= 0) {
		const char *path = rpmfiFN(fi);
		if (!path || !is_module_file(m, path) ||
		    (rpmfiFFlags(fi) & RPMFILE_GHOST))
			continue;
		*files = fc_realloc(*files, (*n + 1) * sizeof(**files));
		struct fc_module_file *f = &(*files)[(*n)++];
		*f = (struct fc_module_file){
			.module = m,
			.package = fc_strdup(nevra),
			.path = fc_strdup(path),
		};
		verify_one(root, fi, f);
	}
	rpmfiFree(fi);
}
