// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The direct-API baseline of the self-test core for libgcrypt (tests/bench/
 * selftest-bench.sh), the counterpart of ossl-baseline.c: the compiled
 * vectors of HMAC-* and AES-GCM, every one (the --full tier), through
 * libgcrypt with the shortest code a programmer would write: gcry_mac per
 * HMAC case, one cipher handle per AES key size, reset and reused, for GCM.
 * Judged as the core judges (valid: the expected output, GCM encrypt then
 * decrypt; invalid: refused or different; acceptable: either), with the
 * core's own skip for GCM (a tag of no or more than 16 bytes; libgcrypt,
 * unlike OpenSSL, takes IVs of any length).  Run it with the system configuration: libgcrypt's FIPS
 * mode refuses some of these by policy, which the adapter counts as not
 * offered and this loop would count as failures.  Prints
 *   vectors N passed P failed F skipped S ms T
 * and exits 1 when one failed.
 */
#include <string.h>

#include <gcrypt.h>

#include "baseline.h"

static int mac_algo(enum fc_kat_hash h)
{
	static const int algos[FC_KAT_HASH_COUNT_] = {
		[FC_KAT_SHA1] = GCRY_MAC_HMAC_SHA1,
		[FC_KAT_SHA224] = GCRY_MAC_HMAC_SHA224,
		[FC_KAT_SHA256] = GCRY_MAC_HMAC_SHA256,
		[FC_KAT_SHA384] = GCRY_MAC_HMAC_SHA384,
		[FC_KAT_SHA512] = GCRY_MAC_HMAC_SHA512,
		[FC_KAT_SHA512_224] = GCRY_MAC_HMAC_SHA512_224,
		[FC_KAT_SHA512_256] = GCRY_MAC_HMAC_SHA512_256,
		[FC_KAT_SHA3_224] = GCRY_MAC_HMAC_SHA3_224,
		[FC_KAT_SHA3_256] = GCRY_MAC_HMAC_SHA3_256,
		[FC_KAT_SHA3_384] = GCRY_MAC_HMAC_SHA3_384,
		[FC_KAT_SHA3_512] = GCRY_MAC_HMAC_SHA3_512,
	};
	return h < FC_KAT_HASH_COUNT_ ? algos[h] : 0;
}

static bool hmac(const struct fc_kat_vector *v)
{
	size_t kl, ml, ol;
	const uint8_t *key = field(v, FC_KAT_F_KEY, &kl);
	const uint8_t *msg = field(v, FC_KAT_F_MSG, &ml);
	const uint8_t *want = field(v, FC_KAT_F_OUT, &ol);
	uint8_t mac[64];
	size_t n = sizeof(mac);
	gcry_mac_hd_t hd;
	bool ok = mac_algo(v->hash) && !gcry_mac_open(&hd, mac_algo(v->hash), 0, NULL);
	if (ok) {
		ok = !gcry_mac_setkey(hd, key, kl) && !gcry_mac_write(hd, msg, ml) &&
		     !gcry_mac_read(hd, mac, &n) && ol <= n && memcmp(mac, want, ol) == 0;
		gcry_mac_close(hd);
	}
	return judged(v, ok);
}

/* One pass of GCM; true when it succeeded (decrypt: the tag matched). */
static bool gcm_pass(gcry_cipher_hd_t hd, bool enc, const struct fc_kat_vector *v,
		     const uint8_t *in, size_t len, uint8_t *tag, size_t tl, uint8_t *out)
{
	size_t kl, il, al;
	const uint8_t *key = field(v, FC_KAT_F_KEY, &kl);
	const uint8_t *iv = field(v, FC_KAT_F_IV, &il);
	const uint8_t *aad = field(v, FC_KAT_F_AAD, &al);
	gcry_cipher_reset(hd);
	if (gcry_cipher_setkey(hd, key, kl) || gcry_cipher_setiv(hd, iv, il) ||
	    gcry_cipher_authenticate(hd, aad, al))
		return false;
	gcry_cipher_final(hd);
	if (enc ? gcry_cipher_encrypt(hd, out, len, in, len)
		: gcry_cipher_decrypt(hd, out, len, in, len))
		return false;
	return enc ? !gcry_cipher_gettag(hd, tag, tl) : !gcry_cipher_checktag(hd, tag, tl);
}

/* 1 passed, 0 failed, -1 skipped. */
static int gcm(const struct fc_kat_vector *v, gcry_cipher_hd_t aes[3])
{
	size_t kl, il, pl, cl, tl;
	field(v, FC_KAT_F_KEY, &kl);
	field(v, FC_KAT_F_IV, &il);
	const uint8_t *pt = field(v, FC_KAT_F_MSG, &pl);
	const uint8_t *ct = field(v, FC_KAT_F_OUT, &cl);
	const uint8_t *tag = field(v, FC_KAT_F_TAG, &tl);
	gcry_cipher_hd_t hd = kl == 16 ? aes[0] : kl == 24 ? aes[1] : kl == 32 ? aes[2] : NULL;
	if (tl == 0 || tl > 16)
		return v->expect == FC_KAT_VALID ? -1 : 1;
	if (!hd || il == 0)
		return judged(v, false);
	uint8_t out[4096], t[16];
	if (pl > sizeof(out) || cl > sizeof(out))
		return 0;
	if (v->expect == FC_KAT_VALID &&
	    (!gcm_pass(hd, true, v, pt, pl, t, tl, out) || pl != cl ||
	     memcmp(out, ct, cl) != 0 || memcmp(t, tag, tl) != 0))
		return 0;
	memcpy(t, tag, tl);
	bool ok = gcm_pass(hd, false, v, ct, cl, t, tl, out) && pl == cl &&
		  memcmp(out, pt, pl) == 0;
	return judged(v, ok);
}

/* The run, handles opened first (callgrind --toggle-collect=run). */
static __attribute__((noinline)) bool run(const struct fc_kat_vector *v, size_t n,
					   size_t count[3])
{
	static const int algos[3] = { GCRY_CIPHER_AES128, GCRY_CIPHER_AES192,
				      GCRY_CIPHER_AES256 };
	gcry_cipher_hd_t aes[3] = { NULL, NULL, NULL };
	bool ok = true;
	for (size_t i = 0; i < 3; i++)
		ok = ok && !gcry_cipher_open(&aes[i], algos[i], GCRY_CIPHER_MODE_GCM, 0);
	for (size_t i = 0; ok && i < n; i++) {
		bool is_gcm = v[i].op == FC_KAT_OP_GCM;
		if (v[i].skip || (!is_gcm && v[i].op != FC_KAT_OP_HMAC))
			continue;
		int r = is_gcm ? gcm(&v[i], aes) : hmac(&v[i]);
		count[r > 0 ? 0 : r == 0 ? 1 : 2]++;
	}
	for (size_t i = 0; i < 3; i++)
		gcry_cipher_close(aes[i]);
	return ok;
}

int main(void)
{
	size_t n = 0, count[3] = { 0 };
	struct fc_kat_vector *v = fc_kat_table_unpack(FC_KAT_TIER_FULL, &n);
	if (!gcry_check_version(NULL)) {
		fprintf(stderr, "gcry-baseline: libgcrypt does not initialise\n");
		return 2;
	}
	gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool ok = run(v, n, count);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(v);
	if (!ok) {
		fprintf(stderr, "gcry-baseline: no AES-GCM in libgcrypt\n");
		return 2;
	}
	return baseline_report(count, elapsed_ms(&t0, &t1));
}
