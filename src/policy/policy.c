// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading a validated-module table and checking it.  The
 * text is parsed twice: json-c builds the objects (and says where a syntax
 * error is, as a byte offset), then src/base/jsonpos.c indexes where every
 * value starts, so that each semantic error can be reported as
 * "file:line:column: message".  Every problem in a file is reported, not
 * only the first, and in file order.
 */
#include "policy/policy.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include <json-c/json.h>

#include "base/jsonpos.h"
#include "core/sysroot.h"

#define POLICY_FORMAT "fipsctl-policy/1"

static const char *const module_names[FC_MODULE_COUNT_] = {
	[FC_MODULE_KERNEL] = "kernel",       [FC_MODULE_OPENSSL] = "openssl",
	[FC_MODULE_LIBGCRYPT] = "libgcrypt", [FC_MODULE_NSS] = "nss",
	[FC_MODULE_GNUTLS] = "gnutls",
};
static const char *const confidence_names[] = {
	[FC_CONF_VERIFIED] = "verified",
	[FC_CONF_THIRD_PARTY] = "third-party",
	[FC_CONF_UNCONFIRMED] = "unconfirmed",
};
static const char *const cert_status_names[] = {
	[FC_CERT_ACTIVE] = "active",
	[FC_CERT_HISTORICAL] = "historical",
	[FC_CERT_IN_PROCESS] = "in-process",
	[FC_CERT_VENDOR_AFFIRMED] = "vendor-affirmed",
	[FC_CERT_UNKNOWN] = "unknown",
};

static int name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (fc_streq(names[i], s))
			return (int)i;
	return -1;
}

static char *names_list(const char *const *names, size_t n)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		fc_buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
	return fc_buf_steal(&b);
}

const char *fc_module_name(enum fc_module m)
{
	return (unsigned)m < FC_MODULE_COUNT_ ? module_names[m] : "?";
}

int fc_module_from_name(const char *s, enum fc_module *out)
{
	int i = name_index(module_names, FC_ARRAY_SIZE(module_names), s);
	if (i < 0)
		return -EINVAL;
	*out = (enum fc_module)i;
	return 0;
}

const char *fc_confidence_name(enum fc_confidence c)
{
	return (unsigned)c < FC_ARRAY_SIZE(confidence_names)
		       ? confidence_names[c]
		       : "?";
}

const char *fc_cert_status_name(enum fc_cert_status s)
{
	return (unsigned)s < FC_ARRAY_SIZE(cert_status_names)
		       ? cert_status_names[s]
		       : "?";
}

/* --- freeing ------------------------------------------------------------ */

static void prov_free(struct fc_provenance *p)
{
	free(p->source);
	free(p->date);
	free(p->note);
}

static void module_free(struct fc_policy_module *m)
{
	free(m->title);
	free(m->fips_name);
	free(m->note);
	for (size_t i = 0; i < m->n_builds; i++) {
		struct fc_policy_build *b = &m->builds[i];
		fc_strv_free(b->arches);
		free(b->module_name);
		free(b->module_version);
		for (size_t k = 0; k < b->n_pkgs; k++) {
			free(b->pkgs[k].name);
			free(b->pkgs[k].evr);
			free(b->pkgs[k].evr_glob);
		}
		free(b->pkgs);
		free(b->cert.number);
		prov_free(&b->cert.prov);
		prov_free(&b->prov);
		free(b->note);
	}
	free(m->builds);
	for (size_t i = 0; i < m->n_compliant; i++) {
		struct fc_policy_compliant *c = &m->compliant[i];
		fc_strv_free(c->arches);
		free(c->package);
		free(c->evr_glob);
		free(c->newer_than);
		free(c->statement);
		prov_free(&c->prov);
	}
	free(m->compliant);
	for (size_t i = 0; i < m->n_gaps; i++) {
		fc_strv_free(m->gaps[i].arches);
		free(m->gaps[i].reason);
		prov_free(&m->gaps[i].prov);
	}
	free(m->gaps);
}

void fc_policy_free(struct fc_policy *p)
{
	if (!p)
		return;
	free(p->path);
	free(p->name);
	free(p->title);
	free(p->vendor);
	for (size_t i = 0; i < p->n_os; i++) {
		free(p->os[i].id);
		free(p->os[i].version_id);
		prov_free(&p->os[i].prov);
	}
	free(p->os);
	fc_strv_free(p->arches);
	fc_strv_free(p->markers);
	prov_free(&p->prov);
	for (int m = 0; m < FC_MODULE_COUNT_; m++)
		module_free(&p->modules[m]);
	free(p);
}

void fc_diags_free(struct fc_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	*d = (struct fc_diags){ 0 };
}

void fc_diags_print(const struct fc_diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		_cleanup_free_ char *m = fc_printable(d->v[i].msg, 1024);
		/* Line 0: about the whole file (it cannot be read). */
		if (d->v[i].line)
			fprintf(f, "%s:%u:%u: %s\n", d->v[i].file,
				d->v[i].line, d->v[i].col, m);
		else
			fprintf(f, "%s: %s\n", d->v[i].file, m);
	}
}

