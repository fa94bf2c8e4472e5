// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Gathering an evidence bundle (src/parse/manifest.h, docs/evidence.md).
 *
 * Sources: a tap on the sysroot layer keeps every file the checks read,
 * byte for byte as they read it (not a second read that could differ),
 * and then the sources the issue names that no check happened to read are
 * read the same way.  A source that is missing or unreadable is recorded
 * as such in report.json, never fatal: an auditor should see what was
 * looked for as well as what was found.
 *
 * Module files are hashed, not copied: the helper reads them through the
 * sysroot layer too and returns their SHA-256 (the parent computes no
 * digest itself, src/engine/probe.h).
 */
#include "evidence/export.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "parse/manifest.h"
#include "parse/os-release.h"
#include "engine/helper-run.h"
#include "base/kv.h"
#include "base/strv.h"
#include "policy/policy.h"
#include "core/report-json.h"
#include "base/uuid5.h"

struct source {
	char *path; /* as asked, normalised: "/proc/cmdline" */
	char *data; /* NULL when it could not be read */
	size_t len;
	int err;
};

struct fc_export {
	struct fc_root *root;
	struct source *v;
	size_t n;
};

/* Lexically normalised absolute path: no empty, "." or ".." parts. */
static char *normalise(const char *path)
{
	struct fc_buf b = { 0 };
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = b.len ? strrchr(b.data, '/') : NULL;
			b.len = slash ? (size_t)(slash - b.data) : 0;
			if (b.data)
				b.data[b.len] = '\0';
		} else if (n && !(n == 1 && p[0] == '.')) {
			fc_buf_adds(&b, "/");
			fc_buf_add(&b, p, n);
		}
		p += n;
	}
	if (!b.len)
		fc_buf_adds(&b, "/");
	return fc_buf_steal(&b);
}

static struct source *find_source(struct fc_export *x, const char *path)
{
	for (size_t i = 0; i < x->n; i++)
		if (fc_streq(x->v[i].path, path))
			return &x->v[i];
	return NULL;
}

/* The first read of a path is what the checks saw: keep that one. */
static void tap(void *ud, const char *path, const char *data, size_t len,
		int err)
{
	struct fc_export *x = ud;
	char *norm = normalise(path);
	if (find_source(x, norm)) {
		free(norm);
		return;
	}
	/* What a bundle cannot hold is recorded as too large. */
	if (data && len > FC_EV_MAX_MEMBER_BYTES) {
		data = NULL;
		err = -EFBIG;
	}
	x->v = fc_realloc(x->v, (x->n + 1) * sizeof(*x->v));
	struct source *s = &x->v[x->n++];
	*s = (struct source){ .path = norm, .len = len, .err = err };
	if (data) {
		s->data = fc_malloc(len + 1);
		memcpy(s->data, data, len);
		s->data[len] = '\0';
	}
}

struct fc_export *fc_export_begin(struct fc_root *root)
{
	struct fc_export *x = fc_calloc(1, sizeof(*x));
	x->root = root;
	fc_root_set_tap(root, tap, x);
	return x;
}

void fc_export_free(struct fc_export *x)
{
	if (!x)
		return;
	fc_root_set_tap(x->root, NULL, NULL);
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].path);
		free(x->v[i].data);
	}
	free(x->v);
	free(x);
}

void fc_export_result_clear(struct fc_export_result *r)
{
	free(r->path);
	free(r->manifest_sha256);
	free(r->algorithm);
	free(r->key_sha256);
	*r = (struct fc_export_result){ 0 };
}

/* --- the sources the issue names ------------------------------------------ */

/*
 * Read through the root (the tap keeps it).  Alternatives: the first that
 * exists is read; when none does, the first is, so that it is recorded
 * as missing.  NULL-terminated; the EL9 path first.
 */
