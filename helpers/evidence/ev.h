/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The evidence helper's internals (helpers/evidence/main.c).  The files
 * of helpers/evidence/ are linked only into that helper and into
 * tests/fuzz/fuzz-bundle.c, never into the parent: they use libcrypto
 * (crypto.c, the one adapter for OpenSSL's conventions) and libarchive
 * (bundle-write.c, bundle-read.c).  See src/parse/manifest.h for why.
 */
#ifndef FC_EV_H
#define FC_EV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "parse/manifest.h"
#include "base/util.h"

/* --- crypto.c: SHA-256 and signatures through OpenSSL EVP ------------- */

#define EV_SHA256_HEX 65

/* Hex of SHA-256(data); 0 or -EIO with *err (OpenSSL's reason). */
int ev_sha256_hex(const void *data, size_t len, char out[EV_SHA256_HEX],
		  char **err) FC_WUR;
/* SHA-256 of what fd holds, read to the end, at most max bytes
 * (-EFBIG beyond). */
int ev_sha256_fd(int fd, uint64_t max, char out[EV_SHA256_HEX],
		 uint64_t *bytes, char **err) FC_WUR;

/*
 * A signing key: a PEM private key, FIPS-approved for signatures here
 * (ECDSA on P-256 or P-384, RSA of 2048 bits or more, used with PSS), and
 * a certificate for it when the file holds one too.  Encrypted keys are
 * refused (the helper has no terminal to ask on).  -EINVAL with *err.
 */
struct ev_key {
	EVP_PKEY *pkey;
	X509 *cert;
};
int ev_key_load_private(const char *path, struct ev_key *out,
			char **err) FC_WUR;
/* A public key ("PUBLIC KEY") or certificate, PEM, from memory. */
int ev_key_load_public(const void *pem, size_t len, struct ev_key *out,
		       char **err) FC_WUR;
int ev_key_load_public_file(const char *path, struct ev_key *out,
			    char **err) FC_WUR;
void ev_key_clear(struct ev_key *k);

/* "ECDSA P-256 with SHA-256", "RSA-PSS 3072 with SHA-256". */
char *ev_key_algorithm(const struct ev_key *k);
/* SHA-256 of the DER SubjectPublicKeyInfo: the key's fingerprint. */
int ev_key_fingerprint(const struct ev_key *k, char out[EV_SHA256_HEX],
		       char **err) FC_WUR;
/* The certificate in PEM when there is one, else the public key. */
int ev_key_public_pem(const struct ev_key *k, char **pem, size_t *len,
		      char **err) FC_WUR;

int ev_sign(const struct ev_key *k, const void *msg, size_t len,
	    unsigned char **sig, size_t *sig_len, char **err) FC_WUR;
/* 0 when the signature holds, -EBADMSG when it does not, else -EIO. */
int ev_verify(const struct ev_key *k, const void *msg, size_t len,
	      const unsigned char *sig, size_t sig_len, char **err) FC_WUR;

/* --- members ------------------------------------------------------------ */

struct ev_member {
	char *name;
	unsigned char *data;
	size_t len;
	char sha256[EV_SHA256_HEX];
	bool regular;   /* a regular file entry (readers see others too) */
};

struct ev_members {
	struct ev_member *v;
	size_t n;
	size_t total;
};

void ev_members_add(struct ev_members *m, const char *name,
		    unsigned char *data, size_t len); /* takes data */
void ev_members_sort(struct ev_members *m);
const struct ev_member *ev_members_find(const struct ev_members *m,
					const char *name);
void ev_members_free(struct ev_members *m);

/* --- bundle-write.c ------------------------------------------------------ */

struct ev_pack {
	const char *out;      /* the bundle path */
	const char *compress; /* "gzip" or "zstd" */
	time_t mtime;         /* of every member */
	const struct ev_key *key; /* NULL: unsigned */
};

struct ev_packed {
	uint64_t bytes;
	size_t members;
	char manifest_sha256[EV_SHA256_HEX];
	char *algorithm;  /* NULL when unsigned */
	char key_sha256[EV_SHA256_HEX];
};

/*
 * Hash the members, add MANIFEST (and signer.pem and MANIFEST.sig with a
 * key), and write the archive: to a temporary file beside o->out, mode
 * 0600, fsynced, then renamed over o->out and the directory fsynced.  On
 * any error the temporary file is removed and *err names the cause.
 * Takes the members (they are sorted and extended).
 */
int ev_pack_write(const struct ev_pack *o, struct ev_members *m,
		  struct ev_packed *res, char **err) FC_WUR;
void ev_packed_clear(struct ev_packed *p);

/* --- bundle-read.c ------------------------------------------------------- */

enum ev_state {
	EV_STATE_OK,
	EV_STATE_MISMATCH, /* digest differs from MANIFEST's */
	EV_STATE_UNLISTED, /* in the archive, not in MANIFEST */
	EV_STATE_MISSING,  /* in MANIFEST, not in the archive */
	EV_STATE_INVALID,  /* not a regular file, a bad or repeated name */
};
const char *ev_state_name(enum ev_state s);

struct ev_member_check {
	char *name;
	enum ev_state state;
	char sha256[EV_SHA256_HEX]; /* what it holds ("" when missing) */
	char listed[EV_SHA256_HEX]; /* what MANIFEST says ("" when unlisted) */
	uint64_t bytes;
};

enum ev_sig_state {
	EV_SIG_ABSENT,   /* unsigned and no key asked for it */
	EV_SIG_OK,
	EV_SIG_BAD,      /* present, does not verify */
	EV_SIG_REQUIRED, /* --key given but the bundle is unsigned */
	EV_SIG_NO_KEY,   /* signed, but no key: no signer.pem, no --key */
};
const char *ev_sig_state_name(enum ev_sig_state s);

struct ev_verification {
	char *compression;    /* "gzip", "zstd", ... */
	char *damage;         /* the archive could not be read to its end */
	bool manifest_ok;
	char *manifest_problem;
	struct ev_member_check *checks; /* archive order, then missing ones */
	size_t n_checks;
	enum ev_sig_state sig;
	char *sig_algorithm;
	char key_sha256[EV_SHA256_HEX];
	bool key_given;       /* checked against the caller's key */
	char *sig_problem;
	char *first_problem;  /* the first thing that does not hold */
	bool ok;              /* everything holds */
	const struct ev_member *report; /* report.json, when present */
};

/*
 * Read a whole bundle into memory (bounded by FC_EV_MAX_*) from a file or
 * a buffer.  A damaged or truncated archive is not an error here: what
 * was read is kept and v->damage says what went wrong and where.  -errno
 * only when the file cannot be opened.
 */
int ev_bundle_read_file(const char *path, struct ev_members *m,
			struct ev_verification *v, char **err) FC_WUR;
int ev_bundle_read_memory(const void *buf, size_t len, struct ev_members *m,
			  struct ev_verification *v);
/*
 * Check every member against MANIFEST and the signature (with trusted
 * when given, else with the bundle's own signer.pem); fills v, whose
 * first_problem names the first thing that does not hold (the order is
 * in bundle-read.c).
 */
void ev_bundle_verify(const struct ev_members *m, const struct ev_key *trusted,
		      struct ev_verification *v);
void ev_verification_clear(struct ev_verification *v);

#endif