/* --- syntax of the values ---------------------------------------------- */

static bool all_in(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9');
		if (!alnum && !(c && strchr(set, c)))
			return false;
	}
	return true;
}

/* rpm allows these in versions and releases ('-' only separates them). */
#define EVR_CHARS "._+~^"

bool fc_evr_valid(const char *evr)
{
	if (!evr)
		return false;
	const char *p = evr;
	const char *colon = strchr(evr, ':');
	if (colon) {
		size_t n = (size_t)(colon - evr);
		/* rpm keeps the epoch in a 32-bit tag */
		if (n == 0 || n > 9 || !all_in(evr, n, ""))
			return false;
		for (size_t i = 0; i < n; i++)
			if (evr[i] < '0' || evr[i] > '9')
				return false;
		p = colon + 1;
	}
	const char *dash = strchr(p, '-');
	if (!dash || strchr(dash + 1, '-'))
		return false;
	return all_in(p, (size_t)(dash - p), EVR_CHARS) &&
	       all_in(dash + 1, strlen(dash + 1), EVR_CHARS);
}

const char *fc_evr_no_epoch(const char *evr)
{
	const char *colon = strchr(evr, ':');
	return colon ? colon + 1 : evr;
}

static bool evr_glob_valid(const char *g)
{
	return strchr(g, '-') && all_in(g, strlen(g), EVR_CHARS ":-*?[]!");
}

static bool pkg_name_valid(const char *s)
{
	return all_in(s, strlen(s), "._+-");
}

static bool arch_valid(const char *s)
{
	return all_in(s, strlen(s), "_");
}

static bool table_name_valid(const char *s)
{
	return all_in(s, strlen(s), "._-") && s[0] != '.' && s[0] != '-';
}

static bool date_valid(const char *s)
{
	/* YYYY, YYYY-MM or YYYY-MM-DD */
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	if (n >= 7) {
		int mo = (s[5] - '0') * 10 + (s[6] - '0');
		if (mo < 1 || mo > 12)
			return false;
	}
	if (n == 10) {
		int d = (s[8] - '0') * 10 + (s[9] - '0');
		if (d < 1 || d > 31)
			return false;
	}
	return true;
}

/* --- the checker ------------------------------------------------------- */

struct lint {
	const char *file;
	struct fc_jpos pos;
	struct fc_diags *d;
	size_t errors;
};

static void diag_at(struct fc_diags *d, const char *file, unsigned line,
		    unsigned col, const char *fmt, va_list ap) FC_PRINTF(5, 0);
static void diag_at(struct fc_diags *d, const char *file, unsigned line,
		    unsigned col, const char *fmt, va_list ap)
{
	d->v = fc_realloc(d->v, (d->n + 1) * sizeof(*d->v));
	d->v[d->n++] = (struct fc_diag){
		.file = fc_strdup(file),
		.line = line,
		.col = col,
		.msg = fc_vasprintf(fmt, ap),
	};
}

static void diag_pos(struct fc_diags *d, const char *file, unsigned line,
		     unsigned col, const char *fmt, ...) FC_PRINTF(5, 6);
static void diag_pos(struct fc_diags *d, const char *file, unsigned line,
		     unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_at(d, file, line, col, fmt, ap);
	va_end(ap);
}

/* An error about the value at path (key: about its key). */
static void err(struct lint *l, const char *path, bool key, const char *fmt,
		...) FC_PRINTF(4, 5);
