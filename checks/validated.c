// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Validated-version verdicts: which table applies to the host,
 * and for OpenSSL, libgcrypt, NSS and GnuTLS whether the running module
 * and the installed packages are the validated builds.  The running and
 * default boot kernel are judged in checks/validated-kernel.c.
 *
 * Two sources, both reported (policy-sources.md: "Match on these first,
 * on RPM NEVRA second, and report both"):
 *  - the runtime module identifier the library probes read (the OpenSSL
 *    provider's version, libgcrypt's fips-mode module version, ...): the
 *    string a certificate names.  Probes do not run under --root;
 *  - the installed packages, read and classified by rpm's own version
 *    comparison in the rpmdb helper (helpers/rpmdb/probe.c), which runs
 *    under --root too.
 * Nothing here orders versions: the parent compares identities only.
 */
#include <errno.h>
#include <string.h>

#include "checks.h"
#include "validated.h"

#define REQ_TABLES                                                             \
	"FIPS 140-3 (ISO/IEC 19790 7.2) and CMVP: a module is validated "      \
	"only in the exact build and operational environment its "             \
	"certificate names; the tables in policies/ carry the builds, "        \
	"certificates and their sources"

const struct fc_probe_info fc_probe_info_rpmdb = {
	.name = "rpmdb",
	.library = "librpm.so.9",
	.packages = "rpm-libs (EL9), librpm9 (Debian)",
	.install = "dnf install rpm-libs",
	.reads_root = true,
	.wants_policy = true,
};

static const char *const verdict_names[] = {
	[FC_V_VALIDATED] = "validated",
	[FC_V_COMPLIANT] = "compliant",
	[FC_V_UNVALIDATED] = "unvalidated",
	[FC_V_NOT_COVERED] = "not-covered",
	[FC_V_NOT_INSTALLED] = "not-installed",
	[FC_V_UNKNOWN] = "unknown",
};

const char *fc_verdict_name(enum fc_verdict v)
{
	return (unsigned)v < FC_ARRAY_SIZE(verdict_names) ? verdict_names[v]
							  : "?";
}

/*
 * Default mode accepts patched builds that keep the validated crypto, with
 * a warning; --strict accepts only the exact validated builds (sites that
 * must run the certified builds).  "Could not judge" is a skip with its
 * reason, never a pass and never a "no".
 */
enum fc_status fc_verdict_status(const struct fc_ctx *ctx, enum fc_verdict v)
{
	switch (v) {
	case FC_V_VALIDATED:
		return FC_STATUS_PASS;
	case FC_V_COMPLIANT:
		return ctx->opts.strict ? FC_STATUS_FAIL : FC_STATUS_WARN;
	case FC_V_UNVALIDATED:
	case FC_V_NOT_COVERED:
		return FC_STATUS_FAIL;
	case FC_V_NOT_INSTALLED:
	case FC_V_UNKNOWN:
	default:
		return FC_STATUS_SKIP;
	}
}

/* --- what is known after the probes ------------------------------------ */

static void vstate_free(void *p)
{
	struct fc_vstate *st = p;
	for (size_t i = 0; i < st->n_tables; i++)
		fc_policy_free(st->tables[i]);
	free(st->tables);
	free(st->choice);
	free(st->load_error);
	free(st->rpm_why);
	for (size_t i = 0; i < st->n_pkgs; i++)
		fc_installed_pkg_clear(&st->pkgs[i]);
	free(st->pkgs);
	free(st);
}

/* Why a finding another check should have produced is not usable. */
static char *absent_why(const struct fc_report *r, const char *id)
{
	const struct fc_finding *f = fc_report_find(r, id);
	if (!f)
		return fc_asprintf("check %s did not run (deselected)", id);
	return fc_asprintf("%s: %s", id, f->summary ? f->summary : "no summary");
}

static void read_rpmdb(struct fc_ctx *ctx, struct fc_vstate *st)
{
	const struct fc_finding *f =
		fc_report_find(ctx->report, "validated.rpmdb");
	if (!f || f->status != FC_STATUS_PASS) {
		st->rpm_why = absent_why(ctx->report, "validated.rpmdb");
		return;
	}
	for (size_t i = 0; i < f->n_facts; i++) {
		if (!fc_startswith(f->facts[i].key, "package."))
			continue;
		struct fc_installed_pkg p;
		if (fc_installed_pkg_parse(f->facts[i].value, &p) < 0) {
			_cleanup_free_ char *shown =
				fc_printable(f->facts[i].value, 200);
			st->rpm_why = fc_asprintf("the rpmdb helper sent a "
						  "malformed package fact: %s",
						  shown);
			return;
		}
		st->pkgs = fc_realloc(st->pkgs,
				      (st->n_pkgs + 1) * sizeof(*st->pkgs));
		st->pkgs[st->n_pkgs++] = p;
	}
	st->rpm_ok = true;
}

static void choose_table(struct fc_ctx *ctx, struct fc_vstate *st)
{
	const struct fc_finding *rf =
		fc_report_find(ctx->report, "validated.rpmdb");
	const char *name = rf && st->rpm_ok ? fc_finding_get_fact(rf, "policy")
					    : NULL;
	const char *why = rf ? fc_finding_get_fact(rf, "policy_choice") : NULL;
	if (name) {
		/* The helper saw the marker packages and chose. */
		for (size_t i = 0; i < st->n_tables; i++)
			if (fc_streq(st->tables[i]->name, name))
				st->table = st->tables[i];
		if (why)
			st->choice = fc_strdup(why);
		if (st->table || st->n_tables == 0 || fc_streq(name, "none"))
			return;
		free(st->choice);
		st->choice = fc_asprintf("the rpmdb helper chose table %s, "
					 "which is not among the candidates",
					 name);
		return;
	}
	long pick = fc_policy_choose(st->tables, st->n_tables, NULL, NULL,
				     &st->choice);
	if (pick >= 0)
		st->table = st->tables[pick];
}

const struct fc_vstate *fc_vstate_get(struct fc_ctx *ctx)
{
	static const char key[] = "validated.state";
	struct fc_vstate *st = fc_cache_get(ctx, key);
	if (st)
		return st;
	st = fc_calloc(1, sizeof(*st));
	st->host = &ctx->report->host;
	for (size_t i = 0; ctx->opts.policy_files && ctx->opts.policy_files[i];
	     i++) {
		struct fc_policy *p = NULL;
		struct fc_diags d = { 0 };
		if (fc_policy_load(ctx->opts.policy_files[i], &p, &d) < 0) {
			/* 'check' loaded it a moment ago: it changed. */
			if (!st->load_error)
				st->load_error = fc_asprintf(
					"%s: %s", ctx->opts.policy_files[i],
					d.n ? d.v[0].msg : "cannot load");
			fc_diags_free(&d);
			continue;
		}
		fc_diags_free(&d);
		st->tables = fc_realloc(st->tables,
					(st->n_tables + 1) * sizeof(*st->tables));
		st->tables[st->n_tables++] = p;
	}
	read_rpmdb(ctx, st);
	choose_table(ctx, st);
	fc_cache_put(ctx, key, st, vstate_free);
	return st;
}

/* --- facts and phrases --------------------------------------------------- */

static void fact_kv(struct fc_finding *f, const char *prefix,
		    const char *key, const char *value)
{
	_cleanup_free_ char *k = fc_asprintf("%s_%s", prefix, key);
	fc_finding_fact(f, k, "%s", value);
}

void fc_vfacts_prov(struct fc_finding *f, const char *prefix,
		    const struct fc_provenance *p)
{
	fact_kv(f, prefix, "source", p->source ? p->source : "unknown");
	fact_kv(f, prefix, "date", p->date ? p->date : "unknown");
	fact_kv(f, prefix, "confidence", fc_confidence_name(p->confidence));
	if (p->note)
		fact_kv(f, prefix, "note", p->note);
}

void fc_vfacts_table(struct fc_finding *f, const struct fc_vstate *st)
{
	fc_finding_fact(f, "policy", "%s", st->table->name);
	fc_finding_fact(f, "policy_file", "%s", st->table->path);
}

void fc_vfacts_build(struct fc_finding *f, const struct fc_policy_build *b)
{
	if (b->module_name)
		fc_finding_fact(f, "validated_module_name", "%s",
				b->module_name);
	if (b->module_version)
		fc_finding_fact(f, "validated_module_version", "%s",
				b->module_version);
	struct fc_buf pk = { 0 };
	for (size_t i = 0; i < b->n_pkgs; i++)
		fc_buf_addf(&pk, "%s%s-%s", i ? " " : "", b->pkgs[i].name,
			    b->pkgs[i].evr ? b->pkgs[i].evr
					   : b->pkgs[i].evr_glob);
	if (pk.data)
		fc_finding_fact(f, "validated_packages", "%s", pk.data);
	fc_buf_free(&pk);
	if (b->cert.number)
		fc_finding_fact(f, "certificate", "#%s", b->cert.number);
	else
		fc_finding_fact(f, "certificate", "unknown");
	fc_finding_fact(f, "certificate_status", "%s",
			fc_cert_status_name(b->cert.status));
	fc_vfacts_prov(f, "certificate", &b->cert.prov);
	fc_vfacts_prov(f, "build", &b->prov);
	if (b->note)
		fc_finding_fact(f, "build_note", "%s", b->note);
}

void fc_vfacts_rule(struct fc_finding *f, const struct fc_policy_compliant *c)
{
	fc_finding_fact(f, "compliant_builds", "%s %s (newer than %s)",
			c->package, c->evr_glob, c->newer_than);
	fc_finding_fact(f, "compliant_statement", "%s", c->statement);
	fc_vfacts_prov(f, "compliant", &c->prov);
}

static const char *confidence_phrase(enum fc_confidence c)
{
	switch (c) {
	case FC_CONF_THIRD_PARTY:
		return "from a third-party source, not confirmed with NIST";
	case FC_CONF_UNCONFIRMED:
		return "unconfirmed";
	case FC_CONF_VERIFIED:
	default:
		return NULL;
	}
}

char *fc_vcert_phrase(const struct fc_policy_build *b)
{
	const char *conf = confidence_phrase(b->cert.prov.confidence);
	_cleanup_free_ char *num = NULL;
	if (b->cert.number)
		num = fc_asprintf("certificate #%s, %s", b->cert.number,
				  fc_cert_status_name(b->cert.status));
	else if (b->cert.status == FC_CERT_UNKNOWN)
		num = fc_strdup("certificate number and status unknown");
	else
		num = fc_asprintf("certificate number unknown, %s",
				  fc_cert_status_name(b->cert.status));
	return fc_asprintf("%s%s%s%s", num, conf ? " (" : "", conf ? conf : "",
			   conf ? ")" : "");
}

const char *fc_voe_phrase(const struct fc_vstate *st)
{
	const struct fc_policy_os *os = fc_policy_os_find(
		st->table, st->host->os_id, st->host->os_version_id);
	return os && os->vendor_affirmed
		       ? ", on a vendor-affirmed operating environment"
		       : "";
}

/* No table to judge by: f says why. */
static void no_table(struct fc_finding *f, const struct fc_vstate *st)
{
	const struct fc_host *h = st->host;
	if (st->load_error)
		fc_finding_status(f, FC_STATUS_ERROR,
				  "a validated-module table changed while "
				  "fipsctl ran: %s",
				  st->load_error);
	else if (st->n_tables)
		fc_finding_status(f, FC_STATUS_SKIP,
				  "not judged: which validated-module table "
				  "applies is not known (%s)",
				  st->choice);
	else
		fc_finding_status(f, FC_STATUS_SKIP,
				  "not judged: no validated-module table for "
				  "%s %s %s (see validated.policy)",
				  h->os_id ? h->os_id : "unknown",
				  h->os_version_id ? h->os_version_id : "unknown",
				  h->arch ? h->arch : "unknown");
	fc_finding_fact(f, "verdict", "%s", fc_verdict_name(FC_V_UNKNOWN));
}

bool fc_vstart(struct fc_ctx *ctx, enum fc_module m, struct fc_finding **f,
	       const struct fc_vstate **st)
{
	*st = fc_vstate_get(ctx);
	*f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(*f, "module", "%s", fc_module_name(m));
	fc_finding_fact(*f, "mode", "%s", ctx->opts.strict ? "strict" : "default");
	if ((*st)->table)
		return true;
	no_table(*f, *st);
	return false;
}

/* --- validated.policy ---------------------------------------------------- */

static int run_policy(struct fc_ctx *ctx)
{
	const struct fc_vstate *st = fc_vstate_get(ctx);
	const struct fc_host *h = st->host;
	const char *id = h->os_id ? h->os_id : "unknown";
	const char *ver = h->os_version_id ? h->os_version_id : "unknown";
	const char *arch = h->arch ? h->arch : "unknown";
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(f, "os", "%s %s", id, ver);
	fc_finding_fact(f, "arch", "%s", arch);
	fc_finding_fact(f, "mode", "%s", ctx->opts.strict ? "strict" : "default");
	if (ctx->opts.policy)
		fc_finding_fact(f, "policy_option", "%s", ctx->opts.policy);
	for (size_t i = 0; i < st->n_tables; i++) {
		_cleanup_free_ char *k = fc_asprintf("candidate.%zu", i + 1);
		fc_finding_fact(f, k, "%s (%s)", st->tables[i]->name,
				st->tables[i]->path);
	}
	if (st->choice)
		fc_finding_fact(f, "choice", "%s", st->choice);

	if (st->load_error) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "a validated-module table changed while "
				  "fipsctl ran: %s",
				  st->load_error);
		return 0;
	}
	if (!st->table && st->n_tables) {
		/* Cannot tell which table: not a "no", but not done either. */
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell which validated-module table "
				  "applies to %s %s %s: %s",
				  id, ver, arch, st->choice);
		fc_finding_remedy(f, "fipsctl check --policy NAME (see "
				     "'fipsctl policy list')");
		return 0;
	}
	if (!st->table) {
		/*
		 * Without a table fipsctl cannot tell whether the modules are
		 * validated builds: that is "could not tell", a skip.  A
		 * --strict site demands that proof, so there it fails.
		 */
		char **dirs = fc_policy_dirs();
		struct fc_buf b = { 0 };
		for (size_t i = 0; dirs[i]; i++)
			fc_buf_addf(&b, "%s%s", i ? " " : "", dirs[i]);
		fc_finding_fact(f, "searched", "%s", b.data ? b.data : "");
		fc_buf_free(&b);
		fc_strv_free(dirs);
		fc_finding_status(f, ctx->opts.strict ? FC_STATUS_FAIL
						      : FC_STATUS_SKIP,
				  "no validated-module table for %s %s %s: "
				  "module versions cannot be judged",
				  id, ver, arch);
		fc_finding_remedy(f, "add a site table to "
				     "/etc/fipsctl/policies.d/ (see "
				     "docs/policies.md) or name one with "
				     "--policy");
		return 0;
	}

	const struct fc_policy *t = st->table;
	fc_vfacts_table(f, st);
	fc_finding_fact(f, "title", "%s", t->title);
	fc_finding_fact(f, "vendor", "%s", t->vendor);
	fc_vfacts_prov(f, "table", &t->prov);
	const struct fc_policy_os *os = fc_policy_os_find(t, h->os_id,
							  h->os_version_id);
	if (os) {
		fc_finding_fact(f, "operational_environment", "%s",
				os->vendor_affirmed ? "vendor-affirmed"
						    : "listed");
		fc_vfacts_prov(f, "os", &os->prov);
	}
	if (!fc_policy_applies(t, h->os_id, h->os_version_id, h->arch)) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "judging by table %s as --policy asks, but "
				  "it does not list %s %s %s",
				  t->name, id, ver, arch);
		return 0;
	}
	fc_finding_status(f, FC_STATUS_PASS, "table %s (%s) applies to %s %s "
					     "%s%s",
			  t->name, t->title, id, ver, arch,
			  os && os->vendor_affirmed
				  ? ", a vendor-affirmed operating environment"
				  : "");
	return 0;
}

