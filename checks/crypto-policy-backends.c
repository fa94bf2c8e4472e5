// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * crypto-policy.backends: the back-end files the libraries read
 * (/etc/crypto-policies/back-ends/), against the applied policy.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "checks.h"
#include "core/exec.h"
#include "crypto-policy.h"
#include "remedy.h"

/* ---- back-ends ------------------------------------------------------ */

/*
 * update-crypto-policies (save_config) makes back-ends/<name>.config a
 * symlink to /usr/share/crypto-policies/<POLICY>/<name>.txt when that file
 * exists and local.d holds no <name>-*.config; otherwise (a subpolicy:
 * there is no "FIPS:OSPP" directory; a custom policy; local.d additions) it
 * writes a regular file.  Links are judged by where they resolve inside
 * the root.  A regular file is judged by its content, as
 * update-crypto-policies --check judges it (it regenerates every back-end
 * into a scratch directory and compares the bytes): for a policy without
 * subpolicies the generated file is the policy's shipped
 * <POLICY>/<name>.txt followed by local.d/<name>-*.config in name order,
 * compared here byte for byte; with subpolicies only the policy generators
 * can produce it, so on the live host update-crypto-policies --check itself
 * answers (through the exec layer), and under --root it is not examined.
 */
struct backend_verdicts {
	struct fc_buf bad;	    /* "<name>: why" joined by "; " */
	struct fc_buf unattributed; /* regular files of an unknown policy */
	struct fc_buf unexamined;   /* regular files whose content is unjudged */
	size_t n, n_bad;
	bool content_bad; /* a regular file differs from its policy's */
	/* update-crypto-policies --check, run once when needed: 0 not yet,
	 * 1 it says they match, -1 they do not, -2 could not run (why). */
	int uc_check;
	char *uc_why;
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

/* The local.d additions update-crypto-policies appends to back-end stem
 * (save_config: glob <stem>-*.config, sorted). */
static int local_additions(const struct fc_root *root, const char *stem,
			   struct fc_buf *out)
{
	struct name_list l = { 0 };
	int r = list_sorted(root, FC_CRYPTO_POLICY_LOCAL_D, ".config", &l);
	if (r == -ENOENT)
		return 0;
	_cleanup_free_ char *prefix = fc_asprintf("%s-", stem);
	for (size_t i = 0; r == 0 && i < l.n; i++) {
		if (!fc_startswith(l.v[i], prefix))
			continue;
		_cleanup_free_ char *path = fc_asprintf(
			"%s/%s", FC_CRYPTO_POLICY_LOCAL_D, l.v[i]);
		_cleanup_free_ char *text = NULL;
		size_t len = 0;
		r = fc_root_read(root, path, FC_READ_TABLE, &text, &len);
		if (r == 0)
			fc_buf_add(out, text, len);
	}
	name_list_free(&l);
	return r;
}

/* The first line (1-based) where a and b differ, and that line of a,
 * printable and bounded. */
static unsigned first_difference(const char *a, size_t na, const char *b,
				 size_t nb, char **line)
{
	size_t i = 0, start = 0;
	unsigned lineno = 1;
	for (; i < na && i < nb && a[i] == b[i]; i++)
		if (a[i] == '\n') {
			lineno++;
			start = i + 1;
		}
	size_t end = start;
	while (end < na && a[end] != '\n')
		end++;
	_cleanup_free_ char *raw = fc_strndup(a + start, end - start);
	*line = end > start || start < na ? fc_printable(raw, 120)
					  : fc_strdup("(end of file)");
	return lineno;
}

/* Byte for byte against what the policy generates (no subpolicies). */
static void compare_content(struct fc_ctx *ctx, const struct cpol_files *c,
			    struct fc_finding *f, struct backend_verdicts *v,
			    const char *name, const char *path)
{
	size_t stem = strlen(name) - strlen(".config");
	_cleanup_free_ char *stem_s = fc_strndup(name, stem);
	_cleanup_free_ char *want_path = fc_asprintf(
		"%s/%s/%s.txt", FC_CRYPTO_POLICY_SHARE, c->state.pol.name,
		stem_s);
	_cleanup_free_ char *have = NULL, *want_text = NULL;
	size_t have_len = 0, want_len = 0;
	int r = fc_root_read(ctx->root, path, FC_READ_TABLE, &have, &have_len);
	if (r < 0) {
		add_item(&v->bad, "%s: cannot read it: %s", name, strerror(-r));
		v->n_bad++;
		return;
	}
	r = fc_root_read(ctx->root, want_path, FC_READ_TABLE, &want_text,
			 &want_len);
	if (r < 0) {
		/* Nothing shipped to compare with: only the generators know
		 * what the back-end should hold. */
		add_item(&v->unexamined, "%s (%s: %s)", name, want_path,
			 strerror(-r));
		return;
	}
	struct fc_buf want = { 0 };
	fc_buf_add(&want, want_text, want_len);
	r = local_additions(ctx->root, stem_s, &want);
	if (r < 0) {
		add_item(&v->unexamined, "%s (%s: %s)", name,
			 FC_CRYPTO_POLICY_LOCAL_D, strerror(-r));
	} else if (have_len != want.len ||
		   (want.len && memcmp(have, want.data, want.len) != 0)) {
		_cleanup_free_ char *line = NULL;
		unsigned n = first_difference(have, have_len,
					      want.data ? want.data : "",
					      want.len, &line);
		_cleanup_free_ char *key = fc_asprintf("%s.differs", name);
		fc_finding_fact(f, key, "line %u: %s", n, line);
		add_item(&v->bad,
			 "%s: differs from %s at line %u ('%s')", name,
			 want_path, n, line);
		v->n_bad++;
		v->content_bad = true;
	}
	fc_buf_free(&want);
}

/* update-crypto-policies --check, once: on the live host only. */
static void run_uc_check(struct fc_ctx *ctx, struct backend_verdicts *v)
{
	if (v->uc_check)
		return;
	v->uc_check = -2;
	if (!fc_root_is_live(ctx->root)) {
		v->uc_why = fc_strdup("update-crypto-policies --check runs on "
				      "the live host only, not under --root");
		return;
	}
	_cleanup_free_ char *prog = NULL, *why = NULL;
	int r = fc_exec_program(NULL, NULL, "FIPSCTL_UPDATE_CRYPTO_POLICIES",
				"/usr/bin/update-crypto-policies", &prog,
				&why);
	if (r < 0) {
		v->uc_why = FC_TAKE(why);
		return;
	}
	const char *const argv[] = { prog, "--check", NULL };
	struct fc_exec_opts o = { .trace = stderr };
	struct fc_exec_result res;
	r = fc_exec_run(&o, argv, &res);
	if (r < 0) {
		v->uc_why = fc_asprintf("cannot run %s --check: %s", prog,
					strerror(-r));
		return;
	}
	/* Exit 0: "The configured policy matches the generated policy";
	 * 1: "... does NOT match ..." (update-crypto-policies.py check()). */
	if (res.exit_code == 0) {
		v->uc_check = 1;
	} else if (res.exit_code == 1) {
		v->uc_check = -1;
		_cleanup_free_ char *said = fc_strdup(res.err ? res.err : "");
		v->uc_why = fc_printable(fc_strstrip(said), 256);
	} else {
		_cleanup_free_ char *fail = fc_exec_failure(&res);
		v->uc_why = fc_asprintf("%s --check %s", prog,
					fail ? fail : "failed");
	}
	fc_exec_result_free(&res);
}

static void judge_file(struct fc_ctx *ctx, const struct cpol_files *c,
		       struct fc_finding *f, struct backend_verdicts *v,
		       const char *name, const char *path)
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
		return;
	}
	if (!c->state.pol.n_subpolicies) {
		compare_content(ctx, c, f, v, name, path);
		return;
	}
	run_uc_check(ctx, v);
	if (v->uc_check == -2)
		add_item(&v->unexamined, "%s", name);
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
			judge_file(ctx, c, f, &v, name, path);
		} else {
			fc_finding_fact(f, name, "neither a file nor a link");
			add_item(&v.bad, "%s: neither a file nor a link", name);
			v.n_bad++;
		}
	}
	name_list_free(&names);
	find_missing(ctx, &v);
	fact_local_d(ctx, f, &local);
	if (v.uc_check == 1)
		fc_finding_fact(f, "update_crypto_policies_check",
				"The configured policy matches the generated "
				"policy");
	if (v.uc_check == -1) {
		fc_finding_fact(f, "update_crypto_policies_check", "%s",
				v.uc_why);
		add_item(&v.bad, "update-crypto-policies --check: %s",
			 v.uc_why);
		v.n_bad++;
		v.content_bad = true;
	}

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
		/* Content that differs from the applied FIPS policy's:
		 * generating the back-ends again restores it. */
		if (v.content_bad && c->state.ok &&
		    fc_crypto_policy_is_fips(&c->state.pol))
			fc_remedy_crypto_policy(ctx, f, c->state.pol.name);
		else
			fc_cpol_remedy_set_fips(ctx, f);
	} else if (v.unexamined.len) {
		fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
				"the content of %s is not examined: %s",
				v.unexamined.data,
				v.uc_why ? v.uc_why
					 : "the policy ships no file to compare "
					   "it with");
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
	fc_buf_free(&v.unexamined);
	free(v.uc_why);
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
