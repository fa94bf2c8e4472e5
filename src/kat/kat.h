/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The self-test core: known-answer vectors, the operations that
 * every library adapter (helpers/<library>/selftest.c) implements, and the
 * runner that feeds one to the other and counts, per algorithm, what
 * passed, failed and was skipped.
 *
 * A vector is data only: the same struct comes from the table compiled in
 * at build time (tools/kat-gen.c, from data/vectors) and from files
 * read at run time (src/kat/kat-load.h, --vectors).  Every byte string is a
 * plain big-endian octet string; nothing here depends on the host's byte
 * order or on alignment.
 *
 * Verdicts (Wycheproof's three results, which ACVP's testPassed maps to):
 *   valid       the module must accept the input and produce exactly the
 *               expected output;
 *   invalid     it must reject it (bad tag, bad signature, point not on the
 *               curve, size too large), or, for a computation, must not
 *               produce the given output;
 *   acceptable  either outcome is allowed, but an output it does produce
 *               must be the expected one.
 * An algorithm or parameter the library does not offer is "skipped" with
 * the adapter's reason, never "passed".
 */
#ifndef FC_KAT_H
#define FC_KAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"
#include "base/util.h"

enum fc_kat_hash {
	FC_KAT_HASH_NONE,
	FC_KAT_SHA1,
	FC_KAT_SHA224,
	FC_KAT_SHA256,
	FC_KAT_SHA384,
	FC_KAT_SHA512,
	FC_KAT_SHA512_224,
	FC_KAT_SHA512_256,
	FC_KAT_SHA3_224,
	FC_KAT_SHA3_256,
	FC_KAT_SHA3_384,
	FC_KAT_SHA3_512,
	FC_KAT_HASH_COUNT_
};

/* ACVP's names ("SHA2-256"); NULL for an out-of-range value. */
const char *fc_kat_hash_name(enum fc_kat_hash h);
/* Digest size in bytes, 0 for NONE. */
size_t fc_kat_hash_len(enum fc_kat_hash h);
/* Accepts ACVP ("SHA2-256", "SHA-1", "SHA3-256", "SHA2-512/256") and
 * Wycheproof ("SHA-256", "SHA-512/256", "SHA3-256") spellings. */
int fc_kat_hash_from_name(const char *s, enum fc_kat_hash *out) FC_WUR;

enum fc_kat_curve {
	FC_KAT_CURVE_NONE,
	FC_KAT_P256,
	FC_KAT_P384,
	FC_KAT_P521,
	FC_KAT_CURVE_COUNT_
};

const char *fc_kat_curve_name(enum fc_kat_curve c); /* "P-256" */
/* Size of a field element / scalar in bytes (32, 48, 66). */
size_t fc_kat_curve_len(enum fc_kat_curve c);
/* "P-256", "secp256r1", ... */
int fc_kat_curve_from_name(const char *s, enum fc_kat_curve *out) FC_WUR;

enum fc_kat_op {
	FC_KAT_OP_DIGEST,       /* msg -> out (flags MCT: Monte-Carlo chain) */
	FC_KAT_OP_HMAC,         /* key, msg -> out (a prefix of the MAC) */
	FC_KAT_OP_CMAC,         /* key, msg -> out (a prefix of the MAC) */
	FC_KAT_OP_CIPHER,       /* mode ECB/CBC/CTR: key, iv, msg <-> out */
	FC_KAT_OP_GCM,          /* key, iv, aad, msg <-> out, tag */
	FC_KAT_OP_HKDF,         /* msg=ikm, salt, info -> out */
	FC_KAT_OP_PBKDF2,       /* msg=password, salt, count -> out */
	FC_KAT_OP_ECDSA_VERIFY, /* qx, qy, msg, sig (DER) or r, s */
	FC_KAT_OP_ECDSA_SIGN,   /* priv, qx, qy, msg -> r, s */
	FC_KAT_OP_RSA_VERIFY,   /* n, e, msg, sig */
	FC_KAT_OP_ECDH,         /* priv, pub -> out */
	FC_KAT_OP_DRBG,         /* entropy, nonce, pers, steps -> out */
	FC_KAT_OP_COUNT_
};

