// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's verdicts: the running kernel and the
 * default boot kernel are both judged, because a validated kernel that is
 * installed but not booted by default is not in use after the next
 * reboot.  A kernel release ("5.14.0-284.11.1.el9_2.tuxcare.6.x86_64",
 * uname -r or the BLS entry's version) is the version-release.arch of the
 * kernel-core package that provides it, so the rpmdb helper's
 * classification of that package is the kernel's.
 */
#include <errno.h>
#include <string.h>

#include "checks.h"
#include "engine/hostfacts.h"
#include "parse/livepatch.h"
#include "validated.h"

struct kjudge {
	enum fc_verdict v;
	const struct fc_installed_pkg *pkg;
	const struct fc_policy_build *build;
	const struct fc_policy_compliant *rule;
	const struct fc_policy_gap *gap;
	bool by_glob;
	char *detail; /* how the verdict was reached */
};

/* "5.14.0-...el9_2.tuxcare.6.x86_64" for an exact validated EVR. */
static char *release_of(const char *evr, const char *arch)
{
	return fc_asprintf("%s.%s", fc_evr_no_epoch(evr), arch);
}

/* The validated build whose exact EVR is this release, without rpm. */
static const struct fc_policy_build *
build_by_release(const struct fc_policy *t, const char *arch,
		 const char *release)
{
	struct fc_pkg_walk w = FC_PKG_WALK(&t->modules[FC_MODULE_KERNEL], arch,
					   FC_WALK_VALIDATED | FC_WALK_EXACT,
					   NULL);
	for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
	     pk = fc_pkg_walk_next(&w)) {
		_cleanup_free_ char *rel = release_of(pk->evr, arch);
		if (fc_streq(rel, release))
			return w.build;
	}
	return NULL;
}

static const struct fc_installed_pkg *pkg_by_release(const struct fc_vstate *st,
						     const char *release)
{
	for (size_t i = 0; i < st->n_pkgs; i++) {
		const struct fc_installed_pkg *p = &st->pkgs[i];
		if (p->module != FC_MODULE_KERNEL)
			continue;
		_cleanup_free_ char *rel = fc_installed_pkg_release(p);
		if (fc_streq(rel, release))
			return p;
	}
	return NULL;
}

static bool has_compliant_rules(const struct fc_policy *t, const char *arch)
{
	const struct fc_policy_module *mo = &t->modules[FC_MODULE_KERNEL];
	for (size_t i = 0; i < mo->n_compliant; i++)
		if (fc_policy_has_arch(mo->compliant[i].arches,
				       mo->compliant[i].n_arches, arch))
			return true;
	return false;
}