static const char *const named_sources[][3] = {
	{ "/proc/cmdline" },
	{ "/proc/crypto" },
	{ "/proc/sys/kernel/osrelease" },
	{ "/proc/sys/kernel/random/boot_id" },
	{ "/etc/machine-id" },
	{ FC_OS_RELEASE_PATH, FC_OS_RELEASE_FALLBACK },
	{ "/etc/crypto-policies/config" },
	{ "/etc/crypto-policies/state/current" },
	{ "/etc/system-fips" },
	{ "/etc/kernel/cmdline" },
	{ "/boot/grub2/grubenv" },
	/* The OpenSSL FIPS configuration: openssl.cnf and what EL9's
	 * includes (fips_local.cnf from 9.2 on, the crypto-policy back
	 * end); Debian's openssl.cnf lives elsewhere. */
	{ "/etc/pki/tls/openssl.cnf", "/etc/ssl/openssl.cnf" },
	{ "/etc/pki/tls/fips_local.cnf" },
	{ "/etc/crypto-policies/back-ends/opensslcnf.config" },
	{ "/etc/gcrypt/fips_enabled" },
	{ "/etc/pki/nssdb/pkcs11.txt" },
};

/* Directories whose every file (ending in suffix) is a source. */
static const struct {
	const char *dir;
	const char *suffix;
} named_dirs[] = {
	{ "/proc/sys/crypto", "" },
	{ "/boot/loader/entries", ".conf" },
};

static void read_source(struct fc_export *x, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	/* The tap records the result, whatever it is. */
	if (fc_root_read(x->root, path, FC_READ_TABLE, &data, &len) == 0)
		free(data);
}

static bool exists(struct fc_export *x, const char *path)
{
	struct stat st;
	return fc_root_stat(x->root, path, &st) == 0;
}

/* The files of dir ending in suffix, sorted. */
static void read_dir(struct fc_export *x, const char *dir, const char *suffix)
{
	DIR *d = NULL;
	if (fc_root_opendir(x->root, dir, &d) < 0)
		return; /* the directory's absence shows in the report */
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);
		if (e->d_name[0] == '.' || l < sl ||
		    strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		fc_strv_add(&names, &n, fc_asprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	fc_strv_sort(names, n);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (fc_root_stat(x->root, names[i], &st) == 0 &&
		    S_ISREG(st.st_mode))
			read_source(x, names[i]);
	}
	fc_strv_free(names);
}

static void read_named_sources(struct fc_export *x)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(named_sources); i++) {
		const char *const *alt = named_sources[i];
		const char *pick = alt[0];
		for (size_t k = 0; k < 3 && alt[k]; k++)
			if (exists(x, alt[k])) {
				pick = alt[k];
				break;
			}
		read_source(x, pick);
	}
	for (size_t i = 0; i < FC_ARRAY_SIZE(named_dirs); i++)
		read_dir(x, named_dirs[i].dir, named_dirs[i].suffix);
	/* EFI: GRUB's environment beside each vendor's grub.cfg. */
	DIR *d = NULL;
	if (fc_root_opendir(x->root, "/boot/efi/EFI", &d) == 0) {
		struct dirent *e;
		char **names = NULL;
		size_t n = 0;
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				fc_strv_add(&names, &n,
					    fc_asprintf("/boot/efi/EFI/%s/grubenv",
							e->d_name));
		closedir(d);
		fc_strv_sort(names, n);
		for (size_t i = 0; i < n; i++)
			if (exists(x, names[i]))
				read_source(x, names[i]);
		fc_strv_free(names);
	}
}

/* --- module files ----------------------------------------------------------- */

/* Debian's multiarch directory for an architecture. */
static const struct {
	const char *arch, *triplet;
} triplets[] = {
	{ "x86_64", "x86_64-linux-gnu" },   { "aarch64", "aarch64-linux-gnu" },
	{ "ppc64le", "powerpc64le-linux-gnu" }, { "s390x", "s390x-linux-gnu" },
	{ "i686", "i386-linux-gnu" },
};

/*
 * The module binaries and the integrity files beside them (FIPS 140-3
 * integrity tests: fips.so carries its MAC inside on EL9; libgcrypt's
 * .hmac up to 1.10.0, an ELF note after; GnuTLS's .libgnutls.so.30.hmac
 * or, from 3.7.7, .gnutls.hmac; NSS's .chk files).  Looked for in the
 * library directories, EL9's first.
 */
