// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl-probe-rpmdb: the installed FIPS module packages, read from the
 * rpmdb of the audited tree with librpm, and what each one is by the
 * validated-module table.
 *
 * Why a helper process: librpm's librpmio links libgcrypt (Debian) or
 * libcrypto (EL9) and initialises it in rpmReadConfigFiles(); the parent
 * must stay free of crypto libraries.  So the rpm work happens here, and
 * so does every version comparison, with rpm's own rpmverCmp
 * (helpers/rpmdb/rpm-evr.h): the parent receives each package already classified
 * (fc_installed_pkg_format) and only matches identities.
 *
 * Unlike the library probes this one reads files, not the running
 * system, so it runs under --root (fc_probe_info.reads_root) with the
 * rpmdb at <root>/var/lib/rpm, the sqlite database EL9 uses.
 *
 * librpm opens the database files itself, and sqlite follows a symlinked
 * rpmdb.sqlite wherever it points and creates -wal/-shm files beside it
 * (or fails on a read-only tree).  So librpm never sees the audited tree:
 * the database files are copied, through the sysroot layer (symlinks
 * resolved inside the root), into a private directory that librpm opens
 * and that is removed afterwards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>

#include "core/sysroot.h"
#include "policy/policy.h"
#include "probe-child.h"
#include "rpm-evr.h"
#include "verify.h"

#define CHECK_ID "validated.rpmdb"
/* Where EL8/EL9 keep the rpmdb (rpm's %_dbpath there). */
#define RPMDB_PATH "/var/lib/rpm"

/* What a host without a table is asked about: the EL9 package names. */
static const char *const default_names[FC_MODULE_COUNT_][4] = {
	[FC_MODULE_KERNEL] = { "kernel-core" },
	[FC_MODULE_OPENSSL] = { "openssl-libs", "openssl-fips-provider" },
	[FC_MODULE_LIBGCRYPT] = { "libgcrypt" },
	[FC_MODULE_NSS] = { "nss-softokn", "nss-softokn-freebl", "nss" },
	[FC_MODULE_GNUTLS] = { "gnutls", "nettle" },
};

/* rpm reports problems through rpmlog: keep the last error for the
 * finding instead of letting it reach stderr unexplained. */
static char *rpm_last_error;

static int rpmlog_keep(rpmlogRec rec, rpmlogCallbackData data)
{
	(void)data;
	if (rpmlogRecPriority(rec) <= RPMLOG_WARNING) {
		free(rpm_last_error);
		rpm_last_error = fc_strdup(rpmlogRecMessage(rec));
		fc_strstrip(rpm_last_error);
	}
	return 0;
}

static const char *rpm_error(void)
{
	return rpm_last_error && *rpm_last_error ? rpm_last_error
						 : "no message from rpm";
}

struct rpmdb_run {
	struct fc_probe_ctx *ctx;
	struct fc_finding *f;
	struct fc_root *root;
	rpmts ts;
	char *copy_dir; /* the private copy of the database librpm opens */
	struct fc_policy **tables;
	size_t n_tables;
	const struct fc_policy *chosen;
	struct fc_installed_pkg *pkgs;
	size_t n_pkgs;
	/* The module files of those packages, verified (verify.c). */
	struct fc_module_file *files;
	size_t n_files;
};

static bool name_installed(void *ud, const char *name)
{
	struct rpmdb_run *run = ud;
	rpmdbMatchIterator mi =
		rpmtsInitIterator(run->ts, RPMDBI_NAME, name, 0);
	bool any = mi && rpmdbGetIteratorCount(mi) > 0;
	rpmdbFreeIterator(mi);
	return any;
}

static bool already(const struct rpmdb_run *run, const char *nevra)
{
	for (size_t i = 0; i < run->n_pkgs; i++)
		if (fc_streq(run->pkgs[i].nevra, nevra))
			return true;
	return false;
}

