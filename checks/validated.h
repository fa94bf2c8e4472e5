/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by checks/validated.c (the table, the userspace modules) and
 * checks/validated-kernel.c (running and default boot kernel): what the
 * validated-version checks know once the probes finished.
 */
#ifndef FC_CHECKS_VALIDATED_H
#define FC_CHECKS_VALIDATED_H

#include "engine/check.h"
#include "policy/policy.h"

/* A module's verdict, and two ways of not having one. */
enum fc_verdict {
	FC_V_VALIDATED,     /* the exact validated build */
	FC_V_COMPLIANT,     /* a patched build that keeps the validated crypto */
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
	/* The rpmdb helper's packages, or why they are not known. */
	bool rpm_ok;
	char *rpm_why;
	struct fc_installed_pkg *pkgs;
	size_t n_pkgs;
};

/* Computed on first use, cached for the run. */
const struct fc_vstate *fc_vstate_get(struct fc_ctx *ctx);

const char *fc_verdict_name(enum fc_verdict v);
/* The finding status for a verdict under the run's mode (--strict). */
enum fc_status fc_verdict_status(const struct fc_ctx *ctx, enum fc_verdict v);

/* Facts and phrases shared by every module finding. */
void fc_vfacts_table(struct fc_finding *f, const struct fc_vstate *st);
void fc_vfacts_build(struct fc_finding *f, const struct fc_policy_build *b);
void fc_vfacts_rule(struct fc_finding *f, const struct fc_policy_compliant *c);
void fc_vfacts_prov(struct fc_finding *f, const char *prefix,
		    const struct fc_provenance *p);
/* "certificate #4750 active (number from a third-party source)" */
char *fc_vcert_phrase(const struct fc_policy_build *b);
/* ", on a vendor-affirmed operating environment" when the table says
 * so of this host's OS, else "". */
const char *fc_voe_phrase(const struct fc_vstate *st);
/*
 * Start the current check's finding about module m.  False when no table
 * applies: the finding then says why and is complete.
 */
bool fc_vstart(struct fc_ctx *ctx, enum fc_module m, struct fc_finding **f,
	       const struct fc_vstate **st);

#endif