static void err(struct lint *l, const char *path, bool key, const char *fmt,
		...)
{
	unsigned line, col;
	fc_jpos_find(&l->pos, path, key, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	diag_at(l->d, l->file, line, col, fmt, ap);
	va_end(ap);
	l->errors++;
}

static void where(struct lint *l, const char *path, unsigned *line,
		  unsigned *col)
{
	fc_jpos_find(&l->pos, path, false, line, col);
}

static char *sub(const char *path, const char *key)
{
	return *path ? fc_asprintf("%s.%s", path, key) : fc_strdup(key);
}

static char *item(const char *path, size_t i)
{
	return fc_asprintf("%s[%zu]", path, i);
}

enum kind { K_STRING, K_ARRAY, K_OBJECT, K_BOOL, K_INT_OR_NULL };

static const char *kind_name(enum kind k)
{
	switch (k) {
	case K_STRING:
		return "a string";
	case K_ARRAY:
		return "an array";
	case K_OBJECT:
		return "an object";
	case K_BOOL:
		return "true or false";
	case K_INT_OR_NULL:
	default:
		return "a positive integer or null";
	}
}

static bool kind_ok(struct json_object *v, enum kind k)
{
	switch (k) {
	case K_STRING:
		return json_object_is_type(v, json_type_string);
	case K_ARRAY:
		return json_object_is_type(v, json_type_array);
	case K_OBJECT:
		return json_object_is_type(v, json_type_object);
	case K_BOOL:
		return json_object_is_type(v, json_type_boolean);
	case K_INT_OR_NULL:
	default:
		return !v || json_object_is_type(v, json_type_null) ||
		       (json_object_is_type(v, json_type_int) &&
			json_object_get_int64(v) > 0);
	}
}

struct keyspec {
	const char *key;
	enum kind kind;
	bool required;
};

/*
 * Check o's members against spec: unknown keys, wrong types, empty
 * strings and missing required keys.  False when o is not an object.
 */
static bool check_object(struct lint *l, struct json_object *o,
			 const char *path, const char *what,
			 const struct keyspec *spec, size_t n)
{
	if (!json_object_is_type(o, json_type_object)) {
		err(l, path, false, "%s must be an object", what);
		return false;
	}
	json_object_object_foreach(o, key, val)
	{
		_cleanup_free_ char *kp = sub(path, key);
		size_t k;
		for (k = 0; k < n && !fc_streq(spec[k].key, key); k++)
			;
		if (k == n) {
			struct fc_buf names = { 0 };
			for (size_t i = 0; i < n; i++)
				fc_buf_addf(&names, "%s%s", i ? ", " : "",
					    spec[i].key);
			_cleanup_free_ char *shown = fc_printable(key, 64);
			err(l, kp, true, "unknown key \"%s\" in %s (expected %s)",
			    shown, what, names.data);
			fc_buf_free(&names);
			continue;
		}
		if (!kind_ok(val, spec[k].kind)) {
			err(l, kp, false, "\"%s\" must be %s", key,
			    kind_name(spec[k].kind));
			continue;
		}
		if (spec[k].kind == K_STRING && !*json_object_get_string(val))
			err(l, kp, false, "\"%s\" must not be empty", key);
	}
	for (size_t k = 0; k < n; k++) {
		struct json_object *v;
		if (!spec[k].required ||
		    json_object_object_get_ex(o, spec[k].key, &v))
			continue;
		if (fc_streq(spec[k].key, "provenance"))
			err(l, path, false,
			    "%s has no \"provenance\" (every entry needs its "
			    "source, date and confidence)",
			    what);
		else
			err(l, path, false, "%s has no \"%s\"", what,
			    spec[k].key);
	}
	return true;
}

/* The value of key when it exists and has the right type, else NULL. */
static struct json_object *get(struct json_object *o, const char *key,
			       enum kind k)
{
	struct json_object *v = NULL;
	if (!json_object_object_get_ex(o, key, &v) || !kind_ok(v, k) || !v)
		return NULL;
	if (k == K_STRING && !*json_object_get_string(v))
		return NULL;
	return v;
}

static char *get_str(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key, K_STRING);
	return v ? fc_strdup(json_object_get_string(v)) : NULL;
}

static int parse_enum(struct lint *l, struct json_object *o, const char *key,
		      const char *path, const char *const *names, size_t n,
		      int dflt)
{
	struct json_object *v = get(o, key, K_STRING);
	if (!v)
		return dflt;
	int i = name_index(names, n, json_object_get_string(v));
	if (i < 0) {
		_cleanup_free_ char *kp = sub(path, key);
		_cleanup_free_ char *all = names_list(names, n);
		_cleanup_free_ char *shown =
			fc_printable(json_object_get_string(v), 64);
		err(l, kp, false, "\"%s\" is not a valid %s (expected %s)",
		    shown, key, all);
		return dflt;
	}
	return i;
}

static void parse_prov(struct lint *l, struct json_object *parent,
		       const char *ppath, struct fc_provenance *out)
{
	static const struct keyspec spec[] = {
		{ "source", K_STRING, true },
		{ "date", K_STRING, true },
		{ "confidence", K_STRING, true },
		{ "note", K_STRING, false },
	};
	struct json_object *o;
	/* Missing provenance was reported by the parent's key check. */
	out->confidence = FC_CONF_UNCONFIRMED;
	if (!json_object_object_get_ex(parent, "provenance", &o))
		return;
	_cleanup_free_ char *path = sub(ppath, "provenance");
	if (!check_object(l, o, path, "provenance", spec, FC_ARRAY_SIZE(spec)))
		return;
	out->source = get_str(o, "source");
	out->date = get_str(o, "date");
	out->note = get_str(o, "note");
	if (out->date && !date_valid(out->date)) {
		_cleanup_free_ char *dp = sub(path, "date");
		_cleanup_free_ char *shown = fc_printable(out->date, 64);
		err(l, dp, false,
		    "\"%s\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
		    shown);
	}
	out->confidence = (enum fc_confidence)parse_enum(
		l, o, "confidence", path, confidence_names,
		FC_ARRAY_SIZE(confidence_names), FC_CONF_UNCONFIRMED);
}

