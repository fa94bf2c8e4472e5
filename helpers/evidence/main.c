// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl-probe-evidence: the crypto and archive half of 'fipsctl
 * evidence'.  Not a check probe: it is built and installed like
 * one (it links libcrypto, and libarchive, which must both stay out of
 * the parent: src/parse/manifest.h says why), and the parent runs it from the
 * same directory.  Modes, one per invocation:
 *
 *   hash [--root DIR] [--file PATH]... [PATH...]
 *       SHA-256 and size of each PATH inside the audited root (read
 *       through the sysroot layer) and of each --file on this machine;
 *       prints {"files": [{"path", "sha256", "bytes"} or
 *       {"path", "errno", "error"}, ...]}.
 *   keycheck --sign-key KEY
 *       loads a signing key as pack would; prints its algorithm and
 *       fingerprint.
 *   pack --out FILE --mtime EPOCH [--compress gzip|zstd] [--sign-key KEY]
 *       reads members on stdin ("<bytes> <name>\n" then the bytes, ...,
 *       "end\n"), writes the bundle (helpers/evidence/bundle-write.c) and
 *       prints what it wrote.
 *   read [--key PUB] [--members] BUNDLE...
 *       verifies each bundle and prints one record per bundle: a JSON
 *       line (the verdict, the first problem, the signature, with
 *       --members every member, and "report_bytes": the size of
 *       report.json, or null), then that many bytes of report.json as
 *       the bundle holds it and a line feed.
 *
 * Exit 0 when the mode did its work (a bundle that fails verification is
 * a result, not an error), 2 for bad input (FC_EV_HELPER_EXIT_INPUT), 3
 * when something else stopped it; the message is on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "ev.h"
#include "core/sysroot.h"

static int fail(int code, const char *fmt, ...) FC_PRINTF(2, 3);
static int fail(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("fipsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static int print_json(struct json_object *o)
{
	const char *s = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	int r = fc_write_all(STDOUT_FILENO, s, strlen(s));
	if (r == 0)
		r = fc_write_all(STDOUT_FILENO, "\n", 1);
	return r;
}

/* One record of 'read': the line, then report.json's bytes and a line
 * feed when there is one; one write, so records never interleave. */
static int print_record(struct json_object *o, const struct ev_member *report)
{
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, json_object_to_json_string_ext(
				o, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE));
	fc_buf_add(&b, "\n", 1);
	if (report) {
		fc_buf_add(&b, report->data, report->len);
		fc_buf_add(&b, "\n", 1);
	}
	int r = fc_write_all(STDOUT_FILENO, b.data, b.len);
	fc_buf_free(&b);
	return r;
}

static void add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v)
				       : json_object_new_null());
}

/* --- hash ----------------------------------------------------------------- */

static struct json_object *hash_one(int fd, const char *path, bool in_root)
{
	struct json_object *o = json_object_new_object();
	add_str(o, "path", path);
	if (!in_root)
		json_object_object_add(o, "local", json_object_new_boolean(true));
	struct stat st;
	int e = 0;
	char hex[EV_SHA256_HEX];
	uint64_t bytes = 0;
	char *err = NULL;
	if (fd < 0)
		e = -fd;
	else if (fstat(fd, &st) < 0)
		e = errno;
	else if (!S_ISREG(st.st_mode))
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	else if (ev_sha256_fd(fd, FC_EV_MAX_HASHED_BYTES, hex, &bytes, &err) < 0)
		e = EIO;
	if (e || err) {
		json_object_object_add(o, "errno", json_object_new_int(e ? e : EIO));
		add_str(o, "error", err ? err : strerror(e));
	} else {
		add_str(o, "sha256", hex);
		json_object_object_add(o, "bytes", json_object_new_int64((int64_t)bytes));
	}
	free(err);
	if (fd >= 0)
		close(fd);
	return o;
}