/* --- userspace modules --------------------------------------------------- */

struct runtime {
	const char *version; /* the module version the probe read */
	const char *name;
	char *from;          /* the finding it came from */
	char *why;           /* why there is none */
	const struct fc_policy_build *match;
	bool listed; /* the table names runtime identifiers for this arch */
};

/*
 * RHEL-family FIPS modules name themselves "<upstream version>-<16 hex>"
 * (a sha256 prefix over the package's spec, patches and sources), and that
 * is what certificates name.  Anything else a probe reports (a library
 * version such as NSS's "3.87", or a placeholder) identifies no module.
 */
static bool module_version_shaped(const char *v)
{
	const char *dash = v ? strrchr(v, '-') : NULL;
	if (!dash || dash == v || strlen(dash + 1) != 16 || strchr(v, ' '))
		return false;
	for (const char *c = dash + 1; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
			return false;
	return true;
}

static void runtime_read(struct fc_ctx *ctx, enum fc_module m,
			 struct runtime *rt)
{
	_cleanup_free_ char *sum_id = fc_asprintf("%s.summary",
						  fc_module_name(m));
	const struct fc_finding *f = NULL;
	if (m == FC_MODULE_OPENSSL) {
		/* The provider names itself; the summary repeats it. */
		f = fc_report_find(ctx->report, "openssl.provider");
		rt->version = f ? fc_finding_get_fact(f, "provider_version")
				: NULL;
		rt->name = f ? fc_finding_get_fact(f, "provider_name") : NULL;
	}
	const struct fc_finding *s = fc_report_find(ctx->report, sum_id);
	if (!rt->version && s) {
		rt->version = fc_finding_get_fact(s, "module_version");
		rt->name = fc_finding_get_fact(s, "module_name");
	}
	if (rt->version) {
		/* runtime_match() decides whether it identifies a module. */
		rt->from = fc_strdup(f && fc_finding_get_fact(f, "provider_version")
					     ? "openssl.provider"
					     : sum_id);
		return;
	}
	if (s && s->status == FC_STATUS_SKIP)
		rt->why = absent_why(ctx->report, sum_id);
	else if (s)
		rt->why = fc_asprintf("%s reports no module version (%s)",
				      sum_id, s->summary ? s->summary : "");
	else
		rt->why = absent_why(ctx->report, sum_id);
}

static void runtime_match(const struct fc_policy_module *mo, const char *arch,
			  struct runtime *rt)
{
	size_t it = 0;
	for (const struct fc_policy_build *b =
		     fc_policy_next_build(mo, arch, 0, &it);
	     b; b = fc_policy_next_build(mo, arch, 0, &it)) {
		if (!b->module_version)
			continue;
		rt->listed = true;
		if (!rt->version || !fc_streq(b->module_version, rt->version))
			continue;
		if (b->module_name && rt->name &&
		    !fc_streq(b->module_name, rt->name))
			continue;
		/* A validated build wins over one in process. */
		if (!rt->match || fc_build_is_validated(b))
			rt->match = b;
	}
	if (rt->match || !rt->version || module_version_shaped(rt->version))
		return;
	/* Not listed and not shaped like a module version: a library
	 * version or a placeholder says nothing about the module. */
	_cleanup_free_ char *shown = fc_printable(rt->version, 80);
	rt->why = fc_asprintf("%s reports '%s', not a module version "
			      "(<version>-<16 hex digits>)",
			      rt->from, shown);
	rt->version = NULL;
	rt->name = NULL;
}

enum rpm_res {
	R_UNAVAIL,     /* the rpmdb was not read */
	R_NONE,        /* no package of the module installed */
	R_VALIDATED,   /* every package of a validated build */
	R_COMPLIANT,   /* validated or compliant packages only */
	R_IN_PROCESS,  /* the packages of a build in process */
	R_UNVALIDATED, /* anything else */
	R_UNJUDGED,    /* the table names no packages for the module */
};

struct rpm_side {
	enum rpm_res r;
	const struct fc_policy_build *build;
	const struct fc_policy_compliant *rule;
	bool by_glob;
	struct fc_buf installed, other_arch, problems;
};

static void rpm_side_free(struct rpm_side *rs)
{
	fc_buf_free(&rs->installed);
	fc_buf_free(&rs->other_arch);
	fc_buf_free(&rs->problems);
}

static const char *pkg_ref(const struct fc_policy_pkg *pk)
{
	return pk->evr ? pk->evr : pk->evr_glob;
}

static const struct fc_installed_pkg *
host_pkg(const struct fc_vstate *st, enum fc_module m, const char *arch,
	 const char *name, const char *ref)
{
	for (size_t i = 0; i < st->n_pkgs; i++) {
		const struct fc_installed_pkg *p = &st->pkgs[i];
		if (p->module == m && fc_streq(p->arch, arch) &&
		    fc_streq(p->name, name) &&
		    (!ref || (p->cls == FC_PKG_VALIDATED &&
			      fc_streq(p->ref, ref))))
			return p;
	}
	return NULL;
}

/* Is every package of b installed as that build? */
static bool build_installed(const struct fc_vstate *st, enum fc_module m,
			    const char *arch, const struct fc_policy_build *b,
			    size_t *n_have)
{
	*n_have = 0;
	for (size_t k = 0; k < b->n_pkgs; k++)
		if (host_pkg(st, m, arch, b->pkgs[k].name, pkg_ref(&b->pkgs[k])))
			(*n_have)++;
	return b->n_pkgs && *n_have == b->n_pkgs;
}

static const char *relation_phrase(enum fc_pkg_relation r)
{
	switch (r) {
	case FC_REL_OLDER:
		return ", older than the validated build";
	case FC_REL_NEWER:
		return ", newer than the validated build";
	case FC_REL_BETWEEN:
		return ", between validated builds";
	case FC_REL_EPOCH_DIFFERS:
		return ", differs from the validated build only in its epoch";
	case FC_REL_NONE:
	default:
		return "";
	}
}

static void rpm_judge(const struct fc_vstate *st, enum fc_module m,
		      const char *arch, struct rpm_side *rs)
{
	const struct fc_policy *t = st->table;
	const struct fc_policy_module *mo = &t->modules[m];
	if (!st->rpm_ok) {
		rs->r = R_UNAVAIL;
		return;
	}
	size_t n_host = 0, n_valid = 0, n_compl = 0, n_inproc = 0, n_unj = 0;
	const struct fc_installed_pkg *first_compl = NULL, *first_inproc = NULL;
	for (size_t i = 0; i < st->n_pkgs; i++) {
		const struct fc_installed_pkg *p = &st->pkgs[i];
		if (p->module != m)
			continue;
		if (!fc_streq(p->arch, arch)) {
			/* i686 multilib copies on x86_64 are not validated. */
			fc_buf_addf(&rs->other_arch, "%s%s",
				    rs->other_arch.len ? " " : "", p->nevra);
			continue;
		}
		n_host++;
		fc_buf_addf(&rs->installed, "%s%s", rs->installed.len ? " " : "",
			    p->nevra);
		switch (p->cls) {
		case FC_PKG_VALIDATED:
			n_valid++;
			break;
		case FC_PKG_COMPLIANT:
			n_compl++;
			first_compl = first_compl ? first_compl : p;
			break;
		case FC_PKG_IN_PROCESS:
			n_inproc++;
			first_inproc = first_inproc ? first_inproc : p;
			fc_buf_addf(&rs->problems, "%s%s is the build in CMVP "
						   "review (not yet validated)",
				    rs->problems.len ? "; " : "", p->nevra);
			break;
		case FC_PKG_UNJUDGED:
			n_unj++;
			break;
		case FC_PKG_UNLISTED:
		default:
			fc_buf_addf(&rs->problems, "%s%s is not a validated "
						   "build%s",
				    rs->problems.len ? "; " : "", p->nevra,
				    relation_phrase(p->rel));
			break;
		}
	}
	if (n_host == 0) {
		rs->r = R_NONE;
		return;
	}
	if (n_unj == n_host) {
		rs->r = R_UNJUDGED;
		return;
	}
	const struct fc_policy_build *best = NULL;
	size_t best_have = 0, it = 0;
	for (const struct fc_policy_build *b =
		     fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it);
	     b; b = fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it)) {
		size_t have;
		if (build_installed(st, m, arch, b, &have)) {
			rs->r = R_VALIDATED;
			rs->build = b;
			for (size_t k = 0; k < b->n_pkgs; k++)
				rs->by_glob |= !b->pkgs[k].evr;
			return;
		}
		if (have > best_have) {
			best = b;
			best_have = have;
		}
	}
	if (n_compl && n_valid + n_compl == n_host) {
		rs->r = R_COMPLIANT;
		rs->rule = fc_policy_find_rule(t, m, arch, first_compl->name,
					       first_compl->ref);
		return;
	}
	if (n_inproc && n_inproc + n_valid == n_host && !best) {
		rs->r = R_IN_PROCESS;
		rs->build = fc_policy_find_build(t, m, arch, first_inproc->name,
						 first_inproc->ref, NULL);
		return;
	}
	rs->r = R_UNVALIDATED;
	/* Part of a validated build is there: say what is missing. */
	for (size_t k = 0; best && k < best->n_pkgs; k++) {
		const struct fc_policy_pkg *pk = &best->pkgs[k];
		if (host_pkg(st, m, arch, pk->name, pkg_ref(pk)))
			continue;
		fc_buf_addf(&rs->problems, "%s%s %s of the validated build is "
					   "not installed",
			    rs->problems.len ? "; " : "", pk->name, pkg_ref(pk));
	}
}