static void judge_release(const struct fc_vstate *st, const char *release,
			  struct kjudge *kj)
{
	const struct fc_policy *t = st->table;
	const char *arch = st->host->arch;
	enum fc_coverage cov = fc_policy_coverage(t, FC_MODULE_KERNEL, arch,
						  &kj->gap);
	const struct fc_installed_pkg *ip =
		st->rpm_ok ? pkg_by_release(st, release) : NULL;
	if (cov == FC_COVER_NO && !(ip && ip->cls == FC_PKG_IN_PROCESS)) {
		kj->v = FC_V_NOT_COVERED;
		kj->detail = fc_asprintf("%s has no validated kernel for %s%s%s",
					 t->name, arch,
					 kj->gap ? ": " : " (only builds in CMVP "
							  "review)",
					 kj->gap ? kj->gap->reason : "");
		return;
	}
	if (cov == FC_COVER_UNKNOWN) {
		kj->v = FC_V_UNKNOWN;
		kj->detail = fc_asprintf("the table %s lists no kernel builds "
					 "for %s",
					 t->name, arch);
		return;
	}
	if (st->rpm_ok) {
		const struct fc_installed_pkg *p = pkg_by_release(st, release);
		kj->pkg = p;
		if (p) {
			switch (p->cls) {
			case FC_PKG_VALIDATED: {
				const struct fc_policy_pkg *pk = NULL;
				kj->build = fc_policy_find_build(
					t, FC_MODULE_KERNEL, p->arch, p->name,
					p->ref, &pk);
				kj->by_glob = pk && !pk->evr;
				kj->v = kj->build ? FC_V_VALIDATED
						  : FC_V_UNKNOWN;
				kj->detail = fc_asprintf(
					"%s is the validated build", p->nevra);
				return;
			}
			case FC_PKG_COMPLIANT:
				kj->rule = fc_policy_find_rule(
					t, FC_MODULE_KERNEL, p->arch, p->name,
					p->ref);
				kj->v = FC_V_COMPLIANT;
				kj->detail = fc_asprintf(
					"%s is a FIPS-compliant patched build",
					p->nevra);
				return;
			case FC_PKG_IN_PROCESS:
				kj->build = fc_policy_find_build(
					t, FC_MODULE_KERNEL, p->arch, p->name,
					p->ref, NULL);
				kj->v = FC_V_IN_PROCESS;
				kj->detail = fc_strdup(p->nevra);
				return;
			case FC_PKG_UNJUDGED:
				kj->v = FC_V_UNKNOWN;
				kj->detail = fc_asprintf(
					"the table %s names no kernel packages",
					t->name);
				return;
			case FC_PKG_UNLISTED:
			default:
				kj->v = FC_V_UNVALIDATED;
				kj->detail = fc_asprintf(
					"%s is not a validated build%s", p->nevra,
					p->rel == FC_REL_OLDER
						? " (older than the validated "
						  "build)"
					: p->rel == FC_REL_NEWER
						? " (newer than the validated "
						  "build, and no compliant "
						  "patched build)"
						: "");
				return;
			}
		}
	}
	/* No package to go by: the release string itself. */
	kj->build = build_by_release(t, arch, release);
	if (kj->build) {
		kj->v = FC_V_VALIDATED;
		kj->detail = fc_asprintf("%s is the release of a validated "
					 "build%s",
					 release,
					 st->rpm_ok ? " (no installed "
						      "kernel-core package "
						      "provides it)"
						    : "");
	} else if (st->rpm_ok) {
		kj->v = FC_V_UNVALIDATED;
		kj->detail = fc_asprintf("%s is not a validated build, and no "
					 "installed kernel-core package "
					 "provides it",
					 release);
	} else if (has_compliant_rules(t, arch)) {
		kj->v = FC_V_UNKNOWN;
		kj->detail = fc_asprintf("%s is not a validated build; whether "
					 "it is a compliant patched build "
					 "needs the rpmdb: %s",
					 release, st->rpm_why);
	} else {
		kj->v = FC_V_UNVALIDATED;
		kj->detail = fc_asprintf("%s is not a validated build", release);
	}
}

/*
 * Releases of the validated kernels installed (host arch); *first is the
 * one to pin: the earliest in the table, which lists the build the vendor
 * names now first.
 */
static char *validated_installed(const struct fc_vstate *st, char **first)
{
	struct fc_buf b = { 0 };
	size_t best = (size_t)-1;
	const struct fc_policy_module *mo =
		&st->table->modules[FC_MODULE_KERNEL];
	*first = NULL;
	for (size_t i = 0; st->rpm_ok && i < st->n_pkgs; i++) {
		const struct fc_installed_pkg *p = &st->pkgs[i];
		if (p->module != FC_MODULE_KERNEL ||
		    p->cls != FC_PKG_VALIDATED ||
		    !fc_streq(p->arch, st->host->arch))
			continue;
		_cleanup_free_ char *rel = fc_installed_pkg_release(p);
		fc_buf_addf(&b, "%s%s", b.len ? " " : "", rel);
		const struct fc_policy_build *bd = fc_policy_find_build(
			st->table, FC_MODULE_KERNEL, p->arch, p->name, p->ref,
			NULL);
		size_t idx = bd ? (size_t)(bd - mo->builds) : (size_t)-2;
		if (!*first || idx < best) {
			free(*first);
			*first = FC_TAKE(rel);
			best = idx;
		}
	}
	return b.len ? fc_buf_steal(&b) : NULL;
}

/* The first exact validated kernel EVR of the table, for "dnf install":
 * tables list the build the vendor names now first. */
