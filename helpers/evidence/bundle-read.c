// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading and verifying a bundle (src/parse/manifest.h for the layout).  The
 * reader takes nothing on trust: sizes, counts and names are bounded,
 * anything but a regular file is a problem, a damaged archive keeps what
 * was read and says where it broke.  Verification names the first thing
 * that does not hold, in this order: the archive itself, MANIFEST (present,
 * well-formed), signer.pem against MANIFEST, the signature over MANIFEST
 * (which says whether MANIFEST can be trusted at all), then every other
 * member in archive order, then the members MANIFEST lists that the
 * archive lacks, and last whether there is a report.json.
 */
#include "ev.h"

#include "parse/zstd-frames.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

static const char *const state_names[] = {
	[EV_STATE_OK] = "ok",
	[EV_STATE_MISMATCH] = "mismatch",
	[EV_STATE_UNLISTED] = "unlisted",
	[EV_STATE_MISSING] = "missing",
	[EV_STATE_INVALID] = "invalid",
};

const char *ev_state_name(enum ev_state s)
{
	return (unsigned)s < FC_ARRAY_SIZE(state_names) ? state_names[s]
							 : "invalid";
}

static const char *const sig_names[] = {
	[EV_SIG_ABSENT] = "absent",   [EV_SIG_OK] = "ok",
	[EV_SIG_BAD] = "bad",         [EV_SIG_REQUIRED] = "required",
	[EV_SIG_NO_KEY] = "no-key",
};

const char *ev_sig_state_name(enum ev_sig_state s)
{
	return (unsigned)s < FC_ARRAY_SIZE(sig_names) ? sig_names[s] : "bad";
}

static void set_damage(struct ev_verification *v, const struct ev_members *m,
		       const char *what)
{
	if (v->damage)
		return;
	if (m->n)
		v->damage = fc_asprintf("the archive is damaged or truncated "
					"after member %s: %s",
					m->v[m->n - 1].name, what);
	else
		v->damage = fc_asprintf("the archive is damaged or truncated "
					"before its first member: %s",
					what);
}

static const char *why(struct archive *a)
{
	const char *s = archive_error_string(a);
	return s ? s : "unknown error";
}

/* Read every entry of an opened archive into m. */
static void read_entries(struct archive *a, struct ev_members *m,
			 struct ev_verification *v)
{
	struct archive_entry *e;
	for (;;) {
		int r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			set_damage(v, m, why(a));
			break;
		}
		if (!v->compression && archive_filter_count(a) > 1)
			v->compression = fc_strdup(archive_filter_name(a, 0));
		if (m->n >= FC_EV_MAX_MEMBERS) {
			set_damage(v, m, "more members than a bundle may hold");
			break;
		}
		const char *name = archive_entry_pathname(e);
		bool regular = archive_entry_filetype(e) == AE_IFREG &&
			       !archive_entry_hardlink(e) &&
			       !archive_entry_symlink(e);
		la_int64_t size = archive_entry_size_is_set(e)
					  ? archive_entry_size(e)
					  : 0;
		if (size < 0 || (uint64_t)size > FC_EV_MAX_MEMBER_BYTES ||
		    m->total + (uint64_t)size > FC_EV_MAX_TOTAL_BYTES) {
			set_damage(v, m, "a member larger than a bundle may hold");
			break;
		}
		/* Read what the entry holds, trusting only the bytes that
		 * actually arrive, never the header's size. */
		struct fc_buf b = { 0 };
		char chunk[65536];
		bool broken = false;
		for (;;) {
			la_ssize_t n = archive_read_data(a, chunk, sizeof(chunk));
			if (n == 0)
				break;
			if (n < 0 && n != ARCHIVE_WARN) {
				broken = true;
				break;
			}
			if (n < 0)
				continue;
			if (b.len + (size_t)n > FC_EV_MAX_MEMBER_BYTES) {
				broken = true;
				break;
			}
			fc_buf_add(&b, chunk, (size_t)n);
		}
		size_t len = b.len;
		ev_members_add(m, name ? name : "", (unsigned char *)fc_buf_steal(&b),
			       len);
		m->v[m->n - 1].regular = regular;
		if (broken) {
			set_damage(v, m, why(a));
			break;
		}
	}
}

