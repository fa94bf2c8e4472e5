// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Validated-version verdicts for OpenSSL, libgcrypt, NSS and GnuTLS:
 * whether the running module and the installed packages are the
 * validated builds.  Which table applies is checks/validated-policy.c,
 * the running and default boot kernel are checks/validated-kernel.c,
 * and what they share is checks/verdict.c.
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
		rt->why = fc_vabsent_why(ctx->report, sum_id);
	else if (s)
		rt->why = fc_asprintf("%s reports no module version (%s)",
				      sum_id, s->summary ? s->summary : "");
	else
		rt->why = fc_vabsent_why(ctx->report, sum_id);
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

struct rpm_side {
	enum fc_vrpm r;
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
		rs->r = FC_VRPM_UNAVAIL;
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
		rs->r = rs->other_arch.len ? FC_VRPM_OTHER_ARCH : FC_VRPM_NONE;
		return;
	}
	if (n_unj == n_host) {
		rs->r = FC_VRPM_UNJUDGED;
		return;
	}
	const struct fc_policy_build *best = NULL;
	size_t best_have = 0, it = 0;
	for (const struct fc_policy_build *b =
		     fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it);
	     b; b = fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &it)) {
		size_t have;
		if (build_installed(st, m, arch, b, &have)) {
			rs->r = FC_VRPM_VALIDATED;
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
		rs->r = FC_VRPM_COMPLIANT;
		rs->rule = fc_policy_find_rule(t, m, arch, first_compl->name,
					       first_compl->ref);
		return;
	}
	if (n_inproc && n_inproc + n_valid == n_host && !best) {
		rs->r = FC_VRPM_IN_PROCESS;
		rs->build = fc_policy_find_build(t, m, arch, first_inproc->name,
						 first_inproc->ref, NULL);
		return;
	}
	rs->r = FC_VRPM_UNVALIDATED;
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
	case FC_VRPM_NONE:
		return "no package of the module is installed";
	case FC_VRPM_OTHER_ARCH:
		return "no package of the module is installed for this "
		       "architecture";
	case FC_VRPM_VALIDATED:
		return rs->by_glob ? "the installed packages match a validated "
				     "build by version-release only (the "
				     "source names no exact build)"
				   : "the installed packages are a validated "
				     "build";
	case FC_VRPM_COMPLIANT:
		return "the installed packages are FIPS-compliant patched "
		       "builds";
	case FC_VRPM_IN_PROCESS:
		return "the installed packages are the build in CMVP review";
	case FC_VRPM_UNJUDGED:
		return "the table names no packages for this module";
	case FC_VRPM_UNVALIDATED:
		return "the installed packages are not a validated build";
	case FC_VRPM_UNAVAIL:
	default:
		return "not read";
	}
}

static void rpm_facts(struct fc_finding *f, const struct fc_vstate *st,
		      const char *arch, const struct rpm_side *rs)
{
	if (rs->r == FC_VRPM_UNAVAIL)
		fc_finding_fact(f, "rpm_match", "not checked: %s", st->rpm_why);
	else if (rs->problems.len)
		fc_finding_fact(f, "rpm_match", "%s: %s", rpm_res_phrase(rs),
				rs->problems.data);
	else
		fc_finding_fact(f, "rpm_match", "%s", rpm_res_phrase(rs));
	if (rs->r != FC_VRPM_UNAVAIL)
		fc_finding_fact(f, "installed", "%s",
				rs->installed.len ? rs->installed.data : "none");
	if (rs->other_arch.len)
		fc_finding_fact(f, "other_arch_packages",
				"%s (installed, not validated: the "
				"validated builds are %s)",
				rs->other_arch.data, arch);
}

/*
 * i686 packages of a module on x86_64 (dnf's multilib) are built from the
 * same source as the x86_64 ones, but a CMVP certificate names the
 * operational environments it was tested on, and the tables list the
 * host architecture's builds only: they are installed and not validated.
 * They are reported with every verdict and change none, since the host
 * architecture's module is the one its programs load.
 */