static const char *first_validated_evr(const struct fc_policy *t,
				       const char *arch, const char **name)
{
	struct fc_pkg_walk w = FC_PKG_WALK(&t->modules[FC_MODULE_KERNEL], arch,
					   FC_WALK_VALIDATED | FC_WALK_EXACT,
					   NULL);
	const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w);
	if (!pk)
		return NULL;
	*name = pk->name;
	return pk->evr;
}

static void pin_remedy(struct fc_finding *f, const char *rel, bool reboot)
{
	fc_finding_remedy(f, "fipsctl pin-kernel --kernel %s%s", rel,
			  reboot ? " && reboot" : "");
}

static void install_remedy(struct fc_finding *f, const struct fc_vstate *st,
			   bool reboot)
{
	const char *name = NULL;
	const char *evr = first_validated_evr(st->table, st->host->arch, &name);
	if (!evr)
		return;
	_cleanup_free_ char *rel = release_of(evr, st->host->arch);
	fc_finding_remedy(f,
			  "dnf install %s-%s && grubby "
			  "--set-default=/boot/vmlinuz-%s%s (then pin the "
			  "version: dnf versionlock add 'kernel*-%s')",
			  name, fc_evr_no_epoch(evr), rel,
			  reboot ? " && reboot" : "", fc_evr_no_epoch(evr));
}

static void kjudge_facts(struct fc_finding *f, const struct fc_vstate *st,
			 const struct kjudge *kj)
{
	fc_vfacts_table(f, st);
	fc_finding_fact(f, "arch", "%s", st->host->arch);
	if (kj->pkg)
		fc_finding_fact(f, "package", "%s", kj->pkg->nevra);
	if (st->rpm_ok)
		fc_finding_fact(f, "rpm_match", "%s", kj->detail);
	else
		fc_finding_fact(f, "rpm_match", "not checked: %s", st->rpm_why);
	if (kj->build)
		fc_vfacts_build(f, st, kj->build);
	if (kj->rule) {
		fc_vfacts_rule(f, kj->rule);
		const struct fc_policy_build *base = fc_policy_validated_by_evr(
			st->table, FC_MODULE_KERNEL, st->host->arch,
			kj->rule->package, kj->rule->newer_than);
		if (base)
			fc_vfacts_build(f, st, base);
	}
	if (kj->gap) {
		fc_finding_fact(f, "not_covered_reason", "%s", kj->gap->reason);
		fc_vfacts_prov(f, "not_covered", &kj->gap->prov);
	}
	fc_finding_fact(f, "verdict", "%s", fc_verdict_name(kj->v));
}

/* The summary for a verdict; the caller adds what only it knows. */
static char *kjudge_summary(const struct fc_vstate *st,
			    const struct kjudge *kj, const char *what)
{
	_cleanup_free_ char *cert =
		kj->build ? fc_vcert_phrase(st, kj->build) : fc_strdup("");
	switch (kj->v) {
	case FC_V_VALIDATED:
		return fc_asprintf("%s is a validated build, %s%s", what, cert,
				   fc_voe_phrase(st));
	case FC_V_COMPLIANT:
		return fc_asprintf("compliant: %s is a patched build the vendor "
				   "states keeps the validated crypto of %s, "
				   "not the exact validated build",
				   what,
				   kj->rule ? kj->rule->newer_than : "?");
	case FC_V_IN_PROCESS:
		return fc_asprintf("in process: %s, %s%s", kj->detail, cert,
				   fc_voe_phrase(st));
	case FC_V_UNVALIDATED:
		return fc_asprintf("unvalidated: %s", kj->detail);
	case FC_V_NOT_COVERED:
		return fc_asprintf("not covered: %s", kj->detail);
	case FC_V_UNKNOWN:
	default:
		return fc_asprintf("not judged: %s", kj->detail);
	}
}

static enum fc_status kjudge_status(const struct fc_ctx *ctx,
				    const struct fc_vstate *st,
				    const struct kjudge *kj)
{
	bool strict = ctx->opts.strict;
	enum fc_status s = fc_verdict_status(strict, kj->v);
	if (kj->v == FC_V_VALIDATED && kj->build) {
		/* The certificate on the check day. */
		struct fc_life_at life;
		fc_vlife(st, kj->build, &life);
		s = fc_status_worse(s, fc_life_status_for(strict, life.life));
	}
	if (kj->v == FC_V_VALIDATED && kj->by_glob)
		s = fc_status_worse(s, strict ? FC_STATUS_FAIL
					      : FC_STATUS_WARN);
	return s;
}