/*
 * A tar archive ends with two zero blocks, padded with zeros to its
 * record size (10240 bytes for tar and libarchive).  libarchive's tar
 * reader stops at the end blocks and its gzip and zstd filters read the
 * members or frames that follow as more of the same stream, so data
 * appended to a bundle (bytes after the end blocks, another gzip member
 * or zstd frame) would be ignored: a signed bundle would still verify.
 * Anything after the end blocks but the zero padding of the last record
 * is damage.
 */
#define EV_TAR_RECORD 10240

/* Read the whole decompressed stream of raw (opened with the raw format)
 * and say where data that is not zero padding starts after offset end
 * (*compressed: the offset is in the file, not the uncompressed stream). */
static bool trailer_clean(struct archive *raw, la_int64_t end,
			  la_int64_t file_size, la_int64_t *bad_at,
			  const char **what, bool *compressed)
{
	struct archive_entry *e;
	if (archive_read_next_header(raw, &e) != ARCHIVE_OK) {
		*bad_at = end;
		*what = archive_error_string(raw);
		return false;
	}
	la_int64_t pos = 0;
	char chunk[65536];
	for (;;) {
		la_ssize_t n = archive_read_data(raw, chunk, sizeof(chunk));
		if (n == 0)
			break;
		if (n < 0) {
			*bad_at = pos;
			*what = archive_error_string(raw);
			return false;
		}
		for (la_ssize_t i = 0; i < n; i++) {
			la_int64_t at = pos + i;
			if (at < end)
				continue;
			/* Past the end blocks: zeros only, and only to the
			 * end of the record the end blocks are in. */
			if (chunk[i] != 0 ||
			    at >= (end + EV_TAR_RECORD - 1) / EV_TAR_RECORD *
					  EV_TAR_RECORD) {
				*bad_at = at;
				*what = NULL;
				return false;
			}
		}
		pos += n;
	}
	/* The compressed file: its gzip members or zstd frames must use
	 * every byte of it (the filters stop, silently, at bytes that do not
	 * start another member or frame). */
	int nf = archive_filter_count(raw);
	la_int64_t used = archive_filter_bytes(raw, nf - 1);
	if (nf > 1 && used != file_size) {
		*bad_at = used;
		*what = "data after the last compressed member";
		*compressed = true;
		return false;
	}
	return true;
}

static void finish_read(struct archive *a, struct ev_members *m,
			struct ev_verification *v, struct archive *raw,
			la_int64_t file_size)
{
	read_entries(a, m, v);
	if (!v->compression)
		v->compression = fc_strdup(archive_filter_count(a) > 1
						   ? archive_filter_name(a, 0)
						   : "none");
	/* Where the tar reader stopped in the decompressed stream: after the
	 * end blocks, when it reached them. */
	la_int64_t end = archive_filter_bytes(a, 0);
	if (archive_read_close(a) != ARCHIVE_OK)
		set_damage(v, m, why(a));
	archive_read_free(a);
	la_int64_t bad_at = 0;
	const char *what = NULL;
	bool compressed = false;
	if (!v->damage && !trailer_clean(raw, end, file_size, &bad_at, &what,
					 &compressed)) {
		_cleanup_free_ char *msg =
			what ? fc_asprintf("%s at byte %lld of the %s", what,
					   (long long)bad_at,
					   compressed ? "file"
						      : "uncompressed archive")
			     : fc_asprintf("data after the end of the tar "
					   "archive, at byte %lld of the "
					   "uncompressed archive (%s)",
					   (long long)bad_at, v->compression);
		set_damage(v, m, msg);
	}
}

/* A bundle is tar, compressed with gzip or zstd (or not at all); anything
 * else is not one of ours.  raw: the same stream as one raw entry, for
 * what follows the archive. */
static struct archive *new_reader(bool raw)
{
	struct archive *a = archive_read_new();
	if (!a)
		fc_oom();
	if (raw)
		archive_read_support_format_raw(a);
	else
		archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_none(a);
	return a;
}

/* A zstd bundle whose frames end at zend, before the end of the file:
 * the frames read as the bundle, what follows is damage at its offset. */