static const char *rpm_res_phrase(const struct rpm_side *rs)
{
	switch (rs->r) {
	case R_NONE:
		return "no package of the module is installed";
	case R_VALIDATED:
		return rs->by_glob ? "the installed packages match a validated "
				     "build by version-release only (the "
				     "source names no exact build)"
				   : "the installed packages are a validated "
				     "build";
	case R_COMPLIANT:
		return "the installed packages are FIPS-compliant patched "
		       "builds";
	case R_IN_PROCESS:
		return "the installed packages are the build in CMVP review";
	case R_UNJUDGED:
		return "the table names no packages for this module";
	case R_UNVALIDATED:
		return "the installed packages are not a validated build";
	case R_UNAVAIL:
	default:
		return "not read";
	}
}

static void rpm_facts(struct fc_finding *f, const struct fc_vstate *st,
		      const struct rpm_side *rs)
{
	if (rs->r == R_UNAVAIL)
		fc_finding_fact(f, "rpm_match", "not checked: %s", st->rpm_why);
	else if (rs->problems.len)
		fc_finding_fact(f, "rpm_match", "%s: %s", rpm_res_phrase(rs),
				rs->problems.data);
	else
		fc_finding_fact(f, "rpm_match", "%s", rpm_res_phrase(rs));
	if (rs->r != R_UNAVAIL)
		fc_finding_fact(f, "installed", "%s",
				rs->installed.len ? rs->installed.data : "none");
	if (rs->other_arch.len)
		fc_finding_fact(f, "other_arch_packages", "%s (not validated: "
							  "the table covers %s "
							  "only)",
				rs->other_arch.data, st->host->arch);
}

