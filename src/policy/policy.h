/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Validated-module tables (docs/style.md habit 11): which builds of the
 * kernel, OpenSSL, libgcrypt, NSS and GnuTLS a certified product stream
 * ships, with certificate, status and provenance.  Tables are data in
 * policies/NAME.json (format: docs/policies.md, schema:
 * docs/policy.schema.json); this file is the model, the loader with its
 * semantic checks ("file:line:column: message"), the search path, the
 * choice of a table for a host, and the matching rules.
 *
 * Version comparison is rpm's own.  The parent process never links librpm
 * (its librpmio pulls in libgcrypt on Debian and libcrypto on EL9, and the
 * parent must not load crypto libraries), so the rules that order
 * versions take rpm's comparison as a callback: the rpmdb helper
 * (helpers/rpmdb/probe.c) passes rpmverCmp through helpers/rpmdb/rpm-evr.h, and the
 * parent only compares identities (equal strings) and reads the helper's
 * classification from its findings.
 */
#ifndef FC_POLICY_H
#define FC_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strv.h"
#include "base/util.h"

enum fc_module {
	FC_MODULE_KERNEL,
	FC_MODULE_OPENSSL,
	FC_MODULE_LIBGCRYPT,
	FC_MODULE_NSS,
	FC_MODULE_GNUTLS,
	FC_MODULE_COUNT_
};
const char *fc_module_name(enum fc_module m);
int fc_module_from_name(const char *s, enum fc_module *out) FC_WUR;

/* How sure a fact is: policy-sources.md's [V], [P] and [?]. */
enum fc_confidence {
	FC_CONF_VERIFIED,    /* read in the source itself */
	FC_CONF_THIRD_PARTY, /* from one third-party page only */
	FC_CONF_UNCONFIRMED, /* not found in any source */
};
const char *fc_confidence_name(enum fc_confidence c);


struct fc_provenance {
	char *source;
	char *date; /* YYYY, YYYY-MM or YYYY-MM-DD */
	enum fc_confidence confidence;
	char *note; /* or NULL */
};

void fc_provenance_clear(struct fc_provenance *p);

struct fc_policy_os {
	char *id;         /* os-release ID */
	char *version_id; /* os-release VERSION_ID, exact */
	bool vendor_affirmed; /* an operating environment the vendor affirmed */
	struct fc_provenance prov;
};

struct fc_policy_pkg {
	char *name;
	char *evr;      /* exact [epoch:]version-release, or NULL */
	char *evr_glob; /* fnmatch pattern when the source names no exact build */
	/* The table says the pattern is meant to match stock distribution
	 * builds too ("matches_stock_builds"); otherwise lint refuses it. */
	bool matches_stock;
};

/*
 * Which certificate a build is validated under, or which module in CMVP
 * review it is: a reference into the certificate data
 * (policies/cmvp-certificates.json, src/policy/cmvp.h), which alone says
 * the status and the dates, so that a status changes in one place.
 */
struct fc_policy_cert {
	char *number;     /* "4750", or NULL */
	char *in_process; /* the in-process entry's id, or NULL */
	/* Neither: no certificate is known for the build. */
	unsigned line, col; /* where the reference is (lint) */
	struct fc_provenance prov; /* of the tie between build and entry */
};

struct fc_policy_build {
	char **arches;
	size_t n_arches;
	char *module_name;    /* runtime module name, or NULL */
	char *module_version; /* runtime module version, or NULL */
	struct fc_policy_pkg *pkgs;
	size_t n_pkgs;
	struct fc_policy_cert cert;
	struct fc_provenance prov;
	char *note;
};

/* A patched build the vendor states keeps the validated crypto. */
struct fc_policy_compliant {
	char **arches;
	size_t n_arches;
	char *package;
	char *evr_glob;   /* which builds */
	char *newer_than; /* the validated build's EVR it descends from */
	char *statement;  /* the vendor's words */
	struct fc_provenance prov;
};

/* An architecture for which the stream has no validated module. */
struct fc_policy_gap {
	char **arches;
	size_t n_arches;
	char *reason;
	struct fc_provenance prov;
};

struct fc_policy_module {
	bool present;
	char *title;     /* security policy title, or NULL */
	char *fips_name; /* kernel: /proc/sys/crypto/fips_name, or NULL */
	char *note;
	struct fc_policy_build *builds;
	size_t n_builds;
	struct fc_policy_compliant *compliant;
	size_t n_compliant;
	struct fc_policy_gap *gaps;
	size_t n_gaps;
};

