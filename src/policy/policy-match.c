// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The matching rules: what an installed package is by a
 * table.  The ordering of versions is rpm's and arrives as a callback
 * (see policy.h for why); what is compared with what lives here, once,
 * for the rpmdb helper and the unit tests alike.
 */
#include "policy/policy.h"

#include <errno.h>
#include <fnmatch.h>
#include <string.h>

static const char *const class_names[] = {
	[FC_PKG_VALIDATED] = "validated",   [FC_PKG_COMPLIANT] = "compliant",
	[FC_PKG_IN_PROCESS] = "in-process", [FC_PKG_UNLISTED] = "unlisted",
	[FC_PKG_UNJUDGED] = "unjudged",
};
static const char *const relation_names[] = {
	[FC_REL_NONE] = "none",
	[FC_REL_OLDER] = "older",
	[FC_REL_NEWER] = "newer",
	[FC_REL_BETWEEN] = "between",
	[FC_REL_EPOCH_DIFFERS] = "epoch-differs",
};

const char *fc_pkg_class_name(enum fc_pkg_class c)
{
	return (unsigned)c < FC_ARRAY_SIZE(class_names) ? class_names[c] : "?";
}

int fc_pkg_class_from_name(const char *s, enum fc_pkg_class *out)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(class_names); i++)
		if (fc_streq(class_names[i], s)) {
			*out = (enum fc_pkg_class)i;
			return 0;
		}
	return -EINVAL;
}

const char *fc_pkg_relation_name(enum fc_pkg_relation r)
{
	return (unsigned)r < FC_ARRAY_SIZE(relation_names) ? relation_names[r]
							   : "?";
}

bool fc_build_is_validated(const struct fc_policy_build *b)
{
	return !b->cert.in_process;
}

const struct fc_policy_build *fc_policy_next_build(
	const struct fc_policy_module *mo, const char *arch, unsigned flags,
	size_t *i)
{
	while (*i < mo->n_builds) {
		const struct fc_policy_build *b = &mo->builds[(*i)++];
		if ((flags & FC_WALK_VALIDATED) && !fc_build_is_validated(b))
			continue;
		if (arch && !fc_policy_has_arch(b->arches, b->n_arches, arch))
			continue;
		return b;
	}
	return NULL;
}

const struct fc_policy_pkg *fc_pkg_walk_next(struct fc_pkg_walk *w)
{
	for (;;) {
		while (w->build && w->k < w->build->n_pkgs) {
			const struct fc_policy_pkg *pk = &w->build->pkgs[w->k++];
			if ((w->flags & FC_WALK_EXACT) && !pk->evr)
				continue;
			if (w->name && !fc_streq(pk->name, w->name))
				continue;
			return pk;
		}
		w->k = 0;
		w->build = fc_policy_next_build(w->mo, w->arch, w->flags, &w->i);
		if (!w->build)
			return NULL;
	}
}

bool fc_policy_module_has_package(const struct fc_policy *p, enum fc_module m,
				  const char *name)
{
	const struct fc_policy_module *mo = &p->modules[m];
	struct fc_pkg_walk w = FC_PKG_WALK(mo, NULL, 0, name);
	if (fc_pkg_walk_next(&w))
		return true;
	for (size_t i = 0; i < mo->n_compliant; i++)
		if (fc_streq(mo->compliant[i].package, name))
			return true;
	return false;
}

/*
 * A pattern names builds by their version-release; it includes the epoch
 * only when it says so (has a ':').
 */
static bool glob_matches(const char *glob, const char *evr)
{
	const char *subject = strchr(glob, ':') ? evr : fc_evr_no_epoch(evr);
	return fnmatch(glob, subject, 0) == 0;
}

