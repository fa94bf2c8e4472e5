/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The child side of a library probe (see probe.h for the protocol).  A
 * probe file checks/probe-<name>.c defines a struct fc_probe_def and a
 * main() that calls fc_probe_main().  The probe adds findings for the
 * checks it was asked about; fc_probe_main() writes them as JSON.
 */
#ifndef FC_PROBE_CHILD_H
#define FC_PROBE_CHILD_H

#include <stdbool.h>

#include "report.h"
#include "util.h"

struct fc_probe_ctx {
	struct fc_report *report;
	bool selftest;
	char **checks; /* the check ids asked for, NULL-terminated */
	char **nssdb;  /* --nssdb values, NULL-terminated */
};

struct fc_probe_def {
	const char *name;
	/* Return 0, or -errno when the probe could not run at all. */
	int (*run)(struct fc_probe_ctx *ctx);
};

/* Was check_id asked for? */
bool fc_probe_wants(const struct fc_probe_ctx *ctx, const char *check_id);

/* Start a finding for check_id; suffix NULL or ".sub". */
struct fc_finding *fc_probe_finding(struct fc_probe_ctx *ctx,
				    const char *check_id, const char *suffix);

int fc_probe_main(int argc, char **argv, const struct fc_probe_def *def);

#endif
