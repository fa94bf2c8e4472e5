// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The system-wide crypto policy: crypto-policies'
 * configuration, what update-crypto-policies applied, the back-end files
 * the libraries read, the old FIPS marker files, and the line
 * `fips-mode-setup --check` would print.
 *
 * RHEL 9 Security Hardening, "Switching the system to FIPS mode": FIPS mode
 * means the kernel flag and the FIPS system-wide cryptographic policy
 * together; the policy restricts OpenSSL, GnuTLS, NSS, libssh, OpenSSH,
 * Java, Kerberos, Libreswan and BIND to FIPS-approved algorithms through
 * /etc/crypto-policies/back-ends/.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/check.h"
#include "engine/hostfacts.h"
#include "checks.h"
#include "parse/cryptopolicy.h"
#include "parse/fips-flag.h"

#define KERNEL_FLAG FC_FIPS_FLAG_PATH
#define SYSTEM_FIPS "/etc/system-fips"
#define GCRYPT_FIPS "/etc/gcrypt/fips_enabled"

/* A policy file as read and parsed. */
struct policy_file {
	const char *path;  /* inside the root */
	int err;	   /* 0, or -errno from reading it */
	unsigned bad_line; /* when malformed: where, and why */
	char *why;
	struct fc_crypto_policy pol;
	bool ok;
};

/* The crypto-policies files every check here reads, read once per run. */
struct cpol_files {
	int dir_err; /* /etc/crypto-policies itself */
	/* The configured policy: config, or what update-crypto-policies
	 * falls back to without it (config_fallback says which). */
	struct policy_file config;
	const char *config_fallback;
	struct policy_file state;
};

static void policy_file_clear(struct policy_file *f)
{
	free(f->why);
	fc_crypto_policy_free(&f->pol);
}

static void cpol_files_free(void *p)
{
	struct cpol_files *c = p;
	policy_file_clear(&c->config);
	policy_file_clear(&c->state);
	free(c);
}

static void policy_file_load(const struct fc_root *root, const char *path,
			     struct policy_file *f)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	f->path = path;
	f->err = fc_root_read(root, path, FC_READ_SMALL, &text, &len);
	if (f->err < 0)
		return;
	f->ok = fc_crypto_policy_parse(text, len, &f->pol, &f->bad_line,
				       &f->why) == 0;
}

/*
 * update-crypto-policies' fallback for a missing config (parse_pconfig):
 * FIPS when int(fips_enabled) > 0, else /usr/share/.../default-config.
 * For what a kernel writes there ("0\n" or "1\n") that is the flag's
 * "enabled"; on any other value fipsctl cannot tell the kernel's mode
 * (src/parse/fips-flag.h) and takes the default-config branch.
 */
static void config_fallback(const struct fc_root *root,
			    const struct fc_fips_flag *flag,
			    struct cpol_files *c)
{
	if (flag->state == FC_FIPS_FLAG_ENABLED) {
		static const char fips[] = "FIPS\n";
		c->config.ok = fc_crypto_policy_parse(fips, sizeof(fips) - 1,
						      &c->config.pol,
						      &c->config.bad_line,
						      &c->config.why) == 0;
		c->config.err = 0;
		c->config_fallback = "FIPS, because the kernel FIPS flag is "
				     "set";
		return;
	}
	policy_file_load(root, FC_CRYPTO_POLICY_DEFAULT_CONFIG, &c->config);
	c->config_fallback = FC_CRYPTO_POLICY_DEFAULT_CONFIG;
}

static struct cpol_files *cpol_files(struct fc_ctx *ctx)
{
	static const char key[] = "crypto-policy.files";
	struct cpol_files *c = fc_cache_get(ctx, key);
	if (c)
		return c;
	c = fc_calloc(1, sizeof(*c));
	struct stat st;
	c->dir_err = fc_root_stat(ctx->root, FC_CRYPTO_POLICY_DIR, &st);
	if (c->dir_err == 0 && !S_ISDIR(st.st_mode))
		c->dir_err = -ENOTDIR;
	if (c->dir_err == 0) {
		policy_file_load(ctx->root, FC_CRYPTO_POLICY_CONFIG,
				 &c->config);
		if (c->config.err == -ENOENT)
			config_fallback(ctx->root, fc_host_fips_flag(ctx), c);
		policy_file_load(ctx->root, FC_CRYPTO_POLICY_STATE, &c->state);
	}
	fc_cache_put(ctx, key, c, cpol_files_free);
	return c;
}