int fc_policy_classify(const struct fc_policy *p, enum fc_module m,
		       const char *name, const char *evr, const char *arch,
		       fc_evr_cmp_fn cmp, struct fc_pkg_match *out)
{
	const struct fc_policy_module *mo = &p->modules[m];
	*out = (struct fc_pkg_match){ .cls = FC_PKG_UNLISTED };
	const struct fc_policy_build *in_process = NULL;
	const struct fc_policy_pkg *in_process_pkg = NULL;

	/* An exact EVR wins over a pattern: two passes. */
	for (int pass = 0; pass < 2; pass++) {
		struct fc_pkg_walk w = FC_PKG_WALK(mo, arch, 0, name);
		for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
		     pk = fc_pkg_walk_next(&w)) {
			bool hit = false;
			if (pass == 0 && pk->evr) {
				int c;
				if (cmp(evr, pk->evr, &c) < 0)
					return -EINVAL;
				hit = c == 0;
			} else if (pass == 1 && pk->evr_glob) {
				hit = glob_matches(pk->evr_glob, evr);
			}
			if (!hit)
				continue;
			if (fc_build_is_validated(w.build)) {
				out->cls = FC_PKG_VALIDATED;
				out->build = w.build;
				out->pkg = pk;
				return 0;
			}
			if (!in_process) {
				in_process = w.build;
				in_process_pkg = pk;
			}
		}
	}

	for (size_t i = 0; i < mo->n_compliant; i++) {
		const struct fc_policy_compliant *c = &mo->compliant[i];
		if (!fc_streq(c->package, name) ||
		    !fc_policy_has_arch(c->arches, c->n_arches, arch) ||
		    !glob_matches(c->evr_glob, evr))
			continue;
		int d;
		if (cmp(evr, c->newer_than, &d) < 0)
			return -EINVAL;
		if (d > 0) {
			out->cls = FC_PKG_COMPLIANT;
			out->rule = c;
			return 0;
		}
	}

	if (in_process) {
		out->cls = FC_PKG_IN_PROCESS;
		out->build = in_process;
		out->pkg = in_process_pkg;
		return 0;
	}

	/* Unlisted: say where it stands against the exact validated EVRs,
	 * which is what an operator needs to decide up or down. */
	size_t older = 0, newer = 0;
	struct fc_pkg_walk w =
		FC_PKG_WALK(mo, arch, FC_WALK_VALIDATED | FC_WALK_EXACT, name);
	for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
	     pk = fc_pkg_walk_next(&w)) {
		if (fc_streq(fc_evr_no_epoch(pk->evr), fc_evr_no_epoch(evr))) {
			out->rel = FC_REL_EPOCH_DIFFERS;
			return 0;
		}
		int c;
		if (cmp(evr, pk->evr, &c) < 0)
			return -EINVAL;
		if (c < 0)
			older++;
		else
			newer++;
	}
	if (older && !newer)
		out->rel = FC_REL_OLDER;
	else if (newer && !older)
		out->rel = FC_REL_NEWER;
	else if (older && newer)
		out->rel = FC_REL_BETWEEN;
	return 0;
}

const struct fc_policy_build *
fc_policy_find_build(const struct fc_policy *p, enum fc_module m,
		     const char *arch, const char *name, const char *ref,
		     const struct fc_policy_pkg **pkg)
{
	struct fc_pkg_walk w = FC_PKG_WALK(&p->modules[m], arch, 0, name);
	for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
	     pk = fc_pkg_walk_next(&w)) {
		if (!fc_streq(pk->evr, ref) && !fc_streq(pk->evr_glob, ref))
			continue;
		if (pkg)
			*pkg = pk;
		return w.build;
	}
	return NULL;
}

const struct fc_policy_compliant *
fc_policy_find_rule(const struct fc_policy *p, enum fc_module m,
		    const char *arch, const char *name, const char *ref)
{
	const struct fc_policy_module *mo = &p->modules[m];
	for (size_t i = 0; i < mo->n_compliant; i++) {
		const struct fc_policy_compliant *c = &mo->compliant[i];
		if (fc_streq(c->package, name) && fc_streq(c->evr_glob, ref) &&
		    fc_policy_has_arch(c->arches, c->n_arches, arch))
			return c;
	}
	return NULL;
}

const struct fc_policy_build *
fc_policy_validated_by_evr(const struct fc_policy *p, enum fc_module m,
			   const char *arch, const char *name, const char *evr)
{
	const struct fc_policy_pkg *pk = NULL;
	const struct fc_policy_build *b =
		fc_policy_find_build(p, m, arch, name, evr, &pk);
	return b && pk->evr && fc_build_is_validated(b) ? b : NULL;
}