static int read_zstd_prefix(int fd, const char *path, int64_t zend,
			    int64_t file_size, struct ev_members *m,
			    struct ev_verification *v, char **err)
{
	_cleanup_free_ char *msg = fc_asprintf(
		"data after the last zstd frame, at byte %lld of the file "
		"(%lld bytes)", (long long)zend, (long long)file_size);
	if ((uint64_t)zend > FC_EV_MAX_HASHED_BYTES) {
		set_damage(v, m, msg);
		v->compression = fc_strdup("zstd");
		close(fd);
		return 0;
	}
	unsigned char *buf = fc_malloc((size_t)zend);
	int r = fc_pread_at(&fd, 0, buf, (size_t)zend);
	if (r < 0) {
		free(buf);
		close(fd);
		*err = fc_asprintf("%s: %s", path, strerror(-r));
		return r;
	}
	close(fd);
	ev_bundle_read_memory(buf, (size_t)zend, m, v);
	free(buf);
	set_damage(v, m, msg);
	return 0;
}

int ev_bundle_read_file(const char *path, struct ev_members *m,
			struct ev_verification *v, char **err)
{
	*m = (struct ev_members){ 0 };
	*v = (struct ev_verification){ 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		*err = fc_asprintf("%s: %s", path, strerror(e));
		return -e;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*err = fc_asprintf("%s: not a regular file", path);
		return -EINVAL;
	}
	/* zstd: where its frames end (src/parse/zstd-frames.h). */
	uint64_t size = (uint64_t)st.st_size;
	int64_t zend = fc_zstd_is_zstd(fc_pread_at, &fd, size)
			       ? fc_zstd_frames_end(fc_pread_at, &fd, size)
			       : -1;
	if (zend > 0 && zend < st.st_size)
		return read_zstd_prefix(fd, path, zend, st.st_size, m, v, err);
	struct archive *a = new_reader(false);
	if (archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK) {
		set_damage(v, m, why(a));
		v->compression = fc_strdup("unknown");
		archive_read_free(a);
		close(fd);
		return 0;
	}
	/* The second reader reads the same file from its start on its own
	 * descriptor (a reopen by path could meet another file). */
	char self[64];
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	int fd2 = open(self, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct archive *raw = new_reader(true);
	struct stat st2;
	if (fd2 < 0 || fstat(fd2, &st2) < 0 || st2.st_ino != st.st_ino ||
	    st2.st_dev != st.st_dev ||
	    archive_read_open_fd(raw, fd2, 65536) != ARCHIVE_OK) {
		int e = fd2 < 0 ? errno : EIO;
		archive_read_free(a);
		archive_read_free(raw);
		if (fd2 >= 0)
			close(fd2);
		close(fd);
		*err = fc_asprintf("%s: cannot read it a second time: %s",
				   path, strerror(e));
		return -e;
	}
	finish_read(a, m, v, raw, st.st_size);
	archive_read_free(raw);
	close(fd2);
	close(fd);
	return 0;
}

int ev_bundle_read_memory(const void *buf, size_t len, struct ev_members *m,
			  struct ev_verification *v)
{
	*m = (struct ev_members){ 0 };
	*v = (struct ev_verification){ 0 };
	struct archive *a = new_reader(false);
	if (archive_read_open_memory(a, buf, len) != ARCHIVE_OK) {
		set_damage(v, m, why(a));
		v->compression = fc_strdup("unknown");
		archive_read_free(a);
		return 0;
	}
	struct archive *raw = new_reader(true);
	if (archive_read_open_memory(raw, buf, len) != ARCHIVE_OK) {
		set_damage(v, m, why(raw));
		archive_read_free(a);
	} else {
		finish_read(a, m, v, raw, (la_int64_t)len);
	}
	archive_read_free(raw);
	return 0;
}

static void add_check(struct ev_verification *v, const char *name,
		      enum ev_state st, const char *sha, const char *listed,
		      uint64_t bytes)
{
	v->checks = fc_realloc(v->checks, (v->n_checks + 1) * sizeof(*v->checks));
	struct ev_member_check *c = &v->checks[v->n_checks++];
	*c = (struct ev_member_check){ .name = fc_strdup(name), .state = st,
				       .bytes = bytes };
	snprintf(c->sha256, sizeof(c->sha256), "%s", sha ? sha : "");
	snprintf(c->listed, sizeof(c->listed), "%s", listed ? listed : "");
}

static void problem(struct ev_verification *v, char *msg)
{
	if (!v->first_problem)
		v->first_problem = msg;
	else
		free(msg);
}

static void verify_signature(const struct ev_members *m,
			     const struct ev_member *man,
			     const struct ev_key *trusted,
			     struct ev_verification *v)
{
	const struct ev_member *sig = ev_members_find(m, FC_EV_SIGNATURE);
	const struct ev_member *pem = ev_members_find(m, FC_EV_SIGNER);
	v->key_given = trusted != NULL;
	if (!sig) {
		v->sig = trusted ? EV_SIG_REQUIRED : EV_SIG_ABSENT;
		if (trusted) {
			v->sig_problem = fc_strdup("the bundle is not signed, "
						   "but a key was given");
			problem(v, fc_strdup(v->sig_problem));
		}
		return;
	}
	struct ev_key own = { 0 };
	const struct ev_key *k = trusted;
	char *err = NULL;
	if (!k) {
		if (!pem) {
			v->sig = EV_SIG_NO_KEY;
			v->sig_problem = fc_strdup("MANIFEST.sig is present but "
						   "there is no signer.pem and "
						   "no key was given");
			problem(v, fc_strdup(v->sig_problem));
			return;
		}
		if (ev_key_load_public(pem->data, pem->len, &own, &err) < 0) {
			v->sig = EV_SIG_BAD;
			v->sig_problem = err;
			problem(v, fc_strdup(err));
			return;
		}
		k = &own;
	}
	v->sig_algorithm = ev_key_algorithm(k);
	if (ev_key_fingerprint(k, v->key_sha256, &err) < 0) {
		free(err);
		err = NULL;
		v->key_sha256[0] = '\0';
	}
	int r = ev_verify(k, man->data, man->len, sig->data, sig->len, &err);
	if (r == 0) {
		v->sig = EV_SIG_OK;
	} else {
		v->sig = EV_SIG_BAD;
		v->sig_problem = fc_asprintf("MANIFEST or MANIFEST.sig was "
					     "altered: %s with %s key sha256:%s",
					     err ? err : "the signature does not "
							 "verify",
					     trusted ? "the given" : "the bundle's",
					     v->key_sha256);
		problem(v, fc_strdup(v->sig_problem));
	}
	free(err);
	ev_key_clear(&own);
}

static int name_idx_cmp(const void *a, const void *b, void *ud)
{
	const struct ev_members *m = ud;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(m->v[x].name, m->v[y].name);
	/* Equal names keep archive order: the first one is the original. */
	return c ? c : (x < y ? -1 : x > y);
}

/* Keep the first message for one kind of problem. */
static void keep_first(char **slot, char *msg)
{
	if (!*slot)
		*slot = msg;
	else
		free(msg);
}

void ev_bundle_verify(const struct ev_members *m, const struct ev_key *trusted,
		      struct ev_verification *v)
{
	if (v->damage)
		problem(v, fc_strdup(v->damage));
	const struct ev_member *man = ev_members_find(m, FC_EV_MANIFEST);
	struct fc_manifest mf = { 0 };
	if (!man) {
		v->manifest_problem = fc_strdup("the bundle has no MANIFEST");
	} else if (!man->regular) {
		v->manifest_problem = fc_strdup("MANIFEST is not a regular file");
	} else {
		struct fc_parse_err pe;
		if (fc_manifest_parse((const char *)man->data, man->len, &mf,
				      &pe) < 0)
			v->manifest_problem =
				fc_asprintf("MANIFEST line %u: %s", pe.line,
					    pe.what);
	}
	v->manifest_ok = !v->manifest_problem;
	if (!v->manifest_ok)
		problem(v, fc_strdup(v->manifest_problem));