static int mode_hash(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "file", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root_dir = "/";
	struct json_object *arr = json_object_new_array();
	int c;
	/* --file entries are hashed in order, then the root paths. */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r') {
			root_dir = optarg;
		} else if (c == 'f') {
			int fd = open(optarg, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
			json_object_array_add(arr, hash_one(fd < 0 ? -errno : fd,
							    optarg, false));
		} else {
			json_object_put(arr);
			return fail(FC_EV_HELPER_EXIT_INPUT,
				    "evidence hash: bad arguments");
		}
	}
	_cleanup_root_ struct fc_root *root = NULL;
	int r = fc_root_new(root_dir, &root);
	if (r < 0) {
		json_object_put(arr);
		return fail(FC_EV_HELPER_EXIT_INPUT, "%s: %s", root_dir,
			    strerror(-r));
	}
	for (int i = optind; i < argc; i++) {
		/* O_NONBLOCK: a FIFO planted in a hostile root is refused by
		 * hash_one, not waited on. */
		int fd = fc_root_open(root, argv[i], O_RDONLY | O_NONBLOCK);
		json_object_array_add(arr, hash_one(fd, argv[i], true));
	}
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "files", arr);
	r = print_json(o);
	json_object_put(o);
	return r < 0 ? fail(FC_EV_HELPER_EXIT_FAILED, "writing: %s",
			    strerror(-r))
		     : 0;
}

/* --- keycheck and pack ---------------------------------------------------- */

static void describe_key(struct json_object *o, const struct ev_key *k)
{
	_cleanup_free_ char *alg = ev_key_algorithm(k);
	char fp[EV_SHA256_HEX] = "";
	char *err = NULL;
	if (ev_key_fingerprint(k, fp, &err) < 0)
		free(err);
	add_str(o, "algorithm", alg);
	add_str(o, "key_sha256", fp);
	json_object_object_add(o, "certificate",
			       json_object_new_boolean(k->cert != NULL));
}

static int mode_keycheck(int argc, char **argv)
{
	if (argc != 3 || !fc_streq(argv[1], "--sign-key"))
		return fail(FC_EV_HELPER_EXIT_INPUT,
			    "evidence keycheck: expected --sign-key KEY");
	struct ev_key k = { 0 };
	char *err = NULL;
	if (ev_key_load_private(argv[2], &k, &err) < 0) {
		int rc = fail(FC_EV_HELPER_EXIT_INPUT, "--sign-key %s", err);
		free(err);
		return rc;
	}
	struct json_object *o = json_object_new_object();
	describe_key(o, &k);
	int r = print_json(o);
	json_object_put(o);
	ev_key_clear(&k);
	return r < 0 ? FC_EV_HELPER_EXIT_FAILED : 0;
}

/* Exactly n bytes from stdin. */
static int read_exact(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(STDIN_FILENO, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EPIPE;
		got += (size_t)r;
	}
	return 0;
}

