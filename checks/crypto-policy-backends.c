// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * crypto-policy.backends: the back-end files the libraries read
 * (/etc/crypto-policies/back-ends/), against the applied policy.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "checks.h"
#include "crypto-policy.h"
#include "remedy.h"

/* ---- back-ends ------------------------------------------------------ */

/*
 * update-crypto-policies (save_config) makes back-ends/<name>.config a
 * symlink to /usr/share/crypto-policies/<POLICY>/<name>.txt when that file
 * exists and local.d holds no <name>-*.config; otherwise (a subpolicy:
 * there is no "FIPS:OSPP" directory; a custom policy; local.d additions) it
 * writes a regular file.  Links are judged by where they resolve inside
 * the root; regular files by the policy state/current records.
 */
struct backend_verdicts {
	struct fc_buf bad;	    /* "<name>: why" joined by "; " */
	struct fc_buf unattributed; /* regular files of an unknown policy */
	size_t n, n_bad;
};

static void add_item(struct fc_buf *b, const char *fmt, ...) FC_PRINTF(2, 3);
static void add_item(struct fc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *s = fc_vasprintf(fmt, ap);
	va_end(ap);
	if (b->len)
		fc_buf_adds(b, "; ");
	fc_buf_adds(b, s);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's names ending in suffix (no dot files), sorted, so that
 * facts and messages do not depend on readdir order.  -errno when the
 * directory cannot be opened. */
struct name_list {
	char **v;
	size_t n;
};

static void name_list_free(struct name_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int list_sorted(const struct fc_root *root, const char *dir,
		       const char *suffix, struct name_list *out)
{
	_cleanup_closedir_ DIR *d = NULL;
	int r = fc_root_opendir(root, dir, &d);
	if (r < 0)
		return r;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !has_suffix(e->d_name, suffix))
			continue;
		out->v = fc_realloc(out->v, (out->n + 1) * sizeof(*out->v));
		out->v[out->n++] = fc_strdup(e->d_name);
	}
	if (out->n) /* qsort's array must not be NULL, even when empty */
		qsort(out->v, out->n, sizeof(*out->v), cmp_names);
	return 0;
}