/* The id of the key that signed h ("none" when unsigned), as rpm -qi's
 * "Signature" line names it (evidence bundles). */
static char *sig_key_id(Header h)
{
	errmsg_t err = NULL;
	_cleanup_free_ char *s = headerFormat(
		h,
		"%|RSAHEADER?{%{RSAHEADER:pgpsig}}:{%|DSAHEADER?{%{DSAHEADER:"
		"pgpsig}}:{%|SIGPGP?{%{SIGPGP:pgpsig}}:{%|SIGGPG?{%{SIGGPG:"
		"pgpsig}}:{(none)}|}|}|}|",
		&err);
	const char *id = s ? strstr(s, "Key ID ") : NULL;
	if (!id)
		return fc_strdup("none");
	id += strlen("Key ID ");
	return fc_strndup(id, strspn(id, "0123456789abcdefABCDEF"));
}

/* Every installed package called name, classified as part of module m. */
static int add_packages(struct rpmdb_run *run, enum fc_module m,
			const char *name, bool judge)
{
	rpmdbMatchIterator mi =
		rpmtsInitIterator(run->ts, RPMDBI_NAME, name, 0);
	Header h;
	int r = 0;
	while (mi && (h = rpmdbNextIterator(mi))) {
		_cleanup_free_ char *nevra = headerGetAsString(h, RPMTAG_NEVRA);
		_cleanup_free_ char *evr = headerGetAsString(h, RPMTAG_EVR);
		const char *arch = headerGetString(h, RPMTAG_ARCH);
		if (!nevra || !evr || !arch || already(run, nevra))
			continue;
		struct fc_installed_pkg p = {
			.module = m,
			.nevra = FC_TAKE(nevra),
			.name = fc_strdup(name),
			.evr = FC_TAKE(evr),
			.arch = fc_strdup(arch),
			.cls = FC_PKG_UNJUDGED,
			.sigkey = sig_key_id(h),
		};
		const char *hdr = headerGetString(h, RPMTAG_SHA256HEADER);
		if (hdr && *hdr)
			p.digest = fc_asprintf("sha256:%s", hdr);
		if (judge) {
			struct fc_pkg_match mt;
			r = fc_policy_classify(run->chosen, m, p.name, p.evr,
					       p.arch, fc_rpm_evr_cmp, &mt);
			if (r < 0) {
				fc_finding_status(run->f, FC_STATUS_ERROR,
						  "rpm cannot compare the "
						  "version of %s",
						  p.nevra);
				fc_installed_pkg_clear(&p);
				break;
			}
			p.cls = mt.cls;
			p.rel = mt.rel;
			if (mt.pkg)
				p.ref = fc_strdup(mt.pkg->evr ? mt.pkg->evr
							      : mt.pkg->evr_glob);
			else if (mt.rule)
				p.ref = fc_strdup(mt.rule->evr_glob);
		}
		fc_rpmdb_verify_module(run->root, run->ts, h, m, p.nevra,
				       &run->files, &run->n_files);
		run->pkgs = fc_realloc(run->pkgs,
				       (run->n_pkgs + 1) * sizeof(*run->pkgs));
		run->pkgs[run->n_pkgs++] = p;
	}
	rpmdbFreeIterator(mi);
	return r;
}

/* The package names module m is asked about, and whether the table can
 * judge them. */