/* The kernel package's files (vmlinuz, .vmlinuz.hmac) and signer, for the
 * package that provides the release judged. */
static void kproof(const struct fc_ctx *ctx, const struct fc_vstate *st,
		   const struct kjudge *kj, struct fc_finding *f,
		   enum fc_status *status, char **summary)
{
	if (!kj->pkg)
		return;
	struct fc_vproof_out proof;
	fc_vproof(st, FC_MODULE_KERNEL, kj->pkg->arch, kj->pkg->nevra,
		  ctx->opts.strict, f, &proof);
	if (*status != FC_STATUS_SKIP)
		*status = fc_status_worse(*status, proof.status);
	if (proof.phrase) {
		char *s = fc_asprintf("%s%s", *summary, proof.phrase);
		free(*summary);
		*summary = s;
	}
	free(proof.phrase);
}

static const char *flag_name(int v)
{
	return v == 1 ? "1" : v == 0 ? "0" : "?";
}

/*
 * Live patches replace functions of the running kernel (a kpatch or
 * KernelCare patch can touch crypto code as well as anything else), so a
 * validated build with live patches applied is not the exact build the
 * certificate names: the finding says so, a warning (fail under --strict)
 * when the build is otherwise validated.  Only the running kernel has
 * them; the boot kernel starts unpatched.
 */
static void klivepatch(const struct fc_ctx *ctx, const struct kjudge *kj,
		       struct fc_finding *f, enum fc_status *status,
		       char **summary)
{
	struct fc_livepatches lp;
	fc_livepatches_read(ctx->root, &lp);
	for (size_t i = 0; i < lp.n; i++) {
		_cleanup_free_ char *key = fc_asprintf("livepatch.%zu", i + 1);
		fc_finding_fact(f, key, "%s enabled=%s transition=%s",
				lp.v[i].name, flag_name(lp.v[i].enabled),
				flag_name(lp.v[i].transition));
	}
	if (lp.sys_err < 0 && lp.sys_err != -ENOENT)
		fc_finding_fact(f, "livepatch_error", "%s: %s",
				FC_LIVEPATCH_DIR, strerror(-lp.sys_err));
	if (lp.kcare_version)
		fc_finding_fact(f, "kernelcare_effective_version", "%s",
				lp.kcare_version);
	else if (lp.kcare_err < 0 && lp.kcare_err != -ENOENT)
		fc_finding_fact(f, "kernelcare_error", "%s: %s",
				FC_KCARE_VERSION_PATH,
				strerror(-lp.kcare_err));
	/* Counted only when there is something: most kernels run none. */
	size_t active = fc_livepatches_active(&lp);
	if (active || lp.n)
		fc_finding_fact(f, "live_patches", "%zu", active);
	_cleanup_free_ char *what = fc_livepatches_phrase(&lp);
	fc_livepatches_free(&lp);
	if (!what)
		return;
	char *s = fc_asprintf("%s; runs with live patches: %s", *summary,
			      what);
	free(*summary);
	*summary = s;
	if (kj->v == FC_V_VALIDATED) {
		*status = fc_status_worse(*status, ctx->opts.strict
							   ? FC_STATUS_FAIL
							   : FC_STATUS_WARN);
		fc_finding_remedy(f, "reboot into the validated kernel "
				     "without live patches (kpatch unload, "
				     "kcarectl --unload) to run the "
				     "certified build");
	}
}

/*
 * The release of the image GRUB boots by default: "vmlinuz-<release>" of
 * the linux command as src/boot/boot-conf.h models the default entry, the
 * same model the boot checks judge.  NULL when boot.default_entry could
 * not tell the default (bf is its finding), or the image is not so named;
 * *entry is the default entry then.
 */
static char *boot_release(struct fc_ctx *ctx, const struct fc_finding *bf,
			  const struct fc_bls_entry **entry)
{
	*entry = NULL;
	if (!bf || bf->status == FC_STATUS_ERROR ||
	    bf->status == FC_STATUS_SKIP)
		return NULL;
	const struct fc_host_boot *hb = fc_host_boot_conf(ctx);
	if (hb->err < 0 || !hb->conf.def)
		return NULL;
	*entry = hb->conf.def;
	return fc_boot_conf_release(&hb->conf, hb->conf.def);
}

