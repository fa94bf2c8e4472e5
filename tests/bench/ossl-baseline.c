// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The direct-API baseline of the self-test core (tests/bench/
 * selftest-bench.sh): the compiled vectors of HMAC-* and AES-GCM, every
 * one (the --full tier), through OpenSSL with the shortest code a
 * programmer would write: EVP_Q_mac per HMAC case, one EVP_CIPHER fetched
 * per AES key size and one context reused for GCM.  Instruction counts, for
 * a figure the machine's load does not move:
 *   valgrind --tool=callgrind --toggle-collect=run ossl-baseline
 *   valgrind --tool=callgrind --trace-children=yes --toggle-collect=fc_kat_run \
 *     fipsctl selftest --full --module openssl --algorithm 'HMAC-*,AES-GCM'  Valid cases must give
 * the expected output (GCM: encrypt, then decrypt), invalid ones must be
 * refused or differ, acceptable ones may do either; as the core judges
 * them (src/kat/kat-run-hash.c, kat-run-cipher.c).  Prints
 *   vectors N passed P failed F skipped S ms T
 * for the run (fetches and loop), as the core's run_ms, and exits 1 when
 * one failed.
 *   ossl-baseline [PROPQ]
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "baseline.h"

static const char *md(enum fc_kat_hash h)
{
	static const char *names[FC_KAT_HASH_COUNT_] = {
		[FC_KAT_SHA1] = "SHA1",	       [FC_KAT_SHA224] = "SHA224",
		[FC_KAT_SHA256] = "SHA256",	       [FC_KAT_SHA384] = "SHA384",
		[FC_KAT_SHA512] = "SHA512",	       [FC_KAT_SHA512_224] = "SHA512-224",
		[FC_KAT_SHA512_256] = "SHA512-256", [FC_KAT_SHA3_224] = "SHA3-224",
		[FC_KAT_SHA3_256] = "SHA3-256",     [FC_KAT_SHA3_384] = "SHA3-384",
		[FC_KAT_SHA3_512] = "SHA3-512",
	};
	return h < FC_KAT_HASH_COUNT_ ? names[h] : NULL;
}

static bool hmac(const struct fc_kat_vector *v, const char *propq)
{
	size_t kl, ml, ol, n = 0;
	const uint8_t *key = field(v, FC_KAT_F_KEY, &kl);
	const uint8_t *msg = field(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = field(v, FC_KAT_F_OUT, &ol);
	uint8_t mac[64];
	bool ok = EVP_Q_mac(NULL, "HMAC", propq, md(v->hash), NULL, key, kl,
			    msg, ml, mac, sizeof(mac), &n) &&
		  ol <= n && memcmp(mac, want, ol) == 0;
	return judged(v, ok);
}

/* One pass of GCM; true when it succeeded (decrypt: the tag matched). */
static bool gcm_pass(EVP_CIPHER_CTX *c, const EVP_CIPHER *ci, bool enc,
		     const struct fc_kat_vector *v, const uint8_t *in,
		     size_t len, uint8_t *tag, size_t tl, uint8_t *out)
{
	size_t kl, il, al;
	const uint8_t *key = field(v, FC_KAT_F_KEY, &kl);
	const uint8_t *iv = field(v, FC_KAT_F_IV, &il);
	const uint8_t *aad = field(v, FC_KAT_F_AAD, &al);
	int n = 0;
	if (EVP_CipherInit_ex(c, ci, NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, (int)il, NULL) != 1 ||
	    EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) != 1 ||
	    (al && EVP_CipherUpdate(c, NULL, &n, aad, (int)al) != 1) ||
	    (len && EVP_CipherUpdate(c, out, &n, in, (int)len) != 1))
		return false;
	if (!enc && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, (int)tl, tag) != 1)
		return false;
	if (EVP_CipherFinal_ex(c, out + n, &n) != 1)
		return false;
	return !enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, (int)tl, tag) == 1;
}

