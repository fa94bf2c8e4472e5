/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the runner's parts share (inside src/kat/ only):
 *   kat-run.c          the run: selection, one vector by its operation,
 *                      the tally per algorithm
 *   kat-verdict.c      what an adapter's answer means for a vector
 *   kat-run-hash.c     digests (with Monte-Carlo chains), HMAC, CMAC
 *   kat-run-cipher.c   AES ECB/CBC/CTR (the core's PKCS#7), AES-GCM
 *   kat-run-kdf.c      HKDF, PBKDF2
 *   kat-run-pubkey.c   ECDSA verify and sign, RSA verify, ECDH
 *   kat-run-drbg.c     the DRBGs
 *   kat-bench.c        --bench
 * The public interface is src/kat/kat.h.
 */
#ifndef FC_KAT_RUN_H
#define FC_KAT_RUN_H

#include "kat/kat.h"

/* --- the outcome of one vector ------------------------------------------------ */

/* WARN: a valid edge case (fc_kat_vector.edge_case) was rejected. */
enum fc_kat_verdict { FC_KAT_V_PASS, FC_KAT_V_FAIL, FC_KAT_V_SKIP,
		      FC_KAT_V_WARN };

struct fc_kat_outcome {
	enum fc_kat_verdict v;
	char *why; /* for FAIL and SKIP */
};

void fc_kat_outcome_set(struct fc_kat_outcome *o, enum fc_kat_verdict v,
			const char *fmt, ...) FC_PRINTF(3, 4);

/* --- what an adapter's answer means (kat-verdict.c) ---------------------------- */

enum fc_kat_judgement {
	FC_KAT_J_PASS,             /* what the vector expects */
	FC_KAT_J_NOT_OFFERED,      /* the library does not offer it: skip */
	FC_KAT_J_REJECTED_VALID,   /* it refused a valid case */
	FC_KAT_J_FAILED_VALID,     /* it failed on a valid case */
	FC_KAT_J_ACCEPTED_INVALID, /* a checking operation took an invalid case */
	FC_KAT_J_PRODUCED_INVALID, /* it computed an invalid case's output */
	FC_KAT_J_WRONG_OUTPUT,     /* it computed something else */
	FC_KAT_J_BAD_RC,           /* the adapter broke its contract */
	FC_KAT_J_COUNT_
};

/*
 * The decision alone (no text, no I/O).  rc is the adapter's enum
 * fc_kat_rc; matched tells, when it computed something, whether that was
 * the expected output.  checking: the operation can refuse (verification,
 * decryption, key agreement, a size limit): there an invalid case must be
 * refused.  For plain computations an invalid case must merely not
 * produce the given output.
 */
enum fc_kat_judgement fc_kat_judge(enum fc_kat_expect expect, int rc,
				   bool matched, bool checking);

/* Write judgement j into o: its verdict and, where it has one, its
 * message (what names the operation, why is the adapter's reason).
 * WRONG_OUTPUT keeps the message the runner wrote with fc_kat_mismatch. */
void fc_kat_outcome_write(struct fc_kat_outcome *o, enum fc_kat_judgement j,
			  int rc, const char *what,
			  const struct fc_kat_why *why);

/* Both: what every runner calls with the adapter's answer. */
void fc_kat_settle(struct fc_kat_outcome *o, const struct fc_kat_vector *v,
		   int rc, bool matched, bool checking, const char *what,
		   const struct fc_kat_why *why);

/* FAIL with "<what> differs: got <hex>, expected <hex>". */
void fc_kat_mismatch(struct fc_kat_outcome *o, const char *what,
		     const uint8_t *got, const uint8_t *want, size_t n);
/* A short hex rendering for messages (allocated). */
char *fc_kat_hex_short(const uint8_t *p, size_t n);

/* --- running one vector (kat-run.c) -------------------------------------------- */

/* Field data and length; an absent field reads as empty. */
const uint8_t *fc_kat_field_data(const struct fc_kat_vector *v,
				 enum fc_kat_fid id, size_t *len);
bool fc_kat_has(const struct fc_kat_vector *v, enum fc_kat_fid id);

/* False, and o skipped, when the adapter lacks the operation (fn NULL). */
bool fc_kat_offered(struct fc_kat_outcome *o, const void *fn,
		    const char *what);

/* One vector through ops; o->why is allocated. */
void fc_kat_run_one(const struct fc_kat_ops *ops, void *a,
		    const struct fc_kat_vector *v, struct fc_kat_outcome *o);

/* The runner of each operation (kat-run-<family>.c). */
typedef void fc_kat_runner(const struct fc_kat_ops *ops, void *a,
			   const struct fc_kat_vector *v,
			   struct fc_kat_outcome *o);
fc_kat_runner fc_kat_run_digest, fc_kat_run_mac, fc_kat_run_cipher,
	fc_kat_run_gcm, fc_kat_run_kdf, fc_kat_run_ecdsa_verify,
	fc_kat_run_ecdsa_sign, fc_kat_run_rsa_verify, fc_kat_run_ecdh,
	fc_kat_run_drbg;

/* --bench for cell c: its vectors that ran (ran[i]) again for seconds,
 * and the bulk throughput of its operation (kat-bench.c). */
void fc_kat_bench_cell(const struct fc_kat_ops *ops, void *a,
		       const struct fc_kat_vector *const *v, size_t n,
		       const bool *ran, struct fc_kat_cell *c, double seconds);

#endif
