// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where tables come from and which one applies to a host:
 * the search path, loading every table, and the choice by os-release,
 * architecture and vendor marker package.
 */
#include "policy/policy.h"

#include "policy/cmvp.h"
#include "policy/policy-lint.h"
#include "policy/signers.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FC_DATADIR
#define FC_DATADIR "/usr/share/fipsctl"
#endif
#ifndef FC_SYSCONFDIR
#define FC_SYSCONFDIR "/etc"
#endif

/*
 * The source tree's policies/ when this binary is the one the Makefile
 * built in $(BUILD): the Makefile passes both directories for this file
 * only (FC_SRCDIR, FC_BUILDDIR), so an installed copy never looks into a
 * source tree, and a build directory outside the tree still works.
 */
static char *build_tree_dir(void)
{
#if defined(FC_SRCDIR) && defined(FC_BUILDDIR)
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	struct stat a, b;
	/* Compare the directories, not their spellings. */
	if (stat(exe, &a) < 0 || stat(FC_BUILDDIR, &b) < 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return NULL;
	return fc_strdup(FC_SRCDIR "/policies");
#else
	return NULL;
#endif
}

char **fc_policy_dirs(void)
{
	char **v = NULL;
	size_t n = 0;
	const char *env = getenv("FIPSCTL_POLICY_DIR");
	if (env && *env) {
		const char *p = env;
		for (;;) {
			const char *c = strchr(p, ':');
			size_t len = c ? (size_t)(c - p) : strlen(p);
			if (len)
				fc_strv_add(&v, &n, fc_strndup(p, len));
			if (!c)
				break;
			p = c + 1;
		}
		if (n)
			return v;
	}
	char *tree = build_tree_dir();
	if (tree)
		fc_strv_add(&v, &n, tree);
	fc_strv_add(&v, &n, fc_strdup(FC_DATADIR "/policies"));
	fc_strv_add(&v, &n, fc_strdup(FC_SYSCONFDIR "/fipsctl/policies.d"));
	return v;
}

void fc_policy_set_free(struct fc_policy_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		fc_policy_free(s->v[i]);
	free(s->v);
	*s = (struct fc_policy_set){ 0 };
}

bool fc_policy_is_data_file(const char *name)
{
	return fc_streq(name, FC_CMVP_FILE) || fc_streq(name, FC_SIGNERS_FILE);
}

char *fc_policy_data_path(const char *name)
{
	char **dirs = fc_policy_dirs();
	char *found = NULL;
	for (size_t i = 0; dirs[i]; i++) {
		char *p = fc_asprintf("%s/%s", dirs[i], name);
		struct stat st;
		if (stat(p, &st) == 0) {
			free(found);
			found = p;
		} else {
			free(p);
		}
	}
	fc_strv_free(dirs);
	return found;
}

/* The reference data of the current data directories, read and checked
 * once per process and handed out after (see policy.h). */
static struct {
	char *key; /* the directories it was read from, joined */
	struct fc_refdata rd;
	struct fc_diags cmvp_diags, keys_diags;
} ref_memo;

static void diags_copy(struct fc_diags *to, const struct fc_diags *from)
{
	for (size_t i = 0; i < from->n; i++)
		fc_diags_add(to, from->v[i].file, from->v[i].line,
			     from->v[i].col, "%s", from->v[i].msg);
}

static void ref_memo_clear(void)
{
	fc_cmvp_free((struct fc_cmvp *)ref_memo.rd.db);
	fc_signers_free((struct fc_signers *)ref_memo.rd.keys);
	fc_diags_free(&ref_memo.cmvp_diags);
	fc_diags_free(&ref_memo.keys_diags);
	free(ref_memo.key);
	memset(&ref_memo, 0, sizeof(ref_memo));
}

void fc_policy_refdata(struct fc_refdata *out, struct fc_diags *cmvp_diags,
		       struct fc_diags *keys_diags)
{
	char **dirs = fc_policy_dirs();
	struct fc_buf key = { 0 };
	for (size_t i = 0; dirs[i]; i++) {
		fc_buf_adds(&key, dirs[i]);
		fc_buf_add(&key, "\n", 1);
	}
	fc_strv_free(dirs);
	if (!ref_memo.key || !fc_streq(ref_memo.key, key.data)) {
		ref_memo_clear();
		ref_memo.key = fc_buf_steal(&key);
		struct fc_cmvp *db = NULL;
		struct fc_signers *keys = NULL;
		ref_memo.rd.cmvp_r =
			fc_cmvp_load_default(&db, &ref_memo.cmvp_diags);
		ref_memo.rd.keys_r =
			fc_signers_load_default(&keys, &ref_memo.keys_diags);
		ref_memo.rd.db = db;
		ref_memo.rd.keys = keys;
	}
	fc_buf_free(&key);
	*out = ref_memo.rd;
	diags_copy(cmvp_diags, &ref_memo.cmvp_diags);
	diags_copy(keys_diags ? keys_diags : cmvp_diags, &ref_memo.keys_diags);
}

/* The reference data for checking tables: a file that is missing leaves
 * its references unchecked (reported by refs_ok); one that is there and
 * does not load is a problem of the table set (check stops, lint reports). */
struct refdata {
	const struct fc_cmvp *db;
	const struct fc_signers *keys;
	int r;
};

static void refdata_load(struct refdata *rd, struct fc_diags *diags)
{
	struct fc_refdata ref;
	fc_policy_refdata(&ref, diags, NULL);
	*rd = (struct refdata){ .db = ref.db, .keys = ref.keys };
	if ((ref.cmvp_r < 0 && ref.cmvp_r != -ENOENT) ||
	    (ref.keys_r < 0 && ref.keys_r != -ENOENT))
		rd->r = -EBADMSG;
}

static bool refs_ok(const struct refdata *rd, const struct fc_policy *p,
		    struct fc_diags *diags)
{
	size_t bad = fc_cmvp_check_refs(p, rd->db, diags) +
		     fc_signers_check_refs(p, rd->keys, diags);
	return bad == 0;
}

int fc_policy_load_checked(const char *path, struct fc_policy **out,
			   struct fc_diags *diags)
{
	struct refdata rd;
	refdata_load(&rd, diags);
	int r = fc_policy_load(path, out, diags);
	if (r == 0 && !refs_ok(&rd, *out, diags)) {
		fc_policy_free(*out);
		*out = NULL;
		r = -EBADMSG;
	}
	if (r == 0 && rd.r < 0)
		r = rd.r;
	return r;
}

/* The *.json names in dir, sorted, so the order never depends on the
 * file system.  A missing directory holds nothing; the data files the
 * tables refer to are not tables. */
static int list_json(const char *dir, char ***out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	_cleanup_closedir_ DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	char **v = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".json") != 0 ||
		    fc_policy_is_data_file(de->d_name))
			continue;
		fc_strv_add(&v, &n, fc_strdup(de->d_name));
	}
	fc_strv_sort(v, n);
	*out = v;
	*n_out = n;
	return 0;
}