/* 1 passed, 0 failed, -1 skipped. */
static int gcm(const struct fc_kat_vector *v, EVP_CIPHER *const aes[3],
	       EVP_CIPHER_CTX *c)
{
	size_t kl, il, pl, cl, tl;
	field(v, FC_KAT_F_KEY, &kl);
	field(v, FC_KAT_F_IV, &il);
	const uint8_t *pt = field(v, FC_KAT_F_MSG, &pl);
	const uint8_t *ct = field(v, FC_KAT_F_OUT, &cl);
	const uint8_t *tag = field(v, FC_KAT_F_TAG, &tl);
	const EVP_CIPHER *ci = kl == 16 ? aes[0] : kl == 24 ? aes[1] : kl == 32 ? aes[2] : NULL;
	/* What the core and the OpenSSL adapter settle before the library
	 * (kat-run-cipher.c, helpers/openssl/selftest.c): a tag of no or
	 * more than 16 bytes and an IV over 128 bytes are skipped when valid,
	 * no such key and an empty IV refused. */
	if (tl == 0 || tl > 16 || il > 128)
		return v->expect == FC_KAT_VALID ? -1 : 1;
	if (!ci || il == 0)
		return judged(v, false);
	uint8_t out[4096], t[16];
	if (pl > sizeof(out) || cl > sizeof(out))
		return 0;
	if (v->expect == FC_KAT_VALID &&
	    (!gcm_pass(c, ci, true, v, pt, pl, t, tl, out) || pl != cl ||
	     memcmp(out, ct, cl) != 0 || memcmp(t, tag, tl) != 0))
		return false;
	memcpy(t, tag, tl);
	bool ok = gcm_pass(c, ci, false, v, ct, cl, t, tl, out) && pl == cl &&
		  memcmp(out, pt, pl) == 0;
	return judged(v, ok);
}

/* The run: the ciphers fetched, then the loop; a function of its own so
 * that instruction counts (valgrind --tool=callgrind --toggle-collect=run)
 * take just it.  The fetches count, as the core's run pays its first
 * fetches (OpenSSL builds its method store on the first one).  false when
 * OpenSSL has no AES-GCM. */
static __attribute__((noinline)) bool run(const struct fc_kat_vector *v, size_t n,
					   const char *propq, size_t count[3])
{
	EVP_CIPHER *aes[3] = {
		EVP_CIPHER_fetch(NULL, "AES-128-GCM", propq),
		EVP_CIPHER_fetch(NULL, "AES-192-GCM", propq),
		EVP_CIPHER_fetch(NULL, "AES-256-GCM", propq),
	};
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	bool ok = aes[0] && aes[1] && aes[2] && c;
	for (size_t i = 0; ok && i < n; i++) {
		bool is_gcm = v[i].op == FC_KAT_OP_GCM;
		if (v[i].skip || (!is_gcm && v[i].op != FC_KAT_OP_HMAC))
			continue;
		int r = is_gcm ? gcm(&v[i], aes, c) : hmac(&v[i], propq);
		count[r > 0 ? 0 : r == 0 ? 1 : 2]++;
	}
	EVP_CIPHER_CTX_free(c);
	for (size_t i = 0; i < 3; i++)
		EVP_CIPHER_free(aes[i]);
	return ok;
}

int main(int argc, char **argv)
{
	const char *propq = argc > 1 ? argv[1] : NULL;
	size_t n = 0, count[3] = { 0 };
	struct fc_kat_vector *v = fc_kat_table_unpack(FC_KAT_TIER_FULL, &n);
	/* The configuration loaded before the run, as the OpenSSL helper
	 * does (helpers/openssl/selftest.c). */
	OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool ok = run(v, n, propq, count);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(v);
	if (!ok) {
		fprintf(stderr, "ossl-baseline: no AES-GCM in OpenSSL\n");
		return 2;
	}
	return baseline_report(count, elapsed_ms(&t0, &t1));
}