static const struct {
	const char *module;
	const char *const files[2];     /* the binary, relative to a libdir */
	const char *const integrity[3]; /* beside it */
} module_files[] = {
	{ "openssl", { "ossl-modules/fips.so" }, { NULL } },
	{ "libgcrypt", { "libgcrypt.so.20" }, { ".libgcrypt.so.20.hmac" } },
	{ "gnutls",
	  { "libgnutls.so.30" },
	  { ".libgnutls.so.30.hmac", ".gnutls.hmac" } },
	{ "nss", { "libsoftokn3.so", "nss/libsoftokn3.so" }, { "libsoftokn3.chk" } },
	{ "nss",
	  { "libfreeblpriv3.so", "nss/libfreeblpriv3.so" },
	  { "libfreeblpriv3.chk" } },
};

struct hashed {
	char *module, *role, *path, *searched;
};

static void add_hashed(struct hashed **v, size_t *n, const char *module,
		       const char *role, char *path, char *searched)
{
	*v = fc_realloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = (struct hashed){ fc_strdup(module), fc_strdup(role),
					path, searched };
}

static char **lib_dirs(const struct fc_report *r)
{
	const char *triplet = NULL;
	for (size_t i = 0; i < FC_ARRAY_SIZE(triplets); i++)
		if (fc_streq(triplets[i].arch, r->host.arch))
			triplet = triplets[i].triplet;
	char **v = NULL;
	size_t n = 0;
	fc_strv_add(&v, &n, fc_strdup("/usr/lib64"));
	if (triplet) {
		fc_strv_add(&v, &n, fc_asprintf("/usr/lib/%s", triplet));
		fc_strv_add(&v, &n, fc_asprintf("/lib/%s", triplet));
	}
	fc_strv_add(&v, &n, fc_strdup("/lib64"));
	fc_strv_add(&v, &n, fc_strdup("/usr/lib"));
	return v;
}

/* The default boot entry's kernel and its .hmac, as the boot checks
 * found them; else the running kernel's. */
static void kernel_files(const struct fc_report *r, struct hashed **v,
			 size_t *n)
{
	const struct fc_finding *f = fc_report_find(r, "boot.hmac");
	const char *img = f ? fc_finding_get_fact(f, "kernel_image") : NULL;
	const char *hmac = f ? fc_finding_get_fact(f, "hmac_path") : NULL;
	const char *ver = NULL;
	const struct fc_finding *d = fc_report_find(r, "boot.default_entry");
	if (d)
		ver = fc_finding_get_fact(d, "kernel_version");
	if (!ver)
		ver = r->host.kernel_release;
	if (!img && !ver)
		return;
	char *image = img ? fc_strdup(img) : fc_asprintf("/boot/vmlinuz-%s", ver);
	/* dracut's convention: ".<image name>.hmac" beside the image. */
	const char *slash = strrchr(image, '/');
	char *mac = hmac ? fc_strdup(hmac)
			 : fc_asprintf("%.*s/.%s.hmac",
				       slash ? (int)(slash - image) : 0, image,
				       slash ? slash + 1 : image);
	add_hashed(v, n, "kernel", "binary", image, NULL);
	add_hashed(v, n, "kernel", "integrity", mac, NULL);
}

static void find_module_files(struct fc_export *x, const struct fc_report *r,
			      struct hashed **v, size_t *n)
{
	char **dirs = lib_dirs(r);
	struct fc_buf searched = { 0 };
	for (size_t d = 0; dirs[d]; d++)
		fc_buf_addf(&searched, "%s%s", d ? " " : "", dirs[d]);
	for (size_t i = 0; i < FC_ARRAY_SIZE(module_files); i++) {
		char *found = NULL;
		for (size_t d = 0; dirs[d] && !found; d++)
			for (size_t k = 0; k < 2 && module_files[i].files[k] &&
					   !found;
			     k++) {
				char *p = fc_asprintf("%s/%s", dirs[d],
						      module_files[i].files[k]);
				struct stat st;
				if (fc_root_stat(x->root, p, &st) == 0 &&
				    S_ISREG(st.st_mode))
					found = p;
				else
					free(p);
			}
		const char *base = strrchr(module_files[i].files[0], '/');
		base = base ? base + 1 : module_files[i].files[0];
		if (!found) {
			add_hashed(v, n, module_files[i].module, "binary",
				   fc_strdup(base), fc_strdup(searched.data));
			continue;
		}
		size_t dirlen = (size_t)(strrchr(found, '/') - found);
		add_hashed(v, n, module_files[i].module, "binary", found, NULL);
		for (size_t k = 0; k < 3 && module_files[i].integrity[k]; k++)
			add_hashed(v, n, module_files[i].module, "integrity",
				   fc_asprintf("%.*s/%s", (int)dirlen, found,
					       module_files[i].integrity[k]),
				   NULL);
	}
	kernel_files(r, v, n);
	fc_buf_free(&searched);
	fc_strv_free(dirs);
}

