// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TEST DOUBLE, never installed: makes one library compute one algorithm
 * wrongly, for the self-test core's fault-injection tests
 * (tests/selftest/test-selftest.sh).  A correct library cannot be
 * made to give a wrong answer on demand, so this shim, loaded with
 * LD_PRELOAD into fipsctl and inherited by its probe helpers, wraps one
 * library call:
 *
 *   FIPSCTL_TEST_KAT_FAULT=openssl-sha256   EVP_DigestFinal_ex flips a bit
 *                                           of every SHA2-256 digest
 *                          openssl-verify   EVP_DigestVerify accepts every
 *                                           signature
 *                          openssl-abort    EVP_DigestFinal_ex abort()s on
 *                                           SHA2-256
 *                          gcrypt-sha256    gcry_md_read flips a bit of every
 *                                           SHA2-256 digest
 *
 * It acts only in processes forked from a probe helper (the self-test
 * child: getpid() differs from the pid recorded when the helper was
 * exec'd), so the helpers' status probes see the real library.  Library
 * functions are found with dlsym, so the shim loads into processes that
 * link neither library (fipsctl itself).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pid_t exec_pid;

__attribute__((constructor)) static void kat_fault_init(void)
{
	exec_pid = getpid();
}

static bool active(const char *what)
{
	const char *f = getenv("FIPSCTL_TEST_KAT_FAULT");
	return f && strcmp(f, what) == 0 && getpid() != exec_pid &&
	       strncmp(program_invocation_short_name, "fipsctl-probe-", 14) == 0;
}

static void *next(const char *sym)
{
	void *p = dlsym(RTLD_NEXT, sym);
	if (!p) {
		fprintf(stderr, "kat-fault: %s not found\n", sym);
		abort();
	}
	return p;
}

/* NID_sha256, from <openssl/obj_mac.h>; GCRY_MD_SHA256 from <gcrypt.h>. */
#define NID_SHA256 672
#define GCRY_SHA256 8

static bool is_ossl_sha256(void *ctx)
{
	void *(*get0_md)(void *) = next("EVP_MD_CTX_get0_md");
	int (*get_type)(const void *) = next("EVP_MD_get_type");
	const void *md = get0_md(ctx);
	return md && get_type(md) == NID_SHA256;
}

int EVP_DigestFinal_ex(void *ctx, unsigned char *md, unsigned int *s);
int EVP_DigestFinal_ex(void *ctx, unsigned char *md, unsigned int *s)
{
	int (*real)(void *, unsigned char *, unsigned int *) =
		next("EVP_DigestFinal_ex");
	bool sha256 = (active("openssl-sha256") || active("openssl-abort")) &&
		      is_ossl_sha256(ctx);
	if (sha256 && active("openssl-abort"))
		abort();
	int r = real(ctx, md, s);
	if (sha256 && r == 1)
		md[0] ^= 0x01;
	return r;
}

int EVP_DigestVerify(void *ctx, const unsigned char *sig, size_t siglen,
		     const unsigned char *tbs, size_t tbslen);
int EVP_DigestVerify(void *ctx, const unsigned char *sig, size_t siglen,
		     const unsigned char *tbs, size_t tbslen)
{
	int (*real)(void *, const unsigned char *, size_t, const unsigned char *,
		    size_t) = next("EVP_DigestVerify");
	if (active("openssl-verify"))
		return 1;
	return real(ctx, sig, siglen, tbs, tbslen);
}

unsigned char *gcry_md_read(void *hd, int algo);
unsigned char *gcry_md_read(void *hd, int algo)
{
	unsigned char *(*real)(void *, int) = next("gcry_md_read");
	unsigned char *d = real(hd, algo);
	if (d && algo == GCRY_SHA256 && active("gcrypt-sha256"))
		d[0] ^= 0x01;
	return d;
}