typedef bool (*str_valid_fn)(const char *s);

/*
 * An array of distinct strings, each accepted by valid (what names the
 * syntax in errors); with allowed, each must also be one of those.
 */
static char **parse_strings(struct lint *l, struct json_object *parent,
			    const char *key, const char *ppath,
			    str_valid_fn valid, const char *what,
			    char *const *allowed, size_t n_allowed,
			    bool need_one, size_t *n_out)
{
	*n_out = 0;
	struct json_object *a = get(parent, key, K_ARRAY);
	if (!a)
		return NULL;
	_cleanup_free_ char *path = sub(ppath, key);
	size_t n = json_object_array_length(a);
	if (n == 0 && need_one)
		err(l, path, false, "\"%s\" must not be empty", key);
	char **v = fc_calloc(n + 1, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = item(path, i);
		if (!json_object_is_type(e, json_type_string)) {
			err(l, ip, false, "%s entries must be strings", key);
			continue;
		}
		const char *s = json_object_get_string(e);
		_cleanup_free_ char *shown = fc_printable(s, 64);
		if (!valid(s)) {
			err(l, ip, false, "\"%s\" is not a valid %s", shown,
			    what);
			continue;
		}
		if (allowed && !fc_policy_has_arch(allowed, n_allowed, s)) {
			err(l, ip, false,
			    "%s \"%s\" is not one of the table's "
			    "applies_to.arches",
			    what, shown);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++)
			dup = fc_streq(v[j], s);
		if (dup) {
			err(l, ip, false, "duplicate entry: %s \"%s\" is listed "
					  "twice in \"%s\"",
			    what, shown, key);
			continue;
		}
		v[k++] = fc_strdup(s);
	}
	*n_out = k;
	return v;
}

static void parse_os(struct lint *l, struct json_object *applies,
		     const char *ppath, struct fc_policy *p)
{
	static const struct keyspec spec[] = {
		{ "id", K_STRING, true },
		{ "version_id", K_STRING, true },
		{ "vendor_affirmed", K_BOOL, false },
		{ "provenance", K_OBJECT, true },
	};
	struct json_object *a = get(applies, "os", K_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = sub(ppath, "os");
	size_t n = json_object_array_length(a);
	if (n == 0)
		err(l, path, false, "\"os\" must not be empty");
	p->os = fc_calloc(n + 1, sizeof(*p->os));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = item(path, i);
		if (!check_object(l, e, ip, "an os entry", spec,
				  FC_ARRAY_SIZE(spec)))
			continue;
		struct fc_policy_os *os = &p->os[p->n_os++];
		os->id = get_str(e, "id");
		os->version_id = get_str(e, "version_id");
		struct json_object *va = get(e, "vendor_affirmed", K_BOOL);
		os->vendor_affirmed = va && json_object_get_boolean(va);
		parse_prov(l, e, ip, &os->prov);
		for (size_t j = 0; j + 1 < p->n_os && os->id && os->version_id;
		     j++) {
			if (!fc_streq(p->os[j].id, os->id) ||
			    !fc_streq(p->os[j].version_id, os->version_id))
				continue;
			unsigned fl, fc;
			_cleanup_free_ char *fp = item(path, j);
			where(l, fp, &fl, &fc);
			err(l, ip, false,
			    "duplicate entry: os %s %s is already listed at "
			    "line %u",
			    os->id, os->version_id, fl);
			(void)fc;
			break;
		}
	}
}

static bool arches_overlap(char *const *a, size_t na, char *const *b,
			   size_t nb, const char **which)
{
	for (size_t i = 0; i < na; i++)
		if (fc_policy_has_arch(b, nb, a[i])) {
			*which = a[i];
			return true;
		}
	return false;
}