/*
 * Without /etc/crypto-policies the system does not use crypto-policies
 * (RHEL-family systems do; it is a dependency of their crypto libraries).
 * Returns true when a finding was made and the check is done.
 */
static bool no_crypto_policies(struct fc_ctx *ctx, const struct cpol_files *c)
{
	if (c->dir_err == 0)
		return false;
	if (c->dir_err == -ENOENT) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_status(f, FC_STATUS_SKIP,
				  "%s does not exist: this system does not use "
				  "crypto-policies (RHEL-family systems do)",
				  FC_CRYPTO_POLICY_DIR);
		fc_finding_fact(f, "path", "%s", FC_CRYPTO_POLICY_DIR);
		return true;
	}
	fc_ctx_read_failed(ctx, FC_CRYPTO_POLICY_DIR, c->dir_err,
			   FC_STATUS_ERROR);
	return true;
}

/* Missing means "not set up": fail; unreadable means "cannot tell". */
static enum fc_status read_status(int err)
{
	return err == -ENOENT ? FC_STATUS_FAIL : FC_STATUS_ERROR;
}

/* A malformed policy file: an error that names the file and line. */
static void report_malformed(struct fc_ctx *ctx, const struct policy_file *pf)
{
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_status(f, FC_STATUS_ERROR, "%s:%u: %s", pf->path,
			  pf->bad_line, pf->why);
	fc_finding_fact(f, "path", "%s", pf->path);
	fc_finding_fact(f, "line", "%u", pf->bad_line);
}

/*
 * The supported way to FIPS: EL8 and EL9 ship fips-mode-setup, and
 * update-crypto-policies itself warns that "--set FIPS is not sufficient
 * for FIPS compliance"; where it is absent (EL10), set the policy.
 */
static void remedy_set_fips(struct fc_ctx *ctx, struct fc_finding *f)
{
	struct stat st;
	if (fc_root_stat(ctx->root, "/usr/bin/fips-mode-setup", &st) == 0)
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	else
		fc_finding_remedy(f, "update-crypto-policies --set FIPS");
}

static int run_config(struct fc_ctx *ctx)
{
	const struct cpol_files *c = cpol_files(ctx);
	if (no_crypto_policies(ctx, c))
		return 0;
	const struct policy_file *pf = &c->config;
	if (pf->err < 0) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, pf->path,
							  pf->err,
							  read_status(pf->err));
		/* config itself was missing when this one is. */
		if (pf->err == -ENOENT) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "neither %s nor %s exists: no system "
					  "crypto policy is configured",
					  FC_CRYPTO_POLICY_CONFIG, pf->path);
			remedy_set_fips(ctx, f);
		}
		return 0;
	}
	if (!pf->ok) {
		report_malformed(ctx, pf);
		return 0;
	}
	const struct fc_crypto_policy *p = &pf->pol;
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	_cleanup_free_ char *subs = fc_crypto_policy_join_subpolicies(p, ", ");
	fc_finding_fact(f, "policy", "%s", p->name);
	fc_finding_fact(f, "base_policy", "%s", p->base);
	fc_finding_fact(f, "subpolicies", "%s", *subs ? subs : "(none)");
	fc_finding_fact(f, "path", "%s", pf->path);
	fc_finding_fact(f, "line", "%u", p->line);

	if (c->config_fallback) {
		fc_finding_fact(f, "config", "missing");
		fc_finding_fact(f, "fallback", "%s", c->config_fallback);
		if (fc_crypto_policy_is_fips(p)) {
			/* Holds only while the kernel boots with fips=1. */
			fc_finding_status(f, FC_STATUS_WARN,
					  "%s does not exist: update-crypto-policies "
					  "uses FIPS only because the kernel FIPS "
					  "flag is set",
					  FC_CRYPTO_POLICY_CONFIG);
		} else {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "%s does not exist: update-crypto-policies "
					  "uses %s from %s, not FIPS",
					  FC_CRYPTO_POLICY_CONFIG, p->name,
					  c->config_fallback);
		}
		remedy_set_fips(ctx, f);
		return 0;
	}
	if (!fc_crypto_policy_is_fips(p)) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the system crypto policy is %s, not FIPS",
				  p->name);
		remedy_set_fips(ctx, f);
	} else if (p->n_subpolicies) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "the system crypto policy is FIPS with "
				  "subpolicies %s",
				  subs);
	} else {
		fc_finding_status(f, FC_STATUS_PASS,
				  "the system crypto policy is FIPS");
	}
	return 0;
}