enum fc_kat_expect { FC_KAT_VALID, FC_KAT_INVALID, FC_KAT_ACCEPTABLE };

/* mode, by operation */
enum fc_kat_cipher_mode { FC_KAT_ECB, FC_KAT_CBC, FC_KAT_CTR };
enum fc_kat_rsa_pad { FC_KAT_RSA_PKCS1, FC_KAT_RSA_PSS };
enum fc_kat_drbg_kind { FC_KAT_HASH_DRBG, FC_KAT_HMAC_DRBG, FC_KAT_CTR_DRBG };

/* flags */
#define FC_KAT_DECRYPT 0x01u  /* CIPHER, GCM: an ACVP decrypt case (msg is
			       * always the plain text, out the cipher text;
			       * valid cases run both ways) */
#define FC_KAT_PKCS7 0x02u    /* CIPHER CBC: PKCS#7 padding (by the core) */
#define FC_KAT_MCT 0x04u      /* DIGEST: Monte-Carlo chain of count records */
#define FC_KAT_MCT_ALT 0x08u  /* DIGEST: ACVP "alternate" MCT (SHA-1/2) */
#define FC_KAT_SPKI 0x10u     /* ECDH: pub is a DER SubjectPublicKeyInfo */
#define FC_KAT_PR 0x20u       /* DRBG: prediction resistance */
#define FC_KAT_DF 0x40u       /* DRBG (CTR): derivation function */

/* The byte strings a vector may carry. */
enum fc_kat_fid {
	FC_KAT_F_KEY,
	FC_KAT_F_IV,
	FC_KAT_F_MSG,
	FC_KAT_F_AAD,
	FC_KAT_F_OUT, /* the expected output: digest, MAC, text, key, bits */
	FC_KAT_F_TAG,
	FC_KAT_F_SALT,
	FC_KAT_F_INFO,
	FC_KAT_F_QX,
	FC_KAT_F_QY,
	FC_KAT_F_PUB,
	FC_KAT_F_PRIV,
	FC_KAT_F_SIG, /* ECDSA: DER; RSA: the signature block */
	FC_KAT_F_R,
	FC_KAT_F_S,
	FC_KAT_F_N,
	FC_KAT_F_E,
	FC_KAT_F_ENTROPY,
	FC_KAT_F_NONCE,
	FC_KAT_F_PERS,
	FC_KAT_F_ADD0, /* DRBG step i: additional input ADD0 + i */
	FC_KAT_F_ADD1,
	FC_KAT_F_ADD2,
	FC_KAT_F_ENT0, /* DRBG step i: entropy input ENT0 + i */
	FC_KAT_F_ENT1,
	FC_KAT_F_ENT2,
	FC_KAT_F_COUNT_
};
#define FC_KAT_DRBG_STEPS_MAX 3

const char *fc_kat_fid_name(enum fc_kat_fid id); /* "key", for messages */

struct fc_kat_field {
	uint8_t id; /* enum fc_kat_fid */
	uint32_t len;
	const uint8_t *data;
};