static int run_kernel(struct fc_ctx *ctx)
{
	const struct fc_vstate *st;
	struct fc_finding *f;
	if (!fc_vstart(ctx, FC_MODULE_KERNEL, &f, &st))
		return 0;
	const char *release = st->host->kernel_release;
	if (!release) {
		fc_finding_fact(f, "verdict", "%s", fc_verdict_name(FC_V_UNKNOWN));
		if (fc_host_offline(ctx))
			fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
					"not judged: " FC_OFFLINE_WHY);
		else
			fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
					"not judged: the running kernel's "
					"release is not known (no "
					"/proc/sys/kernel/osrelease under the "
					"root)");
		return 0;
	}
	fc_finding_fact(f, "kernel_release", "%s", release);
	struct kjudge kj = { 0 };
	judge_release(st, release, &kj);

	/* The kernel's own name for its crypto module, when it has one. */
	const struct fc_policy_module *mo = &st->table->modules[FC_MODULE_KERNEL];
	const struct fc_finding *kf =
		fc_report_find(ctx->report, "kernel.fips_enabled");
	const char *fname = kf ? fc_finding_get_fact(kf, "fips_name") : NULL;
	bool name_bad = false;
	if (mo->fips_name)
		fc_finding_fact(f, "validated_fips_name", "%s", mo->fips_name);
	if (fname) {
		fc_finding_fact(f, "fips_name", "%s", fname);
		name_bad = mo->fips_name && !fc_streq(fname, mo->fips_name);
	}
	fc_finding_fact(f, "runtime_match", "%s%s%s",
			name_bad ? "fips_name differs from the validated "
				   "module's: "
				 : "release ",
			name_bad ? fname : release,
			fname || !mo->fips_name
				? ""
				: " (the kernel reports no fips_name)");
	if (name_bad && kj.v == FC_V_VALIDATED) {
		kj.v = FC_V_UNVALIDATED;
		free(kj.detail);
		kj.detail = fc_asprintf("the kernel calls its crypto module "
					"'%s', the validated one is '%s'",
					fname, mo->fips_name);
		kj.build = NULL;
	}
	kjudge_facts(f, st, &kj);
	_cleanup_free_ char *what = fc_asprintf("the running kernel %s", release);
	_cleanup_free_ char *summary = kjudge_summary(st, &kj, what);
	enum fc_status status = kjudge_status(ctx, st, &kj);
	kproof(ctx, st, &kj, f, &status, &summary);
	klivepatch(ctx, &kj, f, &status, &summary);
	fc_vstatus(f, status, kj.v, summary);

	bool accepted = kj.v == FC_V_VALIDATED ||
			(kj.v == FC_V_COMPLIANT && !ctx->opts.strict);
	if (!accepted && kj.v != FC_V_UNKNOWN && kj.v != FC_V_NOT_COVERED) {
		_cleanup_free_ char *first = NULL;
		_cleanup_free_ char *have = validated_installed(st, &first);
		const struct fc_finding *bf =
			fc_report_find(ctx->report, "boot.default_entry");
		const struct fc_bls_entry *be;
		_cleanup_free_ char *boot = boot_release(ctx, bf, &be);
		if (have)
			fc_finding_fact(f, "validated_installed", "%s", have);
		if (name_bad)
			/* The package is right, the kernel is not. */
			fc_finding_remedy(f, "rpm -V kernel-core-%s: the "
					     "running kernel does not name "
					     "itself as the validated module",
					  release);
		else if (first && boot && !fc_streq(boot, release) &&
			 strstr(have, boot))
			fc_finding_remedy(f, "reboot: the default boot entry "
					     "is already the validated kernel "
					     "%s",
					  boot);
		else if (first)
			pin_remedy(f, first, true);
		else
			install_remedy(f, st, true);
	}
	free(kj.detail);
	return 0;
}