static void runtime_facts(struct fc_finding *f, const struct runtime *rt)
{
	if (!rt->version)
		fc_finding_fact(f, "runtime_match", "not checked: %s", rt->why);
	else if (rt->match)
		fc_finding_fact(f, "runtime_match",
				"module version %s is the validated build%s",
				rt->version,
				fc_build_is_validated(rt->match)
					? ""
					: " in CMVP review (not yet validated)");
	else if (rt->listed)
		fc_finding_fact(f, "runtime_match",
				"module version %s%s%s is not a validated build",
				rt->version, rt->name ? " of " : "",
				rt->name ? rt->name : "");
	else
		fc_finding_fact(f, "runtime_match",
				"module version %s read; the table lists no "
				"module version for this architecture",
				rt->version);
	if (rt->version)
		fc_finding_fact(f, "module_version", "%s", rt->version);
	if (rt->name)
		fc_finding_fact(f, "module_name", "%s", rt->name);
}

static void validated_list(struct fc_finding *f,
			   const struct fc_policy_module *mo, const char *arch)
{
	struct fc_buf b = { 0 };
	size_t it = 0;
	for (const struct fc_policy_build *bd =
		     fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it);
	     bd; bd = fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it)) {
		for (size_t k = 0; k < bd->n_pkgs; k++)
			fc_buf_addf(&b, "%s%s-%s", b.len ? " " : "",
				    bd->pkgs[k].name, pkg_ref(&bd->pkgs[k]));
		if (!bd->n_pkgs && bd->module_version)
			fc_buf_addf(&b, "%smodule version %s", b.len ? " " : "",
				    bd->module_version);
	}
	if (b.len)
		fc_finding_fact(f, "validated_builds", "%s", b.data);
	fc_buf_free(&b);
}