const struct fc_check fc_check_crypto_policy_config = {
	.id = "crypto-policy.config",
	.area = "crypto-policy",
	.title = "Configured system crypto policy",
	.requirement = "The system-wide cryptographic policy is FIPS (or "
		       "FIPS:<subpolicy>), set in /etc/crypto-policies/config; "
		       "RHEL 9 Security Hardening, 'Switching the system to "
		       "FIPS mode' and 'System-wide cryptographic policies'",
	.run = run_config,
};

/* update-crypto-policies --is-applied: state/current no older than config. */
static void fact_is_applied_mtime(struct fc_ctx *ctx, struct fc_finding *f)
{
	struct stat cfg, cur;
	if (fc_root_stat(ctx->root, FC_CRYPTO_POLICY_CONFIG, &cfg) < 0 ||
	    fc_root_stat(ctx->root, FC_CRYPTO_POLICY_STATE, &cur) < 0)
		return;
	bool applied = cur.st_mtim.tv_sec > cfg.st_mtim.tv_sec ||
		       (cur.st_mtim.tv_sec == cfg.st_mtim.tv_sec &&
			cur.st_mtim.tv_nsec >= cfg.st_mtim.tv_nsec);
	fc_finding_fact(f, "is_applied", "%s",
			applied ? "The configured policy is applied"
				: "The configured policy is NOT applied "
				  "(config is newer than state/current)");
}

static int run_applied(struct fc_ctx *ctx)
{
	const struct cpol_files *c = cpol_files(ctx);
	if (no_crypto_policies(ctx, c))
		return 0;
	const struct policy_file *cfg = &c->config, *st = &c->state;
	if (cfg->err < 0 || !cfg->ok) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_status(f, FC_STATUS_SKIP,
				  "cannot compare: the configured policy is "
				  "unknown (see crypto-policy.config)");
		return 0;
	}
	if (st->err < 0) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, st->path,
							  st->err,
							  read_status(st->err));
		if (st->err == -ENOENT) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "%s does not exist: the configured "
					  "policy %s was never applied",
					  st->path, cfg->pol.name);
			fc_finding_remedy(f, "update-crypto-policies");
		}
		fc_finding_fact(f, "configured", "%s", cfg->pol.name);
		return 0;
	}
	if (!st->ok) {
		report_malformed(ctx, st);
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(f, "configured", "%s", cfg->pol.name);
	fc_finding_fact(f, "applied", "%s", st->pol.name);
	if (!c->config_fallback)
		fact_is_applied_mtime(ctx, f);
	if (fc_streq(cfg->pol.name, st->pol.name)) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "the configured policy %s is applied",
				  st->pol.name);
	} else {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s configured but not applied (%s records "
				  "%s), run update-crypto-policies",
				  cfg->pol.name, st->path, st->pol.name);
		fc_finding_remedy(f, "update-crypto-policies");
	}
	return 0;
}

const struct fc_check fc_check_crypto_policy_applied = {
	.id = "crypto-policy.applied",
	.area = "crypto-policy",
	.title = "Configured crypto policy is applied",
	.requirement = "update-crypto-policies generated the back-ends for the "
		       "configured policy and recorded it in "
		       "/etc/crypto-policies/state/current "
		       "(update-crypto-policies(8))",
	.run = run_applied,
};

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
	const struct cpol_files *c = cpol_files(ctx);
	if (no_crypto_policies(ctx, c))
		return 0;
	struct name_list names = { 0 };
	int r = list_sorted(ctx->root, FC_CRYPTO_POLICY_BACKENDS, ".config",
			    &names);
	if (r < 0) {
		struct fc_finding
			*f = fc_ctx_read_failed(ctx, FC_CRYPTO_POLICY_BACKENDS,
						r, read_status(r));
		if (r == -ENOENT)
			fc_finding_remedy(f, "update-crypto-policies");
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
		fc_finding_remedy(f, "update-crypto-policies");
	} else if (v.n_bad) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "back-ends not following the FIPS policy "
				  "(%zu): %s",
				  v.n_bad, v.bad.data);
		remedy_set_fips(ctx, f);
	} else if (v.unattributed.len) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "cannot tell which policy generated %s: %s is "
				  "unreadable",
				  v.unattributed.data, FC_CRYPTO_POLICY_STATE);
		fc_finding_remedy(f, "update-crypto-policies");
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

/* ---- marker files --------------------------------------------------- */

