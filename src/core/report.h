/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Findings and the report that collects them (docs/style.md habit 7).  Checks
 * fill findings; renderers print them; nothing here prints.
 */
#ifndef FC_REPORT_H
#define FC_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

/* Ordered by severity for the summary; the JSON names are fixed. */
enum fc_status {
	FC_STATUS_PASS,
	FC_STATUS_WARN,
	FC_STATUS_SKIP,
	FC_STATUS_FAIL,
	FC_STATUS_ERROR,
	FC_STATUS_COUNT_
};

const char *fc_status_name(enum fc_status s);
/* Returns -EINVAL for an unknown name. */
int fc_status_from_name(const char *name, enum fc_status *out) FC_WUR;

/*
 * Which kind of "skip" a finding is (docs/report.md "Skips"): the
 * requirement does not apply to this host (no separate /boot, so no boot=
 * is needed; a library that is not installed), or it applies and fipsctl
 * could not look (library probes under --root, no table for this release,
 * an offline image that has no running kernel).  Only the second keeps a
 * report from passing.
 */
enum fc_skip_kind {
	FC_SKIP_NONE,           /* the finding is not a skip */
	FC_SKIP_NOT_APPLICABLE, /* "not-applicable" */
	FC_SKIP_NOT_EXAMINED,   /* "not-examined" */
};
/* "not-applicable", "not-examined"; NULL for FC_SKIP_NONE. */
const char *fc_skip_kind_name(enum fc_skip_kind k);
/* The same in words, for people: "not applicable", "not examined". */
const char *fc_skip_kind_text(enum fc_skip_kind k);
/* Returns -EINVAL for an unknown name. */
int fc_skip_kind_from_name(const char *name, enum fc_skip_kind *out) FC_WUR;

/*
 * The overall verdict of a report, the same word in every format (text,
 * JSON summary.verdict, JUnit, OSCAL, evidence summaries) and the exit
 * status (0, 1, 4: src/cli/commands.c fc_exit_code):
 *   fail        a finding failed or is an error ("could not tell");
 *   incomplete  none did, but a requirement that applies here was not
 *               examined (a skip of kind FC_SKIP_NOT_EXAMINED);
 *   pass        otherwise (warnings and not-applicable skips allowed).
 * Checks deselected with --only/--skip made no finding, so they do not
 * count.
 */
enum fc_outcome {
	FC_OUTCOME_PASS,
	FC_OUTCOME_INCOMPLETE,
	FC_OUTCOME_FAIL,
};
/* "pass", "incomplete", "fail". */
const char *fc_outcome_name(enum fc_outcome v);

struct fc_fact {
	char *key;
	char *value;
};

struct fc_finding {
	char *id;          /* "kernel.fips_enabled" or "<check>.<sub>" */
	char *check_id;    /* the check that produced it */
	char *title;       /* the check's title */
	char *requirement; /* what it implements, with its citation */
	enum fc_status status;
	enum fc_skip_kind skip_kind; /* set when status is FC_STATUS_SKIP */
	char *summary;     /* one line */
	char *remediation; /* the exact command, or NULL */
	struct fc_fact *facts;
	size_t n_facts;
	double duration_ms;
};

struct fc_host {
	char *hostname;
	char *os_id;
	char *os_version_id;
	char *os_pretty_name;
	char *arch;
	/* Where arch came from: uname on the live host, else the first of
	 * /proc/sys/kernel/arch, the kernel release, the rpmdb, the C
	 * library's ELF header (src/engine/hostarch.c); NULL: unknown. */
	char *arch_source;
	char *kernel_release;
	char *time_utc; /* RFC 3339, "Z" */
};

/*
 * What an evidence bundle records beside the check report (src/parse/manifest.h,
 * docs/evidence.md): renderers that cite evidence (OSCAL) use it.  NULL
 * in a report that 'check' made.
 */
struct fc_report_evidence {
	char *bundle_id;
	char *machine_id;
	char *boot_id;
	char *policy_name;   /* the validated-module table used, or NULL */
	char *policy_file;   /* its path where the report was made */
	char *policy_member; /* where the bundle holds a copy */
	char *policy_sha256;
};

struct fc_report {
	char *fipsctl_version;
	char *root; /* "/" or the --root directory */
	struct fc_host host;
	struct fc_finding **findings;
	size_t n_findings;
	/* The fips-mode-setup --check equivalent: its last line (the
	 * verdict) and every line it prints, stderr's included, joined by
	 * newlines; NULL when not judged. */
	char *fips_mode_setup_verdict;
	char *fips_mode_setup_output;
	struct fc_report_evidence *evidence;
};

struct fc_report *fc_report_new(void);
void fc_report_free(struct fc_report *r);
static inline void fc_report_freep(struct fc_report **r)
{
	fc_report_free(*r);
}
#define _cleanup_report_ __attribute__((cleanup(fc_report_freep)))

struct fc_finding *fc_report_add(struct fc_report *r, const char *id,
				 const char *check_id);
void fc_finding_free(struct fc_finding *f);

/*
 * Set the status and summary.  A skip set here without its kind is "not
 * examined" (never a silent pass); a check that knows the requirement does
 * not apply says so with fc_finding_skip().
 */
void fc_finding_status(struct fc_finding *f, enum fc_status st,
		       const char *fmt, ...) FC_PRINTF(3, 4);
/* A skip of kind k, with its summary (the reason). */
void fc_finding_skip(struct fc_finding *f, enum fc_skip_kind k,
		     const char *fmt, ...) FC_PRINTF(3, 4);
void fc_finding_fact(struct fc_finding *f, const char *key, const char *fmt,
		     ...) FC_PRINTF(3, 4);
void fc_finding_remedy(struct fc_finding *f, const char *fmt, ...)
	FC_PRINTF(2, 3);
/* The value recorded for key, or NULL. */
const char *fc_finding_get_fact(const struct fc_finding *f, const char *key);
struct fc_finding *fc_report_find(const struct fc_report *r, const char *id);

/* Count findings per status; counts has FC_STATUS_COUNT_ entries. */
void fc_report_count(const struct fc_report *r, size_t *counts);
/* Count the skips of kind k. */
size_t fc_report_count_skips(const struct fc_report *r, enum fc_skip_kind k);
/* Worst status among findings. */
enum fc_status fc_report_worst(const struct fc_report *r);
/* The overall verdict (enum fc_outcome): the one place it is decided;
 * every renderer and the exit status use it. */
enum fc_outcome fc_report_verdict(const struct fc_report *r);

#endif