/* Summary tail that says what was not checked, so a pass under --root is
 * never mistaken for a runtime check. */
static char *not_checked_tail(const struct runtime *rt, const struct rpm_side *rs)
{
	if (!rt->version && rs->r != R_UNAVAIL)
		return fc_strdup("; runtime module identifier not checked");
	if (rt->version && rs->r == R_UNAVAIL)
		return fc_strdup("; installed packages not checked");
	return fc_strdup("");
}

/* "libgcrypt-1.10.0-10.el9_2.tuxcare.3": the packages of the first
 * validated build with exact EVRs for arch, for a dnf command line. */
static char *exact_build_packages(const struct fc_policy_module *mo,
				  const char *arch)
{
	size_t it = 0;
	for (const struct fc_policy_build *b =
		     fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it);
	     b; b = fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it)) {
		bool exact = b->n_pkgs > 0;
		for (size_t k = 0; k < b->n_pkgs; k++)
			exact &= b->pkgs[k].evr != NULL;
		if (!exact)
			continue;
		struct fc_buf buf = { 0 };
		for (size_t k = 0; k < b->n_pkgs; k++)
			fc_buf_addf(&buf, "%s%s-%s", k ? " " : "",
				    b->pkgs[k].name, b->pkgs[k].evr);
		return fc_buf_steal(&buf);
	}
	return NULL;
}

