/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the validated-version checks, checks/validated-policy.c (the
 * table), checks/validated.c (the userspace modules) and
 * checks/validated-kernel.c (running and default boot kernel): what they
 * know once the probes finished (checks/verdict.c), and how a userspace
 * module's verdict is decided.
 */
#ifndef FC_CHECKS_VALIDATED_H
#define FC_CHECKS_VALIDATED_H

#include "engine/check.h"
#include "policy/cmvp.h"
#include "policy/policy.h"
#include "policy/signers.h"

/* The requirement every validated-version check implements. */
#define FC_VREQ_TABLES                                                         \
	"FIPS 140-3 (ISO/IEC 19790 7.2) and CMVP: a module is validated "      \
	"only in the exact build and operational environment its "             \
	"certificate names; the tables in policies/ carry the builds, "        \
	"certificates and their sources"

/* A module's verdict, and two ways of not having one. */
enum fc_verdict {
	FC_V_VALIDATED,     /* the exact validated build */
	FC_V_COMPLIANT,     /* a patched build that keeps the validated crypto */
	FC_V_IN_PROCESS,    /* the build in CMVP review: not validated */
	FC_V_UNVALIDATED,   /* anything else */
	FC_V_NOT_COVERED,   /* no validated module for this architecture */
	FC_V_NOT_INSTALLED, /* nothing to judge */
	FC_V_UNKNOWN,       /* could not be judged: the reason is given */
};

struct fc_vstate {
	const struct fc_host *host;
	struct fc_policy **tables; /* the candidates 'check' found */
	size_t n_tables;
	const struct fc_policy *table; /* the one that applies, or NULL */
	char *choice;                  /* how it was chosen, or why none */
	char *load_error;              /* a candidate failed to load */
	/* The check time (--at, SOURCE_DATE_EPOCH or the clock) and its day:
	 * certificates are judged as of it. */
	long long check_time;
	long day;
	enum fc_time_source time_source;
	/* The certificate and signing-key data (NULL when the search path
	 * has none), or why they did not load. */
	const struct fc_cmvp *db;	/* borrowed (fc_policy_refdata) */
	const struct fc_signers *keys;
	char *data_error;
	/* The rpmdb helper's packages, or why they are not known. */
	bool rpm_ok;
	char *rpm_why;
	struct fc_installed_pkg *pkgs;
	size_t n_pkgs;
	/* Their module files as the helper verified them (rpm -V). */
	struct fc_module_file *files;
	size_t n_files;
};

/* Computed on first use, cached for the run. */
const struct fc_vstate *fc_vstate_get(struct fc_ctx *ctx);

const char *fc_verdict_name(enum fc_verdict v);
/* The finding status for a verdict in the run's mode (--strict). */
enum fc_status fc_verdict_status(bool strict, enum fc_verdict v);
/* The least a validated build's certificate allows on the check day:
 * active passes; unknown warns; not yet validated, historical (past its
 * sunset) and in process warn, or fail under --strict; revoked fails. */
enum fc_status fc_life_status_for(bool strict, enum fc_life l);
/* The worse of two pass / warn / fail statuses. */
enum fc_status fc_status_worse(enum fc_status a, enum fc_status b);
/* Set f's status st (fc_verdict_status() of v, or stricter) and summary:
 * a skip is "not applicable" for a module that is not installed (nothing
 * runs that could be unvalidated), "not examined" when it could not be
 * judged. */
void fc_vstatus(struct fc_finding *f, enum fc_status st, enum fc_verdict v,
		const char *summary);

/* Why a finding another check should have produced is not usable: "check
 * ID did not run (deselected)" or "ID: its summary". */
char *fc_vabsent_why(const struct fc_report *r, const char *id);

/* Facts and phrases shared by every module finding. */
void fc_vfacts_table(struct fc_finding *f, const struct fc_vstate *st);
void fc_vfacts_build(struct fc_finding *f, const struct fc_vstate *st,
		     const struct fc_policy_build *b);
/* A build's certificate on the check day. */
void fc_vlife(const struct fc_vstate *st, const struct fc_policy_build *b,
	      struct fc_life_at *out);
void fc_vfacts_rule(struct fc_finding *f, const struct fc_policy_compliant *c);
void fc_vfacts_prov(struct fc_finding *f, const char *prefix,
		    const struct fc_provenance *p);
/* "certificate #4750, active as of 2026-12-01 (sunset 2029-08-01)",
 * with the confidence of the tie when it is not verified. */
char *fc_vcert_phrase(const struct fc_vstate *st,
		      const struct fc_policy_build *b);
/* ", on a vendor-affirmed operating environment" when the table says
 * so of this host's OS, else "". */
const char *fc_voe_phrase(const struct fc_vstate *st);
/*
 * Start the current check's finding about module m.  False when no table
 * applies: the finding then says why and is complete.
 */