/* One "\n"-terminated line of at most max bytes from stdin. */
static int read_line(char *buf, size_t max)
{
	size_t n = 0;
	while (n + 1 < max) {
		ssize_t r = read(STDIN_FILENO, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EPIPE;
		if (buf[n] == '\n') {
			buf[n] = '\0';
			return 0;
		}
		n++;
	}
	return -EBADMSG;
}

static int read_members(struct ev_members *m)
{
	char line[2048];
	for (;;) {
		int r = read_line(line, sizeof(line));
		if (r < 0)
			return fail(FC_EV_HELPER_EXIT_INPUT,
				    "evidence pack: member list: %s",
				    r == -EPIPE ? "ends early" : strerror(-r));
		if (fc_streq(line, "end"))
			return 0;
		char *sp = strchr(line, ' ');
		char *end = NULL;
		errno = 0;
		unsigned long long n = strtoull(line, &end, 10);
		if (!sp || end != sp || errno || n > FC_EV_MAX_MEMBER_BYTES ||
		    m->total + n > FC_EV_MAX_TOTAL_BYTES ||
		    m->n >= FC_EV_MAX_MEMBERS || !fc_ev_member_name_ok(sp + 1))
			return fail(FC_EV_HELPER_EXIT_INPUT,
				    "evidence pack: bad member line \"%s\"",
				    line);
		unsigned char *data = fc_malloc(n ? n : 1);
		r = read_exact(data, n);
		if (r < 0) {
			free(data);
			return fail(FC_EV_HELPER_EXIT_INPUT,
				    "evidence pack: member %s: %s", sp + 1,
				    r == -EPIPE ? "ends early" : strerror(-r));
		}
		ev_members_add(m, sp + 1, data, n);
	}
}

static int mode_pack(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "mtime", required_argument, NULL, 't' },
		{ "compress", required_argument, NULL, 'c' },
		{ "sign-key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct ev_pack o = { .compress = "gzip" };
	const char *key_path = NULL;
	bool have_mtime = false;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o.out = optarg;
			break;
		case 't': {
			char *end = NULL;
			errno = 0;
			long long t = strtoll(optarg, &end, 10);
			if (errno || !end || *end || t < 0)
				return fail(FC_EV_HELPER_EXIT_INPUT,
					    "evidence pack: bad --mtime");
			o.mtime = (time_t)t;
			have_mtime = true;
			break;
		}
		case 'c':
			o.compress = optarg;
			break;
		case 'k':
			key_path = optarg;
			break;
		default:
			return fail(FC_EV_HELPER_EXIT_INPUT,
				    "evidence pack: bad arguments");
		}
	}
	if (!o.out || !have_mtime || optind != argc ||
	    !(fc_streq(o.compress, "gzip") || fc_streq(o.compress, "zstd")))
		return fail(FC_EV_HELPER_EXIT_INPUT,
			    "evidence pack: expected --out FILE --mtime EPOCH "
			    "[--compress gzip|zstd] [--sign-key KEY]");
	/* Under 'ulimit -f' a write past the limit must fail with EFBIG
	 * (and the temporary file be removed), not kill us mid-write. */
	signal(SIGXFSZ, SIG_IGN);

	struct ev_key key = { 0 };
	struct ev_members m = { 0 };
	struct ev_packed res = { 0 };
	char *err = NULL;
	int rc = 0;
	if (key_path) {
		if (ev_key_load_private(key_path, &key, &err) < 0) {
			rc = fail(FC_EV_HELPER_EXIT_INPUT, "--sign-key %s", err);
			goto out;
		}
		o.key = &key;
	}
	rc = read_members(&m);
	if (rc)
		goto out;
	int r = ev_pack_write(&o, &m, &res, &err);
	if (r < 0) {
		rc = fail(FC_EV_HELPER_EXIT_FAILED, "%s", err);
		goto out;
	}
	struct json_object *j = json_object_new_object();
	add_str(j, "path", o.out);
	json_object_object_add(j, "bytes", json_object_new_int64((int64_t)res.bytes));
	json_object_object_add(j, "members",
			       json_object_new_int64((int64_t)res.members));
	add_str(j, "manifest_sha256", res.manifest_sha256);
	add_str(j, "compression", o.compress);
	if (o.key)
		describe_key(j, o.key);
	if (print_json(j) < 0)
		rc = FC_EV_HELPER_EXIT_FAILED;
	json_object_put(j);
out:
	free(err);
	ev_packed_clear(&res);
	ev_members_free(&m);
	ev_key_clear(&key);
	return rc;
}

/* --- read ------------------------------------------------------------------ */

