// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading a validated-module table's text and checking it.  The text is
 * parsed twice: json-c builds the objects (and says where a syntax error
 * is, as a byte offset), then src/base/jsonpos.c indexes where every value
 * starts, so that each semantic error can be reported as
 * "file:line:column: message".  Every problem in a file is reported, not
 * only the first, and in file order.  The table's structure is checked by
 * src/policy/policy-table.c with the helpers here.
 */
#include "policy/policy-lint.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

/* --- the checker's helpers ---------------------------------------------------- */

void fc_lint_err(struct fc_lint *l, const char *path, bool key, const char *fmt,
		 ...)
{
	unsigned line, col;
	fc_jpos_find(&l->pos, path, key, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	fc_diags_addv(l->d, l->file, line, col, fmt, ap);
	va_end(ap);
	l->errors++;
}

void fc_lint_where(struct fc_lint *l, const char *path, unsigned *line,
		   unsigned *col)
{
	fc_jpos_find(&l->pos, path, false, line, col);
}

/* Paths are made for every value the checker visits: by hand, not with
 * a printf, which cost a quarter of a check's time in the parent. */
char *fc_lint_sub(const char *path, const char *key)
{
	size_t pl = strlen(path), kl = strlen(key);
	char *s = fc_malloc(pl + kl + 2);
	memcpy(s, path, pl);
	size_t n = pl;
	if (pl)
		s[n++] = '.';
	memcpy(s + n, key, kl + 1);
	return s;
}

char *fc_lint_item(const char *path, size_t i)
{
	char d[FC_DEC_MAX];
	size_t dl;
	const char *digits = fc_dec(d, i, &dl);
	size_t pl = strlen(path);
	char *s = fc_malloc(pl + dl + 3);
	memcpy(s, path, pl);
	s[pl] = '[';
	memcpy(s + pl + 1, digits, dl);
	s[pl + 1 + dl] = ']';
	s[pl + 2 + dl] = '\0';
	return s;
}

static const char *kind_name(enum fc_lint_kind k)
{
	switch (k) {
	case FC_LINT_STRING:
		return "a string";
	case FC_LINT_ARRAY:
		return "an array";
	case FC_LINT_OBJECT:
		return "an object";
	case FC_LINT_BOOL:
		return "true or false";
	case FC_LINT_STRING_OR_NULL:
		return "a string or null";
	case FC_LINT_INT_OR_NULL:
	default:
		return "a positive integer or null";
	}
}

static bool kind_ok(struct json_object *v, enum fc_lint_kind k)
{
	switch (k) {
	case FC_LINT_STRING:
		return json_object_is_type(v, json_type_string);
	case FC_LINT_ARRAY:
		return json_object_is_type(v, json_type_array);
	case FC_LINT_OBJECT:
		return json_object_is_type(v, json_type_object);
	case FC_LINT_BOOL:
		return json_object_is_type(v, json_type_boolean);
	case FC_LINT_STRING_OR_NULL:
		return !v || json_object_is_type(v, json_type_null) ||
		       json_object_is_type(v, json_type_string);
	case FC_LINT_INT_OR_NULL:
	default:
		/* json-c clamps an integer it cannot hold to INT64_MAX (and
		 * reads 1e32 as a double): only exact integers a certificate
		 * number can be, 1 to INT_MAX, are accepted. */
		return !v || json_object_is_type(v, json_type_null) ||
		       (json_object_is_type(v, json_type_int) &&
			json_object_get_int64(v) > 0 &&
			json_object_get_int64(v) <= INT_MAX);
	}
}

/*
 * Check o's members against spec: unknown keys, wrong types, empty
 * strings and missing required keys.  False when o is not an object.
 */
bool fc_lint_object(struct fc_lint *l, struct json_object *o, const char *path,
		    const char *what, const struct fc_lint_key *spec, size_t n)
{
	if (!json_object_is_type(o, json_type_object)) {
		fc_lint_err(l, path, false, "%s must be an object", what);
		return false;
	}
	json_object_object_foreach(o, key, val)
	{
		_cleanup_free_ char *kp = fc_lint_sub(path, key);
		size_t k;
		for (k = 0; k < n && !fc_streq(spec[k].key, key); k++)
			;
		if (k == n) {
			struct fc_buf names = { 0 };
			for (size_t i = 0; i < n; i++)
				fc_buf_addf(&names, "%s%s", i ? ", " : "",
					    spec[i].key);
			_cleanup_free_ char *shown = fc_printable(key, 64);
			fc_lint_err(l, kp, true,
				    "unknown key \"%s\" in %s (expected %s)",
				    shown, what, names.data);
			fc_buf_free(&names);
			continue;
		}
		if (!kind_ok(val, spec[k].kind)) {
			fc_lint_err(l, kp, false, "\"%s\" must be %s", key,
				    kind_name(spec[k].kind));
			continue;
		}
		if ((spec[k].kind == FC_LINT_STRING ||
		     (spec[k].kind == FC_LINT_STRING_OR_NULL && val &&
		      json_object_is_type(val, json_type_string))) &&
		    !*json_object_get_string(val))
			fc_lint_err(l, kp, false, "\"%s\" must not be empty",
				    key);
	}
	for (size_t k = 0; k < n; k++) {
		struct json_object *v;
		if (!spec[k].required ||
		    json_object_object_get_ex(o, spec[k].key, &v))
			continue;
		if (fc_streq(spec[k].key, "provenance"))
			fc_lint_err(l, path, false,
				    "%s has no \"provenance\" (every entry needs its "
				    "source, date and confidence)",
				    what);
		else
			fc_lint_err(l, path, false, "%s has no \"%s\"", what,
				    spec[k].key);
	}
	return true;
}

/* The value of key when it exists and has the right type, else NULL. */
struct json_object *fc_lint_get(struct json_object *o, const char *key,
				enum fc_lint_kind k)
{
	struct json_object *v = NULL;
	if (!json_object_object_get_ex(o, key, &v) || !kind_ok(v, k) || !v)
		return NULL;
	if (k == FC_LINT_STRING && !*json_object_get_string(v))
		return NULL;
	return v;
}

char *fc_lint_get_str(struct json_object *o, const char *key)
{
	/* A string member, or a string-or-null one that is a string. */
	struct json_object *v = fc_lint_get(o, key, FC_LINT_STRING);
	return v ? fc_strdup(json_object_get_string(v)) : NULL;
}

int fc_lint_enum(struct fc_lint *l, struct json_object *o, const char *key,
		 const char *path, const char *const *names, size_t n, int dflt)
{
	struct json_object *v = fc_lint_get(o, key, FC_LINT_STRING);
	if (!v)
		return dflt;
	int i = fc_policy_name_index(names, n, json_object_get_string(v));
	if (i < 0) {
		_cleanup_free_ char *kp = fc_lint_sub(path, key);
		_cleanup_free_ char *all = fc_policy_names_list(names, n);
		_cleanup_free_ char
			*shown = fc_printable(json_object_get_string(v), 64);
		fc_lint_err(l, kp, false,
			    "\"%s\" is not a valid %s (expected %s)", shown,
			    key, all);
		return dflt;
	}
	return i;
}

void fc_lint_prov(struct fc_lint *l, struct json_object *parent,
		  const char *ppath, struct fc_provenance *out)
{
	static const struct fc_lint_key spec[] = {
		{ "source", FC_LINT_STRING, true },
		{ "date", FC_LINT_STRING, true },
		{ "confidence", FC_LINT_STRING, true },
		{ "note", FC_LINT_STRING, false },
	};
	struct json_object *o;
	/* Missing provenance was reported by the parent's key check. */
	out->confidence = FC_CONF_UNCONFIRMED;
	if (!json_object_object_get_ex(parent, "provenance", &o))
		return;
	_cleanup_free_ char *path = fc_lint_sub(ppath, "provenance");
	if (!fc_lint_object(l, o, path, "provenance", spec,
			    FC_ARRAY_SIZE(spec)))
		return;
	out->source = fc_lint_get_str(o, "source");
	out->date = fc_lint_get_str(o, "date");
	out->note = fc_lint_get_str(o, "note");
	if (out->date && !fc_policy_date_valid(out->date)) {
		_cleanup_free_ char *dp = fc_lint_sub(path, "date");
		_cleanup_free_ char *shown = fc_printable(out->date, 64);
		fc_lint_err(l, dp, false,
			    "\"%s\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
			    shown);
	}
	out->confidence = (enum fc_confidence)
		fc_lint_enum(l, o, "confidence", path,
			     fc_policy_confidence_names,
			     FC_ARRAY_SIZE(fc_policy_confidence_names),
			     FC_CONF_UNCONFIRMED);
}

/*
 * An array of distinct strings, each accepted by valid (what names the
 * syntax in errors); with allowed, each must also be one of those.
 */
char **fc_lint_strings(struct fc_lint *l, struct json_object *parent,
		       const char *key, const char *ppath,
		       fc_lint_valid_fn *valid, const char *what,
		       char *const *allowed, size_t n_allowed, bool need_one,
		       size_t *n_out)
{
	*n_out = 0;
	struct json_object *a = fc_lint_get(parent, key, FC_LINT_ARRAY);
	if (!a)
		return NULL;
	_cleanup_free_ char *path = fc_lint_sub(ppath, key);
	size_t n = json_object_array_length(a);
	if (n == 0 && need_one)
		fc_lint_err(l, path, false, "\"%s\" must not be empty", key);
	char **v = fc_calloc(n + 1, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item(path, i);
		if (!json_object_is_type(e, json_type_string)) {
			fc_lint_err(l, ip, false, "%s entries must be strings",
				    key);
			continue;
		}
		const char *s = json_object_get_string(e);
		_cleanup_free_ char *shown = fc_printable(s, 64);
		if (!valid(s)) {
			fc_lint_err(l, ip, false, "\"%s\" is not a valid %s",
				    shown, what);
			continue;
		}
		if (allowed && !fc_policy_has_arch(allowed, n_allowed, s)) {
			fc_lint_err(l, ip, false,
				    "%s \"%s\" is not one of the table's "
				    "applies_to.arches",
				    what, shown);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++)
			dup = fc_streq(v[j], s);
		if (dup) {
			fc_lint_err(l, ip, false,
				    "duplicate entry: %s \"%s\" is listed "
				    "twice in \"%s\"",
				    what, shown, key);
			continue;
		}
		v[k++] = fc_strdup(s);
	}
	*n_out = k;
	return v;
}

/* --- the text ------------------------------------------------------------------ */

/*
 * A string value with a NUL byte ("\u0000"): json-c keeps it whole, but
 * every C string use of it (the text report, messages) cuts it there, so
 * the table would read one way in JSON and another on screen.
 */
static void lint_nul_strings(struct fc_lint *l, struct json_object *v,
			     const char *path)
{
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		if (strlen(s) != (size_t)json_object_get_string_len(v))
			fc_lint_err(l, path, false,
				    "a NUL character (\\u0000) in a string");
	} else if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			_cleanup_free_ char *ip = fc_lint_item(path, i);
			lint_nul_strings(l, json_object_array_get_idx(v, i),
					 ip);
		}
	} else if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, val)
		{
			_cleanup_free_ char *kp = fc_lint_sub(path, key);
			lint_nul_strings(l, val, kp);
		}
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