bool fc_vstart(struct fc_ctx *ctx, enum fc_module m, struct fc_finding **f,
	       const struct fc_vstate **st);

/* --- proof that the files are the vendor's (checks/validated-proof.c) ---- */

struct fc_vproof_out {
	enum fc_status status; /* pass, warn or fail */
	bool modified;         /* a module file changed or is missing */
	char *phrase;          /* for the summary ("; 2 module files ..."),
				* or NULL when no package was judged */
};
/*
 * The module files and signers of module m's installed packages for arch
 * (only the package only_nevra when not NULL: the kernel that runs), as
 * facts of f, and what they mean for its status and summary.
 */
void fc_vproof(const struct fc_vstate *st, enum fc_module m, const char *arch,
	       const char *only_nevra, bool strict, struct fc_finding *f,
	       struct fc_vproof_out *out);

/* --- a userspace module's verdict (checks/validated.c) ------------------- */

/* What the installed packages of a module are, by the rpmdb helper's
 * classes (helpers/rpmdb/probe.c). */
enum fc_vrpm {
	FC_VRPM_UNAVAIL,     /* the rpmdb was not read */
	FC_VRPM_NONE,	     /* no package of the module installed */
	FC_VRPM_OTHER_ARCH,  /* only another architecture's (i686 multilib) */
	FC_VRPM_VALIDATED,   /* every package of a validated build */
	FC_VRPM_COMPLIANT,   /* validated or compliant packages only */
	FC_VRPM_IN_PROCESS,  /* the packages of a build in process */
	FC_VRPM_UNVALIDATED, /* anything else */
	FC_VRPM_UNJUDGED,    /* the table names no packages for the module */
};

/* Everything the verdict depends on, read and matched beforehand. */
struct fc_vjudge_in {
	enum fc_coverage coverage; /* the table's, for the module and arch */
	bool strict;		   /* --strict */
	/* The runtime module identifier: read from a probe, the table lists
	 * module versions for the arch, the one read is a validated build's
	 * (whose certificate is runtime_cert). */
	bool runtime_read;
	bool runtime_listed;
	bool runtime_validated;
	bool runtime_in_process; /* it is the build in CMVP review */
	enum fc_life runtime_cert; /* on the check day */
	/* The installed packages; with FC_VRPM_VALIDATED, matched by a
	 * version-release pattern only, and that build's certificate. */
	enum fc_vrpm rpm;
	bool rpm_by_glob;
	enum fc_life rpm_cert;
	/* Packages of another architecture (i686 multilib on x86_64) are
	 * not an input: they are reported as installed and not validated,
	 * and leave the host architecture's verdict as it is. */
};

/* One outcome per summary the finding can have. */
enum fc_vjudge_outcome {
	/* The table has no validated module for the arch, ... */
	FC_VJ_NOT_COVERED,
	FC_VJ_NOT_COVERED_ABSENT, /* ... and the module is not installed */
	FC_VJ_NOT_COVERED_UNREAD, /* ... and whether it is is not known */
	/* The table lists nothing at all for the arch, ... */
	FC_VJ_NO_BUILDS,
	FC_VJ_NO_BUILDS_ABSENT, /* ... and the module is not installed */
	/* The running module is a validated build, ... */
	FC_VJ_VALIDATED_RUNTIME,
	FC_VJ_VALIDATED_DISAGREE, /* ... the packages are not that build */
	/* The installed packages are a validated build, ... */
	FC_VJ_VALIDATED_PACKAGES,
	FC_VJ_VALIDATED_PATTERN, /* ... by their version-release only */
	/* Patched builds that keep the validated crypto. */
	FC_VJ_COMPLIANT,
	/* The build in CMVP review (running or installed): not validated. */
	FC_VJ_IN_PROCESS,
	/* Not a validated build: the running module, the packages. */
	FC_VJ_UNVALIDATED_RUNTIME,
	FC_VJ_UNVALIDATED_PACKAGES,
	/* No package of the module and no running module. */
	FC_VJ_NOT_INSTALLED,
	/* No package of the host's architecture, another's (i686 multilib on
	 * x86_64) only, and no running module: installed, not validated. */
	FC_VJ_OTHER_ARCH_ONLY,
	/* Not judged: the table names no packages and there is no runtime
	 * identifier; a running module it does not list and no package;
	 * neither side could be read. */
	FC_VJ_UNJUDGED,
	FC_VJ_UNLISTED_RUNTIME,
	FC_VJ_UNREAD,
};

struct fc_vjudge {
	enum fc_vjudge_outcome outcome;
	enum fc_verdict verdict;
	enum fc_status status;
};

/* The verdict, from in alone: no I/O, no finding. */
struct fc_vjudge fc_vjudge_decide(const struct fc_vjudge_in *in);

#endif