/* --- the validated-module table ---------------------------------------------- */

static const char *report_fact(const struct fc_report *r, const char *id,
			       const char *key)
{
	const struct fc_finding *f = fc_report_find(r, id);
	const char *v = f ? fc_finding_get_fact(f, key) : NULL;
	return v && !fc_streq(v, "none") ? v : NULL;
}

/* --- the helper ---------------------------------------------------------------- */

static int run_hash(struct fc_export *x, struct hashed *files, size_t n,
		    const char *policy_file, struct json_object **out)
{
	_cleanup_free_ char *abs = realpath(fc_root_dir(x->root), NULL);
	if (!abs) {
		int e = errno;
		fc_err("%s: %s", fc_root_dir(x->root), strerror(e));
		return -e;
	}
	const char **args = fc_calloc(n + 6, sizeof(char *));
	size_t a = 0;
	args[a++] = "hash";
	args[a++] = "--root";
	args[a++] = abs;
	if (policy_file) {
		args[a++] = "--file";
		args[a++] = policy_file;
	}
	for (size_t i = 0; i < n; i++)
		if (!files[i].searched)
			args[a++] = files[i].path;
	args[a] = NULL;
	struct fc_buf b = { 0 };
	int r = fc_helper_run(FC_EV_HELPER, args, NULL, 0, 1 << 20, &b);
	free(args);
	if (r == 0) {
		*out = json_tokener_parse(b.data ? b.data : "");
		if (!*out) {
			fc_err("the evidence helper sent malformed output");
			r = -EIO;
		}
	}
	fc_buf_free(&b);
	return r;
}

/* The helper's answer for path (local: a --file). */
static struct json_object *hash_entry(struct json_object *h, const char *path,
				      bool local)
{
	struct json_object *files = NULL;
	if (!json_object_object_get_ex(h, "files", &files))
		return NULL;
	for (size_t i = 0; i < json_object_array_length(files); i++) {
		struct json_object *e = json_object_array_get_idx(files, i), *p,
				   *l = NULL;
		json_object_object_get_ex(e, "local", &l);
		if (json_object_object_get_ex(e, "path", &p) &&
		    fc_streq(json_object_get_string(p), path) &&
		    json_object_get_boolean(l) == local)
			return e;
	}
	return NULL;
}

static void add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v)
				       : json_object_new_null());
}

/* --- report.json --------------------------------------------------------------- */

static struct json_object *host_json(struct fc_export *x,
				     const struct fc_report *r,
				     struct fc_report_evidence *ev)
{
	struct json_object *h = json_object_new_object();
	add_str(h, "hostname", r->host.hostname);
	char *s = NULL;
	if (fc_root_read(x->root, "/etc/machine-id", FC_READ_SMALL, &s, NULL) == 0)
		ev->machine_id = fc_strdup(fc_strstrip(s));
	free(s);
	s = NULL;
	if (fc_root_read(x->root, "/proc/sys/kernel/random/boot_id",
			 FC_READ_SMALL, &s, NULL) == 0)
		ev->boot_id = fc_strdup(fc_strstrip(s));
	free(s);
	add_str(h, "machine_id", ev->machine_id && *ev->machine_id
					 ? ev->machine_id
					 : NULL);
	add_str(h, "boot_id", ev->boot_id && *ev->boot_id ? ev->boot_id : NULL);
	add_str(h, "arch", r->host.arch);
	add_str(h, "kernel_release", r->host.kernel_release);
	/* os-release as read (the source member has the bytes). */
	struct json_object *osr = json_object_new_object();
	const struct source *src = find_source(x, FC_OS_RELEASE_PATH);
	if (!src || !src->data)
		src = find_source(x, FC_OS_RELEASE_FALLBACK);
	struct fc_kv_list kv = { 0 };
	unsigned line = 0;
	if (src && src->data &&
	    fc_os_release_parse(src->data, src->len, &kv, &line) == 0) {
		for (size_t i = 0; i < kv.n; i++)
			add_str(osr, kv.items[i].key, kv.items[i].value);
		fc_kv_free(&kv);
	}
	json_object_object_add(h, "os_release", osr);
	return h;
}

