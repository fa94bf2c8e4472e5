// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * boot.pinned: the default boot kernel is the validated build
 * and will stay the default when kernels are updated.  What "pinned"
 * means is src/boot/pin.h's, the same code 'fipsctl pin-kernel' plans and
 * verifies with; the table is the one the validated.* checks use
 * (checks/validated.h), so it runs after the probes.
 */
#include <errno.h>
#include <fnmatch.h>
#include <string.h>

#include "checks.h"
#include "boot/pin.h"
#include "engine/hostfacts.h"
#include "validated.h"

static void fact_text(struct fc_finding *f, const char *key, const char *v)
{
	_cleanup_free_ char *p = fc_printable(v, 300);
	fc_finding_fact(f, key, "%s", p);
}

/* The release the entry boots: the name of its linux image. */
/* How to get the validated kernel booted by default when it is not. */
static void remedy_pin(struct fc_ctx *ctx, struct fc_finding *f,
		       const struct fc_policy *t, const char *arch)
{
	struct fc_boot_kernels k = { 0 };
	const struct fc_boot_kernel *pick = NULL;
	if (fc_boot_kernels_list(ctx->root, &k) == 0)
		pick = fc_pin_pick(t, arch, &k);
	const char *evr = fc_pin_first_evr(t, arch);
	if (pick)
		fc_finding_remedy(f, "fipsctl pin-kernel --kernel %s",
				  pick->release);
	else if (evr)
		fc_finding_remedy(f, "dnf install %s-%s && fipsctl pin-kernel",
				  FC_KERNEL_PACKAGE, fc_evr_no_epoch(evr));
	fc_boot_kernels_free(&k);
}

/*
 * The table's rules for FIPS-compliant patched kernel builds on arch;
 * *fitting counts those whose pattern fits evr.  Whether a fitting build
 * is newer than the validated one it descends from takes rpm's ordering.
 */
static size_t compliant_rules(const struct fc_policy *t, const char *arch,
			      const char *evr, size_t *fitting)
{
	const struct fc_policy_module *mo = &t->modules[FC_MODULE_KERNEL];
	size_t n = 0;
	*fitting = 0;
	for (size_t i = 0; i < mo->n_compliant; i++) {
		const struct fc_policy_compliant *c = &mo->compliant[i];
		if (!fc_streq(c->package, FC_KERNEL_PACKAGE) ||
		    !fc_policy_has_arch(c->arches, c->n_arches, arch))
			continue;
		n++;
		*fitting += evr && fnmatch(c->evr_glob, evr, 0) == 0;
	}
	return n;
}

/*
 * Why the default kernel (release rel, NULL when its entry names no
 * vmlinuz-) is not the validated build, and how bad that is: a
 * FIPS-compliant patched build is what the validated.* checks accept
 * outside --strict; telling one needs rpm's ordering, so the rpmdb
 * helper's classification decides, and without it a table that has such
 * builds leaves it open (warn, never a guessed "fail").
 */
static char *not_validated(struct fc_ctx *ctx, const struct fc_vstate *st,
			   const char *rel, enum fc_status *status)
{
	*status = FC_STATUS_FAIL;
	if (!rel)
		return fc_strdup("its entry names no vmlinuz- image");
	if (st->rpm_ok) {
		for (size_t i = 0; i < st->n_pkgs; i++) {
			const struct fc_installed_pkg *p = &st->pkgs[i];
			if (p->module != FC_MODULE_KERNEL)
				continue;
			_cleanup_free_ char *prel = fc_installed_pkg_release(p);
			if (!fc_streq(prel, rel))
				continue;
			if (p->cls == FC_PKG_COMPLIANT)
				*status = fc_verdict_status(ctx->opts.strict,
							    FC_V_COMPLIANT);
			return fc_asprintf("%s is %s", p->nevra,
					   p->cls == FC_PKG_COMPLIANT
						   ? "a FIPS-compliant patched "
						     "build, not the validated "
						     "one"
						   : fc_pkg_class_name(p->cls));
		}
		return fc_strdup("no installed kernel package provides it");
	}
	/* As the validated.* checks do: without the rpmdb a table with such
	 * rules leaves the verdict open, so this is a warning, not a guess. */
	_cleanup_free_ char *evr = fc_release_evr(rel, st->host->arch);
	size_t fitting = 0;
	if (compliant_rules(st->table, st->host->arch, evr, &fitting)) {
		*status = FC_STATUS_WARN;
		return fc_asprintf("whether the vendor vouches for it as a "
				   "FIPS-compliant patched build is judged from "
				   "the rpmdb, which is not available (%s)%s",
				   st->rpm_why ? st->rpm_why : "not read",
				   fitting ? ""
					   : "; its version fits none of the "
					     "table's patterns for such builds");
	}
	return fc_strdup("the table names no other acceptable build");
}

