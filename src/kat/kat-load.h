/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading known-answer vectors from their published files:
 *   Wycheproof   one JSON file with testGroups (testvectors_v1 schemas)
 *   ACVP         a vector set: prompt.json + expectedResults.json (and
 *                internalProjection.json where the answer needs a private
 *                value), joined on tgId and tcId
 *   CAVP         SHAVS response files (*.rsp: Len, Msg, MD records)
 * The same code serves the build-time generator (tools/kat-gen.c, which
 * turns data/vectors into the compiled table) and `fipsctl selftest
 * --vectors` at run time, so both read the files one way.
 *
 * A malformed file, an algorithm the core does not know or a test case
 * without its answer is an error that names the file and the tgId/tcId.
 * A known algorithm with a case the core cannot run (a bit-oriented
 * message, a curve it does not know, an AES Monte-Carlo test) becomes a
 * vector with its skip reason, so that it is counted, never dropped.
 */
#ifndef FC_KAT_LOAD_H
#define FC_KAT_LOAD_H

#include "kat/kat.h"

/* Bounds: larger files are refused (the 1 GiB LDT inputs are expanded by
 * the procedure, not stored). */
#define FC_KAT_FILE_MAX (64u * 1024 * 1024)
#define FC_KAT_DIR_DEPTH 4

struct fc_kat_set {
	struct fc_kat_vector *v;
	uint32_t *group; /* per vector: its test group's ordinal in the file */
	size_t n, cap;
	void **owned; /* every allocation the vectors point into */
	size_t n_owned, cap_owned;
};

/*
 * Add the vectors of path: a Wycheproof file, an ACVP prompt.json or
 * expectedResults.json (its partner is read from the same directory), a
 * CAVP .rsp file, or a directory holding any of these (searched
 * FC_KAT_DIR_DEPTH deep, in name order).  Vectors are named after
 * display_base + the path below it (display_base NULL: path as given).
 * Returns 0, or -errno with *err set to "<file>: <tgId/tcId>: <what>";
 * vectors added before the error stay in the set.
 */
int fc_kat_load_path(struct fc_kat_set *set, const char *path,
		     const char *display_base, char **err) FC_WUR;

/* Parse one file's text (the fuzz target's entry).  name is its display
 * name; the file format is decided by name (".rsp") and content. */
int fc_kat_load_text(struct fc_kat_set *set, const char *name,
		     const char *text, size_t len, char **err) FC_WUR;

void fc_kat_set_free(struct fc_kat_set *set);

#endif
