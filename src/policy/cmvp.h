/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The certificate data: what NIST's Cryptographic Module Validation
 * Program says of each certificate and each module in review, kept in
 * one file (policies/cmvp-certificates.json, format fipsctl-cmvp/1, see
 * docs/policies.md) with the date the data was taken and its source.
 * Tables name a build's certificate by number (or its in-process entry
 * by id); its status and dates live here only, so that a status change
 * is a one-line data change.
 *
 * src/policy/cmvp.c reads and checks the file; src/policy/lifecycle.c
 * says what a certificate is on a given day: CMVP moves a certificate to
 * the historical list on the sunset date the certificate shows (five
 * years after validation, two for interim validations, in NIST's data),
 * and a module in review is not validated.
 */
#ifndef FC_CMVP_H
#define FC_CMVP_H

#include "policy/policy.h"

/* The certificate data's file name in each policy directory. */
#define FC_CMVP_FILE "cmvp-certificates.json"

/* CMVP's lists: a certificate is Active, Historical or Revoked; a module
 * not yet validated is on the Modules In Process list. */
enum fc_cmvp_status {
	FC_CMVP_ACTIVE,
	FC_CMVP_HISTORICAL,
	FC_CMVP_REVOKED,
	FC_CMVP_IN_PROCESS,
};

struct fc_cmvp_entry {
	char *number; /* a certificate: "4750"; NULL for a module in review */
	char *id;     /* a module in review: the table's name for it */
	char *module; /* the module name NIST lists */
	char *vendor;
	enum fc_cmvp_status status;
	char *state;      /* in process: NIST's state ("Pending Review") */
	long validated;   /* certificate: first validation day, or -1 */
	long sunset;      /* certificate: sunset day, or -1 */
	long since;       /* in process: the day of its state, or -1 */
	char *note;
	struct fc_provenance prov;
};

struct fc_cmvp {
	char *path;
	long data_as_of; /* the day the data was taken */
	struct fc_provenance prov;
	struct fc_cmvp_entry *v;
	size_t n;
};

void fc_cmvp_free(struct fc_cmvp *db);
static inline void fc_cmvp_freep(struct fc_cmvp **db)
{
	fc_cmvp_free(*db);
}
#define _cleanup_cmvp_ __attribute__((cleanup(fc_cmvp_freep)))

/* Parse and check the data held in memory (file names it in diagnostics):
 * 0, or -EBADMSG with every problem in *diags. */
int fc_cmvp_parse(const char *text, size_t len, const char *file,
		  struct fc_cmvp **out, struct fc_diags *diags) FC_WUR;
int fc_cmvp_load(const char *path, struct fc_cmvp **out,
		 struct fc_diags *diags) FC_WUR;
/* The data in the policy search path (the last directory that has
 * FC_CMVP_FILE wins, as for tables): 0, -ENOENT when no directory has
 * one (*out NULL), or -EBADMSG / -errno with diagnostics. */
int fc_cmvp_load_default(struct fc_cmvp **out, struct fc_diags *diags) FC_WUR;

const struct fc_cmvp_entry *fc_cmvp_find_cert(const struct fc_cmvp *db,
					      const char *number);
const struct fc_cmvp_entry *fc_cmvp_find_in_process(const struct fc_cmvp *db,
						    const char *id);

/*
 * Check the references of table p into the certificate data (db NULL:
 * there is none): every certificate number and in-process id must be
 * there, each reported at its place in the table.  Returns the number of
 * problems added to *diags.
 */
size_t fc_cmvp_check_refs(const struct fc_policy *p, const struct fc_cmvp *db,
			  struct fc_diags *diags);

/* --- the lifecycle (src/policy/lifecycle.c) ------------------------------- */

/* What a build's certificate is on a given day. */
enum fc_life {
	FC_LIFE_ACTIVE,     /* validated and not past its sunset date */
	FC_LIFE_NOT_YET,    /* the day is before its validation date */
	FC_LIFE_HISTORICAL, /* past its sunset date, or CMVP moved it */
	FC_LIFE_REVOKED,
	FC_LIFE_IN_PROCESS, /* in CMVP review: not validated */
	FC_LIFE_UNKNOWN,    /* no certificate is known for the build */
};
const char *fc_life_name(enum fc_life l);

struct fc_life_at {
	enum fc_life life;
	long day;                     /* the check day */
	const struct fc_cmvp_entry *e; /* NULL when unknown */
	const struct fc_cmvp *db;      /* NULL when there is no data */
};

/* The certificate c (a build's) on day. */
void fc_cert_life(const struct fc_cmvp *db, const struct fc_policy_cert *c,
		  long day, struct fc_life_at *out);
/* A certificate entry on day. */
enum fc_life fc_cmvp_entry_life(const struct fc_cmvp_entry *e, long day);
/* Does the verdict stand on this certificate: active only. */
bool fc_life_validated(enum fc_life l);

/*
 * The status on the day as a word ("active", "historical", "revoked",
 * "in-process:Pending Review", "not-yet-validated", "unknown") and as a
 * phrase for summaries: "certificate #4750, active as of 2026-12-01
 * (sunset 2029-08-01)", "certificate #4746, historical since its sunset
 * date 2026-07-30", "in CMVP review (TuxCare Kernel Crypto API: Pending
 * Review since 2025-11-25), not validated".  Allocated.
 */
char *fc_life_status(const struct fc_life_at *a);
char *fc_life_phrase(const struct fc_life_at *a, const struct fc_policy_cert *c);

/* Is the data older than FC_CMVP_STALE_DAYS on day? */
#define FC_CMVP_STALE_DAYS 180
bool fc_cmvp_stale(const struct fc_cmvp *db, long day);

#endif