static void diag_file(struct fc_diags *d, const char *file, const char *fmt,
		      ...) FC_PRINTF(3, 4);
static void diag_file(struct fc_diags *d, const char *file, const char *fmt,
		      ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->v = fc_realloc(d->v, (d->n + 1) * sizeof(*d->v));
	d->v[d->n++] = (struct fc_diag){
		.file = fc_strdup(file),
		.msg = fc_vasprintf(fmt, ap),
	};
	va_end(ap);
}

int fc_policy_load_all(struct fc_policy_set *out, struct fc_diags *diags)
{
	*out = (struct fc_policy_set){ 0 };
	struct refdata rd;
	refdata_load(&rd, diags);
	char **dirs = fc_policy_dirs();
	int rc = rd.r;
	for (size_t i = 0; dirs[i]; i++) {
		char **names;
		size_t n;
		int r = list_json(dirs[i], &names, &n);
		if (r < 0) {
			diag_file(diags, dirs[i], "cannot read directory: %s",
				  strerror(-r));
			rc = -EBADMSG;
			continue;
		}
		size_t first_here = out->n;
		for (size_t k = 0; k < n; k++) {
			_cleanup_free_ char *path =
				fc_asprintf("%s/%s", dirs[i], names[k]);
			struct fc_policy *p = NULL;
			if (fc_policy_load(path, &p, diags) < 0) {
				rc = -EBADMSG;
				continue;
			}
			if (!refs_ok(&rd, p, diags)) {
				fc_policy_free(p);
				rc = -EBADMSG;
				continue;
			}
			size_t j;
			for (j = 0; j < out->n; j++)
				if (fc_streq(out->v[j]->name, p->name))
					break;
			if (j < out->n && j >= first_here) {
				diag_file(diags, path,
					  "table name \"%s\" is also used by %s",
					  p->name, out->v[j]->path);
				fc_policy_free(p);
				rc = -EBADMSG;
			} else if (j < out->n) {
				/* A later directory (the site's) overrides a
				 * shipped table of the same name. */
				fc_policy_free(out->v[j]);
				out->v[j] = p;
			} else {
				out->v = fc_realloc(out->v, (out->n + 1) *
								    sizeof(*out->v));
				out->v[out->n++] = p;
			}
		}
		fc_strv_free(names);
	}
	fc_strv_free(dirs);
	return rc;
}

int fc_policy_open(const char *arg, struct fc_policy **out,
		   struct fc_diags *diags)
{
	size_t len = strlen(arg);
	*out = NULL;
	if (strchr(arg, '/') || (len > 5 && !strcmp(arg + len - 5, ".json")))
		return fc_policy_load_checked(arg, out, diags);
	struct fc_policy_set all;
	int r = fc_policy_load_all(&all, diags);
	if (r < 0) {
		fc_policy_set_free(&all);
		return r;
	}
	for (size_t i = 0; i < all.n; i++)
		if (fc_streq(all.v[i]->name, arg)) {
			*out = FC_TAKE(all.v[i]);
			all.v[i] = all.v[--all.n];
			fc_policy_set_free(&all);
			return 0;
		}
	fc_policy_set_free(&all);
	char **dirs = fc_policy_dirs();
	struct fc_buf where = { 0 };
	for (size_t i = 0; dirs[i]; i++)
		fc_buf_addf(&where, "%s%s", i ? ", " : "", dirs[i]);
	diag_file(diags, arg,
		  "no validated-module table of that name (searched %s; see "
		  "'fipsctl policy list')",
		  where.data);
	fc_buf_free(&where);
	fc_strv_free(dirs);
	return -ENOENT;
}

