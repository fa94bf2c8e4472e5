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
	/* The fips-mode-setup --check equivalent line, or NULL. */
	char *fips_mode_setup_verdict;
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

void fc_finding_status(struct fc_finding *f, enum fc_status st,
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
/* Worst status among findings: drives the exit code. */
enum fc_status fc_report_worst(const struct fc_report *r);

#endif