static int src_cmp(const void *a, const void *b)
{
	const struct source *x = a, *y = b;
	return strcmp(x->path, y->path);
}

static struct json_object *sources_json(struct fc_export *x,
					struct fc_export_result *res)
{
	qsort(x->v, x->n, sizeof(*x->v), src_cmp);
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < x->n; i++) {
		const struct source *s = &x->v[i];
		struct json_object *o = json_object_new_object();
		add_str(o, "path", s->path);
		if (s->data) {
			_cleanup_free_ char *m = fc_ev_member_for(FC_EV_SOURCES,
								  s->path);
			add_str(o, "member", m);
			json_object_object_add(o, "bytes",
					       json_object_new_int64((int64_t)s->len));
			res->sources++;
		} else {
			add_str(o, "status", s->err == -ENOENT ? "missing"
							       : "unreadable");
			add_str(o, "error", strerror(-s->err));
			res->sources_missing++;
		}
		json_object_array_add(arr, o);
	}
	return arr;
}

static struct json_object *packages_json(const struct fc_report *r)
{
	struct json_object *arr = json_object_new_array();
	const struct fc_finding *f = fc_report_find(r, "validated.rpmdb");
	for (size_t i = 0; f && i < f->n_facts; i++) {
		if (!fc_startswith(f->facts[i].key, "package."))
			continue;
		struct fc_installed_pkg p;
		if (fc_installed_pkg_parse(f->facts[i].value, &p) < 0)
			continue; /* validated.rpmdb already says so */
		struct json_object *o = json_object_new_object();
		add_str(o, "nevra", p.nevra);
		add_str(o, "module", fc_module_name(p.module));
		add_str(o, "name", p.name);
		add_str(o, "evr", p.evr);
		add_str(o, "arch", p.arch);
		add_str(o, "class", fc_pkg_class_name(p.cls));
		add_str(o, "signature_key_id", p.sigkey);
		add_str(o, "digest", p.digest);
		json_object_array_add(arr, o);
		fc_installed_pkg_clear(&p);
	}
	return arr;
}

static struct json_object *files_json(struct hashed *files, size_t n,
				      struct json_object *h,
				      struct fc_export_result *res)
{
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		const struct hashed *f = &files[i];
		struct json_object *o = json_object_new_object();
		add_str(o, "module", f->module);
		add_str(o, "role", f->role);
		if (f->searched) {
			add_str(o, "name", f->path);
			add_str(o, "status", "missing");
			add_str(o, "searched", f->searched);
			res->files_missing++;
			json_object_array_add(arr, o);
			continue;
		}
		add_str(o, "path", f->path);
		struct json_object *e = hash_entry(h, f->path, false);
		const char *sha = e ? fc_json_str(e, "sha256") : NULL;
		if (sha) {
			struct json_object *b = NULL;
			json_object_object_get_ex(e, "bytes", &b);
			add_str(o, "sha256", sha);
			json_object_object_add(o, "bytes",
					       json_object_new_int64(
						       json_object_get_int64(b)));
			res->files++;
		} else {
			struct json_object *en = NULL;
			if (e)
				json_object_object_get_ex(e, "errno", &en);
			add_str(o, "status", json_object_get_int(en) == ENOENT
						     ? "missing"
						     : "unreadable");
			add_str(o, "error", e ? fc_json_str(e, "error") : "not hashed");
			res->files_missing++;
		}
		json_object_array_add(arr, o);
	}
	return arr;
}

static struct json_object *options_json(const struct fc_check_opts *c)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "selftest", json_object_new_boolean(c->selftest));
	json_object_object_add(o, "strict", json_object_new_boolean(c->strict));
	add_str(o, "policy", c->policy);
	/* The check time the verdicts were judged as of, and where it came
	 * from (--at, SOURCE_DATE_EPOCH or the clock). */
	add_str(o, "at", c->at);
	struct json_object *nss = json_object_new_array();
	for (size_t i = 0; c->nssdb && c->nssdb[i]; i++)
		json_object_array_add(nss, json_object_new_string(c->nssdb[i]));
	json_object_object_add(o, "nssdb", nss);
	return o;
}

