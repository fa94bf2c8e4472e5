/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading evidence bundles through the evidence helper (its 'read' mode,
 * helpers/evidence/main.c), in the order given, at fleet scale: the paths
 * go to helpers a batch at a time, as arguments (any number of bundles
 * fits the argument limit), and up to `jobs` helpers verify batches at
 * once (one per processor: decompressing and hashing is the work) while
 * this process hands each result on as soon as it is its turn.  Memory
 * is bounded by the batches in flight, never by the number of bundles:
 * paths can come from a list file read as it goes (--files-from).
 */
#ifndef FC_EVIDENCE_READER_H
#define FC_EVIDENCE_READER_H

#include <stdbool.h>
#include <stdio.h>

#include <json-c/json.h>

#include "base/util.h"

/* Where the bundle paths come from: an array, or a stream of lines
 * (one path per line; empty lines are skipped). */
struct fc_bundle_paths {
	char **v;
	size_t n;
	FILE *list;
	const char *list_name; /* for messages */
};

/*
 * One bundle's result: the helper's verification (its "bundle", "ok",
 * "first_problem", "signature", ..., with members "members"), and
 * report.json as the bundle holds it (NULL when it has none).  Return 0
 * to go on, -errno to stop.
 */
typedef int (*fc_bundle_fn)(void *ud, struct json_object *verification,
			    const char *report, size_t report_len);

/*
 * Verify every bundle (with key when given, every member listed with
 * members) and call fn for each, in order.  jobs 0: one helper per
 * online processor.  0, or -errno (the message said).
 */
int fc_bundles_read(struct fc_bundle_paths *paths, const char *key,
		    bool members, unsigned jobs, fc_bundle_fn fn,
		    void *ud) FC_WUR;

#endif
