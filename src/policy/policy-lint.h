/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the parts of the table loader share (inside src/policy/ only):
 *   policy.c         the model's names, freeing, diagnostics, reading a file
 *   policy-syntax.c  the syntax of values: EVRs and patterns, package and
 *                    table names, architectures, dates
 *   policy-lint.c    the text to a checked table: JSON syntax, positions,
 *                    the members of an object against its keys, and the
 *                    diagnostics in file order
 *   policy-table.c   the table's structure: applies_to, modules and their
 *                    builds, compliant and not_covered entries
 * The public interface is src/policy/policy.h.
 */
#ifndef FC_POLICY_LINT_H
#define FC_POLICY_LINT_H

#include <stdarg.h>

#include <json-c/json.h>

#include "base/jsonpos.h"
#include "policy/policy.h"

/* --- names and diagnostics (policy.c) ----------------------------------------- */

extern const char *const fc_policy_module_names[FC_MODULE_COUNT_];
extern const char *const fc_policy_confidence_names[FC_CONF_UNCONFIRMED + 1];

/* The index of s in names, or -1. */
int fc_policy_name_index(const char *const *names, size_t n, const char *s);
/* "a, b, c" (allocated). */
char *fc_policy_names_list(const char *const *names, size_t n);

/* Add a diagnostic at file:line:col (line 0: about the whole file). */
void fc_diags_add(struct fc_diags *d, const char *file, unsigned line,
		  unsigned col, const char *fmt, ...) FC_PRINTF(5, 6);
void fc_diags_addv(struct fc_diags *d, const char *file, unsigned line,
		   unsigned col, const char *fmt, va_list ap) FC_PRINTF(5, 0);

/* --- the syntax of values (policy-syntax.c) ----------------------------------- */

bool fc_policy_evr_glob_valid(const char *g);
bool fc_policy_pkg_name_valid(const char *s);
bool fc_policy_arch_valid(const char *s);
bool fc_policy_table_name_valid(const char *s);
bool fc_policy_owner_valid(const char *s); /* a key owner: printable, no control */
bool fc_policy_date_valid(const char *s); /* YYYY, YYYY-MM or YYYY-MM-DD */
/*
 * Could the version-release pattern glob (fnmatch, as the tables use it)
 * also match a stock distribution build: a release of digits and dots
 * ending in EL's dist tag (.el9, .el9_2, optionally .N parts and
 * AlmaLinux's or Rocky's rebuild suffix .alma.N / .rocky.N), with no
 * vendor suffix?  *witness (when true) is the shortest such build.
 */
bool fc_policy_glob_matches_stock(const char *glob, char **witness);

/* --- checking (policy-lint.c) ---------------------------------------------------- */

/* One table being checked.  Paths name values as jsonpos does:
 * "modules.kernel.builds[0].arches". */
struct fc_lint {
	const char *file;
	struct fc_jpos pos;
	struct fc_diags *d;
	size_t errors;
};

/* An error about the value at path (key: about its key), at its position. */
void fc_lint_err(struct fc_lint *l, const char *path, bool key,
		 const char *fmt, ...) FC_PRINTF(4, 5);
/* Where the value at path starts. */
void fc_lint_where(struct fc_lint *l, const char *path, unsigned *line,
		   unsigned *col);
/* path.key and path[i] (allocated). */
char *fc_lint_sub(const char *path, const char *key);
char *fc_lint_item(const char *path, size_t i);

enum fc_lint_kind {
	FC_LINT_STRING,
	FC_LINT_ARRAY,
	FC_LINT_OBJECT,
	FC_LINT_BOOL,
	FC_LINT_INT_OR_NULL, /* a positive integer or null */
	FC_LINT_STRING_OR_NULL,
};

/* A member an object may have. */
struct fc_lint_key {
	const char *key;
	enum fc_lint_kind kind;
	bool required;
};

/*
 * Check o's members against spec: unknown keys, wrong types, empty
 * strings and missing required keys (what names o in the messages).
 * False when o is not an object.
 */
bool fc_lint_object(struct fc_lint *l, struct json_object *o,
		    const char *path, const char *what,
		    const struct fc_lint_key *spec, size_t n);
/* The value of key when it exists and has the right kind, else NULL. */
struct json_object *fc_lint_get(struct json_object *o, const char *key,
				enum fc_lint_kind k);
/* A copy of the string member key, or NULL. */
char *fc_lint_get_str(struct json_object *o, const char *key);
/* The index in names of the string member key; dflt when absent or not
 * one of them (an error). */
int fc_lint_enum(struct fc_lint *l, struct json_object *o, const char *key,
		 const char *path, const char *const *names, size_t n,
		 int dflt);
/* The "provenance" object of parent (its absence is the parent's key
 * check's to report). */
void fc_lint_prov(struct fc_lint *l, struct json_object *parent,
		  const char *ppath, struct fc_provenance *out);

typedef bool fc_lint_valid_fn(const char *s);
/*
 * An array of distinct strings, each accepted by valid (what names the
 * syntax in errors); with allowed, each must also be one of those.
 * need_one: an empty array is an error.  Returns the accepted strings
 * (*n_out of them), NULL when there is no such array.
 */
char **fc_lint_strings(struct fc_lint *l, struct json_object *parent,
		       const char *key, const char *ppath,
		       fc_lint_valid_fn *valid, const char *what,
		       char *const *allowed, size_t n_allowed, bool need_one,
		       size_t *n_out);

/*
 * Parse text as JSON and hand its top-level object to fn with a checker
 * (positions, diagnostics in file order); what names the document in
 * messages ("a table").  0, or -EBADMSG when the text
 * is not JSON or fn reported an error.
 */
typedef void fc_lint_doc_fn(struct fc_lint *l, struct json_object *top,
			    void *ud);
int fc_lint_document(const char *text, size_t len, const char *file,
		     const char *what, struct fc_diags *diags,
		     fc_lint_doc_fn *fn, void *ud) FC_WUR;

/* --- the table (policy-table.c) -------------------------------------------------- */

/* Check the top-level object of a table and fill p from it. */
void fc_lint_table(struct fc_lint *l, struct json_object *top,
		   struct fc_policy *p);

#endif