struct fc_policy {
	char *path; /* the file it was read from */
	char *name;
	char *title;
	char *vendor;
	struct fc_policy_os *os;
	size_t n_os;
	char **arches;
	size_t n_arches;
	char **markers; /* vendor marker packages */
	size_t n_markers;
	/* Whose keys sign the module packages: owners in the signing-key
	 * data (policies/signing-keys.json, src/policy/signers.h). */
	char **signers;
	size_t n_signers;
	struct fc_provenance signers_prov;
	unsigned signers_line, signers_col; /* (lint) */
	struct fc_provenance prov;
	struct fc_policy_module modules[FC_MODULE_COUNT_];
};

void fc_policy_free(struct fc_policy *p);
static inline void fc_policy_freep(struct fc_policy **p)
{
	fc_policy_free(*p);
}
#define _cleanup_policy_ __attribute__((cleanup(fc_policy_freep)))

/* "file:line:column: message" lines, in file order. */
struct fc_diag {
	char *file;
	unsigned line, col;
	char *msg;
};
struct fc_diags {
	struct fc_diag *v;
	size_t n;
};
void fc_diags_free(struct fc_diags *d);
void fc_diags_print(const struct fc_diags *d, FILE *f);

/* fc_policy_read for the data files beside the tables: a failure becomes
 * a diagnostic naming the file; -EBADMSG for a file over the bound (a
 * problem of the file), else the read's error. */
int fc_policy_read_diag(const char *path, char **text, size_t *len,
			struct fc_diags *diags);

/* Bound on a table's size: tables are a few kilobytes. */
#define FC_POLICY_MAX_BYTES (1024 * 1024)

/*
 * Parse and check a table held in memory; file names it in diagnostics.
 * 0 with *out set, or -EBADMSG with every problem found in *diags.
 */
int fc_policy_parse(const char *text, size_t len, const char *file,
		    struct fc_policy **out, struct fc_diags *diags) FC_WUR;
/* Read a table's text from the live filesystem (relative paths from the
 * working directory), at most FC_POLICY_MAX_BYTES: -EFBIG beyond. */
int fc_policy_read(const char *path, char **text, size_t *len) FC_WUR;
/* Read path (bounded) and parse it.  -errno when it cannot be read (a
 * diagnostic says so too). */
int fc_policy_load(const char *path, struct fc_policy **out,
		   struct fc_diags *diags) FC_WUR;

/* fc_policy_load(), and the table's references into the certificate and
 * signing-key data in the search path checked too (src/policy/cmvp.h,
 * src/policy/signers.h): -EBADMSG with diagnostics when one is missing. */
int fc_policy_load_checked(const char *path, struct fc_policy **out,
			   struct fc_diags *diags) FC_WUR;

/* Syntax of an exact EVR: [epoch:]version-release, rpm's characters. */
bool fc_evr_valid(const char *evr);
/* "5.14.0-284.11.1.el9_2" from "0:5.14.0-284.11.1.el9_2". */
const char *fc_evr_no_epoch(const char *evr);

/* --- the search path ---------------------------------------------------- */

/*
 * Directories searched for tables, in order; later ones override earlier
 * ones of the same table name.  FIPSCTL_POLICY_DIR (colon-separated)
 * replaces the whole list (tests); otherwise the source tree's policies/
 * when fipsctl runs from its build directory, FC_DATADIR/policies, and the
 * site directory FC_SYSCONFDIR/fipsctl/policies.d.  A string vector: free
 * it with fc_strv_free() (base/strv.h).
 */
char **fc_policy_dirs(void);

/*
 * The path of a data file the tables refer to (FC_CMVP_FILE,
 * FC_SIGNERS_FILE) in the search path: the last directory that holds one,
 * as a later table replaces an earlier one; NULL when none does.  Those
 * files are not tables: fc_policy_load_all() passes them by.
 */
char *fc_policy_data_path(const char *name);
bool fc_policy_is_data_file(const char *name);

struct fc_policy_set {
	struct fc_policy **v;
	size_t n;
};
void fc_policy_set_free(struct fc_policy_set *s);

/*
 * The certificate data (cmvp-certificates.json) and the package signing
 * keys (signing-keys.json of every data directory), read and checked once
 * per process for the current data directories (again when they change):
 * 'check' needs them to check the tables and again for the verdicts.
 * Borrowed: the caller never frees them.  Each call adds the diagnostics
 * of that load to cmvp_diags and keys_diags (to cmvp_diags when NULL);
 * cmvp_r and keys_r are the loads' results (-ENOENT: no such file).
 */
struct fc_cmvp;
struct fc_signers;
struct fc_refdata {
	const struct fc_cmvp *db;
	const struct fc_signers *keys;
	int cmvp_r, keys_r;
};
void fc_policy_refdata(struct fc_refdata *out, struct fc_diags *cmvp_diags,
		       struct fc_diags *keys_diags);

