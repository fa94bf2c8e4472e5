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
#include "crypto-policy.h"
#include "remedy.h"

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

struct cpol_files *fc_cpol_files(struct fc_ctx *ctx)
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
bool fc_cpol_absent(struct fc_ctx *ctx, const struct cpol_files *c)
{
	if (c->dir_err == 0)
		return false;
	if (c->dir_err == -ENOENT) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		/* An EL root without it is broken, not exempt. */
		bool el = fc_host_release(ctx)->el;
		fc_finding_skip(f,
				el ? FC_SKIP_NOT_EXAMINED
				   : FC_SKIP_NOT_APPLICABLE,
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
enum fc_status fc_cpol_read_status(int err)
{
	return err == -ENOENT ? FC_STATUS_FAIL : FC_STATUS_ERROR;
}

/* A malformed policy file: an error that names the file and line. */
void fc_cpol_report_malformed(struct fc_ctx *ctx, const struct policy_file *pf)
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
void fc_cpol_remedy_set_fips(struct fc_ctx *ctx, struct fc_finding *f)
{
	if (fc_host_release(ctx)->has_fips_mode_setup)
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	else
		fc_remedy_crypto_policy(ctx, f, "FIPS");
}

static int run_config(struct fc_ctx *ctx)
{
	const struct cpol_files *c = fc_cpol_files(ctx);
	if (fc_cpol_absent(ctx, c))
		return 0;
	const struct policy_file *pf = &c->config;
	if (pf->err < 0) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, pf->path,
							  pf->err,
							  fc_cpol_read_status(
								  pf->err));
		/* config itself was missing when this one is. */
		if (pf->err == -ENOENT) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "neither %s nor %s exists: no system "
					  "crypto policy is configured",
					  FC_CRYPTO_POLICY_CONFIG, pf->path);
			fc_cpol_remedy_set_fips(ctx, f);
		}
		return 0;
	}
	if (!pf->ok) {
		fc_cpol_report_malformed(ctx, pf);
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
		fc_cpol_remedy_set_fips(ctx, f);
		return 0;
	}
	if (!fc_crypto_policy_is_fips(p)) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the system crypto policy is %s, not FIPS",
				  p->name);
		fc_cpol_remedy_set_fips(ctx, f);
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
	const struct cpol_files *c = fc_cpol_files(ctx);
	if (fc_cpol_absent(ctx, c))
		return 0;
	const struct policy_file *cfg = &c->config, *st = &c->state;
	if (cfg->err < 0 || !cfg->ok) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
				"cannot compare: the configured policy is "
				"unknown (see crypto-policy.config)");
		return 0;
	}
	if (st->err < 0) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, st->path,
							  st->err,
							  fc_cpol_read_status(
								  st->err));
		if (st->err == -ENOENT) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "%s does not exist: the configured "
					  "policy %s was never applied",
					  st->path, cfg->pol.name);
			fc_remedy_crypto_policy(ctx, f, NULL);
		}
		fc_finding_fact(f, "configured", "%s", cfg->pol.name);
		return 0;
	}
	if (!st->ok) {
		fc_cpol_report_malformed(ctx, st);
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
		fc_remedy_crypto_policy(ctx, f, NULL);
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