static void parse_pkgs(struct lint *l, struct json_object *build,
		       const char *bpath, struct fc_policy_build *b)
{
	static const struct keyspec spec[] = {
		{ "name", K_STRING, true },
		{ "evr", K_STRING, false },
		{ "evr_glob", K_STRING, false },
	};
	struct json_object *a = get(build, "packages", K_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = sub(bpath, "packages");
	size_t n = json_object_array_length(a);
	b->pkgs = fc_calloc(n + 1, sizeof(*b->pkgs));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = item(path, i);
		if (!check_object(l, e, ip, "a package entry", spec,
				  FC_ARRAY_SIZE(spec)))
			continue;
		struct fc_policy_pkg *pk = &b->pkgs[b->n_pkgs++];
		pk->name = get_str(e, "name");
		pk->evr = get_str(e, "evr");
		pk->evr_glob = get_str(e, "evr_glob");
		if (pk->name && !pkg_name_valid(pk->name)) {
			_cleanup_free_ char *np = sub(ip, "name");
			_cleanup_free_ char *shown = fc_printable(pk->name, 64);
			err(l, np, false, "\"%s\" is not a valid package name",
			    shown);
		}
		if (!!pk->evr == !!pk->evr_glob)
			err(l, ip, false, "a package entry needs exactly one "
					  "of \"evr\" and \"evr_glob\"");
		if (pk->evr && !fc_evr_valid(pk->evr)) {
			_cleanup_free_ char *ep = sub(ip, "evr");
			_cleanup_free_ char *shown = fc_printable(pk->evr, 64);
			err(l, ep, false,
			    "malformed EVR \"%s\" (expected "
			    "[epoch:]version-release, e.g. "
			    "1:3.0.7-20.el9_2)",
			    shown);
		}
		if (pk->evr_glob && !evr_glob_valid(pk->evr_glob)) {
			_cleanup_free_ char *ep = sub(ip, "evr_glob");
			_cleanup_free_ char *shown =
				fc_printable(pk->evr_glob, 64);
			err(l, ep, false,
			    "malformed EVR pattern \"%s\" (a version-release "
			    "with * ? [ ] wildcards)",
			    shown);
		}
		for (size_t j = 0; j + 1 < b->n_pkgs && pk->name; j++)
			if (fc_streq(b->pkgs[j].name, pk->name)) {
				err(l, ip, false,
				    "duplicate entry: package %s is listed "
				    "twice in this build",
				    pk->name);
				break;
			}
	}
}

static void parse_cert(struct lint *l, struct json_object *build,
		       const char *bpath, struct fc_policy_cert *c)
{
	static const struct keyspec spec[] = {
		{ "number", K_INT_OR_NULL, true },
		{ "status", K_STRING, true },
		{ "provenance", K_OBJECT, true },
	};
	struct json_object *o;
	c->status = FC_CERT_UNKNOWN;
	if (!json_object_object_get_ex(build, "certificate", &o))
		return;
	_cleanup_free_ char *path = sub(bpath, "certificate");
	if (!check_object(l, o, path, "a certificate", spec,
			  FC_ARRAY_SIZE(spec)))
		return;
	struct json_object *num = NULL;
	if (json_object_object_get_ex(o, "number", &num) && num &&
	    json_object_is_type(num, json_type_int) &&
	    json_object_get_int64(num) > 0)
		c->number = fc_asprintf("%lld",
					(long long)json_object_get_int64(num));
	c->status = (enum fc_cert_status)parse_enum(
		l, o, "status", path, cert_status_names,
		FC_ARRAY_SIZE(cert_status_names), FC_CERT_UNKNOWN);
	if (!c->number &&
	    (c->status == FC_CERT_ACTIVE || c->status == FC_CERT_HISTORICAL)) {
		_cleanup_free_ char *np = sub(path, "number");
		err(l, np, false, "a certificate with status %s needs its "
				  "number",
		    fc_cert_status_name(c->status));
	}
	parse_prov(l, o, path, &c->prov);
}

/* The same build twice for one architecture (b is the last parsed). */
static void check_build_dups(struct lint *l, const char *path,
			     const struct fc_policy_module *m,
			     const size_t *json_idx)
{
	size_t bi = m->n_builds - 1;
	const struct fc_policy_build *b = &m->builds[bi];
	_cleanup_free_ char *bp = item(path, json_idx[bi]);
	for (size_t j = 0; j < bi; j++) {
		const struct fc_policy_build *o = &m->builds[j];
		const char *arch;
		if (!arches_overlap(b->arches, b->n_arches, o->arches,
				    o->n_arches, &arch))
			continue;
		unsigned fl, fc;
		_cleanup_free_ char *op = item(path, json_idx[j]);
		where(l, op, &fl, &fc);
		if (b->module_version &&
		    fc_streq(b->module_version, o->module_version)) {
			_cleanup_free_ char *vp = sub(bp, "module_version");
			err(l, vp, false,
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
				_cleanup_free_ char *pp = fc_asprintf(
					"%s.packages[%zu].%s", bp, k,
					pk->evr ? "evr" : "evr_glob");
				err(l, pp, false,
				    "duplicate entry: %s %s for %s is already "
				    "in the build at line %u",
				    pk->name, v, arch, fl);
			}
		}
	}
}