static const char *other_arch_phrase(const struct rpm_side *rs,
				     const char *arch, char **buf)
{
	if (!rs->other_arch.len)
		return "";
	*buf = fc_asprintf("; installed but not validated: %s (another "
			   "architecture's build: the validated module is "
			   "the %s build)",
			   rs->other_arch.data, arch);
	return *buf;
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
	if (!rt->version && rs->r != FC_VRPM_UNAVAIL)
		return fc_strdup("; runtime module identifier not checked");
	if (rt->version && rs->r == FC_VRPM_UNAVAIL)
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


/* --- the verdict --------------------------------------------------------- */

static const enum fc_verdict outcome_verdict[] = {
	[FC_VJ_NOT_COVERED] = FC_V_NOT_COVERED,
	[FC_VJ_NOT_COVERED_ABSENT] = FC_V_NOT_INSTALLED,
	[FC_VJ_NOT_COVERED_UNREAD] = FC_V_UNKNOWN,
	[FC_VJ_NO_BUILDS] = FC_V_UNKNOWN,
	[FC_VJ_NO_BUILDS_ABSENT] = FC_V_NOT_INSTALLED,
	[FC_VJ_VALIDATED_RUNTIME] = FC_V_VALIDATED,
	[FC_VJ_VALIDATED_DISAGREE] = FC_V_VALIDATED,
	[FC_VJ_VALIDATED_PACKAGES] = FC_V_VALIDATED,
	[FC_VJ_VALIDATED_PATTERN] = FC_V_VALIDATED,
	[FC_VJ_COMPLIANT] = FC_V_COMPLIANT,
	[FC_VJ_IN_PROCESS] = FC_V_IN_PROCESS,
	[FC_VJ_UNVALIDATED_RUNTIME] = FC_V_UNVALIDATED,
	[FC_VJ_UNVALIDATED_PACKAGES] = FC_V_UNVALIDATED,
	[FC_VJ_NOT_INSTALLED] = FC_V_NOT_INSTALLED,
	[FC_VJ_OTHER_ARCH_ONLY] = FC_V_UNVALIDATED,
	[FC_VJ_UNJUDGED] = FC_V_UNKNOWN,
	[FC_VJ_UNLISTED_RUNTIME] = FC_V_UNKNOWN,
	[FC_VJ_UNREAD] = FC_V_UNKNOWN,
};

/* The runtime identifier decides when the table lists it; the installed
 * packages otherwise. */
static enum fc_vjudge_outcome decide_outcome(const struct fc_vjudge_in *in)
{
	/* The build in CMVP review, running or installed, is not validated
	 * whether or not the table has a validated one for the arch. */
	if (!(in->runtime_read && in->runtime_validated)) {
		if (in->runtime_read && in->runtime_in_process)
			return FC_VJ_IN_PROCESS;
		if (in->rpm == FC_VRPM_IN_PROCESS &&
		    !(in->runtime_read && in->runtime_listed))
			return FC_VJ_IN_PROCESS;
	}
	if (in->coverage == FC_COVER_NO) {
		if (in->rpm == FC_VRPM_NONE && !in->runtime_read)
			return FC_VJ_NOT_COVERED_ABSENT;
		if (in->rpm == FC_VRPM_UNAVAIL && !in->runtime_read)
			return FC_VJ_NOT_COVERED_UNREAD;
		return FC_VJ_NOT_COVERED;
	}
	if (in->coverage == FC_COVER_UNKNOWN)
		return in->rpm == FC_VRPM_NONE && !in->runtime_read
			       ? FC_VJ_NO_BUILDS_ABSENT
			       : FC_VJ_NO_BUILDS;
	if (in->runtime_read && in->runtime_validated)
		return in->rpm == FC_VRPM_UNVALIDATED ||
				       in->rpm == FC_VRPM_COMPLIANT
			       ? FC_VJ_VALIDATED_DISAGREE
			       : FC_VJ_VALIDATED_RUNTIME;
	if (in->runtime_read && in->runtime_listed)
		return in->rpm == FC_VRPM_COMPLIANT ? FC_VJ_COMPLIANT
						    : FC_VJ_UNVALIDATED_RUNTIME;
	switch (in->rpm) {
	case FC_VRPM_VALIDATED:
		return in->rpm_by_glob ? FC_VJ_VALIDATED_PATTERN
				       : FC_VJ_VALIDATED_PACKAGES;
	case FC_VRPM_COMPLIANT:
		return FC_VJ_COMPLIANT;
	case FC_VRPM_IN_PROCESS: /* the running module is another one */
	case FC_VRPM_UNVALIDATED:
		return FC_VJ_UNVALIDATED_PACKAGES;
	case FC_VRPM_NONE:
		return in->runtime_read ? FC_VJ_UNLISTED_RUNTIME
					: FC_VJ_NOT_INSTALLED;
	case FC_VRPM_OTHER_ARCH:
		return in->runtime_read ? FC_VJ_UNLISTED_RUNTIME
					: FC_VJ_OTHER_ARCH_ONLY;
	case FC_VRPM_UNJUDGED:
		return FC_VJ_UNJUDGED;
	case FC_VRPM_UNAVAIL:
	default:
		return FC_VJ_UNREAD;
	}
}

struct fc_vjudge fc_vjudge_decide(const struct fc_vjudge_in *in)
{
	struct fc_vjudge j = { .outcome = decide_outcome(in) };
	j.verdict = outcome_verdict[j.outcome];
	j.status = fc_verdict_status(in->strict, j.verdict);
	/* Only programs of the other architecture (32-bit ones) can load
	 * it: a warning, a failure where only validated builds may be. */
	if (j.outcome == FC_VJ_OTHER_ARCH_ONLY && !in->strict)
		j.status = FC_STATUS_WARN;
	if (j.verdict != FC_V_VALIDATED)
		return j;
	bool by_runtime = j.outcome == FC_VJ_VALIDATED_RUNTIME ||
			  j.outcome == FC_VJ_VALIDATED_DISAGREE;
	/* The certificate on the check day: past its sunset, not yet
	 * issued, revoked or unknown is not an unqualified pass. */
	enum fc_life cert = by_runtime ? in->runtime_cert : in->rpm_cert;
	j.status = fc_status_worse(j.status,
				   fc_life_status_for(in->strict, cert));
	if (j.outcome == FC_VJ_VALIDATED_DISAGREE)
		j.status = fc_status_worse(j.status, FC_STATUS_WARN);
	/* Only the version-release is known: not proof of the exact
	 * certified build a strict site needs. */
	if (j.outcome == FC_VJ_VALIDATED_PATTERN)
		j.status = fc_status_worse(j.status, in->strict
							     ? FC_STATUS_FAIL
							     : FC_STATUS_WARN);
	return j;
}

/* --- one summary per outcome ---------------------------------------------- */

/* A module being judged: what was read, and the finding. */
struct judging {
	struct fc_finding *f;
	const struct fc_vstate *st;
	const struct fc_policy *t;
	const struct fc_policy_module *mo;
	enum fc_module m;
	const char *arch, *mname;
	const struct fc_policy_gap *gap;
	struct runtime rt;
	struct rpm_side rs;
	char *tail; /* not_checked_tail() */
};

static char *sum_not_covered(const struct judging *j, enum fc_vjudge_outcome o)
{
	if (o == FC_VJ_NOT_COVERED_ABSENT)
		return fc_asprintf("%s is not installed (the table %s has no "
				   "validated %s module for %s)",
				   j->mname, j->t->name, j->mname, j->arch);
	if (o == FC_VJ_NOT_COVERED_UNREAD)
		return fc_asprintf("not judged: no validated %s module for %s "
				   "in %s, and whether %s is installed is not "
				   "known (%s)",
				   j->mname, j->arch, j->t->name, j->mname,
				   j->st->rpm_why);
	return fc_asprintf("not covered: %s has no validated %s module for "
			   "%s%s%s%s",
			   j->t->name, j->mname, j->arch, j->gap ? " (" : "",
			   j->gap ? j->gap->reason : "",
			   j->gap ? ")" : " (only builds in CMVP review)");
}

static char *sum_no_builds(const struct judging *j, enum fc_vjudge_outcome o)
{
	if (o == FC_VJ_NO_BUILDS_ABSENT)
		return fc_asprintf("%s is not installed (the table %s lists no "
				   "%s builds for %s)",
				   j->mname, j->t->name, j->mname, j->arch);
	return fc_asprintf("not judged: the table %s lists no %s builds for %s",
			   j->t->name, j->mname, j->arch);
}

static char *sum_validated(const struct judging *j, enum fc_vjudge_outcome o)
{
	bool by_runtime = o == FC_VJ_VALIDATED_RUNTIME ||
			  o == FC_VJ_VALIDATED_DISAGREE;
	const struct fc_policy_build *b = by_runtime ? j->rt.match
						     : j->rs.build;
	fc_vfacts_build(j->f, j->st, b);
	_cleanup_free_ char *cert = fc_vcert_phrase(j->st, b);
	const char *what = j->rs.r == FC_VRPM_VALIDATED && j->rs.installed.len
				   ? j->rs.installed.data
				   : j->rt.version;
	if (o == FC_VJ_VALIDATED_PATTERN)
		fc_finding_fact(j->f, "match_precision",
				"version-release pattern");
	return fc_asprintf("validated build %s, %s%s%s%s", what, cert,
			   fc_voe_phrase(j->st),
			   o == FC_VJ_VALIDATED_DISAGREE
				   ? "; but the installed packages are not "
				     "that build"
				   : "",
			   j->tail);
}

static char *sum_compliant(const struct judging *j, enum fc_vjudge_outcome o)
{
	(void)o;
	const struct fc_policy_compliant *rule = j->rs.rule;
	const struct fc_policy_build *base = NULL;
	if (rule) {
		fc_vfacts_rule(j->f, rule);
		base = fc_policy_validated_by_evr(j->t, j->m, j->arch,
						  rule->package,
						  rule->newer_than);
	}
	if (base)
		fc_vfacts_build(j->f, j->st, base);
	_cleanup_free_ char *cert = base ? fc_vcert_phrase(j->st, base)
					 : fc_strdup("");
	return fc_asprintf("compliant: %s is a patched build the vendor "
			   "states keeps the validated crypto of %s (%s), "
			   "not the exact validated build%s",
			   j->rs.installed.data ? j->rs.installed.data : "?",
			   rule ? rule->newer_than : "?", cert, j->tail);
}

static char *sum_in_process(const struct judging *j, enum fc_vjudge_outcome o)
{
	(void)o;
	const struct fc_policy_build *b =
		j->rt.match && !fc_build_is_validated(j->rt.match) ? j->rt.match
								    : j->rs.build;
	const char *what = j->rs.r == FC_VRPM_IN_PROCESS && j->rs.installed.len
				   ? j->rs.installed.data
				   : j->rt.version;
	if (b)
		fc_vfacts_build(j->f, j->st, b);
	_cleanup_free_ char *cert = b ? fc_vcert_phrase(j->st, b)
				      : fc_strdup("in CMVP review, not "
						  "validated");
	_cleanup_free_ char *pkgs = exact_build_packages(j->mo, j->arch);
	if (pkgs)
		fc_finding_remedy(j->f,
				  "dnf install %s && dnf versionlock add %s "
				  "(the validated build), or wait for the "
				  "certificate",
				  pkgs, pkgs);
	return fc_asprintf("in process: %s, %s%s%s", what ? what : "the module",
			   cert, fc_voe_phrase(j->st), j->tail);
}

static char *sum_unvalidated(const struct judging *j, enum fc_vjudge_outcome o)
{
	const struct rpm_side *rs = &j->rs;
	validated_list(j->f, j->mo, j->arch);
	_cleanup_free_ char *pkgs = exact_build_packages(j->mo, j->arch);
	if (pkgs)
		fc_finding_remedy(j->f,
				  "dnf install %s && dnf versionlock add %s",
				  pkgs, pkgs);
	else
		fc_finding_remedy(j->f,
				  "install the validated build (see 'fipsctl "
				  "policy show %s')",
				  j->t->name);
	if (o == FC_VJ_UNVALIDATED_RUNTIME)
		return fc_asprintf("unvalidated: the running module version "
				   "%s is not a validated build%s%s",
				   j->rt.version, rs->problems.len ? "; " : "",
				   rs->problems.len ? rs->problems.data : "");
	return fc_asprintf("unvalidated: %s%s",
			   rs->problems.len ? rs->problems.data
					    : "not a validated build",
			   j->tail);
}

static char *sum_not_installed(const struct judging *j,
			       enum fc_vjudge_outcome o)
{
	(void)o;
	_cleanup_free_ char *names = module_packages(j->mo);
	return fc_asprintf("%s is not installed (no %s package): nothing to "
			   "judge",
			   j->mname, names);
}

static char *sum_other_arch_only(const struct judging *j,
				 enum fc_vjudge_outcome o)
{
	(void)o;
	_cleanup_free_ char *names = module_packages(j->mo);
	fc_finding_remedy(j->f,
			  "install the validated %s build (see 'fipsctl "
			  "policy show %s'), or remove %s",
			  j->arch, j->t->name, j->rs.other_arch.data);
	return fc_asprintf("unvalidated: %s is installed for another "
			   "architecture only (no %s package for %s)",
			   j->mname, names, j->arch);
}

static char *sum_not_judged(const struct judging *j, enum fc_vjudge_outcome o)
{
	validated_list(j->f, j->mo, j->arch);
	if (o == FC_VJ_UNJUDGED)
		return fc_asprintf("not judged: the table %s names no %s "
				   "packages and the runtime identifier is "
				   "not available (%s)",
				   j->t->name, j->mname,
				   j->rt.why ? j->rt.why : "not listed");
	if (o == FC_VJ_UNLISTED_RUNTIME)
		return fc_asprintf("not judged: the running module %s is not "
				   "listed and no %s package is installed",
				   j->rt.version, j->mname);
	return fc_asprintf("not judged: neither the runtime identifier (%s) "
			   "nor the installed packages (%s) could be read",
			   j->rt.why ? j->rt.why : "not listed",
			   j->st->rpm_why ? j->st->rpm_why : "none listed");
}

/* The writer of each outcome's summary; it adds the facts and the remedy
 * that go with it. */
static char *(*const summaries[])(const struct judging *j,
				  enum fc_vjudge_outcome o) = {
	[FC_VJ_NOT_COVERED] = sum_not_covered,
	[FC_VJ_NOT_COVERED_ABSENT] = sum_not_covered,
	[FC_VJ_NOT_COVERED_UNREAD] = sum_not_covered,
	[FC_VJ_NO_BUILDS] = sum_no_builds,
	[FC_VJ_NO_BUILDS_ABSENT] = sum_no_builds,
	[FC_VJ_VALIDATED_RUNTIME] = sum_validated,
	[FC_VJ_VALIDATED_DISAGREE] = sum_validated,
	[FC_VJ_VALIDATED_PACKAGES] = sum_validated,
	[FC_VJ_VALIDATED_PATTERN] = sum_validated,
	[FC_VJ_COMPLIANT] = sum_compliant,
	[FC_VJ_IN_PROCESS] = sum_in_process,
	[FC_VJ_UNVALIDATED_RUNTIME] = sum_unvalidated,
	[FC_VJ_UNVALIDATED_PACKAGES] = sum_unvalidated,
	[FC_VJ_NOT_INSTALLED] = sum_not_installed,
	[FC_VJ_OTHER_ARCH_ONLY] = sum_other_arch_only,
	[FC_VJ_UNJUDGED] = sum_not_judged,
	[FC_VJ_UNLISTED_RUNTIME] = sum_not_judged,
	[FC_VJ_UNREAD] = sum_not_judged,
};

static enum fc_life build_life(const struct fc_vstate *st,
			       const struct fc_policy_build *b)
{
	struct fc_life_at a = { .life = FC_LIFE_UNKNOWN };
	if (b)
		fc_vlife(st, b, &a);
	return a.life;
}

static struct fc_vjudge_in judge_input(const struct fc_ctx *ctx,
				       const struct judging *j,
				       enum fc_coverage cov)
{
	const struct fc_policy_build *rb = j->rt.match;
	return (struct fc_vjudge_in){
		.coverage = cov,
		.strict = ctx->opts.strict,
		.runtime_read = j->rt.version != NULL,
		.runtime_listed = j->rt.listed,
		.runtime_validated = rb && fc_build_is_validated(rb),
		.runtime_in_process = rb && !fc_build_is_validated(rb),
		.runtime_cert = build_life(j->st, rb),
		.rpm = j->rs.r,
		.rpm_by_glob = j->rs.by_glob,
		.rpm_cert = build_life(j->st, j->rs.build),
	};
}

static void judge_module(struct fc_ctx *ctx, enum fc_module m,
			 struct fc_finding *f, const struct fc_vstate *st)
{
	struct judging j = {
		.f = f,
		.st = st,
		.t = st->table,
		.mo = &st->table->modules[m],
		.m = m,
		.arch = st->host->arch ? st->host->arch : "unknown",
		.mname = fc_module_name(m),
	};
	runtime_read(ctx, m, &j.rt);
	runtime_match(j.mo, j.arch, &j.rt);
	rpm_judge(st, m, j.arch, &j.rs);
	fc_vfacts_table(f, st);
	fc_finding_fact(f, "arch", "%s", j.arch);
	runtime_facts(f, &j.rt);
	rpm_facts(f, st, j.arch, &j.rs);
	if (j.mo->note)
		fc_finding_fact(f, "table_note", "%s", j.mo->note);
	j.tail = not_checked_tail(&j.rt, &j.rs);
	enum fc_coverage cov = fc_policy_coverage(j.t, m, j.arch, &j.gap);
	if (cov == FC_COVER_NO && j.gap) {
		fc_finding_fact(f, "not_covered_reason", "%s", j.gap->reason);
		fc_vfacts_prov(f, "not_covered", &j.gap->prov);
	}

	const struct fc_vjudge_in in = judge_input(ctx, &j, cov);
	const struct fc_vjudge v = fc_vjudge_decide(&in);
	_cleanup_free_ char *judged = summaries[v.outcome](&j, v.outcome);
	/* Whether the files on disk are the packaged ones, and whose key
	 * signed the packages (checks/validated-proof.c). */
	struct fc_vproof_out proof;
	fc_vproof(st, m, j.arch, NULL, ctx->opts.strict, f, &proof);
	enum fc_status status = v.status == FC_STATUS_SKIP
					? v.status
					: fc_status_worse(v.status, proof.status);
	_cleanup_free_ char *other = NULL;
	_cleanup_free_ char *summary =
		fc_asprintf("%s%s%s", judged, proof.phrase ? proof.phrase : "",
			    other_arch_phrase(&j.rs, j.arch, &other));
	free(proof.phrase);
	fc_finding_fact(f, "verdict", "%s", fc_verdict_name(v.verdict));
	fc_vstatus(f, status, v.verdict, summary);
	free(j.tail);
	free(j.rt.why);
	free(j.rt.from);
	rpm_side_free(&j.rs);
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

const struct fc_check fc_check_validated_rpmdb = {
	.id = "validated.rpmdb",
	.area = "validated",
	.title = "Installed FIPS module packages (rpmdb)",
	.requirement = FC_VREQ_TABLES "; the installed module packages (name, "
				      "epoch, version, release, arch) read "
				      "from the rpmdb with librpm, and "
				      "compared with the validated builds by "
				      "rpm's own version comparison",
	.probe = "rpmdb",
	.uses_policy = true,
};

#define MODULE_CHECK(sym, mod, label)                                          \
	const struct fc_check sym = {                                          \
		.id = "validated." mod,                                        \
		.area = "validated",                                           \
		.title = label " is a validated build",                        \
		.requirement = FC_VREQ_TABLES "; " label                       \
			       " module: runtime module identifier first, "    \
			       "installed packages second, both reported",     \
		.run = run_module,                                             \
		.after_probes = true,                                          \
		.uses_policy = true,                                           \
	}

MODULE_CHECK(fc_check_validated_openssl, "openssl", "OpenSSL FIPS provider");
MODULE_CHECK(fc_check_validated_libgcrypt, "libgcrypt", "libgcrypt");
MODULE_CHECK(fc_check_validated_nss, "nss", "NSS softoken");
MODULE_CHECK(fc_check_validated_gnutls, "gnutls", "GnuTLS");