struct fc_kat_vector {
	const char *alg;    /* the report cell: "SHA2-256", "AES-GCM", ... */
	const char *source; /* the file: "wycheproof/aes_gcm_test.json" */
	uint32_t tg_id;     /* test group id; 0 when the format has none */
	uint32_t tc_id;     /* test case id (CAVP: record number) */
	uint8_t op;         /* enum fc_kat_op */
	uint8_t expect;     /* enum fc_kat_expect */
	uint8_t hash;       /* enum fc_kat_hash (digest, MAC, KDF, signature) */
	uint8_t mgf_hash;   /* RSA-PSS: the MGF1 hash */
	uint8_t curve;      /* enum fc_kat_curve */
	uint8_t mode;       /* enum fc_kat_cipher_mode, _rsa_pad, _drbg_kind */
	uint8_t flags;      /* FC_KAT_* flags */
	uint8_t n_steps;    /* DRBG: otherInput entries */
	uint8_t reseed_mask;/* DRBG: bit i set: step i reseeds, else generates */
	uint32_t count;     /* PBKDF2 iterations; MCT records */
	uint32_t out_bits;  /* CTR with a partial last byte; 0: whole bytes */
	uint32_t out_len;   /* bytes to produce (KDF, DRBG) */
	uint32_t key_bits;  /* AES key / CTR DRBG key size; RSA modulus bits */
	uint32_t salt_len;  /* RSA-PSS salt length in bytes */
	/* Set when the core cannot run this case (e.g. a bit-oriented
	 * message): it is counted as skipped with this reason. */
	const char *skip;
	/* A valid Wycheproof case whose flags include one its file's notes
	 * call an edge case (bugType EDGE_CASE: PointDuplication,
	 * ArithmeticError, SpecialCaseHash, ...): that flag.  A library
	 * that rejects such a case has a rare-input defect, not a wrong
	 * known answer: a warning (src/kat/kat-verdict.c). */
	const char *edge_case;
	uint8_t n_fields;
	const struct fc_kat_field *fields;
};

/* The field id of v, or NULL. */
const struct fc_kat_field *fc_kat_get(const struct fc_kat_vector *v,
				      enum fc_kat_fid id);

/* "wycheproof/aes_gcm_test.json tcId 12" / "acvp/... tgId 3 tcId 40". */
char *fc_kat_vector_name(const struct fc_kat_vector *v);

/* The table compiled from data/vectors at build time
 * (tools/kat-gen.c); linked into the probe helpers only. */
extern const struct fc_kat_vector fc_kat_table[];
extern const size_t fc_kat_table_len;

/* --- the operations an adapter implements ---------------------------------- */

enum fc_kat_rc {
	FC_KAT_OK,          /* computed / accepted */
	FC_KAT_REJECTED,    /* refused the input (bad tag, signature, point) */
	FC_KAT_UNSUPPORTED, /* the library does not offer this: skip */
	FC_KAT_ERROR,       /* the library failed; why says how */
};

/* Why an operation did not return FC_KAT_OK, in the library's words. */
struct fc_kat_why {
	char text[256];
};
void fc_kat_whyf(struct fc_kat_why *w, const char *fmt, ...) FC_PRINTF(2, 3);

/* An EC key: coordinates and scalar as fixed-size big-endian strings
 * (fc_kat_curve_len bytes); d is NULL for a public key. */
struct fc_kat_ec_key {
	enum fc_kat_curve curve;
	const uint8_t *qx, *qy, *d;
};

/* An ECDSA signature in both encodings: der always; r and s (minimal
 * big-endian, no leading zero) only when der is a strict DER SEQUENCE of
 * two non-negative INTEGERs, else NULL: an adapter that needs r and s
 * then rejects, as such a library would. */
struct fc_kat_ecdsa_sig {
	const uint8_t *der, *r, *s;
	size_t der_len, r_len, s_len;
};

struct fc_kat_rsa_pub {
	const uint8_t *n, *e; /* minimal big-endian */
	size_t n_len, e_len;
};

struct fc_kat_drbg_step {
	bool reseed; /* else generate */
	const uint8_t *entropy, *add;
	size_t entropy_len, add_len;
};

struct fc_kat_drbg {
	enum fc_kat_drbg_kind kind;
	enum fc_kat_hash hash; /* HASH/HMAC DRBG */
	unsigned key_bits;     /* CTR DRBG: AES key size */
	bool df, pr;
	const uint8_t *entropy, *nonce, *pers;
	size_t entropy_len, nonce_len, pers_len;
	struct fc_kat_drbg_step steps[FC_KAT_DRBG_STEPS_MAX];
	size_t n_steps;
	size_t out_len; /* bytes of each generate */
};

