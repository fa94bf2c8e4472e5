/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the readers of the vector formats share (inside src/kat/ only):
 *   kat-load.c             files and directories, the choice of a format
 *   kat-load-vector.c      a load in progress and the vector it builds
 *   kat-load-json.c        typed access to JSON members, with errors that
 *                          name the file and the tgId/tcId
 *   kat-load-wycheproof.c  Wycheproof JSON
 *   kat-load-acvp.c        ACVP prompt + expectedResults (+ internalProjection)
 *   kat-load-cavp.c        CAVP SHAVS .rsp
 * The public interface is src/kat/kat-load.h.
 */
#ifndef FC_KAT_LOAD_FMT_H
#define FC_KAT_LOAD_FMT_H

#include <json-c/json.h>

#include "kat/kat-load.h"

/* --- a load in progress (kat-load-vector.c) -------------------------------- */

struct fc_kat_ld {
	struct fc_kat_set *set;
	const char *src; /* display name, owned by the set */
	char **err;
	uint32_t group; /* the test group's ordinal, recorded per vector */
	struct fc_kat_vector cur;
	struct fc_kat_field f[FC_KAT_F_COUNT_];
	unsigned nf;
};

/* p, freed with the set; returns p. */
void *fc_kat_ld_own(struct fc_kat_set *s, void *p);
/* A copy of name owned by the set (a display name vectors point to). */
const char *fc_kat_ld_name(struct fc_kat_set *s, const char *name);

/* Set *l->err (the first error only) to "<file>: [tgId N] [tcId N]: what"
 * (tg, tc 0: not shown); returns -EBADMSG. */
int fc_kat_ld_fail(struct fc_kat_ld *l, uint32_t tg, uint32_t tc,
		   const char *fmt, ...) FC_PRINTF(4, 5);

/* Start a vector: cell alg, operation op, its ids. */
void fc_kat_ld_begin(struct fc_kat_ld *l, const char *alg, enum fc_kat_op op,
		     uint32_t tg, uint32_t tc);
/* Set field id (replacing an earlier one) to n bytes at p. */
void fc_kat_ld_add(struct fc_kat_ld *l, enum fc_kat_fid id, const uint8_t *p,
		   size_t n);
/* A field of the vector being built, or NULL. */
const struct fc_kat_field *fc_kat_ld_get(const struct fc_kat_ld *l,
					 enum fc_kat_fid id);
/* Mark the vector skipped (the first reason given stays). */
void fc_kat_ld_skip(struct fc_kat_ld *l, const char *fmt, ...) FC_PRINTF(2, 3);
/* Add the vector to the set. */
void fc_kat_ld_commit(struct fc_kat_ld *l);

/* The hash or curve a vector names; NONE, and the vector skipped, for one
 * the core does not run. */
enum fc_kat_hash fc_kat_ld_hash(struct fc_kat_ld *l, const char *name);
enum fc_kat_curve fc_kat_ld_curve(struct fc_kat_ld *l, const char *name);
/* A length in bits that must be whole bytes; skips the case otherwise. */
void fc_kat_ld_bytes_only(struct fc_kat_ld *l, uint32_t bits, const char *what);

/* The cell name as the core lists it (static storage), or NULL. */
const char *fc_kat_cell_name(const char *name);
const char *fc_kat_hmac_cell(enum fc_kat_hash h);

/* s as exactly n bytes (malloc'ed); NULL when not hex or another length. */
uint8_t *fc_kat_unhex_exact(const char *s, size_t n);

/* --- JSON members (kat-load-json.c) ---------------------------------------- */

/* Parse text as one JSON value (white space may follow). */
int fc_kat_parse_json(struct fc_kat_ld *l, const char *text, size_t len,
		      struct json_object **out) FC_WUR;

/* Member key of object o; NULL when o is no object or lacks it. */
struct json_object *fc_kat_jget(struct json_object *o, const char *key);
/* An array member, else NULL. */
struct json_object *fc_kat_jarray(struct json_object *o, const char *key);
/* A string member; NULL when absent or null, *bad when of another type. */
const char *fc_kat_jstr(struct json_object *o, const char *key, bool *bad);

/* The readers below name tg and tc in their errors.  _req: absent is an
 * error (0 or -EBADMSG); else 1 present, 0 absent, <0 error. */
int fc_kat_jstr_req(struct fc_kat_ld *l, struct json_object *o,
		    const char *key, uint32_t tg, uint32_t tc,
		    const char **out);
/* An integer in 0..UINT32_MAX. */
int fc_kat_jint(struct fc_kat_ld *l, struct json_object *o, const char *key,
		uint32_t tg, uint32_t tc, uint32_t *out);
int fc_kat_jint_req(struct fc_kat_ld *l, struct json_object *o,
		    const char *key, uint32_t tg, uint32_t tc, uint32_t *out);
int fc_kat_jbool(struct fc_kat_ld *l, struct json_object *o, const char *key,
		 uint32_t tg, uint32_t tc, bool *out);
/* A hex string into field id of the vector being built. */
int fc_kat_jhex(struct fc_kat_ld *l, struct json_object *o, const char *key,
		enum fc_kat_fid id, uint32_t tg, uint32_t tc);
int fc_kat_jhex_req(struct fc_kat_ld *l, struct json_object *o,
		    const char *key, enum fc_kat_fid id, uint32_t tg,
		    uint32_t tc);
/* key from the first object, else from the second; <0 when in neither. */
int fc_kat_jhex_either(struct fc_kat_ld *l, struct json_object *first,
		       struct json_object *second, const char *key,
		       enum fc_kat_fid id, uint32_t tg, uint32_t tc);

/* --- the formats ------------------------------------------------------------ */

/* A Wycheproof file (kat-load-wycheproof.c). */
int fc_kat_load_wycheproof(struct fc_kat_ld *l, struct json_object *top) FC_WUR;
/*
 * The expected result of a Wycheproof case, decided from its "result"
 * and its flags: n_flags of them, n_legacy of which have a note with
 * bugType LEGACY.  -EINVAL for a result other than valid, invalid or
 * acceptable.
 */
int fc_kat_wycheproof_expect(const char *result, size_t n_flags,
			     size_t n_legacy, enum fc_kat_expect *out) FC_WUR;

/* An ACVP vector set (kat-load-acvp.c): the prompt, its answer key and
 * internalProjection (NULL when the set has none); one document may serve
 * as prompt and answers. */
int fc_kat_load_acvp(struct fc_kat_ld *l, struct json_object *prompt,
		     struct json_object *expected,
		     struct json_object *internal) FC_WUR;
/* Does this document look like ACVP rather than Wycheproof? */
bool fc_kat_is_acvp(struct json_object *top);

/* A CAVP SHAVS response file (kat-load-cavp.c). */
int fc_kat_load_rsp(struct fc_kat_ld *l, const char *text, size_t len) FC_WUR;
/* The hash a SHAVS file name says (SHA256ShortMsg.rsp, SHA3_256LongMsg.rsp,
 * in a directory or not); NONE when it names no ShortMsg/LongMsg file. */
enum fc_kat_hash fc_kat_rsp_hash(const char *path);

#endif