bool fc_policy_has_arch(char *const *arches, size_t n, const char *arch)
{
	for (size_t i = 0; i < n; i++)
		if (fc_streq(arches[i], arch))
			return true;
	return false;
}

const struct fc_policy_os *fc_policy_os_find(const struct fc_policy *p,
					     const char *os_id,
					     const char *version_id)
{
	for (size_t i = 0; i < p->n_os; i++)
		if (fc_streq(p->os[i].id, os_id) &&
		    fc_streq(p->os[i].version_id, version_id))
			return &p->os[i];
	return NULL;
}

bool fc_policy_applies(const struct fc_policy *p, const char *os_id,
		       const char *version_id, const char *arch)
{
	return fc_policy_os_find(p, os_id, version_id) &&
	       fc_policy_has_arch(p->arches, p->n_arches, arch);
}

static const char *marker_installed(const struct fc_policy *p,
				    fc_installed_fn installed, void *ud)
{
	for (size_t i = 0; i < p->n_markers; i++)
		if (installed(ud, p->markers[i]))
			return p->markers[i];
	return NULL;
}

long fc_policy_choose(struct fc_policy *const *cands, size_t n,
		      fc_installed_fn installed, void *ud, char **why)
{
	*why = NULL;
	if (n == 0) {
		*why = fc_strdup("no table applies");
		return -1;
	}
	struct fc_buf names = { 0 };
	for (size_t i = 0; i < n; i++)
		fc_buf_addf(&names, "%s%s", i ? ", " : "", cands[i]->name);
	long pick = -1;
	if (n == 1) {
		const char *mk = installed ? marker_installed(cands[0],
							      installed, ud)
					   : NULL;
		pick = 0;
		if (mk)
			*why = fc_asprintf("the only table for this host; its "
					   "marker package %s is installed",
					   mk);
		else if (cands[0]->n_markers && installed)
			*why = fc_asprintf("the only table for this host (its "
					   "marker package %s is not installed)",
					   cands[0]->markers[0]);
		else
			*why = fc_strdup("the only table for this host");
		goto out;
	}
	if (!installed) {
		*why = fc_asprintf("%zu tables apply (%s); telling them apart "
				   "needs the installed packages (rpmdb), "
				   "which were not read",
				   n, names.data);
		goto out;
	}
	size_t with = 0, without = 0;
	long last_with = -1, last_without = -1;
	const char *mk = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *m = marker_installed(cands[i], installed, ud);
		if (m) {
			with++;
			last_with = (long)i;
			mk = m;
		} else if (!cands[i]->n_markers) {
			without++;
			last_without = (long)i;
		}
	}
	if (with == 1) {
		pick = last_with;
		*why = fc_asprintf("%zu tables apply (%s); the marker package "
				   "%s is installed",
				   n, names.data, mk);
	} else if (with > 1) {
		*why = fc_asprintf("%zu tables apply (%s) and the marker "
				   "packages of several are installed",
				   n, names.data);
	} else if (without == 1) {
		pick = last_without;
		*why = fc_asprintf("%zu tables apply (%s); no marker package "
				   "is installed, and only %s needs none",
				   n, names.data, cands[pick]->name);
	} else {
		*why = fc_asprintf("%zu tables apply (%s) and no marker "
				   "package tells them apart",
				   n, names.data);
	}
out:
	fc_buf_free(&names);
	return pick;
}

int fc_policy_candidates(const char *arg, const char *os_id,
			 const char *version_id, const char *arch,
			 char ***paths, struct fc_diags *diags)
{
	char **v = fc_calloc(1, sizeof(char *));
	size_t n = 0;
	*paths = NULL;
	if (arg) {
		_cleanup_policy_ struct fc_policy *p = NULL;
		int r = fc_policy_open(arg, &p, diags);
		if (r < 0) {
			fc_strv_free(v);
			return r;
		}
		fc_strv_add(&v, &n, fc_strdup(p->path));
		*paths = v;
		return 0;
	}
	struct fc_policy_set all;
	int r = fc_policy_load_all(&all, diags);
	if (r < 0) {
		fc_policy_set_free(&all);
		fc_strv_free(v);
		return r;
	}
	for (size_t i = 0; i < all.n; i++)
		if (fc_policy_applies(all.v[i], os_id, version_id, arch))
			fc_strv_add(&v, &n, fc_strdup(all.v[i]->path));
	fc_policy_set_free(&all);
	*paths = v;
	return 0;
}
