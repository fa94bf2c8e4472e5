// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The validated-module table as a model: the names of its enumerations,
 * freeing it, its diagnostics, and loading one from a file (read here,
 * checked by src/policy/policy-lint.c).
 */
#include "policy/policy-lint.h"

#include <errno.h>
#include <string.h>

#include "base/utf8.h"
#include "core/sysroot.h"

/* --- names ---------------------------------------------------------------- */

const char *const fc_policy_module_names[FC_MODULE_COUNT_] = {
	[FC_MODULE_KERNEL] = "kernel",       [FC_MODULE_OPENSSL] = "openssl",
	[FC_MODULE_LIBGCRYPT] = "libgcrypt", [FC_MODULE_NSS] = "nss",
	[FC_MODULE_GNUTLS] = "gnutls",
};
const char *const fc_policy_confidence_names[FC_CONF_UNCONFIRMED + 1] = {
	[FC_CONF_VERIFIED] = "verified",
	[FC_CONF_THIRD_PARTY] = "third-party",
	[FC_CONF_UNCONFIRMED] = "unconfirmed",
};

int fc_policy_name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (fc_streq(names[i], s))
			return (int)i;
	return -1;
}

char *fc_policy_names_list(const char *const *names, size_t n)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		fc_buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
	return fc_buf_steal(&b);
}

const char *fc_module_name(enum fc_module m)
{
	return (unsigned)m < FC_MODULE_COUNT_ ? fc_policy_module_names[m] : "?";
}

int fc_module_from_name(const char *s, enum fc_module *out)
{
	int i = fc_policy_name_index(fc_policy_module_names,
				     FC_ARRAY_SIZE(fc_policy_module_names), s);
	if (i < 0)
		return -EINVAL;
	*out = (enum fc_module)i;
	return 0;
}

const char *fc_confidence_name(enum fc_confidence c)
{
	return (unsigned)c < FC_ARRAY_SIZE(fc_policy_confidence_names)
		       ? fc_policy_confidence_names[c]
		       : "?";
}

/* --- freeing ------------------------------------------------------------ */

void fc_provenance_clear(struct fc_provenance *p)
{
	free(p->source);
	free(p->date);
	free(p->note);
	*p = (struct fc_provenance){ 0 };
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
		free(b->cert.in_process);
		fc_provenance_clear(&b->cert.prov);
		fc_provenance_clear(&b->prov);
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
		fc_provenance_clear(&c->prov);
	}
	free(m->compliant);
	for (size_t i = 0; i < m->n_gaps; i++) {
		fc_strv_free(m->gaps[i].arches);
		free(m->gaps[i].reason);
		fc_provenance_clear(&m->gaps[i].prov);
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
		fc_provenance_clear(&p->os[i].prov);
	}
	free(p->os);
	fc_strv_free(p->arches);
	fc_strv_free(p->markers);
	fc_strv_free(p->signers);
	fc_provenance_clear(&p->signers_prov);
	fc_provenance_clear(&p->prov);
	for (int m = 0; m < FC_MODULE_COUNT_; m++)
		module_free(&p->modules[m]);
	free(p);
}

/* --- diagnostics ----------------------------------------------------------- */

void fc_diags_addv(struct fc_diags *d, const char *file, unsigned line,
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

void fc_diags_add(struct fc_diags *d, const char *file, unsigned line,
		  unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fc_diags_addv(d, file, line, col, fmt, ap);
	va_end(ap);
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
		/* A table's path can come from a copied or mounted tree:
		 * shown as every text output shows outside text. */
		_cleanup_free_ char *file = fc_term_safe(d->v[i].file, 4096);
		/* Line 0: about the whole file (it cannot be read). */
		if (d->v[i].line)
			fprintf(f, "%s:%u:%u: %s\n", file, d->v[i].line,
				d->v[i].col, m);
		else
			fprintf(f, "%s: %s\n", file, m);
	}
}

/* --- loading a file -------------------------------------------------------- */

int fc_policy_read(const char *path, char **text, size_t *len)
{
	/* Tables belong to this fipsctl installation, not to the audited
	 * system: they are read from the live filesystem, never under
	 * --root, through the bounded reader. */
	return fc_read_input(path, FC_POLICY_MAX_BYTES, text, len);
}

int fc_policy_read_diag(const char *path, char **text, size_t *len,
			struct fc_diags *diags)
{
	int r = fc_policy_read(path, text, len);
	if (r < 0) {
		fc_diags_add(diags, path, 0, 0, "cannot read: %s",
			     strerror(-r));
		return r == -EFBIG ? -EBADMSG : r;
	}
	return 0;
}

int fc_policy_load(const char *path, struct fc_policy **out,
		   struct fc_diags *diags)
{
	*out = NULL;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_policy_read(path, &text, &len);
	if (r == -EFBIG) {
		fc_diags_add(diags, path, 0, 0,
			     "larger than %d bytes; not a validated-module table",
			     FC_POLICY_MAX_BYTES);
		return -EBADMSG;
	}
	if (r < 0) {
		fc_diags_add(diags, path, 0, 0, "cannot read: %s",
			     strerror(-r));
		return r;
	}
	return fc_policy_parse(text, len, path, out, diags);
}