/*
 * bash's test as root: -e/-d/-f follow links, -L does not, -x holds for
 * a directory or a file with any execute bit.  Errors that mean "not there"
 * are false, as for test; others cannot be told.
 */
static int shell_test(const struct fc_root *root, char op, const char *path,
		      bool *res)
{
	struct stat st;
	int r = op == 'L' ? fc_root_lstat(root, path, &st)
			  : fc_root_stat(root, path, &st);
	*res = false;
	if (r == -ENOENT || r == -ENOTDIR || r == -ELOOP)
		return 0;
	if (r < 0)
		return r;
	switch (op) {
	case 'e':
		*res = true;
		break;
	case 'd':
		*res = S_ISDIR(st.st_mode);
		break;
	case 'f':
		*res = S_ISREG(st.st_mode);
		break;
	case 'L':
		*res = S_ISLNK(st.st_mode);
		break;
	case 'x':
		*res = S_ISDIR(st.st_mode) || (st.st_mode & 0111);
		break;
	}
	return 0;
}

static int run_system_fips(struct fc_ctx *ctx)
{
	bool sysfips = false, gcrypt = false;
	int r = shell_test(ctx->root, 'f', SYSTEM_FIPS, &sysfips);
	if (r < 0) {
		fc_ctx_read_failed(ctx, SYSTEM_FIPS, r, FC_STATUS_ERROR);
		return 0;
	}
	/* libgcrypt: access(FIPS_FORCE_FILE, F_OK) == 0, any file type. */
	r = shell_test(ctx->root, 'e', GCRYPT_FIPS, &gcrypt);
	if (r < 0) {
		fc_ctx_read_failed(ctx, GCRYPT_FIPS, r, FC_STATUS_ERROR);
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(f, "system_fips", "%s", sysfips ? "present" : "absent");
	fc_finding_fact(f, "gcrypt_fips_enabled", "%s",
			gcrypt ? "present" : "absent");
	/*
	 * EL8 libraries read /etc/system-fips; on EL9 none does (the kernel
	 * flag decides), but EL9's fips-mode-setup --check still reports
	 * "Installation of FIPS modules is not completed." without it.
	 */
	fc_finding_status(f, FC_STATUS_PASS,
			  "%s is %s (deprecated on EL9, where only "
			  "fips-mode-setup --check still reads it); %s is %s%s",
			  SYSTEM_FIPS, sysfips ? "present" : "absent",
			  GCRYPT_FIPS, gcrypt ? "present" : "absent",
			  gcrypt ? " (libgcrypt enters FIPS mode because of it)"
				 : "");
	return 0;
}

const struct fc_check fc_check_crypto_policy_system_fips = {
	.id = "crypto-policy.system_fips",
	.area = "crypto-policy",
	.title = "FIPS marker files",
	.requirement = "Report the legacy FIPS markers: /etc/system-fips "
		       "(written by fips-finish-install; read by EL8 libraries, "
		       "deprecated on EL9) and /etc/gcrypt/fips_enabled "
		       "(libgcrypt's FIPS_FORCE_FILE, src/fips.c)",
	.run = run_system_fips,
};

/* ---- fips-mode-setup --check ---------------------------------------- */

/* [[ -d p || -L p ]] */
static int dir_or_link(const struct fc_root *root, const char *path, bool *res)
{
	int r = shell_test(root, 'd', path, res);
	if (r < 0 || *res)
		return r;
	return shell_test(root, 'L', path, res);
}

/*
 * The image lsinitrd inspects without arguments (dracut's lsinitrd.sh, as
 * on EL9): the BLS layout /efi or /boot/<machine-id>/<kver>/initrd when
 * that directory and loader/entries exist, else /boot/initramfs-<kver>.img.
 */
static int lsinitrd_image(struct fc_ctx *ctx, const char *kver, char **image)
{
	_cleanup_free_ char *mid = NULL;
	bool is_file = false;
	int r = shell_test(ctx->root, 'f', "/etc/machine-id", &is_file);
	if (r < 0)
		return r;
	if (is_file) {
		r = fc_root_read(ctx->root, "/etc/machine-id", FC_READ_SMALL,
				 &mid, NULL);
		if (r < 0)
			return r;
		/* read -r: the first line, IFS blanks trimmed. */
		mid[strcspn(mid, "\n")] = '\0';
		fc_strstrip(mid);
	}
	static const char *const bases[] = { "/efi", "/boot" };
	for (size_t i = 0; mid && *mid && i < FC_ARRAY_SIZE(bases); i++) {
		_cleanup_free_ char *entries = fc_asprintf("%s/loader/entries",
							   bases[i]);
		_cleanup_free_ char *middir = fc_asprintf("%s/%s", bases[i],
							  mid);
		bool a = false, b = false;
		if ((r = dir_or_link(ctx->root, entries, &a)) < 0 ||
		    (r = dir_or_link(ctx->root, middir, &b)) < 0)
			return r;
		if (a && b) {
			*image = fc_asprintf("%s/%s/initrd", middir, kver);
			return 0;
		}
	}
	*image = fc_asprintf("/boot/initramfs-%s.img", kver);
	return 0;
}

/*
 * The script's fips_install_complete (EL9):
 *   if test -f /etc/system-fips ; then
 *     if test ! -d /boot -o "$is_ostree_system" = 1 \
 *        -o ! -x /usr/bin/lsinitrd \
 *        -o x"$(/usr/bin/lsinitrd -f etc/system-fips 2>/dev/null \
 *               || test $? = 2 && echo y)" != x
 *     then fips_install_complete=1
 * The last test reads "(lsinitrd || test $? = 2) && echo y": it prints y
 * whenever lsinitrd exits 0 or 2, and lsinitrd exits 0 even when the
 * initramfs lacks the file (GNU cpio 2.13 returns 0 for a name it does not
 * find; measured) and 2 when the image is unreadable.  It exits 1 only
 * when it finds no image for the running kernel.  So whether the fips
 * dracut module put etc/system-fips into the initramfs does not matter;
 * only the image's presence does.
 * -ENODATA when the running kernel's release is unknown (offline image).
 */
static int install_complete(struct fc_ctx *ctx, bool *complete, char **why)
{
	bool t = false;
	int r = shell_test(ctx->root, 'f', SYSTEM_FIPS, &t);
	*complete = false;
	if (r < 0)
		return r;
	if (!t) {
		*why = fc_strdup(SYSTEM_FIPS " is missing");
		return 0;
	}
	*complete = true;
	if ((r = shell_test(ctx->root, 'd', "/boot", &t)) < 0)
		return r;
	if (!t) {
		*why = fc_strdup(SYSTEM_FIPS " exists and there is no /boot");
		return 0;
	}
	bool booted = false, ostree = false;
	if ((r = shell_test(ctx->root, 'f', "/run/ostree-booted", &booted)) <
		    0 ||
	    (r = shell_test(ctx->root, 'd', "/ostree", &ostree)) < 0)
		return r;
	if (booted || ostree) {
		*why = fc_strdup(SYSTEM_FIPS " exists on an OSTree system");
		return 0;
	}
	if ((r = shell_test(ctx->root, 'x', "/usr/bin/lsinitrd", &t)) < 0)
		return r;
	if (!t) {
		*why = fc_strdup(
			SYSTEM_FIPS
			" exists and there is no "
			"/usr/bin/lsinitrd to look into the initramfs");
		return 0;
	}
	const char *kver = ctx->report->host.kernel_release;
	if (!kver || !*kver || strchr(kver, '/'))
		return -ENODATA;
	_cleanup_free_ char *image = NULL;
	if ((r = lsinitrd_image(ctx, kver, &image)) < 0 ||
	    (r = shell_test(ctx->root, 'f', image, &t)) < 0)
		return r;
	*complete = t;
	*why = t ? fc_asprintf(SYSTEM_FIPS " exists and lsinitrd finds %s",
			       image)
		 : fc_asprintf("lsinitrd finds no initramfs for the running "
			       "kernel (%s)",
			       image);
	return 0;
}

/* What `cat` prints of len bytes: NUL bytes dropped (as bash does in
 * $(...)). */
static char *as_cat(const char *s, size_t len)
{
	char *out = fc_malloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i])
			out[o++] = s[i];
	out[o] = '\0';
	return out;
}