	/* Names sorted once (n log n, for summarize's thousands of
	 * bundles): repeated names, and below the members MANIFEST lists
	 * that the archive lacks. */
	size_t *idx = fc_calloc(m->n ? m->n : 1, sizeof(*idx));
	bool *dups = fc_calloc(m->n ? m->n : 1, sizeof(*dups));
	for (size_t i = 0; i < m->n; i++)
		idx[i] = i;
	qsort_r(idx, m->n, sizeof(*idx), name_idx_cmp, (void *)m);
	for (size_t i = 1; i < m->n; i++)
		if (fc_streq(m->v[idx[i]].name, m->v[idx[i - 1]].name))
			dups[idx[i]] = true;

	/* Every member against MANIFEST, in archive order.  A changed
	 * signer.pem is named before the signature it breaks; the other
	 * members after the signature, which says whether MANIFEST itself
	 * can be trusted. */
	char *signer_problem = NULL, *member_problem = NULL;
	for (size_t i = 0; i < m->n; i++) {
		const struct ev_member *e = &m->v[i];
		char **slot = fc_streq(e->name, FC_EV_SIGNER) ? &signer_problem
							     : &member_problem;
		char sha[EV_SHA256_HEX] = "";
		char *err = NULL;
		if (ev_sha256_hex(e->data, e->len, sha, &err) < 0) {
			keep_first(slot, fc_asprintf("member %s: %s", e->name, err));
			free(err);
		}
		bool own = fc_streq(e->name, FC_EV_MANIFEST) ||
			   fc_streq(e->name, FC_EV_SIGNATURE);
		if (!e->regular || dups[i] || !fc_ev_member_name_ok(e->name)) {
			add_check(v, e->name, EV_STATE_INVALID, sha, NULL, e->len);
			keep_first(slot, fc_asprintf("member %s: %s", e->name,
						     !e->regular ? "not a regular file"
						     : dups[i]	 ? "appears twice"
								 : "invalid name"));
			continue;
		}
		if (own) {
			add_check(v, e->name, EV_STATE_OK, sha, NULL, e->len);
			continue;
		}
		const struct fc_manifest_entry *me =
			v->manifest_ok ? fc_manifest_find(&mf, e->name) : NULL;
		if (!me) {
			add_check(v, e->name, EV_STATE_UNLISTED, sha, NULL, e->len);
			keep_first(slot, fc_asprintf("member %s is not listed in "
						     "MANIFEST (added after "
						     "export?)",
						     e->name));
		} else if (!fc_streq(me->sha256, sha)) {
			add_check(v, e->name, EV_STATE_MISMATCH, sha, me->sha256,
				  e->len);
			keep_first(slot, fc_asprintf("member %s does not match "
						     "MANIFEST (sha256 %s, "
						     "MANIFEST says %s)",
						     e->name, sha, me->sha256));
		} else {
			add_check(v, e->name, EV_STATE_OK, sha, me->sha256, e->len);
		}
	}
	/* Then what MANIFEST lists and the archive lacks. */
	for (size_t i = 0; i < mf.n; i++) {
		size_t lo = 0, hi = m->n;
		bool found = false;
		while (lo < hi && !found) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(mf.v[i].name, m->v[idx[mid]].name);
			if (c == 0)
				found = true;
			else if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		if (found)
			continue;
		add_check(v, mf.v[i].name, EV_STATE_MISSING, NULL, mf.v[i].sha256,
			  0);
		keep_first(fc_streq(mf.v[i].name, FC_EV_SIGNER) ? &signer_problem
								: &member_problem,
			   fc_asprintf("member %s is listed in MANIFEST but "
				       "missing from the bundle",
				       mf.v[i].name));
	}
	free(idx);
	free(dups);
	fc_manifest_free(&mf);

	if (signer_problem)
		problem(v, signer_problem);
	if (man)
		verify_signature(m, man, trusted, v);
	if (member_problem)
		problem(v, member_problem);
	const struct ev_member *rep = ev_members_find(m, FC_EV_REPORT);
	if (rep && rep->regular)
		v->report = rep;
	else
		problem(v, fc_strdup("the bundle has no report.json"));
	v->ok = !v->first_problem;
}

void ev_verification_clear(struct ev_verification *v)
{
	free(v->compression);
	free(v->damage);
	free(v->manifest_problem);
	for (size_t i = 0; i < v->n_checks; i++)
		free(v->checks[i].name);
	free(v->checks);
	free(v->sig_algorithm);
	free(v->sig_problem);
	free(v->first_problem);
	*v = (struct ev_verification){ 0 };
}