/*
 * Every member returns enum fc_kat_rc and may be NULL (the library offers
 * none of it: skipped).  Output buffers are large enough for the result
 * named (a whole digest or MAC, the cipher text, out_len bytes).  a is the
 * adapter's own state.
 */
struct fc_kat_ops {
	int (*digest)(void *a, enum fc_kat_hash h, const uint8_t *msg,
		      size_t len, uint8_t *md, struct fc_kat_why *why);
	int (*hmac)(void *a, enum fc_kat_hash h, const uint8_t *key,
		    size_t key_len, const uint8_t *msg, size_t len,
		    uint8_t *mac, struct fc_kat_why *why);
	int (*cmac)(void *a, const uint8_t *key, size_t key_len,
		    const uint8_t *msg, size_t len, uint8_t mac[16],
		    struct fc_kat_why *why);
	/* ECB/CBC: len is a multiple of 16; CTR: any length, iv is the
	 * initial 128-bit counter block.  No padding. */
	int (*cipher)(void *a, enum fc_kat_cipher_mode m, bool decrypt,
		      const uint8_t *key, size_t key_len, const uint8_t *iv,
		      const uint8_t *in, size_t len, uint8_t *out,
		      struct fc_kat_why *why);
	/* Encrypt: writes out and tag_len bytes of tag.  Decrypt: checks
	 * tag, FC_KAT_REJECTED when it does not match. */
	int (*gcm)(void *a, bool decrypt, const uint8_t *key, size_t key_len,
		   const uint8_t *iv, size_t iv_len, const uint8_t *aad,
		   size_t aad_len, const uint8_t *in, size_t len, uint8_t *tag,
		   size_t tag_len, uint8_t *out, struct fc_kat_why *why);
	int (*hkdf)(void *a, enum fc_kat_hash h, const uint8_t *ikm,
		    size_t ikm_len, const uint8_t *salt, size_t salt_len,
		    const uint8_t *info, size_t info_len, uint8_t *out,
		    size_t out_len, struct fc_kat_why *why);
	int (*pbkdf2)(void *a, enum fc_kat_hash h, const uint8_t *pw,
		      size_t pw_len, const uint8_t *salt, size_t salt_len,
		      unsigned iterations, uint8_t *out, size_t out_len,
		      struct fc_kat_why *why);
	/* FC_KAT_OK: the signature verifies; FC_KAT_REJECTED: it does not
	 * (or the key is refused). */
	int (*ecdsa_verify)(void *a, const struct fc_kat_ec_key *k,
			    enum fc_kat_hash h, const uint8_t *msg, size_t len,
			    const struct fc_kat_ecdsa_sig *sig,
			    struct fc_kat_why *why);
	/* Sign with k->d; r and s are fixed-size (curve length).  Sets
	 * *deterministic when the nonce is RFC 6979's, so that r and s are
	 * known answers; otherwise the core verifies the signature instead. */
	int (*ecdsa_sign)(void *a, const struct fc_kat_ec_key *k,
			  enum fc_kat_hash h, const uint8_t *msg, size_t len,
			  bool *deterministic, uint8_t *r, uint8_t *s,
			  struct fc_kat_why *why);
	int (*rsa_verify)(void *a, const struct fc_kat_rsa_pub *k,
			  enum fc_kat_rsa_pad pad, enum fc_kat_hash h,
			  enum fc_kat_hash mgf, size_t salt_len,
			  const uint8_t *msg, size_t len, const uint8_t *sig,
			  size_t sig_len, struct fc_kat_why *why);
	/* priv: curve-length scalar; peer: an X9.62 point as given (the
	 * core unwraps a SubjectPublicKeyInfo); out: curve-length x. */
	int (*ecdh)(void *a, enum fc_kat_curve c, const uint8_t *priv,
		    const uint8_t *peer, size_t peer_len, uint8_t *out,
		    struct fc_kat_why *why);
	/* Run the whole ACVP procedure; out gets the last generate. */
	int (*drbg)(void *a, const struct fc_kat_drbg *d, uint8_t *out,
		    struct fc_kat_why *why);
};