static char *read_as_cat(const struct fc_root *root, const char *path, int *err)
{
	_cleanup_free_ char *s = NULL;
	size_t len = 0;
	*err = fc_root_read(root, path, FC_READ_SMALL, &s, &len);
	return *err < 0 ? NULL : as_cat(s, len);
}

/* A value read from a file, trimmed and made printable, for a fact. */
static char *shown_value(const char *s, size_t max)
{
	if (!s)
		return fc_strdup("(missing)");
	_cleanup_free_ char *copy = fc_strdup(s);
	return fc_printable(fc_strstrip(copy), max);
}

static int run_fips_mode_setup(struct fc_ctx *ctx)
{
	/* The kernel flag as the script's $(cat ...) sees it; the script's
	 * own reading of it is modelled by fc_fips_mode_setup_check(). */
	const struct fc_fips_flag *kflag = fc_host_fips_flag(ctx);
	int r = kflag->err;
	_cleanup_free_ char *flag = kflag->text
					    ? as_cat(kflag->text, kflag->len)
					    : NULL;
	if (r == -ENOENT && !fc_root_is_live(ctx->root)) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_status(f, FC_STATUS_SKIP,
				  "%s does not exist under this root: an offline "
				  "image has no running kernel to ask",
				  KERNEL_FLAG);
		return 0;
	}
	if (r < 0 && r != -ENOENT) {
		fc_ctx_read_failed(ctx, KERNEL_FLAG, r, FC_STATUS_ERROR);
		return 0;
	}
	_cleanup_free_ char *current = read_as_cat(ctx->root,
						   FC_CRYPTO_POLICY_STATE, &r);
	if (r < 0 && r != -ENOENT && r != -ENOTDIR && r != -EISDIR) {
		fc_ctx_read_failed(ctx, FC_CRYPTO_POLICY_STATE, r,
				   FC_STATUS_ERROR);
		return 0;
	}
	bool complete = false;
	_cleanup_free_ char *why = NULL;
	r = install_complete(ctx, &complete, &why);
	if (r < 0) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		if (r == -ENODATA)
			fc_finding_status(f, FC_STATUS_SKIP,
					  "cannot tell which initramfs lsinitrd "
					  "would inspect: the running kernel's "
					  "release is unknown under this root");
		else
			fc_finding_status(f, FC_STATUS_ERROR,
					  "cannot tell whether the FIPS "
					  "installation is complete: %s",
					  strerror(-r));
		return 0;
	}

	struct fc_fips_mode_setup_state in = {
		.fips_enabled = flag ? flag : "",
		.current_policy = current ? current : "",
		.install_complete = complete,
	};
	_cleanup_free_ char *output = NULL, *verdict = NULL;
	int rc = fc_fips_mode_setup_check(&in, &output, &verdict);

	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	_cleanup_free_ char *flag_shown = kflag->text
						  ? fc_fips_flag_shown(kflag,
								       64)
						  : fc_strdup("(missing)");
	_cleanup_free_ char *cur_shown = shown_value(current, 256);
	fc_finding_fact(f, "fips_enabled", "%s", flag_shown);
	fc_finding_fact(f, "current_policy", "%s", cur_shown);
	fc_finding_fact(f, "install_complete", "%s: %s",
			complete ? "yes" : "no", why);
	/* The lines, one sentence each, on one line. */
	for (char *nl = strchr(output, '\n'); nl && nl[1];
	     nl = strchr(nl, '\n'))
		*nl = ' ';
	_cleanup_free_ char *out_shown = fc_printable(fc_strstrip(output),
						      1024);
	fc_finding_fact(f, "output", "%s", out_shown);
	fc_finding_fact(f, "exit_status", "%d", rc);

	free(ctx->report->fips_mode_setup_verdict);
	ctx->report->fips_mode_setup_verdict = fc_strdup(verdict);
	if (fc_streq(verdict, "FIPS mode is enabled.")) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "fips-mode-setup --check would say: %s",
				  verdict);
	} else {
		/* On a live kernel without CONFIG_CRYPTO_FIPS the script
		 * really prints "FIPS mode is ." (enable2txt of nothing). */
		fc_finding_status(f, FC_STATUS_FAIL,
				  "fips-mode-setup --check would say: %s%s",
				  verdict,
				  flag ? ""
				       : " (" KERNEL_FLAG " does not exist: "
					 "the kernel has no FIPS support)");
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	}
	return 0;
}

const struct fc_check fc_check_crypto_policy_fips_mode_setup = {
	.id = "crypto-policy.fips_mode_setup",
	.area = "crypto-policy",
	.title = "fips-mode-setup --check equivalent",
	.requirement = "The verdict EL9's fips-mode-setup --check gives on this "
		       "state (kernel flag, /etc/system-fips and the "
		       "initramfs, state/current), so runbooks that rely on "
		       "it keep working; crypto-policies-scripts, "
		       "fips-mode-setup(8)",
	.run = run_fips_mode_setup,
};