static void parse_builds(struct lint *l, struct json_object *mo,
			 const char *mpath, const struct fc_policy *p,
			 struct fc_policy_module *m)
{
	static const struct keyspec spec[] = {
		{ "arches", K_ARRAY, true },
		{ "module_name", K_STRING, false },
		{ "module_version", K_STRING, false },
		{ "packages", K_ARRAY, true },
		{ "certificate", K_OBJECT, true },
		{ "provenance", K_OBJECT, true },
		{ "note", K_STRING, false },
	};
	struct json_object *a = get(mo, "builds", K_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = sub(mpath, "builds");
	size_t n = json_object_array_length(a);
	m->builds = fc_calloc(n + 1, sizeof(*m->builds));
	_cleanup_free_ size_t *json_idx = fc_calloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = item(path, i);
		if (!check_object(l, e, ip, "a build", spec,
				  FC_ARRAY_SIZE(spec)))
			continue;
		json_idx[m->n_builds] = i;
		struct fc_policy_build *b = &m->builds[m->n_builds++];
		b->arches = parse_strings(l, e, "arches", ip, arch_valid,
					  "architecture", p->arches,
					  p->n_arches, true, &b->n_arches);
		b->module_name = get_str(e, "module_name");
		b->module_version = get_str(e, "module_version");
		b->note = get_str(e, "note");
		parse_pkgs(l, e, ip, b);
		parse_cert(l, e, ip, &b->cert);
		parse_prov(l, e, ip, &b->prov);
		if (!b->n_pkgs && !b->module_version &&
		    get(e, "packages", K_ARRAY))
			err(l, ip, false, "a build must name its packages or "
					  "its module_version");
		check_build_dups(l, path, m, json_idx);
	}
}

static bool validated_evr_covers(const struct fc_policy_module *m,
				 const char *package, const char *evr,
				 const char *arch)
{
	struct fc_pkg_walk w =
		FC_PKG_WALK(m, arch, FC_WALK_VALIDATED | FC_WALK_EXACT, package);
	for (const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w); pk;
	     pk = fc_pkg_walk_next(&w))
		if (fc_streq(pk->evr, evr))
			return true;
	return false;
}

static void parse_compliant(struct lint *l, struct json_object *mo,
			    const char *mpath, const struct fc_policy *p,
			    struct fc_policy_module *m)
{
	static const struct keyspec spec[] = {
		{ "arches", K_ARRAY, true },
		{ "package", K_STRING, true },
		{ "evr_glob", K_STRING, true },
		{ "newer_than", K_STRING, true },
		{ "statement", K_STRING, true },
		{ "provenance", K_OBJECT, true },
	};
	struct json_object *a = get(mo, "compliant", K_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = sub(mpath, "compliant");
	size_t n = json_object_array_length(a);
	m->compliant = fc_calloc(n + 1, sizeof(*m->compliant));
	_cleanup_free_ size_t *json_idx = fc_calloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = item(path, i);
		if (!check_object(l, e, ip, "a compliant entry", spec,
				  FC_ARRAY_SIZE(spec)))
			continue;
		json_idx[m->n_compliant] = i;
		struct fc_policy_compliant *c = &m->compliant[m->n_compliant++];
		c->arches = parse_strings(l, e, "arches", ip, arch_valid,
					  "architecture", p->arches,
					  p->n_arches, true, &c->n_arches);
		c->package = get_str(e, "package");
		c->evr_glob = get_str(e, "evr_glob");
		c->newer_than = get_str(e, "newer_than");
		c->statement = get_str(e, "statement");
		parse_prov(l, e, ip, &c->prov);
		if (c->package && !pkg_name_valid(c->package)) {
			_cleanup_free_ char *np = sub(ip, "package");
			_cleanup_free_ char *shown = fc_printable(c->package, 64);
			err(l, np, false, "\"%s\" is not a valid package name",
			    shown);
		}
		if (c->evr_glob && !evr_glob_valid(c->evr_glob)) {
			_cleanup_free_ char *gp = sub(ip, "evr_glob");
			_cleanup_free_ char *shown = fc_printable(c->evr_glob, 64);
			err(l, gp, false,
			    "malformed EVR pattern \"%s\" (a version-release "
			    "with * ? [ ] wildcards)",
			    shown);
		}
		_cleanup_free_ char *tp = sub(ip, "newer_than");
		if (c->newer_than && !fc_evr_valid(c->newer_than)) {
			_cleanup_free_ char *shown =
				fc_printable(c->newer_than, 64);
			err(l, tp, false,
			    "malformed EVR \"%s\" (expected "
			    "[epoch:]version-release, e.g. "
			    "1:3.0.7-20.el9_2)",
			    shown);
		} else if (c->newer_than && c->package) {
			/* A compliant build descends from a validated one:
			 * its certificate is the one the finding shows. */
			for (size_t k = 0; k < c->n_arches; k++) {
				if (validated_evr_covers(m, c->package,
							 c->newer_than,
							 c->arches[k]))
					continue;
				err(l, tp, false,
				    "newer_than %s is not the EVR of a "
				    "validated %s build for %s in this module",
				    c->newer_than, c->package, c->arches[k]);
				break;
			}
		}
		for (size_t j = 0; j + 1 < m->n_compliant; j++) {
			const struct fc_policy_compliant *o = &m->compliant[j];
			const char *arch;
			if (!fc_streq(o->package, c->package) ||
			    !fc_streq(o->evr_glob, c->evr_glob) ||
			    !arches_overlap(c->arches, c->n_arches, o->arches,
					    o->n_arches, &arch))
				continue;
			unsigned fl, fc;
			_cleanup_free_ char *op = item(path, json_idx[j]);
			where(l, op, &fl, &fc);
			_cleanup_free_ char *gp = sub(ip, "evr_glob");
			err(l, gp, false,
			    "duplicate entry: %s %s for %s is already in the "
			    "compliant entry at line %u",
			    c->package, c->evr_glob, arch, fl);
			break;
		}
	}
}