/* "openssl-fips-provider" or "nss-softokn or nss-softokn-freebl". */
static char *module_packages(const struct fc_policy_module *mo)
{
	struct fc_buf b = { 0 };
	struct fc_pkg_walk w = FC_PKG_WALK(mo, NULL, 0, NULL);
	for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
	     pk = fc_pkg_walk_next(&w))
		if (!b.data || !strstr(b.data, pk->name))
			fc_buf_addf(&b, "%s%s", b.len ? " or " : "", pk->name);
	return b.len ? fc_buf_steal(&b) : fc_strdup("listed");
}

static void judge_module(struct fc_ctx *ctx, enum fc_module m,
			 struct fc_finding *f, const struct fc_vstate *st)
{
	const struct fc_policy *t = st->table;
	const struct fc_policy_module *mo = &t->modules[m];
	const char *arch = st->host->arch ? st->host->arch : "unknown";
	const char *mname = fc_module_name(m);
	struct runtime rt = { 0 };
	struct rpm_side rs = { 0 };
	enum fc_verdict v;
	enum fc_status status;
	_cleanup_free_ char *summary = NULL;

	runtime_read(ctx, m, &rt);
	runtime_match(mo, arch, &rt);
	rpm_judge(st, m, arch, &rs);
	fc_vfacts_table(f, st);
	fc_finding_fact(f, "arch", "%s", arch);
	runtime_facts(f, &rt);
	rpm_facts(f, st, &rs);
	if (mo->note)
		fc_finding_fact(f, "table_note", "%s", mo->note);
	_cleanup_free_ char *tail = not_checked_tail(&rt, &rs);