static struct json_object *verification_json(const char *path,
					     const struct ev_verification *v,
					     bool members)
{
	struct json_object *o = json_object_new_object();
	add_str(o, "bundle", path);
	json_object_object_add(o, "ok", json_object_new_boolean(v->ok));
	add_str(o, "first_problem", v->first_problem);
	add_str(o, "compression", v->compression);
	add_str(o, "damage", v->damage);
	struct json_object *mf = json_object_new_object();
	json_object_object_add(mf, "ok", json_object_new_boolean(v->manifest_ok));
	add_str(mf, "problem", v->manifest_problem);
	json_object_object_add(o, "manifest", mf);
	struct json_object *sig = json_object_new_object();
	add_str(sig, "state", ev_sig_state_name(v->sig));
	add_str(sig, "algorithm", v->sig_algorithm);
	add_str(sig, "key_sha256", v->key_sha256[0] ? v->key_sha256 : NULL);
	json_object_object_add(sig, "key_given",
			       json_object_new_boolean(v->key_given));
	add_str(sig, "problem", v->sig_problem);
	json_object_object_add(o, "signature", sig);
	size_t counts[EV_STATE_INVALID + 1] = { 0 };
	struct json_object *arr = members ? json_object_new_array() : NULL;
	for (size_t i = 0; i < v->n_checks; i++) {
		const struct ev_member_check *c = &v->checks[i];
		counts[c->state]++;
		if (!arr)
			continue;
		struct json_object *e = json_object_new_object();
		add_str(e, "name", c->name);
		add_str(e, "state", ev_state_name(c->state));
		add_str(e, "sha256", c->sha256[0] ? c->sha256 : NULL);
		add_str(e, "listed", c->listed[0] ? c->listed : NULL);
		json_object_object_add(e, "bytes",
				       json_object_new_int64((int64_t)c->bytes));
		json_object_array_add(arr, e);
	}
	if (arr)
		json_object_object_add(o, "members", arr);
	struct json_object *cnt = json_object_new_object();
	for (size_t i = 0; i < FC_ARRAY_SIZE(counts); i++)
		json_object_object_add(cnt, ev_state_name((enum ev_state)i),
				       json_object_new_int64((int64_t)counts[i]));
	json_object_object_add(o, "counts", cnt);
	/* report.json follows the line as it is (framed by its length):
	 * the parent parses it once, and nothing here escapes it. */
	json_object_object_add(
		o, "report_bytes",
		v->report ? json_object_new_int64((int64_t)v->report->len)
			  : json_object_new_null());
	return o;
}

static int mode_read(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "members", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	const char *key_path = NULL;
	bool members = false;
	int c;
	/* Every bundle is read into memory and freed whole: without this,
	 * glibc gives the heap top back to the kernel after each one and
	 * faults it in again for the next (a fleet's thousands). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'k')
			key_path = optarg;
		else if (c == 'm')
			members = true;
		else
			return fail(FC_EV_HELPER_EXIT_INPUT,
				    "evidence read: bad arguments");
	}
	struct ev_key key = { 0 };
	char *err = NULL;
	if (key_path && ev_key_load_public_file(key_path, &key, &err) < 0) {
		int rc = fail(FC_EV_HELPER_EXIT_INPUT, "--key %s", err);
		free(err);
		return rc;
	}
	int rc = 0;
	for (int i = optind; i < argc && !rc; i++) {
		struct ev_members m = { 0 };
		struct ev_verification v = { 0 };
		struct json_object *o;
		if (ev_bundle_read_file(argv[i], &m, &v, &err) < 0) {
			/* One unreadable bundle among thousands is a row
			 * in the table, not the end of the run. */
			o = json_object_new_object();
			add_str(o, "bundle", argv[i]);
			json_object_object_add(o, "ok",
					       json_object_new_boolean(false));
			add_str(o, "error", err);
			add_str(o, "first_problem", err);
			json_object_object_add(o, "report_bytes", NULL);
			free(err);
			err = NULL;
		} else {
			ev_bundle_verify(&m, key_path ? &key : NULL, &v);
			o = verification_json(argv[i], &v, members);
		}
		if (print_record(o, v.report) < 0)
			rc = FC_EV_HELPER_EXIT_FAILED;
		json_object_put(o);
		ev_verification_clear(&v);
		ev_members_free(&m);
	}
	ev_key_clear(&key);
	return rc;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} modes[] = {
	{ "hash", mode_hash },
	{ "keycheck", mode_keycheck },
	{ "pack", mode_pack },
	{ "read", mode_read },
};

int main(int argc, char **argv)
{
	if (argc < 2)
		return fail(FC_EV_HELPER_EXIT_INPUT,
			    "usage: " FC_EV_HELPER " hash|keycheck|pack|read ...");
	for (size_t i = 0; i < FC_ARRAY_SIZE(modes); i++)
		if (fc_streq(argv[1], modes[i].name))
			return modes[i].run(argc - 1, argv + 1);
	return fail(FC_EV_HELPER_EXIT_INPUT, FC_EV_HELPER ": unknown mode '%s'",
		    argv[1]);
}
