/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Library probes run in child processes.  Each crypto library is
 * examined by its own helper executable, fipsctl-probe-<name>, built from
 * helpers/<name>/probe.c and linked against that library only.  The parent
 * never loads the crypto libraries itself, so a library that aborts, hangs,
 * enters an irreversible FIPS error state or is not installed at all cannot
 * take fipsctl down or poison the other probes.
 *
 * Protocol: the parent runs the helper with
 *     fipsctl-probe-<name> --checks ID[,ID...] [--selftest] [--nssdb DIR]...
 *                          [--root DIR] [--policy FILE]...
 *                          [--kat-algorithm GLOB]... [--kat-vectors PATH]...
 *                          [--kat-full] [--kat-bench] [--kat-seconds S]
 * and reads one JSON object from its stdout:
 *     {"probe": "<name>", "findings": [ <finding as in report.json> ... ]}
 * A helper that dies, times out, prints malformed JSON or omits a selected
 * check turns into "error" findings; one whose library cannot be loaded
 * (dynamic loader exit 127) into "skip: not installed".
 */
#ifndef FC_PROBE_H
#define FC_PROBE_H

#include "engine/check.h"

/* What the parent knows about a probe helper (checks/probes.c). */
struct fc_probe_info {
	const char *name;     /* "openssl" */
	const char *library;  /* "libcrypto.so.3" */
	const char *packages; /* "openssl-libs (EL9), libssl3 (Debian)" */
	const char *install;  /* "dnf install openssl-libs" */
	/* Reads the audited tree, not the running system (the rpmdb): runs
	 * under --root too and gets "--root DIR" (absolute). */
	bool reads_root;
	/* Gets "--policy FILE" for each validated-module table that applies
	 * to the host (ctx->opts.policy_files). */
	bool wants_policy;
};
extern const struct fc_probe_info *const fc_probe_infos[]; /* NULL-terminated */
const struct fc_probe_info *fc_probe_info_find(const char *name);

#define FC_PROBE_TIMEOUT_MS_DEFAULT 30000

struct fc_probe_set;

/*
 * Start the helpers that the n checks (the selected checks that name a
 * probe, in report order; the runner chooses them) need: under a non-live
 * root only those that read the root, the others' checks get "skip"
 * findings.  The descriptors must outlive the set.
 */
int fc_probes_start(struct fc_ctx *ctx, const struct fc_check *const *checks,
		    size_t n, struct fc_probe_set **out) FC_WUR;
/* Wait for them (bounded), turn their output into findings, free the set. */
int fc_probes_finish(struct fc_ctx *ctx, struct fc_probe_set *set) FC_WUR;

/* Directory that holds the helpers: $FIPSCTL_PROBE_DIR, next to the
 * running binary (build tree), or the compiled-in libexec directory. */
char *fc_probe_dir(void);

#endif
