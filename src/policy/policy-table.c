// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The structure of a validated-module table (docs/policies.md,
 * docs/policy.schema.json): the top level and applies_to, each module,
 * its builds (packages, certificate), compliant and not_covered entries,
 * with the checks between entries (duplicates, contradictions, a
 * compliant rule that does not descend from a validated build).
 */
#include "policy/policy-lint.h"

#include <string.h>

#define POLICY_FORMAT "fipsctl-policy/2"
/* Format 1 kept a status in every certificate entry of every table. */
#define POLICY_FORMAT_1 "fipsctl-policy/1"

/* The line where entry i of the array at path starts. */
static unsigned entry_line(struct fc_lint *l, const char *path, size_t i)
{
	unsigned line, col;
	_cleanup_free_ char *ip = fc_lint_item(path, i);
	fc_lint_where(l, ip, &line, &col);
	return line;
}

/* The syntax of an entry's values (ip: the entry's path), each reported
 * where the value is; a NULL value was reported by the key check. */
static void check_pkg_name(struct fc_lint *l, const char *ip, const char *key,
			   const char *name)
{
	if (!name || fc_policy_pkg_name_valid(name))
		return;
	_cleanup_free_ char *np = fc_lint_sub(ip, key);
	_cleanup_free_ char *shown = fc_printable(name, 64);
	fc_lint_err(l, np, false, "\"%s\" is not a valid package name", shown);
}

/* False when evr is there and malformed. */
static bool check_evr(struct fc_lint *l, const char *ip, const char *key,
		      const char *evr)
{
	if (!evr || fc_evr_valid(evr))
		return true;
	_cleanup_free_ char *ep = fc_lint_sub(ip, key);
	_cleanup_free_ char *shown = fc_printable(evr, 64);
	fc_lint_err(l, ep, false,
		    "malformed EVR \"%s\" (expected [epoch:]version-release, "
		    "e.g. 1:3.0.7-20.el9_2)",
		    shown);
	return false;
}

/* A pattern's syntax, and that it names the vendor's builds only: one
 * that would also match a stock distribution build is refused unless
 * the entry says "matches_stock_builds": true. */
static void check_evr_glob(struct fc_lint *l, struct json_object *e,
			   const char *ip, const char *name, const char *glob)
{
	struct json_object *ms = fc_lint_get(e, "matches_stock_builds",
					     FC_LINT_BOOL);
	bool meant = ms && json_object_get_boolean(ms);
	if (ms && !glob) {
		_cleanup_free_ char *mp = fc_lint_sub(ip, "matches_stock_builds");
		fc_lint_err(l, mp, true,
			    "\"matches_stock_builds\" applies to an evr_glob "
			    "only");
	}
	if (!glob)
		return;
	_cleanup_free_ char *gp = fc_lint_sub(ip, "evr_glob");
	_cleanup_free_ char *shown = fc_printable(glob, 64);
	if (!fc_policy_evr_glob_valid(glob)) {
		fc_lint_err(l, gp, false,
			    "malformed EVR pattern \"%s\" (a version-release "
			    "with * ? [ ] wildcards)",
			    shown);
		return;
	}
	_cleanup_free_ char *stock = NULL;
	if (meant || !fc_policy_glob_matches_stock(glob, &stock))
		return;
	_cleanup_free_ char *w = fc_printable(stock, 64);
	fc_lint_err(l, gp, false,
		    "pattern \"%s\" also matches the stock distribution build "
		    "%s-%s: name the vendor's exact build, or add "
		    "\"matches_stock_builds\": true if that is meant",
		    shown, name ? name : "?", w);
}