static bool is_regular(const struct fc_root *root, const char *path)
{
	struct stat st;
	return fc_root_stat(root, path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Where a dangling link points inside the root, worked out on the names
 * alone (fc_root_resolve stops at the first missing directory): ".."
 * stops at the root, as it does in a chroot.
 */
static char *lexical_target(const char *link_path, const char *target)
{
	struct fc_buf b = { 0 };
	_cleanup_free_ char *todo = target[0] == '/'
					    ? fc_strdup(target)
					    : fc_asprintf("%s/../%s", link_path,
							  target);
	char *save = NULL;
	for (char *c = strtok_r(todo, "/", &save); c;
	     c = strtok_r(NULL, "/", &save)) {
		if (fc_streq(c, "."))
			continue;
		if (fc_streq(c, "..")) {
			char *slash = b.len ? strrchr(b.data, '/') : NULL;
			b.len = slash ? (size_t)(slash - b.data) : 0;
			if (b.data)
				b.data[b.len] = '\0';
			continue;
		}
		fc_buf_addf(&b, "/%s", c);
	}
	if (!b.len)
		fc_buf_adds(&b, "/");
	return fc_buf_steal(&b);
}

/* The FIPS-based policy directory a link must point into. */
static const char *expected_dir(const struct cpol_files *c)
{
	if (c->state.ok && fc_crypto_policy_is_fips(&c->state.pol))
		return c->state.pol.name;
	return "FIPS";
}

static void judge_link(struct fc_ctx *ctx, const struct cpol_files *c,
		       struct fc_finding *f, struct backend_verdicts *v,
		       const char *name, const char *path)
{
	_cleanup_free_ char *target = NULL, *resolved = NULL;
	int r = fc_root_readlink(ctx->root, path, &target);
	if (r < 0) {
		fc_finding_fact(f, name, "unreadable link: %s", strerror(-r));
		add_item(&v->bad, "%s: cannot read the link: %s", name,
			 strerror(-r));
		v->n_bad++;
		return;
	}
	_cleanup_free_ char *shown = fc_printable(target, 512);
	r = fc_root_resolve(ctx->root, path, true, &resolved);
	if (r < 0 || !is_regular(ctx->root, resolved)) {
		if (!resolved)
			resolved = lexical_target(path, target);
		_cleanup_free_ char *where = fc_printable(resolved, 512);
		fc_finding_fact(f, name, "-> %s (dangling: %s)", shown, where);
		add_item(&v->bad, "%s: dangling link to %s", name, shown);
		v->n_bad++;
		return;
	}
	fc_finding_fact(f, name, "-> %s", resolved);

	/* /usr/share/crypto-policies/<dir>/<base>.txt */
	const char *dir = expected_dir(c);
	size_t stem = strlen(name) - strlen(".config");
	_cleanup_free_ char *want = fc_asprintf("%s/%s/%.*s.txt",
						FC_CRYPTO_POLICY_SHARE, dir,
						(int)stem, name);
	if (fc_streq(resolved, want))
		return;
	_cleanup_free_ char *prefix = fc_asprintf("%s/",
						  FC_CRYPTO_POLICY_SHARE);
	const char *rest = fc_startswith(resolved, prefix)
				   ? resolved + strlen(prefix)
				   : NULL;
	const char *slash = rest ? strchr(rest, '/') : NULL;
	_cleanup_free_ char *in_dir = slash ? fc_strndup(rest,
							 (size_t)(slash - rest))
					    : NULL;
	if (!in_dir ||
	    !(fc_streq(in_dir, "FIPS") || fc_startswith(in_dir, "FIPS:")))
		add_item(&v->bad,
			 "%s: resolves to %s, outside the FIPS policy "
			 "directory",
			 name, resolved);
	else if (!fc_streq(in_dir, dir))
		add_item(&v->bad,
			 "%s: links into %s/ while the applied policy "
			 "is %s (stale)",
			 name, in_dir, dir);
	else
		add_item(&v->bad, "%s: resolves to %s, not %s", name, resolved,
			 want);
	v->n_bad++;
}

static void judge_file(const struct cpol_files *c, struct fc_finding *f,
		       struct backend_verdicts *v, const char *name)
{
	if (!c->state.ok) {
		fc_finding_fact(f, name,
				"regular file (policy unknown: %s "
				"unreadable)",
				FC_CRYPTO_POLICY_STATE);
		add_item(&v->unattributed, "%s", name);
		return;
	}
	fc_finding_fact(f, name, "regular file generated for %s (%s)",
			c->state.pol.name, FC_CRYPTO_POLICY_STATE);
	if (!fc_crypto_policy_is_fips(&c->state.pol)) {
		add_item(&v->bad, "%s: generated for %s, not FIPS", name,
			 c->state.pol.name);
		v->n_bad++;
	}
}

/* Back-ends the FIPS policy ships that back-ends/ lacks. */
static void find_missing(struct fc_ctx *ctx, struct backend_verdicts *v)
{
	_cleanup_free_ char *dir = fc_asprintf("%s/FIPS",
					       FC_CRYPTO_POLICY_SHARE);
	struct name_list txt = { 0 };
	if (list_sorted(ctx->root, dir, ".txt", &txt) < 0)
		return;
	for (size_t i = 0; i < txt.n; i++) {
		int stem = (int)(strlen(txt.v[i]) - strlen(".txt"));
		_cleanup_free_ char *be = fc_asprintf("%s/%.*s.config",
						      FC_CRYPTO_POLICY_BACKENDS,
						      stem, txt.v[i]);
		struct stat st;
		if (fc_root_lstat(ctx->root, be, &st) == 0)
			continue;
		_cleanup_free_ char *shown = fc_printable(txt.v[i], 255);
		add_item(&v->bad, "%.*s.config: missing", stem, shown);
		v->n_bad++;
	}
	name_list_free(&txt);
}

/* local.d files are appended to the back-ends and may relax the policy. */
static void fact_local_d(struct fc_ctx *ctx, struct fc_finding *f,
			 struct fc_buf *local)
{
	struct name_list l = { 0 };
	if (list_sorted(ctx->root, FC_CRYPTO_POLICY_LOCAL_D, ".config", &l) < 0)
		return;
	for (size_t i = 0; i < l.n; i++) {
		_cleanup_free_ char *shown = fc_printable(l.v[i], 255);
		add_item(local, "%s", shown);
	}
	name_list_free(&l);
	if (local->len)
		fc_finding_fact(f, "local.d", "%s", local->data);
}

static int run_backends(struct fc_ctx *ctx)
{
	const struct cpol_files *c = fc_cpol_files(ctx);
	if (fc_cpol_absent(ctx, c))
		return 0;
	struct name_list names = { 0 };
	int r = list_sorted(ctx->root, FC_CRYPTO_POLICY_BACKENDS, ".config",
			    &names);
	if (r < 0) {
		struct fc_finding
			*f = fc_ctx_read_failed(ctx, FC_CRYPTO_POLICY_BACKENDS,
						r, fc_cpol_read_status(r));
		if (r == -ENOENT)
			fc_remedy_crypto_policy(ctx, f, NULL);
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	struct backend_verdicts v = { 0 };
	struct fc_buf local = { 0 };
	const char *dir = expected_dir(c);
	fc_finding_fact(f, "policy_directory", "%s/%s/", FC_CRYPTO_POLICY_SHARE,
			dir);
	if (c->state.ok)
		fc_finding_fact(f, "applied", "%s", c->state.pol.name);
	for (size_t i = 0; i < names.n; i++) {
		_cleanup_free_ char
			*path = fc_asprintf("%s/%s", FC_CRYPTO_POLICY_BACKENDS,
					    names.v[i]);
		/* The name is a fact key and goes into messages. */
		_cleanup_free_ char *name = fc_printable(names.v[i], 255);
		struct stat st;
		v.n++;
		r = fc_root_lstat(ctx->root, path, &st);
		if (r < 0) {
			fc_finding_fact(f, name, "unreadable: %s",
					strerror(-r));
			add_item(&v.bad, "%s: %s", name, strerror(-r));
			v.n_bad++;
		} else if (S_ISLNK(st.st_mode)) {
			judge_link(ctx, c, f, &v, name, path);
		} else if (S_ISREG(st.st_mode)) {
			judge_file(c, f, &v, name);
		} else {
			fc_finding_fact(f, name, "neither a file nor a link");
			add_item(&v.bad, "%s: neither a file nor a link", name);
			v.n_bad++;
		}
	}
	name_list_free(&names);
	find_missing(ctx, &v);
	fact_local_d(ctx, f, &local);

	if (v.n == 0) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s holds no back-end configuration: the "
				  "libraries use their built-in defaults",
				  FC_CRYPTO_POLICY_BACKENDS);
		fc_remedy_crypto_policy(ctx, f, NULL);
	} else if (v.n_bad) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "back-ends not following the FIPS policy "
				  "(%zu): %s",
				  v.n_bad, v.bad.data);
		fc_cpol_remedy_set_fips(ctx, f);
	} else if (v.unattributed.len) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "cannot tell which policy generated %s: %s is "
				  "unreadable",
				  v.unattributed.data, FC_CRYPTO_POLICY_STATE);
		fc_remedy_crypto_policy(ctx, f, NULL);
	} else if (local.len) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "the %zu back-ends follow the %s policy, with "
				  "local additions from %s that may relax it: %s",
				  v.n, dir, FC_CRYPTO_POLICY_LOCAL_D,
				  local.data);
	} else {
		fc_finding_status(f, FC_STATUS_PASS,
				  "the %zu back-ends follow the %s policy", v.n,
				  dir);
	}
	fc_buf_free(&v.bad);
	fc_buf_free(&v.unattributed);
	fc_buf_free(&local);
	return 0;
}

const struct fc_check fc_check_crypto_policy_backends = {
	.id = "crypto-policy.backends",
	.area = "crypto-policy",
	.title = "Crypto policy back-ends follow FIPS",
	.requirement = "Every library reads its policy from "
		       "/etc/crypto-policies/back-ends/<name>.config, which "
		       "must be the FIPS policy's file "
		       "(/usr/share/crypto-policies/FIPS/<name>.txt) or "
		       "generated for a FIPS-based policy; RHEL 9 Security "
		       "Hardening, 'System-wide cryptographic policies'",
	.run = run_backends,
};