/* --- writing --------------------------------------------------------------------- */

struct member {
	char *name;
	const char *data;
	size_t len;
	char *owned;
};

static void add_member(struct member **v, size_t *n, char *name,
		       const char *data, size_t len, char *owned)
{
	*v = fc_realloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = (struct member){ name, data, len, owned };
}

static time_t report_time(const struct fc_report *r)
{
	struct tm tm = { 0 };
	const char *t = r->host.time_utc;
	char *end = t ? strptime(t, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	if (!end || *end)
		return time(NULL);
	return timegm(&tm);
}

static int run_pack(const struct member *m, size_t n,
		    const struct fc_export_opts *o, time_t mtime,
		    struct fc_export_result *res)
{
	char mt[32];
	snprintf(mt, sizeof(mt), "%lld", (long long)mtime);
	const char *args[] = { "pack",	 "--out",      o->out,	    "--mtime",
			       mt,	 "--compress", o->compress, o->sign_key ? "--sign-key" : NULL,
			       o->sign_key, NULL };
	struct fc_helper h;
	int r = fc_helper_start(FC_EV_HELPER, args, true, &h);
	if (r < 0)
		return r;
	int w = 0;
	for (size_t i = 0; i < n && w == 0; i++) {
		_cleanup_free_ char *hdr = fc_asprintf("%zu %s\n", m[i].len,
						       m[i].name);
		w = fc_helper_write(&h, hdr, strlen(hdr));
		if (w == 0 && m[i].len)
			w = fc_helper_write(&h, m[i].data, m[i].len);
	}
	if (w == 0)
		w = fc_helper_write(&h, "end\n", 4);
	close(h.in_fd);
	h.in_fd = -1;
	struct fc_buf b = { 0 };
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), h.out)) > 0)
		if (b.len < (1 << 20))
			fc_buf_add(&b, chunk, got);
	r = fc_helper_finish(&h);
	if (r == 0 && w < 0) {
		fc_err("writing to the evidence helper: %s", strerror(-w));
		r = w;
	}
	struct json_object *j = r == 0 ? json_tokener_parse(b.data ? b.data : "")
				       : NULL;
	fc_buf_free(&b);
	if (r == 0 && !j) {
		fc_err("the evidence helper sent malformed output");
		r = -EIO;
	}
	if (j) {
		struct json_object *v;
		res->path = fc_strdup(fc_json_str(j, "path") ? fc_json_str(j, "path") : o->out);
		if (json_object_object_get_ex(j, "bytes", &v))
			res->bytes = json_object_get_int64(v);
		if (json_object_object_get_ex(j, "members", &v))
			res->members = json_object_get_int64(v);
		if (fc_json_str(j, "manifest_sha256"))
			res->manifest_sha256 = fc_strdup(fc_json_str(j, "manifest_sha256"));
		if (fc_json_str(j, "algorithm"))
			res->algorithm = fc_strdup(fc_json_str(j, "algorithm"));
		if (fc_json_str(j, "key_sha256"))
			res->key_sha256 = fc_strdup(fc_json_str(j, "key_sha256"));
		json_object_put(j);
	}
	return r;
}