/*
 * Load every *.json table in the search path.  A table that fails to load
 * makes the result -EBADMSG (diagnostics in *diags): a site table with a
 * typo must not be skipped silently.  *out holds the tables that did load
 * either way; free it with fc_policy_set_free().
 */
int fc_policy_load_all(struct fc_policy_set *out,
		       struct fc_diags *diags) FC_WUR;

/* A table by name in the search path, or a file when arg names one
 * (contains '/' or ends in ".json"). */
int fc_policy_open(const char *arg, struct fc_policy **out,
		   struct fc_diags *diags) FC_WUR;

/*
 * The tables 'check' judges a host by: the one arg names (--policy,
 * whether or not it lists the host), or every table in the search path
 * that applies to os_id / version_id / arch (possibly none).  *paths is
 * a string vector: free it with fc_strv_free() (base/strv.h).
 */
int fc_policy_candidates(const char *arg, const char *os_id,
			 const char *version_id, const char *arch,
			 char ***paths, struct fc_diags *diags) FC_WUR;

bool fc_policy_applies(const struct fc_policy *p, const char *os_id,
		       const char *version_id, const char *arch);
const struct fc_policy_os *fc_policy_os_find(const struct fc_policy *p,
					     const char *os_id,
					     const char *version_id);
bool fc_policy_has_arch(char *const *arches, size_t n, const char *arch);

/*
 * Choose among the tables that apply to a host: markers only break ties.
 * Tables whose marker package is installed win; when none is, the tables
 * without markers; exactly one must remain.  installed() answers for a
 * package name (NULL: nothing is known about installed packages, so only
 * a single candidate can be chosen).  Returns the index, or -1 with *why
 * saying why not; *why also explains a successful choice.
 */
typedef bool (*fc_installed_fn)(void *ud, const char *name);
long fc_policy_choose(struct fc_policy *const *cands, size_t n,
		      fc_installed_fn installed, void *ud, char **why);

/* --- matching --------------------------------------------------------- */

/*
 * rpm's EVR comparison: *res is <0, 0 or >0 as a is older, equal or newer
 * than b.  Returns 0, or -EINVAL when either side does not parse.
 */
typedef int (*fc_evr_cmp_fn)(const char *a, const char *b, int *res);

/* What one installed package is, by a table. */
enum fc_pkg_class {
	FC_PKG_VALIDATED,  /* the package of a validated build */
	FC_PKG_COMPLIANT,  /* a patched build the vendor vouches for */
	FC_PKG_IN_PROCESS, /* the package of a build in CMVP review */
	FC_PKG_UNLISTED,   /* none of the above */
	FC_PKG_UNJUDGED,   /* no table to judge it by */
};
const char *fc_pkg_class_name(enum fc_pkg_class c);
int fc_pkg_class_from_name(const char *s, enum fc_pkg_class *out) FC_WUR;

/* Where an unlisted package stands against the validated builds. */
enum fc_pkg_relation {
	FC_REL_NONE,          /* no exact validated EVR to compare with */
	FC_REL_OLDER,         /* older than every validated build */
	FC_REL_NEWER,         /* newer than every validated build */
	FC_REL_BETWEEN,       /* between validated builds */
	FC_REL_EPOCH_DIFFERS, /* equal version-release, another epoch */
};
const char *fc_pkg_relation_name(enum fc_pkg_relation r);

struct fc_pkg_match {
	enum fc_pkg_class cls;
	const struct fc_policy_build *build; /* validated or in-process */
	const struct fc_policy_pkg *pkg;     /* the build's package entry */
	const struct fc_policy_compliant *rule;
	enum fc_pkg_relation rel;
};

/* Walking a module's builds and their packages, in table order. */
enum {
	FC_WALK_VALIDATED = 1, /* skip builds whose certificate is in process */
	FC_WALK_EXACT = 2,     /* packages: skip version-release patterns */
};
/* The next build of mo for arch (NULL: any) from *i on, or NULL. */
const struct fc_policy_build *fc_policy_next_build(
	const struct fc_policy_module *mo, const char *arch, unsigned flags,
	size_t *i);
struct fc_pkg_walk {
	const struct fc_policy_module *mo;
	const char *arch;  /* NULL: any */
	unsigned flags;
	const char *name;  /* only this package, or NULL */
	size_t i, k;
	const struct fc_policy_build *build; /* the current package's */
};
#define FC_PKG_WALK(mo_, arch_, flags_, name_)                                 	((struct fc_pkg_walk){ .mo = (mo_), .arch = (arch_),                   			       .flags = (flags_), .name = (name_) })
/* The next package entry, or NULL; w->build is its build. */
const struct fc_policy_pkg *fc_pkg_walk_next(struct fc_pkg_walk *w);