static void parse_gaps(struct lint *l, struct json_object *mo,
		       const char *mpath, const struct fc_policy *p,
		       struct fc_policy_module *m)
{
	static const struct keyspec spec[] = {
		{ "arches", K_ARRAY, true },
		{ "reason", K_STRING, true },
		{ "provenance", K_OBJECT, true },
	};
	struct json_object *a = get(mo, "not_covered", K_ARRAY);
	if (!a)
		return;
	_cleanup_free_ char *path = sub(mpath, "not_covered");
	size_t n = json_object_array_length(a);
	m->gaps = fc_calloc(n + 1, sizeof(*m->gaps));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = item(path, i);
		if (!check_object(l, e, ip, "a not_covered entry", spec,
				  FC_ARRAY_SIZE(spec)))
			continue;
		struct fc_policy_gap *g = &m->gaps[m->n_gaps++];
		g->arches = parse_strings(l, e, "arches", ip, arch_valid,
					  "architecture", p->arches,
					  p->n_arches, true, &g->n_arches);
		g->reason = get_str(e, "reason");
		parse_prov(l, e, ip, &g->prov);
		_cleanup_free_ char *ap = sub(ip, "arches");
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
				err(l, ap, false,
				    "contradiction: %s is not covered here but "
				    "has a validated build or another "
				    "not_covered entry in this module",
				    g->arches[k]);
		}
	}
}

static void parse_module(struct lint *l, enum fc_module mod,
			 struct json_object *mo, const char *path,
			 struct fc_policy *p)
{
	static const struct keyspec spec[] = {
		{ "title", K_STRING, false },
		{ "fips_name", K_STRING, false },
		{ "note", K_STRING, false },
		{ "builds", K_ARRAY, false },
		{ "compliant", K_ARRAY, false },
		{ "not_covered", K_ARRAY, false },
	};
	if (!check_object(l, mo, path, "a module", spec, FC_ARRAY_SIZE(spec)))
		return;
	struct fc_policy_module *m = &p->modules[mod];
	m->present = true;
	m->title = get_str(mo, "title");
	m->fips_name = get_str(mo, "fips_name");
	m->note = get_str(mo, "note");
	if (m->fips_name && mod != FC_MODULE_KERNEL) {
		_cleanup_free_ char *fp = sub(path, "fips_name");
		err(l, fp, true, "\"fips_name\" applies to the kernel module "
				 "only");
	}
	parse_builds(l, mo, path, p, m);
	parse_compliant(l, mo, path, p, m);
	parse_gaps(l, mo, path, p, m);
}

static void parse_table(struct lint *l, struct json_object *top,
			struct fc_policy *p)
{
	static const struct keyspec spec[] = {
		{ "format", K_STRING, true },
		{ "name", K_STRING, true },
		{ "title", K_STRING, true },
		{ "vendor", K_STRING, true },
		{ "description", K_STRING, false },
		{ "applies_to", K_OBJECT, true },
		{ "provenance", K_OBJECT, true },
		{ "modules", K_OBJECT, true },
	};
	static const struct keyspec applies_spec[] = {
		{ "os", K_ARRAY, true },
		{ "arches", K_ARRAY, true },
		{ "marker_packages", K_ARRAY, false },
	};
	if (!check_object(l, top, "", "a table", spec, FC_ARRAY_SIZE(spec)))
		return;
	struct json_object *fmt = get(top, "format", K_STRING);
	if (fmt && !fc_streq(json_object_get_string(fmt), POLICY_FORMAT)) {
		_cleanup_free_ char *shown =
			fc_printable(json_object_get_string(fmt), 64);
		err(l, "format", false,
		    "unsupported format \"%s\" (this fipsctl reads %s)", shown,
		    POLICY_FORMAT);
	}
	p->name = get_str(top, "name");
	if (p->name && !table_name_valid(p->name)) {
		_cleanup_free_ char *shown = fc_printable(p->name, 64);
		err(l, "name", false,
		    "\"%s\" is not a valid table name (letters, digits, "
		    "'.', '_' and '-')",
		    shown);
	}
	p->title = get_str(top, "title");
	p->vendor = get_str(top, "vendor");
	parse_prov(l, top, "", &p->prov);

	struct json_object *ap = get(top, "applies_to", K_OBJECT);
	if (ap && check_object(l, ap, "applies_to", "applies_to", applies_spec,
			       FC_ARRAY_SIZE(applies_spec))) {
		parse_os(l, ap, "applies_to", p);
		p->arches = parse_strings(l, ap, "arches", "applies_to",
					  arch_valid, "architecture", NULL, 0,
					  true, &p->n_arches);
		p->markers = parse_strings(l, ap, "marker_packages",
					   "applies_to", pkg_name_valid,
					   "package name", NULL, 0, false,
					   &p->n_markers);
	}