int fc_export_write(struct fc_export *x, struct fc_report *report,
		    const struct fc_export_opts *o, struct fc_export_result *res)
{
	*res = (struct fc_export_result){ 0 };
	read_named_sources(x);
	struct fc_report_evidence *ev = fc_calloc(1, sizeof(*ev));
	report->evidence = ev;
	char id[FC_UUID_LEN];
	fc_uuid_v4(id);
	ev->bundle_id = fc_strdup(id);

	/* The table the verdicts used: the rpmdb helper's choice when it
	 * made one, else the one validated.policy found. */
	const char *pname = report_fact(report, "validated.rpmdb", "policy");
	const char *pfile = report_fact(report, "validated.rpmdb", "policy_file");
	if (!pname || !pfile) {
		pname = report_fact(report, "validated.policy", "policy");
		pfile = report_fact(report, "validated.policy", "policy_file");
	}
	struct hashed *files = NULL;
	size_t n_files = 0;
	find_module_files(x, report, &files, &n_files);
	struct json_object *hashes = NULL, *doc = NULL;
	struct member *m = NULL;
	size_t n_m = 0;
	char *ptext = NULL;
	size_t plen = 0;
	int r = run_hash(x, files, n_files, pfile && pname ? pfile : NULL,
			 &hashes);
	if (r < 0)
		goto out;
	if (pname && pfile) {
		/* fipsctl's own data, on this machine even under --root. */
		r = fc_read_input(pfile, FC_READ_TABLE, &ptext, &plen);
		if (r < 0) {
			fc_err("cannot read the validated-module table %s: %s",
			       pfile, strerror(-r));
			goto out;
		}
		const char *base = strrchr(pfile, '/');
		struct json_object *e = hash_entry(hashes, pfile, true);
		ev->policy_name = fc_strdup(pname);
		ev->policy_file = fc_strdup(pfile);
		ev->policy_member = fc_ev_member_for(FC_EV_POLICY,
						     base ? base + 1 : pfile);
		if (e && fc_json_str(e, "sha256"))
			ev->policy_sha256 = fc_strdup(fc_json_str(e, "sha256"));
	}

	doc = json_object_new_object();
	add_str(doc, "schema", FC_EV_SCHEMA_ID);
	add_str(doc, "schema_version", FC_EV_SCHEMA_VERSION);
	add_str(doc, "bundle_id", ev->bundle_id);
	add_str(doc, "created", report->host.time_utc);
	add_str(doc, "fipsctl_version", report->fipsctl_version);
	json_object_object_add(doc, "host", host_json(x, report, ev));
	struct json_object *pol = NULL;
	if (ev->policy_name) {
		pol = json_object_new_object();
		add_str(pol, "name", ev->policy_name);
		add_str(pol, "file", ev->policy_file);
		add_str(pol, "member", ev->policy_member);
		add_str(pol, "sha256", ev->policy_sha256);
	}
	json_object_object_add(doc, "policy", pol);
	json_object_object_add(doc, "options", options_json(o->check));
	struct json_object *mods = json_object_new_object();
	json_object_object_add(mods, "packages", packages_json(report));
	json_object_object_add(mods, "files",
			       files_json(files, n_files, hashes, res));
	json_object_object_add(doc, "modules", mods);
	/* After host_json: machine-id and boot_id are sources too. */
	json_object_object_add(doc, "sources", sources_json(x, res));
	json_object_object_add(doc, "report", fc_report_to_json(report));
	const char *text = json_object_to_json_string_ext(
		doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			     JSON_C_TO_STRING_NOSLASHESCAPE);
	char *rj = fc_asprintf("%s\n", text);
	add_member(&m, &n_m, fc_strdup(FC_EV_REPORT), rj, strlen(rj), rj);
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i].data)
			add_member(&m, &n_m,
				   fc_ev_member_for(FC_EV_SOURCES, x->v[i].path),
				   x->v[i].data, x->v[i].len, NULL);
	if (ptext)
		add_member(&m, &n_m, fc_strdup(ev->policy_member), ptext, plen,
			   NULL);
	r = run_pack(m, n_m, o, report_time(report), res);
out:
	for (size_t i = 0; i < n_m; i++) {
		free(m[i].name);
		free(m[i].owned);
	}
	free(m);
	free(ptext);
	json_object_put(doc);
	json_object_put(hashes);
	for (size_t i = 0; i < n_files; i++) {
		free(files[i].module);
		free(files[i].role);
		free(files[i].path);
		free(files[i].searched);
	}
	free(files);
	return r;
}

char *fc_export_default_name(const struct fc_report *r, const char *compress)
{
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, "fipsctl-evidence-");
	for (const char *p = r->host.hostname ? r->host.hostname : "host"; *p;
	     p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '-' ||
			  c == '_';
		fc_buf_add(&b, ok ? &c : "_", 1);
	}
	fc_buf_adds(&b, "-");
	for (const char *p = r->host.time_utc ? r->host.time_utc : ""; *p; p++)
		if (*p != '-' && *p != ':')
			fc_buf_add(&b, p, 1);
	fc_buf_adds(&b, fc_streq(compress, "zstd") ? ".tar.zst" : ".tar.gz");
	return fc_buf_steal(&b);
}