static int collect_module(struct rpmdb_run *run, enum fc_module m)
{
	const struct fc_policy *t = run->chosen;
	if (t) {
		/* Only the names the table lists: on a CIQ host the FIPS
		 * provider is openssl-fips-provider, and openssl-libs is
		 * not part of the validated module. */
		const struct fc_policy_module *mo = &t->modules[m];
		bool any = false;
		struct fc_pkg_walk w = FC_PKG_WALK(mo, NULL, 0, NULL);
		for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
		     pk = fc_pkg_walk_next(&w)) {
			any = true;
			int r = add_packages(run, m, pk->name, true);
			if (r < 0)
				return r;
		}
		for (size_t i = 0; i < mo->n_compliant; i++) {
			any = true;
			int r = add_packages(run, m, mo->compliant[i].package,
					     true);
			if (r < 0)
				return r;
		}
		if (any)
			return 0;
	}
	for (size_t i = 0; i < FC_ARRAY_SIZE(default_names[m]) &&
			   default_names[m][i];
	     i++) {
		int r = add_packages(run, m, default_names[m][i], false);
		if (r < 0)
			return r;
	}
	return 0;
}

static int pkg_cmp(const void *a, const void *b)
{
	const struct fc_installed_pkg *x = a, *y = b;
	if (x->module != y->module)
		return x->module < y->module ? -1 : 1;
	return strcmp(x->nevra, y->nevra);
}

static int file_cmp(const void *a, const void *b)
{
	const struct fc_module_file *x = a, *y = b;
	if (x->module != y->module)
		return x->module < y->module ? -1 : 1;
	int c = strcmp(x->package, y->package);
	return c ? c : strcmp(x->path, y->path);
}

static int load_tables(struct rpmdb_run *run)
{
	char **files = run->ctx->policy_files;
	for (size_t i = 0; files && files[i]; i++) {
		struct fc_policy *p = NULL;
		struct fc_diags d = { 0 };
		if (fc_policy_load(files[i], &p, &d) < 0) {
			/* The parent checked it; it changed since. */
			const struct fc_diag *e = d.n ? &d.v[0] : NULL;
			fc_finding_status(run->f, FC_STATUS_ERROR,
					  "cannot load the validated-module "
					  "table %s: %s",
					  files[i], e ? e->msg : "unknown error");
			fc_diags_free(&d);
			return -EBADMSG;
		}
		fc_diags_free(&d);
		run->tables = fc_realloc(run->tables, (run->n_tables + 1) *
							      sizeof(*run->tables));
		run->tables[run->n_tables++] = p;
	}
	return 0;
}

/* The rpmdb inside the root; symlinks resolve inside the root. */
static int find_rpmdb(struct rpmdb_run *run, char **dbpath)
{
	int r = fc_root_resolve(run->root, RPMDB_PATH, true, dbpath);
	struct stat st;
	if (r == 0)
		r = fc_root_stat(run->root, *dbpath, &st);
	if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	if (r == 0) {
		static const char *const dbs[] = { "rpmdb.sqlite", "Packages",
						   "Packages.db" };
		r = -ENOENT;
		for (size_t i = 0; i < FC_ARRAY_SIZE(dbs) && r < 0; i++) {
			_cleanup_free_ char *f =
				fc_asprintf("%s/%s", *dbpath, dbs[i]);
			r = fc_root_stat(run->root, f, &st);
		}
	}
	/* Paths in findings are inside the audited root, as elsewhere. */
	_cleanup_free_ char *shown = fc_strdup(RPMDB_PATH);
	fc_finding_fact(run->f, "rpmdb", "%s", shown);
	if (r == -ENOENT || r == -ENOTDIR) {
		fc_finding_status(run->f, FC_STATUS_SKIP,
				  "no rpm database at %s: not an RPM-based "
				  "system, so no installed package can be "
				  "matched against the validated builds",
				  shown);
		return r;
	}
	if (r < 0)
		fc_finding_status(run->f, FC_STATUS_ERROR, "cannot read %s: %s",
				  shown, strerror(-r));
	return r;
}

/* The files of the backends EL8/EL9's librpm reads: sqlite (with a WAL
 * a live system may hold), Berkeley DB, ndb. */
static const char *const rpmdb_files[] = {
	"rpmdb.sqlite", "rpmdb.sqlite-wal", "Packages", "Packages.db",
	"Index.db",
};