	struct json_object *mods = get(top, "modules", K_OBJECT);
	if (!mods)
		return;
	if (json_object_object_length(mods) == 0)
		err(l, "modules", false, "\"modules\" names no module");
	_cleanup_free_ char *all =
		names_list(module_names, FC_ARRAY_SIZE(module_names));
	json_object_object_foreach(mods, key, val)
	{
		_cleanup_free_ char *mp = sub("modules", key);
		enum fc_module mod;
		if (fc_module_from_name(key, &mod) < 0) {
			_cleanup_free_ char *shown = fc_printable(key, 64);
			err(l, mp, true, "unknown module \"%s\" (expected %s)",
			    shown, all);
			continue;
		}
		parse_module(l, mod, val, mp, p);
	}
}

static int diag_cmp(const void *a, const void *b)
{
	const struct fc_diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

/* Stable sort of the diagnostics added since 'from', by position. */
static void diags_sort(struct fc_diags *d, size_t from)
{
	for (size_t i = from + 1; i < d->n; i++) {
		struct fc_diag x = d->v[i];
		size_t j = i;
		while (j > from && diag_cmp(&d->v[j - 1], &x) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = x;
	}
}

int fc_policy_parse(const char *text, size_t len, const char *file,
		    struct fc_policy **out, struct fc_diags *diags)
{
	unsigned line, col;
	*out = NULL;
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		fc_text_linecol(text, len, (size_t)(nul - text), &line, &col);
		diag_pos(diags, file, line, col, "NUL byte in the file");
		return -EBADMSG;
	}
	if (len > INT_MAX) {
		diag_pos(diags, file, 0, 0, "file too large");
		return -EBADMSG;
	}
	struct json_tokener *tok = json_tokener_new();
	if (!tok)
		fc_oom();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
					    JSON_TOKENER_VALIDATE_UTF8);
	struct json_object *top = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!top || jerr != json_tokener_success) {
		json_object_put(top);
		if (jerr == json_tokener_continue || jerr == json_tokener_success) {
			/* json-c wants more: the text ends inside a value */
			fc_text_linecol(text, len, len, &line, &col);
			diag_pos(diags, file, line, col,
				 "JSON syntax error: unexpected end of file");
		} else {
			/* json-c stops at the offending character */
			fc_text_linecol(text, len, end, &line, &col);
			diag_pos(diags, file, line, col, "JSON syntax error: %s",
				 json_tokener_error_desc(jerr));
		}
		return -EBADMSG;
	}

	struct lint l = { .file = file, .d = diags };
	size_t first = diags->n;
	if (fc_jpos_index(text, len, &l.pos) < 0) {
		/* json-c is lenient where other JSON tools are not. */
		json_object_put(top);
		fc_text_linecol(text, len, l.pos.err_off, &line, &col);
		diag_pos(diags, file, line, col,
			 "JSON syntax error: %s",
			 l.pos.err_what);
		fc_jpos_free(&l.pos);
		return -EBADMSG;
	}
	for (size_t i = 0; i < l.pos.n_dups; i++) {
		const struct fc_jpos_dup *d = &l.pos.dups[i];
		diag_pos(diags, file, d->line, d->col,
			 "duplicate key \"%s\" (first at line %u, column %u; "
			 "JSON keeps only the last)",
			 d->path, d->fline, d->fcol);
		l.errors++;
	}
	struct fc_policy *p = fc_calloc(1, sizeof(*p));
	p->path = fc_strdup(file);
	if (!json_object_is_type(top, json_type_object))
		err(&l, "", false, "a table must be a JSON object");
	else
		parse_table(&l, top, p);
	json_object_put(top);
	fc_jpos_free(&l.pos);
	diags_sort(diags, first);
	if (l.errors) {
		fc_policy_free(p);
		return -EBADMSG;
	}
	*out = p;
	return 0;
}

int fc_policy_read(const char *path, char **text, size_t *len)
{
	/* Tables belong to this fipsctl installation, not to the audited
	 * system: they are read from the live filesystem, never under
	 * --root, through the bounded reader. */
	return fc_read_input(path, FC_POLICY_MAX_BYTES, text, len);
}

int fc_policy_load(const char *path, struct fc_policy **out,
		   struct fc_diags *diags)
{
	*out = NULL;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_policy_read(path, &text, &len);
	if (r == -EFBIG) {
		diag_pos(diags, path, 0, 0,
			 "larger than %d bytes; not a validated-module table",
			 FC_POLICY_MAX_BYTES);
		return -EBADMSG;
	}
	if (r < 0) {
		diag_pos(diags, path, 0, 0, "cannot read: %s", strerror(-r));
		return r;
	}
	return fc_policy_parse(text, len, path, out, diags);
}