/* Why a validated default may not stay the default; "" when it will. */
static void staying(struct fc_ctx *ctx, struct fc_finding *f,
		    const struct fc_boot_conf *c, const char *evr,
		    const char *arch, struct fc_buf *risks, bool *unknown)
{
	if (fc_streq(c->default_from, "next_entry"))
		fc_buf_addf(risks,
			    "%sgrubenv's next_entry, not saved_entry, "
			    "chooses the next boot",
			    risks->len ? "; " : "");
	else if (c->via != FC_BLS_DEFAULT_SAVED_ID &&
		 c->via != FC_BLS_DEFAULT_SAVED_TITLE)
		fc_buf_addf(risks,
			    "%ssaved_entry does not name it (%s): the "
			    "entry of a newer kernel sorts first and "
			    "becomes the default",
			    risks->len ? "; " : "",
			    fc_bls_default_via_name(c->via));

	_cleanup_free_ char *ud = NULL, *why = NULL;
	int r = fc_updatedefault_get(ctx->root, &ud, &why);
	if (r < 0 && r != -ENOENT) {
		fc_finding_fact(f, "updatedefault", "(unreadable: %s)", why);
		fc_buf_addf(risks, "%s%s", risks->len ? "; " : "", why);
		*unknown = true;
	} else {
		fc_finding_fact(f, "updatedefault", "%s",
				r == -ENOENT ? "(no " FC_SYSCONFIG_KERNEL ")"
				: ud	     ? ud
					     : "(not set)");
		if (!fc_streq(ud, "no"))
			fc_buf_addf(risks,
				    "%sUPDATEDEFAULT is not \"no\" in %s: "
				    "installing a kernel makes it the "
				    "default",
				    risks->len ? "; " : "",
				    FC_SYSCONFIG_KERNEL);
	}

	free(why);
	why = NULL;
	if (!evr)
		return;
	switch (fc_versionlock_state(ctx->root, evr, arch, &why)) {
	case FC_VLOCK_NO_LIST:
		fc_finding_fact(f, "versionlock", "not in use (no %s)",
				FC_VERSIONLOCK_LIST);
		break;
	case FC_VLOCK_LOCKED:
		fc_finding_fact(f, "versionlock", "holds %s-%s",
				FC_KERNEL_PACKAGE, evr);
		break;
	case FC_VLOCK_MISSING:
		fc_finding_fact(f, "versionlock", "no lock for %s-%s",
				FC_KERNEL_PACKAGE, evr);
		fc_buf_addf(risks, "%s%s has no lock for %s-%s",
			    risks->len ? "; " : "", FC_VERSIONLOCK_LIST,
			    FC_KERNEL_PACKAGE, evr);
		break;
	case FC_VLOCK_UNKNOWN:
		fc_finding_fact(f, "versionlock", "(unreadable: %s)", why);
		fc_buf_addf(risks, "%s%s", risks->len ? "; " : "", why);
		*unknown = true;
		break;
	}
}