static void parse_os(struct fc_lint *l, struct json_object *applies,
		     const char *ppath, struct fc_policy *p)
{
	static const struct fc_lint_key spec[] = {
		{ "id", FC_LINT_STRING, true },
		{ "version_id", FC_LINT_STRING, true },
		{ "vendor_affirmed", FC_LINT_BOOL, false },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	struct json_object *a = fc_lint_get(applies, "os", FC_LINT_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = fc_lint_sub(ppath, "os");
	size_t n = json_object_array_length(a);
	if (n == 0)
		fc_lint_err(l, path, false, "\"os\" must not be empty");
	p->os = fc_calloc(n + 1, sizeof(*p->os));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item(path, i);
		if (!fc_lint_object(l, e, ip, "an os entry", spec,
				    FC_ARRAY_SIZE(spec)))
			continue;
		struct fc_policy_os *os = &p->os[p->n_os++];
		os->id = fc_lint_get_str(e, "id");
		os->version_id = fc_lint_get_str(e, "version_id");
		struct json_object *va = fc_lint_get(e, "vendor_affirmed",
						     FC_LINT_BOOL);
		os->vendor_affirmed = va && json_object_get_boolean(va);
		fc_lint_prov(l, e, ip, &os->prov);
		for (size_t j = 0; j + 1 < p->n_os && os->id && os->version_id;
		     j++) {
			if (!fc_streq(p->os[j].id, os->id) ||
			    !fc_streq(p->os[j].version_id, os->version_id))
				continue;
			fc_lint_err(l, ip, false,
				    "duplicate entry: os %s %s is already "
				    "listed at line %u",
				    os->id, os->version_id,
				    entry_line(l, path, j));
			break;
		}
	}
}

static bool arches_overlap(char *const *a, size_t na, char *const *b, size_t nb,
			   const char **which)
{
	for (size_t i = 0; i < na; i++)
		if (fc_policy_has_arch(b, nb, a[i])) {
			*which = a[i];
			return true;
		}
	return false;
}

static void parse_pkgs(struct fc_lint *l, struct json_object *build,
		       const char *bpath, struct fc_policy_build *b)
{
	static const struct fc_lint_key spec[] = {
		{ "name", FC_LINT_STRING, true },
		{ "evr", FC_LINT_STRING, false },
		{ "evr_glob", FC_LINT_STRING, false },
		{ "matches_stock_builds", FC_LINT_BOOL, false },
	};
	struct json_object *a = fc_lint_get(build, "packages", FC_LINT_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = fc_lint_sub(bpath, "packages");
	size_t n = json_object_array_length(a);
	b->pkgs = fc_calloc(n + 1, sizeof(*b->pkgs));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item(path, i);
		if (!fc_lint_object(l, e, ip, "a package entry", spec,
				    FC_ARRAY_SIZE(spec)))
			continue;
		struct fc_policy_pkg *pk = &b->pkgs[b->n_pkgs++];
		pk->name = fc_lint_get_str(e, "name");
		pk->evr = fc_lint_get_str(e, "evr");
		pk->evr_glob = fc_lint_get_str(e, "evr_glob");
		struct json_object *ms = fc_lint_get(e, "matches_stock_builds",
						     FC_LINT_BOOL);
		pk->matches_stock = ms && json_object_get_boolean(ms);
		check_pkg_name(l, ip, "name", pk->name);
		if (!!pk->evr == !!pk->evr_glob)
			fc_lint_err(l, ip, false,
				    "a package entry needs exactly one of "
				    "\"evr\" and \"evr_glob\"");
		check_evr(l, ip, "evr", pk->evr);
		check_evr_glob(l, e, ip, pk->name, pk->evr_glob);
		for (size_t j = 0; j + 1 < b->n_pkgs && pk->name; j++)
			if (fc_streq(b->pkgs[j].name, pk->name)) {
				fc_lint_err(l, ip, false,
					    "duplicate entry: package %s is listed "
					    "twice in this build",
					    pk->name);
				break;
			}
	}
}

static void parse_cert(struct fc_lint *l, struct json_object *build,
		       const char *bpath, struct fc_policy_cert *c)
{
	static const struct fc_lint_key spec[] = {
		{ "number", FC_LINT_INT_OR_NULL, false },
		{ "in_process", FC_LINT_STRING, false },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	struct json_object *o;
	if (!json_object_object_get_ex(build, "certificate", &o))
		return;
	_cleanup_free_ char *path = fc_lint_sub(bpath, "certificate");
	if (!fc_lint_object(l, o, path, "a certificate", spec,
			    FC_ARRAY_SIZE(spec)))
		return;
	struct json_object *num = NULL;
	bool has_num = json_object_object_get_ex(o, "number", &num);
	if (num && json_object_is_type(num, json_type_int) &&
	    json_object_get_int64(num) > 0)
		c->number = fc_asprintf("%lld",
					(long long)json_object_get_int64(num));
	c->in_process = fc_lint_get_str(o, "in_process");
	if (c->in_process && !fc_policy_table_name_valid(c->in_process)) {
		_cleanup_free_ char *ip = fc_lint_sub(path, "in_process");
		fc_lint_err(l, ip, false,
			    "an in-process id is letters, digits, '.', '_' "
			    "and '-'");
	}
	if (has_num == !!c->in_process)
		fc_lint_err(l, path, false,
			    "a certificate names its \"number\" (null when "
			    "none is known) or the \"in_process\" module "
			    "in review, not both");
	/* The status and dates are the certificate data's; this says
	 * where the reference is, for 'policy lint'. */
	_cleanup_free_ char *rp = fc_lint_sub(path, c->in_process ? "in_process"
								 : "number");
	fc_lint_where(l, has_num || c->in_process ? rp : path, &c->line,
		      &c->col);
	fc_lint_prov(l, o, path, &c->prov);
}

/* The same build twice for one architecture (b is the last parsed). */
static void check_build_dups(struct fc_lint *l, const char *path,
			     const struct fc_policy_module *m,
			     const size_t *json_idx)
{
	size_t bi = m->n_builds - 1;
	const struct fc_policy_build *b = &m->builds[bi];
	_cleanup_free_ char *bp = fc_lint_item(path, json_idx[bi]);
	for (size_t j = 0; j < bi; j++) {
		const struct fc_policy_build *o = &m->builds[j];
		const char *arch;
		if (!arches_overlap(b->arches, b->n_arches, o->arches,
				    o->n_arches, &arch))
			continue;
		unsigned fl = entry_line(l, path, json_idx[j]);
		if (b->module_version &&
		    fc_streq(b->module_version, o->module_version)) {
			_cleanup_free_ char *vp = fc_lint_sub(bp,
							      "module_version");
			fc_lint_err(l, vp, false,
				    "duplicate entry: module_version %s for %s is "
				    "already in the build at line %u",
				    b->module_version, arch, fl);
		}
		for (size_t k = 0; k < b->n_pkgs; k++) {
			const struct fc_policy_pkg *pk = &b->pkgs[k];
			const char *v = pk->evr ? pk->evr : pk->evr_glob;
			for (size_t q = 0; q < o->n_pkgs && v; q++) {
				const struct fc_policy_pkg *op2 = &o->pkgs[q];
				const char *ov = op2->evr ? op2->evr
							  : op2->evr_glob;
				if (!fc_streq(pk->name, op2->name) ||
				    !fc_streq(v, ov))
					continue;
				_cleanup_free_ char
					*pp = fc_asprintf("%s.packages[%zu].%s",
							  bp, k,
							  pk->evr ? "evr"
								  : "evr_glob");
				fc_lint_err(l, pp, false,
					    "duplicate entry: %s %s for %s is already "
					    "in the build at line %u",
					    pk->name, v, arch, fl);
			}
		}
	}
}

static void parse_builds(struct fc_lint *l, struct json_object *mo,
			 const char *mpath, const struct fc_policy *p,
			 struct fc_policy_module *m)
{
	static const struct fc_lint_key spec[] = {
		{ "arches", FC_LINT_ARRAY, true },
		{ "module_name", FC_LINT_STRING, false },
		{ "module_version", FC_LINT_STRING, false },
		{ "packages", FC_LINT_ARRAY, true },
		{ "certificate", FC_LINT_OBJECT, true },
		{ "provenance", FC_LINT_OBJECT, true },
		{ "note", FC_LINT_STRING, false },
	};
	struct json_object *a = fc_lint_get(mo, "builds", FC_LINT_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = fc_lint_sub(mpath, "builds");
	size_t n = json_object_array_length(a);
	m->builds = fc_calloc(n + 1, sizeof(*m->builds));
	_cleanup_free_ size_t *json_idx = fc_calloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item(path, i);
		if (!fc_lint_object(l, e, ip, "a build", spec,
				    FC_ARRAY_SIZE(spec)))
			continue;
		json_idx[m->n_builds] = i;
		struct fc_policy_build *b = &m->builds[m->n_builds++];
		b->arches = fc_lint_strings(l, e, "arches", ip,
					    fc_policy_arch_valid,
					    "architecture", p->arches,
					    p->n_arches, true, &b->n_arches);
		b->module_name = fc_lint_get_str(e, "module_name");
		b->module_version = fc_lint_get_str(e, "module_version");
		b->note = fc_lint_get_str(e, "note");
		parse_pkgs(l, e, ip, b);
		parse_cert(l, e, ip, &b->cert);
		fc_lint_prov(l, e, ip, &b->prov);
		if (!b->n_pkgs && !b->module_version &&
		    fc_lint_get(e, "packages", FC_LINT_ARRAY))
			fc_lint_err(l, ip, false,
				    "a build must name its packages or "
				    "its module_version");
		check_build_dups(l, path, m, json_idx);
	}
}

static bool validated_evr_covers(const struct fc_policy_module *m,
				 const char *package, const char *evr,
				 const char *arch)
{
	struct fc_pkg_walk w = FC_PKG_WALK(m, arch,
					   FC_WALK_VALIDATED | FC_WALK_EXACT,
					   package);
	for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
	     pk = fc_pkg_walk_next(&w))
		if (fc_streq(pk->evr, evr))
			return true;
	return false;
}

/*
 * A compliant build descends from a validated one: its certificate is the
 * one the finding shows.  So newer_than must be the EVR of a validated
 * build of the package on each of the entry's architectures.
 */
static void check_descends(struct fc_lint *l, const struct fc_policy_module *m,
			   const struct fc_policy_compliant *c, const char *ip)
{
	_cleanup_free_ char *tp = fc_lint_sub(ip, "newer_than");
	for (size_t k = 0; k < c->n_arches; k++) {
		if (validated_evr_covers(m, c->package, c->newer_than,
					 c->arches[k]))
			continue;
		fc_lint_err(l, tp, false,
			    "newer_than %s is not the EVR of a validated %s "
			    "build for %s in this module",
			    c->newer_than, c->package, c->arches[k]);
		break;
	}
}

/* The same pattern of a package twice for one architecture (the last
 * entry parsed against the earlier ones). */
static void check_compliant_dups(struct fc_lint *l, const char *path,
				 const struct fc_policy_module *m,
				 const size_t *json_idx, const char *ip)
{
	const struct fc_policy_compliant *c = &m->compliant[m->n_compliant - 1];
	for (size_t j = 0; j + 1 < m->n_compliant; j++) {
		const struct fc_policy_compliant *o = &m->compliant[j];
		const char *arch;
		if (!fc_streq(o->package, c->package) ||
		    !fc_streq(o->evr_glob, c->evr_glob) ||
		    !arches_overlap(c->arches, c->n_arches, o->arches,
				    o->n_arches, &arch))
			continue;
		_cleanup_free_ char *gp = fc_lint_sub(ip, "evr_glob");
		fc_lint_err(l, gp, false,
			    "duplicate entry: %s %s for %s is already in the "
			    "compliant entry at line %u",
			    c->package, c->evr_glob, arch,
			    entry_line(l, path, json_idx[j]));
		break;
	}
}

static void parse_compliant(struct fc_lint *l, struct json_object *mo,
			    const char *mpath, const struct fc_policy *p,
			    struct fc_policy_module *m)
{
	static const struct fc_lint_key spec[] = {
		{ "arches", FC_LINT_ARRAY, true },
		{ "package", FC_LINT_STRING, true },
		{ "evr_glob", FC_LINT_STRING, true },
		{ "newer_than", FC_LINT_STRING, true },
		{ "statement", FC_LINT_STRING, true },
		{ "matches_stock_builds", FC_LINT_BOOL, false },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	struct json_object *a = fc_lint_get(mo, "compliant", FC_LINT_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = fc_lint_sub(mpath, "compliant");
	size_t n = json_object_array_length(a);
	m->compliant = fc_calloc(n + 1, sizeof(*m->compliant));
	_cleanup_free_ size_t *json_idx = fc_calloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item(path, i);
		if (!fc_lint_object(l, e, ip, "a compliant entry", spec,
				    FC_ARRAY_SIZE(spec)))
			continue;
		json_idx[m->n_compliant] = i;
		struct fc_policy_compliant *c = &m->compliant[m->n_compliant++];
		c->arches = fc_lint_strings(l, e, "arches", ip,
					    fc_policy_arch_valid,
					    "architecture", p->arches,
					    p->n_arches, true, &c->n_arches);
		c->package = fc_lint_get_str(e, "package");
		c->evr_glob = fc_lint_get_str(e, "evr_glob");
		c->newer_than = fc_lint_get_str(e, "newer_than");
		c->statement = fc_lint_get_str(e, "statement");
		fc_lint_prov(l, e, ip, &c->prov);
		check_pkg_name(l, ip, "package", c->package);
		check_evr_glob(l, e, ip, c->package, c->evr_glob);
		if (check_evr(l, ip, "newer_than", c->newer_than) &&
		    c->newer_than && c->package)
			check_descends(l, m, c, ip);
		check_compliant_dups(l, path, m, json_idx, ip);
	}
}

static void parse_gaps(struct fc_lint *l, struct json_object *mo,
		       const char *mpath, const struct fc_policy *p,
		       struct fc_policy_module *m)
{
	static const struct fc_lint_key spec[] = {
		{ "arches", FC_LINT_ARRAY, true },
		{ "reason", FC_LINT_STRING, true },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	struct json_object *a = fc_lint_get(mo, "not_covered", FC_LINT_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = fc_lint_sub(mpath, "not_covered");
	size_t n = json_object_array_length(a);
	m->gaps = fc_calloc(n + 1, sizeof(*m->gaps));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item(path, i);
		if (!fc_lint_object(l, e, ip, "a not_covered entry", spec,
				    FC_ARRAY_SIZE(spec)))
			continue;
		struct fc_policy_gap *g = &m->gaps[m->n_gaps++];
		g->arches = fc_lint_strings(l, e, "arches", ip,
					    fc_policy_arch_valid,
					    "architecture", p->arches,
					    p->n_arches, true, &g->n_arches);
		g->reason = fc_lint_get_str(e, "reason");
		fc_lint_prov(l, e, ip, &g->prov);
		_cleanup_free_ char *ap = fc_lint_sub(ip, "arches");
		for (size_t k = 0; k < g->n_arches; k++) {
			size_t bi = 0;
			bool clash = fc_policy_next_build(m, g->arches[k],
							  FC_WALK_VALIDATED,
							  &bi) != NULL;
			for (size_t j = 0; j + 1 < m->n_gaps && !clash; j++)
				clash = fc_policy_has_arch(m->gaps[j].arches,
							   m->gaps[j].n_arches,
							   g->arches[k]);
			if (clash)
				fc_lint_err(l, ap, false,
					    "contradiction: %s is not covered here but "
					    "has a validated build or another "
					    "not_covered entry in this module",
					    g->arches[k]);
		}
	}
}

static void parse_module(struct fc_lint *l, enum fc_module mod,
			 struct json_object *mo, const char *path,
			 struct fc_policy *p)
{
	static const struct fc_lint_key spec[] = {
		{ "title", FC_LINT_STRING, false },
		{ "fips_name", FC_LINT_STRING, false },
		{ "note", FC_LINT_STRING, false },
		{ "builds", FC_LINT_ARRAY, false },
		{ "compliant", FC_LINT_ARRAY, false },
		{ "not_covered", FC_LINT_ARRAY, false },
	};
	if (!fc_lint_object(l, mo, path, "a module", spec, FC_ARRAY_SIZE(spec)))
		return;
	struct fc_policy_module *m = &p->modules[mod];
	m->present = true;
	m->title = fc_lint_get_str(mo, "title");
	m->fips_name = fc_lint_get_str(mo, "fips_name");
	m->note = fc_lint_get_str(mo, "note");
	if (m->fips_name && mod != FC_MODULE_KERNEL) {
		_cleanup_free_ char *fp = fc_lint_sub(path, "fips_name");
		fc_lint_err(l, fp, true,
			    "\"fips_name\" applies to the kernel module "
			    "only");
	}
	parse_builds(l, mo, path, p, m);
	parse_compliant(l, mo, path, p, m);
	parse_gaps(l, mo, path, p, m);
}

void fc_lint_table(struct fc_lint *l, struct json_object *top,
		   struct fc_policy *p)
{
	static const struct fc_lint_key spec[] = {
		{ "format", FC_LINT_STRING, true },
		{ "name", FC_LINT_STRING, true },
		{ "title", FC_LINT_STRING, true },
		{ "vendor", FC_LINT_STRING, true },
		{ "description", FC_LINT_STRING, false },
		{ "applies_to", FC_LINT_OBJECT, true },
		{ "package_signers", FC_LINT_OBJECT, false },
		{ "provenance", FC_LINT_OBJECT, true },
		{ "modules", FC_LINT_OBJECT, true },
	};
	static const struct fc_lint_key signers_spec[] = {
		{ "owners", FC_LINT_ARRAY, true },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	static const struct fc_lint_key applies_spec[] = {
		{ "os", FC_LINT_ARRAY, true },
		{ "arches", FC_LINT_ARRAY, true },
		{ "marker_packages", FC_LINT_ARRAY, false },
	};
	if (!fc_lint_object(l, top, "", "a table", spec, FC_ARRAY_SIZE(spec)))
		return;
	struct json_object *fmt = fc_lint_get(top, "format", FC_LINT_STRING);
	if (fmt && fc_streq(json_object_get_string(fmt), POLICY_FORMAT_1)) {
		fc_lint_err(l, "format", false,
			    "format %s is no longer read: a certificate's "
			    "status and dates now live in cmvp-certificates.json "
			    "and a table names the certificate by \"number\" or "
			    "its \"in_process\" id (docs/policies.md); this "
			    "fipsctl reads %s",
			    POLICY_FORMAT_1, POLICY_FORMAT);
	} else if (fmt &&
		   !fc_streq(json_object_get_string(fmt), POLICY_FORMAT)) {
		_cleanup_free_ char
			*shown = fc_printable(json_object_get_string(fmt), 64);
		fc_lint_err(l, "format", false,
			    "unsupported format \"%s\" (this fipsctl reads %s)",
			    shown, POLICY_FORMAT);
	}
	p->name = fc_lint_get_str(top, "name");
	if (p->name && !fc_policy_table_name_valid(p->name)) {
		_cleanup_free_ char *shown = fc_printable(p->name, 64);
		fc_lint_err(l, "name", false,
			    "\"%s\" is not a valid table name (letters, digits, "
			    "'.', '_' and '-')",
			    shown);
	}
	p->title = fc_lint_get_str(top, "title");
	p->vendor = fc_lint_get_str(top, "vendor");
	fc_lint_prov(l, top, "", &p->prov);

	struct json_object *ap = fc_lint_get(top, "applies_to", FC_LINT_OBJECT);
	if (ap && fc_lint_object(l, ap, "applies_to", "applies_to",
				 applies_spec, FC_ARRAY_SIZE(applies_spec))) {
		parse_os(l, ap, "applies_to", p);
		p->arches = fc_lint_strings(l, ap, "arches", "applies_to",
					    fc_policy_arch_valid,
					    "architecture", NULL, 0, true,
					    &p->n_arches);
		p->markers = fc_lint_strings(l, ap, "marker_packages",
					     "applies_to",
					     fc_policy_pkg_name_valid,
					     "package name", NULL, 0, false,
					     &p->n_markers);
	}

	struct json_object *ps = fc_lint_get(top, "package_signers",
					     FC_LINT_OBJECT);
	if (ps && fc_lint_object(l, ps, "package_signers", "package_signers",
				 signers_spec, FC_ARRAY_SIZE(signers_spec))) {
		p->signers = fc_lint_strings(l, ps, "owners", "package_signers",
					     fc_policy_owner_valid, "owner",
					     NULL, 0, true, &p->n_signers);
		fc_lint_prov(l, ps, "package_signers", &p->signers_prov);
		fc_lint_where(l, "package_signers.owners", &p->signers_line,
			      &p->signers_col);
	}

	struct json_object *mods = fc_lint_get(top, "modules", FC_LINT_OBJECT);
	if (!mods)
		return;
	if (json_object_object_length(mods) == 0)
		fc_lint_err(l, "modules", false, "\"modules\" names no module");
	_cleanup_free_ char *all =
		fc_policy_names_list(fc_policy_module_names,
				     FC_ARRAY_SIZE(fc_policy_module_names));
	json_object_object_foreach(mods, key, val)
	{
		_cleanup_free_ char *mp = fc_lint_sub("modules", key);
		enum fc_module mod;
		if (fc_module_from_name(key, &mod) < 0) {
			_cleanup_free_ char *shown = fc_printable(key, 64);
			fc_lint_err(l, mp, true,
				    "unknown module \"%s\" (expected %s)",
				    shown, all);
			continue;
		}
		parse_module(l, mod, val, mp, p);
	}
}