/* Is name one of the packages module m's entries name? */
bool fc_policy_module_has_package(const struct fc_policy *p, enum fc_module m,
				  const char *name);

/*
 * Classify one installed package (name, [epoch:]version-release, arch) of
 * module m.  -EINVAL when cmp cannot parse an EVR.
 */
int fc_policy_classify(const struct fc_policy *p, enum fc_module m,
		       const char *name, const char *evr, const char *arch,
		       fc_evr_cmp_fn cmp, struct fc_pkg_match *out) FC_WUR;

/* The build of module m (for arch) that names this package entry: for
 * turning the helper's "ref" back into an entry. */
const struct fc_policy_build *
fc_policy_find_build(const struct fc_policy *p, enum fc_module m,
		     const char *arch, const char *name, const char *ref,
		     const struct fc_policy_pkg **pkg);
const struct fc_policy_compliant *
fc_policy_find_rule(const struct fc_policy *p, enum fc_module m,
		    const char *arch, const char *name, const char *ref);
/* The validated build (not in process) whose package name has exactly evr. */
const struct fc_policy_build *
fc_policy_validated_by_evr(const struct fc_policy *p, enum fc_module m,
			   const char *arch, const char *name,
			   const char *evr);
/* A build is validated unless the table ties it to a module still in CMVP
 * review; whether its certificate is active at the check time is
 * src/policy/lifecycle.h's to say. */
bool fc_build_is_validated(const struct fc_policy_build *b);

/* How module m stands on arch in a table. */
enum fc_coverage {
	FC_COVER_YES,     /* validated builds or compliant rules exist */
	FC_COVER_NO,      /* a gap entry, or only builds in process */
	FC_COVER_UNKNOWN, /* the table says nothing for this arch */
};
enum fc_coverage fc_policy_coverage(const struct fc_policy *p,
				    enum fc_module m, const char *arch,
				    const struct fc_policy_gap **gap);

/*
 * One installed package as the rpmdb helper reports it: a finding fact
 * "package.N" whose value is "<nevra> module=.. name=.. evr=.. arch=..
 * class=.. [ref=..] [relation=..] [sigkey=..] [digest=..]".  One
 * encoding, used on both sides.
 */
struct fc_installed_pkg {
	enum fc_module module;
	char *nevra, *name, *evr, *arch;
	enum fc_pkg_class cls;
	char *ref; /* the table's EVR or pattern that matched, or NULL */
	enum fc_pkg_relation rel;
	/* For evidence bundles: the id of the key that signed the package
	 * ("none" when unsigned) and the SHA-256 of its header as the rpmdb
	 * holds it ("sha256:<hex>"); NULL when not known. */
	char *sigkey, *digest;
};
char *fc_installed_pkg_format(const struct fc_installed_pkg *p);
int fc_installed_pkg_parse(const char *value,
			   struct fc_installed_pkg *out) FC_WUR;
void fc_installed_pkg_clear(struct fc_installed_pkg *p);
/* "5.14.0-284.11.1.el9_2.tuxcare.6.x86_64": what uname -r says of it. */
char *fc_installed_pkg_release(const struct fc_installed_pkg *p);

/*
 * One file of a module (fips.so, libgcrypt.so.20 and its .hmac, ...) as
 * the rpmdb helper verified it against the rpmdb, as rpm -V does: a
 * finding fact "file.N" whose value is "result=.. module=.. package=NEVRA
 * size=.. digest=sha256:.. [found=sha256:..] [what=..] [err=..]
 * path=PATH" (the path last: it is the rest of the value).  One encoding,
 * used on both sides (src/policy/module-file.c).
 */
enum fc_file_result {
	FC_FILE_OK,         /* size and digest (or link target) as packaged */
	FC_FILE_MODIFIED,   /* changed since installation */
	FC_FILE_MISSING,    /* packaged, not on disk */
	FC_FILE_UNREADABLE, /* could not be read: err says why */
};
const char *fc_file_result_name(enum fc_file_result r);

struct fc_module_file {
	enum fc_module module;
	char *package; /* NEVRA */
	char *path;
	enum fc_file_result result;
	long long size; /* the rpmdb's */
	char *digest;   /* the rpmdb's: "sha256:<hex>", or "link:<target>" */
	char *found;    /* modified: what is on disk, same form */
	char *what;     /* modified: "size", "digest", "type" or "link" */
	int err;        /* unreadable: the errno */
};
char *fc_module_file_format(const struct fc_module_file *f);
int fc_module_file_parse(const char *value,
			 struct fc_module_file *out) FC_WUR;
void fc_module_file_clear(struct fc_module_file *f);

#endif