static int run_pinned(struct fc_ctx *ctx)
{
	struct fc_finding *f = NULL;
	const struct fc_vstate *st = NULL;
	if (!fc_vstart(ctx, FC_MODULE_KERNEL, &f, &st))
		return 0;
	fc_vfacts_table(f, st);
	const struct fc_policy *t = st->table;
	const char *arch = st->host->arch;
	if (!arch) {
		fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
				"not judged: the architecture is not known (no "
				"/proc/sys/kernel/arch, kernel release, rpmdb "
				"kernel package or C library under the root)");
		return 0;
	}
	fc_finding_fact(f, "arch", "%s", arch);
	const struct fc_policy_gap *gap = NULL;
	enum fc_coverage cov = fc_policy_coverage(t, FC_MODULE_KERNEL, arch,
						  &gap);
	if (cov != FC_COVER_YES) {
		/* No validated kernel to pin: validated.kernel says what
		 * that means for the host. */
		fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE,
				"not judged: the table %s has no validated "
				"kernel for %s%s%s",
				  t->name, arch, gap ? ": " : "",
				  gap ? gap->reason : "");
		return 0;
	}

	/* The boot checks' copy: the entries and grubenv are read once. */
	const struct fc_host_boot *hb = fc_host_boot_conf(ctx);
	if (hb->err < 0) {
		fc_finding_fact(f, "path", "%s", FC_BLS_DIR);
		fc_finding_status(f,
				  hb->err == -ENOENT ? FC_STATUS_SKIP
						     : FC_STATUS_ERROR,
				  "%s", hb->why);
		return 0;
	}
	const struct fc_boot_conf *cp = &hb->conf;
	if (!fc_boot_conf_default_known(cp)) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell the default entry: %s",
				  fc_boot_conf_default_why(cp));
		return 0;
	}
	if (!cp->def) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s holds no boot entry: no kernel is the "
				  "default",
				  cp->bls_dir);
		remedy_pin(ctx, f, t, arch);
		return 0;
	}
	fact_text(f, "default_entry", cp->def->id);
	fc_finding_fact(f, "default_via", "%s", fc_bls_default_via_name(cp->via));
	if (cp->saved_entry)
		fact_text(f, "saved_entry", cp->saved_entry);
	/* The image GRUB boots, by the same model as the boot checks. */
	_cleanup_free_ char *rel = fc_boot_conf_release(cp, cp->def);
	_cleanup_free_ char *evr = rel ? fc_release_evr(rel, arch) : NULL;
	fact_text(f, "default_kernel", rel ? rel : "(no vmlinuz- image)");
	const struct fc_policy_build *build = NULL;
	if (!evr || !fc_kernel_is_validated(t, arch, rel, &build)) {
		enum fc_status s;
		_cleanup_free_ char *why_not = not_validated(ctx, st, rel, &s);
		fc_finding_status(f, s,
				  "the default kernel %s is not the "
				  "validated build of %s: %s",
				  rel ? rel : cp->def->id, t->name, why_not);
		remedy_pin(ctx, f, t, arch);
		return 0;
	}
	fc_finding_fact(f, "class", "validated");

	struct fc_buf risks = { 0 };
	bool unknown = false;
	staying(ctx, f, cp, evr, arch, &risks, &unknown);
	_cleanup_free_ char *cert = fc_vcert_phrase(st, build);
	if (!risks.len) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "the default kernel %s is the validated build "
				  "(%s) and stays the default: saved_entry "
				  "names it and UPDATEDEFAULT=no",
				  rel, cert);
	} else {
		fc_finding_status(f, FC_STATUS_WARN,
				  "the default kernel %s is the validated build "
				  "(%s), but %s: %s",
				  rel, cert,
				  unknown ? "whether it stays the default is "
					    "not known"
					  : "it may not stay the default",
				  risks.data);
		_cleanup_free_ char *lock = fc_versionlock_command(evr);
		fc_finding_remedy(f, "fipsctl pin-kernel --kernel %s (and %s)",
				  rel, lock);
	}
	fc_buf_free(&risks);
	return 0;
}

const struct fc_check fc_check_boot_pinned = {
	.id = "boot.pinned",
	.area = "boot",
	.title = "Validated kernel is pinned as the boot default",
	.requirement = "FIPS 140-3 (ISO/IEC 19790 7.2) and CMVP: only the "
		       "validated kernel build is in the certified "
		       "configuration, so it must be the boot "
		       "default and stay so: saved_entry names its entry, "
		       "UPDATEDEFAULT=no in /etc/sysconfig/kernel (new "
		       "kernels do not take the default) and, where dnf "
		       "versionlock is used, a lock on its build (vendor "
		       "docs: grubby --set-default=/boot/vmlinuz-<validated>, "
		       "dnf versionlock add)",
	.run = run_pinned,
	.after_probes = true,
	.uses_policy = true,
};