static int copy_file(const struct fc_root *root, const char *from, int dirfd,
		     const char *name)
{
	int in = fc_root_open(root, from, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return in;
	struct stat st;
	int e = fstat(in, &st) < 0 ? -errno : 0;
	if (e == 0 && !S_ISREG(st.st_mode))
		e = -EINVAL;
	if (e < 0) {
		close(in);
		return e;
	}
	int out = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			 0600);
	if (out < 0) {
		e = -errno;
		close(in);
		return e;
	}
	int r = 0;
	char buf[65536];
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			break;
		}
		if (n == 0)
			break;
		r = fc_write_all(out, buf, (size_t)n);
		if (r < 0)
			break;
	}
	close(in);
	if (close(out) < 0 && r == 0)
		r = -errno;
	return r;
}

/* Remove the private copy and whatever librpm and sqlite put in it. */
static void remove_copy(char *dir)
{
	if (!dir)
		return;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (!fc_streq(e->d_name, ".") &&
			    !fc_streq(e->d_name, ".."))
				(void)unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	(void)rmdir(dir);
	free(dir);
}

/* Copy the database files of dbpath (inside the root) into a new private
 * directory, *out. */
static int copy_rpmdb(struct rpmdb_run *run, const char *dbpath, char **out)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = fc_asprintf("%s/fipsctl-rpmdb.XXXXXX",
				tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		int e = errno;
		fc_finding_status(run->f, FC_STATUS_ERROR,
				  "cannot make a private copy of the rpm "
				  "database: %s: %s", dir, strerror(e));
		free(dir);
		return -e;
	}
	*out = dir;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		int e = errno;
		fc_finding_status(run->f, FC_STATUS_ERROR,
				  "cannot open %s: %s", dir, strerror(e));
		return -e;
	}
	int r = 0;
	for (size_t i = 0; i < FC_ARRAY_SIZE(rpmdb_files) && r >= 0; i++) {
		_cleanup_free_ char *from =
			fc_asprintf("%s/%s", dbpath, rpmdb_files[i]);
		r = copy_file(run->root, from, dfd, rpmdb_files[i]);
		if (r == -ENOENT)
			r = 0;
		else if (r < 0)
			fc_finding_status(run->f, FC_STATUS_ERROR,
					  "cannot read %s: %s", from,
					  strerror(-r));
	}
	close(dfd);
	return r;
}

static int open_rpmdb(struct rpmdb_run *run, const char *dbpath)
{
	if (copy_rpmdb(run, dbpath, &run->copy_dir) < 0)
		return -EIO;
	rpmlogSetCallback(rpmlog_keep, NULL);
	if (rpmReadConfigFiles(NULL, NULL) != 0) {
		fc_finding_status(run->f, FC_STATUS_ERROR,
				  "librpm cannot read its configuration: %s",
				  rpm_error());
		return -EIO;
	}
	/* Debian's rpm keeps its own database in ~/.rpmdb; the audited
	 * system's is at /var/lib/rpm (EL9's %_dbpath). */
	rpmPushMacro(NULL, "_dbpath", NULL, run->copy_dir, RMIL_CMDLINE);
	run->ts = rpmtsCreate();
	if (rpmtsSetRootDir(run->ts, "/") != 0 ||
	    rpmtsOpenDB(run->ts, O_RDONLY) != 0) {
		fc_finding_status(run->f, FC_STATUS_ERROR,
				  "librpm cannot open the rpm database: %s",
				  rpm_error());
		return -EIO;
	}
	return 0;
}