int fc_lint_document(const char *text, size_t len, const char *file,
		     const char *what, struct fc_diags *diags,
		     fc_lint_doc_fn *fn, void *ud)
{
	unsigned line, col;
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		fc_text_linecol(text, len, (size_t)(nul - text), &line, &col);
		fc_diags_add(diags, file, line, col, "NUL byte in the file");
		return -EBADMSG;
	}
	if (len > INT_MAX) {
		fc_diags_add(diags, file, 0, 0, "file too large");
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
		if (jerr == json_tokener_continue ||
		    jerr == json_tokener_success) {
			/* json-c wants more: the text ends inside a value */
			fc_text_linecol(text, len, len, &line, &col);
			fc_diags_add(diags, file, line, col,
				     "JSON syntax error: unexpected end of file");
		} else {
			/* json-c stops at the offending character */
			fc_text_linecol(text, len, end, &line, &col);
			fc_diags_add(diags, file, line, col,
				     "JSON syntax error: %s",
				     json_tokener_error_desc(jerr));
		}
		return -EBADMSG;
	}

	struct fc_lint l = { .file = file, .d = diags };
	size_t first = diags->n;
	if (fc_jpos_index(text, len, &l.pos) < 0) {
		/* json-c is lenient where other JSON tools are not. */
		json_object_put(top);
		fc_text_linecol(text, len, l.pos.err_off, &line, &col);
		fc_diags_add(diags, file, line, col, "JSON syntax error: %s",
			     l.pos.err_what);
		fc_jpos_free(&l.pos);
		return -EBADMSG;
	}
	for (size_t i = 0; i < l.pos.n_dups; i++) {
		const struct fc_jpos_dup *d = &l.pos.dups[i];
		fc_diags_add(diags, file, d->line, d->col,
			     "duplicate key \"%s\" (first at line %u, column %u; "
			     "JSON keeps only the last)",
			     d->path, d->fline, d->fcol);
		l.errors++;
	}
	/* JSON text can only carry a NUL as the escape \u0000 (a raw
	 * NUL was refused above): without one, no string has it. */
	if (memmem(text, len, "\\u0000", 6))
		lint_nul_strings(&l, top, "");
	if (!json_object_is_type(top, json_type_object))
		fc_lint_err(&l, "", false, "%s must be a JSON object", what);
	else
		fn(&l, top, ud);
	json_object_put(top);
	fc_jpos_free(&l.pos);
	diags_sort(diags, first);
	return l.errors ? -EBADMSG : 0;
}

static void lint_table(struct fc_lint *l, struct json_object *top, void *ud)
{
	fc_lint_table(l, top, ud);
}

int fc_policy_parse(const char *text, size_t len, const char *file,
		    struct fc_policy **out, struct fc_diags *diags)
{
	*out = NULL;
	struct fc_policy *p = fc_calloc(1, sizeof(*p));
	p->path = fc_strdup(file);
	int r = fc_lint_document(text, len, file, "a table", diags,
				 lint_table, p);
	if (r < 0) {
		fc_policy_free(p);
		return r;
	}
	*out = p;
	return 0;
}