	const struct fc_policy_gap *gap = NULL;
	enum fc_coverage cov = fc_policy_coverage(t, m, arch, &gap);
	if (cov == FC_COVER_NO) {
		if (gap) {
			fc_finding_fact(f, "not_covered_reason", "%s", gap->reason);
			fc_vfacts_prov(f, "not_covered", &gap->prov);
		}
		if (rs.r == R_NONE && !rt.version) {
			v = FC_V_NOT_INSTALLED;
			summary = fc_asprintf("%s is not installed (the table %s "
					      "has no validated %s module for "
					      "%s)",
					      mname, t->name, mname, arch);
		} else if (rs.r == R_UNAVAIL && !rt.version) {
			v = FC_V_UNKNOWN;
			summary = fc_asprintf("not judged: no validated %s module "
					      "for %s in %s, and whether %s is "
					      "installed is not known (%s)",
					      mname, arch, t->name, mname,
					      st->rpm_why);
		} else {
			v = FC_V_NOT_COVERED;
			summary = fc_asprintf("not covered: %s has no validated "
					      "%s module for %s%s%s%s",
					      t->name, mname, arch,
					      gap ? " (" : "",
					      gap ? gap->reason : "",
					      gap ? ")" : " (only builds in "
							  "CMVP review)");
		}
		status = fc_verdict_status(ctx, v);
		goto out;
	}
	if (cov == FC_COVER_UNKNOWN) {
		v = FC_V_UNKNOWN;
		summary = fc_asprintf("not judged: the table %s lists no %s "
				      "builds for %s",
				      t->name, mname, arch);
		status = fc_verdict_status(ctx, v);
		goto out;
	}

	const struct fc_policy_build *b = NULL;
	const struct fc_policy_compliant *rule = NULL;
	bool disagree = false;
	if (rt.version && rt.match && fc_build_is_validated(rt.match)) {
		v = FC_V_VALIDATED;
		b = rt.match;
		disagree = rs.r == R_UNVALIDATED || rs.r == R_COMPLIANT;
	} else if (rt.version && rt.listed) {
		v = rs.r == R_COMPLIANT ? FC_V_COMPLIANT : FC_V_UNVALIDATED;
		rule = rs.rule;
	} else {
		switch (rs.r) {
		case R_VALIDATED:
			v = FC_V_VALIDATED;
			b = rs.build;
			break;
		case R_COMPLIANT:
			v = FC_V_COMPLIANT;
			rule = rs.rule;
			break;
		case R_IN_PROCESS:
		case R_UNVALIDATED:
			v = FC_V_UNVALIDATED;
			break;
		case R_NONE:
			v = rt.version ? FC_V_UNKNOWN : FC_V_NOT_INSTALLED;
			break;
		case R_UNJUDGED:
		case R_UNAVAIL:
		default:
			v = FC_V_UNKNOWN;
			break;
		}
	}
	status = fc_verdict_status(ctx, v);