/* --- the runner --------------------------------------------------------- */

struct fc_kat_opts {
	/* Only algorithms matching one of these globs (case-insensitive);
	 * NULL or empty: all. */
	const char *const *algorithms;
	bool bench;
	double seconds; /* --bench: measuring time per algorithm */
};

/* One report cell: an algorithm of one module. */
struct fc_kat_cell {
	char *alg;
	unsigned passed, failed, skipped;
	unsigned warned;     /* valid edge cases rejected (vector edge_case) */
	char *first_failure; /* "<vector>: <what went wrong>" */
	char *first_warning; /* likewise, for the first edge case rejected */
	char *skip_reason;   /* the first reason given */
	/* --bench */
	double ns_per_kat;   /* 0: not measured */
	double mb_per_s;     /* bulk algorithms; 0: not measured */
	unsigned long long bench_kats;
};

struct fc_kat_tally {
	struct fc_kat_cell *cells;
	size_t n;
	double run_ms; /* the whole correctness pass, wall time */
	unsigned long long kats;
};

void fc_kat_tally_free(struct fc_kat_tally *t);

/* Does alg match opts->algorithms? */
bool fc_kat_alg_selected(const struct fc_kat_opts *o, const char *alg);

/*
 * Run the vectors (in order; cells appear in first-seen order) through
 * ops.  Never stops early: every vector is tried and counted.
 */
void fc_kat_run(const struct fc_kat_ops *ops, void *a,
		const struct fc_kat_vector *const *v, size_t n,
		const struct fc_kat_opts *o, struct fc_kat_tally *t);

/*
 * Add the findings of a tally: <check_id>.<alg in lower case> per cell
 * (pass: all run passed; fail: any failed; skip: nothing could run) with
 * facts passed/failed/skipped, first_failure, skip_reason and the bench
 * figures.  Returns the number of failed vectors.
 */
unsigned fc_kat_report(struct fc_report *r, const char *check_id,
		       const char *module, const struct fc_kat_tally *t,
		       const struct fc_kat_opts *o);

/* Every algorithm (cell) name the core knows, NULL-terminated. */
extern const char *const fc_kat_algorithms[];

/* --- encodings the core handles for every adapter ---------------------------- */

/*
 * Strict DER of ECDSA-Sig-Value: SEQUENCE { INTEGER r, INTEGER s },
 * minimal lengths and integers, non-negative.  On success r and s point
 * into der (leading zero dropped).  Returns 0 or -EBADMSG.
 */
int fc_kat_der_sig_decode(const uint8_t *der, size_t len, const uint8_t **r,
			  size_t *r_len, const uint8_t **s, size_t *s_len) FC_WUR;
/* DER of (r, s) from big-endian unsigned values; returns the length
 * (out must hold 2 * len + 16 bytes). */
size_t fc_kat_der_sig_encode(const uint8_t *r, size_t r_len, const uint8_t *s,
			     size_t s_len, uint8_t *out);

/*
 * The X9.62 point inside a DER SubjectPublicKeyInfo whose algorithm is
 * id-ecPublicKey with the named curve c; -EBADMSG when it is not exactly
 * that (explicit parameters, another curve, trailing bytes).
 */
int fc_kat_spki_ec_point(const uint8_t *der, size_t len, enum fc_kat_curve c,
			 const uint8_t **point, size_t *point_len) FC_WUR;

/* Hex (either case) to bytes; -EBADMSG on an odd length or a non-hex
 * character.  *out is allocated (at least 1 byte), *len its length. */
int fc_kat_unhex(const char *hex, uint8_t **out, size_t *len) FC_WUR;

#endif
