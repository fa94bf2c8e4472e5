/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The child side of a library probe (see probe.h for the protocol).  A
 * probe file helpers/<name>/probe.c defines a struct fc_probe_def and a
 * main() that calls fc_probe_main().  The probe adds findings for the
 * checks it was asked about; fc_probe_main() writes them as JSON.
 */
#ifndef FC_PROBE_CHILD_H
#define FC_PROBE_CHILD_H

#include <stdbool.h>

#include "core/report.h"
#include "base/util.h"

struct fc_probe_ctx {
	struct fc_report *report;
	bool selftest;
	char **checks; /* the check ids asked for, NULL-terminated */
	char **nssdb;  /* --nssdb values, NULL-terminated */
	/* Probes that read the audited tree (fc_probe_info.reads_root):
	 * --root DIR, absolute ("/" for the live host), else NULL. */
	char *root;
	/* --policy FILE values (fc_probe_info.wants_policy): the
	 * validated-module tables that apply to the host, NULL-terminated. */
	char **policy_files;
	/* The self-test core's options (src/kat/kat.h): --kat-algorithm GLOB and
	 * --kat-vectors PATH values (NULL-terminated), --kat-full (every
	 * compiled vector, not the default tier), --kat-bench and
	 * --kat-seconds S. */
	char **kat_algorithms;
	char **kat_vectors;
	bool kat_full;
	bool kat_bench;
	double kat_seconds;
};

struct fc_probe_def {
	const char *name;
	/* Return 0, or -errno when the probe could not run at all.  Not
	 * called when only the check selftest.<name> is asked for. */
	int (*run)(struct fc_probe_ctx *ctx);
	/* The library's self-test adapter (helpers/<name>/selftest.c), run
	 * after run() when selftest.<name> is asked for; may be NULL. */
	int (*selftest)(struct fc_probe_ctx *ctx);
};

/* Was check_id asked for? */
bool fc_probe_wants(const struct fc_probe_ctx *ctx, const char *check_id);

/* Start a finding for check_id; suffix NULL or ".sub". */
struct fc_finding *fc_probe_finding(struct fc_probe_ctx *ctx,
				    const char *check_id, const char *suffix);

/*
 * Run fn(ctx, arg) in a forked child of the helper (with a report of its
 * own in ctx->report) and add the findings it made to ctx->report; when
 * the child fails (fn <0), dies or sends nothing usable, check_id+suffix
 * (suffix NULL or ".sub") gets an "error" finding that names what happened
 * (what: "the known-answer test process").  Returns 0, or -errno when no
 * child could be started.
 */
int fc_probe_forked(struct fc_probe_ctx *ctx, const char *check_id,
		    const char *suffix, const char *what,
		    int (*fn)(struct fc_probe_ctx *ctx, void *arg),
		    void *arg) FC_WUR;

int fc_probe_main(int argc, char **argv, const struct fc_probe_def *def);

#endif
