/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parent's half of 'fipsctl evidence' (src/parse/manifest.h): gathering a
 * bundle's members (evidence-export.c) and reading a bundle's evidence
 * document back (evidence-doc.c).
 */
#ifndef FC_EVIDENCE_EXPORT_H
#define FC_EVIDENCE_EXPORT_H

#include <json-c/json.h>

#include "engine/check.h"
#include "core/report.h"
#include "core/sysroot.h"

struct fc_export;

/* Start recording: every file the checks read through root is kept, as
 * read (a tap on the sysroot layer).  Call before the checks run. */
struct fc_export *fc_export_begin(struct fc_root *root);
void fc_export_free(struct fc_export *x);

struct fc_export_opts {
	const char *out;      /* the bundle path */
	const char *compress; /* "gzip" or "zstd" */
	const char *sign_key; /* NULL: unsigned */
	const struct fc_check_opts *check; /* recorded in the document */
};

struct fc_export_result {
	char *path;
	long long bytes;
	long long members;
	char *manifest_sha256;
	char *algorithm;  /* NULL when unsigned */
	char *key_sha256; /* NULL when unsigned */
	size_t sources, sources_missing, files, files_missing;
};
void fc_export_result_clear(struct fc_export_result *r);

/*
 * After the checks: read the other sources the issue names, hash the
 * module files and the validated-module table (evidence helper), build
 * report.json, and have the helper write the bundle.  Fills
 * report->evidence.  Errors are printed; -errno.
 */
int fc_export_write(struct fc_export *x, struct fc_report *report,
		    const struct fc_export_opts *o,
		    struct fc_export_result *res) FC_WUR;

/* A bundle name for a report: fipsctl-evidence-HOST-YYYYMMDDTHHMMSSZ.tar.gz */
char *fc_export_default_name(const struct fc_report *r, const char *compress);

/*
 * Parse a bundle's report.json: the check report with report->evidence
 * filled from the document; *doc (when not NULL) gets the whole document
 * (json_object_put it).  -EBADMSG with *err.
 */
int fc_evidence_doc_parse(const char *text, size_t len, struct fc_report **out,
			  struct json_object **doc, char **err) FC_WUR;

#endif
