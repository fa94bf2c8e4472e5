/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The check framework.  A check is a const descriptor in
 * checks/<area>.c; checks/registry.c lists them all in one table.  Running
 * a check adds one or more findings to the report through the context; a
 * check never prints.
 */
#ifndef FC_CHECK_H
#define FC_CHECK_H

#include <stdbool.h>

#include "base/date.h"
#include "core/report.h"
#include "core/sysroot.h"
#include "base/util.h"

struct fc_ctx;

struct fc_check {
	const char *id;          /* "kernel.fips_enabled" */
	const char *area;        /* "kernel", "boot", "crypto-policy", ... */
	const char *title;       /* short human title */
	const char *requirement; /* the requirement, with its source */
	/*
	 * In-process checks: add findings with fc_ctx_finding().  Return 0,
	 * or -errno when the check itself could not run: the framework then
	 * records an "error" finding that names the errno.
	 */
	int (*run)(struct fc_ctx *ctx);
	/*
	 * Checks that need a crypto library name the probe helper that
	 * produces their findings in a child process (see probe.h); run is
	 * NULL for them.
	 */
	const char *probe;
	/*
	 * In-process checks that judge what the probes found (for example
	 * the validated-version verdicts) run after every probe finished;
	 * they read probe findings with fc_report_find().
	 */
	bool after_probes;
	/*
	 * Judges by the validated-module tables (src/policy/policy.h): when such a
	 * check is selected, 'check' finds the tables that apply to the host
	 * before anything runs, and a malformed table stops it (exit 2).
	 */
	bool uses_policy;
	/*
	 * The self-test core's checks (selftest.<module>): run only
	 * when the selection asks for them (fipsctl selftest, check
	 * --selftest), never in a plain 'check'.
	 */
	bool selftest_only;
};

/* Options that checks may consult. */
struct fc_check_opts {
	bool selftest; /* run the libraries' self-tests too */
	const char *const *nssdb; /* NULL-terminated extra NSS databases */
	unsigned probe_timeout_ms;
	bool strict;        /* --strict: only validated builds pass */
	/* --at DATE: the check time, for reproducible verdicts (NULL: now,
	 * or SOURCE_DATE_EPOCH); fc_check_collect() resolves it into
	 * check_time and time_source, and the report's time is that. */
	const char *at;
	long long check_time;
	enum fc_time_source time_source;
	const char *policy; /* --policy FILE|NAME, or NULL */
	/* The validated-module tables that apply to the host (or the one
	 * --policy names), NULL-terminated; NULL when no check uses them. */
	const char *const *policy_files;
	/* What the self-test core runs (src/kat/kat.h), handed to the probe
	 * helpers: --algorithm globs and --vectors paths (NULL-terminated,
	 * or NULL), --full (every compiled vector, not the default tier),
	 * --bench and its seconds per algorithm. */
	const char *const *kat_algorithms;
	const char *const *kat_vectors;
	bool kat_full;
	bool kat_bench;
	double kat_seconds;
};

struct fc_ctx {
	struct fc_root *root;
	struct fc_report *report;
	const struct fc_check *current;
	struct fc_check_opts opts;
	/* Per-run caches owned by the areas (freed by fc_ctx_done). */
	struct fc_cache *cache;
};

/* NULL-terminated table, defined in checks/registry.c. */
extern const struct fc_check *const fc_checks[];

const struct fc_check *fc_check_find(const char *id);

/* Start a finding for the current check; id NULL means the check id,
 * a suffix ".x" makes "<check id>.x". */
struct fc_finding *fc_ctx_finding(struct fc_ctx *ctx, const char *suffix);

/* A finding for a file that could not be read, the path and errno as
 * facts: st (skip, fail, ...) as the check decides when the file does not
 * exist, "error" for any other failure (fipsctl could not tell). */
struct fc_finding *fc_ctx_read_failed(struct fc_ctx *ctx, const char *path,
				      int err, enum fc_status st);

/* Selection by --only/--skip globs (fnmatch); both NULL-terminated. */
struct fc_selection {
	const char *const *only;
	const char *const *skip;
	bool selftest; /* include the selftest_only checks */
};
bool fc_check_selected(const struct fc_check *c,
		       const struct fc_selection *sel);

/* Run every selected check in table order. */
int fc_run_checks(struct fc_ctx *ctx, const struct fc_selection *sel) FC_WUR;

/* Fill report->host from the root (os-release, hostname, uname). */
int fc_report_fill_host(struct fc_report *r, struct fc_root *root) FC_WUR;

void fc_ctx_done(struct fc_ctx *ctx);

/* Cache slots: areas store parsed files here to read each file once. */
void *fc_cache_get(struct fc_ctx *ctx, const char *key);
void fc_cache_put(struct fc_ctx *ctx, const char *key, void *value,
		  void (*free_fn)(void *));

#endif