static int run_boot_kernel(struct fc_ctx *ctx)
{
	const struct fc_vstate *st;
	struct fc_finding *f;
	if (!fc_vstart(ctx, FC_MODULE_KERNEL, &f, &st))
		return 0;
	const struct fc_finding *bf =
		fc_report_find(ctx->report, "boot.default_entry");
	const struct fc_bls_entry *entry;
	_cleanup_free_ char *release = boot_release(ctx, bf, &entry);
	if (!release) {
		fc_finding_fact(f, "verdict", "%s", fc_verdict_name(FC_V_UNKNOWN));
		if (!bf)
			fc_finding_status(f, FC_STATUS_SKIP,
					  "not judged: the default boot entry "
					  "is not known (check "
					  "boot.default_entry did not run)");
		else if (entry)
			fc_finding_status(f, FC_STATUS_ERROR,
					  "not judged: the default entry's "
					  "image %s is not named "
					  "vmlinuz-<release>",
					  fc_bls_get(entry, "linux"));
		else
			fc_finding_status(f, FC_STATUS_SKIP,
					  "not judged: boot.default_entry "
					  "names no kernel (%s: %s)",
					  fc_status_name(bf->status),
					  bf->summary ? bf->summary : "");
		return 0;
	}
	fc_finding_fact(f, "kernel_release", "%s", release);
	fc_finding_fact(f, "entry_id", "%s", entry->id);
	/* What GRUB boots is the linux line's image; the version line is
	 * only a label, and one that names another kernel hides what
	 * runs. */
	const char *version = fc_bls_get(entry, "version");
	bool mislabelled = version && *version && !fc_streq(version, release);
	if (mislabelled)
		fc_finding_fact(f, "entry_version", "%s", version);
	struct kjudge kj = { 0 };
	judge_release(st, release, &kj);
	kjudge_facts(f, st, &kj);
	_cleanup_free_ char *first = NULL;
	_cleanup_free_ char *have = validated_installed(st, &first);
	if (have)
		fc_finding_fact(f, "validated_installed", "%s", have);
	_cleanup_free_ char *what = fc_asprintf("the default boot kernel %s",
						release);
	_cleanup_free_ char *summary = kjudge_summary(st, &kj, what);
	enum fc_status status = kjudge_status(ctx, st, &kj);
	kproof(ctx, st, &kj, f, &status, &summary);

	if (kj.v == FC_V_UNVALIDATED || kj.v == FC_V_COMPLIANT) {
		if (first) {
			/* Installed but not booted by default: after the
			 * next reboot the validated kernel is not in use. */
			_cleanup_free_ char *s = fc_asprintf(
				"%s; the validated kernel %s is installed but "
				"not the boot default",
				summary, first);
			free(summary);
			summary = FC_TAKE(s);
			pin_remedy(f, first, false);
		} else if (kj.v == FC_V_UNVALIDATED || ctx->opts.strict) {
			install_remedy(f, st, false);
		}
	}
	if (mislabelled) {
		status = FC_STATUS_FAIL;
		_cleanup_free_ char *s = fc_asprintf(
			"the default entry says version %s but GRUB boots "
			"vmlinuz-%s; %s",
			version, release, summary);
		free(summary);
		summary = FC_TAKE(s);
	}
	fc_vstatus(f, status, kj.v, summary);
	free(kj.detail);
	return 0;
}

const struct fc_check fc_check_validated_kernel = {
	.id = "validated.kernel",
	.area = "validated",
	.title = "Running kernel is a validated build",
	.requirement = "FIPS 140-3 (ISO/IEC 19790 7.2) and CMVP: the kernel "
		       "crypto API module is validated only as the exact "
		       "kernel build its certificate names; the running "
		       "release (uname -r) must be that build's kernel-core",
	.run = run_kernel,
	.after_probes = true,
	.uses_policy = true,
};

const struct fc_check fc_check_validated_boot_kernel = {
	.id = "validated.boot_kernel",
	.area = "validated",
	.title = "Default boot kernel is a validated build",
	.requirement = "FIPS 140-3 (ISO/IEC 19790 7.2) and CMVP: the default "
		       "boot entry must start the validated kernel build, or the next reboot leaves FIPS "
		       "validation (vendor docs: grubby --set-default="
		       "/boot/vmlinuz-<validated>)",
	.run = run_boot_kernel,
	.after_probes = true,
	.uses_policy = true,
};