	if (v == FC_V_VALIDATED) {
		fc_vfacts_build(f, b);
		_cleanup_free_ char *cert = fc_vcert_phrase(b);
		const char *what = rs.r == R_VALIDATED && rs.installed.len
					   ? rs.installed.data
					   : rt.version;
		_cleanup_free_ char *other =
			rs.other_arch.len
				? fc_asprintf("; not validated: %s",
					      rs.other_arch.data)
				: fc_strdup("");
		summary = fc_asprintf("validated build %s, %s%s%s%s%s", what,
				      cert, fc_voe_phrase(st),
				      disagree ? "; but the installed packages "
						 "are not that build"
					       : "",
				      other, tail);
		if (b->cert.status == FC_CERT_HISTORICAL ||
		    b->cert.status == FC_CERT_UNKNOWN || disagree ||
		    rs.other_arch.len)
			status = FC_STATUS_WARN;
		if (rs.r == R_VALIDATED && rs.by_glob && !rt.match) {
			/* Only the version-release is known: not proof of
			 * the exact certified build a strict site needs. */
			status = ctx->opts.strict ? FC_STATUS_FAIL
						  : FC_STATUS_WARN;
			fc_finding_fact(f, "match_precision", "version-release "
							      "pattern");
		}
	} else if (v == FC_V_COMPLIANT) {
		const struct fc_policy_build *base = NULL;
		if (rule) {
			fc_vfacts_rule(f, rule);
			base = fc_policy_validated_by_evr(t, m, arch,
							  rule->package,
							  rule->newer_than);
		}
		if (base)
			fc_vfacts_build(f, base);
		_cleanup_free_ char *cert =
			base ? fc_vcert_phrase(base) : fc_strdup("");
		summary = fc_asprintf("compliant: %s is a patched build the "
				      "vendor states keeps the validated "
				      "crypto of %s (%s), not the exact "
				      "validated build%s",
				      rs.installed.data ? rs.installed.data : "?",
				      rule ? rule->newer_than : "?", cert, tail);
	} else if (v == FC_V_UNVALIDATED) {
		validated_list(f, mo, arch);
		if (rt.version && rt.listed)
			summary = fc_asprintf("unvalidated: the running module "
					      "version %s is not a validated "
					      "build%s%s",
					      rt.version,
					      rs.problems.len ? "; " : "",
					      rs.problems.len ? rs.problems.data
							      : "");
		else
			summary = fc_asprintf("unvalidated: %s%s",
					      rs.problems.len ? rs.problems.data
							      : "not a validated "
								"build",
					      tail);
		_cleanup_free_ char *pkgs = exact_build_packages(mo, arch);
		if (pkgs)
			fc_finding_remedy(f, "dnf install %s && dnf versionlock "
					     "add %s",
					  pkgs, pkgs);
		else
			fc_finding_remedy(f, "install the validated build (see "
					     "'fipsctl policy show %s')",
					  t->name);
	} else if (v == FC_V_NOT_INSTALLED) {
		_cleanup_free_ char *names = module_packages(mo);
		summary = fc_asprintf("%s is not installed (no %s package): "
				      "nothing to judge",
				      mname, names);
	} else {
		validated_list(f, mo, arch);
		if (rs.r == R_UNJUDGED)
			summary = fc_asprintf("not judged: the table %s names "
					      "no %s packages and the runtime "
					      "identifier is not available (%s)",
					      t->name, mname,
					      rt.why ? rt.why : "not listed");
		else if (rs.r == R_NONE)
			summary = fc_asprintf("not judged: the running module "
					      "%s is not listed and no %s "
					      "package is installed",
					      rt.version, mname);
		else
			summary = fc_asprintf("not judged: neither the runtime "
					      "identifier (%s) nor the "
					      "installed packages (%s) could "
					      "be read",
					      rt.why ? rt.why : "not listed",
					      st->rpm_why ? st->rpm_why
							  : "none listed");
	}
out:
	fc_finding_fact(f, "verdict", "%s", fc_verdict_name(v));
	fc_finding_status(f, status, "%s", summary);
	free(rt.why);
	free(rt.from);
	rpm_side_free(&rs);
}

static int run_module(struct fc_ctx *ctx)
{
	const char *id = ctx->current->id;
	enum fc_module m;
	/* The descriptor's id names the module: "validated.<module>". */
	if (!fc_startswith(id, "validated.") ||
	    fc_module_from_name(id + strlen("validated."), &m) < 0)
		return -EINVAL;
	const struct fc_vstate *st;
	struct fc_finding *f;
	if (fc_vstart(ctx, m, &f, &st))
		judge_module(ctx, m, f, st);
	return 0;
}

/* --- descriptors ----------------------------------------------------------- */

const struct fc_check fc_check_validated_policy = {
	.id = "validated.policy",
	.area = "validated",
	.title = "Validated-module table for this host",
	.requirement = REQ_TABLES,
	.run = run_policy,
	.after_probes = true,
	.uses_policy = true,
};

const struct fc_check fc_check_validated_rpmdb = {
	.id = "validated.rpmdb",
	.area = "validated",
	.title = "Installed FIPS module packages (rpmdb)",
	.requirement = REQ_TABLES "; the installed module packages (name, epoch, "
		       "version, release, arch) read from the rpmdb with "
		       "librpm, and compared with the validated builds by "
		       "rpm's own version comparison",
	.probe = "rpmdb",
	.uses_policy = true,
};

#define MODULE_CHECK(sym, mod, label)                                          \
	const struct fc_check sym = {                                          \
		.id = "validated." mod,                                        \
		.area = "validated",                                           \
		.title = label " is a validated build",                        \
		.requirement = REQ_TABLES "; " label " module: runtime "      \
			       "module identifier first, installed "           \
			       "packages second, both reported",               \
		.run = run_module,                                             \
		.after_probes = true,                                          \
		.uses_policy = true,                                           \
	}

MODULE_CHECK(fc_check_validated_openssl, "openssl", "OpenSSL FIPS provider");
MODULE_CHECK(fc_check_validated_libgcrypt, "libgcrypt", "libgcrypt");
MODULE_CHECK(fc_check_validated_nss, "nss", "NSS softoken");
MODULE_CHECK(fc_check_validated_gnutls, "gnutls", "GnuTLS");