static void report(struct rpmdb_run *run, const char *why)
{
	struct fc_finding *f = run->f;
	if (run->chosen) {
		fc_finding_fact(f, "policy", "%s", run->chosen->name);
		fc_finding_fact(f, "policy_file", "%s", run->chosen->path);
	} else {
		fc_finding_fact(f, "policy", "none");
	}
	if (why)
		fc_finding_fact(f, "policy_choice", "%s", why);
	fc_finding_fact(f, "packages", "%zu", run->n_pkgs);
	qsort(run->pkgs, run->n_pkgs, sizeof(*run->pkgs), pkg_cmp);
	for (size_t i = 0; i < run->n_pkgs; i++) {
		_cleanup_free_ char *key = fc_asprintf("package.%zu", i + 1);
		_cleanup_free_ char *v = fc_installed_pkg_format(&run->pkgs[i]);
		fc_finding_fact(f, key, "%s", v);
	}
	/* What rpm -V would say of the module files of those packages. */
	qsort(run->files, run->n_files, sizeof(*run->files), file_cmp);
	size_t changed = 0;
	for (size_t i = 0; i < run->n_files; i++) {
		_cleanup_free_ char *key = fc_asprintf("file.%zu", i + 1);
		_cleanup_free_ char *v = fc_module_file_format(&run->files[i]);
		fc_finding_fact(f, key, "%s", v);
		changed += run->files[i].result != FC_FILE_OK;
	}
	fc_finding_fact(f, "files_verified", "%zu", run->n_files);
	fc_finding_fact(f, "files_not_as_packaged", "%zu", changed);
	if (run->chosen)
		fc_finding_status(f, FC_STATUS_PASS,
				  "%zu FIPS module package%s installed, judged "
				  "by the table %s",
				  run->n_pkgs, run->n_pkgs == 1 ? "" : "s",
				  run->chosen->name);
	else
		fc_finding_status(f, FC_STATUS_PASS,
				  "%zu FIPS module package%s installed; no "
				  "validated-module table to judge them by",
				  run->n_pkgs, run->n_pkgs == 1 ? "" : "s");
}

static int probe_rpmdb(struct fc_probe_ctx *ctx)
{
	if (!fc_probe_wants(ctx, CHECK_ID))
		return 0;
	struct rpmdb_run run = { .ctx = ctx };
	run.f = fc_probe_finding(ctx, CHECK_ID, NULL);
	const char *root_dir = ctx->root ? ctx->root : "/";
	_cleanup_free_ char *dbpath = NULL;
	_cleanup_free_ char *why = NULL;
	int r = fc_root_new(root_dir, &run.root);
	if (r < 0) {
		fc_finding_status(run.f, FC_STATUS_ERROR, "cannot open %s: %s",
				  root_dir, strerror(-r));
		goto out;
	}
	if (find_rpmdb(&run, &dbpath) < 0 || load_tables(&run) < 0 ||
	    open_rpmdb(&run, dbpath) < 0)
		goto out;
	long pick = fc_policy_choose(run.tables, run.n_tables, name_installed,
				     &run, &why);
	if (run.n_tables == 0) {
		free(why);
		why = NULL;
	}
	run.chosen = pick >= 0 ? run.tables[pick] : NULL;
	for (int m = 0; m < FC_MODULE_COUNT_; m++)
		if (collect_module(&run, (enum fc_module)m) < 0)
			goto out;
	report(&run, why);
out:
	for (size_t i = 0; i < run.n_pkgs; i++)
		fc_installed_pkg_clear(&run.pkgs[i]);
	free(run.pkgs);
	for (size_t i = 0; i < run.n_files; i++)
		fc_module_file_clear(&run.files[i]);
	free(run.files);
	for (size_t i = 0; i < run.n_tables; i++)
		fc_policy_free(run.tables[i]);
	free(run.tables);
	if (run.ts)
		rpmtsFree(run.ts);
	remove_copy(run.copy_dir);
	fc_root_free(run.root);
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
	free(rpm_last_error);
	rpm_last_error = NULL;
	/* Problems are findings; the helper itself ran. */
	return 0;
}

static const struct fc_probe_def def = {
	.name = "rpmdb",
	.run = probe_rpmdb,
};

int main(int argc, char **argv)
{
	return fc_probe_main(argc, argv, &def);
}