enum fc_coverage fc_policy_coverage(const struct fc_policy *p,
				    enum fc_module m, const char *arch,
				    const struct fc_policy_gap **gap)
{
	const struct fc_policy_module *mo = &p->modules[m];
	*gap = NULL;
	if (!mo->present)
		return FC_COVER_UNKNOWN;
	size_t i = 0, v = 0;
	bool in_process = fc_policy_next_build(mo, arch, 0, &i) != NULL;
	if (fc_policy_next_build(mo, arch, FC_WALK_VALIDATED, &v))
		return FC_COVER_YES;
	for (size_t c = 0; c < mo->n_compliant; c++)
		if (fc_policy_has_arch(mo->compliant[c].arches,
				       mo->compliant[c].n_arches, arch))
			return FC_COVER_YES;
	for (size_t g = 0; g < mo->n_gaps; g++)
		if (fc_policy_has_arch(mo->gaps[g].arches,
				       mo->gaps[g].n_arches, arch)) {
			*gap = &mo->gaps[g];
			return FC_COVER_NO;
		}
	return in_process ? FC_COVER_NO : FC_COVER_UNKNOWN;
}

/* --- the helper's package facts --------------------------------------- */

char *fc_installed_pkg_format(const struct fc_installed_pkg *p)
{
	struct fc_buf b = { 0 };
	fc_buf_addf(&b, "%s module=%s name=%s evr=%s arch=%s class=%s",
		    p->nevra, fc_module_name(p->module), p->name, p->evr,
		    p->arch, fc_pkg_class_name(p->cls));
	if (p->ref)
		fc_buf_addf(&b, " ref=%s", p->ref);
	if (p->rel != FC_REL_NONE)
		fc_buf_addf(&b, " relation=%s", fc_pkg_relation_name(p->rel));
	if (p->sigkey)
		fc_buf_addf(&b, " sigkey=%s", p->sigkey);
	if (p->digest)
		fc_buf_addf(&b, " digest=%s", p->digest);
	return fc_buf_steal(&b);
}

void fc_installed_pkg_clear(struct fc_installed_pkg *p)
{
	free(p->nevra);
	free(p->name);
	free(p->evr);
	free(p->arch);
	free(p->ref);
	free(p->sigkey);
	free(p->digest);
	*p = (struct fc_installed_pkg){ 0 };
}

int fc_installed_pkg_parse(const char *value, struct fc_installed_pkg *out)
{
	*out = (struct fc_installed_pkg){ 0 };
	_cleanup_free_ char *copy = fc_strdup(value);
	char *save = NULL;
	bool have_module = false, have_class = false;
	for (char *t = strtok_r(copy, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(t, '=');
		if (!eq) {
			if (out->nevra)
				goto bad;
			out->nevra = fc_strdup(t);
			continue;
		}
		*eq = '\0';
		const char *k = t, *v = eq + 1;
		char **slot = NULL;
		if (fc_streq(k, "module")) {
			if (fc_module_from_name(v, &out->module) < 0)
				goto bad;
			have_module = true;
		} else if (fc_streq(k, "class")) {
			if (fc_pkg_class_from_name(v, &out->cls) < 0)
				goto bad;
			have_class = true;
		} else if (fc_streq(k, "relation")) {
			size_t i;
			for (i = 0; i < FC_ARRAY_SIZE(relation_names); i++)
				if (fc_streq(relation_names[i], v))
					break;
			if (i == FC_ARRAY_SIZE(relation_names))
				goto bad;
			out->rel = (enum fc_pkg_relation)i;
		} else if (fc_streq(k, "name")) {
			slot = &out->name;
		} else if (fc_streq(k, "evr")) {
			slot = &out->evr;
		} else if (fc_streq(k, "arch")) {
			slot = &out->arch;
		} else if (fc_streq(k, "ref")) {
			slot = &out->ref;
		} else if (fc_streq(k, "sigkey")) {
			slot = &out->sigkey;
		} else if (fc_streq(k, "digest")) {
			slot = &out->digest;
		}
		/* Unknown keys are ignored: a newer helper may say more. */
		if (slot) {
			if (*slot || !*v)
				goto bad;
			*slot = fc_strdup(v);
		}
	}
	if (out->nevra && out->name && out->evr && out->arch && have_module &&
	    have_class)
		return 0;
bad:
	fc_installed_pkg_clear(out);
	return -EBADMSG;
}

char *fc_installed_pkg_release(const struct fc_installed_pkg *p)
{
	return fc_asprintf("%s.%s", fc_evr_no_epoch(p->evr), p->arch);
}
